from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "styr.portal"
    verbose_name = "Min lederside"

    def ready(self) -> None:
        from . import audit  # noqa: F401  (registers the models with the audit trail)
