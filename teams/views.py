"""The team pages: an organisation's admins manage who works on its records.

Every page reads the person's membership afresh on each request (``organisations.teams``), so
someone removed loses access at once, open sessions included. Someone who is not a member gets
404 (the team is not revealed); a member who is not an admin gets 403 on the admins' pages;
Charter staff can always step in. Writes go through ``organisations.teams``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisations import selectors, teams
from organisations.forms import DecideRequestForm
from organisations.staff import is_moderator

from .forms import DomainForm, InviteForm, RoleForm, SignatureForm


class Team:
    """The organisation a team page is about, and what the person may do there."""

    def __init__(self, request, slug: str):
        self.organisation = selectors.organisation(slug)
        self.membership = teams.membership_of(request.user, self.organisation)
        self.is_staff = is_moderator(request.user)
        if self.membership is None and not self.is_staff:
            raise Http404("No team of yours with that id")
        self.can_manage = self.is_staff or self.membership.is_admin

    def require_manager(self) -> Team:
        if not self.can_manage:
            raise PermissionDenied(f"Only an admin of {self.organisation.name} can do that")
        return self


def _render(request, template, team: Team, **context):
    return render(
        request,
        f"teams/{template}",
        {"team": team, "organisation": team.organisation, "nav_section": "projects", **context},
    )


def _back(team: Team):
    return redirect("teams:team", slug=team.organisation.slug)


def _refused(form, refused: teams.TeamRuleBroken) -> None:
    form.add_error(refused.field if refused.field in form.fields else None, refused.message)


@login_required
@require_GET
def team(request, slug):
    team = Team(request, slug)
    organisation = team.organisation
    context = {"members": teams.memberships_in(organisation)}
    if team.can_manage:
        context |= {
            "join_requests": teams.pending_requests(organisation),
            "invitations": teams.pending_invitations(organisation),
            "domains": organisation.email_domains.all(),
            "signature": teams.latest_signature(organisation),
        }
    return _render(request, "team.html", team, **context)


@login_required
@require_http_methods(["GET", "POST"])
def decide_request(request, slug, request_id):
    team = Team(request, slug).require_manager()
    join_request = get_object_or_404(
        team.organisation.join_requests.select_related("user"), pk=request_id
    )
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
            _refused(form, refused)
        else:
            who = join_request.user.email
            messages.success(
                request, f"{who} is now a member" if approve else f"You declined {who}'s request"
            )
            return _back(team)
    return _render(
        request,
        "decide_request.html",
        team,
        page_title="Request to join",
        join_request=join_request,
        form=form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, slug):
    team = Team(request, slug).require_manager()
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = teams.invite(
                organisation=team.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except teams.TeamRuleBroken as refused:
            _refused(form, refused)
        else:
            messages.success(request, f"We have sent an invitation to {invitation.email}")
            return _back(team)
    return _render(request, "invite.html", team, page_title="Invite a colleague", form=form)


def _invitation_action(request, slug, invitation_id, action, done: str):
    """Resend or cancel an invitation, then back to the team with ``done`` (formatted with
    the invitation) or the reason the rules refused it."""
    team = Team(request, slug).require_manager()
    invitation = get_object_or_404(team.organisation.invitations, pk=invitation_id)
    try:
        action(invitation=invitation, by=request.user)
    except teams.TeamRuleBroken as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, done.format(email=invitation.email))
    return _back(team)


@login_required
@require_POST
def resend_invitation(request, slug, invitation_id):
    return _invitation_action(
        request,
        slug,
        invitation_id,
        teams.resend_invitation,
        "We have sent the invitation to {email} again",
    )


@login_required
@require_POST
def cancel_invitation(request, slug, invitation_id):
    return _invitation_action(
        request,
        slug,
        invitation_id,
        teams.cancel_invitation,
        "The invitation to {email} is cancelled",
    )


@login_required
@require_http_methods(["GET", "POST"])
def member(request, slug, member_id):
    """One member: change their role or remove them from the team."""
    team = Team(request, slug).require_manager()
    membership = get_object_or_404(
        team.organisation.memberships.select_related("user"), pk=member_id
    )
    form = RoleForm(
        request.POST if "role" in request.POST else None, initial={"role": membership.role}
    )
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                teams.remove_member(membership=membership, by=request.user)
                messages.success(request, f"{membership.user.email} is no longer in the team")
                return _back(team)
            if form.is_valid():
                teams.change_role(
                    membership=membership, role=form.cleaned_data["role"], by=request.user
                )
                messages.success(request, f"{membership.user.email}'s role is changed")
                return _back(team)
        except teams.TeamRuleBroken as refused:
            form = RoleForm(request.POST, initial={"role": membership.role})
            form.is_valid()
            _refused(form, refused)
    return _render(
        request,
        "member.html",
        team,
        page_title="Change a role or remove someone",
        membership=membership,
        form=form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, slug):
    team = Team(request, slug)
    if team.membership is None:
        raise Http404("You are not a member of this organisation")
    problem = None
    if request.method == "POST":
        try:
            teams.leave(user=request.user, organisation=team.organisation)
        except teams.TeamRuleBroken as refused:
            problem = refused.message
        else:
            messages.success(request, f"You have left {team.organisation.name}")
            return redirect("submission:list")
    return _render(request, "leave.html", team, problem=problem)


@login_required
@require_http_methods(["GET", "POST"])
def domains(request, slug):
    team = Team(request, slug).require_manager()
    form = DomainForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            added = teams.add_domain(
                organisation=team.organisation, domain=form.cleaned_data["domain"], by=request.user
            )
        except teams.TeamRuleBroken as refused:
            _refused(form, refused)
        else:
            messages.success(request, f"{added.domain} is added. Charter staff will check it")
            return redirect("teams:domains", slug=team.organisation.slug)
    return _render(
        request,
        "domains.html",
        team,
        page_title="Email domains",
        form=form,
        domains=team.organisation.email_domains.all(),
    )


@login_required
@require_POST
def remove_domain(request, slug, domain_id):
    team = Team(request, slug).require_manager()
    email_domain = get_object_or_404(team.organisation.email_domains, pk=domain_id)
    teams.remove_domain(email_domain=email_domain, by=request.user)
    messages.success(request, f"{email_domain.domain} is removed")
    return redirect("teams:domains", slug=team.organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, slug):
    """An admin asks Charter staff to record that the organisation has signed the Charter."""
    team = Team(request, slug).require_manager()
    form = SignatureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            teams.request_signature(
                organisation=team.organisation,
                by=request.user,
                signatory_name=form.cleaned_data["signatory_name"],
                job_title=form.cleaned_data["job_title"],
                signed_on=form.cleaned_data["signed_on"],
            )
        except teams.TeamRuleBroken as refused:
            _refused(form, refused)
        else:
            messages.success(request, "Thank you. Charter staff will check and record it")
            return _back(team)
    return _render(
        request,
        "sign.html",
        team,
        page_title="Sign the Charter",
        form=form,
        signature=teams.latest_signature(team.organisation),
    )


@login_required
@require_GET
def history(request, slug):
    team = Team(request, slug).require_manager()
    return _render(request, "history.html", team, events=teams.team_events(team.organisation))


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The link in an invitation email. Signed out: sign in or create an account with the
    invited address first. Signed in: accept it (only with the invited, confirmed address)."""
    found = teams.invitation_for(token)
    problem = None
    signed_in = request.user if request.user.is_authenticated else None
    try:
        teams.check_invitation(found, user=signed_in)
    except teams.InvitationNotValid as refused:
        problem = refused.message
    if request.method == "POST" and problem is None:
        if not request.user.is_authenticated:
            return redirect_to_sign_in(request)
        try:
            membership = teams.accept_invitation(token=token, user=request.user)
        except teams.InvitationNotValid as refused:
            problem = refused.message
        else:
            messages.success(request, f"You have joined {membership.organisation.name}")
            return redirect("submission:list")
    return render(
        request,
        "teams/invitation.html",
        {"invitation": found if problem is None else None, "problem": problem},
    )


def redirect_to_sign_in(request):
    return redirect_to_login(request.get_full_path())
