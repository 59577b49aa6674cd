from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "cocreate.review"
    label = "review"

    def ready(self):
        from cocreate.core.timeline import add_timeline_source

        from . import handlers, selectors  # noqa: F401  (handlers subscribe to events on import)

        add_timeline_source(selectors.timeline_entries)
