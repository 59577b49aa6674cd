import pytest

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Visibility
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.similarity import representation as rep
from cocreate.similarity.models import IdeaVector
from cocreate.similarity.selectors import campaign_index, duplicate_candidates, similar_ideas
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, staff

pytestmark = pytest.mark.django_db


def _titles(suggestions):
    return [s.idea.title for s in suggestions]


def test_suggests_the_existing_idea_first(cafe):
    campaign, _ideas = cafe
    found = similar_ideas(
        MemberFactory(), campaign=campaign, title="Money off for your own reusable cup", body="Discount per drink."
    )
    assert _titles(found)[0] == "Discount for bringing your own cup"
    assert len(found) <= 5
    assert all(s.score >= rep.THRESHOLDS[rep.LEXICAL]["suggest"] for s in found)


def test_nothing_suggested_for_an_unrelated_idea(cafe):
    campaign, _ideas = cafe
    found = similar_ideas(
        MemberFactory(), campaign=campaign, title="Rocket launch timetable", body="Which rockets fly to Mars in May."
    )
    assert found == []


def test_nothing_suggested_for_too_little_text(cafe):
    campaign, _ideas = cafe
    assert similar_ideas(MemberFactory(), campaign=campaign, title="the", body="") == []


def test_at_most_five(db):
    campaign = CampaignFactory()
    for i in range(8):
        IdeaFactory(campaign=campaign, title=f"Bike racks outside the café number {i}", body="Secure bike racks.")
    found = similar_ideas(MemberFactory(), campaign=campaign, title="Bike racks outside the café", body="")
    assert len(found) == 5


def test_only_the_same_campaign(cafe):
    campaign, _ideas = cafe
    other = CampaignFactory()
    IdeaFactory(campaign=other, title="Bigger discount for your own reusable cup", body="30p off per drink.")
    found = similar_ideas(MemberFactory(), campaign=campaign, title="Discount for your own reusable cup")
    assert {s.idea.campaign_id for s in found} == {campaign.pk}


@pytest.mark.parametrize("status", [IdeaStatus.DRAFT, IdeaStatus.PENDING, IdeaStatus.WITHDRAWN, IdeaStatus.MERGED])
def test_never_suggests_ideas_that_are_not_standing(db, status):
    campaign = CampaignFactory()
    IdeaFactory(campaign=campaign, title="Bike racks outside every café", body="Racks to lock bikes.", status=status)
    viewer = MemberFactory()
    assert similar_ideas(viewer, campaign=campaign, title="Bike racks outside every café", body="Lock bikes.") == []


def test_never_suggests_hidden_ideas(db):
    from django.utils import timezone

    campaign = CampaignFactory()
    IdeaFactory(campaign=campaign, title="Bike racks outside every café", body="Racks.", hidden_at=timezone.now())
    assert similar_ideas(MemberFactory(), campaign=campaign, title="Bike racks outside every café") == []


def test_suggests_declined_ideas_with_their_status(db):
    campaign = CampaignFactory()
    IdeaFactory(campaign=campaign, title="Bike racks outside every café", body="Racks.", status=IdeaStatus.DECLINED)
    found = similar_ideas(MemberFactory(), campaign=campaign, title="Bike racks outside every café")
    assert [s.idea.status for s in found] == [IdeaStatus.DECLINED]


def test_excludes_given_ids(cafe):
    campaign, ideas = cafe
    found = similar_ideas(
        MemberFactory(),
        campaign=campaign,
        title=ideas[0].title,
        body=ideas[0].body,
        exclude_ids=frozenset({ideas[0].pk}),
    )
    assert ideas[0].pk not in [s.idea.pk for s in found]


def test_index_builds_missing_vectors_once_and_is_cached(cafe, django_assert_max_num_queries):
    campaign, ideas = cafe
    index = campaign_index(campaign.pk)
    assert sorted(index.ids.tolist()) == sorted(i.pk for i in ideas)
    assert IdeaVector.objects.filter(campaign_id_copy=campaign.pk, method=rep.LEXICAL).count() == len(ideas)
    with django_assert_max_num_queries(1):
        assert campaign_index(campaign.pk) is index


def test_suggestion_queries_are_bounded(cafe, django_assert_max_num_queries):
    campaign, _ideas = cafe
    viewer = MemberFactory()
    campaign_index(campaign.pk)
    with django_assert_max_num_queries(4):
        similar_ideas(viewer, campaign=campaign, title="Discount for your own reusable cup", body="30p off.")


def test_duplicate_candidates_pair_newer_with_older(cafe):
    campaign, ideas = cafe
    copy = IdeaFactory(campaign=campaign, title="Discount for bringing your own cups", body=ideas[0].body)
    pairs = duplicate_candidates(campaign)
    assert [(p.source.pk, p.target.pk) for p in pairs] == [(copy.pk, ideas[0].pk)]
    assert pairs[0].percent >= 50


def test_no_duplicates_among_different_ideas(cafe):
    campaign, _ideas = cafe
    assert duplicate_candidates(campaign) == []


def test_invite_only_campaign_ideas_not_suggested_to_outsiders(db):
    """The view refuses the campaign; the selector also never returns ideas the viewer cannot see."""
    campaign = CampaignFactory(visibility=Visibility.INVITE)
    IdeaFactory(campaign=campaign, title="Bike racks outside every café", body="Racks.")
    assert similar_ideas(MemberFactory(), campaign=campaign, title="Bike racks outside every café") == []
    moderator = staff(Role.MODERATOR, campaign)
    assert len(similar_ideas(moderator, campaign=campaign, title="Bike racks outside every café")) == 1
