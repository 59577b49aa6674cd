"""Campaign services: who creates and edits campaigns, and the rules a campaign's settings must follow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Campaign, CampaignInvitation, CampaignStatus, Visibility
from cocreate.campaigns.services import (
    CriterionSpec,
    PhaseSpec,
    StageSpec,
    campaign_create,
    campaign_invite,
    campaign_update,
)
from cocreate.core.errors import ApplicationError, PermissionDenied
from tests.factories import CampaignFactory, InvitationFactory, MemberFactory, UserFactory, staff

pytestmark = pytest.mark.django_db

BRIEF = {"title": "Safer streets", "goal": "Fewer crashes.", "brief": "Tell us where it feels unsafe."}


def _state(campaign):
    campaign = Campaign.objects.get(pk=campaign.pk)
    return (
        campaign.title,
        campaign.status,
        list(campaign.support_stages.values_list("threshold", "window_days")),
        list(campaign.criteria.values_list("name", "weight")),
        list(campaign.phases.values_list("kind", flat=True)),
    )


@pytest.fixture
def facilitator():
    return staff(Role.FACILITATOR)


# ---- create -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["sitewide_facilitator", "admin", "superuser"])
def test_site_wide_facilitators_and_admins_create_campaigns(who):
    # given
    actor = {
        "sitewide_facilitator": lambda: staff(Role.FACILITATOR),
        "admin": lambda: staff(Role.ADMIN),
        "superuser": lambda: UserFactory(is_superuser=True),
    }[who]()
    now = timezone.now()

    # when
    campaign = campaign_create(
        actor=actor,
        stages=[StageSpec(10, 30), StageSpec(50, 30)],
        criteria=[CriterionSpec("Impact", 3), CriterionSpec("  "), CriterionSpec("Cost", 1, "Cheap is good")],
        phases=[PhaseSpec("submission", now, now + timedelta(days=30)), PhaseSpec("support", now)],
        **BRIEF,
    )

    # then
    campaign.refresh_from_db()
    assert campaign.slug == "safer-streets"
    assert campaign.created_by == actor
    assert campaign.status == CampaignStatus.DRAFT
    assert list(campaign.support_stages.values_list("position", "threshold", "window_days")) == [
        (0, 10, 30),
        (1, 50, 30),
    ]
    assert list(campaign.criteria.values_list("name", "weight", "position")) == [("Impact", 3, 0), ("Cost", 1, 2)]
    assert sorted(campaign.phases.values_list("kind", flat=True)) == ["submission", "support"]


def test_a_campaign_gets_a_single_threshold_by_default(facilitator):
    # when
    campaign = campaign_create(actor=facilitator, **BRIEF)

    # then
    assert list(campaign.support_stages.values_list("threshold", "window_days")) == [(100, 60)]


@pytest.mark.parametrize("who", ["member", "campaign_facilitator", "moderator", "reviewer"])
def test_others_cannot_create_campaigns(who):
    # given
    actor = {
        "member": lambda: MemberFactory(),
        "campaign_facilitator": lambda: staff(Role.FACILITATOR, campaign=CampaignFactory()),
        "moderator": lambda: staff(Role.MODERATOR),
        "reviewer": lambda: staff(Role.REVIEWER),
    }[who]()
    before = Campaign.objects.count()

    # when / then
    with pytest.raises(PermissionDenied):
        campaign_create(actor=actor, **BRIEF)
    assert Campaign.objects.count() == before


def test_slugs_are_unique(facilitator):
    # given
    first = campaign_create(actor=facilitator, **BRIEF)

    # when
    second = campaign_create(actor=facilitator, **BRIEF)
    third = campaign_create(actor=facilitator, **BRIEF)

    # then
    assert (first.slug, second.slug, third.slug) == ("safer-streets", "safer-streets-2", "safer-streets-3")


def test_a_chosen_slug_already_taken_is_refused(facilitator):
    # given
    CampaignFactory(slug="bikes")

    # when
    with pytest.raises(ApplicationError) as refusal:
        campaign_create(actor=facilitator, slug="Bikes", **BRIEF)

    # then
    assert refusal.value.field == "slug"
    assert not Campaign.objects.filter(title=BRIEF["title"]).exists()


@pytest.mark.parametrize(
    "stages",
    [
        [StageSpec(10, 30), StageSpec(10, 30)],
        [StageSpec(50, 30), StageSpec(10, 30)],
        [StageSpec(0, 30)],
        [StageSpec(10, 0)],
        [],
    ],
)
def test_the_ladder_must_climb(facilitator, stages):
    # when
    with pytest.raises(ApplicationError) as refusal:
        campaign_create(actor=facilitator, stages=stages, **BRIEF)

    # then: nothing half-made is left behind
    assert refusal.value.field == "stages"
    assert not Campaign.objects.filter(title=BRIEF["title"]).exists()


def test_a_phase_must_end_after_it_starts(facilitator):
    # given
    now = timezone.now()

    # when
    with pytest.raises(ApplicationError) as refusal:
        campaign_create(actor=facilitator, phases=[PhaseSpec("submission", now, now)], **BRIEF)

    # then
    assert refusal.value.field == "phases"
    assert not Campaign.objects.filter(title=BRIEF["title"]).exists()


@pytest.mark.parametrize("weight", [0, 101])
def test_criterion_weights_stay_between_1_and_100(facilitator, weight):
    # when / then
    with pytest.raises(ApplicationError) as refusal:
        campaign_create(actor=facilitator, criteria=[CriterionSpec("Impact", weight)], **BRIEF)
    assert refusal.value.field == "criteria"
    assert not Campaign.objects.filter(title=BRIEF["title"]).exists()


def test_invalid_settings_are_refused_by_field(facilitator):
    # when
    with pytest.raises(ApplicationError) as refusal:
        campaign_create(actor=facilitator, max_images_per_idea=13, **BRIEF)

    # then
    assert (refusal.value.code, refusal.value.field) == ("invalid_campaign", "max_images_per_idea")
    assert not Campaign.objects.filter(title=BRIEF["title"]).exists()


def test_a_missing_title_is_refused(facilitator):
    # when / then
    with pytest.raises(ApplicationError) as refusal:
        campaign_create(actor=facilitator, **{**BRIEF, "title": ""})
    assert refusal.value.field == "title"


def test_unknown_fields_are_a_programming_error(facilitator):
    with pytest.raises(TypeError):
        campaign_create(actor=facilitator, budget=1000, **BRIEF)


# ---- update -----------------------------------------------------------------------------------------------


def test_a_campaign_facilitator_edits_their_campaign_and_lists_are_replaced(on_commit):
    # given
    campaign = CampaignFactory(status=CampaignStatus.DRAFT, stages=[(100, 60)])
    runner = staff(Role.FACILITATOR, campaign=campaign)
    now = timezone.now()

    # when
    with on_commit() as callbacks:
        campaign_update(
            actor=runner,
            campaign=campaign,
            title="Safer streets for all",
            status=CampaignStatus.PUBLISHED,
            stages=[StageSpec(5, 10), StageSpec(20, 10)],
            criteria=[CriterionSpec("Impact", 2)],
            phases=[PhaseSpec("support", now)],
        )

    # then
    assert _state(campaign) == (
        "Safer streets for all",
        CampaignStatus.PUBLISHED,
        [(5, 10), (20, 10)],
        [("Impact", 2)],
        ["support"],
    )
    assert len(callbacks) == 2  # CampaignChanged and CampaignPublished


def test_lists_not_given_are_kept():
    # given
    campaign = CampaignFactory(stages=[(5, 10), (20, 10)])
    runner = staff(Role.FACILITATOR, campaign=campaign)

    # when
    campaign_update(actor=runner, campaign=campaign, goal="A new goal.")

    # then
    assert _state(campaign)[2] == [(5, 10), (20, 10)]


def test_a_campaign_facilitator_cannot_edit_another_campaign():
    # given
    mine, theirs = CampaignFactory(), CampaignFactory()
    runner = staff(Role.FACILITATOR, campaign=mine)
    before = _state(theirs)

    # when / then
    with pytest.raises(PermissionDenied):
        campaign_update(actor=runner, campaign=theirs, title="Taken over", stages=[StageSpec(1, 1)])
    assert _state(theirs) == before


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.REVIEWER])
def test_other_campaign_staff_cannot_edit_it(role):
    # given
    campaign = CampaignFactory()
    actor = staff(role, campaign=campaign)
    before = _state(campaign)

    # when / then
    with pytest.raises(PermissionDenied):
        campaign_update(actor=actor, campaign=campaign, title="Renamed")
    assert _state(campaign) == before


def test_a_bad_ladder_in_an_edit_changes_nothing():
    # given
    campaign = CampaignFactory(stages=[(5, 10)])
    runner = staff(Role.FACILITATOR, campaign=campaign)
    before = _state(campaign)

    # when
    with pytest.raises(ApplicationError):
        campaign_update(actor=runner, campaign=campaign, title="Renamed", stages=[StageSpec(9, 1), StageSpec(3, 1)])

    # then: the title change is rolled back with the ladder
    assert _state(campaign) == before


def test_editing_a_published_campaign_does_not_announce_it_again(on_commit):
    # given
    campaign = CampaignFactory()
    runner = staff(Role.FACILITATOR)

    # when
    with on_commit() as callbacks:
        campaign_update(actor=runner, campaign=campaign, goal="Sharper goal.")

    # then: CampaignChanged only
    assert len(callbacks) == 1


# ---- invitations ----------------------------------------------------------------------------------------


def test_invitations_are_created_once_per_address():
    # given
    campaign = CampaignFactory(visibility=Visibility.INVITE)
    runner = staff(Role.FACILITATOR, campaign=campaign)
    InvitationFactory(campaign=campaign, email="old@example.org")

    # when
    created = campaign_invite(
        actor=runner, campaign=campaign, emails=[" Ada@Example.org ", "", "old@example.org", "ada@example.org"]
    )

    # then
    assert [i.email for i in created] == ["ada@example.org"]
    assert created[0].invited_by == runner
    assert sorted(campaign.invitations.values_list("email", flat=True)) == ["ada@example.org", "old@example.org"]


def test_only_those_who_run_the_campaign_invite():
    # given
    campaign = CampaignFactory(visibility=Visibility.INVITE)
    actor = staff(Role.MODERATOR, campaign=campaign)

    # when / then
    with pytest.raises(PermissionDenied):
        campaign_invite(actor=actor, campaign=campaign, emails=["friend@example.org"])
    assert not CampaignInvitation.objects.exists()


def test_an_invalid_address_is_refused_and_nothing_is_invited():
    # given
    campaign = CampaignFactory(visibility=Visibility.INVITE)
    runner = staff(Role.FACILITATOR, campaign=campaign)

    # when
    with pytest.raises(ApplicationError) as refusal:
        campaign_invite(actor=runner, campaign=campaign, emails=["ok@example.org", "not an address"])

    # then
    assert refusal.value.field == "emails"
    assert not CampaignInvitation.objects.exists()
