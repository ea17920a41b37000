"""A small register with known oversight figures for 2025 (1 January to 31 December).

On the register at the end of 2025, each record once:
- A: Wirral Council, in use, no AI, Wirral and Liverpool, health; principles 10 and 11 answered
  only with "not sure" / "don't know" / "unknown";
- B: Mersey NHS Trust, pilot, AI, the whole city region, health and social care; principle 11
  answered "TBC"; principle 7 "Does not apply" with a reason (a real answer);
- C: Wirral Council, in use, published in 2024, review overdue on 30 December 2025; Five Safes
  "Not sure" but data protection answered, so principle 2 is still evidenced;
- F: University of Liverpool, retired, Halton, transport; withdrawn only in 2026;
- G: Wirral Council, version 1 (planning, AI) was on the register; version 2 came in 2026.
Not on it: D (published at midnight starting 2026) and E (withdrawn in September 2025).
"""

import datetime

from django.utils import timezone

from concerns.models import Concern
from oversight.figures import Period
from projects.models import ModerationEvent, PublicationState
from tests.factories import AIProjectFactory, OrganisationFactory, PublishedProjectFactory

PERIOD = Period(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))
SUBMITTED, PUBLISHED = PublicationState.SUBMITTED, PublicationState.PUBLISHED


def at(year, month, day, hour=12, minute=0) -> datetime.datetime:
    """A moment in the register's time zone (Europe/London)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def published(factory=PublishedProjectFactory, *, when, **fields):
    return factory(
        published_at=when,
        first_published_at=fields.pop("first_published_at", when),
        next_review_due=fields.pop("next_review_due", when.date() + datetime.timedelta(days=365)),
        **fields,
    )


def event(project, from_state, to_state, when) -> None:
    made = ModerationEvent.objects.create(project=project, from_state=from_state, to_state=to_state)
    ModerationEvent.objects.filter(pk=made.pk).update(created_at=when)


def concern(project, raised, answered=None) -> None:
    made = Concern.objects.create(project=project, slug=project.slug, kind="question", message="?")
    Concern.objects.filter(pk=made.pk).update(created_at=raised, answered_at=answered)


def build_register():
    council = OrganisationFactory(name="Wirral Council", type="public_service")
    nhs = OrganisationFactory(name="Mersey NHS Trust", type="nhs")
    university = OrganisationFactory(name="University of Liverpool", type="academic")

    a = published(
        when=at(2025, 3, 1),
        with_organisation=council,
        areas=["wirral", "liverpool"],
        harms_social="Not sure.",
        environmental_costs="Don\u2019t know yet: we are measuring energy use.",
        employment_impact="unknown at this stage",
        comms_up_to_date="Not sure, we decide after the pilot.",
    )
    b = published(
        AIProjectFactory,
        when=at(2025, 6, 1),
        next_review_due=datetime.date(2025, 12, 31),  # due on the end date: not overdue yet
        with_organisation=nhs,
        status="pilot",
        areas=["region_wide"],
        topics=["health", "social_care"],
        data_protection="Does not apply: we hold no personal data.",
        comms_up_to_date="TBC",
    )
    c = published(
        when=at(2024, 12, 1),
        next_review_due=datetime.date(2025, 12, 30),
        with_organisation=council,
        five_safes="Not sure",
    )
    published(when=at(2026, 1, 1, 0, 0), with_organisation=council)  # D
    e = published(when=at(2025, 2, 1), with_organisation=council)
    e.publication_state, e.withdrawn_at = PublicationState.WITHDRAWN, at(2025, 9, 1)
    e.save()
    f = published(
        when=at(2025, 4, 6),
        with_organisation=university,
        status="retired",
        areas=["halton"],
        topics=["transport"],
    )
    f.publication_state, f.withdrawn_at = PublicationState.WITHDRAWN, at(2026, 2, 1)
    f.save()
    g1 = published(
        AIProjectFactory,
        when=at(2025, 1, 15),
        slug="g",
        with_organisation=council,
        status="planning",
        publication_state=PublicationState.SUPERSEDED,
    )
    published(
        when=at(2026, 2, 1),
        first_published_at=g1.first_published_at,
        slug="g",
        version=2,
        with_organisation=council,
    )

    # Submission to publication: A 9 days (from its first submission), B 2, F 5, G 7; C's was
    # in 2024; a review confirmation and an import are not publications after submission.
    event(a, PublicationState.DRAFT, SUBMITTED, at(2025, 2, 20))
    event(a, SUBMITTED, PublicationState.CHANGES_REQUESTED, at(2025, 2, 22))
    event(a, PublicationState.CHANGES_REQUESTED, SUBMITTED, at(2025, 2, 25))
    event(a, SUBMITTED, PUBLISHED, at(2025, 3, 1))
    event(b, PublicationState.DRAFT, SUBMITTED, at(2025, 5, 30))
    event(b, SUBMITTED, PUBLISHED, at(2025, 6, 1))
    event(f, PublicationState.DRAFT, SUBMITTED, at(2025, 4, 1))
    event(f, SUBMITTED, PUBLISHED, at(2025, 4, 6))
    event(g1, PublicationState.DRAFT, SUBMITTED, at(2025, 1, 8))
    event(g1, SUBMITTED, PUBLISHED, at(2025, 1, 15))
    event(c, PublicationState.DRAFT, SUBMITTED, at(2024, 11, 20))
    event(c, SUBMITTED, PUBLISHED, at(2024, 12, 1))
    event(c, PUBLISHED, PUBLISHED, at(2025, 6, 1))
    event(e, "", PUBLISHED, at(2025, 2, 1))

    # Concerns: answered in 2, 4 and 10 days; one answered only in 2026; two never; one raised
    # just before the period and one in its last minute.
    concern(a, at(2025, 2, 1, 10), at(2025, 2, 3, 10))
    concern(a, at(2025, 3, 1, 10), at(2025, 3, 5, 10))
    concern(b, at(2025, 4, 1, 10), at(2025, 4, 11, 10))
    concern(b, at(2025, 12, 30), at(2026, 1, 5))
    concern(c, at(2025, 5, 1))
    concern(c, at(2024, 12, 31, 23, 0), at(2025, 1, 2))
    concern(c, at(2025, 12, 31, 23, 59))
