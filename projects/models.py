"""Projects on the register, their organisations and responsible people, and their history.

One ``Project`` row is one version of a register record. Every version of a record shares the
record's ``slug`` (its public id). At most one version of a record is published at a time and at
most one is being worked on (draft, submitted or changes requested); published versions that a
newer one replaced are kept as ``superseded`` so that history can show them as they were.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Trim
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone

from organisations.identifiers import IDENTIFIER_LABELS, Identifier, public_identifiers
from organisations.models import Organisation
from public_text import policy
from public_text.models import PublicTextModel

from .questions import (
    AI_DECISION_ROLE_CHOICES,
    AI_KIND_CHOICES,
    ANSWER_KEYS,
    AREA_CHOICES,
    DUTY_CHOICES,
    OPTIONAL_ANSWER_KEYS,
    ORGANISATION_ROLE_CHOICES,
    PRINCIPLE_EVIDENCE,
    QUESTIONS,
    STATUS_CHOICES,
    SUMMARY_MAX_LENGTH,
    TEXT_ANSWER_KEYS,
    TEXT_RULES,
    TOPIC_CHOICES,
    Duty,
    OrganisationRole,
)
from .rules import IMPACT_ASSESSMENT_SUMMARY_MAX_LENGTH, project_problems
from .search_vector import refresh_search_vector


class PublicationState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"
    SUPERSEDED = "superseded", "Replaced by a newer version"


# The state machine: the only moves a version may make. ``projects.services`` makes them.
ALLOWED_MOVES: dict[str, set[str]] = {
    PublicationState.DRAFT: {PublicationState.SUBMITTED},
    PublicationState.SUBMITTED: {PublicationState.PUBLISHED, PublicationState.CHANGES_REQUESTED},
    PublicationState.CHANGES_REQUESTED: {PublicationState.SUBMITTED},
    PublicationState.PUBLISHED: {PublicationState.WITHDRAWN, PublicationState.SUPERSEDED},
    PublicationState.WITHDRAWN: set(),
    PublicationState.SUPERSEDED: set(),
}
WORKING_STATES = [
    PublicationState.DRAFT,
    PublicationState.SUBMITTED,
    PublicationState.CHANGES_REQUESTED,
]
EDITABLE_STATES = [PublicationState.DRAFT, PublicationState.CHANGES_REQUESTED]
# Versions the public may read: the current one, withdrawn records and past versions.
PUBLIC_STATES = [
    PublicationState.PUBLISHED,
    PublicationState.WITHDRAWN,
    PublicationState.SUPERSEDED,
]

REVIEW_INTERVAL_MONTHS = 12

# Addresses under /register/ that are pages, not records: no record may take them as its id.
RESERVED_SLUGS = frozenset({"figures"})


class InvalidMove(Exception):
    """A publication move that the state machine does not allow."""

    def __init__(self, project: Project, to_state: str):
        self.project = project
        self.to_state = to_state
        super().__init__(
            f"A {project.get_publication_state_display().lower()} project cannot be moved to "
            f"{PublicationState(to_state).label.lower()}"
        )


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def review_due_after(day: datetime.date) -> datetime.date:
    """When a record published or reviewed on ``day`` is next due for review: the one place
    that applies the review interval (``REVIEW_INTERVAL_MONTHS``)."""
    return add_months(day, REVIEW_INTERVAL_MONTHS)


class ProjectQuerySet(models.QuerySet):
    def published(self):
        """The register: the current published version of every record, nothing else."""
        return self.filter(publication_state=PublicationState.PUBLISHED)

    def public(self):
        """Versions anyone may read: current, withdrawn and past published versions."""
        return self.filter(publication_state__in=PUBLIC_STATES)

    def working(self):
        return self.filter(publication_state__in=WORKING_STATES)

    def of_record(self, slug: str):
        return self.filter(slug=slug)

    def review_overdue(self, today: datetime.date | None = None):
        """Published records whose review date has passed."""
        return self.published().filter(next_review_due__lt=today or timezone.localdate())

    def editable_by(self, user):
        """Versions that ``user`` may see and edit: those led by one of their organisations."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            project_organisations__role=OrganisationRole.LEAD,
            project_organisations__organisation__memberships__user=user,
        ).distinct()

    def with_register_details(self):
        """Everything a register page shows, in a constant number of queries."""
        return self.prefetch_related(
            models.Prefetch(
                "project_organisations",
                queryset=ProjectOrganisation.objects.select_related("organisation").order_by(
                    "position", "pk"
                ),
            ),
            "responsible_people",
            "impact_assessments",
        )

    def refresh_search_vector(self):
        """Recompute the stored full-text search vector and the search entry (``SearchEntry``)
        of each project (PostgreSQL only; a no-op on SQLite)."""
        return refresh_search_vector(self)


class Project(PublicTextModel, models.Model):
    """One version of a data or AI project's record on the register."""

    public_text_rules = {
        **{key: rule for key, rule in TEXT_RULES.items() if key in ("title", "website")},
        **{key: TEXT_RULES[key] for key in ANSWER_KEYS},
        **{key: TEXT_RULES[key] for key in ("summary", *OPTIONAL_ANSWER_KEYS)},
        "withdrawal_reason": policy.long(label="The reason for withdrawing"),
    }

    slug = models.SlugField(
        "Register id", max_length=90, help_text="The record's public id; shared by its versions."
    )
    version = models.PositiveIntegerField(default=1)
    publication_state = models.CharField(
        max_length=20, choices=PublicationState.choices, default=PublicationState.DRAFT
    )
    # Optimistic locking: goes up by one at every save of the form, so a stale save is refused.
    lock_version = models.PositiveIntegerField(default=0)

    # Section 1: About your project
    title = models.CharField(QUESTIONS["title"].label, max_length=200)
    status = models.CharField(
        QUESTIONS["status"].label, max_length=20, choices=STATUS_CHOICES, blank=True
    )
    uses_ai = models.BooleanField(QUESTIONS["uses_ai"].label, null=True, blank=True)
    ai_kinds = models.JSONField(QUESTIONS["ai_kinds"].label, default=list, blank=True)
    ai_decision_role = models.CharField(
        QUESTIONS["ai_decision_role"].label,
        max_length=40,
        choices=AI_DECISION_ROLE_CHOICES,
        blank=True,
    )
    areas = models.JSONField(QUESTIONS["areas"].label, default=list, blank=True)
    topics = models.JSONField(QUESTIONS["topics"].label, default=list, blank=True)
    start_date = models.DateField(
        QUESTIONS["start_date"].label, null=True, blank=True, help_text="The first of the month."
    )
    website = models.URLField(QUESTIONS["website"].label, max_length=500, blank=True)
    # Blank only on records published before version 2 of the open data format asked for it.
    summary = models.CharField(
        QUESTIONS["summary"].label, max_length=SUMMARY_MAX_LENGTH, blank=True
    )

    # Every free-text answer, one column each, labelled in its words.
    for _key in TEXT_ANSWER_KEYS:
        vars()[_key] = models.TextField(QUESTIONS[_key].label, blank=True)
    del _key

    organisations = models.ManyToManyField(
        Organisation, through="ProjectOrganisation", related_name="projects"
    )
    # Section 2's answers about the lead organisation, as this version gives them. They become
    # the organisation's public texts only when a moderator publishes the version.
    organisation_description = models.CharField(
        QUESTIONS["organisation_description"].label, max_length=500, blank=True
    )
    mission_statement = models.TextField(QUESTIONS["mission_statement"].label, blank=True)

    # Section 7: the declaration of responsibility, with who ticked it and when.
    declaration = models.BooleanField(QUESTIONS["declaration"].label, default=False)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    first_published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the record's first version was published."
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When this version was published."
    )
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_vector = SearchVectorField(null=True, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["publication_state", "-published_at"], name="project_register"),
            # The register list's default order, "newest first".
            models.Index(
                fields=["publication_state", "-first_published_at", "-id"],
                name="project_register_newest",
            ),
            models.Index(fields=["slug", "version"], name="project_record"),
            GinIndex(fields=["search_vector"], name="project_search_vector"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="one_row_per_version"),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(publication_state="published"),
                name="one_published_version_per_record",
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(
                    publication_state__in=["draft", "submitted", "changes_requested"]
                ),
                name="one_working_version_per_record",
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.version}, {self.get_publication_state_display()})"

    def get_absolute_url(self):
        return reverse("register:project", kwargs={"slug": self.slug})

    # --- the state machine -------------------------------------------------------------------
    def can_move_to(self, state: str) -> bool:
        return state in ALLOWED_MOVES[self.publication_state]

    def check_move(self, state: str) -> None:
        if not self.can_move_to(state):
            raise InvalidMove(self, state)

    @property
    def is_editable(self) -> bool:
        return self.publication_state in EDITABLE_STATES

    @property
    def is_public(self) -> bool:
        return self.publication_state in PUBLIC_STATES

    # One question per state that pages ask, so that templates never compare state names.
    @property
    def is_submitted(self) -> bool:
        return self.publication_state == PublicationState.SUBMITTED

    @property
    def is_published(self) -> bool:
        """The current version on the register (not one since replaced or withdrawn)."""
        return self.publication_state == PublicationState.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.publication_state == PublicationState.WITHDRAWN

    # --- related rows -------------------------------------------------------------------------
    @property
    def lead(self) -> ProjectOrganisation | None:
        return next(
            (po for po in self.project_organisations.all() if po.role == OrganisationRole.LEAD),
            None,
        )

    @property
    def lead_organisation(self) -> Organisation | None:
        lead = self.lead
        return lead.organisation if lead else None

    @property
    def accountable_person(self) -> ResponsiblePerson | None:
        return next(
            (p for p in self.responsible_people.all() if Duty.ACCOUNTABLE in p.duties), None
        )

    # --- answers ------------------------------------------------------------------------------
    def answer(self, key: str):
        """The answer to question ``key``, wherever it is kept."""
        if key == "organisations":
            return list(self.project_organisations.all())
        if key == "responsible_people":
            return list(self.responsible_people.all())
        if key == "impact_assessments":
            return list(self.impact_assessments.all())
        return getattr(self, key)

    @property
    def public_summary(self) -> str:
        """What the register shows as the project's summary: the summary, or for a record
        published before summaries were asked for, its purpose (pages shorten it)."""
        return self.summary or self.purpose

    @property
    def needs_summary(self) -> bool:
        """A record published before version 2 of the open data format: its next version, or
        its review, asks for a summary."""
        return not self.summary.strip()

    def is_answered(self, key: str) -> bool:
        """Whether question ``key`` has an answer ("No" is an answer; an unticked declaration
        is not). The database's side of the same rule is ``answered(key)``."""
        value = self.answer(key)
        if key == "declaration":
            return bool(value)
        if isinstance(value, str):
            return bool(value.strip())  # spaces alone are not an answer
        return value not in (None, [])

    def prefilled_keys(self) -> dict[str, str]:
        """The answers still as another record gave them: key to where they came from."""
        return {
            prefilled.key: prefilled.source
            for prefilled in self.prefilled.all()
            if comparable_answer(self, prefilled.key) == prefilled.value
        }

    def evidence(self) -> dict[int, list[str]]:
        """For each principle, the keys of this project's answers that evidence it."""
        return {
            number: [key for key in keys if self.is_answered(key)]
            for number, keys in PRINCIPLE_EVIDENCE.items()
        }

    def problems(self) -> dict[str, str]:
        """What stops this version being submitted or published: question key to message.

        The one place that knows the answer rules: every answer needed, exactly one lead
        organisation, exactly one accountable person, a mission statement from a commercial lead,
        the kind of AI and its part in decisions when AI is used.
        """
        return project_problems(self)

    def next_review_after(self, moment: datetime.datetime) -> datetime.date:
        return review_due_after(moment.date())

    def review_overdue_since(self, today: datetime.date | None = None) -> datetime.date | None:
        """The date the review fell due, if this published record is overdue; otherwise None."""
        today = today or timezone.localdate()
        if (
            self.publication_state == PublicationState.PUBLISHED
            and self.next_review_due is not None
            and self.next_review_due < today
        ):
            return self.next_review_due
        return None


def answered(key: str) -> models.Q:
    """The projects whose question ``key`` has an answer: ``Project.is_answered`` as a query
    (tests/projects/test_answered.py checks that the two agree for every question)."""
    if key == "organisations":
        return models.Q(pk__in=ProjectOrganisation.objects.values("project_id"))
    if key == "responsible_people":
        return models.Q(pk__in=ResponsiblePerson.objects.values("project_id"))
    if key == "impact_assessments":
        return models.Q(pk__in=ImpactAssessment.objects.values("project_id"))
    if key == "declaration":
        return models.Q(declaration=True)
    field = Project._meta.get_field(key)
    if isinstance(field, models.JSONField):
        return ~models.Q(**{key: []})
    if field.null:
        return models.Q(**{f"{key}__isnull": False})
    return _text_given(key)


def _text_given(path: str) -> models.Q:
    """A text that is not blank once its spaces are trimmed (as ``str.strip`` in Python)."""
    return models.Q(GreaterThan(Trim(path), models.Value("")))


class SearchEntry(models.Model):
    """What the register's search reads for one project version (PostgreSQL), in a narrow table
    of its own (docs/decisions/0020-search-at-scale.md): a search for common words matches most
    of the register and ranks every match, and reading 10,000 of these small rows costs a
    fraction of reading the projects' wide ones. Written with ``Project.search_vector`` by
    ``projects.search_vector`` (publishing, importing, a summary or an organisation's name
    changing); a version never published has neither, and is never found.

    - ``rank_vector``: the words of ``Project.search_vector``, the title's (A) and the summary's,
      purpose's and organisations' (B) with their positions, every other answer's (C) once and
      without positions. Searches without a phrase match on it (the same words: the same
      matches) and every search ranks with it (``ts_rank``), so a word long answers repeat costs
      one comparison, not one for each time it is repeated. A phrase needs the positions of
      every answer, so a search with one matches on ``Project.search_vector`` instead.
    - ``published_at``: the version's, for the order of equally good matches (the most recently
      updated first, as ``register.conditions.RELEVANCE_ORDER``).
    """

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    rank_vector = SearchVectorField()
    published_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [GinIndex(fields=["rank_vector"], name="search_entry_rank_vector")]

    def __str__(self) -> str:
        return f"Search entry of project version {self.project_id}"


class ProjectOrganisation(PublicTextModel, models.Model):
    """An organisation involved in a project version, and its role."""

    public_text_rules = {
        "contribution": policy.long(1000, "What the organisation does in the project"),
    }

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="project_organisations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="project_roles"
    )
    role = models.CharField("Role in the project", max_length=20, choices=ORGANISATION_ROLE_CHOICES)
    contribution = models.CharField(
        "What does this organisation do in the project?",
        max_length=1000,
        blank=True,
        help_text="For a partner, supplier or funder (optional).",
    )
    position = models.PositiveSmallIntegerField(default=0)
    # What this version says the organisation's identifiers should be, where that differs from
    # the organisation's own: null says nothing (the organisation's stand), "" removes one. They
    # change the public organisation only when a moderator publishes the version, by the rules
    # of ``organisations.identifiers`` for whoever typed them (``identifiers_by_member``).
    # null and "" mean different things here, hence DJ001.
    companies_house_number = models.CharField(  # noqa: DJ001
        "Companies House number", max_length=8, blank=True, null=True
    )
    charity_number = models.CharField(  # noqa: DJ001
        "Charity number", max_length=12, blank=True, null=True
    )
    ods_code = models.CharField(  # noqa: DJ001
        "NHS organisation code", max_length=10, blank=True, null=True
    )
    identifiers_by_member = models.BooleanField(
        default=False,
        help_text="Whether a member of the organisation typed this version's identifiers.",
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="organisation_once_per_project"
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(role=OrganisationRole.LEAD),
                name="one_lead_per_project",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    def identifier_values(self) -> dict[str, str]:
        """The identifiers as this version gives them: its own where it says any, else the
        organisation's."""
        return {
            key: getattr(self.organisation, key)
            if getattr(self, key) is None
            else getattr(self, key)
            for key in IDENTIFIER_LABELS
        }

    @property
    def identifiers(self) -> list[Identifier]:
        """This version's identifiers, each linked to its public register."""
        return public_identifiers(SimpleNamespace(**self.identifier_values()))


class ResponsiblePerson(PublicTextModel, models.Model):
    """A named person responsible for a project, shown on the public register (Principle 3)."""

    public_text_rules = {
        "name": policy.name(200, "Full name"),
        "job_title": policy.line(200, "Job title"),
        "organisation": policy.line(200, "Organisation"),
        "contact": policy.line(254, "Public contact"),
    }

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="responsible_people"
    )
    name = models.CharField("Full name", max_length=200)
    job_title = models.CharField("Job title", max_length=200)
    organisation = models.CharField("Organisation", max_length=200)
    contact = models.CharField(
        "Public contact",
        max_length=254,
        help_text="A role mailbox or phone number is fine instead of a personal email address.",
    )
    duties = models.JSONField("Duties", default=list)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "responsible people"

    def __str__(self):
        return f"{self.name}, {self.job_title}"

    def get_duties_display(self) -> list[str]:
        labels = dict(DUTY_CHOICES)
        return [labels.get(duty, duty) for duty in self.duties]


class ImpactAssessment(PublicTextModel, models.Model):
    """An impact assessment done for a project version (a data protection impact assessment,
    an equality impact assessment ...), with a public link where one exists."""

    public_text_rules = {
        "name": policy.name(200, "The name of the assessment"),
        "url": policy.line(500, "The public link"),
        "summary": policy.long(IMPACT_ASSESSMENT_SUMMARY_MAX_LENGTH, "What it found"),
    }

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="impact_assessments"
    )
    name = models.CharField("Name of the assessment", max_length=200)
    completed_on = models.DateField("Date completed", null=True, blank=True)
    url = models.URLField("Public link", max_length=500, blank=True)
    summary = models.TextField(
        "What it found", max_length=IMPACT_ASSESSMENT_SUMMARY_MAX_LENGTH, blank=True
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    def as_record(self) -> dict:
        """The assessment as the open data format has it."""
        return {
            "name": self.name,
            "date": self.completed_on.isoformat() if self.completed_on else None,
            "url": self.url or None,
            "summary": self.summary or None,
        }


class ModerationEvent(PublicTextModel, models.Model):
    """An append-only record of every move a project version made: who, when, why."""

    public_text_rules = {"message": policy.long(label="The message")}

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(max_length=20, choices=PublicationState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=PublicationState.choices)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.project.slug} v{self.project.version}: {self.from_state} -> {self.to_state}"


CHOICE_LABELS = {
    "status": dict(STATUS_CHOICES),
    "ai_kinds": dict(AI_KIND_CHOICES),
    "ai_decision_role": dict(AI_DECISION_ROLE_CHOICES),
    "areas": dict(AREA_CHOICES),
    "topics": dict(TOPIC_CHOICES),
}


class ReviewReminder(models.Model):
    """A review reminder sent to a record's organisation, so each is sent once per due date."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "30 days before the review is due"
        DUE = "due", "On the day the review is due"

    slug = models.SlugField("Register id", max_length=90)
    due_date = models.DateField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "due_date", "kind"], name="one_reminder_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.slug}: {self.get_kind_display()} ({self.due_date})"


class PrefilledAnswer(models.Model):
    """An answer a draft was started with, taken from another record (such as an ATRS record):
    the form marks it as from there until someone changes it."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="prefilled")
    key = models.CharField(max_length=60)
    source = models.CharField(
        max_length=100, help_text='Where it came from, e.g. "the ATRS record".'
    )
    value = models.JSONField(help_text="The answer as it was filled in.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="one_prefill_per_answer")
        ]

    def __str__(self):
        return f"{self.project_id} {self.key} from {self.source}"


def comparable_answer(project: Project, key: str):
    """An answer as plain data, to tell whether it changed since it was filled in."""
    value = project.answer(key)
    if key == "impact_assessments":
        return [assessment.as_record() for assessment in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
