from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "cocreate.ideas"
    label = "ideas"

    def ready(self):
        from cocreate.core.methods import register

        from . import pages  # noqa: F401  (registers page parts)
        from .methods import IDEA_METHODS

        for method in IDEA_METHODS:
            register(method)
