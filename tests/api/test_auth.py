"""Who the API believes the caller is: tokens, sessions, anonymous visitors."""

import pytest
from django.test import Client

from cocreate.api.models import PersonalAccessToken, hash_token
from cocreate.api.services import token_create, token_revoke
from cocreate.ideas.models import Idea
from tests.factories import PASSWORD, CampaignFactory, IdeaFactory, MemberFactory

pytestmark = pytest.mark.django_db

IDEA = {"title": "Shaded bike parking", "body": "Put roofs over the bike racks at the station."}


def test_anonymous_write_is_refused_with_401_json(anon):
    campaign = CampaignFactory()

    response = anon.post(f"/campaigns/{campaign.slug}/ideas", IDEA)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Idea.objects.exists()


def test_anonymous_write_with_csrf_enforced_is_still_401_not_a_csrf_failure():
    idea = IdeaFactory()

    response = Client(enforce_csrf_checks=True).post(f"/api/v1/ideas/{idea.pk}/support")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_token_authenticates_and_records_last_use(api, member):
    response = api.get("/me")

    assert response.status_code == 200
    assert response.json()["id"] == member.pk
    assert response.json()["authenticated_with"] == "token"
    assert PersonalAccessToken.objects.get(user=member).last_used_at is not None


def test_only_the_hash_of_a_token_is_stored(member):
    token, raw = token_create(actor=member, name="script")

    token.refresh_from_db()
    assert token.token_hash == hash_token(raw)
    assert raw not in {token.token_hash, token.prefix, token.name}
    assert raw.startswith(token.prefix)


def test_revoked_token_is_refused_even_for_reads(client, member):
    token, raw = token_create(actor=member, name="old")
    token_revoke(actor=member, token=token)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    write = client.post(f"/api/v1/ideas/{IdeaFactory().pk}/support", **headers)
    read = client.get("/api/v1/ideas", **headers)

    assert write.status_code == 401
    assert write.json()["code"] == "not_authenticated"
    assert read.status_code == 401


def test_unknown_token_is_refused(client):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer cct_not-a-real-token")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_token_of_a_deactivated_member_is_refused(as_user):
    member = MemberFactory()
    api = as_user(member)
    member.is_active = False
    member.save()

    assert api.get("/me").status_code == 401


def test_session_authenticates_reads_and_writes(client, member):
    idea = IdeaFactory()
    client.login(email=member.email, password=PASSWORD)

    me = client.get("/api/v1/me")
    support = client.post(f"/api/v1/ideas/{idea.pk}/support")

    assert me.json()["authenticated_with"] == "session"
    assert support.status_code == 201


def test_session_write_without_csrf_token_is_refused(member):
    idea = IdeaFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.login(email=member.email, password=PASSWORD)

    response = browser.post(f"/api/v1/ideas/{idea.pk}/support")

    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    idea.refresh_from_db()
    assert idea.support_count == 0


def test_session_write_with_csrf_token_is_accepted(member):
    idea = IdeaFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.login(email=member.email, password=PASSWORD)
    browser.get("/accounts/tokens/")  # any page that renders a form sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value

    response = browser.post(f"/api/v1/ideas/{idea.pk}/support", HTTP_X_CSRFTOKEN=csrf)

    assert response.status_code == 201


def test_unknown_api_path_answers_json_404(anon):
    response = anon.get("/no-such-thing")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
