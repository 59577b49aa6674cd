from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "cocreate.campaigns"
    label = "campaigns"
