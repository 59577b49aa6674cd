import pytest

from cocreate.opinionmap import services
from cocreate.opinionmap.models import Participant, Statement, Vote
from tests.factories import (
    MemberFactory,
    OpinionCampaignFactory,
    OpinionMapSettingsFactory,
    OpinionParticipantFactory,
    StatementFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def test_statements_votes_and_report(client, on_commit):
    campaign = OpinionCampaignFactory()
    statement = StatementFactory(campaign=campaign)
    StatementFactory(campaign=campaign, moderation=-1)
    base = f"/api/v1/campaigns/{campaign.slug}/opinion"
    listing = client.get(f"{base}/statements").json()
    assert [s["id"] for s in listing["results"]] == [statement.pk]
    assert (
        client.post(
            f"{base}/votes", {"statement_id": statement.pk, "value": 1}, content_type="application/json"
        ).status_code
        == 401
    )
    assert client.get(f"{base}/report").json()["code"] == "no_report"
    client.force_login(MemberFactory())
    with on_commit(execute=True):
        body = client.post(
            f"{base}/votes", {"statement_id": statement.pk, "value": -1}, content_type="application/json"
        ).json()
    assert body == {"statement_id": statement.pk, "value": -1, "next_statement_id": None, "participant_key": None}
    assert Vote.objects.get().value == -1
    report = client.get(f"{base}/report").json()
    assert report["vote_count"] == 1 and "groups" in report["data"]
    created = client.post(f"{base}/statements", {"text": "More trees on main street."}, content_type="application/json")
    assert created.status_code == 201 and created.json()["moderation"] == "unmoderated"


def test_moderation_needs_staff(client):
    campaign = OpinionCampaignFactory()
    statement = services.statement_submit(actor=MemberFactory(), campaign=campaign, text="Close the road on Sundays.")
    client.force_login(MemberFactory())
    url = f"/api/v1/opinion/statements/{statement.pk}"
    assert client.patch(url, {"moderation": "shown"}, content_type="application/json").status_code == 403
    assert Statement.objects.get().moderation == 0
    client.force_login(staff("moderator", campaign=campaign))
    assert client.patch(url, {"moderation": "hidden"}, content_type="application/json").json()["moderation"] == "hidden"


def _anonymous_map(allow=True):
    campaign = OpinionCampaignFactory()
    OpinionMapSettingsFactory(campaign=campaign, allow_anonymous=allow)
    first, second = StatementFactory(campaign=campaign), StatementFactory(campaign=campaign)
    return campaign, first, second


def _vote(client, campaign, statement, value, **headers):
    return client.post(
        f"/api/v1/campaigns/{campaign.slug}/opinion/votes",
        {"statement_id": statement.pk, "value": value},
        content_type="application/json",
        **headers,
    )


def test_anonymous_vote_through_the_api_when_the_campaign_allows_it(client, on_commit):
    campaign, first, second = _anonymous_map()
    with on_commit(execute=True):
        response = _vote(client, campaign, first, 1)
    assert response.status_code == 200
    body = response.json()
    key = body["participant_key"]
    assert services.is_valid_anon_key(key) and body["next_statement_id"] == second.pk
    cookie = response.cookies[services.ANON_COOKIE]
    assert cookie.value == key and cookie["httponly"] and cookie["samesite"] == "Lax"
    participant = Participant.objects.get(campaign=campaign)
    assert participant.user is None and participant.anon_key == key
    # a client without cookies sends the key back in the header: same participant, the vote is replaced
    fresh = client.__class__()
    assert _vote(fresh, campaign, first, -1, HTTP_X_PARTICIPANT_KEY=key).json()["participant_key"] == key
    assert list(Vote.objects.values_list("participant_id", "value")) == [(participant.pk, -1)]
    # the cookie alone identifies the caller too, as on the web page
    assert _vote(client, campaign, second, 0).json() == {
        "statement_id": second.pk,
        "value": 0,
        "next_statement_id": None,
        "participant_key": key,
    }
    assert Participant.objects.filter(campaign=campaign).count() == 1
    assert Vote.objects.filter(participant=participant).count() == 2


def test_anonymous_vote_is_refused_when_the_campaign_does_not_allow_it(client):
    campaign, first, _second = _anonymous_map(allow=False)
    response = _vote(client, campaign, first, 1, HTTP_X_PARTICIPANT_KEY=services.new_anon_key())
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated" and response.json()["detail"]
    assert services.ANON_COOKIE not in response.cookies
    assert not Vote.objects.exists() and not Participant.objects.exists()


def test_anonymous_vote_with_a_key_we_did_not_issue_is_refused(client):
    campaign, first, _second = _anonymous_map()
    imported = OpinionParticipantFactory(campaign=campaign, anon_key="polis:imported:7")
    for forged in ("polis:imported:7", "short", "ä" * 32):
        response = _vote(client, campaign, first, 1, HTTP_X_PARTICIPANT_KEY=forged)
        assert response.status_code == 400 and response.json()["code"] == "invalid_participant_key"
    assert not Vote.objects.exists() and Participant.objects.get() == imported


def test_anonymous_vote_errors_are_json(client):
    campaign, first, _second = _anonymous_map()
    hidden = StatementFactory(campaign=campaign, moderation=-1)
    response = _vote(client, campaign, hidden, 1)
    assert response.status_code == 404 and response.json()["code"] == "statement_not_found"
    response = _vote(client, campaign, first, 2)
    assert response.status_code == 422 and response.json()["code"] == "validation_error"
    draft = OpinionCampaignFactory(status="draft")
    OpinionMapSettingsFactory(campaign=draft, allow_anonymous=True)
    assert _vote(client, draft, first, 1).status_code == 404
    assert not Vote.objects.exists()


def test_signed_in_member_votes_as_themselves_even_with_a_participant_key(client, on_commit):
    campaign, first, _second = _anonymous_map()
    member = MemberFactory()
    client.force_login(member)
    with on_commit(execute=True):
        body = _vote(client, campaign, first, 1, HTTP_X_PARTICIPANT_KEY=services.new_anon_key()).json()
    assert body["participant_key"] is None
    assert Vote.objects.get().participant.user == member


def test_staff_mark_a_statement_about_the_participant(client):
    campaign = OpinionCampaignFactory()
    statement = StatementFactory(campaign=campaign)
    url = f"/api/v1/opinion/statements/{statement.pk}"
    client.force_login(MemberFactory())
    assert client.patch(url, {"about_participant": True}, content_type="application/json").status_code == 403
    statement.refresh_from_db()
    assert not statement.is_meta
    client.force_login(staff("moderator", campaign=campaign))
    body = client.patch(url, {"about_participant": True}, content_type="application/json").json()
    assert body["about_participant"] is True and body["moderation"] == "shown"
    statement.refresh_from_db()
    assert statement.is_meta
    empty = client.patch(url, {}, content_type="application/json")
    assert empty.status_code == 400 and empty.json()["code"] == "nothing_to_change"
