"""The notifications API: the caller's list, marking read, preferences."""

import pytest

from cocreate.notifications.models import Notification, NotificationPreference
from tests.factories import MemberFactory, NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = MemberFactory()
    client.force_login(user)
    return user


def test_anonymous_gets_401(client):
    assert client.get("/api/v1/notifications").status_code == 401
    assert client.get("/api/v1/notifications/preferences").status_code == 401


def test_list_is_paginated_newest_first_and_scoped(client, member):
    old, new = NotificationFactory(recipient=member), NotificationFactory(recipient=member, kind="decision")
    NotificationFactory()
    body = client.get("/api/v1/notifications?page_size=1").json()
    assert body["count"] == 2 and body["next"] and body["results"][0]["id"] == new.pk
    assert body["results"][0]["unread"] is True and body["results"][0]["url"].startswith("http")
    assert client.get("/api/v1/notifications?page=2&page_size=1").json()["results"][0]["id"] == old.pk


def test_mark_read_and_all_read(client, member):
    first, _second = NotificationFactory.create_batch(2, recipient=member)
    other = NotificationFactory()
    response = client.post(f"/api/v1/notifications/{first.pk}/read")
    assert response.status_code == 200 and response.json()["unread"] is False
    response = client.post(f"/api/v1/notifications/{other.pk}/read")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert Notification.objects.get(pk=other.pk).read_at is None
    assert client.get("/api/v1/notifications?unread=true").json()["count"] == 1
    assert client.post("/api/v1/notifications/read-all").json() == {"marked": 1, "unread": 0}


def test_preferences_read_and_update(client, member):
    body = client.get("/api/v1/notifications/preferences").json()
    assert {"kind": "decision", "label": body[0]["label"], "delivery": "immediate"} == body[0]
    response = client.patch(
        "/api/v1/notifications/preferences", {"choices": {"update": "weekly"}}, content_type="application/json"
    )
    assert response.status_code == 200
    assert {p["kind"]: p["delivery"] for p in response.json()}["update"] == "weekly"
    response = client.patch(
        "/api/v1/notifications/preferences", {"choices": {"update": "hourly"}}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid_delivery"
    assert NotificationPreference.objects.get(member=member, kind="update").delivery == "weekly"
