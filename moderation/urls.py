"""Every staff screen, under /moderation/: projects, organisations, and residents' questions and
concerns. Every view is for moderators only. The URL names keep their two namespaces
(``moderation:`` and ``concern_moderation:``)."""

from django.urls import include, path

from .views import concerns, organisations, projects, teams

project_patterns = [
    path("", projects.queue, name="queue"),
    path(
        "changes-requested/",
        projects.projects_tab,
        {"tab": "moderation:changes_requested"},
        name="changes_requested",
    ),
    path("published/", projects.projects_tab, {"tab": "moderation:published"}, name="published"),
    path("withdrawn/", projects.projects_tab, {"tab": "moderation:withdrawn"}, name="withdrawn"),
    path("projects/<int:pk>/", projects.review, name="review"),
    path("projects/<int:pk>/publish/", projects.publish, name="publish"),
    path("projects/<int:pk>/request-changes/", projects.request_changes, name="request_changes"),
    path("projects/<int:pk>/withdraw/", projects.withdraw, name="withdraw"),
    path("organisations/", organisations.organisations, name="organisations"),
    path("organisations/all/", organisations.all_organisations, name="all_organisations"),
    path("organisations/<slug:slug>/", organisations.organisation_detail, name="organisation"),
    path(
        "organisations/<slug:slug>/verify/",
        organisations.verify_organisation,
        name="verify_organisation",
    ),
    path(
        "organisations/<slug:slug>/signature/",
        organisations.record_signature,
        name="record_signature",
    ),
    path(
        "organisations/<slug:slug>/merge/",
        organisations.merge_organisation,
        name="merge_organisation",
    ),
    path("teams/", teams.team_queues, name="teams"),
    path("teams/requests/<int:request_id>/", teams.team_request, name="team_request"),
    path("teams/domains/<int:domain_id>/confirm/", teams.confirm_domain, name="confirm_domain"),
    path("teams/signatures/<int:signature_id>/", teams.team_signature, name="team_signature"),
]

concern_patterns = [
    path("", concerns.concern_list, name="list"),
    path("<int:pk>/", concerns.concern_detail, name="detail"),
]

urlpatterns = [
    path("concerns/", include((concern_patterns, "concern_moderation"))),
    path("", include((project_patterns, "moderation"))),
]
