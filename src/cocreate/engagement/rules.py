"""Who may support, comment and follow. Objects are Ideas, except for the comment rules (Comments)."""

from datetime import timedelta

import rules
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import has_role
from cocreate.core.permissions import Check, add_rule
from cocreate.ideas.lifecycle import CLOSED_STATES, PUBLIC_STATES, SUPPORTABLE_STATES, IdeaStatus
from cocreate.ideas.rules import is_contributor


def _can_view(user, idea):
    return rules.has_perm("ideas.view", user, idea)


@rules.predicate
def idea_visible(user, idea):
    return idea is not None and _can_view(user, idea)


@rules.predicate
def idea_gathers_support(user, idea):
    return idea is not None and idea.status in SUPPORTABLE_STATES


@rules.predicate
def support_phase_open(user, idea):
    return idea is not None and idea.campaign.phase_is_open("support")


idea_supportable = idea_gathers_support & support_phase_open


# Decided ideas stay open for discussion; merged, expired and withdrawn ones do not.
DISCUSSION_STATES = PUBLIC_STATES - (CLOSED_STATES - {IdeaStatus.ACCEPTED, IdeaStatus.DECLINED})


@rules.predicate
def idea_open_for_discussion(user, idea):
    return idea is not None and idea.status in DISCUSSION_STATES


@rules.predicate
def speaks_for_organisation(user, idea):
    return idea is not None and has_role(user, {Role.FACILITATOR, Role.MODERATOR, Role.REVIEWER}, idea.campaign_id)


@rules.predicate
def is_comment_author(user, comment):
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def comment_within_edit_window(user, comment):
    window = timedelta(minutes=settings.COMMENT_EDIT_WINDOW_MINUTES)
    return comment is not None and comment.deleted_at is None and timezone.now() - comment.created_at <= window


@rules.predicate
def moderates_comment(user, comment):
    return comment is not None and has_role(user, {Role.MODERATOR, Role.FACILITATOR}, comment.idea.campaign_id)


@rules.predicate
def comment_not_deleted(user, comment):
    return comment is not None and comment.deleted_at is None


# The service (engagement.services.support_add) and every page and API answer read this one rule.
add_rule(
    "engagement.support",
    Check(rules.is_authenticated, _("Sign in to support ideas."), code="not_authenticated", status=401),
    Check(idea_gathers_support, _("This idea is no longer gathering support."), code="not_supportable", status=409),
    Check(support_phase_open, _("Support is closed for this campaign right now."), code="support_closed", status=409),
    Check(~is_contributor, _("You cannot support your own idea."), code="own_idea"),
    Check(idea_visible),
)
rules.add_perm("engagement.comment", rules.is_authenticated & idea_visible & idea_open_for_discussion)
rules.add_perm("engagement.comment_official", speaks_for_organisation)
rules.add_perm("engagement.follow", rules.is_authenticated & idea_visible)
rules.add_perm("engagement.change_comment", is_comment_author & comment_within_edit_window)
rules.add_perm("engagement.delete_comment", comment_not_deleted & (is_comment_author | moderates_comment))
