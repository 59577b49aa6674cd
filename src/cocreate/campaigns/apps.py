from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "cocreate.campaigns"
    label = "campaigns"

    def ready(self):
        from . import handlers  # noqa: F401  (registers what the activity log asks of this context)
