import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Visibility
from cocreate.core.permissions import has_perm
from tests.factories import CampaignFactory, ReleaseFactory, RoadmapItemFactory, staff

pytestmark = pytest.mark.django_db


def test_who_runs_the_roadmap(campaign, facilitator, admin, roles):
    item = RoadmapItemFactory(campaign=campaign)
    draft = ReleaseFactory(campaign=campaign)
    for user in (facilitator, admin, staff(Role.FACILITATOR)):
        assert has_perm(user, "roadmap.manage", campaign)
        assert has_perm(user, "roadmap.change_item", item)
        assert has_perm(user, "roadmap.publish_release", draft)
        assert has_perm(user, "roadmap.manage_any")
    for user in [AnonymousUser(), *roles.values()]:
        assert not has_perm(user, "roadmap.manage", campaign)
        assert not has_perm(user, "roadmap.change_item", item)
        assert not has_perm(user, "roadmap.publish_release", draft)
    assert not has_perm(roles["member"], "roadmap.manage_any")
    assert has_perm(roles["other_facilitator"], "roadmap.manage_any")


def test_published_releases_are_final_and_readable(campaign, facilitator):
    published = ReleaseFactory(campaign=campaign, published_at="2026-01-01T00:00Z")
    assert not has_perm(facilitator, "roadmap.publish_release", published)
    assert not has_perm(facilitator, "roadmap.change_release", published)
    assert has_perm(AnonymousUser(), "roadmap.view_release", published)
    assert not has_perm(AnonymousUser(), "roadmap.view_release", ReleaseFactory(campaign=campaign))


def test_reading_items_follows_the_campaign():
    hidden = RoadmapItemFactory(campaign=CampaignFactory(visibility=Visibility.MEMBERS))
    assert not has_perm(AnonymousUser(), "roadmap.view_item", hidden)
    assert has_perm(AnonymousUser(), "roadmap.view_item", RoadmapItemFactory())
