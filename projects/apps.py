from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"

    def ready(self):
        # Receivers import the models, so they are connected once the models are loaded.
        from . import receivers  # noqa: F401
