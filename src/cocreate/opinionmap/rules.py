"""Who may take part in and run an opinion map. Objects passed in are Campaigns."""

import rules

from cocreate.campaigns.models import CampaignStatus
from cocreate.campaigns.rules import can_view_campaign, is_campaign_staff, runs_campaign

from .methods import OPINION_MAP

is_opinion_map = OPINION_MAP.predicate


@rules.predicate
def is_published(user, campaign):
    return campaign is not None and campaign.status == CampaignStatus.PUBLISHED


@rules.predicate
def allows_anonymous(user, campaign):
    settings = getattr(campaign, "opinionmap_settings", None) if campaign is not None else None
    return bool(settings and settings.allow_anonymous)


@rules.predicate
def allows_submissions(user, campaign):
    settings = getattr(campaign, "opinionmap_settings", None) if campaign is not None else None
    return settings is None or settings.allow_submissions


can_take_part = is_opinion_map & is_published & can_view_campaign & (rules.is_authenticated | allows_anonymous)

rules.add_perm("opinionmap.view", is_opinion_map & can_view_campaign)
rules.add_perm("opinionmap.vote", can_take_part)
rules.add_perm("opinionmap.submit", can_take_part & (allows_submissions | is_campaign_staff))
rules.add_perm("opinionmap.moderate", is_opinion_map & is_campaign_staff)
# Who may take part (anonymous visitors, statements, moderation policy) is the campaign's set-up: its
# facilitators (and site admins, who hold every role) decide it; moderators and reviewers moderate.
rules.add_perm("opinionmap.configure", is_opinion_map & runs_campaign)
