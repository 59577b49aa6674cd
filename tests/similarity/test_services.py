import pytest

from cocreate.accounts.models import Role
from cocreate.core.errors import PermissionDenied
from cocreate.ideas import services as idea_services
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.similarity import representation as rep
from cocreate.similarity.models import IdeaVector, Theme, ThemeMembership
from cocreate.similarity.selectors import similar_ideas
from cocreate.similarity.services import idea_vectors_refresh, themes_refresh
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, PhaseFactory, staff

pytestmark = pytest.mark.django_db


def test_submitting_an_idea_stores_its_vector(on_commit):
    campaign = CampaignFactory()
    PhaseFactory(campaign=campaign)
    author = MemberFactory()
    with on_commit(execute=True):
        idea = idea_services.idea_create(
            actor=author, campaign=campaign, title="Bike racks by the door", body="Two racks to lock bikes."
        )
    assert idea.status == IdeaStatus.PUBLISHED
    vector = IdeaVector.objects.get(idea=idea, method=rep.LEXICAL)
    assert vector.text_hash == rep.text_hash(rep.idea_text(idea.title, idea.body))
    assert vector.campaign_id_copy == campaign.pk


def test_a_revision_refreshes_the_vector_and_the_suggestions(on_commit):
    campaign = CampaignFactory()
    idea = IdeaFactory(campaign=campaign, title="Bike racks by the door", body="Two racks to lock bikes.")
    idea_vectors_refresh(idea_id=idea.pk)
    before = IdeaVector.objects.get(idea=idea).text_hash
    viewer = MemberFactory()
    assert similar_ideas(viewer, campaign=campaign, title="Let dogs inside with a water bowl") == []
    with on_commit(execute=True):
        idea_services.idea_edit(
            actor=idea.author, idea=idea, title="Let dogs inside", body="Dogs welcome, with a water bowl by the door."
        )
    assert IdeaVector.objects.get(idea=idea).text_hash != before
    found = similar_ideas(viewer, campaign=campaign, title="Let dogs inside with a water bowl")
    assert [s.idea.pk for s in found] == [idea.pk]


def test_withdrawing_drops_the_vector(on_commit):
    idea = IdeaFactory(title="Bike racks by the door", body="Two racks to lock bikes.")
    idea_vectors_refresh(idea_id=idea.pk)
    with on_commit(execute=True):
        idea_services.idea_withdraw(actor=idea.author, idea=idea)
    assert not IdeaVector.objects.filter(idea=idea).exists()


def test_refresh_is_idempotent():
    idea = IdeaFactory(title="Bike racks by the door", body="Two racks to lock bikes.")
    assert idea_vectors_refresh(idea_id=idea.pk) == 1
    assert idea_vectors_refresh(idea_id=idea.pk) == 0
    assert idea_vectors_refresh(idea_id=999999) == 0


def _themed_campaign():
    campaign = CampaignFactory()
    groups = {
        "cup": "Reusable cup discount: money off drinks in your own reusable cup",
        "bike": "Bike racks: secure bike parking racks outside for cyclists",
        "dog": "Dog friendly: let dogs inside with a dog water bowl",
    }
    ideas = {
        k: [IdeaFactory(campaign=campaign, title=f"{t.split(':')[0]} {i}", body=t) for i in range(5)]
        for k, t in groups.items()
    }
    return campaign, ideas


def test_themes_refresh_labels_and_members():
    campaign, ideas = _themed_campaign()
    themes = themes_refresh(actor=None, campaign=campaign)
    assert len(themes) == 3
    by_label = {t.label.lower(): t for t in themes}
    cup_theme = next(t for label, t in by_label.items() if "cup" in label)
    members = set(ThemeMembership.objects.filter(theme=cup_theme).values_list("idea_id", flat=True))
    assert members == {i.pk for i in ideas["cup"]}


def test_themes_refresh_is_deterministic_and_replaces():
    campaign, _ideas = _themed_campaign()
    first = [(t.label, t.size) for t in themes_refresh(actor=None, campaign=campaign)]
    second = [(t.label, t.size) for t in themes_refresh(actor=None, campaign=campaign)]
    assert first == second
    assert Theme.objects.filter(campaign=campaign).count() == len(second)


def _by_topic(themes):
    return {next(k for k in ("cup", "bike", "dog", "solar") if k in t.label.lower()): t for t in themes}


def test_a_refresh_keeps_the_ids_of_themes_that_are_essentially_the_same():
    campaign, ideas = _themed_campaign()
    first = _by_topic(themes_refresh(actor=None, campaign=campaign))

    # Two new bike ideas and one cup idea gone: the clusters move a little, the themes stay the same themes.
    for i in range(2):
        IdeaFactory(
            campaign=campaign, title=f"Bike racks {i + 5}", body="Bike racks: secure bike parking racks for cyclists"
        )
    idea_services.idea_withdraw(actor=ideas["cup"][0].author, idea=ideas["cup"][0])
    second = _by_topic(themes_refresh(actor=None, campaign=campaign))

    assert {k: t.pk for k, t in second.items()} == {k: t.pk for k, t in first.items()}
    assert second["bike"].size == 7 and second["cup"].size == 4
    members = set(ThemeMembership.objects.filter(theme=second["cup"]).values_list("idea_id", flat=True))
    assert members == {i.pk for i in ideas["cup"][1:]}
    assert Theme.objects.filter(campaign=campaign).count() == 3


def test_a_theme_that_no_longer_matches_ends_and_a_new_one_begins():
    campaign, ideas = _themed_campaign()
    first = _by_topic(themes_refresh(actor=None, campaign=campaign))
    for idea in ideas["dog"]:
        idea_services.idea_withdraw(actor=idea.author, idea=idea)
    for i in range(5):
        IdeaFactory(
            campaign=campaign, title=f"Solar panels {i}", body="Solar power: solar panels on the roof for energy"
        )
    second = _by_topic(themes_refresh(actor=None, campaign=campaign))
    assert second["cup"].pk == first["cup"].pk and second["bike"].pk == first["bike"].pk
    assert "dog" not in second and not Theme.objects.filter(pk=first["dog"].pk).exists()
    assert second["solar"].pk not in {t.pk for t in first.values()}


def test_matching_is_one_to_one_by_overlap():
    from cocreate.similarity.services import _match_themes

    old = {10: {1, 2, 3, 4}, 20: {5, 6, 7, 8}}
    assert _match_themes(old, [{5, 6, 7}, {1, 2, 3, 4, 9}]) == {0: 20, 1: 10}
    # One old theme split in two halves: at most one half may keep it, and only if it overlaps enough.
    assert _match_themes({10: {1, 2, 3, 4}}, [{1, 2}, {3, 4}]) in ({0: 10}, {1: 10})
    assert _match_themes({10: {1, 2, 3, 4, 5, 6}}, [{1, 2}, {3, 4}, {5, 6}]) == {}
    assert _match_themes({}, [{1}]) == {} and _match_themes({10: {1}}, []) == {}


def test_staff_may_refresh_themes_members_may_not():
    campaign, _ideas = _themed_campaign()
    with pytest.raises(PermissionDenied):
        themes_refresh(actor=MemberFactory(), campaign=campaign)
    assert not Theme.objects.filter(campaign=campaign).exists()
    assert themes_refresh(actor=staff(Role.FACILITATOR, campaign), campaign=campaign)
