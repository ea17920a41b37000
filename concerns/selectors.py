"""Reads for the project page: answered questions shown publicly, and how many were raised."""

from dataclasses import dataclass

from django.db.models import Count, Q

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
