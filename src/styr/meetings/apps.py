from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "styr.meetings"
    verbose_name = "Møder"

    def ready(self) -> None:
        from . import audit, conf  # noqa: F401  (audit trail; settings checked at start)

        conf.check()
