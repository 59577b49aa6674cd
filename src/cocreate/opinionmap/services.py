"""Writes of the opinion map: settings, participants, statements and their moderation, votes, the report.

A vote schedules a recompute of the report (debounced: at most one pending per campaign, and not sooner than
`recompute_seconds` after the last computation when the task backend can defer)."""

from __future__ import annotations

import re
import secrets
import time
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import User
from cocreate.accounts.standing import require_active
from cocreate.activity.models import Verb
from cocreate.activity.services import activity_record
from cocreate.campaigns.models import Campaign
from cocreate.core.errors import ApplicationError, NotFound
from cocreate.core.events import publish
from cocreate.core.permissions import has_perm, require_perm

from . import math as om
from .events import OpinionReportComputed, OpinionVoteCast, StatementModerated, StatementSubmitted
from .models import Moderation, OpinionMapSettings, Participant, Report, Statement, StatementModeration, Vote

ANON_COOKIE = "cocreate_opinion"
ANON_MAX_AGE = 365 * 24 * 3600  # the anonymous identity cookie lasts a year


ANON_KEY = re.compile(r"[A-Za-z0-9_-]{32}")


def new_anon_key() -> str:
    return secrets.token_urlsafe(24)


def is_valid_anon_key(key: str) -> bool:
    """Only keys of the shape new_anon_key makes identify a visitor: imported participants' keys (and anything a
    client invents) cannot be borrowed to vote in their name."""
    return bool(ANON_KEY.fullmatch(key or ""))


def settings_for(campaign: Campaign) -> OpinionMapSettings:
    """The campaign's settings, created with defaults on first use."""
    try:
        return campaign.opinionmap_settings
    except OpinionMapSettings.DoesNotExist:
        found, _created = OpinionMapSettings.objects.get_or_create(campaign=campaign)
        campaign.opinionmap_settings = found
        return found


SETTINGS_FIELDS = (
    "allow_anonymous",
    "allow_submissions",
    "statement_moderation",
    "min_votes",
    "recompute_seconds",
    "attribution",
)


def settings_update(*, actor: User, campaign: Campaign, **fields: Any) -> OpinionMapSettings:
    """Change the campaign's opinion-map settings (campaign staff). A new `min_votes` changes who is placed on
    the map: the next recompute starts from scratch and one is queued. Publishes no event."""
    require_perm(actor, "opinionmap.configure", campaign)
    with transaction.atomic():
        obj = settings_for(campaign)
        before = obj.min_votes
        for name, value in fields.items():
            if name not in SETTINGS_FIELDS:
                raise ApplicationError(_("Unknown setting."), code="unknown_setting", field=name)
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
        activity_record(
            actor=actor, verb=Verb.CAMPAIGN_SETTINGS, target=campaign, campaign_id=campaign.pk, details=fields
        )
        if obj.min_votes != before:
            # participants stay on the map once placed (Pol.is); a new threshold must apply to everyone
            Report.objects.filter(campaign=campaign).update(state={})
            report_schedule(campaign_id=campaign.pk)
    return obj


def participant_get(*, actor: User, campaign: Campaign, anon_key: str = "") -> Participant | None:
    """The participant `actor` (or the anonymous cookie key) already is in `campaign`, if any."""
    if getattr(actor, "is_authenticated", False):
        return Participant.objects.filter(campaign=campaign, user=actor).first()
    if anon_key:
        return Participant.objects.filter(campaign=campaign, anon_key=anon_key).first()
    return None


def participant_ensure(*, actor: User, campaign: Campaign, anon_key: str = "") -> Participant:
    """The participant for a member, or for an anonymous visitor's cookie key (only if the campaign allows)."""
    require_perm(actor, "opinionmap.vote", campaign)
    if getattr(actor, "is_authenticated", False):
        participant, _created = Participant.objects.get_or_create(campaign=campaign, user=actor)
        return participant
    if not anon_key:
        raise ApplicationError(_("Your anonymous identity is missing; enable cookies."), code="no_identity")
    if not is_valid_anon_key(anon_key):
        raise ApplicationError(_("This anonymous identity is not valid."), code="invalid_participant_key")
    try:
        with transaction.atomic():
            participant, _created = Participant.objects.get_or_create(campaign=campaign, anon_key=anon_key)
    except IntegrityError:
        participant = Participant.objects.get(campaign=campaign, anon_key=anon_key)
    return participant


def vote_cast(*, actor: User, campaign: Campaign, statement: Statement, value: int, anon_key: str = "") -> Vote:
    """Agree (1), disagree (-1) or pass (0) on a shown statement; a second vote replaces the first.
    Publishes OpinionVoteCast (its handler schedules a report recompute)."""
    if value not in (-1, 0, 1):
        raise ApplicationError(_("A vote is agree, disagree or pass."), code="invalid_vote", field="value")
    if statement.campaign_id != campaign.pk or statement.moderation != Moderation.SHOWN:
        raise NotFound(_("This statement does not exist."), code="statement_not_found")
    require_active(actor)
    with transaction.atomic():
        participant = participant_ensure(actor=actor, campaign=campaign, anon_key=anon_key)
        vote, _created = Vote.objects.update_or_create(
            participant=participant, statement=statement, defaults={"value": value}
        )
        publish(OpinionVoteCast(campaign.pk, statement.pk, participant.pk, value))
    return vote


def statement_submit(*, actor: User, campaign: Campaign, text: str, anon_key: str = "") -> Statement:
    """Submit a short statement. Shown at once under post-moderation (or when staff submit), otherwise waiting
    for a moderator. Publishes StatementSubmitted."""
    require_perm(actor, "opinionmap.submit", campaign)
    require_active(actor)
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


def statement_moderate(*, actor: User, statement: Statement, moderation: int) -> Statement:
    """Show, hide or reset a statement (campaign staff). Hidden statements leave the map. Publishes
    StatementModerated."""
    require_perm(actor, "opinionmap.moderate", statement.campaign)
    if moderation not in Moderation.values:
        raise ApplicationError(_("Unknown moderation state."), code="invalid_moderation", field="moderation")
    with transaction.atomic():
        statement.moderation = moderation
        statement.save(update_fields=["moderation"])
        activity_record(
            actor=actor, verb=Verb.MODERATION_STATEMENT, target=statement, details={"moderation": moderation}
        )
        publish(StatementModerated(statement.campaign_id, statement.pk, moderation))
    report_schedule(campaign_id=statement.campaign_id)
    return statement


def statement_mark_meta(*, actor: User, statement: Statement, is_meta: bool) -> Statement:
    """Mark a statement as about the participant ("I live in a town"), or as an opinion again (campaign staff).
    A meta statement is still shown and answered but kept out of the map and of the groups' statements, as
    Pol.is meta statements are. Queues a recompute. Publishes no event."""
    require_perm(actor, "opinionmap.moderate", statement.campaign)
    with transaction.atomic():
        statement.is_meta = bool(is_meta)
        statement.save(update_fields=["is_meta"])
        activity_record(
            actor=actor, verb=Verb.MODERATION_STATEMENT_META, target=statement, details={"is_meta": statement.is_meta}
        )
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
    """Every vote of the campaign. As in Pol.is the columns are the statements that have votes; those not shown
    (hidden, or back to waiting) are moderated out and meta statements are marked, for math.compute."""
    flags = Statement.objects.filter(campaign=campaign).values_list("pk", "moderation", "is_meta")
    hidden = [pk for pk, moderation, _meta in flags if moderation != Moderation.SHOWN]
    meta = [pk for pk, _moderation, is_meta in flags if is_meta]
    votes = Vote.objects.filter(statement__campaign=campaign).values_list("participant_id", "statement_id", "value")
    return om.VoteMatrix.from_votes(votes.iterator(), hidden=hidden, meta=meta)


def report_compute(*, campaign: Campaign, full: bool = False) -> Report:
    """Recompute and store the campaign's report (idempotent). Incremental by default: it starts from the stored
    state of the last computation (warm PCA and k-means, participants stay placed, the number of groups changes
    only after winning four recomputes in a row) unless `full`, or math.needs_full_recompute says the state is
    missing or stale; `full` starts afresh from scratch. Publishes OpinionReportComputed."""
    opts = settings_for(campaign)
    started = time.perf_counter()
    with transaction.atomic():
        Report.objects.get_or_create(campaign=campaign)
        Report.objects.filter(campaign=campaign).update(pending=False)
    previous = None if full else Report.objects.filter(campaign=campaign).values_list("state", flat=True).first()
    matrix = vote_matrix(campaign)
    n_votes = int((matrix.values == matrix.values).sum())  # NaN != NaN: the cells with a vote
    warm = not om.needs_full_recompute(previous, n_votes)
    result = om.compute(matrix, min_votes=opts.min_votes, previous=previous or None, warm_start=warm)
    data = result.as_dict()
    with transaction.atomic():
        report = Report.objects.select_for_update().get(campaign=campaign)
        report.data = data
        report.state = result.state
        report.computed_at = timezone.now()
        report.vote_count = data["n_votes"]
        report.seconds = round(time.perf_counter() - started, 3)
        report.save(update_fields=["data", "state", "computed_at", "vote_count", "seconds"])
        publish(OpinionReportComputed(campaign.pk, report.vote_count))
    return report


def report_recompute(*, actor: User, campaign: Campaign) -> Report:
    """Campaign staff recompute the map now, from scratch (not waiting for the debounce, and forgetting what
    earlier computations carried over). Publishes OpinionReportComputed."""
    require_perm(actor, "opinionmap.configure", campaign)
    return report_compute(campaign=campaign, full=True)
