"""Who may moderate. Content rules take an Idea or a Comment; queue, suspension and trust rules take no object."""

import rules

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import has_role, role_rank, staff_of_campaign_ids

MODERATING_ROLES: set[str] = {Role.MODERATOR, Role.FACILITATOR}


def _campaign_id(obj):
    if obj is None:
        return None
    if hasattr(obj, "campaign_id"):
        return obj.campaign_id
    idea = getattr(obj, "idea", None)
    return getattr(idea, "campaign_id", None)


@rules.predicate
def moderates_somewhere(user):
    ids = staff_of_campaign_ids(user, MODERATING_ROLES)
    return ids is None or bool(ids)


@rules.predicate
def moderates_site_wide(user):
    return has_role(user, MODERATING_ROLES)


@rules.predicate
def moderates_object(user, obj):
    campaign_id = _campaign_id(obj)
    return campaign_id is not None and has_role(user, MODERATING_ROLES, campaign_id)


@rules.predicate
def outranks(user, member):
    """A moderator acts on people below them only: not on their peers, nor on facilitators and admins (a staff
    member held anywhere counts). Superusers outrank everyone but other superusers."""
    return member is not None and role_rank(user, site_wide_only=True) > role_rank(member)


rules.add_perm("moderation.view_queue", rules.is_authenticated & moderates_somewhere)
rules.add_perm("moderation.flag", rules.is_authenticated & rules.is_active)
rules.add_perm("moderation.moderate_content", rules.is_authenticated & moderates_object)
rules.add_perm("moderation.discount_supports", rules.is_authenticated & moderates_object)
rules.add_perm("moderation.moderate_profiles", rules.is_authenticated & moderates_site_wide)
rules.add_perm("moderation.suspend", rules.is_authenticated & moderates_site_wide)
rules.add_perm("moderation.suspend_member", rules.is_authenticated & moderates_site_wide & outranks)
rules.add_perm("moderation.set_trust", rules.is_authenticated & moderates_site_wide)
rules.add_perm("moderation.view_signals", rules.is_authenticated & moderates_site_wide)
