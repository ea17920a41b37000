from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("", views.oversight_page, name="page"),
    path("figures.csv", views.figures_csv, name="csv"),
]
