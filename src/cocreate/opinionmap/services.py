"""Writes of the opinion map: settings, participants, statements and their moderation, votes, the report.

A vote schedules a recompute of the report (debounced: at most one pending per campaign, and not sooner than
`recompute_seconds` after the last computation when the task backend can defer)."""

from __future__ import annotations

import secrets
import time
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.campaigns.models import Campaign
from cocreate.core.errors import ApplicationError, NotFound
from cocreate.core.events import publish
from cocreate.core.permissions import has_perm, require_perm

from . import math as om
from .events import OpinionReportComputed, OpinionVoteCast, StatementModerated, StatementSubmitted
from .models import Moderation, OpinionMapSettings, Participant, Report, Statement, StatementModeration, Vote

ANON_COOKIE = "cocreate_opinion"


def new_anon_key() -> str:
    return secrets.token_urlsafe(24)


def settings_for(campaign: Campaign) -> OpinionMapSettings:
    """The campaign's settings, created with defaults on first use."""
    try:
        return campaign.opinionmap_settings  # type: ignore[attr-defined]
    except OpinionMapSettings.DoesNotExist:
        found, _created = OpinionMapSettings.objects.get_or_create(campaign=campaign)
        campaign.opinionmap_settings = found  # type: ignore[attr-defined]
        return found


def settings_update(*, actor: Any, campaign: Campaign, **fields: Any) -> OpinionMapSettings:
    """Change the campaign's opinion-map settings (campaign staff). Publishes no event."""
    require_perm(actor, "opinionmap.configure", campaign)
    with transaction.atomic():
        obj = settings_for(campaign)
        for name, value in fields.items():
            if name not in {
                "allow_anonymous",
                "allow_submissions",
                "statement_moderation",
                "min_votes",
                "recompute_seconds",
                "attribution",
            }:
                raise ApplicationError(_("Unknown setting."), code="unknown_setting", field=name)
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
    return obj


def participant_get(*, actor: Any, campaign: Campaign, anon_key: str = "") -> Participant | None:
    """The participant `actor` (or the anonymous cookie key) already is in `campaign`, if any."""
    if getattr(actor, "is_authenticated", False):
        return Participant.objects.filter(campaign=campaign, user=actor).first()
    if anon_key:
        return Participant.objects.filter(campaign=campaign, anon_key=anon_key).first()
    return None


def participant_ensure(*, actor: Any, campaign: Campaign, anon_key: str = "") -> Participant:
    """The participant for a member, or for an anonymous visitor's cookie key (only if the campaign allows)."""
    require_perm(actor, "opinionmap.vote", campaign)
    if getattr(actor, "is_authenticated", False):
        participant, _created = Participant.objects.get_or_create(campaign=campaign, user=actor)
        return participant
    if not anon_key:
        raise ApplicationError(_("Your anonymous identity is missing; enable cookies."), code="no_identity")
    try:
        with transaction.atomic():
            participant, _created = Participant.objects.get_or_create(campaign=campaign, anon_key=anon_key)
    except IntegrityError:
        participant = Participant.objects.get(campaign=campaign, anon_key=anon_key)
    return participant


def vote_cast(*, actor: Any, campaign: Campaign, statement: Statement, value: int, anon_key: str = "") -> Vote:
    """Agree (1), disagree (-1) or pass (0) on a shown statement; a second vote replaces the first.
    Publishes OpinionVoteCast (its handler schedules a report recompute)."""
    if value not in (-1, 0, 1):
        raise ApplicationError(_("A vote is agree, disagree or pass."), code="invalid_vote", field="value")
    if statement.campaign_id != campaign.pk or statement.moderation != Moderation.SHOWN:
        raise NotFound(_("This statement does not exist."), code="statement_not_found")
    with transaction.atomic():
        participant = participant_ensure(actor=actor, campaign=campaign, anon_key=anon_key)
        vote, _created = Vote.objects.update_or_create(
            participant=participant, statement=statement, defaults={"value": value}
        )
        publish(OpinionVoteCast(campaign.pk, statement.pk, participant.pk, value))
    return vote


def statement_submit(*, actor: Any, campaign: Campaign, text: str, anon_key: str = "") -> Statement:
    """Submit a short statement. Shown at once under post-moderation (or when staff submit), otherwise waiting
    for a moderator. Publishes StatementSubmitted."""
    require_perm(actor, "opinionmap.submit", campaign)
    text = " ".join((text or "").split())
    if len(text) < 5:
        raise ApplicationError(_("Write a statement of at least 5 characters."), code="too_short", field="text")
    opts = settings_for(campaign)
    shown = opts.statement_moderation == StatementModeration.POST or has_perm(actor, "opinionmap.moderate", campaign)
    with transaction.atomic():
        participant = participant_ensure(actor=actor, campaign=campaign, anon_key=anon_key)
        if Statement.objects.filter(campaign=campaign, text__iexact=text).exists():
            raise ApplicationError(_("This statement is already there."), code="duplicate", field="text")
        statement = Statement(
            campaign=campaign,
            text=text,
            author=participant,
            moderation=Moderation.SHOWN if shown else Moderation.UNMODERATED,
        )
        statement.full_clean()
        statement.save()
        publish(StatementSubmitted(campaign.pk, statement.pk, statement.moderation))
    return statement


def statement_moderate(*, actor: Any, statement: Statement, moderation: int) -> Statement:
    """Show, hide or reset a statement (campaign staff). Hidden statements leave the map. Publishes
    StatementModerated."""
    require_perm(actor, "opinionmap.moderate", statement.campaign)
    if moderation not in Moderation.values:
        raise ApplicationError(_("Unknown moderation state."), code="invalid_moderation", field="moderation")
    with transaction.atomic():
        statement.moderation = moderation
        statement.save(update_fields=["moderation"])
        publish(StatementModerated(statement.campaign_id, statement.pk, moderation))
    report_schedule(campaign_id=statement.campaign_id)
    return statement


def report_schedule(*, campaign_id: int) -> bool:
    """Queue a recompute unless one is pending. Returns True when it queued one."""
    from .tasks import recompute_report

    report, _created = Report.objects.get_or_create(campaign_id=campaign_id)
    if not Report.objects.filter(pk=report.pk, pending=False).update(pending=True):
        return False
    opts = OpinionMapSettings.objects.filter(campaign_id=campaign_id).first()
    seconds = opts.recompute_seconds if opts else 30
    run_after = None
    if report.computed_at and report.computed_at + timedelta(seconds=seconds) > timezone.now():
        run_after = report.computed_at + timedelta(seconds=seconds)
    task = recompute_report
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    transaction.on_commit(lambda: task.enqueue(campaign_id))
    return True


def vote_matrix(campaign: Campaign) -> om.VoteMatrix:
    hidden = list(
        Statement.objects.filter(campaign=campaign).exclude(moderation=Moderation.SHOWN).values_list("pk", flat=True)
    )
    shown = list(Statement.objects.filter(campaign=campaign, moderation=Moderation.SHOWN).values_list("pk", flat=True))
    votes = Vote.objects.filter(statement__campaign=campaign).values_list("participant_id", "statement_id", "value")
    return om.VoteMatrix.from_votes(votes.iterator(), hidden=hidden, statements=shown)


def report_compute(*, campaign: Campaign) -> Report:
    """Recompute and store the campaign's report (idempotent). Publishes OpinionReportComputed."""
    opts = settings_for(campaign)
    started = time.perf_counter()
    with transaction.atomic():
        Report.objects.get_or_create(campaign=campaign)
        Report.objects.filter(campaign=campaign).update(pending=False)
    matrix = vote_matrix(campaign)
    data = om.compute(matrix, min_votes=opts.min_votes).as_dict()
    with transaction.atomic():
        report = Report.objects.select_for_update().get(campaign=campaign)
        report.data = data
        report.computed_at = timezone.now()
        report.vote_count = data["n_votes"]
        report.seconds = round(time.perf_counter() - started, 3)
        report.save(update_fields=["data", "computed_at", "vote_count", "seconds"])
        publish(OpinionReportComputed(campaign.pk, report.vote_count))
    return report
