"""Demo: a pairwise wiki survey "Which café improvement first?" with 20 seed entries from staff, members' entries
(approved, one pending, one hidden — and one of them rising to the top) and a few hundred votes from demo members,
drawn from a hidden preference with realistic noise, so the results page has a ranking worth reading."""

from __future__ import annotations

import math

from django.utils import timezone

from cocreate.accounts.models import User
from cocreate.campaigns.models import Campaign, CampaignStatus

from .methods import PAIRWISE
from .models import CantDecideReason, Choice, EntryStatus, PairwiseEntry, PairwisePrompt, PairwiseSettings, PairwiseVote
from .selectors import settings_for
from .services import entry_moderate, settings_update

DEMO_ORDER = 130
SLUG = "cafe-improvements-pairwise"

SEEDS = [
    ("Faster queue at lunchtime", 1.2),
    ("More plant-based options", 0.9),
    ("Free tap water refills everywhere", 0.8),
    ("Quieter corner for working", 0.5),
    ("Longer opening hours on weekends", 0.6),
    ("Reusable cup deposit scheme", 0.7),
    ("Better wheelchair access at the counter", 0.4),
    ("Cheaper filter coffee", 1.0),
    ("More power sockets", 0.3),
    ("Seasonal local pastries", 0.2),
    ("Order ahead in the app", 0.1),
    ("Bigger outdoor terrace", 0.0),
    ("Loyalty card on the phone", -0.2),
    ("Board games to borrow", -0.6),
    ("Live music on Fridays", -0.8),
    ("Decaf that tastes like coffee", -0.1),
    ("Children's corner", -0.4),
    ("Newspapers and magazines", -1.0),
    ("Dog-friendly seating area", -0.5),
    ("Self-service coffee machine", -1.2),
]
MEMBER_ENTRIES = [
    ("Compost the coffee grounds for the community garden", 1.6, EntryStatus.SHOWN),
    ("A 'pay it forward' coffee board", 0.3, EntryStatus.SHOWN),
    ("Repair café evening once a month", -0.3, EntryStatus.SHOWN),
    ("Sell our beans in bulk with your own jar", None, EntryStatus.PENDING),
    ("Free coffee for me forever", None, EntryStatus.HIDDEN),
]
VOTES = 360


def seed_demo(ctx) -> dict[str, int]:
    now = ctx.now or timezone.now()
    facilitator = ctx.accounts.get("facilitator") or ctx.accounts["admin"]
    campaign = Campaign.objects.create(
        slug=SLUG,
        title="Which café improvement first?",
        goal="Which café improvement should we make first?",
        brief=(
            "We can make a few improvements to our cafés this year. Tell us which matter most to you: you will see "
            "two at a time, pick the one you prefer. **Missing something?** Add your own idea — the best ones "
            "often come from you."
        ),
        method=PAIRWISE.key,
        status=CampaignStatus.PUBLISHED,
        created_by=facilitator,
    )
    PairwiseSettings.objects.create(campaign=campaign, allow_anonymous=True, allow_member_entries=True)
    members = list(
        User.objects.filter(is_active=True, is_superuser=False)
        .exclude(pk__in=[u.pk for u in ctx.accounts.values()])
        .order_by("pk")[:40]
    )
    voters = members or [ctx.accounts["member"]]
    strength: dict[int, float] = {}
    entries = []
    for text, value in SEEDS:
        entry = PairwiseEntry.objects.create(
            campaign=campaign,
            text=text,
            status=EntryStatus.SHOWN,
            is_seed=True,
            added_by=facilitator,
            moderated_by=facilitator,
            moderated_at=now,
        )
        strength[entry.pk] = value
        entries.append(entry)
    for k, (text, value, status) in enumerate(MEMBER_ENTRIES):
        entry = PairwiseEntry.objects.create(
            campaign=campaign,
            text=text,
            status=status,
            is_seed=False,
            added_by=voters[k % len(voters)],
            moderated_by=facilitator if status != EntryStatus.PENDING else None,
            moderated_at=now if status != EntryStatus.PENDING else None,
        )
        if status == EntryStatus.SHOWN:
            strength[entry.pk] = value
            entries.append(entry)

    prompts, outcomes = [], []
    for _ in range(VOTES):
        left, right = ctx.rng.sample(entries, 2)
        voter = ctx.rng.choice(voters)
        prompts.append(PairwisePrompt(campaign=campaign, left=left, right=right, voter=voter, answered_at=now))
        diff = strength[left.pk] - strength[right.pk]
        if ctx.rng.random() < 0.08:
            outcomes.append((Choice.CANT_DECIDE, None, None, ctx.rng.choice(CantDecideReason.values)))
        elif ctx.rng.random() < 1.0 / (1.0 + math.exp(-diff)):
            outcomes.append((Choice.LEFT, left, right, ""))
        else:
            outcomes.append((Choice.RIGHT, right, left, ""))
    PairwisePrompt.objects.bulk_create(prompts)
    PairwiseVote.objects.bulk_create(
        PairwiseVote(
            prompt=prompt,
            campaign=campaign,
            choice=choice,
            winner=winner,
            loser=loser,
            reason=reason,
            voter=prompt.voter,
        )
        for prompt, (choice, winner, loser, reason) in zip(prompts, outcomes, strict=True)
    )
    PairwiseSettings.objects.filter(campaign=campaign).update(revision=1)
    # The facilitator's round through the services (the activity log shows it): the pending entry approved and
    # the survey's settings confirmed.
    pending = PairwiseEntry.objects.filter(campaign=campaign, status=EntryStatus.PENDING).first()
    if pending is not None:
        entry_moderate(actor=facilitator, entry=pending, status=EntryStatus.SHOWN)
    found = settings_for(campaign)
    settings_update(
        actor=facilitator,
        campaign=campaign,
        allow_anonymous=found.allow_anonymous,
        allow_member_entries=found.allow_member_entries,
    )
    return {"pairwise surveys": 1, "pairwise entries": len(SEEDS) + len(MEMBER_ENTRIES), "pairwise votes": VOTES}
