from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "cocreate.engagement"
    label = "engagement"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
