import json
import time

import pytest

from cocreate.accounts import ratelimit
from cocreate.accounts.models import RateLimitCounter, Role
from cocreate.activity.models import ActivityEntry
from cocreate.engagement import services as engagement
from cocreate.engagement.models import Comment, Support, SupportOrigin
from cocreate.moderation.models import Flag
from cocreate.moderation.spam import spam_score
from tests.factories import CommentFactory, IdeaFactory, MemberFactory, StandingFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits(settings):
    settings.MODERATION_RATE_LIMITS = {
        "comment": {"member": "3/d", "new": "2/d", "ip": "40/d"},
        "support": {"member": "100/d", "new": "100/d", "ip": "2/d"},
    }
    return settings


def test_per_account_limit_new_members_tighter(limits):
    idea = IdeaFactory()
    newbie, regular = MemberFactory(), MemberFactory()
    StandingFactory(member=regular, trust_level="basic")
    for _ in range(2):
        engagement.comment_add(actor=newbie, idea=idea, body="hi")
    with pytest.raises(ratelimit.RateLimited) as exc:
        engagement.comment_add(actor=newbie, idea=idea, body="hi again")
    assert exc.value.status == 429 and exc.value.code == "rate_limited" and "wait" in str(exc.value.message)
    for _ in range(3):
        engagement.comment_add(actor=regular, idea=idea, body="hi")
    with pytest.raises(ratelimit.RateLimited):
        engagement.comment_add(actor=regular, idea=idea, body="hi")
    assert Comment.objects.count() == 5


LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_windows_reset(limits, settings):
    settings.CACHES = LOCAL_CACHE  # embedded mode, whatever mode the suite runs in
    lim = ratelimit.parse("2/m")
    now = 1_000_020.0
    assert ratelimit.hit("k", lim, now)[0] == 1
    assert ratelimit.hit("k", lim, now + 10)[0] == 2
    assert ratelimit.hit("k", lim, now + 60)[0] == 1  # the next window
    assert RateLimitCounter.objects.count() == 2  # embedded mode: counters in the database


def test_local_memory_cache_is_not_shared(settings):
    settings.CACHES = LOCAL_CACHE
    assert not ratelimit.uses_shared_cache()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "x"}}
    assert ratelimit.uses_shared_cache()


def test_per_ip_limit_across_accounts(limits):
    idea = IdeaFactory()
    for _ in range(2):
        ratelimit.check(MemberFactory(), "support", ip="10.0.0.1")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.check(MemberFactory(), "support", ip="10.0.0.1")
    ratelimit.check(MemberFactory(), "support", ip="10.0.0.2")
    assert idea.pk


def test_staff_have_no_per_account_limit(limits):
    idea = IdeaFactory()
    moderator = staff(Role.MODERATOR)
    for _ in range(4):
        engagement.comment_add(actor=moderator, idea=idea, body="ok")
    assert Comment.objects.count() == 4


def test_disabled_by_default_in_tests():
    assert ratelimit.limits_for("comment") is None


def test_api_answers_429_json(limits, client):
    limits.MODERATION_RATE_LIMITS = {"support": {"ip": "2/d"}}  # a window boundary cannot fall inside the test
    idea = IdeaFactory()
    member = MemberFactory()
    client.force_login(member)
    url = f"/api/v1/ideas/{idea.pk}/support"
    for _ in range(2):
        ratelimit.check(MemberFactory(), "support", ip="127.0.0.1")
    response = client.post(url, REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "rate_limited" and "wait" in body["detail"]
    assert not Support.objects.exists()


def test_page_shows_the_limit_as_a_form_error(limits, client):
    idea = IdeaFactory()
    member = MemberFactory()
    client.force_login(member)
    for _ in range(2):
        client.post(f"/ideas/{idea.pk}/comments/", {"body": "hello"})
    response = client.post(f"/ideas/{idea.pk}/comments/", {"body": "third"})
    assert response.status_code == 400
    assert "too often" in response.content.decode()
    assert Comment.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_support_origin_recorded_from_request(client):
    # Handlers run on commit, inside the request where the address is known: a real transaction is needed.
    idea = IdeaFactory()
    member = MemberFactory()
    client.force_login(member)
    if True:
        client.post(f"/ideas/{idea.pk}/support/", {"action": "add"}, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="UA")
    origin = SupportOrigin.objects.get()
    assert origin.support.member == member and origin.ip_hash and "203.0.113.9" not in origin.ip_hash


# ---- spam -----------------------------------------------------------------------------------------------


def test_spam_scores():
    assert spam_score("A calm idea about bike lanes near the school.").score == 0
    links = spam_score("see http://a.example http://b.example http://c.example http://d.example")
    assert links.score == pytest.approx(0.5) and not links.is_spam
    loud = spam_score("BUY NOW!!!!!!!!!! CHEAP PILLS AT WWW.EXAMPLE.COM CLICK HERE")
    assert loud.is_spam and len(loud.reasons) >= 3
    repeated = spam_score("win win win win win win win win free")
    assert repeated.score >= 0.4
    assert spam_score("same text", duplicates=2).score == pytest.approx(1.0)


def test_spammy_comment_goes_to_the_queue(on_commit):
    idea = IdeaFactory()
    with on_commit(execute=True):
        comment = engagement.comment_add(
            actor=MemberFactory(), idea=idea, body="CLICK HERE for FREE MONEY: casino casino casino casino casino"
        )
    flag = Flag.objects.get(kind="comment", object_id=comment.pk)
    assert flag.reporter is None and flag.spam_score >= 1.0
    comment.refresh_from_db()
    assert comment.hidden_at is None  # queued, not silently dropped


# ---- API -----------------------------------------------------------------------------------------------


def _post(client, url, data):
    return client.post(url, data=json.dumps(data), content_type="application/json")


def test_api_flag_hide_restore_queue_log(client):
    comment = CommentFactory()
    member = MemberFactory()
    client.force_login(member)
    response = _post(client, "/api/v1/flags", {"kind": "comment", "object_id": comment.pk, "reason": "abusive"})
    assert response.status_code == 201
    assert (
        _post(client, "/api/v1/flags", {"kind": "comment", "object_id": comment.pk, "reason": "spam"}).status_code
        == 409
    )
    assert client.get("/api/v1/moderation/queue").status_code == 403
    assert _post(client, f"/api/v1/moderation/comment/{comment.pk}/hide", {"reason": "x"}).status_code == 403
    comment.refresh_from_db()
    assert comment.hidden_at is None
    client.force_login(staff(Role.MODERATOR))
    queue = client.get("/api/v1/moderation/queue").json()
    assert queue["count"] == 1 and queue["results"][0]["reasons"] == {"abusive": 1}
    hidden = _post(client, f"/api/v1/moderation/comment/{comment.pk}/hide", {"reason": "Insult"})
    assert hidden.status_code == 200 and hidden.json()["hidden_reason"] == "Insult"
    thread = client.get(f"/api/v1/ideas/{comment.idea_id}/comments").json()
    assert thread["results"][0]["body"] == ""
    restored = _post(client, f"/api/v1/moderation/comment/{comment.pk}/restore", {"reason": "ok"})
    assert restored.json()["hidden"] is False
    log = client.get("/api/v1/moderation/log").json()
    assert [a["action"] for a in log["results"]] == ["restore", "hide"]


def test_api_suspend(client):
    member = MemberFactory()
    client.force_login(staff(Role.MODERATOR))
    response = _post(
        client,
        f"/api/v1/moderation/members/{member.pk}/suspension",
        {"until": "2099-01-01T00:00:00Z", "reason": "Spam"},
    )
    assert response.status_code == 201
    member.refresh_from_db()  # suspension ended the member's sessions: sign in again with the fresh account
    client.force_login(member)
    response = _post(client, f"/api/v1/ideas/{IdeaFactory().pk}/comments", {"body": "hello"})
    assert response.status_code == 403 and response.json()["code"] == "suspended"
    assert ActivityEntry.objects.filter(verb="moderation.suspend").count() == 1
    assert time.time()


def test_operators_bulk_jobs_can_suspend_limits(limits):
    member = MemberFactory()
    with ratelimit.suspended():
        for _ in range(5):
            ratelimit.check(member, "support", ip="10.0.0.9")
    ratelimit.check(member, "support", ip="10.0.0.9")
    ratelimit.check(member, "support", ip="10.0.0.9")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.check(member, "support", ip="10.0.0.9")
