"""Engagement reads: comment threads, the viewer's own state, recent supporters."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.engagement.models import Support
from cocreate.engagement.selectors import comment_thread, recent_supporters, viewer_state
from cocreate.engagement.services import comment_add, follow_add, support_add
from tests.factories import IdeaFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_the_thread_loads_two_levels_in_a_fixed_number_of_queries(django_assert_num_queries):
    # given
    idea = IdeaFactory()
    for n in range(3):
        top = comment_add(actor=MemberFactory(), idea=idea, body=f"Top {n}")
        for m in range(2):
            comment_add(actor=MemberFactory(), idea=idea, body=f"Reply {n}.{m}", parent=top)
    comment_add(actor=MemberFactory(), idea=IdeaFactory(), body="Elsewhere")

    # when / then: tops with authors, then replies with authors
    with django_assert_num_queries(2):
        thread = comment_thread(idea)
        bodies = [
            (c.body, c.author.public_name, [(r.body, r.author.public_name) for r in c.replies.all()]) for c in thread
        ]

    assert [b[0] for b in bodies] == ["Top 0", "Top 1", "Top 2"]
    assert [r[0] for r in bodies[1][2]] == ["Reply 1.0", "Reply 1.1"]


def test_viewer_state():
    # given
    idea, member = IdeaFactory(), MemberFactory()

    # when / then
    assert viewer_state(member, idea) == {"supports": False, "follows": False}
    support_add(actor=member, idea=idea)
    assert viewer_state(member, idea) == {"supports": True, "follows": False}
    follow_add(actor=member, idea=idea)
    assert viewer_state(member, idea) == {"supports": True, "follows": True}
    assert viewer_state(AnonymousUser(), idea) == {"supports": False, "follows": False}


def test_recent_supporters_newest_first_and_limited():
    # given: four supports, the last two at the very same moment
    idea = IdeaFactory()
    members = MemberFactory.create_batch(4)
    now = timezone.now()
    for minutes_ago, member in zip([30, 20, 10, 10], members, strict=True):
        support_add(actor=member, idea=idea)
        Support.objects.filter(idea=idea, member=member).update(created_at=now - timedelta(minutes=minutes_ago))

    # when
    recent = recent_supporters(idea, limit=3)

    # then: newest first, ties broken by arrival
    assert recent == [members[3], members[2], members[1]]
