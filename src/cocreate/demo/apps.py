from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo community: the base builder plus what each app contributes in its own `demo.py`."""

    name = "cocreate.demo"
    label = "demo"
    verbose_name = "Demo community"
