"""The idea lifecycle, defined in one place: states, named transitions and their source states.

Who may fire a transition is a permission (ideas/rules.py); whether the idea's state allows it is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from cocreate.core.errors import Conflict


class IdeaStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending moderation")
    PUBLISHED = "published", _("Gathering support")
    THRESHOLD_REACHED = "threshold_reached", _("Threshold reached")
    UNDER_REVIEW = "under_review", _("Under review")
    NEEDS_INFO = "needs_info", _("Needs more information")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    MERGED = "merged", _("Merged")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = IdeaStatus


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    label: str
    # States the transition may return to instead of `target` when undoing an earlier one (e.g. unmerge).
    restorable: frozenset[str] = frozenset()


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("submit_for_moderation", frozenset({S.DRAFT}), S.PENDING, _("Submit for moderation")),
        Transition("publish", frozenset({S.DRAFT, S.PENDING}), S.PUBLISHED, _("Publish")),
        Transition("return_to_draft", frozenset({S.PENDING}), S.DRAFT, _("Return to author")),
        Transition("reach_threshold", frozenset({S.PUBLISHED}), S.THRESHOLD_REACHED, _("Reach threshold")),
        Transition("start_review", frozenset({S.PUBLISHED, S.THRESHOLD_REACHED}), S.UNDER_REVIEW, _("Start review")),
        Transition("accept", frozenset({S.UNDER_REVIEW}), S.ACCEPTED, _("Accept")),
        Transition("request_info", frozenset({S.UNDER_REVIEW}), S.NEEDS_INFO, _("Ask the author for more information")),
        Transition("resubmit", frozenset({S.NEEDS_INFO}), S.UNDER_REVIEW, _("Send back to review")),
        Transition("decline", frozenset({S.PUBLISHED, S.THRESHOLD_REACHED, S.UNDER_REVIEW}), S.DECLINED, _("Decline")),
        Transition(
            "merge",
            frozenset({S.PENDING, S.PUBLISHED, S.THRESHOLD_REACHED, S.UNDER_REVIEW, S.NEEDS_INFO, S.EXPIRED}),
            S.MERGED,
            _("Merge into another idea"),
        ),
        Transition(
            "unmerge",
            frozenset({S.MERGED}),
            S.PUBLISHED,
            _("Undo the merge"),
            restorable=frozenset(
                {S.PENDING, S.PUBLISHED, S.THRESHOLD_REACHED, S.UNDER_REVIEW, S.NEEDS_INFO, S.EXPIRED}
            ),
        ),
        Transition("expire", frozenset({S.PUBLISHED}), S.EXPIRED, _("Expire")),
        Transition("reopen", frozenset({S.EXPIRED, S.DECLINED}), S.PUBLISHED, _("Reopen")),
        Transition(
            "withdraw",
            frozenset({S.DRAFT, S.PENDING, S.PUBLISHED, S.THRESHOLD_REACHED}),
            S.WITHDRAWN,
            _("Withdraw"),
        ),
    ]
}

# States in which the idea is visible to everyone who can see its campaign.
PUBLIC_STATES = frozenset(s for s in IdeaStatus.values if s not in {S.DRAFT, S.PENDING})
# States in which members may still add or remove support.
SUPPORTABLE_STATES = frozenset({S.PUBLISHED, S.THRESHOLD_REACHED, S.UNDER_REVIEW, S.NEEDS_INFO})
# States in which the author may still revise the text.
EDITABLE_STATES = frozenset({S.DRAFT, S.PENDING, S.PUBLISHED, S.THRESHOLD_REACHED, S.NEEDS_INFO})
# States in which the idea is still climbing the support ladder (and can expire).
CLIMBING_STATES = frozenset({S.PUBLISHED})
CLOSED_STATES = frozenset({S.ACCEPTED, S.DECLINED, S.MERGED, S.EXPIRED, S.WITHDRAWN})

# Transitions staff fire by hand (ideas.services.idea_change_status; the campaign's staff page offers exactly these).
# The others go through their own service: submitting and withdrawing are the author's, approving and returning are
# idea_moderate's, merging needs a target idea (similarity), reaching the threshold and expiring are the ladder's.
STAFF_TRANSITIONS = frozenset({"start_review", "accept", "decline", "reopen", "request_info", "resubmit"})


def staff_transitions_from(status: str) -> list[Transition]:
    """The staff transitions an idea in `status` allows, in lifecycle order (for menus)."""
    return [t for t in TRANSITIONS.values() if t.name in STAFF_TRANSITIONS and status in t.sources]


def can_fire(status: str, transition: str) -> bool:
    return transition in TRANSITIONS and status in TRANSITIONS[transition].sources


def target_of(status: str, transition: str, restore_to: str | None = None) -> str:
    """The state `transition` leads to from `status`, or Conflict if the lifecycle forbids it.
    `restore_to` picks one of the transition's restorable states (undoing an earlier step exactly)."""
    t = TRANSITIONS.get(transition)
    if t is None:  # a name from a form or the API that no transition has: a refusal, not a crash
        raise Conflict(_("There is no such change of status."), code="invalid_transition")
    if status not in t.sources:
        raise Conflict(
            _("An idea that is “%(status)s” cannot be changed that way (%(action)s).")
            % {"status": IdeaStatus(status).label, "action": t.label},
            code="invalid_transition",
        )
    if restore_to is not None:
        if restore_to not in t.restorable:
            raise Conflict(_("That state cannot be restored."), code="invalid_transition")
        return restore_to
    return t.target
