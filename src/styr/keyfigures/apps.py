from django.apps import AppConfig


class KeyFiguresConfig(AppConfig):
    name = "styr.keyfigures"
    verbose_name = "Nøgletal"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import KeyFigureImport

        # The series are audited per import (who, when, which file and months), not per row.
        auditlog.register(KeyFigureImport)
