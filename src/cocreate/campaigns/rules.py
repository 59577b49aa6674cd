"""Who may see and run a campaign. Objects passed in are Campaigns."""

import rules

from cocreate.accounts.models import Role
from cocreate.accounts.rules import is_site_admin, is_sitewide_facilitator
from cocreate.accounts.selectors import has_role

from .models import CampaignStatus, Visibility

STAFF_ROLES = frozenset({Role.ADMIN, Role.FACILITATOR, Role.MODERATOR, Role.REVIEWER})


@rules.predicate
def runs_campaign(user, campaign):
    return campaign is not None and has_role(user, {Role.FACILITATOR}, campaign.pk)


@rules.predicate
def is_campaign_staff(user, campaign):
    return campaign is not None and has_role(user, STAFF_ROLES, campaign.pk)


@rules.predicate
def is_invited(user, campaign):
    if not user.is_authenticated or campaign is None:
        return False
    return campaign.invitations.filter(email__iexact=user.email).exists()


@rules.predicate
def campaign_is_readable(user, campaign):
    if campaign is None or campaign.status == CampaignStatus.DRAFT:
        return False
    if campaign.visibility == Visibility.PUBLIC:
        return True
    if campaign.visibility == Visibility.MEMBERS:
        return bool(user.is_authenticated)
    return is_invited(user, campaign)


@rules.predicate
def submission_open(user, campaign):
    return campaign is not None and campaign.phase_is_open("submission")


can_view_campaign = campaign_is_readable | is_campaign_staff

rules.add_perm("campaigns.create", is_site_admin | is_sitewide_facilitator)
rules.add_perm("campaigns.change", runs_campaign)
rules.add_perm("campaigns.view", can_view_campaign)
rules.add_perm("campaigns.view_staff_tools", is_campaign_staff)
