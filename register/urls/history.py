"""A record's public history, under /register/<slug>/: every published version, as it was."""

from django.urls import path

from ..views import history

app_name = "history"

urlpatterns = [
    path("<slug:slug>/history/", history.project_history, name="list"),
    path("<slug:slug>/versions/<int:version>/", history.project_version, name="version"),
]
