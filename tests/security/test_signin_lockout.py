"""F4: one sign-in lockout for every way in — /admin/login/ included — kept where every process sees it (the
database in embedded mode), so more web processes do not mean more guesses."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from cocreate.accounts import ratelimit
from cocreate.accounts.models import RateLimitCounter, Role
from tests.factories import PASSWORD, staff

pytestmark = pytest.mark.django_db

WRONG = "not-the-password-at-all"


@pytest.fixture
def lockout(settings):
    settings.SIGNIN_LIMITS = {"account": "3/15m", "ip": "100/15m"}


def _admin_login(client, email, password):
    return client.post("/admin/login/?next=/admin/", {"username": email, "password": password})


def _member_login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_admin_login_is_locked_after_failed_guesses(client, lockout):
    admin = staff(Role.ADMIN, is_staff=True)
    for _ in range(3):
        assert _admin_login(client, admin.email, WRONG).status_code == 200
    response = _admin_login(client, admin.email, PASSWORD)
    assert response.status_code == 200  # the right password is refused while locked out
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_shared_by_both_doors_and_by_every_process(client, lockout):
    admin = staff(Role.ADMIN, is_staff=True)
    admin.emailaddress_set.create(email=admin.email, verified=True, primary=True)
    for _ in range(3):
        _admin_login(client, admin.email, WRONG)
    if not ratelimit.uses_shared_cache():
        # Embedded mode: another process shares nothing of this one's memory, only the database.
        cache.clear()
        assert RateLimitCounter.objects.filter(key__startswith="signin:account:").exists()
    # Scaled out, the count lives in Redis, which every process shares (clearing it would be losing Redis).

    response = _member_login(client, admin.email, PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_below_the_limit_the_right_password_works(client, lockout):
    admin = staff(Role.ADMIN, is_staff=True)
    for _ in range(2):
        _admin_login(client, admin.email, WRONG)
    assert _admin_login(client, admin.email, PASSWORD).status_code == 302


def test_other_accounts_are_not_locked(client, lockout):
    admin, other = staff(Role.ADMIN, is_staff=True), staff(Role.ADMIN, is_staff=True)
    for _ in range(3):
        _admin_login(client, admin.email, WRONG)
    assert _admin_login(client, other.email, PASSWORD).status_code == 302
