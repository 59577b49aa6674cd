from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.engagement.models import Comment, Support
from cocreate.ideas.lifecycle import IdeaStatus
from tests.factories import CommentFactory, IdeaFactory, MemberFactory, staff

pytestmark = pytest.mark.django_db


def test_support_then_second_support_is_409(api, member):
    idea = IdeaFactory()

    first = api.post(f"/ideas/{idea.pk}/support")
    second = api.post(f"/ideas/{idea.pk}/support")

    assert first.status_code == 201
    assert first.json() == {"idea_id": idea.pk, "supporters": 1, "viewer_supports": True, "status": "published"}
    assert second.status_code == 409
    assert second.json()["code"] == "already_supported"
    assert Support.objects.filter(idea=idea, member=member).count() == 1
    idea.refresh_from_db()
    assert idea.support_count == 1


def test_take_support_back_then_again_is_409(api, member):
    idea = IdeaFactory()
    api.post(f"/ideas/{idea.pk}/support")

    removed = api.delete(f"/ideas/{idea.pk}/support")
    again = api.delete(f"/ideas/{idea.pk}/support")

    assert removed.status_code == 204
    assert removed.content == b""
    assert again.status_code == 409
    assert again.json()["code"] == "not_supported"
    idea.refresh_from_db()
    assert idea.support_count == 0


def test_cannot_support_own_idea(api, member):
    idea = IdeaFactory(author=member)

    response = api.post(f"/ideas/{idea.pk}/support")

    assert response.status_code == 403
    assert response.json()["code"] == "own_idea"
    assert not Support.objects.exists()


def test_support_on_invisible_idea_is_404(api):
    idea = IdeaFactory(status=IdeaStatus.DRAFT, published_at=None)

    assert api.post(f"/ideas/{idea.pk}/support").status_code == 404
    assert not Support.objects.exists()


def test_reaching_the_threshold_moves_the_idea_on(as_user):
    idea = IdeaFactory(campaign__stages=[(1, 30)])

    response = as_user(MemberFactory()).post(f"/ideas/{idea.pk}/support")

    assert response.json()["status"] == "threshold_reached"


def test_comment_thread_is_nested_and_hides_deleted_text(anon):
    idea = IdeaFactory()
    top = CommentFactory(idea=idea, body="Top level")
    reply = CommentFactory(idea=idea, parent=top, body="A reply")
    CommentFactory(idea=idea, body="Gone", deleted_at=timezone.now())

    body = anon.get(f"/ideas/{idea.pk}/comments").json()

    assert body["count"] == 2
    first, deleted = body["results"]
    assert first["id"] == top.pk and first["body"] == "Top level"
    assert [r["id"] for r in first["replies"]] == [reply.pk]
    assert first["replies"][0]["parent_id"] == top.pk
    assert deleted["deleted"] is True and deleted["body"] == "" and deleted["author"] is None


def test_comments_of_invisible_idea_are_404(anon):
    idea = IdeaFactory(status=IdeaStatus.DRAFT, published_at=None)

    assert anon.get(f"/ideas/{idea.pk}/comments").status_code == 404


def test_member_comments_and_replies(api, member):
    idea = IdeaFactory()

    top = api.post(f"/ideas/{idea.pk}/comments", {"body": "What about winter?", "alignment": "question"})
    reply = api.post(f"/ideas/{idea.pk}/comments", {"body": "Heated racks!", "parent_id": top.json()["id"]})

    assert top.status_code == 201
    assert top.json()["alignment"] == "question"
    assert top.json()["author"]["id"] == member.pk
    assert reply.status_code == 201
    assert reply.json()["parent_id"] == top.json()["id"]
    idea.refresh_from_db()
    assert idea.comment_count == 2


def test_reply_to_unknown_comment_is_404(api):
    idea = IdeaFactory()

    response = api.post(f"/ideas/{idea.pk}/comments", {"body": "Hello", "parent_id": 987654})

    assert response.status_code == 404
    assert response.json()["field"] == "parent_id"
    assert not Comment.objects.exists()


def test_bad_alignment_and_empty_body_are_refused(api):
    idea = IdeaFactory()

    bad_alignment = api.post(f"/ideas/{idea.pk}/comments", {"body": "Hi", "alignment": "angry"})
    empty = api.post(f"/ideas/{idea.pk}/comments", {"body": "   "})

    assert bad_alignment.status_code == 422
    assert empty.status_code == 400 and empty.json()["field"] == "body"
    assert not Comment.objects.exists()


def test_only_staff_post_official_responses(api, as_user):
    idea = IdeaFactory()
    facilitator = staff(Role.FACILITATOR, campaign=idea.campaign)

    member_try = api.post(f"/ideas/{idea.pk}/comments", {"body": "Officially yes", "official": True})
    staff_try = as_user(facilitator).post(f"/ideas/{idea.pk}/comments", {"body": "Officially yes", "official": True})

    assert member_try.status_code == 403
    assert staff_try.status_code == 201 and staff_try.json()["is_official"] is True
    assert Comment.objects.count() == 1


def test_author_edits_and_deletes_a_comment(api, member):
    comment = CommentFactory(author=member)

    edited = api.patch(f"/comments/{comment.pk}", {"body": "Edited text"})
    deleted = api.delete(f"/comments/{comment.pk}")

    assert edited.status_code == 200 and edited.json()["body"] == "Edited text"
    assert edited.json()["edited_at"] is not None
    assert deleted.status_code == 204
    comment.refresh_from_db()
    assert comment.deleted_at is not None


def test_others_cannot_edit_or_delete_a_comment(api):
    comment = CommentFactory(body="Original")

    edited = api.patch(f"/comments/{comment.pk}", {"body": "Vandalised"})
    deleted = api.delete(f"/comments/{comment.pk}")

    assert edited.status_code == 403 and deleted.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Original" and comment.deleted_at is None


def test_edit_window_closes(api, member):
    comment = CommentFactory(author=member)
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(days=2))

    response = api.patch(f"/comments/{comment.pk}", {"body": "Too late"})

    assert response.status_code == 403


def test_comment_on_invisible_idea_is_404(api):
    comment = CommentFactory(idea=IdeaFactory(status=IdeaStatus.DRAFT, published_at=None))

    assert api.patch(f"/comments/{comment.pk}", {"body": "x"}).status_code == 404
    assert api.delete(f"/comments/{comment.pk}").status_code == 404
    assert api.delete("/comments/99999").json()["code"] == "not_found"
