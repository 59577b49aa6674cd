from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "cocreate.engagement"
    label = "engagement"

    def ready(self):
        from . import handlers, pages  # noqa: F401  (subscribe event handlers, register page parts)
