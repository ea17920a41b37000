from django.apps import AppConfig

from . import checks  # noqa: F401  (registers the secret key check)


class CharterRegisterConfig(AppConfig):
    """The wiring as an app, so that its system checks are registered at start-up."""

    name = "charter_register"
    verbose_name = "Charter Register"
