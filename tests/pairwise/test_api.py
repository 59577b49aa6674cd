import pytest

from cocreate.pairwise.models import PairwiseEntry, PairwiseVote

pytestmark = pytest.mark.django_db

BASE = "/api/v1/campaigns/{slug}/pairwise"


def test_entries_and_results_are_open_to_visitors(client, survey):
    base = BASE.format(slug=survey["campaign"].slug)
    entries = client.get(base + "/entries").json()
    assert entries["count"] == 4
    results = client.get(base + "/results").json()
    assert results["votes"] == 0
    assert len(results["results"]) == 4
    assert all(row["lower"] <= row["score"] <= row["upper"] for row in results["results"])


def test_member_gets_a_pair_and_votes(client, survey):
    base = BASE.format(slug=survey["campaign"].slug)
    client.force_login(survey["member"])
    pair = client.post(base + "/next-pair", content_type="application/json")
    assert pair.status_code == 201
    body = pair.json()
    assert body["left"]["id"] != body["right"]["id"]
    vote = client.post(
        base + "/votes", {"prompt_id": body["prompt_id"], "choice": "right"}, content_type="application/json"
    )
    assert vote.status_code == 201
    assert vote.json()["winner_id"] == body["right"]["id"]
    again = client.post(
        base + "/votes", {"prompt_id": body["prompt_id"], "choice": "left"}, content_type="application/json"
    )
    assert (again.status_code, again.json()["code"]) == (409, "already_answered")
    results = client.get(base + "/results").json()
    assert results["votes"] == 1
    assert results["results"][0]["entry"]["id"] == body["right"]["id"]


def test_anonymous_cannot_vote_through_the_api(client, survey):
    base = BASE.format(slug=survey["campaign"].slug)
    assert client.post(base + "/next-pair", content_type="application/json").status_code == 401
    assert not PairwiseVote.objects.exists()


def test_member_adds_a_pending_entry(client, survey):
    base = BASE.format(slug=survey["campaign"].slug)
    client.force_login(survey["member"])
    response = client.post(base + "/entries", {"text": "Compost"}, content_type="application/json")
    assert (response.status_code, response.json()["status"]) == (201, "pending")
    assert PairwiseEntry.objects.get(text="Compost").added_by == survey["member"]


def test_unknown_prompt_and_other_campaigns(client, survey):
    base = BASE.format(slug=survey["campaign"].slug)
    client.force_login(survey["member"])
    response = client.post(base + "/votes", {"prompt_id": 999, "choice": "left"}, content_type="application/json")
    assert response.status_code == 404
    assert client.get(BASE.format(slug="nope") + "/results").status_code == 404
