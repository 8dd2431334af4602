from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "styr.organisation"
    verbose_name = "Organisation"

    def ready(self) -> None:
        from . import audit  # noqa: F401  (registers the models with the audit trail)
