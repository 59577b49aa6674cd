from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cocreate.api"
    label = "api"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
