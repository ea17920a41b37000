"""Charter staff's pages: the work queue, the review page and its actions, organisations.

Every view here is wrapped in ``moderator_required`` (projects.permissions). Views parse the
request, call one service or selector, and render or redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from organisations import services as organisation_services
from organisations.models import Organisation

from .. import selectors, services
from ..diff import version_changes
from ..forms.moderation import (
    MergeOrganisationForm,
    PublishForm,
    RequestChangesForm,
    SignatureForm,
    VerifyOrganisationForm,
    WithdrawForm,
)
from ..models import PublicationState
from ..permissions import moderator_required
from ..questions import SECTIONS

# The tabs of the work queue: (URL name, label). The first is the queue itself.
TABS = [
    ("moderation:queue", "Waiting for review"),
    ("moderation:changes_requested", "Changes requested"),
    ("moderation:published", "Published"),
    ("moderation:withdrawn", "Withdrawn"),
    ("moderation:organisations", "Unverified organisations"),
    ("moderation:teams", "Teams and signatures"),
    ("concern_moderation:list", "Questions and concerns"),
]

STATE_TABS = {
    "moderation:changes_requested": PublicationState.CHANGES_REQUESTED,
    "moderation:published": PublicationState.PUBLISHED,
    "moderation:withdrawn": PublicationState.WITHDRAWN,
}


def render_tab(request, tab: str, template: str, context: dict):
    return render(
        request,
        template,
        {"tabs": TABS, "current_tab": tab, "tab_label": dict(TABS)[tab], **context},
    )


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


# --- organisations --------------------------------------------------------------------------


@moderator_required
def organisations(request):
    return render_tab(
        request,
        "moderation:organisations",
        "moderation/organisation_list.html",
        {"organisations": Organisation.objects.unverified().order_by("created_at", "pk")},
    )


@moderator_required
def all_organisations(request):
    return render_tab(
        request,
        "moderation:organisations",
        "moderation/organisation_list.html",
        {"organisations": Organisation.objects.order_by("name"), "showing_all": True},
    )


def _render_organisation(request, organisation: Organisation, **forms):
    context = {
        "organisation": organisation,
        "members": organisation.memberships.select_related("user").order_by("user__email"),
        "project_roles": organisation.project_roles.select_related("project")
        .exclude(project__publication_state=PublicationState.SUPERSEDED)
        .order_by("project__title"),
        "verify_form": forms.get("verify_form") or VerifyOrganisationForm(),
        "signature_form": forms.get("signature_form") or SignatureForm(),
        "merge_form": forms.get("merge_form") or MergeOrganisationForm(duplicate=organisation),
        "form_with_errors": next((form for form in forms.values() if form.errors), None),
    }
    return render(request, "moderation/organisation_detail.html", context)


@moderator_required
def organisation_detail(request, slug: str):
    return _render_organisation(request, get_object_or_404(Organisation, slug=slug))


@moderator_required
@require_POST
def verify_organisation(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    organisation_services.verify_organisation(organisation=organisation, moderator=request.user)
    messages.success(request, f"{organisation.name} is verified")
    return redirect("moderation:organisation", slug=organisation.slug)


@moderator_required
@require_POST
def record_signature(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    form = SignatureForm(request.POST)
    if not form.is_valid():
        return _render_organisation(request, organisation, signature_form=form)
    organisation_services.record_signature(
        organisation=organisation, signed_on=form.cleaned_data["signed_on"], moderator=request.user
    )
    messages.success(
        request,
        f"{organisation.name} signed the Charter on "
        f"{date_format(form.cleaned_data['signed_on'], 'j F Y')}",
    )
    return redirect("moderation:organisation", slug=organisation.slug)


@moderator_required
@require_POST
def merge_organisation(request, slug: str):
    duplicate = get_object_or_404(Organisation, slug=slug)
    form = MergeOrganisationForm(request.POST, duplicate=duplicate)
    if not form.is_valid():
        return _render_organisation(request, duplicate, merge_form=form)
    into = form.cleaned_data["into"]
    organisation_services.merge_organisations(
        duplicate=duplicate, into=into, moderator=request.user
    )
    messages.success(request, f"{duplicate.name} is merged into {into.name}")
    return redirect("moderation:organisation", slug=into.slug)
