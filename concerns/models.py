"""Residents' voice: questions and concerns about a project on the register.

The guide's last question asks how people can contest, appeal or refuse. Anyone can ask a
question or raise a concern about a published project, without an account. The sender's email
address is private: it is never shown on a page, in an export or in the API.
"""

from django.conf import settings
from django.db import models

from public_text import policy
from public_text.models import PublicTextModel

MESSAGE_MAX_LENGTH = 2000


class ConcernQuerySet(models.QuerySet):
    def of_record(self, slug: str):
        return self.filter(slug=slug)

    def answered(self):
        return self.filter(answered_at__isnull=False)

    def unanswered(self):
        return self.filter(answered_at__isnull=True)

    def from_sender(self, email: str):
        """Concerns sent from ``email`` (compared ignoring case), anonymised ones left out."""
        email = email.strip()
        if not email:
            return self.none()
        return self.filter(email__iexact=email, anonymised_at__isnull=True)

    def shown_publicly(self):
        """Questions shown on the project page: the sender agreed and a moderator approved."""
        return self.filter(consent_to_publish=True, published=True, answered_at__isnull=False)


class Concern(PublicTextModel, models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", "A question about the project"
        CONCERN = "concern", "A concern about the project"
        CORRECTION = "correction", "Something on this page is wrong"
        OPT_OUT = "opt_out", "I want to opt out or refuse to take part"

    project = models.ForeignKey(
        "projects.Project", on_delete=models.PROTECT, related_name="concerns"
    )
    slug = models.SlugField(
        "Register id", max_length=90, help_text="The record it is about, whatever its version."
    )
    kind = models.CharField("What is it about?", max_length=20, choices=Kind.choices)
    message = models.TextField("Your message", max_length=MESSAGE_MAX_LENGTH)
    email = models.EmailField("Your email address (optional)", blank=True)
    consent_to_publish = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    public_response = models.TextField(blank=True)
    published = models.BooleanField(
        default=False, help_text="A moderator approved showing the question and its answer."
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = ConcernQuerySet.as_manager()

    public_text_rules = {
        "message": policy.long(MESSAGE_MAX_LENGTH, "Your message"),
        "public_response": policy.long(label="The answer"),
    }

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["slug", "created_at"], name="concern_record")]

    def __str__(self):
        return f"{self.get_kind_display()} about {self.slug} ({self.created_at:%Y-%m-%d})"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
