from django.apps import AppConfig


class OpinionmapConfig(AppConfig):
    name = "cocreate.opinionmap"
    label = "opinionmap"

    def ready(self):
        from cocreate.core.methods import register

        from . import handlers  # noqa: F401  (subscribes event handlers)
        from .methods import OPINION_MAP

        register(OPINION_MAP)
