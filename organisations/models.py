from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from public_text import policy
from public_text.models import PublicTextModel
from public_text.policy import organisation_name_key

from .choices import ORGANISATION_TYPE_CHOICES, OrganisationType
from .identifiers import (
    charity_number_validator,
    companies_house_validator,
    ods_code_validator,
    public_identifiers,
)
from .rules import mission_statement_problem


def slug_base(text: str, *, max_length: int = 80) -> str:
    """``text`` as lowercase words joined by single hyphens (the register's id pattern)."""
    base = slugify(text).replace("_", "-")[:max_length]
    return "-".join(part for part in base.split("-") if part) or "item"


def free_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` ... whichever is not in ``taken``."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def unique_slug(
    model, text: str, *, max_length: int = 80, exclude_pk=None, reserved=frozenset()
) -> str:
    """A lowercase, hyphenated slug of ``text`` that no other row of ``model`` uses and that is
    not ``reserved`` (an address of a page that is not a row)."""
    base = slug_base(text, max_length=max_length)
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    return free_slug(base, taken | set(reserved))


class OrganisationQuerySet(models.QuerySet):
    def signatories(self):
        return self.filter(is_signatory=True)

    def unverified(self):
        return self.filter(verified=False)

    def by_name(self, name: str):
        """The organisation called ``name``, or one whose name only looks different: case,
        spaces, zero-width characters and look-alike letters set aside
        (``public_text.policy.organisation_name_key``)."""
        return self.filter(name_key=organisation_name_key(name))


class Organisation(PublicTextModel, models.Model):
    """An organisation that runs, supports, supplies or funds a data or AI project."""

    name = models.CharField("Organisation name", max_length=200, unique=True)
    # What two names must differ in to be two organisations (kept by ``save``); indexed so a
    # look-alike of any name in the directory is found in one query.
    name_key = models.CharField(max_length=400, db_index=True, editable=False, default="")
    slug = models.SlugField(max_length=90, unique=True)
    type = models.CharField("Organisation type", max_length=20, choices=ORGANISATION_TYPE_CHOICES)
    description = models.CharField(
        "Describe your organisation in one sentence", max_length=500, blank=True
    )
    mission_statement = models.TextField(
        "If you are a commercial organisation, what is your mission statement?", blank=True
    )
    # Optional identifiers in the UK's public registers (open data format version 2).
    companies_house_number = models.CharField(
        "Companies House number",
        max_length=8,
        blank=True,
        validators=[companies_house_validator],
        help_text="For a company registered in the UK: 8 letters or digits.",
    )
    charity_number = models.CharField(
        "Charity number",
        max_length=12,
        blank=True,
        validators=[charity_number_validator],
        help_text="The Charity Commission's number (or OSCR's, or Northern Ireland's).",
    )
    ods_code = models.CharField(
        "NHS organisation code",
        max_length=10,
        blank=True,
        validators=[ods_code_validator],
        help_text="The organisation's code in the NHS Organisation Data Service (ODS).",
    )
    is_signatory = models.BooleanField("Has signed the Charter", default=False)
    signed_on = models.DateField("Date signed", null=True, blank=True)
    verified = models.BooleanField(
        default=False, help_text="Charter staff have checked this organisation is real."
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    public_text_rules = {
        "name": policy.name(200, "Organisation name"),
        "description": policy.line(500, "The description of the organisation"),
        "mission_statement": policy.long(label="The mission statement"),
    }

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"), name="organisation_name_unique_ignoring_case"
            ),
            models.CheckConstraint(
                condition=models.Q(signed_on__isnull=True) | models.Q(is_signatory=True),
                name="organisation_signed_on_only_for_signatories",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name, exclude_pk=self.pk)
        self.name_key = organisation_name_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    def look_alike(self) -> Organisation | None:
        """Another organisation in the directory whose name only looks different."""
        return (
            Organisation.objects.by_name(self.name).exclude(pk=self.pk).order_by("pk").first()
            if self.name
            else None
        )

    @property
    def identifiers(self):
        """Its identifiers, each linked to the public register that holds it."""
        return public_identifiers(self)

    @property
    def is_commercial(self) -> bool:
        return self.type == OrganisationType.COMMERCIAL

    def clean(self):
        errors = {}
        existing = self.look_alike()
        if existing is not None:
            errors["name"] = (
                f"{existing.name} is already in the directory: use it, or give a name that "
                "is not only spelled differently"
            )
        mission = mission_statement_problem(
            type=self.type, mission_statement=self.mission_statement, name=self.name
        )
        if mission:
            errors["mission_statement"] = mission
        if self.signed_on and not self.is_signatory:
            errors["signed_on"] = (
                "Only an organisation that has signed the Charter has a date signed"
            )
        if errors:
            raise ValidationError(errors)


class Membership(models.Model):
    """A person who may record and edit projects for an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_each")
        ]

    def __str__(self):
        return f"{self.user} at {self.organisation}"
