from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "cocreate.ideas"
    label = "ideas"

    def ready(self):
        from . import pages  # noqa: F401  (registers page parts)
