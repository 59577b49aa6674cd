from django.apps import AppConfig


class RoadmapConfig(AppConfig):
    name = "cocreate.roadmap"
    label = "roadmap"

    def ready(self):
        from . import handlers  # noqa: F401  (subscribes event handlers)
