from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.team, name="team"),
    path("<slug:slug>/requests/<int:request_id>/", views.decide_request, name="request"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/resend/",
        views.resend_invitation,
        name="resend_invitation",
    ),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/cancel/",
        views.cancel_invitation,
        name="cancel_invitation",
    ),
    path("<slug:slug>/members/<int:member_id>/", views.member, name="member"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/domains/", views.domains, name="domains"),
    path("<slug:slug>/domains/<int:domain_id>/remove/", views.remove_domain, name="remove_domain"),
    path("<slug:slug>/sign/", views.sign, name="sign"),
    path("<slug:slug>/history/", views.history, name="history"),
]
