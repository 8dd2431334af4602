from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BudgetConfig(AppConfig):
    name = "styr.budget"
    verbose_name = "Budget og regnskab"

    def ready(self) -> None:
        from . import audit, rollups  # noqa: F401  (audit registers the models with the audit trail)

        # The budget rollup of every year that needs one, after its first migration and whenever the
        # salary profile or the rollup's own version has changed.
        post_migrate.connect(rollups.rebuild_after_migrate, sender=self, dispatch_uid="styr.budget.rollups")
