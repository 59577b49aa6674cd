from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "cocreate.ideas"
    label = "ideas"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
