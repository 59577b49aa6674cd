from django.apps import AppConfig


class SimilarityConfig(AppConfig):
    name = "cocreate.similarity"
    label = "similarity"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
