from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "styr.goals"
    verbose_name = "Mål og pejlemærker"

    def ready(self) -> None:
        from . import audit  # noqa: F401  (registers the models with the audit trail)
