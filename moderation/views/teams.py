"""Charter staff's team screens: requests to join organisations that have no admin (claims),
email domains to confirm, signatures to record, and an organisation's team history.

Every view is wrapped in ``moderator_required``. The rules are ``organisations.teams``'s.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from organisations import selectors, teams
from organisations.forms import DecideRequestForm, TeamForm, text_field
from organisations.models import SignatureRequest
from projects.permissions import moderator_required

from .tabs import render_tab

TAB = "moderation:teams"


class SignatureDecisionForm(TeamForm):
    button_text = "Save the decision"

    decision = forms.ChoiceField(
        label="Can you record this signature?",
        choices=[("record", "Yes, record it"), ("decline", "No, decline it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to record the signature"},
    )
    reason = text_field(
        "Reason",
        required=False,
        hint="Needed if you decline. The organisation's admins see it.",
    )


@moderator_required
def team_queues(request):
    return render_tab(
        request,
        TAB,
        "moderation/teams.html",
        {
            "join_requests": teams.requests_for_staff(),
            "domains": teams.domains_for_staff(),
            "signatures": teams.signatures_for_staff(),
        },
    )


def _page(request, template, **context):
    return render_tab(request, TAB, f"moderation/{template}", context)


@moderator_required
@require_http_methods(["GET", "POST"])
def team_request(request, request_id):
    join_request = selectors.join_request(request_id)
    form = DecideRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and join_request.is_pending:
        approve = form.cleaned_data["decision"] == "approve"
        try:
            teams.decide_request(
                join_request=join_request,
                by=request.user,
                approve=approve,
                reason=form.cleaned_data["reason"],
            )
        except teams.TeamRuleBroken as refused:
            form.add_error(None, refused.message)
        else:
            who, where = join_request.user.email, join_request.organisation.name
            messages.success(
                request,
                f"{who} is now in the team of {where}" if approve else f"You declined {who}",
            )
            return redirect(TAB)
    return _page(
        request,
        "team_request.html",
        join_request=join_request,
        form=form,
        pending=join_request.is_pending,
        page_title=f"Request to join {join_request.organisation.name}",
    )


@moderator_required
@require_POST
def confirm_domain(request, domain_id):
    email_domain = selectors.email_domain(domain_id)
    try:
        teams.confirm_domain(email_domain=email_domain, by=request.user)
    except teams.TeamRuleBroken as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, f"{email_domain.domain} is confirmed for {email_domain.organisation.name}"
        )
    return redirect(TAB)


@moderator_required
@require_http_methods(["GET", "POST"])
def team_signature(request, signature_id):
    signature = selectors.signature_request(signature_id)
    form = SignatureDecisionForm(request.POST if request.method == "POST" else None)
    pending = signature.status == SignatureRequest.Status.PENDING
    if request.method == "POST" and form.is_valid() and pending:
        record = form.cleaned_data["decision"] == "record"
        try:
            teams.decide_signature(
                signature=signature,
                by=request.user,
                record=record,
                reason=form.cleaned_data["reason"],
            )
        except teams.TeamRuleBroken as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            name = signature.organisation.name
            messages.success(
                request,
                f"{name}'s signature is recorded" if record else f"{name}'s signature is declined",
            )
            return redirect(TAB)
    return _page(
        request,
        "team_signature.html",
        signature=signature,
        form=form,
        pending=pending,
        page_title=f"Signature of {signature.organisation.name}",
    )
