import pytest

from cocreate.accounts.models import Role
from cocreate.api.models import PersonalAccessToken, hash_token
from cocreate.api.services import MAX_ACTIVE_TOKENS, token_create, token_revoke
from cocreate.core.errors import ApplicationError, PermissionDenied
from tests.factories import AgreementFactory, MemberFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


def test_me_shows_profile_terms_and_roles(as_user):
    facilitator = staff(Role.FACILITATOR, display_name="Fran")

    body = as_user(facilitator).get("/me").json()

    assert body["email"] == facilitator.email
    assert body["name"] == "Fran"
    assert body["terms"]["accepted"] is True
    assert body["terms"]["current_version"] is not None
    assert body["roles"] == [{"role": "facilitator", "campaign_id": None}]


def test_me_says_when_terms_are_not_accepted(as_user):
    agreement = AgreementFactory()
    newcomer = UserFactory()

    terms = as_user(newcomer).get("/me").json()["terms"]

    assert terms == {"accepted": False, "current_version": agreement.version, "url": "http://testserver/terms/"}


def test_me_needs_authentication(anon):
    assert anon.get("/me").status_code == 401


def test_token_endpoints_create_list_and_revoke(api, member):
    created = api.post("/me/tokens", {"name": "CI"})

    assert created.status_code == 201
    raw = created.json()["token"]
    assert PersonalAccessToken.objects.get(pk=created.json()["id"]).token_hash == hash_token(raw)
    listed = api.get("/me/tokens").json()
    assert listed["count"] == 2  # the one the client uses, and the new one
    assert all("token" not in t and "token_hash" not in t for t in listed["results"])

    revoked = api.delete(f"/me/tokens/{created.json()['id']}")

    assert revoked.status_code == 204
    assert api.delete(f"/me/tokens/{created.json()['id']}").json()["code"] == "already_revoked"


def test_cannot_revoke_someone_elses_token_through_the_api(api):
    other, _raw = token_create(actor=MemberFactory(), name="theirs")

    response = api.delete(f"/me/tokens/{other.pk}")

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_token_name_is_required(member):
    with pytest.raises(ApplicationError) as error:
        token_create(actor=member, name="   ")

    assert error.value.field == "name"
    assert not PersonalAccessToken.objects.exists()


def test_active_tokens_are_limited(member):
    for n in range(MAX_ACTIVE_TOKENS):
        token_create(actor=member, name=f"t{n}")

    with pytest.raises(ApplicationError) as error:
        token_create(actor=member, name="one too many")

    assert error.value.code == "too_many_tokens"
    assert PersonalAccessToken.objects.count() == MAX_ACTIVE_TOKENS


def test_members_cannot_revoke_each_others_tokens_but_admins_can(member):
    token, _raw = token_create(actor=member, name="mine")

    with pytest.raises(PermissionDenied):
        token_revoke(actor=MemberFactory(), token=token)
    token.refresh_from_db()
    assert token.revoked_at is None

    token_revoke(actor=staff(Role.ADMIN), token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_anonymous_cannot_create_tokens():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ApplicationError) as error:
        token_create(actor=AnonymousUser(), name="x")

    assert error.value.status == 401
