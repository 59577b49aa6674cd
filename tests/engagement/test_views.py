"""Support, follow and comment pages, with and without htmx, for every role."""

import re

import pytest
from django.urls import reverse

from cocreate.accounts.models import Role
from cocreate.engagement.models import Comment, Follow, Support
from cocreate.ideas.lifecycle import IdeaStatus
from tests.factories import (
    AgreementFactory,
    CampaignFactory,
    CommentFactory,
    IdeaFactory,
    MemberFactory,
    UserFactory,
    staff,
)

pytestmark = pytest.mark.django_db


def test_member_supports_without_javascript_and_is_redirected_back(client):
    idea = IdeaFactory()
    member = MemberFactory()
    client.force_login(member)

    response = client.post(reverse("engagement:support", args=[idea.pk]), {"action": "add"})

    idea.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.support_count == 1 == Support.objects.filter(idea=idea).count()


def test_htmx_support_returns_the_support_box_fragment(client):
    idea = IdeaFactory()
    client.force_login(MemberFactory())

    response = client.post(reverse("engagement:support", args=[idea.pk]), {"action": "add"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert 'id="support-box"' in response.text
    assert "You support this" in response.text
    assert "<html" not in response.text


def test_double_click_makes_one_support(client):
    idea = IdeaFactory()
    client.force_login(MemberFactory())

    for _ in range(2):
        client.post(reverse("engagement:support", args=[idea.pk]), {"action": "add"}, HTTP_HX_REQUEST="true")

    idea.refresh_from_db()
    assert idea.support_count == 1 == Support.objects.count()


def test_toggle_removes_support(client):
    idea = IdeaFactory()
    member = MemberFactory()
    client.force_login(member)
    url = reverse("engagement:support", args=[idea.pk])

    client.post(url, {"action": "add"})
    client.post(url, {"action": "remove"})

    idea.refresh_from_db()
    assert idea.support_count == 0 and not Support.objects.exists()


def test_visitor_support_redirects_to_login_and_changes_nothing(client):
    idea = IdeaFactory()

    plain = client.post(reverse("engagement:support", args=[idea.pk]))
    htmx = client.post(reverse("engagement:support", args=[idea.pk]), HTTP_HX_REQUEST="true")

    assert plain.status_code == 302 and reverse("account_login") in plain["Location"]
    assert reverse("account_login") in htmx["HX-Redirect"]
    assert not Support.objects.exists()


def test_author_cannot_support_own_idea(client):
    idea = IdeaFactory()
    client.force_login(idea.author)

    response = client.post(reverse("engagement:support", args=[idea.pk]), {"action": "add"}, follow=True)

    assert "cannot support your own idea" in response.text
    assert not Support.objects.exists()


def test_support_refused_on_expired_idea(client):
    idea = IdeaFactory(status=IdeaStatus.EXPIRED)
    client.force_login(MemberFactory())

    client.post(reverse("engagement:support", args=[idea.pk]), {"action": "add"})

    assert not Support.objects.exists()


def test_support_button_is_offered_only_to_members_who_may(client):
    idea = IdeaFactory()

    visitor_page = client.get(idea.get_absolute_url())
    client.force_login(MemberFactory())
    member_page = client.get(idea.get_absolute_url())
    client.force_login(idea.author)
    author_page = client.get(idea.get_absolute_url())

    assert "Sign in to support" in visitor_page.text
    assert "Support this idea" in member_page.text
    assert "Support this idea" not in author_page.text


def test_follow_and_unfollow(client):
    idea = IdeaFactory()
    member = MemberFactory()
    client.force_login(member)
    url = reverse("engagement:follow", args=[idea.pk])

    client.post(url, {"action": "follow"})
    assert Follow.objects.filter(idea=idea, member=member).exists()
    client.post(url, {"action": "unfollow"})
    assert not Follow.objects.filter(idea=idea, member=member).exists()


def test_member_comments_with_alignment_and_replies(client):
    idea = IdeaFactory()
    member = MemberFactory()
    client.force_login(member)
    url = reverse("engagement:comment", args=[idea.pk])

    client.post(url, {"body": "How would refunds work?", "alignment": "question"})
    parent = Comment.objects.get()
    client.post(url, {"body": "At any till.", "parent": parent.pk})

    page = client.get(idea.get_absolute_url())
    assert Comment.objects.filter(parent=parent).count() == 1
    assert "How would refunds work?" in page.text and "Question" in page.text


def test_empty_comment_comes_back_with_error_and_keeps_alignment(client):
    idea = IdeaFactory()
    client.force_login(MemberFactory())

    response = client.post(reverse("engagement:comment", args=[idea.pk]), {"body": "   ", "alignment": "against"})

    assert response.status_code == 400
    assert "This field is required" in response.text or "Write something first" in response.text
    assert re.search(r'value="against"[^>]*checked', response.text)
    assert not Comment.objects.exists()


def test_member_cannot_post_official_response(client):
    idea = IdeaFactory()
    client.force_login(MemberFactory())

    response = client.post(reverse("engagement:comment", args=[idea.pk]), {"body": "Officially yes", "official": "on"})

    assert response.status_code == 400
    assert "Only staff can post official responses" in response.text
    assert not Comment.objects.exists()


def test_facilitator_posts_official_response(client):
    idea = IdeaFactory()
    client.force_login(staff(Role.FACILITATOR, campaign=idea.campaign))

    client.post(reverse("engagement:comment", args=[idea.pk]), {"body": "We are piloting this.", "official": "on"})

    comment = Comment.objects.get()
    assert comment.is_official
    assert "Official response" in client.get(idea.get_absolute_url()).text


def test_comment_needs_accepted_terms(client):
    AgreementFactory()
    idea = IdeaFactory()
    client.force_login(UserFactory())

    response = client.post(reverse("engagement:comment", args=[idea.pk]), {"body": "Hello there"})

    assert response["Location"].startswith(reverse("legal:accept"))
    assert not Comment.objects.exists()


def test_author_edits_own_comment_others_cannot(client):
    comment = CommentFactory(body="First version")
    url = reverse("engagement:comment_edit", args=[comment.pk])

    client.force_login(MemberFactory())
    assert client.post(url, {"body": "Vandalised"}).status_code == 403
    client.force_login(comment.author)
    client.post(url, {"body": "Second version", "alignment": "favour"})

    comment.refresh_from_db()
    assert comment.body == "Second version" and comment.edited_at is not None


def test_deleted_comment_keeps_thread_readable(client):
    parent = CommentFactory(body="Parent text")
    CommentFactory(idea=parent.idea, parent=parent, body="Reply still here")
    client.force_login(parent.author)

    client.post(reverse("engagement:comment_delete", args=[parent.pk]))
    page = client.get(parent.idea.get_absolute_url())

    assert "This comment was deleted." in page.text
    assert "Parent text" not in page.text
    assert "Reply still here" in page.text


def test_member_cannot_delete_others_comment(client):
    comment = CommentFactory()
    client.force_login(MemberFactory())

    response = client.post(reverse("engagement:comment_delete", args=[comment.pk]))

    comment.refresh_from_db()
    assert response.status_code == 403 and comment.deleted_at is None


def test_moderator_deletes_a_comment(client):
    comment = CommentFactory()
    client.force_login(staff(Role.MODERATOR, campaign=comment.idea.campaign))

    client.post(reverse("engagement:comment_delete", args=[comment.pk]))

    comment.refresh_from_db()
    assert comment.deleted_at is not None


def test_idea_past_its_last_stage_says_the_goal_was_reached(client):
    idea = IdeaFactory(campaign=CampaignFactory(stages=[(3, 30)]))
    idea.status, idea.support_count = IdeaStatus.THRESHOLD_REACHED, 5
    idea.save()

    response = client.get(idea.get_absolute_url())

    assert "5 supporters · goal of 3 reached" in response.text
    assert "5 of 3" not in response.text


def test_a_long_discussion_comes_in_pages_and_a_new_comment_lands_on_its_page(client):
    from cocreate.engagement.selectors import THREADS_PER_PAGE

    idea = IdeaFactory()
    threads = [CommentFactory(idea=idea, body=f"Thread number {n:03d}") for n in range(THREADS_PER_PAGE + 5)]
    CommentFactory(idea=idea, parent=threads[-1], body="A reply on the second page")

    first = client.get(idea.get_absolute_url())
    assert "Thread number 000" in first.text and f"Thread number {THREADS_PER_PAGE - 1:03d}" in first.text
    assert f"Thread number {THREADS_PER_PAGE:03d}" not in first.text
    assert "?comments=2" in first.text
    second = client.get(idea.get_absolute_url(), {"comments": 2})
    assert f"Thread number {THREADS_PER_PAGE + 4:03d}" in second.text and "A reply on the second page" in second.text
    assert "Thread number 000" not in second.text
    assert client.get(idea.get_absolute_url(), {"comments": "nonsense"}).status_code == 200

    client.force_login(MemberFactory())
    response = client.post(reverse("engagement:comment", args=[idea.pk]), {"body": "The newest thought"})
    newest = Comment.objects.get(body="The newest thought")
    assert response.url == f"{idea.get_absolute_url()}?comments=2#comment-{newest.pk}"
    reply = client.post(reverse("engagement:comment", args=[idea.pk]), {"body": "Answering", "parent": threads[0].pk})
    assert reply.url == f"{idea.get_absolute_url()}#comment-{Comment.objects.get(body='Answering').pk}"
