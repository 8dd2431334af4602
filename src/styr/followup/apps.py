from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "styr.followup"
    verbose_name = "Budgetopfølgning"

    def ready(self) -> None:
        from . import audit  # noqa: F401  (registers the models with the audit trail)
