import pytest
from django.urls import reverse

from cocreate.api.models import PersonalAccessToken, hash_token
from cocreate.api.services import token_create
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client, member):
    client.force_login(member)
    return client


def test_token_page_needs_sign_in(client):
    response = client.get(reverse("tokens:list"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_token_page_lists_own_tokens_only(browser, member):
    token_create(actor=member, name="Laptop script")
    token_create(actor=MemberFactory(), name="Someone else's")

    response = browser.get(reverse("tokens:list"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Laptop script" in content
    assert "Someone else" not in content
    assert 'for="id_name"' in content  # the control has a label


def test_creating_a_token_shows_the_raw_value_once(browser, member):
    response = browser.post(reverse("tokens:list"), {"name": "Dashboard sync"})

    assert response.status_code == 200
    token = PersonalAccessToken.objects.get(user=member)
    raw = response.context["raw_token"]
    assert token.token_hash == hash_token(raw)
    assert raw in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert raw not in browser.get(reverse("tokens:list")).content.decode()


def test_creating_without_a_name_keeps_the_form_with_an_error(browser):
    response = browser.post(reverse("tokens:list"), {"name": ""})

    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not PersonalAccessToken.objects.exists()


def test_revoke_asks_for_confirmation_first(browser, member):
    token, _raw = token_create(actor=member, name="Old")
    url = reverse("tokens:revoke", args=[token.pk])

    confirm_page = browser.get(url)
    unconfirmed = browser.post(url, {})
    token.refresh_from_db()
    assert confirm_page.status_code == 200 and unconfirmed.status_code == 400
    assert token.revoked_at is None

    confirmed = browser.post(url, {"confirm": "on"})

    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("tokens:list")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_cannot_open_or_revoke_someone_elses_token(browser):
    other, _raw = token_create(actor=MemberFactory(), name="Theirs")
    url = reverse("tokens:revoke", args=[other.pk])

    assert browser.get(url).status_code == 404
    assert browser.post(url, {"confirm": "on"}).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_admin_lists_tokens_without_editable_hash(client):
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    token, _raw = token_create(actor=admin, name="Admin token")
    client.force_login(admin)

    listing = client.get(reverse("admin:api_personalaccesstoken_changelist"))
    detail = client.get(reverse("admin:api_personalaccesstoken_change", args=[token.pk]))

    assert listing.status_code == 200 and b"Admin token" in listing.content
    assert detail.status_code == 200
    assert token.token_hash.encode() not in detail.content
    assert b'name="token_hash"' not in detail.content


def test_admin_action_revokes_through_the_service(client, member):
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    token, _raw = token_create(actor=member, name="Leaked")
    client.force_login(admin)

    response = client.post(
        reverse("admin:api_personalaccesstoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
