from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from cocreate.core.errors import ApplicationError, PermissionDenied
from cocreate.opinionmap import services
from cocreate.opinionmap.importer import import_polis
from cocreate.opinionmap.models import Moderation, OpinionMapSettings, Participant, Report, Statement, Vote
from tests.factories import (
    MemberFactory,
    OpinionCampaignFactory,
    OpinionMapSettingsFactory,
    OpinionParticipantFactory,
    OpinionVoteFactory,
    StatementFactory,
    staff,
)

pytestmark = pytest.mark.django_db

POLIS = Path(__file__).resolve().parents[2] / "src" / "cocreate" / "opinionmap" / "demo_data" / "brexit-consensus"


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
    key = services.new_anon_key()
    with pytest.raises(PermissionDenied):
        services.vote_cast(actor=AnonymousUser(), campaign=campaign, statement=statement, value=1, anon_key=key)
    assert not Vote.objects.exists()
    OpinionMapSettingsFactory(campaign=campaign, allow_anonymous=True)
    campaign.refresh_from_db()
    services.vote_cast(actor=AnonymousUser(), campaign=campaign, statement=statement, value=1, anon_key=key)
    services.vote_cast(actor=AnonymousUser(), campaign=campaign, statement=statement, value=0, anon_key=key)
    assert list(Vote.objects.values_list("value", flat=True)) == [0]


def test_anonymous_identity_must_be_one_we_issued():
    campaign = OpinionCampaignFactory()
    OpinionMapSettingsFactory(campaign=campaign, allow_anonymous=True)
    campaign.refresh_from_db()
    statement = StatementFactory(campaign=campaign)
    imported = OpinionParticipantFactory(campaign=campaign, anon_key="polis:demo:5")
    for forged in ("polis:demo:5", "k1", "x" * 31 + "!"):
        with pytest.raises(ApplicationError) as refused:
            services.vote_cast(actor=AnonymousUser(), campaign=campaign, statement=statement, value=1, anon_key=forged)
        assert refused.value.code == "invalid_participant_key"
    assert not Vote.objects.exists() and not imported.votes.exists()


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
    services.settings_update(
        actor=staff("facilitator", campaign=campaign), campaign=campaign, statement_moderation="post"
    )
    post = services.statement_submit(actor=member, campaign=campaign, text="Parking should cost more.")
    assert post.moderation == Moderation.SHOWN
    with pytest.raises(ApplicationError):
        services.statement_submit(actor=member, campaign=campaign, text="parking should cost more.")


def test_import_real_export_matches_polis_groups():
    campaign = import_polis(POLIS, slug="brexit")
    assert Statement.objects.filter(campaign=campaign).count() == 50
    report = Report.objects.get(campaign=campaign)
    assert len(report.data["groups"]) == 2  # Pol.is found 2 groups here
    assert report.vote_count > 4000
    assert "CC BY 4.0" in campaign.opinionmap_settings.attribution


def _two_camps(campaign, n=24, statements=8):
    rows = [StatementFactory(campaign=campaign) for _ in range(statements)]
    for i in range(n):
        participant = OpinionParticipantFactory(campaign=campaign)
        for j, s in enumerate(rows):
            Vote.objects.create(participant=participant, statement=s, value=1 if (i % 2 == 0) == (j < 4) else -1)
    return rows


def test_recompute_is_incremental_after_the_first_and_full_on_request():
    campaign = OpinionCampaignFactory()
    rows = _two_camps(campaign)
    first = services.report_compute(campaign=campaign)
    assert first.data["incremental"] is False and first.state["version"]
    assert len(first.data["groups"]) == 2
    Vote.objects.create(participant=OpinionParticipantFactory(campaign=campaign), statement=rows[0], value=1)
    second = services.report_compute(campaign=campaign)
    assert second.data["incremental"] is True and second.vote_count == first.vote_count + 1
    assert second.state["pca"]["warm"]
    third = services.report_compute(campaign=campaign, full=True)
    assert third.data["incremental"] is False
    assert {p["participant"]: p["group"] for p in third.data["points"]} == {
        p["participant"]: p["group"] for p in second.data["points"]
    }


def test_staff_recompute_now_needs_a_facilitator():
    campaign = OpinionCampaignFactory()
    _two_camps(campaign)
    for outsider in (MemberFactory(), staff("moderator", campaign=campaign), staff("reviewer", campaign=campaign)):
        with pytest.raises(PermissionDenied):
            services.report_recompute(actor=outsider, campaign=campaign)
    assert not Report.objects.filter(campaign=campaign, computed_at__isnull=False).exists()
    report = services.report_recompute(actor=staff("facilitator", campaign=campaign), campaign=campaign)
    assert report.computed_at is not None and report.data["incremental"] is False


def test_changing_min_votes_starts_the_map_afresh(on_commit):
    campaign = OpinionCampaignFactory()
    _two_camps(campaign)
    services.report_compute(campaign=campaign)
    facilitator = staff("facilitator", campaign=campaign)
    with pytest.raises(PermissionDenied):
        services.settings_update(actor=staff("moderator", campaign=campaign), campaign=campaign, min_votes=3)
    assert Report.objects.get(campaign=campaign).state  # unchanged
    with on_commit(execute=True):
        services.settings_update(actor=facilitator, campaign=campaign, min_votes=3)
    report = Report.objects.get(campaign=campaign)
    assert report.data["incremental"] is False and report.state
    with pytest.raises(ValidationError):
        services.settings_update(actor=facilitator, campaign=campaign, min_votes=0)
    assert OpinionMapSettings.objects.get(campaign=campaign).min_votes == 3


def test_meta_statement_stays_votable_but_leaves_the_groups_statements():
    campaign = OpinionCampaignFactory()
    rows = _two_camps(campaign)
    moderator = staff("moderator", campaign=campaign)
    with pytest.raises(PermissionDenied):
        services.statement_mark_meta(actor=MemberFactory(), statement=rows[0], is_meta=True)
    rows[0].refresh_from_db()
    assert not rows[0].is_meta
    services.statement_mark_meta(actor=moderator, statement=rows[0], is_meta=True)
    report = services.report_compute(campaign=campaign, full=True)
    entry = next(s for s in report.data["statements"] if s["statement"] == rows[0].pk)
    assert entry["meta"] is True
    listed = {r["statement"] for g in report.data["groups"] for r in g["representative"]}
    listed |= {d["statement"] for d in report.data["divisive"]}
    assert rows[0].pk not in listed and len(report.data["groups"]) == 2
    services.vote_cast(actor=MemberFactory(), campaign=campaign, statement=rows[0], value=1)  # still answered


def test_demo_shows_meta_statements_anonymous_voters_and_an_incremental_map():
    import random
    from types import SimpleNamespace

    from cocreate.core.permissions import has_perm
    from cocreate.opinionmap import demo

    facilitator, member = staff("facilitator"), MemberFactory()
    counts = demo.seed_demo(
        SimpleNamespace(accounts={"facilitator": facilitator, "member": member}, rng=random.Random(1))
    )
    campaign = Statement.objects.get(external_id="15", campaign__slug="opinion-map-brexit").campaign
    assert counts["opinion maps"] == 1
    assert Statement.objects.get(campaign=campaign, external_id="15").is_meta
    report = Report.objects.get(campaign=campaign)
    assert report.data["incremental"] is True and len(report.data["groups"]) == 2
    assert any(s.get("meta") for s in report.data["statements"])
    voters = Participant.objects.filter(campaign=campaign, votes__isnull=False).distinct()
    assert voters.filter(user=member).exists()
    assert any(services.is_valid_anon_key(p.anon_key) for p in voters.filter(user__isnull=True))
    assert has_perm(facilitator, "opinionmap.configure", campaign)


def test_next_statement_follows_polis_priority_not_age():
    from cocreate.opinionmap import selectors

    campaign = OpinionCampaignFactory()
    passed, agreed = StatementFactory(campaign=campaign), StatementFactory(campaign=campaign)
    for _ in range(12):
        voter = OpinionParticipantFactory(campaign=campaign)
        OpinionVoteFactory(participant=voter, statement=passed, value=0)
        OpinionVoteFactory(participant=voter, statement=agreed, value=1)
    services.report_compute(campaign=campaign, full=True)
    fresh = StatementFactory(campaign=campaign)  # not in the report yet
    picks = []
    for _ in range(40):
        newcomer = OpinionParticipantFactory(campaign=campaign)
        picks.append(selectors.next_statement(campaign, newcomer).pk)
        assert selectors.next_statement(campaign, newcomer).pk == picks[-1]  # a reload shows the same one
    # the oldest statement, which everybody passed, is almost never first; the agreed one and the new one are
    assert picks.count(passed.pk) <= 2
    assert picks.count(agreed.pk) >= 5 and picks.count(fresh.pk) >= 5
    about = StatementFactory(campaign=campaign, is_meta=True)  # Pol.is asks statements about the participant early
    firsts = [selectors.next_statement(campaign, OpinionParticipantFactory(campaign=campaign)).pk for _ in range(30)]
    assert firsts.count(about.pk) > max(firsts.count(agreed.pk), firsts.count(fresh.pk))
