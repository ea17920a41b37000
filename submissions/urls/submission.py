from django.urls import path

from ..views import submission

app_name = "submission"

urlpatterns = [
    path("", submission.project_list, name="list"),
    path("new/", submission.project_new, name="new"),
    path("<int:pk>/", submission.project_detail, name="project"),
    path("<int:pk>/sections/<slug:slug>/", submission.section, name="section"),
    path("<int:pk>/check/", submission.check_answers, name="check"),
    path("<int:pk>/new-version/", submission.new_version, name="new_version"),
]
