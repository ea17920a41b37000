from django.urls import path

from ..views import concerns as views

app_name = "concerns"

urlpatterns = [
    path("<slug:slug>/ask/", views.ask, name="ask"),
    path("<slug:slug>/ask/sent/", views.sent, name="sent"),
]
