from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cocreate.accounts"
    label = "accounts"

    def ready(self):
        from . import handlers  # noqa: F401  (connects allauth's password signals and the activity log)
