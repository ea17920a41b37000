"""The kinds of organisation on the register (the form's "type of organisation" question)."""

from django.db.models import TextChoices


class OrganisationType(TextChoices):
    ACADEMIC = "academic", "Academic"
    PUBLIC_SERVICE = "public_service", "Public service"
    NHS = "nhs", "NHS"
    VOLUNTARY = "voluntary", "Voluntary sector"
    COMMERCIAL = "commercial", "Commercial"
    OTHER = "other", "Other"


ORGANISATION_TYPE_CHOICES = OrganisationType.choices
