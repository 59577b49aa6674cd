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


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("submit_for_moderation", frozenset({S.DRAFT}), S.PENDING, _("Submit for moderation")),
        Transition("publish", frozenset({S.DRAFT, S.PENDING}), S.PUBLISHED, _("Publish")),
        Transition("return_to_draft", frozenset({S.PENDING}), S.DRAFT, _("Return to author")),
        Transition("reach_threshold", frozenset({S.PUBLISHED}), S.THRESHOLD_REACHED, _("Reach threshold")),
        Transition("start_review", frozenset({S.PUBLISHED, S.THRESHOLD_REACHED}), S.UNDER_REVIEW, _("Start review")),
        Transition("accept", frozenset({S.UNDER_REVIEW}), S.ACCEPTED, _("Accept")),
        Transition("decline", frozenset({S.PUBLISHED, S.THRESHOLD_REACHED, S.UNDER_REVIEW}), S.DECLINED, _("Decline")),
        Transition(
            "merge",
            frozenset({S.PENDING, S.PUBLISHED, S.THRESHOLD_REACHED, S.UNDER_REVIEW, S.EXPIRED}),
            S.MERGED,
            _("Merge into another idea"),
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
SUPPORTABLE_STATES = frozenset({S.PUBLISHED, S.THRESHOLD_REACHED, S.UNDER_REVIEW})
# States in which the author may still revise the text.
EDITABLE_STATES = frozenset({S.DRAFT, S.PENDING, S.PUBLISHED, S.THRESHOLD_REACHED})
# States in which the idea is still climbing the support ladder (and can expire).
CLIMBING_STATES = frozenset({S.PUBLISHED})
CLOSED_STATES = frozenset({S.ACCEPTED, S.DECLINED, S.MERGED, S.EXPIRED, S.WITHDRAWN})


def can_fire(status: str, transition: str) -> bool:
    return transition in TRANSITIONS and status in TRANSITIONS[transition].sources


def target_of(status: str, transition: str) -> str:
    """The state `transition` leads to from `status`, or Conflict if the lifecycle forbids it."""
    t = TRANSITIONS.get(transition)
    if t is None:  # a name from a form or the API that no transition has: a refusal, not a crash
        raise Conflict(_("There is no such change of status."), code="invalid_transition")
    if status not in t.sources:
        raise Conflict(
            _("An idea that is “%(status)s” cannot be changed that way (%(action)s).")
            % {"status": IdeaStatus(status).label, "action": t.label},
            code="invalid_transition",
        )
    return t.target
