from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "cocreate.legal"
    label = "legal"
