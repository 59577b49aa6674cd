"""Who hears about what: recipients computed exactly, one notification per person per event, emails once."""

import pytest
from django.core import mail
from django.utils import timezone

from cocreate.campaigns.models import Visibility
from cocreate.core.events import publish
from cocreate.engagement.events import CommentPosted
from cocreate.ideas.events import IdeaRevised, IdeaStageReached, IdeaStatusChanged
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.services import idea_change_status, idea_post_update, idea_withdraw
from cocreate.moderation.events import ContentHidden, ContentRestored, MemberSuspended
from cocreate.notifications import services
from cocreate.notifications.handlers import status_key
from cocreate.notifications.models import Notification
from cocreate.review.events import IdeaDecided, ReviewerAssigned
from cocreate.roadmap.events import ReleasePublished, RoadmapItemShipped
from cocreate.similarity.events import IdeasMerged, MergeUndone
from tests.factories import (
    CampaignFactory,
    CommentFactory,
    FollowFactory,
    IdeaFactory,
    MemberFactory,
    NotificationPreferenceFactory,
    SupportFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def recipients(**filters):
    return {n.recipient for n in Notification.objects.filter(**filters)}


@pytest.fixture
def idea_with_people():
    idea = IdeaFactory(status=IdeaStatus.UNDER_REVIEW)
    coauthor, supporter, follower, discounted, stranger = MemberFactory.create_batch(5)
    idea.coauthors.add(coauthor)
    SupportFactory(idea=idea, member=supporter)
    SupportFactory(idea=idea, member=discounted, discounted_at=timezone.now())
    FollowFactory(idea=idea, member=follower)
    # The author supports nothing here but follows (as idea_create does); a supporter also follows.
    FollowFactory(idea=idea, member=idea.author)
    FollowFactory(idea=idea, member=supporter)
    return {
        "idea": idea,
        "author": idea.author,
        "coauthor": coauthor,
        "supporter": supporter,
        "follower": follower,
        "discounted": discounted,
        "stranger": stranger,
    }


def test_status_change_reaches_everyone_concerned_once_never_the_actor(idea_with_people, on_commit):
    p = idea_with_people
    facilitator = staff("facilitator", campaign=p["idea"].campaign)
    SupportFactory(idea=p["idea"], member=facilitator)  # the actor supports it too: still not told of their own act
    with on_commit(execute=True):
        idea_change_status(actor=facilitator, idea=p["idea"], transition="decline", note="Out of scope this year.")

    notes = Notification.objects.filter(idea=p["idea"])
    assert {n.recipient for n in notes} == {p["author"], p["coauthor"], p["supporter"], p["follower"]}
    assert notes.count() == 4  # the supporter who also follows gets one
    assert {n.kind for n in notes} == {"decision"}
    assert notes.first().data["explanation"] == "Out of scope this year."
    # Decisions are emailed at once by default: one email each, with the unsubscribe headers.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for u in (p["author"], p["coauthor"], p["supporter"], p["follower"])
    )
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert f"http://testserver/ideas/{p['idea'].pk}/" in message.body or f"/ideas/{p['idea'].pk}/" in message.body


def test_disabled_kind_and_unsubscribed_email_are_honoured(idea_with_people, on_commit):
    p = idea_with_people
    NotificationPreferenceFactory(member=p["supporter"], kind="decision", delivery="off")
    NotificationPreferenceFactory(member=p["follower"], kind="decision", delivery="in_app")
    facilitator = staff("facilitator", campaign=p["idea"].campaign)
    with on_commit(execute=True):
        idea_change_status(actor=facilitator, idea=p["idea"], transition="accept")

    assert recipients(idea=p["idea"]) == {p["author"], p["coauthor"], p["follower"]}
    assert {m.to[0] for m in mail.outbox} == {p["author"].email, p["coauthor"].email}


def test_inactive_members_are_not_notified(idea_with_people, on_commit):
    p = idea_with_people
    p["follower"].is_active = False
    p["follower"].save()
    with on_commit(execute=True):
        idea_withdraw(actor=p["author"], idea=IdeaFactory(author=p["author"]))
        publish(IdeaStageReached(idea_id=p["idea"].pk, stage_number=1, threshold=10))
    assert p["follower"] not in recipients(idea=p["idea"])


def test_decision_event_and_status_change_make_one_notice(idea_with_people, on_commit):
    p = idea_with_people
    reviewer = staff("facilitator", campaign=p["idea"].campaign)
    with on_commit(execute=True):
        idea_change_status(actor=reviewer, idea=p["idea"], transition="accept", note="Accepted.")
        publish(IdeaDecided(idea_id=p["idea"].pk, decision="accepted", explanation="Accepted.", actor_id=reviewer.pk))
    # IdeaStatusChanged and IdeaDecided share the status-change key: one notification and one email each.
    assert Notification.objects.filter(idea=p["idea"]).count() == 4
    assert len(mail.outbox) == 4


def test_decision_published_first_wins_with_its_explanation(idea_with_people, on_commit):
    p = idea_with_people
    reviewer = staff("facilitator", campaign=p["idea"].campaign)
    with on_commit(execute=True):
        # The review service publishes IdeaDecided before the lifecycle's IdeaStatusChanged.
        publish(IdeaDecided(idea_id=p["idea"].pk, decision="needs_info", explanation="Costs?", actor_id=reviewer.pk))
    with on_commit(execute=True):
        idea_change_status(actor=reviewer, idea=p["idea"], transition="accept")
    # Different status changes are different events.
    assert Notification.objects.filter(recipient=p["author"]).count() == 2


def test_ladder_status_threshold_reached_is_told_by_stage_event_only(idea_with_people, on_commit):
    p = idea_with_people
    from cocreate.ideas.events import IdeaStatusChanged

    with on_commit(execute=True):
        publish(IdeaStageReached(idea_id=p["idea"].pk, stage_number=2, threshold=50))
        publish(
            IdeaStatusChanged(
                idea_id=p["idea"].pk, from_status="published", to_status="threshold_reached", actor_id=None
            )
        )
    notes = Notification.objects.filter(recipient=p["author"])
    assert [n.kind for n in notes] == ["stage_reached"]
    assert notes[0].email_delivery == "daily"  # progress goes to the daily digest by default
    assert mail.outbox == []


def test_update_and_revision_reach_supporters_and_followers_not_the_author(idea_with_people, on_commit):
    p = idea_with_people
    with on_commit(execute=True):
        update = idea_post_update(actor=p["author"], idea=p["idea"], title="Prototype", body="We built a prototype.")
        publish(IdeaRevised(idea_id=p["idea"].pk, revision_number=2, editor_id=p["coauthor"].pk))
    by_update = recipients(event_key=f"update:{update.pk}")
    assert by_update == {p["coauthor"], p["supporter"], p["follower"]}
    assert recipients(event_key=f"revision:{p['idea'].pk}:2") == {p["author"], p["supporter"], p["follower"]}
    assert set(Notification.objects.values_list("kind", flat=True)) == {"update"}


def test_comment_reply_mention_and_official_reply_each_person_once(idea_with_people, on_commit):
    p = idea_with_people
    sam = MemberFactory(display_name="Sam Rivera")
    MemberFactory(display_name="Samantha Riverside")  # a near miss is not mentioned
    parent = CommentFactory(idea=p["idea"], author=p["stranger"])
    reply = CommentFactory(
        idea=p["idea"], author=p["follower"], parent=parent, body="Agreed @SAM-rivera and @nobody-here"
    )
    with on_commit(execute=True):
        publish(
            CommentPosted(
                comment_id=reply.pk,
                idea_id=p["idea"].pk,
                author_id=p["follower"].pk,
                parent_id=parent.pk,
                is_official=False,
            )
        )
    kinds = dict(Notification.objects.values_list("recipient_id", "kind"))
    assert kinds == {
        p["stranger"].pk: "reply",
        sam.pk: "mention",
        p["author"].pk: "comment",
        p["coauthor"].pk: "comment",
    }

    official = CommentFactory(
        idea=p["idea"], author=MemberFactory(), is_official=True, body="We will look at it, @sam-rivera."
    )
    with on_commit(execute=True):
        publish(
            CommentPosted(
                comment_id=official.pk,
                idea_id=p["idea"].pk,
                author_id=official.author_id,
                parent_id=None,
                is_official=True,
            )
        )
    official_kinds = dict(
        Notification.objects.filter(event_key=f"comment:{official.pk}").values_list("recipient_id", "kind")
    )
    # Everyone concerned gets the official reply; Sam (not concerned) gets a mention.
    assert official_kinds == {
        p["author"].pk: "official_reply",
        p["coauthor"].pk: "official_reply",
        p["supporter"].pk: "official_reply",
        p["follower"].pk: "official_reply",
        sam.pk: "mention",
    }


def test_mentions_do_not_leak_private_ideas(on_commit):
    campaign = CampaignFactory(visibility=Visibility.INVITE)
    idea = IdeaFactory(campaign=campaign)
    outsider = MemberFactory(display_name="Out Sider")
    comment = CommentFactory(idea=idea, author=idea.author, body="Hello @out-sider")
    with on_commit(execute=True):
        publish(
            CommentPosted(
                comment_id=comment.pk, idea_id=idea.pk, author_id=idea.author_id, parent_id=None, is_official=False
            )
        )
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_shipped_merged_and_undone(idea_with_people, on_commit):
    p = idea_with_people
    target = IdeaFactory(campaign=p["idea"].campaign)
    with on_commit(execute=True):
        publish(RoadmapItemShipped(item_id=7, idea_id=p["idea"].pk, release_id=None))
        publish(ReleasePublished(release_id=1))
    assert recipients(kind="shipped") == {p["author"], p["coauthor"], p["supporter"], p["follower"]}

    moderator = staff("moderator")
    with on_commit(execute=True):
        publish(IdeasMerged(merge_id=999, source_id=p["idea"].pk, target_id=target.pk, actor_id=moderator.pk))
    merged = Notification.objects.filter(kind="merged")
    assert {n.recipient for n in merged} == {p["author"], p["coauthor"], p["supporter"], p["follower"]}
    assert merged[0].data["target_title"] == target.title
    assert merged[0].target_url == target.get_absolute_url()
    with on_commit(execute=True):
        publish(MergeUndone(merge_id=999, source_id=p["idea"].pk, target_id=target.pk, actor_id=moderator.pk))
    assert Notification.objects.filter(kind="merged", recipient=p["author"]).count() == 2


def test_moderation_and_reviewer_events_reach_one_person(idea_with_people, on_commit):
    p = idea_with_people
    moderator = staff("moderator")
    comment = CommentFactory(idea=p["idea"], author=p["supporter"])
    with on_commit(execute=True):
        publish(
            ContentHidden(
                kind="comment",
                object_id=comment.pk,
                author_id=p["supporter"].pk,
                reason="Off topic",
                actor_id=moderator.pk,
            )
        )
        publish(
            ContentRestored(
                kind="comment",
                object_id=comment.pk,
                author_id=p["supporter"].pk,
                reason="Appeal",
                actor_id=moderator.pk,
            )
        )
        publish(
            MemberSuspended(
                member_id=p["stranger"].pk, until_iso="2030-01-01T00:00:00+00:00", reason="Spam", actor_id=moderator.pk
            )
        )
        publish(ReviewerAssigned(idea_id=p["idea"].pk, reviewer_id=p["follower"].pk, actor_id=moderator.pk))
    hidden = Notification.objects.filter(recipient=p["supporter"]).order_by("pk")
    assert [n.data["action"] for n in hidden] == ["hidden", "restored"]
    assert hidden[0].target_url.endswith(f"#comment-{comment.pk}")
    assert Notification.objects.get(recipient=p["stranger"]).data["reason"] == "Spam"
    assert Notification.objects.get(recipient=p["follower"]).kind == "reviewer_assigned"
    assert not Notification.objects.filter(recipient=moderator).exists()


def test_deliver_twice_creates_and_sends_nothing_new(idea_with_people):
    p = idea_with_people
    params = {
        "idea_id": p["idea"].pk,
        "from_status": "under_review",
        "to_status": "accepted",
        "actor_id": None,
        "note": "",
    }
    first = services.notifications_deliver(event="status_changed", event_key="status:test", params=params)
    second = services.notifications_deliver(event="status_changed", event_key="status:test", params=params)
    assert first == {"recipients": 4, "created": 4, "emailed": 4}
    assert second == {"recipients": 4, "created": 0, "emailed": 0}
    assert len(mail.outbox) == 4
    assert not Notification.objects.filter(event_key="status:test", emailed_at__isnull=True).exists()


def test_failed_send_is_unclaimed_for_the_retry(idea_with_people, monkeypatch):
    p = idea_with_people
    params = {"idea_id": p["idea"].pk, "to_status": "accepted", "actor_id": None}

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    with pytest.raises(OSError):
        services.notifications_deliver(event="status_changed", event_key="status:retry", params=params)
    assert Notification.objects.filter(event_key="status:retry", emailed_at__isnull=True).count() == 4
    monkeypatch.undo()
    assert (
        services.notifications_deliver(event="status_changed", event_key="status:retry", params=params)["emailed"] == 4
    )


def test_status_key_is_shared_by_the_events_of_one_change(idea_with_people, on_commit):
    p = idea_with_people
    with on_commit(execute=True):
        idea_change_status(actor=staff("facilitator"), idea=p["idea"], transition="accept")
    change = p["idea"].status_changes.latest("id")
    # The event carries its status-change row; an event made without it falls back to the latest matching row.
    published = IdeaStatusChanged(
        idea_id=p["idea"].pk, from_status="under_review", to_status="accepted", actor_id=None, change_id=change.pk
    )
    bare = IdeaDecided(idea_id=p["idea"].pk, decision="accepted", explanation="", actor_id=1)
    assert status_key(published, p["idea"].pk) == f"status:{change.pk}"
    assert status_key(bare, p["idea"].pk, to_status="accepted") == f"status:{change.pk}"


def test_merge_reaches_supporters_whose_support_moved_to_the_target(on_commit):
    from tests.factories import IdeaMergeFactory

    source = IdeaFactory(status=IdeaStatus.MERGED)
    target = IdeaFactory(campaign=source.campaign)
    moved_supporter, dropped, moved_follower = MemberFactory.create_batch(3)
    support = SupportFactory(idea=target, member=moved_supporter)
    follow = FollowFactory(idea=target, member=moved_follower)
    merge = IdeaMergeFactory(
        source=source,
        target=target,
        moved={
            "supports": [support.pk],
            "dropped_supports": [{"member_id": dropped.pk, "created_at": "2030-01-01T00:00:00+00:00"}],
            "follows": [follow.pk],
            "coauthors": [],
        },
    )
    with on_commit(execute=True):
        publish(IdeasMerged(merge_id=merge.pk, source_id=source.pk, target_id=target.pk, actor_id=target.author_id))
    assert recipients(kind="merged") == {source.author, moved_supporter, dropped, moved_follower}
