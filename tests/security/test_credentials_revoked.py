"""F6: a member's API tokens and other sessions end when their password changes or is reset, and when they are
suspended."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.api.models import PersonalAccessToken
from cocreate.api.services import token_authenticate, token_create
from cocreate.moderation.services import member_suspend
from tests.factories import PASSWORD, MemberFactory, staff

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-much-longer-new-passphrase-2026"


def _signed_in(member) -> Client:
    client = Client()
    client.force_login(member)
    return client


def _is_signed_in(client: Client) -> bool:
    return client.get(reverse("tokens:list")).status_code == 200


@pytest.fixture
def member_with_credentials():
    member = MemberFactory()
    _token, raw = token_create(actor=member, name="laptop script")
    return member, raw, _signed_in(member)


def test_changing_the_password_revokes_tokens_and_other_sessions(member_with_credentials, on_commit):
    member, raw, other_session = member_with_credentials
    current = _signed_in(member)
    with on_commit(execute=True):
        response = current.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
    assert response.status_code == 302
    assert token_authenticate(raw=raw) is None
    assert not _is_signed_in(other_session)
    assert _is_signed_in(current)  # the session that changed it stays


def test_resetting_the_password_revokes_tokens_and_sessions(member_with_credentials, client, on_commit):
    member, raw, other_session = member_with_credentials
    client.post(reverse("account_reset_password"), {"email": member.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mail.outbox[-1].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    with on_commit(execute=True):
        client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert token_authenticate(raw=raw) is None
    assert not _is_signed_in(other_session)


def test_suspension_revokes_tokens_and_ends_every_session(member_with_credentials, on_commit):
    member, raw, session = member_with_credentials
    with on_commit(execute=True):
        member_suspend(
            actor=staff(Role.MODERATOR), member=member, until=timezone.now() + timedelta(days=2), reason="Spam run"
        )
    assert token_authenticate(raw=raw) is None
    assert not PersonalAccessToken.objects.filter(user=member, revoked_at__isnull=True).exists()
    assert not _is_signed_in(session)
    assert _is_signed_in(_signed_in(member))  # they may sign in again to read


def test_sessions_made_before_any_bump_stay_valid():
    member = MemberFactory()
    session = _signed_in(member)
    assert member.session_generation == 0
    assert _is_signed_in(session)
