"""Charter staff's pages, under /moderation/. Every view is for moderators only."""

from django.urls import path

from ..views import moderation, moderation_teams

app_name = "moderation"

urlpatterns = [
    path("", moderation.queue, name="queue"),
    path(
        "changes-requested/",
        moderation.projects_tab,
        {"tab": "moderation:changes_requested"},
        name="changes_requested",
    ),
    path("published/", moderation.projects_tab, {"tab": "moderation:published"}, name="published"),
    path("withdrawn/", moderation.projects_tab, {"tab": "moderation:withdrawn"}, name="withdrawn"),
    path("projects/<int:pk>/", moderation.review, name="review"),
    path("projects/<int:pk>/publish/", moderation.publish, name="publish"),
    path("projects/<int:pk>/request-changes/", moderation.request_changes, name="request_changes"),
    path("projects/<int:pk>/withdraw/", moderation.withdraw, name="withdraw"),
    path("organisations/", moderation.organisations, name="organisations"),
    path("organisations/all/", moderation.all_organisations, name="all_organisations"),
    path("organisations/<slug:slug>/", moderation.organisation_detail, name="organisation"),
    path(
        "organisations/<slug:slug>/verify/",
        moderation.verify_organisation,
        name="verify_organisation",
    ),
    path(
        "organisations/<slug:slug>/signature/",
        moderation.record_signature,
        name="record_signature",
    ),
    path(
        "organisations/<slug:slug>/merge/",
        moderation.merge_organisation,
        name="merge_organisation",
    ),
    path("teams/", moderation_teams.team_queues, name="teams"),
    path("teams/requests/<int:request_id>/", moderation_teams.team_request, name="team_request"),
    path(
        "teams/domains/<int:domain_id>/confirm/",
        moderation_teams.confirm_domain,
        name="confirm_domain",
    ),
    path(
        "teams/signatures/<int:signature_id>/",
        moderation_teams.team_signature,
        name="team_signature",
    ),
]
