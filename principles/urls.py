from django.urls import path

from . import views

app_name = "principles"

urlpatterns = [
    path("", views.PrincipleListView.as_view(), name="list"),
    path("<int:number>/", views.PrincipleDetailView.as_view(), name="detail"),
]
