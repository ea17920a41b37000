"""The oversight figures for a period: the one place that computes them.

The Charter's Principle 11 asks for an independent review at least every two years. The page
``/oversight/`` and its CSV download both show ``figures_for(period)``. What "in the period"
means differs by figure, and ``Figures.rows()`` and the page say so:

- the register's breakdowns and the principles: each record once, as it stood at the end of
  the period (the version published then, unless the record had been withdrawn by then);
- records first published and records withdrawn: when that happened, within the period;
- overdue reviews: records on the register whose next review date was before the end date;
- concerns: those raised in the period, and which of them were answered by its end;
- submission to publication: versions published in the period, from the version's first
  submission (so rounds of changes count) to its publication.
"""

from __future__ import annotations

import datetime
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from concerns.models import Concern
from organisations.choices import ORGANISATION_TYPE_CHOICES
from principles.models import Principle
from projects.models import (
    CHOICE_LABELS,
    ModerationEvent,
    Project,
    PublicationState,
    add_months,
)

DEFAULT_YEARS = 2  # the Charter's review interval
NOT_GIVEN = "Not given"

# A written answer that only says the organisation does not know (yet). The guide allows it with
# a reason, but it does not evidence a principle. "Does not apply, because ..." is a real answer.
_NOT_SURE = re.compile(
    r"^\W*(not sure|unsure|unknown|not known|not yet known|don'?t know|do not know|"
    r"to be (decided|confirmed)|tbc|tbd)\b"
)


def is_real_answer(value) -> bool:
    """True for an answer that says something: not empty, and not a "not sure" or "don't know"."""
    if isinstance(value, str):
        text = value.strip().lower().replace("\u2019", "'")
        return bool(text) and not _NOT_SURE.match(text)
    return bool(value)


@dataclass(frozen=True)
class Period:
    """From the start of ``start`` to the end of ``end`` (both days included), local time."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def default(cls, today: datetime.date | None = None) -> Period:
        today = today or timezone.localdate()
        return cls(start=add_months(today, -12 * DEFAULT_YEARS), end=today)

    @property
    def starts_at(self) -> datetime.datetime:
        return _midnight(self.start)

    @property
    def ends_before(self) -> datetime.datetime:
        """The first moment after the period."""
        return _midnight(self.end + datetime.timedelta(days=1))

    def contains(self, field: str) -> dict:
        """Queryset lookups: ``field`` falls in the period."""
        return {f"{field}__gte": self.starts_at, f"{field}__lt": self.ends_before}

    @property
    def slug(self) -> str:
        return f"{self.start:%Y-%m-%d}-to-{self.end:%Y-%m-%d}"


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class Row:
    label: str
    count: int


@dataclass(frozen=True)
class Breakdown:
    """Records counted by one of their details. A record may count in several rows."""

    slug: str
    title: str
    heading: str  # the table's heading for the rows' labels
    rows: tuple[Row, ...]
    note: str = ""
    chart: bool = True  # False for a list too long to draw

    @property
    def largest(self) -> int:
        return max((row.count for row in self.rows), default=0)

    def bars(self) -> list[tuple[Row, int]]:
        """Each row with its bar's length, a percentage of the largest count."""
        largest = self.largest or 1
        return [(row, round(100 * row.count / largest)) for row in self.rows]


@dataclass(frozen=True)
class PrincipleEvidence:
    number: int
    name: str
    real: int  # records with at least one real answer among those that evidence the principle
    records: int  # records on the register

    @property
    def not_real(self) -> int:
        return self.records - self.real


@dataclass(frozen=True)
class Figures:
    period: Period
    on_register: int
    first_published: int
    withdrawn: int
    breakdowns: tuple[Breakdown, ...]
    per_month: Breakdown
    principles: tuple[PrincipleEvidence, ...]
    reviews_overdue: int
    concerns_raised: int
    concerns_answered: int
    median_days_to_answer: float | None
    publications: int
    median_days_to_publish: float | None

    @property
    def concerns_unanswered(self) -> int:
        return self.concerns_raised - self.concerns_answered

    def principles_breakdown(self) -> Breakdown:
        return Breakdown(
            slug="principles",
            title="Records that evidence each principle with a real answer",
            heading="Principle",
            rows=tuple(Row(f"{p.number}. {p.name}", p.real) for p in self.principles),
        )

    def rows(self) -> list[tuple[str, str, str]]:
        """Every figure as (section, label, value): the CSV download, one tidy table."""
        register = "Register at the end of the period"
        rows = [
            ("Period", "From", f"{self.period.start:%Y-%m-%d}"),
            ("Period", "To", f"{self.period.end:%Y-%m-%d}"),
            (register, "Records on the register", str(self.on_register)),
            ("Activity in the period", "Records first published", str(self.first_published)),
            ("Activity in the period", "Records withdrawn", str(self.withdrawn)),
        ]
        for breakdown in (*self.breakdowns, self.per_month):
            rows += [(breakdown.title, row.label, str(row.count)) for row in breakdown.rows]
        for p in self.principles:
            section = f"Principle {p.number}: {p.name}"
            rows += [
                (section, "Records evidencing it with a real answer", str(p.real)),
                (section, "Records with only not sure, don't know or no answers", str(p.not_real)),
            ]
        reviews = "Reviews as of the end date"
        concerns = "Questions and concerns raised in the period"
        publishing = "Versions published in the period"
        rows += [
            (reviews, "Records with a review overdue", str(self.reviews_overdue)),
            (concerns, "Raised", str(self.concerns_raised)),
            (concerns, "Answered by the end of the period", str(self.concerns_answered)),
            (concerns, "Not answered by the end of the period", str(self.concerns_unanswered)),
            (concerns, "Median days to answer", _days(self.median_days_to_answer)),
            (publishing, "Versions published after submission", str(self.publications)),
            (
                publishing,
                "Median days from submission to publication",
                _days(self.median_days_to_publish),
            ),
        ]
        return rows


def _days(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _median_days(pairs) -> float | None:
    """The median of the times from each pair's first moment to its second, in days."""
    spans = [(later - earlier).total_seconds() / 86400 for earlier, later in pairs if earlier]
    return round(statistics.median(spans), 1) if spans else None


def register_at_end(period: Period):
    """Each record once: the version on the register at the end of ``period``."""
    shown = Project.objects.public().filter(published_at__lt=period.ends_before)
    latest = shown.filter(slug=OuterRef("slug")).order_by("-version").values("pk")[:1]
    return (
        shown.filter(pk=Subquery(latest))
        .exclude(withdrawn_at__lt=period.ends_before)
        .with_register_details()
    )


def _choice_breakdown(slug, title, heading, projects, key, *, note="") -> Breakdown:
    labels = CHOICE_LABELS[key]
    counts = Counter()
    for project in projects:
        value = getattr(project, key)
        counts.update(value if isinstance(value, list) else [value or ""])
    rows = [Row(label, counts[choice]) for choice, label in labels.items()]
    if counts[""]:
        rows.append(Row(NOT_GIVEN, counts[""]))
    return Breakdown(slug, title, heading, tuple(rows), note)


def _breakdowns(projects: list[Project]) -> tuple[Breakdown, ...]:
    leads = [project.lead_organisation for project in projects]
    by_organisation = Counter(lead.name if lead else NOT_GIVEN for lead in leads)
    types = Counter(lead.type if lead else "" for lead in leads)
    ai = Counter(project.uses_ai for project in projects)
    using_ai = [project for project in projects if project.uses_ai]
    ai_rows = [Row("Uses AI", ai[True]), Row("Does not use AI", ai[False])]
    if ai[None]:
        ai_rows.append(Row(NOT_GIVEN, ai[None]))
    type_rows = [Row(label, types[key]) for key, label in ORGANISATION_TYPE_CHOICES]
    if types[""]:
        type_rows.append(Row(NOT_GIVEN, types[""]))
    several = "A record that covers several counts once in each."
    return (
        Breakdown(
            "organisation",
            "Records by lead organisation",
            "Lead organisation",
            tuple(
                Row(name, count)
                for name, count in sorted(by_organisation.items(), key=lambda i: (-i[1], i[0]))
            ),
            chart=False,
        ),
        Breakdown("type", "Records by type of lead organisation", "Type", tuple(type_rows)),
        _choice_breakdown("status", "Records by stage", "Stage", projects, "status"),
        Breakdown("ai", "Records by AI use", "AI use", tuple(ai_rows)),
        _choice_breakdown(
            "role",
            "Records that use AI, by the part the AI plays in decisions",
            "Part the AI plays",
            using_ai,
            "ai_decision_role",
        ),
        _choice_breakdown("area", "Records by area", "Area", projects, "areas", note=several),
        _choice_breakdown(
            "topic", "Records by service area", "Service area", projects, "topics", note=several
        ),
    )


def _months(period: Period) -> list[datetime.date]:
    """The first day of each month the period touches, in order."""
    month = period.start.replace(day=1)
    months = []
    while month <= period.end:
        months.append(month)
        month = add_months(month, 1)
    return months


def _first_published(period: Period) -> dict[str, datetime.datetime]:
    """Each record first published in the period, with when."""
    return dict(
        Project.objects.public()
        .filter(**period.contains("first_published_at"))
        .order_by()
        .values_list("slug", "first_published_at")
        .distinct()
    )


def _per_month(period: Period, firsts: dict[str, datetime.datetime]) -> Breakdown:
    """Records first published in each month of the period (each record once)."""
    counts = Counter(timezone.localtime(moment).date().replace(day=1) for moment in firsts.values())
    return Breakdown(
        "monthly",
        "Records first published, by month",
        "Month",
        tuple(Row(f"{month:%B %Y}", counts[month]) for month in _months(period)),
    )


def _principles(projects: list[Project]) -> tuple[PrincipleEvidence, ...]:
    real = Counter()
    for project in projects:
        for number, keys in project.evidence().items():
            if any(is_real_answer(project.answer(key)) for key in keys):
                real[number] += 1
    return tuple(
        PrincipleEvidence(number, name, real[number], len(projects))
        for number, name in Principle.objects.values_list("number", "name")
    )


def _time_to_publish(period: Period) -> tuple[int, float | None]:
    first_submitted = (
        ModerationEvent.objects.filter(
            project=OuterRef("project"), to_state=PublicationState.SUBMITTED
        )
        .order_by("created_at", "pk")
        .values("created_at")[:1]
    )
    pairs = list(
        ModerationEvent.objects.filter(
            from_state=PublicationState.SUBMITTED,
            to_state=PublicationState.PUBLISHED,
            **period.contains("created_at"),
        )
        .annotate(submitted_at=Subquery(first_submitted))
        .values_list("submitted_at", "created_at")
    )
    return len(pairs), _median_days(pairs)


def figures_for(period: Period) -> Figures:
    """Every oversight figure for ``period``, in a fixed number of queries."""
    projects = list(register_at_end(period))
    concerns = Concern.objects.filter(**period.contains("created_at"))
    answered = list(
        concerns.filter(answered_at__lt=period.ends_before).values_list("created_at", "answered_at")
    )
    publications, median_days_to_publish = _time_to_publish(period)
    firsts = _first_published(period)
    return Figures(
        period=period,
        on_register=len(projects),
        first_published=len(firsts),
        withdrawn=Project.objects.filter(**period.contains("withdrawn_at")).count(),
        breakdowns=_breakdowns(projects),
        per_month=_per_month(period, firsts),
        principles=_principles(projects),
        reviews_overdue=Project.objects.review_overdue(period.end).count(),
        concerns_raised=concerns.count(),
        concerns_answered=len(answered),
        median_days_to_answer=_median_days(answered),
        publications=publications,
        median_days_to_publish=median_days_to_publish,
    )
