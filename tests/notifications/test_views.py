"""The notification centre, the header count, preferences and the one-click unsubscribe."""

import pytest
from django.core import mail
from django.urls import reverse

from cocreate.notifications.emails import unsubscribe_token
from cocreate.notifications.models import Notification, NotificationPreference
from tests.factories import (
    FollowFactory,
    IdeaFactory,
    MemberFactory,
    NotificationFactory,
    NotificationPreferenceFactory,
    SupportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    user = MemberFactory()
    client.force_login(user)
    return user


def test_visitor_is_sent_to_sign_in(client):
    for name in ("notifications:list", "notifications:preferences"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_newest_first_with_unread_in_words_and_header_count(client, member, django_assert_max_num_queries):
    old = NotificationFactory(recipient=member, data={"to": "under_review"})
    new = NotificationFactory(recipient=member, kind="decision", data={"to": "accepted", "explanation": "Great"})
    NotificationFactory(recipient=member, read_at=old.created_at)
    NotificationFactory()  # someone else's
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notifications:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(f'id="notification-{new.pk}"') < html.index(f'id="notification-{old.pk}"')
    assert html.count(">Unread<") == 2 and ">Read<" in html
    assert 'class="unread-count" aria-label="2 unread">2<' in html
    assert "Decision on" in html and "Great" in html
    assert response.context["page"].paginator.count == 3


def test_header_count_costs_one_query_and_nothing_for_visitors(client, member, django_assert_num_queries):
    from cocreate.notifications.context_processors import unread

    NotificationFactory.create_batch(3, recipient=member)
    request = client.get(reverse("campaigns:list")).wsgi_request
    with django_assert_num_queries(1):
        assert unread(request) == {"unread_notifications": 3}
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread(request) == {}


def test_mark_one_read_htmx_and_plain(client, member):
    first, second = NotificationFactory.create_batch(2, recipient=member)
    response = client.post(reverse("notifications:read", args=[first.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and ">Read<" in html and 'hx-swap-oob="true"' in html and ">1<" in html
    response = client.post(reverse("notifications:read", args=[second.pk]))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


def test_cannot_touch_someone_elses_notification(client, member):
    other = NotificationFactory()
    assert client.post(reverse("notifications:read", args=[other.pk])).status_code == 404
    assert client.get(reverse("notifications:open", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read(client, member):
    NotificationFactory.create_batch(3, recipient=member)
    theirs = NotificationFactory()
    response = client.post(reverse("notifications:read_all"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "0 unread notifications" in response.content.decode()
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert client.post(reverse("notifications:read_all")).status_code == 302


def test_click_through_marks_read_and_goes_to_the_target(client, member):
    notification = NotificationFactory(recipient=member)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == notification.idea.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None
    evil = NotificationFactory(recipient=member, target_url="https://evil.example/")
    assert client.get(reverse("notifications:open", args=[evil.pk]))["Location"] == reverse("notifications:list")


def test_preferences_page_saves_choices(client, member):
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 200
    assert response.context["form"]["decision"].initial == "immediate"
    assert response.context["form"]["update"].initial == "daily"
    assert response.context["form"]["comment"].initial == "in_app"
    data = {f: response.context["form"][f].initial for f in response.context["form"].fields}
    data.update({"update": "weekly", "mention": "off"})
    assert client.post(reverse("notifications:preferences"), data).status_code == 302
    assert (
        dict(NotificationPreference.objects.filter(member=member).values_list("kind", "delivery"))["update"] == "weekly"
    )
    data["update"] = "hourly"
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert NotificationPreference.objects.get(member=member, kind="update").delivery == "weekly"


def test_unsubscribe_without_login_get_then_post(client):
    member = MemberFactory()
    pending = NotificationFactory(recipient=member, kind="update", email_delivery="daily")
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(member.pk, ["update"])])
    page = client.get(url)
    assert page.status_code == 200 and "Stop these emails" in page.content.decode()
    assert not NotificationPreference.objects.filter(member=member).exists()  # a GET (link preview) changes nothing
    response = client.post(url)
    assert response.status_code == 200 and member.email in response.content.decode()
    assert NotificationPreference.objects.get(member=member, kind="update").delivery == "in_app"
    pending.refresh_from_db()
    assert pending.email_delivery == "in_app"  # the pending digest item is not emailed any more


def test_rfc8058_one_click_post_needs_no_csrf_token():
    from django.test import Client

    member = MemberFactory()
    client = Client(enforce_csrf_checks=True)
    url = reverse("notifications:unsubscribe", args=[unsubscribe_token(member.pk, ["decision", "reply"])])
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert set(NotificationPreference.objects.filter(member=member).values_list("kind", "delivery")) == {
        ("decision", "in_app"),
        ("reply", "in_app"),
    }


def test_tampered_token_is_refused(client):
    member = MemberFactory()
    token = unsubscribe_token(member.pk, ["decision"])
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for method in (client.get, client.post):
        response = method(reverse("notifications:unsubscribe", args=[forged]))
        assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_the_email_link_unsubscribes(client, on_commit):
    from cocreate.ideas.services import idea_withdraw

    idea = IdeaFactory()
    fan = MemberFactory()
    SupportFactory(idea=idea, member=fan)
    FollowFactory(idea=idea, member=fan)
    NotificationPreferenceFactory(member=fan, kind="status_changed", delivery="immediate")
    with on_commit(execute=True):
        idea_withdraw(actor=idea.author, idea=idea)
    assert len(mail.outbox) == 1
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + path).status_code == 200
    assert NotificationPreference.objects.get(member=fan, kind="status_changed").delivery == "in_app"
