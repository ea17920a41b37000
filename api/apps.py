from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Read API"

    def ready(self):
        # Registers the OpenAPI description of a register record with drf-spectacular. Here, not
        # at the top: the description reads the models, which are loaded only by now.
        from . import schema  # noqa: F401
