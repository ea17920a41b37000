from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = "The public register"

    def ready(self):
        # Receivers import the domain's models, so they are connected once the models are
        # loaded (Django's way: AppConfig.ready), not when this module is imported.
        from . import receivers  # noqa: F401
