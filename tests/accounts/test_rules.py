"""Account-level permissions."""

import pytest

from cocreate.core.errors import PermissionDenied
from cocreate.core.permissions import has_perm, require_perm
from tests.factories import MemberFactory, actor_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("visitor", False),
        ("member", False),
        ("sitewide_facilitator", False),
        ("campaign_admin", False),
        ("admin", True),
        ("superuser", True),
    ],
)
def test_only_site_admins_manage_roles(who, allowed):
    # given
    actor = actor_for(who)

    # when / then
    assert has_perm(actor, "accounts.manage_roles") is allowed


def test_require_perm_names_the_permission_in_its_code():
    # when
    with pytest.raises(PermissionDenied) as refusal:
        require_perm(MemberFactory(), "accounts.manage_roles")

    # then
    assert refusal.value.code == "forbidden:accounts.manage_roles"
    assert refusal.value.status == 403
