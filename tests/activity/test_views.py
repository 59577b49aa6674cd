"""The staff activity page (who may see it, and what), the public page (only public entries of public campaigns),
and their API twins."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cocreate.accounts.models import Role
from cocreate.activity.models import ActivityEntry, Verb
from cocreate.activity.services import activity_record
from cocreate.campaigns.models import Visibility
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, staff

pytestmark = pytest.mark.django_db

STAFF_URL = reverse("activity:staff")
PUBLIC_URL = reverse("activity:public")


@pytest.fixture
def log():
    """Entries in two campaigns and one without a campaign (a sign-in)."""
    mine, other = CampaignFactory(title="Mine"), CampaignFactory(title="Other")
    idea_mine, idea_other = IdeaFactory(campaign=mine, title="Idea in mine"), IdeaFactory(campaign=other)
    moderator = MemberFactory(display_name="Moe")
    activity_record(actor=moderator, verb=Verb.MODERATION_HIDE, target=idea_mine, details={"reason": "Spam"})
    activity_record(actor=moderator, verb=Verb.DECIDED, target=idea_other, details={"outcome": "accepted"})
    activity_record(actor=moderator, verb=Verb.SIGNED_IN, target=moderator)
    return {"mine": mine, "other": other, "moderator": moderator}


def _labels(response):
    return [e.verb for e in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("who", "status"),
    [("visitor", 302), ("member", 403), ("reviewer", 403), ("campaign_moderator", 200), ("admin", 200)],
)
def test_who_may_open_the_staff_page(client, log, who, status):
    people = {
        "member": lambda: MemberFactory(),
        "reviewer": lambda: staff(Role.REVIEWER, campaign=log["mine"]),
        "campaign_moderator": lambda: staff(Role.MODERATOR, campaign=log["mine"]),
        "admin": lambda: staff(Role.ADMIN),
    }
    if who != "visitor":
        client.force_login(people[who]())
    response = client.get(STAFF_URL)
    assert response.status_code == status


def test_admins_see_the_whole_site(client, log):
    client.force_login(staff(Role.ADMIN))
    response = client.get(STAFF_URL)
    assert set(_labels(response)) >= {Verb.MODERATION_HIDE, Verb.DECIDED, Verb.SIGNED_IN}


def test_campaign_staff_see_only_their_campaigns(client, log):
    client.force_login(staff(Role.FACILITATOR, campaign=log["mine"]))
    response = client.get(STAFF_URL)
    assert _labels(response) == [Verb.MODERATION_HIDE]
    assert b"Idea in mine" in response.content
    # Another campaign's log is refused, not silently emptied.
    assert client.get(STAFF_URL, {"campaign": log["other"].pk}).status_code == 403


def test_staff_filter_by_campaign_actor_and_verb(client, log):
    client.force_login(staff(Role.ADMIN))
    by_campaign = client.get(STAFF_URL, {"campaign": log["mine"].pk})
    assert _labels(by_campaign) == [Verb.MODERATION_HIDE]
    by_actor = client.get(STAFF_URL, {"actor": log["moderator"].email})
    assert len(_labels(by_actor)) == 3
    by_actor_id = client.get(STAFF_URL, {"actor": str(log["moderator"].pk), "verb": "account"})
    assert _labels(by_actor_id) == [Verb.SIGNED_IN]
    by_verb = client.get(STAFF_URL, {"verb": Verb.DECIDED})
    assert _labels(by_verb) == [Verb.DECIDED]


def test_the_staff_page_comes_in_pages(client):
    for _ in range(55):
        activity_record(actor=None, verb=Verb.SIGN_IN_FAILED)
    client.force_login(staff(Role.ADMIN))
    first = client.get(STAFF_URL)
    assert len(first.context["page"].object_list) == 50 and first.context["page"].has_next()
    second = client.get(STAFF_URL, {"page": 2})
    assert len(second.context["page"].object_list) == 6  # and the admin's own sign-in


def test_the_public_page_shows_only_moderation_and_decisions_of_public_campaigns(client, log):
    hidden_campaign = CampaignFactory(visibility=Visibility.MEMBERS)
    activity_record(actor=None, verb=Verb.MODERATION_HIDE, target=IdeaFactory(campaign=hidden_campaign))
    activity_record(actor=None, verb=Verb.MODERATION_SUSPEND, campaign_id=log["mine"].pk)
    draft = CampaignFactory(status="draft")
    activity_record(actor=None, verb=Verb.DECIDED, target=IdeaFactory(campaign=draft))

    response = client.get(PUBLIC_URL)

    assert response.status_code == 200
    entries = list(response.context["page"].object_list)
    assert {e.verb for e in entries} == {Verb.MODERATION_HIDE, Verb.DECIDED}
    assert {e.campaign_id for e in entries} == {log["mine"].pk, log["other"].pk}
    # No names of staff, no addresses, no private details: only the reasons given.
    assert b"Moe" not in response.content and b"Spam" in response.content


def test_the_public_page_filters_and_refuses_a_private_verb(client, log):
    assert [e.verb for e in client.get(PUBLIC_URL, {"campaign": log["other"].pk}).context["page"].object_list] == [
        Verb.DECIDED
    ]
    assert not client.get(PUBLIC_URL, {"verb": Verb.SIGNED_IN}).context["page"].object_list


def test_the_pages_work_on_a_phone(client, log):
    """The staff table turns into one block per entry below 640 px (390 px phones)."""
    client.force_login(staff(Role.ADMIN))
    response = client.get(STAFF_URL)
    assert b'data-label="Who"' in response.content and b'class="activity-log"' in response.content


def test_links_where_staff_look(client, log):
    client.force_login(staff(Role.MODERATOR))
    page = client.get(reverse("moderation:queue")).content.decode()
    assert STAFF_URL in page and PUBLIC_URL in page
    client.force_login(MemberFactory())
    assert STAFF_URL not in client.get(reverse("campaigns:list")).content.decode()


# ---- API -------------------------------------------------------------------------------------------------


def test_api_staff_log_is_scoped_and_refused_to_members(client, log):
    client.force_login(staff(Role.MODERATOR, campaign=log["mine"]))
    body = client.get("/api/v1/activity").json()
    assert [e["verb"] for e in body["results"]] == [Verb.MODERATION_HIDE]
    assert "ip_hash" not in body["results"][0]
    client.force_login(MemberFactory())
    response = client.get("/api/v1/activity")
    assert response.status_code == 403 and response.json()["code"].startswith("forbidden")


def test_api_public_log_is_open_and_hides_actors(client, log):
    body = client.get("/api/v1/activity/public").json()
    assert {e["verb"] for e in body["results"]} == {Verb.MODERATION_HIDE, Verb.DECIDED}
    assert all(e["actor_id"] is None and e["actor_name"] == "" for e in body["results"])
    assert ActivityEntry.objects.count() == 3  # reading writes nothing
