"""Who may vote, add entries, moderate and configure a pairwise wiki survey. Objects are Campaigns."""

import rules

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import has_role
from cocreate.campaigns.models import CampaignStatus
from cocreate.campaigns.rules import can_view_campaign, runs_campaign

from .methods import PAIRWISE

is_pairwise = PAIRWISE.predicate


@rules.predicate
def is_running(user, campaign):
    return campaign is not None and campaign.status == CampaignStatus.PUBLISHED


@rules.predicate
def anonymous_voting_allowed(user, campaign):
    found = getattr(campaign, "pairwise_settings", None) if campaign is not None else None
    return bool(found and found.allow_anonymous)


@rules.predicate
def member_entries_allowed(user, campaign):
    found = getattr(campaign, "pairwise_settings", None) if campaign is not None else None
    return found is None or found.allow_member_entries


@rules.predicate
def moderates_campaign(user, campaign):
    return campaign is not None and has_role(user, {Role.FACILITATOR, Role.MODERATOR}, campaign.pk)


rules.add_perm(
    "pairwise.vote", is_pairwise & is_running & can_view_campaign & (rules.is_authenticated | anonymous_voting_allowed)
)
rules.add_perm(
    "pairwise.add_entry",
    is_pairwise
    & is_running
    & rules.is_authenticated
    & can_view_campaign
    & (member_entries_allowed | moderates_campaign),
)
rules.add_perm("pairwise.moderate", is_pairwise & moderates_campaign)
rules.add_perm("pairwise.configure", is_pairwise & runs_campaign)
rules.add_perm("pairwise.view_results", is_pairwise & can_view_campaign)
