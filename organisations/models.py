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

    def visible_to(self, user):
        """The directory ``user`` may choose from: every organisation that is verified or on a
        published record, and those first named in a draft of one of ``user``'s organisations."""
        listed = models.Q(named_by__isnull=True)
        if user is not None and user.is_authenticated:
            mine = Membership.objects.filter(user=user).values("organisation_id")
            listed |= models.Q(named_by__in=mine) | models.Q(pk__in=mine)
        return self.filter(listed)

    def of_member(self, user):
        """The organisations ``user`` belongs to, by name."""
        return self.filter(memberships__user=user).order_by("name")


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
    named_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation whose draft first named this one. Until a project naming it "
        "is published or Charter staff verify it, only that organisation's members see it.",
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


class Role(models.TextChoices):
    """What a person may do for an organisation: every member edits its projects; admins also
    manage the team. The one place these roles are defined."""

    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"


class MembershipQuerySet(models.QuerySet):
    def admins(self):
        return self.filter(role=Role.ADMIN)


class Membership(models.Model):
    """A person who may record and edit projects for an organisation."""

    Role = Role

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_each")
        ]

    def __str__(self):
        return f"{self.user} at {self.organisation}"

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


class JoinRequest(models.Model):
    """Someone asks to join an organisation. Its admins decide; when it has no admin (nobody
    from it uses the register yet, or all have left), Charter staff do."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField("Message", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Asked when the organisation had no admin: Charter staff decide.
    to_staff = models.BooleanField(default=False)
    reason = models.TextField("Reason", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_request_each",
            )
        ]

    def __str__(self):
        return f"{self.user} asks to join {self.organisation} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


INVITATION_DAYS = 14


class Invitation(models.Model):
    """An admin invites a colleague by email address. The link carries a random token; only
    its SHA-256 is kept, so the table cannot be used to accept anyone's invitation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("Email address")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.email} invited to {self.organisation}"

    def is_pending(self, now) -> bool:
        return self.accepted_at is None and self.cancelled_at is None and now < self.expires_at


class EmailDomain(models.Model):
    """An email domain an organisation says it owns. Once Charter staff confirm it, a person
    with a confirmed address on it joins the organisation as a member straight away."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="email_domains"
    )
    domain = models.CharField("Email domain", max_length=253)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "domain"], name="domain_once_each"),
            models.UniqueConstraint(
                fields=["domain"],
                condition=models.Q(confirmed_at__isnull=False),
                name="confirmed_domain_one_organisation",
            ),
        ]

    def __str__(self):
        return self.domain

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class SignatureRequest(models.Model):
    """An organisation's admin asks Charter staff to record that it has signed the Charter."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for Charter staff"
        RECORDED = "recorded", "Recorded"
        DECLINED = "declined", "Declined"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="signature_requests"
    )
    signatory_name = models.CharField("Full name of the person signing", max_length=200)
    signatory_job_title = models.CharField("Their job title", max_length=200)
    signed_on = models.DateField("Date signed")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField("Reason", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="pending"),
                name="one_pending_signature_each",
            )
        ]

    def __str__(self):
        return f"{self.organisation} signed on {self.signed_on} ({self.status})"


class MembershipEvent(models.Model):
    """An append-only record of every change to an organisation's team: who, to whom, when."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", "Asked to join"
        APPROVED = "approved", "Request approved"
        DECLINED = "declined", "Request declined"
        INVITED = "invited", "Invited"
        INVITATION_CANCELLED = "invitation_cancelled", "Invitation cancelled"
        JOINED = "joined", "Joined"
        ROLE_CHANGED = "role_changed", "Role changed"
        REMOVED = "removed", "Removed"
        LEFT = "left", "Left"
        DOMAIN_ADDED = "domain_added", "Email domain added"
        DOMAIN_CONFIRMED = "domain_confirmed", "Email domain confirmed"
        DOMAIN_REMOVED = "domain_removed", "Email domain removed"
        SIGNATURE_REQUESTED = "signature_requested", "Asked to sign the Charter"
        SIGNATURE_RECORDED = "signature_recorded", "Signature recorded"
        SIGNATURE_DECLINED = "signature_declined", "Signature declined"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="membership_events"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Whom it was about: a person, or for an invitation or a domain only its address or name.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject_text = models.CharField(max_length=254, blank=True)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Membership events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Membership events are append-only")

    @property
    def about(self) -> str:
        return self.subject.email if self.subject_id else self.subject_text
