from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cocreate.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from cocreate.core.events import DomainEvent, subscribe

        from . import checks  # noqa: F401  (registers the system checks)
        from .visitor_cache import bump_generation

        # Immediate, not a reaction: it must take effect before the next visitor's page is served, it writes one
        # cache key and loses no data when it fails (cached pages expire after VISITOR_CACHE_SECONDS anyway).
        @subscribe(DomainEvent)
        def _refresh_visitor_pages(event: DomainEvent) -> None:
            if event.changes_public_pages:
                bump_generation()
