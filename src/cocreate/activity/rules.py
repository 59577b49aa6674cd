"""Who may read the activity log: staff (admins site-wide, facilitators and moderators for their campaigns);
the public page needs no permission (it only ever shows public entries of public campaigns)."""

import rules

from .scopes import staffed_campaign_ids


@rules.predicate
def staffs_somewhere(user):
    scope = staffed_campaign_ids(user)
    return scope is None or bool(scope)


@rules.predicate
def staffs_campaign(user, campaign_id):
    scope = staffed_campaign_ids(user)
    return scope is None or (campaign_id is not None and int(campaign_id) in scope)


rules.add_perm("activity.view_log", rules.is_authenticated & staffs_somewhere)
rules.add_perm("activity.view_campaign_log", rules.is_authenticated & staffs_campaign)
