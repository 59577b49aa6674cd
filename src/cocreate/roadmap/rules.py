"""Who may read and run the roadmap. Facilitators of a campaign (and admins) run its roadmap; everyone who can
read the campaign reads its roadmap items and published releases."""

import rules

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import has_role, staff_of_campaign_ids
from cocreate.campaigns.rules import can_view_campaign


@rules.predicate
def runs_roadmap_of_campaign(user, campaign):
    return campaign is not None and has_role(user, {Role.FACILITATOR}, campaign.pk)


@rules.predicate
def runs_roadmap_of(user, obj):
    """obj is a RoadmapItem or a Release (both have a campaign)."""
    return obj is not None and has_role(user, {Role.FACILITATOR}, obj.campaign_id)


@rules.predicate
def runs_some_roadmap(user):
    ids = staff_of_campaign_ids(user, {Role.FACILITATOR})
    return ids is None or bool(ids)


@rules.predicate
def campaign_of_readable(user, obj):
    return obj is not None and can_view_campaign(user, obj.campaign)


@rules.predicate
def release_is_published(user, release):
    return release is not None and release.published_at is not None


@rules.predicate
def release_is_draft(user, release):
    return release is not None and release.published_at is None


rules.add_perm("roadmap.manage_any", runs_some_roadmap)
rules.add_perm("roadmap.manage", runs_roadmap_of_campaign)  # Campaign: add items, create releases
rules.add_perm("roadmap.change_item", runs_roadmap_of)  # RoadmapItem: edit, progress, milestones
rules.add_perm("roadmap.view_item", campaign_of_readable)
rules.add_perm("roadmap.view_release", (release_is_published & campaign_of_readable) | runs_roadmap_of)
rules.add_perm("roadmap.change_release", runs_roadmap_of & release_is_draft)
rules.add_perm("roadmap.publish_release", runs_roadmap_of & release_is_draft)
