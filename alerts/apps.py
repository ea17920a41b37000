from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts: residents follow a search or a project without an account."""

    name = "alerts"
    verbose_name = "Email alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers

        receivers.connect()

    def personal_data(self, email: str) -> dict:
        """For ``export_personal_data`` (``accounts.personal_data``)."""
        from .services import personal_data

        return {"email_alerts": personal_data(email)["alerts"]}
