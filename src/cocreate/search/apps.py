from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cocreate.search"
    label = "search"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
