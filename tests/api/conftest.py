import json

import pytest

from cocreate.api.services import token_create
from tests.factories import MemberFactory


class ApiClient:
    """Django's test client speaking JSON to /api/v1/, optionally with a bearer token."""

    def __init__(self, client, token: str | None = None):
        self.client = client
        self.token = token

    def _headers(self):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}

    def get(self, path, data=None):
        return self.client.get(f"/api/v1{path}", data or {}, **self._headers())

    def _send(self, method, path, payload, raw=None):
        body = raw if raw is not None else ("" if payload is None else json.dumps(payload))
        return getattr(self.client, method)(f"/api/v1{path}", body, content_type="application/json", **self._headers())

    def post(self, path, payload=None, raw=None):
        return self._send("post", path, payload, raw)

    def patch(self, path, payload=None, raw=None):
        return self._send("patch", path, payload, raw)

    def delete(self, path):
        return self.client.delete(f"/api/v1{path}", **self._headers())


@pytest.fixture
def anon(client):
    return ApiClient(client)


@pytest.fixture
def as_user(client):
    """as_user(user) -> an ApiClient authenticated with a fresh personal access token of `user`."""

    def make(user):
        _token, raw = token_create(actor=user, name="tests")
        return ApiClient(client, raw)

    return make


@pytest.fixture
def member():
    return MemberFactory()


@pytest.fixture
def api(as_user, member):
    return as_user(member)
