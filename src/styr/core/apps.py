from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "styr.core"
    verbose_name = "Fælles"
