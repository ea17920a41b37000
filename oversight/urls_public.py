from django.urls import path

from . import public

app_name = "figures"

urlpatterns = [
    path("", public.register_figures, name="register"),
]
