from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.core.errors import ApplicationError, PermissionDenied
from cocreate.opinionmap import services
from cocreate.opinionmap.importer import import_polis
from cocreate.opinionmap.models import Moderation, Report, Statement, Vote
from tests.factories import (
    MemberFactory,
    OpinionCampaignFactory,
    OpinionMapSettingsFactory,
    StatementFactory,
    staff,
)

pytestmark = pytest.mark.django_db

POLIS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polis" / "brexit-consensus"


def test_second_vote_replaces_the_first_and_report_is_recomputed(on_commit):
    campaign = OpinionCampaignFactory()
    statement = StatementFactory(campaign=campaign)
    member = MemberFactory()
    with on_commit(execute=True):
        services.vote_cast(actor=member, campaign=campaign, statement=statement, value=1)
    with on_commit(execute=True):
        services.vote_cast(actor=member, campaign=campaign, statement=statement, value=-1)
    assert list(Vote.objects.values_list("value", flat=True)) == [-1]
    report = Report.objects.get(campaign=campaign)
    assert report.computed_at is not None and report.vote_count == 1 and not report.pending


def test_pending_recompute_is_not_queued_twice():
    campaign = OpinionCampaignFactory()
    Report.objects.create(campaign=campaign, pending=True)
    assert services.report_schedule(campaign_id=campaign.pk) is False


def test_anonymous_only_if_allowed():
    campaign = OpinionCampaignFactory()
    statement = StatementFactory(campaign=campaign)
    with pytest.raises(PermissionDenied):
        services.vote_cast(actor=AnonymousUser(), campaign=campaign, statement=statement, value=1, anon_key="k1")
    assert not Vote.objects.exists()
    OpinionMapSettingsFactory(campaign=campaign, allow_anonymous=True)
    campaign.refresh_from_db()
    services.vote_cast(actor=AnonymousUser(), campaign=campaign, statement=statement, value=1, anon_key="k1")
    services.vote_cast(actor=AnonymousUser(), campaign=campaign, statement=statement, value=0, anon_key="k1")
    assert list(Vote.objects.values_list("value", flat=True)) == [0]


def test_hidden_statement_cannot_be_voted_on():
    campaign = OpinionCampaignFactory()
    statement = StatementFactory(campaign=campaign, moderation=Moderation.HIDDEN)
    with pytest.raises(ApplicationError):
        services.vote_cast(actor=MemberFactory(), campaign=campaign, statement=statement, value=1)
    assert not Vote.objects.exists()


def test_submitted_statements_are_moderated():
    campaign = OpinionCampaignFactory()
    member = MemberFactory()
    pre = services.statement_submit(actor=member, campaign=campaign, text="Bike lanes should be separated.")
    assert pre.moderation == Moderation.UNMODERATED
    moderator = staff("moderator", campaign=campaign)
    assert (
        services.statement_submit(actor=moderator, campaign=campaign, text="Speed limits should drop.").moderation == 1
    )
    with pytest.raises(PermissionDenied):
        services.statement_moderate(actor=member, statement=pre, moderation=Moderation.SHOWN)
    pre.refresh_from_db()
    assert pre.moderation == Moderation.UNMODERATED
    services.statement_moderate(actor=moderator, statement=pre, moderation=Moderation.SHOWN)
    pre.refresh_from_db()
    assert pre.moderation == Moderation.SHOWN
    services.settings_update(actor=moderator, campaign=campaign, statement_moderation="post")
    post = services.statement_submit(actor=member, campaign=campaign, text="Parking should cost more.")
    assert post.moderation == Moderation.SHOWN
    with pytest.raises(ApplicationError):
        services.statement_submit(actor=member, campaign=campaign, text="parking should cost more.")


@pytest.mark.skipif(not POLIS.exists(), reason="shared Pol.is data not present")
def test_import_real_export_matches_polis_groups():
    campaign = import_polis(POLIS, slug="brexit")
    assert Statement.objects.filter(campaign=campaign).count() == 50
    report = Report.objects.get(campaign=campaign)
    assert len(report.data["groups"]) == 2  # Pol.is found 2 groups here
    assert report.vote_count > 4000
    assert "CC BY 4.0" in campaign.opinionmap_settings.attribution
