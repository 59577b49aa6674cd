from django.apps import AppConfig


class PairwiseConfig(AppConfig):
    name = "cocreate.pairwise"
    label = "pairwise"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
