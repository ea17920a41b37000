"""Charter staff's pages about organisations: the ones waiting to be verified, each
organisation's page, and verifying, recording a signature and merging a duplicate."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from organisations import selectors as organisation_selectors
from organisations import services as organisation_services
from organisations import teams
from organisations.models import Organisation
from projects import selectors as project_selectors
from projects.permissions import moderator_required

from ..forms import MergeOrganisationForm, SignatureForm, VerifyOrganisationForm
from .tabs import render_tab


@moderator_required
def organisations(request):
    return render_tab(
        request,
        "moderation:organisations",
        "moderation/organisation_list.html",
        {"organisations": organisation_selectors.unverified_organisations()},
    )


@moderator_required
def all_organisations(request):
    return render_tab(
        request,
        "moderation:organisations",
        "moderation/organisation_list.html",
        {"organisations": organisation_selectors.all_organisations(), "showing_all": True},
    )


def _render_organisation(request, organisation: Organisation, **forms):
    context = {
        "organisation": organisation,
        "members": organisation_selectors.members(organisation),
        "project_roles": project_selectors.organisation_project_roles(organisation),
        "events": teams.team_events(organisation)[:50],
        "verify_form": forms.get("verify_form") or VerifyOrganisationForm(),
        "signature_form": forms.get("signature_form") or SignatureForm(),
        "merge_form": forms.get("merge_form") or MergeOrganisationForm(duplicate=organisation),
        "form_with_errors": next((form for form in forms.values() if form.errors), None),
    }
    return render(request, "moderation/organisation_detail.html", context)


@moderator_required
def organisation_detail(request, slug: str):
    return _render_organisation(request, organisation_selectors.organisation(slug))


@moderator_required
@require_POST
def verify_organisation(request, slug: str):
    organisation = organisation_selectors.organisation(slug)
    organisation_services.verify_organisation(organisation=organisation, moderator=request.user)
    messages.success(request, f"{organisation.name} is verified")
    return redirect("moderation:organisation", slug=organisation.slug)


@moderator_required
@require_POST
def record_signature(request, slug: str):
    organisation = organisation_selectors.organisation(slug)
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
    duplicate = organisation_selectors.organisation(slug)
    form = MergeOrganisationForm(request.POST, duplicate=duplicate)
    if not form.is_valid():
        return _render_organisation(request, duplicate, merge_form=form)
    into = form.cleaned_data["into"]
    organisation_services.merge_organisations(
        duplicate=duplicate, into=into, moderator=request.user
    )
    messages.success(request, f"{duplicate.name} is merged into {into.name}")
    return redirect("moderation:organisation", slug=into.slug)
