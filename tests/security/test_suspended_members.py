"""F5: a suspended member reads but contributes nothing — opinion statements and votes, pairwise entries and votes,
their profile, follows, comment edits, API tokens — and a moderator suspends only people below their role."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cocreate.accounts.models import Role, Suspension
from cocreate.accounts.services import profile_update
from cocreate.accounts.standing import Suspended
from cocreate.api.models import PersonalAccessToken
from cocreate.api.services import token_create
from cocreate.core.errors import PermissionDenied
from cocreate.engagement.models import Follow
from cocreate.engagement.services import comment_edit, follow_add
from cocreate.moderation.services import member_suspend
from cocreate.opinionmap import services as opinionmap
from cocreate.opinionmap.models import Statement, Vote
from cocreate.pairwise import services as pairwise
from cocreate.pairwise.models import PairwiseEntry, PairwiseVote
from tests.factories import (
    CommentFactory,
    IdeaFactory,
    MemberFactory,
    OpinionMapSettingsFactory,
    PairwisePromptFactory,
    PairwiseSettingsFactory,
    StatementFactory,
    SuspensionFactory,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def suspended():
    member = MemberFactory(display_name="Before")
    SuspensionFactory(member=member, ends_at=timezone.now() + timedelta(days=3))
    return member


def test_no_opinion_statements_or_votes(suspended):
    campaign = OpinionMapSettingsFactory().campaign
    statement = StatementFactory(campaign=campaign)
    with pytest.raises(Suspended):
        opinionmap.statement_submit(actor=suspended, campaign=campaign, text="Cycle lanes on every main road")
    with pytest.raises(Suspended):
        opinionmap.vote_cast(actor=suspended, campaign=campaign, statement=statement, value=1)
    assert Statement.objects.count() == 1 and not Vote.objects.exists()


def test_no_pairwise_entries_or_votes(suspended):
    campaign = PairwiseSettingsFactory(allow_member_entries=True).campaign
    prompt = PairwisePromptFactory(campaign=campaign, voter=suspended)
    with pytest.raises(Suspended):
        pairwise.entry_add(actor=suspended, campaign=campaign, text="Longer opening hours")
    with pytest.raises(Suspended):
        pairwise.vote_cast(actor=suspended, prompt=prompt, choice="left")
    assert PairwiseEntry.objects.count() == 2 and not PairwiseVote.objects.exists()


def test_no_profile_edits_follows_comment_edits_or_tokens(suspended):
    idea = IdeaFactory()
    comment = CommentFactory(idea=idea, author=suspended, body="Original")
    with pytest.raises(Suspended):
        profile_update(actor=suspended, display_name="Spam Shop Online")
    with pytest.raises(Suspended):
        follow_add(actor=suspended, idea=idea)
    with pytest.raises(Suspended):
        comment_edit(actor=suspended, comment=comment, body="Buy now at spam.example")
    with pytest.raises(Suspended):
        token_create(actor=suspended, name="bot")
    suspended.refresh_from_db()
    comment.refresh_from_db()
    assert suspended.display_name == "Before" and comment.body == "Original"
    assert not Follow.objects.filter(member=suspended).exists()
    assert not PersonalAccessToken.objects.exists()


UNTIL = timezone.now() + timedelta(days=365)


@pytest.mark.parametrize(
    ("actor_role", "target_role"),
    [
        (Role.MODERATOR, Role.MODERATOR),
        (Role.MODERATOR, Role.FACILITATOR),
        (Role.MODERATOR, Role.ADMIN),
        (Role.FACILITATOR, Role.FACILITATOR),
        (Role.FACILITATOR, Role.ADMIN),
        (Role.ADMIN, Role.ADMIN),
    ],
)
def test_nobody_suspends_a_peer_or_a_superior(actor_role, target_role):
    actor, target = staff(actor_role), staff(target_role)
    with pytest.raises(PermissionDenied):
        member_suspend(actor=actor, member=target, until=UNTIL, reason="Overreach")
    assert not Suspension.objects.exists()


def test_a_campaign_role_counts_too():
    from tests.factories import CampaignFactory

    target = staff(Role.FACILITATOR, campaign=CampaignFactory())
    with pytest.raises(PermissionDenied):
        member_suspend(actor=staff(Role.MODERATOR), member=target, until=UNTIL, reason="Overreach")


@pytest.mark.parametrize(
    ("actor_role", "target_role"),
    [(Role.MODERATOR, Role.REVIEWER), (Role.FACILITATOR, Role.MODERATOR), (Role.ADMIN, Role.FACILITATOR)],
)
def test_a_superior_may_suspend(actor_role, target_role):
    target = staff(target_role)
    member_suspend(actor=staff(actor_role), member=target, until=UNTIL, reason="Abuse of role")
    assert Suspension.objects.filter(member=target).exists()
