from django.urls import path

from . import moderation

app_name = "concern_moderation"

urlpatterns = [
    path("", moderation.concern_list, name="list"),
    path("<int:pk>/", moderation.concern_detail, name="detail"),
]
