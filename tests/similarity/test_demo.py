"""The similarity demo shows what it is for: duplicates to find, a pair marked as not a duplicate, stable themes."""

import random

import pytest
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.core.demo import DemoContext
from cocreate.demo.texts import CAFE_IDEAS
from cocreate.similarity import demo
from cocreate.similarity.models import DuplicateDismissal, Theme
from cocreate.similarity.selectors import duplicate_candidates
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, PhaseFactory, staff

pytestmark = pytest.mark.django_db


def test_demo_has_a_dismissed_look_alike_and_themes_that_kept_their_ids(on_commit):
    cafe = CampaignFactory(slug="less-waste-better-cafes", title="Less waste, better cafés")
    PhaseFactory(campaign=cafe)
    for title, _alt, body, _tags in CAFE_IDEAS:
        IdeaFactory(campaign=cafe, title=title, body=body)
    moderator = staff(Role.MODERATOR, cafe)
    ctx = DemoContext(
        seed=7, now=timezone.now(), accounts={"member": MemberFactory(), "moderator": moderator}, rng=random.Random(7)
    )
    with on_commit(execute=True):
        counts = demo.seed_demo(ctx)

    assert counts["similar_duplicates"] == len(demo.DUPLICATES) + 1
    assert counts["themes"] == Theme.objects.filter(campaign=cafe).count() > 0
    assert counts["themes_kept"] > 0  # the refresh after the new ideas kept the ids of the same themes
    dismissal = DuplicateDismissal.objects.get(campaign=cafe)
    assert {dismissal.first.title, dismissal.second.title} == {demo.LOOK_ALIKE[0], demo.LOOK_ALIKE_OF}
    assert dismissal.dismissed_by == moderator and dismissal.reason == demo.NOT_A_DUPLICATE
    queue = duplicate_candidates(cafe)
    assert queue  # the re-submissions are still there to find
    assert not any({p.source.title, p.target.title} == {demo.LOOK_ALIKE[0], demo.LOOK_ALIKE_OF} for p in queue)
