"""Whatever a client sends, the API answers with a 4xx JSON body, never a 500."""

import pytest

from tests.factories import CampaignFactory, CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db

JUNK = [
    None,
    0,
    -1,
    True,
    "text",
    "",
    [],
    [1, 2],
    {},
    {"title": None, "body": None},
    {"title": ["a"], "body": {"x": 1}},
    {"title": "x" * 5000, "body": "y" * 60000},
    {"title": "\u0000\ud7ff", "body": "💡" * 30, "tags": ["a"] * 60},
    {"body": 5, "alignment": None, "parent_id": "abc", "official": "yes"},
    {"body": "ok", "parent_id": 2**80},
    {"reason": 12, "note": ["x"], "name": None},
]


@pytest.fixture
def targets(member):
    campaign = CampaignFactory()
    idea = IdeaFactory(campaign=campaign, author=member)
    comment = CommentFactory(idea=idea, author=member)
    return [
        ("post", f"/campaigns/{campaign.slug}/ideas"),
        ("patch", f"/ideas/{idea.pk}"),
        ("post", f"/ideas/{idea.pk}/submit"),
        ("post", f"/ideas/{idea.pk}/withdraw"),
        ("post", f"/ideas/{idea.pk}/comments"),
        ("patch", f"/comments/{comment.pk}"),
        ("post", "/me/tokens"),
    ]


def test_junk_bodies_never_cause_a_server_error(api, targets):
    import json

    for method, path in targets:
        for payload in JUNK:
            response = getattr(api, method)(path, raw=json.dumps(payload))
            assert response.status_code < 500, (method, path, payload, response.content[:300])
            assert response["Content-Type"].startswith("application/json"), (method, path, payload)
            if response.status_code >= 400:
                assert {"detail", "code"} <= set(response.json()), (method, path, payload)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
def test_other_content_types_are_refused_cleanly(client, api, content_type):
    campaign = CampaignFactory()

    response = client.post(
        f"/api/v1/campaigns/{campaign.slug}/ideas",
        "title=x&body=y",
        content_type=content_type,
        HTTP_AUTHORIZATION=f"Bearer {api.token}",
    )

    assert 400 <= response.status_code < 500
    assert "code" in response.json()


@pytest.mark.parametrize(
    "query",
    [
        "page=1e3",
        "page=%00",
        "page_size=1000000000000000000000",
        "sort=&status=",
        "tag=" + "x" * 100,
        "mine=maybe",
        "page=1&page=2",
        "q=%F0%9F%92%A1%20%25%20_%20'%22",
    ],
)
def test_odd_query_strings_never_cause_a_server_error(client, query):
    IdeaFactory()

    response = client.get(f"/api/v1/ideas?{query}")

    assert response.status_code < 500
    assert "results" in response.json() or "code" in response.json()
