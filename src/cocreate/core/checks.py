"""System checks Cocreate adds to Django's own."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from .secret_key import HOW_TO_MAKE_ONE, secret_key_problem


@register(Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    """`check --deploy` fails (an error, not a warning) on a missing, default or weak key, even with DEBUG on."""
    problem = secret_key_problem(settings.SECRET_KEY)
    if problem is None:
        return []
    return [Error(f"{problem}: everything signed with it can be forged.", hint=HOW_TO_MAKE_ONE, id="cocreate.E001")]
