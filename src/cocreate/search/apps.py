from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cocreate.search"
    label = "search"

    def ready(self):
        from cocreate.core.backup import on_restored

        from . import (
            handlers,  # noqa: F401  (subscribes event handlers)
            index,
        )

        on_restored(lambda: index.rebuild() if index.uses_fts5() else None)
