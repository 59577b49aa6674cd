"""Only site admins publish agreements and read the consent records."""

import pytest

from cocreate.core.permissions import has_perm
from tests.factories import actor_for

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
def test_agreements_are_the_site_admins_business(who, allowed):
    # given
    actor = actor_for(who)

    # when / then
    assert has_perm(actor, "legal.publish_agreement") is allowed
    assert has_perm(actor, "legal.view_acceptances") is allowed
