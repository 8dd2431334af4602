from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "styr.documents"
    verbose_name = "Dokumenter"
