"""Writes of the pairwise wiki survey: settings, entries (added and moderated), the pair served, votes."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cocreate.accounts.models import User
from cocreate.accounts.standing import require_active
from cocreate.activity.models import Verb
from cocreate.activity.services import activity_record
from cocreate.campaigns.models import Campaign
from cocreate.core.errors import ApplicationError, Conflict
from cocreate.core.events import publish
from cocreate.core.permissions import has_perm, require_perm
from cocreate.legal.services import require_terms_accepted

from . import model
from .events import PairwiseEntryAdded, PairwiseEntryModerated, PairwiseVoteCast
from .models import CantDecideReason, Choice, EntryStatus, PairwiseEntry, PairwisePrompt, PairwiseSettings, PairwiseVote
from .selectors import campaign_fit, last_prompt, settings_for

_rng = np.random.default_rng()


def _is_member(actor: User) -> bool:
    return bool(getattr(actor, "is_authenticated", False))


def _bump_revision(campaign: Campaign) -> None:
    settings_for(campaign)
    PairwiseSettings.objects.filter(campaign=campaign).update(revision=F("revision") + 1)


def settings_update(
    *, actor: User, campaign: Campaign, allow_anonymous: bool, allow_member_entries: bool
) -> PairwiseSettings:
    """Change whether visitors may vote anonymously and whether members may add entries. Publishes nothing."""
    require_perm(actor, "pairwise.configure", campaign)
    with transaction.atomic():
        found = settings_for(campaign)
        found.allow_anonymous = allow_anonymous
        found.allow_member_entries = allow_member_entries
        found.full_clean()
        found.save(update_fields=["allow_anonymous", "allow_member_entries"])
        activity_record(
            actor=actor,
            verb=Verb.CAMPAIGN_SETTINGS,
            target=campaign,
            campaign_id=campaign.pk,
            details={"allow_anonymous": allow_anonymous, "allow_member_entries": allow_member_entries},
        )
    return found


def entry_add(*, actor: User, campaign: Campaign, text: str) -> PairwiseEntry:
    """Add an entry. From campaign moderators it is a seed entry, shown at once; from members it waits for
    approval. Publishes PairwiseEntryAdded."""
    require_perm(actor, "pairwise.add_entry", campaign)
    require_active(actor)
    staff = has_perm(actor, "pairwise.moderate", campaign)
    if not staff:
        require_terms_accepted(actor)
    text = " ".join((text or "").split())
    if not text:
        raise ApplicationError(_("Write your entry first."), code="empty", field="text")
    existing = PairwiseEntry.objects.filter(campaign=campaign).values_list("text", flat=True)
    if text.casefold() in {other.casefold() for other in existing}:
        raise Conflict(_("This entry is already in the survey."), code="duplicate_entry", field="text")
    with transaction.atomic():
        entry = PairwiseEntry(
            campaign=campaign,
            text=text,
            added_by=actor,
            is_seed=staff,
            status=EntryStatus.SHOWN if staff else EntryStatus.PENDING,
        )
        if staff:
            entry.moderated_by, entry.moderated_at = actor, timezone.now()
        entry.full_clean()
        entry.save()
        if staff:
            _bump_revision(campaign)
        publish(
            PairwiseEntryAdded(entry_id=entry.pk, campaign_id=campaign.pk, added_by_id=actor.pk, status=entry.status)
        )
    return entry


def entry_moderate(*, actor: User, entry: PairwiseEntry, status: str) -> PairwiseEntry:
    """Show or hide an entry (approve or reject a member's entry; hide a shown one). Its votes are kept: a hidden
    entry leaves the ranking and is no longer served. Publishes PairwiseEntryModerated."""
    require_perm(actor, "pairwise.moderate", entry.campaign)
    if status not in (EntryStatus.SHOWN, EntryStatus.HIDDEN):
        raise ApplicationError(_("Choose to show or to hide the entry."), code="invalid_status", field="status")
    with transaction.atomic():
        entry = PairwiseEntry.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=entry.pk)
        entry.status = status
        entry.moderated_by, entry.moderated_at = actor, timezone.now()
        entry.full_clean()
        entry.save(update_fields=["status", "moderated_by", "moderated_at", "updated_at"])
        _bump_revision(entry.campaign)
        activity_record(actor=actor, verb=Verb.MODERATION_ENTRY, target=entry, details={"status": status})
        publish(
            PairwiseEntryModerated(
                entry_id=entry.pk, campaign_id=entry.campaign_id, moderator_id=actor.pk, status=status
            )
        )
    return entry


def _voter_fields(actor: User, visitor_key: str) -> dict[str, Any]:
    if _is_member(actor):
        return {"voter": actor, "visitor_key": ""}
    if not visitor_key:
        raise ApplicationError(_("Sign in to vote."), code="not_authenticated", status=401)
    return {"voter": None, "visitor_key": visitor_key}


def prompt_next(*, actor: User, campaign: Campaign, visitor_key: str = "") -> PairwisePrompt:
    """Serve the next pair to a member (or to a visitor, identified by `visitor_key`, when the campaign allows
    anonymous votes). Pairs are chosen adaptively (pairwise.model.select_pair) among shown entries; never the pair
    this voter saw last. Publishes nothing."""
    require_perm(actor, "pairwise.vote", campaign)
    who = _voter_fields(actor, visitor_key)
    fitted = campaign_fit(campaign)
    if len(fitted.entries) < 2:
        raise Conflict(_("This survey needs at least two entries before anyone can vote."), code="too_few_entries")
    index = {entry.pk: i for i, entry in enumerate(fitted.entries)}
    avoid = []
    previous = last_prompt(campaign, **who)
    if previous is not None and previous.left_id in index and previous.right_id in index:
        avoid.append((index[previous.left_id], index[previous.right_id]))
    i, j = model.select_pair(fitted.model, _rng, avoid=avoid)
    with transaction.atomic():
        prompt = PairwisePrompt(campaign=campaign, left=fitted.entries[i], right=fitted.entries[j], **who)
        prompt.full_clean()
        prompt.save()
    return prompt


def vote_cast(
    *,
    actor: User,
    prompt: PairwisePrompt,
    choice: str,
    reason: str = "",
    reason_text: str = "",
    visitor_key: str = "",
) -> PairwiseVote:
    """Answer a pair that was served to this voter: pick a side, or "can't decide" with a reason. Both entries
    must still be shown; each prompt takes one answer. Publishes PairwiseVoteCast."""
    campaign = prompt.campaign
    require_perm(actor, "pairwise.vote", campaign)
    require_active(actor)
    who = _voter_fields(actor, visitor_key)
    if choice not in Choice.values:
        raise ApplicationError(_("Pick one of the two entries, or say you can't decide."), code="invalid_choice")
    if choice == Choice.CANT_DECIDE:
        if reason not in CantDecideReason.values:
            raise ApplicationError(_("Say why you can't decide."), code="reason_required", field="reason")
    else:
        reason, reason_text = "", ""
    with transaction.atomic():
        prompt = (
            PairwisePrompt.objects.select_for_update(of=("self",)).select_related("left", "right").get(pk=prompt.pk)
        )
        mine = prompt.voter_id == getattr(who["voter"], "pk", None) and prompt.visitor_key == who["visitor_key"]
        if not mine:
            raise ApplicationError(_("This pair was not shown to you."), code="not_served", status=403)
        if prompt.answered_at is not None:
            raise Conflict(_("You already answered this pair."), code="already_answered")
        if prompt.left.status != EntryStatus.SHOWN or prompt.right.status != EntryStatus.SHOWN:
            raise Conflict(_("One of these entries is no longer in the survey."), code="entry_not_shown")
        winner = loser = None
        if choice == Choice.LEFT:
            winner, loser = prompt.left, prompt.right
        elif choice == Choice.RIGHT:
            winner, loser = prompt.right, prompt.left
        vote = PairwiseVote(
            prompt=prompt,
            campaign=campaign,
            choice=choice,
            winner=winner,
            loser=loser,
            reason=reason,
            reason_text=(reason_text or "").strip()[:300],
            **who,
        )
        vote.full_clean()
        vote.save()
        prompt.answered_at = timezone.now()
        prompt.save(update_fields=["answered_at"])
        _bump_revision(campaign)
        publish(PairwiseVoteCast(vote_id=vote.pk, campaign_id=campaign.pk, voter_id=vote.voter_id, choice=choice))
    return vote
