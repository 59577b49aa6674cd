"""Signal receivers of this context (connected on app ready): allauth's password signals become domain events, and
failed sign-ins count towards the shared lockout."""

from allauth.account.signals import password_changed, password_reset, password_set
from django.contrib.auth.signals import user_login_failed


def _on_password(how: str):
    def receiver(sender, request, user, **kwargs):
        from .services import password_changed_record

        password_changed_record(member=user, how=how)

    return receiver


# allauth's own signals: every password change, reset and first password goes through allauth's views.
for _signal, _how in ((password_changed, "changed"), (password_reset, "reset"), (password_set, "set")):
    _signal.connect(_on_password(_how), dispatch_uid=f"cocreate.accounts.password_{_how}", weak=False)


def _count_failed_sign_in(sender, credentials, request=None, **kwargs):
    from .lockout import record_failure

    record_failure(request, credentials)


# Every failed `authenticate` (member sign-in, /admin/login/) counts towards the shared lockout (accounts.lockout).
user_login_failed.connect(_count_failed_sign_in, dispatch_uid="cocreate.accounts.count_failed_sign_in", weak=False)
