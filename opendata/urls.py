from django.urls import path

from . import views as open_data

app_name = "open_data"

urlpatterns = [
    path("register.json", open_data.register_json, name="register_json"),
    path("register.csv", open_data.register_csv_download, name="register_csv"),
    path("register.schema.json", open_data.schema_json, name="schema"),
    # Not /register/<slug>/ (the project's page): the suffix keeps the two apart.
    path("register/<slug:slug>.json", open_data.project_json, name="project_json"),
    path("feed/", open_data.RegisterFeed(), name="feed"),
    path("open-data/", open_data.open_data_page, name="open_data"),
]
