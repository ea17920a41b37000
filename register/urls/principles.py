from django.urls import path

from ..views import principles as views

app_name = "principles"

urlpatterns = [
    path("", views.PrincipleListView.as_view(), name="list"),
    path("<int:number>/", views.PrincipleDetailView.as_view(), name="detail"),
]
