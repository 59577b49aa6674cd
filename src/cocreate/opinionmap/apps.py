from django.apps import AppConfig


class OpinionmapConfig(AppConfig):
    name = "cocreate.opinionmap"
    label = "opinionmap"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
