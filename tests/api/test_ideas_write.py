import pytest

from cocreate.campaigns.models import Moderation, Visibility
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea
from tests.factories import AgreementFactory, CampaignFactory, IdeaFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db

IDEA = {"title": "Shaded bike parking", "body": "Put roofs over the bike racks at the station."}


def test_member_submits_an_idea_with_tags_and_coauthors(api, member):
    campaign = CampaignFactory()
    friend = MemberFactory(email="friend@example.org", coauthor_listing=True)

    response = api.post(
        f"/campaigns/{campaign.slug}/ideas", {**IDEA, "tags": ["Bikes", "station"], "coauthors": ["FRIEND@example.org"]}
    )

    assert response.status_code == 201
    body = response.json()
    idea = Idea.objects.get(pk=body["id"])
    assert (idea.author, idea.campaign, idea.status) == (member, campaign, IdeaStatus.PUBLISHED)
    assert body["status"] == "published"
    assert sorted(t["slug"] for t in body["tags"]) == ["bikes", "station"]
    assert [c["id"] for c in body["coauthors"]] == [friend.pk]
    assert body["progress"]["threshold"] == 100


def test_draft_stays_private_until_submitted(api, anon):
    campaign = CampaignFactory()

    created = api.post(f"/campaigns/{campaign.slug}/ideas", {**IDEA, "draft": True}).json()
    hidden = anon.get(f"/ideas/{created['id']}")
    submitted = api.post(f"/ideas/{created['id']}/submit")

    assert created["status"] == "draft"
    assert hidden.status_code == 404
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "published"
    assert anon.get(f"/ideas/{created['id']}").status_code == 200


def test_pre_moderated_campaign_sends_idea_to_pending(api):
    campaign = CampaignFactory(moderation=Moderation.PRE)

    body = api.post(f"/campaigns/{campaign.slug}/ideas", IDEA).json()

    assert body["status"] == "pending"


def test_submitting_twice_is_409(api, member):
    idea = IdeaFactory(author=member)

    response = api.post(f"/ideas/{idea.pk}/submit")

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_member_without_current_terms_gets_403_terms_not_accepted(as_user):
    AgreementFactory()
    newcomer = UserFactory()
    campaign = CampaignFactory()

    response = as_user(newcomer).post(f"/campaigns/{campaign.slug}/ideas", IDEA)

    assert response.status_code == 403
    assert response.json()["code"] == "terms_not_accepted"
    assert not Idea.objects.exists()


def test_new_terms_version_blocks_until_accepted_again(api, member):
    AgreementFactory()  # a newer version than the one the member accepted
    campaign = CampaignFactory()

    response = api.post(f"/campaigns/{campaign.slug}/ideas", IDEA)

    assert response.json()["code"] == "terms_not_accepted"


def test_cannot_submit_to_invisible_campaign(api):
    campaign = CampaignFactory(visibility=Visibility.INVITE)

    response = api.post(f"/campaigns/{campaign.slug}/ideas", IDEA)

    assert response.status_code == 404
    assert not Idea.objects.exists()


def test_service_refusal_is_400_with_field(api):
    campaign = CampaignFactory()

    response = api.post(f"/campaigns/{campaign.slug}/ideas", {"title": "Hi", "body": IDEA["body"]})

    assert response.status_code == 400
    assert response.json()["field"] == "title"
    assert response.json()["code"] == "invalid"
    assert not Idea.objects.exists()


def test_unknown_coauthor_is_refused_by_name(api):
    campaign = CampaignFactory()

    response = api.post(f"/campaigns/{campaign.slug}/ideas", {**IDEA, "coauthors": ["ghost@example.org"]})

    assert response.json()["code"] == "unknown_coauthor"
    assert "ghost@example.org" in response.json()["detail"]


@pytest.mark.parametrize(
    "payload",
    [
        {"body": IDEA["body"]},
        {"title": 123, "body": IDEA["body"]},
        {**IDEA, "tags": "not-a-list"},
        {**IDEA, "draft": "perhaps"},
        {**IDEA, "coauthors": [{"email": "x"}]},
        [],
        "a string",
    ],
)
def test_wrong_shapes_are_422_validation_errors(api, payload):
    campaign = CampaignFactory()

    response = api.post(f"/campaigns/{campaign.slug}/ideas", payload)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert isinstance(response.json()["errors"], list)
    assert not Idea.objects.exists()


@pytest.mark.parametrize("raw", ["{not json", '{"title": "x",', "\x00\xff"])
def test_malformed_json_is_400_json(api, raw):
    campaign = CampaignFactory()

    response = api.post(f"/campaigns/{campaign.slug}/ideas", raw=raw)

    assert response.status_code == 400
    assert response.json()["code"] == "malformed_body"


def test_edit_changes_text_and_keeps_a_revision(api, member):
    idea = IdeaFactory(author=member)

    response = api.patch(
        f"/ideas/{idea.pk}", {"body": "A much clearer description of the same idea.", "note": "Clearer"}
    )

    assert response.status_code == 200
    idea.refresh_from_db()
    assert idea.body == "A much clearer description of the same idea."
    assert list(idea.revisions.values_list("number", "note")) == [(1, ""), (2, "Clearer")]


def test_others_cannot_edit_and_nothing_changes(as_user):
    idea = IdeaFactory()

    response = as_user(MemberFactory()).patch(f"/ideas/{idea.pk}", {"title": "Hijacked title here"})

    assert response.status_code == 403
    idea.refresh_from_db()
    assert idea.title != "Hijacked title here"
    assert idea.revisions.count() == 1


def test_withdraw_with_and_without_reason(api, member):
    first, second = IdeaFactory(author=member), IdeaFactory(author=member)

    with_reason = api.post(f"/ideas/{first.pk}/withdraw", {"reason": "Duplicate of another idea"})
    without = api.post(f"/ideas/{second.pk}/withdraw")

    assert with_reason.status_code == 200 and with_reason.json()["status"] == "withdrawn"
    assert without.status_code == 200
    assert first.status_changes.last().note == "Duplicate of another idea"


def test_only_the_author_withdraws(as_user):
    idea = IdeaFactory()

    response = as_user(MemberFactory()).post(f"/ideas/{idea.pk}/withdraw")

    assert response.status_code == 403
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED
