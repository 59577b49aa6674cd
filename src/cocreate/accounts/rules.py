import rules

from .models import Role
from .selectors import has_role


@rules.predicate
def is_site_admin(user):
    return has_role(user, {Role.ADMIN})


@rules.predicate
def is_sitewide_facilitator(user):
    return has_role(user, {Role.FACILITATOR})


rules.add_perm("accounts.manage_roles", is_site_admin)
# The kernel's staff page of failed reactions (core cannot know roles; it checks these by name).
rules.add_perm("core.view_reactions", is_site_admin)
rules.add_perm("core.retry_reaction", is_site_admin)
