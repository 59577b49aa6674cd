from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "cocreate.notifications"
    label = "notifications"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
