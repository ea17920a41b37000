from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("new/", views.new_search_alert, name="new"),
    path("follow/<slug:slug>/", views.follow_project, name="follow"),
    path("check-your-email/", views.sent, name="sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/", views.request_link, name="request_link"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/<int:pk>/", views.change, name="change"),
]
