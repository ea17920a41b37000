from django.urls import path

from ..views import register

app_name = "register"

urlpatterns = [
    path("<slug:slug>/", register.project_detail, name="project"),
]
