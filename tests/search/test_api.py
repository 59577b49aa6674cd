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
