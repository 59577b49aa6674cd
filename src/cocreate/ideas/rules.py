"""Who may see, edit and move ideas. Objects passed in are Ideas."""

import rules
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import has_role
from cocreate.campaigns.rules import can_view_campaign, submission_open
from cocreate.core.permissions import Check, add_rule

from .lifecycle import EDITABLE_STATES, PUBLIC_STATES, TRANSITIONS, IdeaStatus
from .methods import IDEA_METHODS


@rules.predicate
def is_idea_author(user, idea):
    return idea is not None and user.is_authenticated and idea.author_id == user.pk


@rules.predicate
def is_idea_coauthor(user, idea):
    # all() uses the prefetched co-authors on detail pages instead of a query per check
    return idea is not None and user.is_authenticated and any(u.pk == user.pk for u in idea.coauthors.all())


@rules.predicate
def moderates_idea(user, idea):
    return idea is not None and has_role(user, {Role.MODERATOR, Role.FACILITATOR}, idea.campaign_id)


@rules.predicate
def decides_idea(user, idea):
    """Facilitators of the idea's campaign (and admins) speak for the organisation: they accept and decline."""
    return idea is not None and has_role(user, {Role.FACILITATOR}, idea.campaign_id)


@rules.predicate
def is_idea_staff(user, idea):
    return idea is not None and has_role(user, {Role.MODERATOR, Role.FACILITATOR, Role.REVIEWER}, idea.campaign_id)


@rules.predicate
def idea_is_public(user, idea):
    return idea is not None and idea.status in PUBLIC_STATES


@rules.predicate
def idea_not_hidden(user, idea):
    return idea is not None and idea.hidden_at is None


@rules.predicate
def idea_is_editable(user, idea):
    return idea is not None and idea.status in EDITABLE_STATES


@rules.predicate
def idea_is_open_for_updates(user, idea):
    return idea is not None and idea.status in PUBLIC_STATES - {IdeaStatus.MERGED}


@rules.predicate
def idea_is_withdrawable(user, idea):
    return idea is not None and idea.status in TRANSITIONS["withdraw"].sources


@rules.predicate
def idea_is_draft(user, idea):
    return idea is not None and idea.status == IdeaStatus.DRAFT


@rules.predicate
def campaign_of_idea_readable(user, idea):
    return idea is not None and can_view_campaign(user, idea.campaign)


is_contributor = is_idea_author | is_idea_coauthor

# The same visibility as ideas.selectors.ideas_visible_to, for one idea at hand.
rules.add_perm(
    "ideas.view", (idea_is_public & idea_not_hidden & campaign_of_idea_readable) | is_contributor | is_idea_staff
)
# Ideas go only into campaigns whose method takes ideas (not into an opinion map or a pairwise survey).
takes_ideas = rules.predicate(
    lambda user, campaign: any(m.applies_to(campaign) for m in IDEA_METHODS), name="takes_ideas"
)
add_rule(
    "ideas.submit",
    Check(rules.is_authenticated, _("Sign in to submit an idea."), code="not_authenticated", status=401),
    Check(can_view_campaign, _("This campaign does not exist."), code="not_found", status=404),
    Check(takes_ideas, _("This campaign does not take ideas."), code="not_found", status=404),
    Check(submission_open, _("This campaign is not accepting ideas right now."), code="submission_closed", status=400),
)
rules.add_perm("ideas.change", (is_contributor & idea_is_editable) | moderates_idea)
# Withdrawing is the author's alone, and only until review starts: after that the decision must stay explained.
add_rule(
    "ideas.withdraw",
    Check(is_idea_author, _("Only the author can withdraw this idea.")),
    Check(
        idea_is_withdrawable,
        _("Once review has started (or the idea is closed) it can no longer be withdrawn."),
        code="invalid_transition",
        status=409,
    ),
)
# Submitting a saved draft: the author's, once, while the campaign's submission phase is open (`ideas.submit`).
add_rule(
    "ideas.submit_draft",
    Check(is_idea_author, _("Only the author can submit this draft."), code="permission_denied"),
    Check(idea_is_draft, _("This idea has already been submitted."), code="invalid_transition", status=409),
    Check(perm="ideas.submit", on=lambda idea: idea.campaign),
)
rules.add_perm("ideas.moderate", moderates_idea)
rules.add_perm("ideas.decide", decides_idea)

# Decisions answer the idea (review.decide is the same people): a moderator keeps things clean but does not decide.
DECISION_TRANSITIONS = frozenset({"accept", "decline", "request_info"})


def perm_for_transition(transition: str) -> str:
    """The permission a staff status change needs (ideas.services.idea_change_status checks it)."""
    if transition == "resubmit":
        return "ideas.change"
    return "ideas.decide" if transition in DECISION_TRANSITIONS else "ideas.moderate"


rules.add_perm("ideas.post_update", is_contributor & idea_is_open_for_updates)
