"""Every role × every review permission, including the refusals."""

import pytest

from cocreate.accounts.models import Role
from cocreate.core.permissions import has_perm, refusal
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.review import services
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, staff

pytestmark = pytest.mark.django_db

PERMS = ["view_queue", "view_idea", "send", "assign", "move_stage", "configure", "score", "decide", "resubmit"]


@pytest.fixture
def people(campaign, facilitator, reviewer, moderator, admin, member, author):
    other = CampaignFactory()
    return {
        "visitor": None,
        "member": member,
        "author": author,
        "reviewer": reviewer,
        "assigned_reviewer": staff(Role.REVIEWER, campaign),
        "moderator": moderator,
        "facilitator": facilitator,
        "admin": admin,
        "sitewide_facilitator": staff(Role.FACILITATOR, None),
        "other_campaign_facilitator": staff(Role.FACILITATOR, other),
        "other_campaign_reviewer": staff(Role.REVIEWER, other),
    }


# who holds each permission on an idea of `campaign` that waits in the queue (threshold reached)
EXPECTED = {
    "view_queue": {
        "reviewer",
        "assigned_reviewer",
        "moderator",
        "facilitator",
        "admin",
        "sitewide_facilitator",
        "other_campaign_facilitator",
        "other_campaign_reviewer",
    },
    "view_idea": {"reviewer", "assigned_reviewer", "moderator", "facilitator", "admin", "sitewide_facilitator"},
    "send": {"moderator", "facilitator", "admin", "sitewide_facilitator"},
    "assign": {"facilitator", "admin", "sitewide_facilitator"},
    "move_stage": {"facilitator", "admin", "sitewide_facilitator"},
    "configure": {"facilitator", "admin", "sitewide_facilitator"},
    "score": {"assigned_reviewer", "admin"},
    "decide": {"facilitator", "admin", "sitewide_facilitator"},
    "resubmit": set(),  # only from needs_info (below)
}


def _holders(people, perm, obj):
    from django.contrib.auth.models import AnonymousUser

    return {
        name
        for name, user in people.items()
        if has_perm(user or AnonymousUser(), f"review.{perm}", None if perm == "view_queue" else obj)
    }


@pytest.mark.parametrize("perm", PERMS)
def test_role_matrix(people, idea, facilitator, perm):
    services.review_assign(actor=facilitator, idea=idea, reviewer=people["assigned_reviewer"])
    services.review_assign(actor=facilitator, idea=idea, reviewer=people["admin"])
    obj = idea.campaign if perm == "configure" else idea

    assert _holders(people, perm, obj) == EXPECTED[perm]


def test_resubmit_is_the_authors_once_more_information_is_asked(people, idea):
    idea.status = IdeaStatus.NEEDS_INFO
    idea.save()

    assert _holders(people, "resubmit", idea) == {"author"}


def test_unassigned_admin_cannot_score(people, idea):
    assert not has_perm(people["admin"], "review.score", idea)


def test_plain_member_sees_no_queue_link():
    assert not has_perm(MemberFactory(), "review.view_queue")


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (IdeaStatus.PUBLISHED, True),
        (IdeaStatus.THRESHOLD_REACHED, True),
        (IdeaStatus.UNDER_REVIEW, True),
        (IdeaStatus.NEEDS_INFO, False),
        (IdeaStatus.ACCEPTED, False),
    ],
)
def test_send_to_review_carries_its_states_and_says_why_not(status, allowed):
    idea = IdeaFactory(status=status)
    moderator = staff(Role.MODERATOR, campaign=idea.campaign)

    assert has_perm(moderator, "review.send", idea) is allowed
    if not allowed:
        refused = refusal(moderator, "review.send", idea)
        assert (refused.status, refused.code) == (409, "invalid_transition")
        assert str(refused.message) == "Only ideas that are gathering support can be sent to review."
    assert not has_perm(MemberFactory(), "review.send", idea)
