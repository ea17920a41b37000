from django.urls import path

from ..views import reviews

app_name = "reviews"

urlpatterns = [
    path("<int:pk>/review/", reviews.confirm_review, name="confirm"),
]
