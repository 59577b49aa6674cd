"""F14: every error under /api/ is a JSON body {"detail", "code"}, including 404, 405 and 500."""

import pytest

from cocreate.api.routers import campaigns as campaigns_router

pytestmark = pytest.mark.django_db


def _assert_json_error(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["detail"]


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_wrong_method_on_a_known_route_is_a_json_405(client, method):
    response = getattr(client, method)("/api/v1/campaigns")
    _assert_json_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("path", ["/api/", "/api/v2/campaigns", "/api/openapi.json"])
def test_paths_no_api_route_matches_are_json_404(client, path):
    _assert_json_error(client.get(path), 404, "not_found")


def test_an_unexpected_exception_is_a_json_500(client, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(campaigns_router, "campaign_list", boom)
    client.raise_request_exception = False
    _assert_json_error(client.get("/api/v1/campaigns"), 500, "server_error")


def test_pages_outside_the_api_keep_their_html_errors(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
