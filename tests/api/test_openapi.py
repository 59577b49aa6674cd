import json

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_document_is_served_and_lists_the_endpoints(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1"
    paths = document["paths"]
    for path in [
        "/api/v1/campaigns",
        "/api/v1/campaigns/{slug}",
        "/api/v1/campaigns/{slug}/ideas",
        "/api/v1/ideas",
        "/api/v1/ideas/{id}",
        "/api/v1/ideas/{id}/revisions",
        "/api/v1/ideas/{id}/submit",
        "/api/v1/ideas/{id}/withdraw",
        "/api/v1/ideas/{id}/support",
        "/api/v1/ideas/{id}/comments",
        "/api/v1/comments/{id}",
        "/api/v1/me",
    ]:
        assert path in paths, path
    assert {"get", "post"} <= set(paths["/api/v1/campaigns/{slug}/ideas"])
    assert "TokenAuth" in document["components"]["securitySchemes"]
    assert "409" in paths["/api/v1/ideas/{id}/support"]["post"]["responses"]
    assert not any("{rest}" in p for p in paths)  # the JSON 404 fallback stays out of the document


def test_interactive_docs_are_served(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_document_marks_reads_open_and_writes_authenticated(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {} in paths["/api/v1/ideas"]["get"]["security"]
    assert {} not in paths["/api/v1/ideas/{id}/support"]["post"]["security"]
    assert {} not in paths["/api/v1/me"]["get"]["security"]
