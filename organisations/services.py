"""Writes to organisations by Charter staff: verify, record a signature, merge a duplicate."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from .identifiers import IDENTIFIER_LABELS
from .models import Membership, MembershipEvent, Organisation
from .signals import organisation_changed, organisations_merging

logger = logging.getLogger(__name__)


@transaction.atomic
def verify_organisation(*, organisation: Organisation, moderator, now=None) -> Organisation:
    """Record that Charter staff have checked the organisation is real. Verifying twice keeps
    the first moderator and time."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.verified:
        organisation.verified = True
        organisation.verified_at = now or timezone.now()
        organisation.verified_by = moderator
        organisation.named_by = None  # verified: in everyone's directory
        organisation.save(
            update_fields=["verified", "verified_at", "verified_by", "named_by", "updated_at"]
        )
        logger.info("%s verified organisation %s", moderator, organisation.slug)
    return organisation


@transaction.atomic
def record_signature(
    *, organisation: Organisation, signed_on: datetime.date, moderator, signatory: str = ""
) -> Organisation:
    """Record that the organisation has signed the Charter, and when (in the team's history,
    with who signed when known)."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    organisation.is_signatory = True
    organisation.signed_on = signed_on
    organisation.full_clean()
    organisation.save(update_fields=["is_signatory", "signed_on", "updated_at"])
    MembershipEvent.objects.create(
        organisation=organisation,
        kind=MembershipEvent.Kind.SIGNATURE_RECORDED,
        actor=moderator,
        subject_text=signatory,
        detail=f"Signed on {signed_on.day} {signed_on:%B %Y}",
    )
    logger.info("%s recorded that %s signed on %s", moderator, organisation.slug, signed_on)
    organisation_changed.send(sender=Organisation, organisation=organisation)
    return organisation


@transaction.atomic
def merge_organisations(*, duplicate: Organisation, into: Organisation, moderator) -> Organisation:
    """Merge ``duplicate`` into ``into``: its project roles and memberships move, then it is
    deleted. Where both are on one project version, one row stays with the stronger role
    (``projects.receivers``, told by ``organisations_merging``); a person who belongs to both
    keeps one membership. All or nothing."""
    if duplicate.pk == into.pk:
        raise ValueError("An organisation cannot be merged into itself")
    duplicate, into = (
        Organisation.objects.select_for_update().get(pk=duplicate.pk),
        Organisation.objects.select_for_update().get(pk=into.pk),
    )

    organisations_merging.send(sender=Organisation, duplicate=duplicate, into=into)

    already_members = set(into.memberships.values_list("user_id", flat=True))
    duplicate.memberships.filter(user_id__in=already_members).delete()
    Membership.objects.filter(organisation=duplicate).update(organisation=into)
    # The team's history stays (append-only); its open requests and invitations go with it.
    MembershipEvent.objects.filter(organisation=duplicate).update(organisation=into)

    if duplicate.is_signatory and not into.is_signatory:
        into.is_signatory, into.signed_on = True, duplicate.signed_on
        into.save(update_fields=["is_signatory", "signed_on", "updated_at"])
    # Identifiers the kept organisation lacks come from the duplicate.
    gaps = [key for key in IDENTIFIER_LABELS if getattr(duplicate, key) and not getattr(into, key)]
    for key in gaps:
        setattr(into, key, getattr(duplicate, key))
    if gaps:
        into.save(update_fields=[*gaps, "updated_at"])

    logger.info("%s merged organisation %s into %s", moderator, duplicate.slug, into.slug)
    duplicate.delete()
    organisation_changed.send(sender=Organisation, organisation=into)
    return into
