import pytest

from cocreate.opinionmap import services
from cocreate.opinionmap.models import Statement, Vote
from tests.factories import MemberFactory, OpinionCampaignFactory, StatementFactory, staff

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
    assert body == {"statement_id": statement.pk, "value": -1, "next_statement_id": None}
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
