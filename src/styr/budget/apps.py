from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "styr.budget"
    verbose_name = "Budget og regnskab"

    def ready(self) -> None:
        from . import audit  # noqa: F401  (registers the models with the audit trail)
