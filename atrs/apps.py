from django.apps import AppConfig


class AtrsConfig(AppConfig):
    """The UK Algorithmic Transparency Recording Standard: the crosswalk, export and import."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "atrs"
    verbose_name = "ATRS (UK Algorithmic Transparency Recording Standard)"
