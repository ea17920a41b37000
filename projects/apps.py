from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"

    def ready(self):
        import charter_register.checks  # noqa: F401  (registers the secret key check)

        from .caching import connect_signals

        connect_signals()
