"""Signal receivers of this context (connected on app ready): allauth's password signals become domain events,
failed sign-ins count towards the shared lockout, sign-ins and failed sign-ins go into the activity log, the
log learns who staffs which campaign, and a sign-in starts the session's clocks."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import password_changed, password_reset, password_set
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from cocreate.activity.models import Verb
from cocreate.activity.scopes import register_staff_scope
from cocreate.activity.services import activity_record

from .middleware import start_session_clock
from .models import Role, User
from .selectors import staff_of_campaign_ids


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


# ---- the activity log -------------------------------------------------------------------------------------

# Who reads a campaign's activity log: those who run or moderate it (reviewers see their queue, not the log).
ACTIVITY_STAFF: set[str] = {Role.FACILITATOR, Role.MODERATOR}


@register_staff_scope
def activity_staff_scope(user: Any) -> set[int] | None:
    return staff_of_campaign_ids(user, ACTIVITY_STAFF)


# Authentication signals, not model signals: Django announces sign-ins only this way. Django's own signal, not
# allauth's, so a sign-in to /admin/ is logged too (allauth's sign-in goes through django.contrib.auth.login).
@receiver(user_logged_in, dispatch_uid="cocreate.activity.signed_in")
def log_sign_in(sender: Any, request: Any = None, user: Any = None, **kwargs: Any) -> None:
    activity_record(actor=user, verb=Verb.SIGNED_IN, target=user)


@receiver(user_login_failed, dispatch_uid="cocreate.activity.sign_in_failed")
def log_failed_sign_in(sender: Any, credentials: dict | None = None, request: Any = None, **kwargs: Any) -> None:
    credentials = credentials or {}
    login = str(credentials.get("email") or credentials.get("username") or credentials.get("login") or "").strip()
    # The typed address is stored only when it is a member's: strangers' guesses stay out of the log.
    member = User.objects.filter(email__iexact=login).first() if login else None
    activity_record(actor=None, verb=Verb.SIGN_IN_FAILED, target=member, details={"known_account": member is not None})


user_logged_in.connect(start_session_clock, dispatch_uid="cocreate.accounts.start_session_clock", weak=False)
