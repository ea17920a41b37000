"""The ATRS pages. Record downloads sit under the record's address on the register."""

from django.urls import path

from . import views

app_name = "atrs"

urlpatterns = [
    path("open-data/atrs/", views.crosswalk_page, name="crosswalk"),
    path("register/<slug:slug>/atrs.xlsx", views.record_workbook, name="record_xlsx"),
    path("register/<slug:slug>/atrs.json", views.record_json, name="record_json"),
    path("projects/new/from-atrs/", views.import_record, name="import"),
    path("projects/<int:pk>/from-atrs/", views.imported, name="imported"),
]
