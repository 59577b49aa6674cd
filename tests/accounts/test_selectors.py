"""Roles: site-wide ones apply everywhere, campaign ones only in their campaign."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.accounts.models import Role, User
from cocreate.accounts.selectors import has_role, members_by_email, staff_of_campaign_ids, user_roles
from tests.factories import CampaignFactory, MemberFactory, RoleFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


def test_a_campaign_role_holds_only_in_that_campaign():
    # given
    a, b = CampaignFactory(), CampaignFactory()
    reviewer = staff(Role.REVIEWER, campaign=a)

    # when / then
    assert has_role(reviewer, {Role.REVIEWER}, a.pk)
    assert not has_role(reviewer, {Role.REVIEWER}, b.pk)
    assert not has_role(reviewer, {Role.REVIEWER})  # not site-wide
    assert not has_role(reviewer, {Role.MODERATOR, Role.FACILITATOR}, a.pk)
    assert staff_of_campaign_ids(reviewer, {Role.REVIEWER}) == {a.pk}
    assert staff_of_campaign_ids(reviewer, {Role.MODERATOR}) == set()


def test_a_site_wide_role_holds_in_every_campaign():
    # given
    moderator = staff(Role.MODERATOR)
    campaign = CampaignFactory()

    # when / then
    assert has_role(moderator, {Role.MODERATOR})
    assert has_role(moderator, {Role.MODERATOR}, campaign.pk)
    assert not has_role(moderator, {Role.FACILITATOR}, campaign.pk)
    assert staff_of_campaign_ids(moderator, {Role.MODERATOR}) is None
    assert staff_of_campaign_ids(moderator, {Role.FACILITATOR}) == set()


@pytest.mark.parametrize("who", ["admin", "superuser"])
def test_admins_and_superusers_hold_every_role(who):
    # given
    actor = staff(Role.ADMIN) if who == "admin" else UserFactory(is_superuser=True)
    campaign = CampaignFactory()

    # when / then
    for role in Role:
        assert has_role(actor, {role}, campaign.pk)
        assert has_role(actor, {role})
    assert staff_of_campaign_ids(actor, {Role.REVIEWER}) is None


def test_visitors_and_plain_members_hold_no_role():
    # given
    campaign = CampaignFactory()
    member = MemberFactory()

    # when / then
    for user in (AnonymousUser(), member):
        assert not has_role(user, set(Role), campaign.pk)
        assert staff_of_campaign_ids(user, set(Role)) == set()
    assert user_roles(AnonymousUser()) == frozenset()


def test_roles_are_read_once_per_user_object(django_assert_num_queries):
    # given
    a, b = CampaignFactory(), CampaignFactory()
    user = staff(Role.REVIEWER, campaign=a)
    RoleFactory(user=user, role=Role.MODERATOR, campaign=b)
    user = User.objects.get(pk=user.pk)

    # when / then
    with django_assert_num_queries(1):
        assert user_roles(user) == {(Role.REVIEWER, a.pk), (Role.MODERATOR, b.pk)}
        assert has_role(user, {Role.MODERATOR}, b.pk)
        assert staff_of_campaign_ids(user, {Role.REVIEWER, Role.MODERATOR}) == {a.pk, b.pk}


def test_members_by_email_ignores_case_blanks_and_inactive_accounts():
    # given
    ada = MemberFactory(email="ada@example.org")
    UserFactory(email="gone@example.org", is_active=False)

    # when / then
    assert members_by_email([" ADA@example.org ", "", "gone@example.org", "nobody@example.org"]) == [ada]
