"""The page and the API read the same rules, so they give the same answer with the same words."""

import html

import pytest
from django.urls import reverse

from cocreate.ideas.lifecycle import IdeaStatus
from tests.factories import IdeaFactory, MemberFactory

pytestmark = pytest.mark.django_db

NEEDS_MODERATOR = "Your idea has co-authors: ask a moderator to merge it, so everyone agrees."
TOO_LATE = "Once review has started (or the idea is closed) it can no longer be withdrawn."


def test_author_with_coauthors_cannot_mark_a_duplicate_on_the_page_or_in_the_api(client, as_user):
    idea = IdeaFactory()
    target = IdeaFactory(campaign=idea.campaign)
    idea.coauthors.add(MemberFactory())
    api = as_user(idea.author)
    client.force_login(idea.author)

    page = client.get(reverse("similarity:merge", args=[idea.pk]) + f"?target={target.pk}")
    preview = api.get(f"/ideas/{idea.pk}/merge-preview", {"target_id": target.pk})
    merge = api.post(f"/ideas/{idea.pk}/merge", {"target_id": target.pk})

    assert page.status_code == 403 and NEEDS_MODERATOR in html.unescape(page.text)
    assert preview.status_code == 403 and preview.json() == {"detail": NEEDS_MODERATOR, "code": "needs_moderator"}
    assert merge.status_code == 403 and merge.json()["code"] == "needs_moderator"
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED


def test_only_author_may_mark_a_duplicate_on_the_page_and_in_the_api(client, as_user):
    idea = IdeaFactory()
    target = IdeaFactory(campaign=idea.campaign)
    client.force_login(idea.author)

    page = client.get(reverse("similarity:merge", args=[idea.pk]) + f"?target={target.pk}")
    preview = as_user(idea.author).get(f"/ideas/{idea.pk}/merge-preview", {"target_id": target.pk})

    assert page.status_code == 200 and preview.status_code == 200


@pytest.mark.parametrize(("status", "allowed"), [(IdeaStatus.PUBLISHED, True), (IdeaStatus.UNDER_REVIEW, False)])
def test_withdraw_offered_on_the_page_exactly_when_the_api_says_so(client, as_user, status, allowed):
    idea = IdeaFactory(status=status)
    client.force_login(idea.author)

    page = client.get(idea.get_absolute_url())
    detail = as_user(idea.author).get(f"/ideas/{idea.pk}").json()

    assert (reverse("ideas:withdraw", args=[idea.pk]) in page.text) is allowed
    assert detail["viewer_can"]["withdraw"] is allowed


def test_withdraw_too_late_is_refused_with_the_same_words(client, as_user):
    idea = IdeaFactory(status=IdeaStatus.UNDER_REVIEW)
    client.force_login(idea.author)

    page = client.post(reverse("ideas:withdraw", args=[idea.pk]), {"reason": "Changed my mind"})
    api = as_user(idea.author).post(f"/ideas/{idea.pk}/withdraw", {"reason": "Changed my mind"})

    assert TOO_LATE in html.unescape(page.text)  # on the withdraw form, the reason typed still there
    assert "Changed my mind" in page.text
    assert api.status_code == 409 and api.json() == {"detail": TOO_LATE, "code": "invalid_transition"}
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW


def test_support_of_ones_own_idea_is_refused_with_the_same_words(client, as_user):
    idea = IdeaFactory()
    client.force_login(idea.author)

    page = client.post(reverse("engagement:support", args=[idea.pk]), {"action": "add"}, HTTP_HX_REQUEST="true")
    api = as_user(idea.author).post(f"/ideas/{idea.pk}/support")

    assert "You cannot support your own idea." in html.unescape(page.text)
    assert api.status_code == 403 and api.json()["code"] == "own_idea"
    assert api.json()["detail"] == "You cannot support your own idea."
