from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "cocreate.legal"
    label = "legal"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
