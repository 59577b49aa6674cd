from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "cocreate.moderation"
    label = "moderation"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
