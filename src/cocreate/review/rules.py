"""Who may use the review pipeline. Objects are Ideas, except where noted (Campaign, or none)."""

from __future__ import annotations

import rules
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import has_role, user_roles
from cocreate.core.permissions import Check, add_rule
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.rules import decides_idea, is_contributor, moderates_idea

STAFF_ROLES = frozenset({Role.ADMIN, Role.FACILITATOR, Role.MODERATOR, Role.REVIEWER})


def _campaign_id(obj) -> int | None:
    if obj is None:
        return None
    return getattr(obj, "campaign_id", None) or obj.pk


@rules.predicate
def is_review_staff(user, obj=None):
    """Object-less: holds any staff role anywhere (the menu link). With an idea or campaign: staff of it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if obj is None:
        return user.is_superuser or any(role in STAFF_ROLES for role, _c in user_roles(user))
    return has_role(user, set(STAFF_ROLES), _campaign_id(obj))


@rules.predicate
def runs_review(user, obj):
    """Facilitators of the idea's (or campaign's) campaign, and admins."""
    return obj is not None and has_role(user, {Role.FACILITATOR}, _campaign_id(obj))


@rules.predicate
def is_assigned_reviewer(user, idea):
    if idea is None or not getattr(user, "is_authenticated", False):
        return False
    if not has_role(user, {Role.REVIEWER}, idea.campaign_id):
        return False  # a revoked role ends the assignment's rights
    from .models import ReviewAssignment

    return ReviewAssignment.objects.filter(idea_id=idea.pk, reviewer_id=user.pk).exists()


# Gathering support (or at its threshold), or under review but not in the queue yet (decided on the staff page).
SENDABLE_STATES = frozenset({IdeaStatus.PUBLISHED, IdeaStatus.THRESHOLD_REACHED, IdeaStatus.UNDER_REVIEW})


@rules.predicate
def idea_can_enter_review(user, idea):
    return idea is not None and idea.status in SENDABLE_STATES


@rules.predicate
def awaits_more_information(user, idea):
    return idea is not None and idea.status == IdeaStatus.NEEDS_INFO


rules.add_perm("review.view_queue", is_review_staff)
rules.add_perm("review.view_idea", is_review_staff)
rules.add_perm("review.view_audit", is_review_staff)
add_rule(
    "review.send",
    Check(moderates_idea),
    Check(
        idea_can_enter_review,
        _("Only ideas that are gathering support can be sent to review."),
        code="invalid_transition",
        status=409,
    ),
)
rules.add_perm("review.assign", runs_review)
rules.add_perm("review.move_stage", runs_review)
rules.add_perm("review.configure", runs_review)
rules.add_perm("review.score", is_assigned_reviewer)
rules.add_perm("review.decide", decides_idea)  # the same people as ideas.decide, by construction
rules.add_perm("review.resubmit", is_contributor & awaits_more_information)
