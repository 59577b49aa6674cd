import pytest

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Visibility
from cocreate.ideas import services as idea_services
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.similarity import representation as rep
from cocreate.similarity.models import IdeaVector, VectorsVersion
from cocreate.similarity.selectors import campaign_index, duplicate_candidates, similar_ideas
from cocreate.similarity.services import idea_vectors_refresh
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


def test_a_changed_vector_bumps_the_version_and_the_index_follows_it(cafe):
    campaign, ideas = cafe
    index = campaign_index(campaign.pk)
    version = VectorsVersion.objects.get(campaign=campaign).version
    newcomer = IdeaFactory(campaign=campaign, title="Water refill station", body="Free tap water for bottles.")
    assert campaign_index(campaign.pk) is index  # no vector yet: nothing changed

    assert idea_vectors_refresh(idea_id=newcomer.pk) == 1
    assert VectorsVersion.objects.get(campaign=campaign).version == version + 1
    rebuilt = campaign_index(campaign.pk)
    assert rebuilt is not index and newcomer.pk in rebuilt.ids.tolist()

    assert idea_vectors_refresh(idea_id=newcomer.pk) == 0  # same text: nothing written, nothing bumped
    assert campaign_index(campaign.pk) is rebuilt

    idea_services.idea_withdraw(actor=ideas[0].author, idea=ideas[0])
    idea_vectors_refresh(idea_id=ideas[0].pk)
    assert VectorsVersion.objects.get(campaign=campaign).version == version + 2
    assert ideas[0].pk not in campaign_index(campaign.pk).ids.tolist()


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


# ---- site-wide suggestions --------------------------------------------------------------------------------


@pytest.fixture
def elsewhere(cafe):
    _campaign, ideas = cafe
    other = CampaignFactory(title="Greener offices", slug="greener-offices")
    copy = IdeaFactory(campaign=other, title="Discount for bringing your own cup", body=ideas[0].body)
    private = CampaignFactory(title="Board only", visibility=Visibility.INVITE)
    secret = IdeaFactory(campaign=private, title="Discount for bringing your own cup", body=ideas[0].body)
    return other, copy, secret


def test_other_campaigns_only_when_asked_and_after_the_campaigns_own(cafe, elsewhere):
    campaign, ideas = cafe
    _other, copy, secret = elsewhere
    viewer = MemberFactory()
    title, body = "Money off for your own reusable cup", ideas[0].body

    assert copy.pk not in [s.idea.pk for s in similar_ideas(viewer, campaign=campaign, title=title, body=body)]

    found = similar_ideas(viewer, campaign=campaign, title=title, body=body, site_wide=True)
    assert [(s.idea.pk, s.elsewhere) for s in found][:1] == [(ideas[0].pk, False)]
    assert (copy.pk, True) in [(s.idea.pk, s.elsewhere) for s in found]
    assert found.index(next(s for s in found if s.elsewhere)) > 0
    assert secret.pk not in [s.idea.pk for s in found]  # a campaign the viewer cannot see
    assert all(s.score >= rep.THRESHOLDS[rep.LEXICAL]["suggest"] for s in found)
    assert len(found) <= 5


def test_site_wide_suggestions_are_at_most_five_in_total(cafe):
    campaign, ideas = cafe
    for _n in range(6):
        IdeaFactory(campaign=CampaignFactory(), title="Discount for bringing your own cup", body=ideas[0].body)
    found = similar_ideas(MemberFactory(), campaign=campaign, title=ideas[0].title, body=ideas[0].body, site_wide=True)
    assert len(found) == 5
    assert found[0].idea.pk == ideas[0].pk and not found[0].elsewhere
    assert all(s.elsewhere for s in found[1:])


def test_dismissed_suggestions_are_left_out_everywhere(cafe, elsewhere):
    campaign, ideas = cafe
    _other, copy, _secret = elsewhere
    found = similar_ideas(
        MemberFactory(),
        campaign=campaign,
        title=ideas[0].title,
        body=ideas[0].body,
        site_wide=True,
        exclude_ids=frozenset({ideas[0].pk, copy.pk}),
    )
    assert not {ideas[0].pk, copy.pk} & {s.idea.pk for s in found}
