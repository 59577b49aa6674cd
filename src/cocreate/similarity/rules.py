"""Who may see duplicate candidates and refresh themes. Objects passed in are Campaigns."""

import rules

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import has_role
from cocreate.ideas.rules import moderates_idea


@rules.predicate
def moderates_campaign(user, campaign):
    return campaign is not None and has_role(user, {Role.MODERATOR, Role.FACILITATOR}, campaign.pk)


rules.add_perm("similarity.view_duplicates", moderates_campaign)
rules.add_perm("similarity.refresh_themes", moderates_campaign)
rules.add_perm("similarity.dismiss_duplicate", moderates_campaign)

# Merging duplicates: the object is the idea merged away (for undo, the IdeaMerge's source).
rules.set_perm("similarity.merge", moderates_idea)
rules.set_perm("similarity.undo_merge", moderates_idea)
