"""The pairwise wiki survey as a campaign method: people vote on pairs of entries, the results rank them.

Registered in PairwiseConfig.ready()."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cocreate.campaigns.models import CampaignStatus
from cocreate.core.methods import Action, CampaignMethod, Panel, Placement, StaffLink

from .models import EntryStatus, PairwiseVote

TOP_ENTRIES = 5


def count_votes(campaign_ids: Sequence[int]) -> dict[int, int]:
    rows = PairwiseVote.objects.filter(campaign_id__in=campaign_ids).values("campaign_id").annotate(n=Count("id"))
    return {row["campaign_id"]: row["n"] for row in rows}


def count_voters(campaign_ids: Sequence[int]) -> dict[int, int]:
    """Members who voted plus visitors (one cookie key each) who voted, per campaign."""
    rows = (
        PairwiseVote.objects.filter(campaign_id__in=campaign_ids)
        .values("campaign_id")
        .annotate(
            members=Count("voter_id", distinct=True),
            visitors=Count("visitor_key", distinct=True, filter=Q(voter__isnull=True) & ~Q(visitor_key="")),
        )
    )
    return {row["campaign_id"]: row["members"] + row["visitors"] for row in rows}


def call_to_action(request: Any, campaign: Any) -> Action:
    user = request.user
    results = ((_("See the results"), reverse("pairwise:results", args=[campaign.slug])),)
    if user.has_perm("pairwise.vote", campaign):
        return Action(label=_("Start voting"), url=reverse("pairwise:vote", args=[campaign.slug]), secondary=results)
    if not user.is_authenticated and campaign.status == CampaignStatus.PUBLISHED:
        login = f"{reverse('account_login')}?next={reverse('pairwise:vote', args=[campaign.slug])}"
        return Action(label=_("Sign in to vote"), url=login, secondary=results)
    return Action(note=_("This survey is not taking votes right now."), secondary=results)


def panel_context(request: Any, campaign: Any) -> dict[str, Any]:
    from . import selectors

    if not selectors.shown_entries(campaign).exists():  # nothing to rank yet (the model needs entries)
        return {"pairwise_results": None, "pairwise_top": [], "pairwise_entry_count": 0, "pairwise_vote_count": 0}
    found = selectors.results(campaign)
    return {
        "pairwise_results": found,
        "pairwise_top": found.rows[:TOP_ENTRIES],
        "pairwise_entry_count": len(found.rows),
        "pairwise_vote_count": count_votes([campaign.pk]).get(campaign.pk, 0),  # the card's number, "can't decide" too
    }


def staff_links(user: Any, campaign: Any) -> list[StaffLink]:
    if not user.has_perm("pairwise.moderate", campaign):
        return []
    return [StaffLink(_("Survey entries and settings"), reverse("pairwise:manage", args=[campaign.slug]), "pairwise")]


PAIRWISE = CampaignMethod(
    key="pairwise",
    label=_("Pairwise wiki survey"),
    description=_(
        "People see two answers at a time and pick the one they prefer; they can add their own. "
        "The results rank every answer."
    ),
    sections=frozenset(),  # entries and anonymous voting are set on the survey's own staff page
    panels=(Panel(template="pairwise/campaign_panel.html", context=panel_context, placement=Placement.LEAD),),
    call_to_action=call_to_action,
    count_contributions=count_votes,
    count_participants=count_voters,
    contribution_words=ngettext_lazy("%(count)s vote", "%(count)s votes", "count"),
    participant_words=ngettext_lazy("%(count)s voter", "%(count)s voters", "count"),
    lifecycle=EntryStatus,
    staff_links=staff_links,
    urls="cocreate.pairwise.urls",
    api_router="cocreate.api.routers.pairwise.router",
    demo="cocreate.pairwise.demo",
    entry_noun=_("answer"),
    position=40,
)
