"""Accounts promises (issue 15): two-factor authentication with an authenticator app and recovery codes, required
for the staff roles an admin lists in MFA_REQUIRED_ROLES; sessions end after idleness and at a fixed age."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.urls import reverse

from cocreate.accounts.middleware import SEEN, STARTED
from cocreate.accounts.models import Role
from tests.factories import PASSWORD, MemberFactory, staff

pytestmark = pytest.mark.django_db


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits), as any authenticator app computes it."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def _verified(user):
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def _sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def _activate_totp(client) -> str:
    # allauth asks for the password again before adding an authenticator
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp(secret)})
    assert response.status_code == 302, response.content[:2000]
    return secret


def test_a_moderator_is_sent_to_set_up_mfa_before_staff_pages_when_required(client, settings):
    settings.MFA_REQUIRED_ROLES = ["admin", "moderator"]
    moderator = _verified(staff(Role.MODERATOR))
    _sign_in(client, moderator)

    for page in ("/", "/moderation/", "/api/v1/me"):
        response = client.get(page)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get("/api/v1/me").json()["code"] == "mfa_required"

    _activate_totp(client)

    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists()
    assert client.get("/").status_code == 200


def test_signing_in_with_mfa_asks_for_a_code_and_takes_a_recovery_code(client, settings):
    settings.MFA_REQUIRED_ROLES = ["admin"]
    admin = _verified(staff(Role.ADMIN))
    _sign_in(client, admin)
    _activate_totp(client)
    client.post(reverse("account_logout"))

    response = _sign_in(client, admin)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone does not sign in
    assert client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == 200
    assert "_auth_user_id" not in client.session

    codes = RecoveryCodes(Authenticator.objects.get(user=admin, type=Authenticator.Type.RECOVERY_CODES))
    client.post(reverse("mfa_authenticate"), {"code": codes.get_unused_codes()[0]})
    assert client.session["_auth_user_id"] == str(admin.pk)


def test_members_and_unlisted_roles_are_not_asked(client, settings):
    settings.MFA_REQUIRED_ROLES = ["admin"]
    for user in (MemberFactory(), staff(Role.REVIEWER)):
        client.force_login(user)
        assert client.get("/").status_code == 200
    settings.MFA_REQUIRED_ROLES = []
    client.force_login(staff(Role.ADMIN))
    assert client.get("/").status_code == 200


def test_a_session_ends_after_the_idle_timeout(client, settings):
    settings.SESSION_IDLE_TIMEOUT = 3600
    client.force_login(MemberFactory())
    client.get("/")
    session = client.session
    session[SEEN] = int(time.time()) - 3599
    session.save()
    client.get("/")
    assert "_auth_user_id" in client.session  # active within the hour: still signed in

    session = client.session
    session[SEEN] = int(time.time()) - 3601
    session.save()
    client.get("/")
    assert "_auth_user_id" not in client.session


def test_a_session_ends_at_its_absolute_age_even_when_active(client, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT = 14 * 24 * 3600
    client.force_login(MemberFactory())
    client.get("/")
    session = client.session
    session[STARTED] = int(time.time()) - 14 * 24 * 3600 - 1
    session.save()
    client.get("/")
    assert "_auth_user_id" not in client.session
