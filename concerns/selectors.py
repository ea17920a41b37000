"""Reads of residents' questions and concerns: for the project page (answers shown publicly,
how many were raised) and for Charter staff."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404

from .models import Concern


@dataclass(frozen=True)
class ConcernCounts:
    raised: int
    answered: int


def concern_counts(slug: str) -> ConcernCounts:
    counts = Concern.objects.of_record(slug).aggregate(
        raised=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
    return ConcernCounts(**counts)


def public_questions(slug: str):
    return Concern.objects.of_record(slug).shown_publicly().order_by("-answered_at")


# --- Charter staff: the questions and concerns to answer --------------------------------------


def concerns_waiting():
    """Questions and concerns not yet answered, the one waiting longest first."""
    return Concern.objects.select_related("project").unanswered().order_by("created_at")


def concerns_answered(count: int = 50):
    """The latest ``count`` answered, the most recent first."""
    return Concern.objects.select_related("project").answered().order_by("-answered_at")[:count]


def concern_for_moderation(pk: int) -> Concern:
    """One question or concern, with its project. Raises Http404 when there is none."""
    concern = Concern.objects.select_related("project").filter(pk=pk).first()
    if concern is None:
        raise Http404("No question or concern with that number")
    return concern
