import pytest
from django.urls import reverse

from cocreate.pairwise.models import PairwiseEntry, PairwisePrompt, PairwiseVote
from tests.factories import CampaignFactory, PairwiseCampaignFactory, PairwiseEntryFactory

pytestmark = pytest.mark.django_db


def _vote_url(campaign):
    return reverse("pairwise:vote", args=[campaign.slug])


def test_campaign_page_links_the_survey(client, survey):
    response = client.get(survey["campaign"].get_absolute_url())
    assert _vote_url(survey["campaign"]) in response.content.decode()
    assert reverse("pairwise:results", args=[survey["campaign"].slug]) in response.content.decode()


def test_visitor_sees_sign_in_when_anonymous_votes_are_off(client, survey):
    response = client.get(_vote_url(survey["campaign"]))
    assert response.status_code == 200
    assert "Sign in to vote" in response.content.decode()
    assert not PairwisePrompt.objects.exists()


def test_visitor_votes_with_a_cookie_when_allowed(client, survey):
    settings = survey["campaign"].pairwise_settings
    settings.allow_anonymous = True
    settings.save()
    response = client.get(_vote_url(survey["campaign"]))
    prompt = PairwisePrompt.objects.get()
    assert prompt.voter is None and prompt.visitor_key
    response = client.post(_vote_url(survey["campaign"]), {"prompt": prompt.pk, "choice": "right"})
    assert response.status_code == 302
    vote = PairwiseVote.objects.get()
    assert (vote.winner_id, vote.visitor_key) == (prompt.right_id, prompt.visitor_key)


def test_member_votes_without_js_and_with_htmx(client, survey):
    client.force_login(survey["member"])
    url = _vote_url(survey["campaign"])
    client.get(url)
    prompt = PairwisePrompt.objects.get()
    response = client.post(url, {"prompt": prompt.pk, "choice": "left"})
    assert response.status_code == 302
    client.get(url)
    second = PairwisePrompt.objects.exclude(pk=prompt.pk).get()
    response = client.post(
        url, {"prompt": second.pk, "choice": "cant_decide", "reason": "dont_know"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="pairwise-vote"' in body and "<html" not in body
    assert "your vote is counted" in body
    assert PairwiseVote.objects.filter(voter=survey["member"]).count() == 2


def test_member_cannot_answer_someone_elses_pair(client, survey, django_user_model):
    client.force_login(survey["moderator"])
    client.get(_vote_url(survey["campaign"]))
    prompt = PairwisePrompt.objects.get()
    client.force_login(survey["member"])
    response = client.post(_vote_url(survey["campaign"]), {"prompt": prompt.pk, "choice": "left"})
    assert response.status_code == 400
    assert not PairwiseVote.objects.exists()


def test_member_adds_an_entry_that_waits(client, survey):
    client.force_login(survey["member"])
    response = client.post(reverse("pairwise:add", args=[survey["campaign"].slug]), {"text": "Compost grounds"})
    assert response.status_code == 302
    assert PairwiseEntry.objects.get(text="Compost grounds").status == "pending"
    assert "Waiting for approval" in client.get(_vote_url(survey["campaign"])).content.decode()


def test_results_page_shows_ranking_with_bands_in_words(client, survey, django_assert_max_num_queries):
    PairwiseEntryFactory(campaign=survey["campaign"], is_seed=False, text="A member's idea")
    url = reverse("pairwise:results", args=[survey["campaign"].slug])
    client.get(url)  # warms the cache
    with django_assert_max_num_queries(12):
        response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "likely between" in body and "pairwise-band-range" in body
    assert "0 comparisons" in body
    assert "added by a member" in body


def test_staff_manage_page_approves_entries(client, survey):
    entry = PairwiseEntryFactory(campaign=survey["campaign"], status="pending", is_seed=False)
    url = reverse("pairwise:manage", args=[survey["campaign"].slug])
    client.force_login(survey["member"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "moderate", "entry": entry.pk, "status": "shown"}).status_code == 403
    entry.refresh_from_db()
    assert entry.status == "pending"
    client.force_login(survey["moderator"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"action": "moderate", "entry": entry.pk, "status": "shown"}).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "shown"
    client.post(url, {"action": "seed", "text": "A seed from staff"})
    assert PairwiseEntry.objects.get(text="A seed from staff").is_seed


def test_facilitator_turns_on_anonymous_votes(client, survey):
    client.force_login(survey["facilitator"])
    url = reverse("pairwise:manage", args=[survey["campaign"].slug])
    client.post(url, {"action": "settings", "allow_anonymous": "on", "allow_member_entries": "on"})
    survey["campaign"].pairwise_settings.refresh_from_db()
    assert survey["campaign"].pairwise_settings.allow_anonymous


def test_other_methods_and_drafts_are_not_found(client):
    other = CampaignFactory()
    draft = PairwiseCampaignFactory(status="draft")
    assert client.get(_vote_url(other)).status_code == 404
    assert client.get(reverse("pairwise:results", args=[draft.slug])).status_code == 404
