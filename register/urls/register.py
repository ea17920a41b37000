from django.urls import path

from ..views import register

app_name = "register"

urlpatterns = [
    path("", register.project_list, name="list"),
    path("<slug:slug>/", register.project_detail, name="project"),
]
