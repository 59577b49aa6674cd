"""Who may manage personal access tokens. Objects passed in are PersonalAccessTokens."""

import rules

from cocreate.accounts.rules import is_site_admin


@rules.predicate
def owns_token(user, token):
    return token is not None and user.is_authenticated and token.user_id == user.pk


rules.add_perm("api.create_token", rules.is_authenticated & rules.is_active)
# Site admins may revoke anyone's token (a leaked credential must be stoppable), but never read it: only hashes exist.
rules.add_perm("api.revoke_token", owns_token | is_site_admin)
