"""The kinds of organisation on the register (the form's "type of organisation" question)."""

ORGANISATION_TYPE_CHOICES = [
    ("academic", "Academic"),
    ("public_service", "Public service"),
    ("nhs", "NHS"),
    ("voluntary", "Voluntary sector"),
    ("commercial", "Commercial"),
    ("other", "Other"),
]
