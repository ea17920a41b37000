from django.urls import path

from . import views as open_data

app_name = "open_data"

urlpatterns = [
    path("register.json", open_data.register_json, name="register_json"),
    path("register.csv", open_data.register_csv_download, name="register_csv"),
    path("register.xlsx", open_data.register_xlsx_download, name="register_xlsx"),
    path("register-history.json", open_data.register_history_json, name="register_history"),
    path("register.schema.json", open_data.schema_json, name="schema"),
    path("register.v1.schema.json", open_data.schema_v1_json, name="schema_v1"),
    # Not /register/<slug>/ (the project's page): the suffix keeps the two apart.
    path("register/<slug:slug>.json", open_data.project_json, name="project_json"),
    path(
        "register/<slug:slug>/versions.json",
        open_data.project_versions_json,
        name="project_versions",
    ),
    path("feed/", open_data.RegisterFeed(), name="feed"),
    path("open-data/", open_data.open_data_page, name="open_data"),
]
