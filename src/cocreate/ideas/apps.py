from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "cocreate.ideas"
    label = "ideas"

    def ready(self):
        from . import handlers, pages  # noqa: F401  (subscribe event handlers, register page parts)
