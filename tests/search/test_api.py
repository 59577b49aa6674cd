"""The search and merge endpoints."""

import pytest

from cocreate.accounts.models import Role
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea
from cocreate.search import index
from tests.api.conftest import ApiClient, as_user  # noqa: F401  (fixtures)
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, SupportFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def anon(client):
    return ApiClient(client)


@pytest.fixture
def duo():
    campaign = CampaignFactory()
    target = IdeaFactory(campaign=campaign, title="Solar panels on the school roof")
    source = IdeaFactory(campaign=campaign, title="Put solar on schools")
    SupportFactory(idea=source)
    Idea.objects.filter(pk=source.pk).update(support_count=1)
    index.rebuild()
    return {"campaign": campaign, "target": target, "source": source, "moderator": staff(Role.MODERATOR, campaign)}


def test_search_endpoint_ranks_highlights_and_pages(anon, duo):
    response = anon.get("/search", {"q": "solar"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and body["next"] is None
    assert body["results"][0]["id"] == duo["target"].pk or "<mark>" in body["results"][0]["title_html"]
    assert all("<mark>" in r["title_html"] for r in body["results"])
    assert anon.get("/search", {"q": "solar", "page": 9}).json()["code"] == "invalid_page"
    assert anon.get("/search", {"q": "solar", "kind": "nonsense"}).status_code == 422
    assert anon.get("/search", {"q": "solar", "status": IdeaStatus.ACCEPTED}).json()["count"] == 0


def test_merge_preview_merge_and_undo(as_user, duo):  # noqa: F811
    api = as_user(duo["moderator"])
    source, target = duo["source"], duo["target"]
    preview = api.get(f"/ideas/{source.pk}/merge-preview", {"target_id": target.pk})
    assert preview.json() == {"supports": 1, "duplicate_supports": 0, "followers": 0, "comments": 0, "coauthors": 1}

    merged = api.post(f"/ideas/{source.pk}/merge", {"target_id": target.pk, "reason": "Same roof"})
    assert merged.status_code == 201
    merge_id = merged.json()["id"]
    assert merged.json()["moved"]["supports"] == 1
    assert Idea.objects.get(pk=target.pk).support_count == 1
    assert [m["id"] for m in api.get("/merges").json()["results"]] == [merge_id]

    undone = api.post(f"/merges/{merge_id}/undo")
    assert undone.status_code == 200 and undone.json()["undone_at"]
    again = api.post(f"/merges/{merge_id}/undo")
    assert again.status_code == 409 and again.json()["code"] == "merge_already_undone"
    assert Idea.objects.get(pk=source.pk).support_count == 1


def test_merge_refusals_and_permissions(as_user, anon, duo):  # noqa: F811
    source, target = duo["source"], duo["target"]
    member = as_user(MemberFactory())
    denied = member.post(f"/ideas/{source.pk}/merge", {"target_id": target.pk})
    assert denied.status_code == 403
    assert anon.post(f"/ideas/{source.pk}/merge", {"target_id": target.pk}).status_code == 401
    assert member.get("/merges").status_code == 403
    moderator = as_user(duo["moderator"])
    itself = moderator.post(f"/ideas/{source.pk}/merge", {"target_id": source.pk})
    assert itself.status_code == 400 and itself.json()["code"] == "merge_into_itself"
    across = moderator.post(f"/ideas/{source.pk}/merge", {"target_id": IdeaFactory().pk})
    assert across.json()["code"] == "merge_across_campaigns"
    assert Idea.objects.get(pk=source.pk).status == IdeaStatus.PUBLISHED


def test_duplicate_queue_dismiss_and_restore(as_user, duo):  # noqa: F811
    from cocreate.similarity.selectors import clear_cache

    clear_cache()
    campaign, target = duo["campaign"], duo["target"]
    copy = IdeaFactory(campaign=campaign, title=target.title, body=target.body)
    api = as_user(duo["moderator"])
    queue = api.get(f"/campaigns/{campaign.slug}/duplicates")
    assert queue.status_code == 200
    pairs = {(p["source_id"], p["target_id"]): p["similarity"] for p in queue.json()}
    assert pairs[(copy.pk, target.pk)] >= 0.5

    dismissed = api.post(
        f"/campaigns/{campaign.slug}/duplicates/dismiss",
        {"source_id": copy.pk, "target_id": target.pk, "reason": "Different schools"},
    )
    assert dismissed.status_code == 201
    body = dismissed.json()
    assert (body["first_id"], body["second_id"], body["reason"]) == (target.pk, copy.pk, "Different schools")
    after = [(p["source_id"], p["target_id"]) for p in api.get(f"/campaigns/{campaign.slug}/duplicates").json()]
    assert (copy.pk, target.pk) not in after and len(after) == len(pairs) - 1
    again = api.post(f"/campaigns/{campaign.slug}/duplicates/dismiss", {"source_id": target.pk, "target_id": copy.pk})
    assert again.status_code == 409 and again.json()["code"] == "already_dismissed"

    restored = api.post(f"/duplicate-dismissals/{body['id']}/restore")
    assert restored.status_code == 200 and restored.json()["restored_at"]
    assert api.post(f"/duplicate-dismissals/{body['id']}/restore").json()["code"] == "already_restored"
    assert len(api.get(f"/campaigns/{campaign.slug}/duplicates").json()) == len(pairs)
    assert [d["id"] for d in api.get(f"/campaigns/{campaign.slug}/duplicate-dismissals").json()] == [body["id"]]


def test_duplicate_endpoints_refuse_others_and_bad_input(as_user, anon, duo):  # noqa: F811
    campaign, source, target = duo["campaign"], duo["source"], duo["target"]
    url = f"/campaigns/{campaign.slug}/duplicates"
    member = as_user(MemberFactory())
    assert anon.get(url).status_code == 403  # reading is open to visitors; the queue is not
    assert member.get(url).status_code == 403
    assert member.post(url + "/dismiss", {"source_id": source.pk, "target_id": target.pk}).status_code == 403
    moderator = as_user(duo["moderator"])
    assert moderator.get("/campaigns/no-such-campaign/duplicates").status_code == 404
    assert moderator.post(url + "/dismiss", {"source_id": source.pk}).status_code == 422
    itself = moderator.post(url + "/dismiss", {"source_id": source.pk, "target_id": source.pk})
    assert itself.status_code == 400 and itself.json()["code"] == "same_idea"
    elsewhere = moderator.post(url + "/dismiss", {"source_id": IdeaFactory().pk, "target_id": target.pk})
    assert elsewhere.status_code == 404
    assert moderator.post("/duplicate-dismissals/999999/restore").status_code == 404
    from cocreate.similarity.models import DuplicateDismissal

    assert not DuplicateDismissal.objects.exists()
