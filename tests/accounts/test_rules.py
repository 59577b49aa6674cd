"""Account-level permissions."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.accounts.models import Role
from cocreate.core.errors import PermissionDenied
from cocreate.core.permissions import has_perm, require_perm
from tests.factories import CampaignFactory, MemberFactory, UserFactory, staff

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
    actor = {
        "visitor": AnonymousUser,
        "member": MemberFactory,
        "sitewide_facilitator": lambda: staff(Role.FACILITATOR),
        "campaign_admin": lambda: staff(Role.ADMIN, campaign=CampaignFactory()),
        "admin": lambda: staff(Role.ADMIN),
        "superuser": lambda: UserFactory(is_superuser=True),
    }[who]()

    # when / then
    assert has_perm(actor, "accounts.manage_roles") is allowed


def test_require_perm_names_the_permission_in_its_code():
    # when
    with pytest.raises(PermissionDenied) as refusal:
        require_perm(MemberFactory(), "accounts.manage_roles")

    # then
    assert refusal.value.code == "forbidden:accounts.manage_roles"
    assert refusal.value.status == 403
