"""Who may see duplicate candidates and refresh themes. Objects passed in are Campaigns."""

import rules
from django.utils.translation import gettext_lazy as _

from cocreate.accounts.models import Role
from cocreate.accounts.selectors import has_role
from cocreate.core.permissions import Check, add_rule
from cocreate.ideas.rules import is_idea_author, moderates_idea


@rules.predicate
def idea_has_no_coauthors(user, idea):
    # all() uses the prefetched co-authors on idea pages instead of a query per check
    return idea is not None and not idea.coauthors.all()


@rules.predicate
def moderates_campaign(user, campaign):
    return campaign is not None and has_role(user, {Role.MODERATOR, Role.FACILITATOR}, campaign.pk)


rules.add_perm("similarity.view_duplicates", moderates_campaign)
rules.add_perm("similarity.refresh_themes", moderates_campaign)
rules.add_perm("similarity.dismiss_duplicate", moderates_campaign)

# Merging duplicates: the object is the idea merged away (for undo, the IdeaMerge's source).
rules.set_perm("similarity.merge", moderates_idea)
rules.set_perm("similarity.undo_merge", moderates_idea)

# The author gives their own idea away as a duplicate: only when they are its only author (with co-authors,
# everyone would have to agree, so a moderator merges it). The page, the API and the service read this rule.
add_rule(
    "similarity.mark_duplicate",
    Check(is_idea_author, _("Only the author can mark this idea as a duplicate."), code="permission_denied"),
    Check(
        idea_has_no_coauthors,
        _("Your idea has co-authors: ask a moderator to merge it, so everyone agrees."),
        code="needs_moderator",
    ),
)
# Who may open the merge page or ask for a merge preview: moderators, or the author who may mark it a duplicate.
add_rule(
    "similarity.merge_or_mark",
    Check(moderates_idea | is_idea_author, _("Only moderators can merge ideas.")),
    Check(
        moderates_idea | idea_has_no_coauthors,
        _("Your idea has co-authors: ask a moderator to merge it, so everyone agrees."),
        code="needs_moderator",
    ),
)
