"""Idea reads: who sees what, list filters and sorts, details and revision diffs."""

from datetime import timedelta
from itertools import pairwise

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Visibility
from cocreate.engagement.selectors import member_supports
from cocreate.engagement.services import support_add
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import trending_score
from cocreate.ideas.selectors import (
    idea_detail,
    idea_list,
    ideas_visible_to,
    revision_diff,
    text_diff,
)
from cocreate.ideas.services import idea_edit
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, TagFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


def _ids(qs):
    return [i.pk for i in qs]


# ---- visibility -----------------------------------------------------------------------------------------


@pytest.fixture
def ideas_in_every_state():
    campaign = CampaignFactory()
    author, coauthor = MemberFactory(), MemberFactory()
    ideas = {status: IdeaFactory(campaign=campaign, author=author, status=status) for status in IdeaStatus.values}
    for idea in ideas.values():
        idea.coauthors.add(coauthor)
    return campaign, author, coauthor, ideas


PUBLIC = {s for s in IdeaStatus.values if s not in {IdeaStatus.DRAFT, IdeaStatus.PENDING}}


@pytest.mark.parametrize(
    ("viewer_kind", "sees"),
    [
        ("visitor", PUBLIC),
        ("member", PUBLIC),
        ("author", set(IdeaStatus.values)),
        ("coauthor", set(IdeaStatus.values)),
        ("campaign_reviewer", set(IdeaStatus.values)),
        ("other_campaign_moderator", PUBLIC),
        ("sitewide_moderator", set(IdeaStatus.values)),
        ("superuser", set(IdeaStatus.values)),
    ],
)
def test_drafts_and_pending_ideas_are_seen_only_by_their_authors_and_staff(ideas_in_every_state, viewer_kind, sees):
    # given
    campaign, author, coauthor, ideas = ideas_in_every_state
    viewer = {
        "visitor": AnonymousUser,
        "member": MemberFactory,
        "author": lambda: author,
        "coauthor": lambda: coauthor,
        "campaign_reviewer": lambda: staff(Role.REVIEWER, campaign=campaign),
        "other_campaign_moderator": lambda: staff(Role.MODERATOR, campaign=CampaignFactory()),
        "sitewide_moderator": lambda: staff(Role.MODERATOR),
        "superuser": lambda: UserFactory(is_superuser=True),
    }[viewer_kind]()

    # when
    visible = set(ideas_visible_to(viewer))

    # then: the selector and the rule agree
    assert {i.status for i in visible} == sees
    assert {i for i in ideas.values() if viewer.has_perm("ideas.view", i)} == visible


def test_public_ideas_of_a_hidden_campaign_stay_hidden():
    # given
    campaign = CampaignFactory(visibility=Visibility.INVITE)
    idea = IdeaFactory(campaign=campaign)
    member = MemberFactory()

    # when / then
    assert idea not in ideas_visible_to(member)
    assert idea not in ideas_visible_to(AnonymousUser())
    assert idea in ideas_visible_to(idea.author)  # authors keep seeing their own work
    assert idea_detail(member, idea.pk) is None
    assert idea_detail(idea.author, idea.pk) == idea


def test_visible_ideas_are_not_duplicated_by_several_co_authors():
    # given
    idea = IdeaFactory()
    viewer = MemberFactory()
    idea.coauthors.add(viewer, MemberFactory())

    # when / then
    assert _ids(ideas_visible_to(viewer)) == [idea.pk]


# ---- lists ----------------------------------------------------------------------------------------------


@pytest.fixture
def listed():
    """Four public ideas with distinct ages and supports; trending as the services would set it."""
    campaign = CampaignFactory()
    now = timezone.now()
    made = []
    for days_ago, supports, title in [(9, 40, "Old favourite"), (4, 3, "Middle"), (1, 1, "Newest"), (6, 10, "Bench")]:
        published = now - timedelta(days=days_ago)
        made.append(
            IdeaFactory(
                campaign=campaign,
                title=title,
                published_at=published,
                support_count=supports,
                trending=trending_score(supports, published),
            )
        )
    old, middle, newest, bench = made
    return campaign, old, middle, newest, bench


def test_sort_newest(listed):
    campaign, old, middle, newest, bench = listed
    assert _ids(idea_list(AnonymousUser(), campaign=campaign, sort="newest")) == _ids([newest, middle, bench, old])


def test_sort_most_supported(listed):
    campaign, old, middle, newest, bench = listed
    assert _ids(idea_list(AnonymousUser(), campaign=campaign, sort="most_supported")) == _ids(
        [old, bench, middle, newest]
    )


def test_sort_trending_weighs_supports_against_age(listed):
    # given: 40 supports 9 days ago vs 1 support yesterday; every 1.5 days is worth ten times the supports
    campaign, old, middle, newest, bench = listed

    # when
    ordered = _ids(idea_list(AnonymousUser(), campaign=campaign))

    # then: trending is the default, and recency wins over a 40-fold support lead after a week
    assert ordered == _ids(sorted([old, middle, newest, bench], key=lambda i: -i.trending))
    assert ordered[0] == newest.pk
    assert ordered[-1] == old.pk


def test_trending_follows_supports_added_through_the_service():
    # given: two ideas published at the same moment
    campaign = CampaignFactory()
    now = timezone.now()
    first = IdeaFactory(campaign=campaign, published_at=now)
    second = IdeaFactory(campaign=campaign, published_at=now)
    for member in MemberFactory.create_batch(2):
        support_add(actor=member, idea=second)

    # when / then
    assert _ids(idea_list(AnonymousUser(), campaign=campaign, sort="trending"))[0] == second.pk
    assert first.pk in _ids(idea_list(AnonymousUser(), campaign=campaign))


def test_random_order_is_stable_for_a_seed_and_differs_between_seeds():
    # given
    campaign = CampaignFactory()
    IdeaFactory.create_batch(12, campaign=campaign)
    seeds = [1, 2, 3, 1_000, 123_456_789, 2**31 - 1]

    # when
    orders = {seed: _ids(idea_list(AnonymousUser(), campaign=campaign, sort="random", seed=seed)) for seed in seeds}

    # then: every idea, the same order again for the same seed, a different one for each other seed
    for seed in seeds:
        assert sorted(orders[seed]) == sorted(orders[seeds[0]])
        assert _ids(idea_list(AnonymousUser(), campaign=campaign, sort="random", seed=seed)) == orders[seed]
    assert len({tuple(order) for order in orders.values()}) == len(seeds)


def test_random_order_is_a_real_shuffle_not_a_rotation():
    # given
    campaign = CampaignFactory()
    IdeaFactory.create_batch(12, campaign=campaign)

    # when: the idea that follows each idea, under many seeds
    followers: dict[int, set[int]] = {}
    for seed in range(1, 30):
        order = _ids(idea_list(AnonymousUser(), campaign=campaign, sort="random", seed=seed * 7919))
        for a, b in pairwise(order):
            followers.setdefault(a, set()).add(b)

    # then: no idea is always followed by the same one (a rotated list would keep every neighbour)
    assert all(len(after) > 1 for after in followers.values())


def test_lists_hide_drafts_merged_and_withdrawn_unless_asked(ideas_in_every_state):
    # given
    campaign, author, _coauthor, _ideas = ideas_in_every_state

    # when
    default = {i.status for i in idea_list(AnonymousUser(), campaign=campaign)}
    merged = {i.status for i in idea_list(AnonymousUser(), campaign=campaign, status=IdeaStatus.MERGED)}
    mine = {i.status for i in idea_list(author, campaign=campaign, mine=True)}
    drafts_of_others = list(idea_list(MemberFactory(), campaign=campaign, status=IdeaStatus.DRAFT))

    # then
    assert default == PUBLIC - {IdeaStatus.MERGED, IdeaStatus.WITHDRAWN}
    assert merged == {IdeaStatus.MERGED}
    assert mine == set(IdeaStatus.values)
    assert drafts_of_others == []


def test_filter_by_tag_and_by_words():
    # given
    campaign = CampaignFactory()
    bikes = TagFactory(name="bikes")
    lanes = IdeaFactory(campaign=campaign, title="Protected lanes", tags=[bikes, "safety"])
    racks = IdeaFactory(campaign=campaign, title="More bike racks", body="Parking for bicycles near the station.")
    IdeaFactory(campaign=campaign, title="Night buses")
    IdeaFactory(campaign=CampaignFactory(), title="Protected lanes elsewhere", tags=[bikes])

    # when / then
    assert _ids(idea_list(AnonymousUser(), campaign=campaign, tag="bikes")) == [lanes.pk]
    assert _ids(idea_list(AnonymousUser(), campaign=campaign, q="station")) == [racks.pk]
    assert _ids(idea_list(AnonymousUser(), campaign=campaign, q="PROTECTED")) == [lanes.pk]
    assert _ids(idea_list(AnonymousUser(), campaign=campaign, q="safety")) == [lanes.pk]  # a tag name
    assert _ids(idea_list(AnonymousUser(), campaign=campaign, q="bike station")) == [racks.pk]  # every word
    assert _ids(idea_list(AnonymousUser(), campaign=campaign, q="bikes safety", tag="bikes")) == [lanes.pk]
    assert len(_ids(idea_list(AnonymousUser(), tag="bikes"))) == 2


def test_the_list_loads_cards_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    # given
    campaign = CampaignFactory()
    for _ in range(6):
        IdeaFactory(campaign=campaign, tags=["bikes", "safety"])
    viewer = MemberFactory()

    # when / then: no query per idea, whatever the list's length
    with django_assert_max_num_queries(5):
        for idea in idea_list(viewer, campaign=campaign):
            (idea.author.public_name, idea.campaign.title, [t.name for t in idea.tags.all()], list(idea.images.all()))


def test_member_supports_marks_the_viewers_supports_in_one_query(django_assert_num_queries):
    # given
    ideas = IdeaFactory.create_batch(3)
    member = MemberFactory()
    support_add(actor=member, idea=ideas[1])

    # when / then
    with django_assert_num_queries(1):
        assert member_supports(member, ideas) == {ideas[1].pk}
    assert member_supports(AnonymousUser(), ideas) == set()


# ---- revisions ------------------------------------------------------------------------------------------


def test_text_diff_marks_words_and_escapes_everything():
    # when
    html = text_diff("Fix the <b>road</b> now", "Fix the <i>road</i> today")

    # then
    assert "<del>now</del>" in html
    assert "<ins>today</ins>" in html
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;<del>b</del><ins>i</ins>&gt;" in html


def test_revision_diff_compares_with_the_previous_revision():
    # given
    idea = IdeaFactory(title="Bike lanes on Main", body="Paint lines on the road surface.")
    idea_edit(actor=idea.author, idea=idea, title="Bike lanes on Main", body="Build kerbs on the road surface.")

    # when
    first, second, missing = revision_diff(idea, 1), revision_diff(idea, 2), revision_diff(idea, 3)

    # then
    assert first["previous"] is None
    assert "<ins>" in first["body"]
    assert second["previous"].number == 1
    assert second["body"] == "<del>Paint</del><ins>Build</ins> <del>lines</del><ins>kerbs</ins> on the road surface."
    assert "<del>" not in second["title"]
    assert missing is None
