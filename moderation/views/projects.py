"""Charter staff's pages about projects: the work queue, the review page and its actions.

Every view here is wrapped in ``moderator_required`` (projects.permissions). Views parse the
request, call one service or selector, and render or redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from projects import selectors, services
from projects.diff import version_changes
from projects.models import PublicationState
from projects.permissions import moderator_required
from projects.questions import SECTIONS

from ..forms import PublishForm, RequestChangesForm, WithdrawForm
from .tabs import render_tab

STATE_TABS = {
    "moderation:changes_requested": PublicationState.CHANGES_REQUESTED,
    "moderation:published": PublicationState.PUBLISHED,
    "moderation:withdrawn": PublicationState.WITHDRAWN,
}


@moderator_required
def queue(request):
    return render_tab(
        request,
        "moderation:queue",
        "moderation/queue.html",
        {"projects": selectors.moderation_queue()},
    )


@moderator_required
def projects_tab(request, tab: str):
    return render_tab(
        request,
        tab,
        "moderation/project_list.html",
        {"projects": selectors.projects_in_state(STATE_TABS[tab]), "state": STATE_TABS[tab]},
    )


# --- reviewing a project version ------------------------------------------------------------


def _render_review(request, pk: int, **forms):
    project = selectors.project_for_review(pk)
    published = (
        selectors.published_version_of(project)
        if project.publication_state == PublicationState.SUBMITTED
        else None
    )
    context = {
        "project": project,
        "sections": SECTIONS,
        "published": published,
        "changes": version_changes(published, project) if published else None,
        "events": selectors.moderation_events(project),
        "problems": project.problems()
        if project.publication_state == PublicationState.SUBMITTED
        else {},
        "publish_form": forms.get("publish_form") or PublishForm(),
        "changes_form": forms.get("changes_form") or RequestChangesForm(),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "form_with_errors": next((form for form in forms.values() if form.errors), None),
    }
    return render(request, "moderation/review.html", context)


@moderator_required
def review(request, pk: int):
    return _render_review(request, pk)


def _refused(request, pk: int, error: Exception):
    """A move the state machine refused, or a version with answers missing: say so plainly."""
    if isinstance(error, services.ProjectNotReady):
        messages.error(
            request,
            "This project cannot be published until its answers are complete: "
            + "; ".join(error.problems.values()),
        )
    else:
        messages.error(request, f"Nothing was changed. {error}.")
    return redirect("moderation:review", pk=pk)


@moderator_required
@require_POST
def publish(request, pk: int):
    project = selectors.project_for_review(pk)
    try:
        services.publish_project(project=project, moderator=request.user)
    except (services.InvalidMove, services.ProjectNotReady) as error:
        return _refused(request, pk, error)
    messages.success(request, f"“{project.title}” is published on the register")
    return redirect("moderation:queue")


@moderator_required
@require_POST
def request_changes(request, pk: int):
    project = selectors.project_for_review(pk)
    form = RequestChangesForm(request.POST)
    if not form.is_valid():
        return _render_review(request, pk, changes_form=form)
    try:
        services.request_changes(
            project=project, moderator=request.user, message=form.cleaned_data["message"]
        )
    except services.InvalidMove as error:
        return _refused(request, pk, error)
    messages.success(request, f"Changes requested to “{project.title}”; the submitter is told")
    return redirect("moderation:queue")


@moderator_required
@require_POST
def withdraw(request, pk: int):
    project = selectors.project_for_review(pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        return _render_review(request, pk, withdraw_form=form)
    try:
        services.withdraw_project(
            project=project, moderator=request.user, reason=form.cleaned_data["reason"]
        )
    except services.InvalidMove as error:
        return _refused(request, pk, error)
    messages.success(request, f"“{project.title}” is withdrawn from the register")
    return redirect("moderation:withdrawn")
