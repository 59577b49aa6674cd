from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "cocreate.review"
    label = "review"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
