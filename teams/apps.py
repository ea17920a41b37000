from django.apps import AppConfig


class TeamsConfig(AppConfig):
    """The organisation admins' team pages; the rules live in ``organisations.teams``."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "teams"
