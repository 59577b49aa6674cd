"""Demo: one real Pol.is conversation (CC BY 4.0, The Computational Democracy Project) as an opinion map, with
its report computed, then the demo member's own votes and an anonymous visitor's, recomputed incrementally as
the background task does. Statement 15 ("I can speak a European language.") is imported as a statement about
the participant (a Pol.is meta statement): with it, Pol.is's published groups are reproduced exactly
(benchmarks/opinion_diagnosis.py), and the report shows it under "Who is in each group". The campaign's
facilitator finds the settings page (anonymous participants, submissions, moderation, votes needed, recompute
now) linked from the map. The export ships with the package (demo_data/, CC BY 4.0, attribution beside it)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import AnonymousUser

from .importer import import_polis
from .models import Statement, Vote
from .services import (
    new_anon_key,
    participant_ensure,
    report_compute,
    settings_for,
    settings_update,
    statement_mark_meta,
    statement_moderate,
)

DEMO_ORDER = 120
DEMO_CONVERSATION = "brexit-consensus"
DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
DEMO_META = {15}  # "I can speak a European language."


def seed_demo(ctx) -> dict[str, int]:
    folder = DEMO_DATA / DEMO_CONVERSATION
    campaign = import_polis(
        folder, slug="opinion-map-brexit", created_by=ctx.accounts.get("facilitator"), meta=DEMO_META
    )  # computed once from scratch
    shown = list(Statement.objects.filter(campaign=campaign, moderation=1).order_by("pk")[:10])
    voters = []
    member = ctx.accounts.get("member")
    if member is not None:
        voters.append(participant_ensure(actor=member, campaign=campaign))
    # an anonymous visitor, as the vote page and the API identify them (a random key in a cookie or header)
    voters.append(participant_ensure(actor=AnonymousUser(), campaign=campaign, anon_key=new_anon_key()))
    # their votes, written in bulk like the imported ones (one recompute at the end, not one per vote)
    Vote.objects.bulk_create(
        [Vote(participant=p, statement=s, value=ctx.rng.choice([1, 1, -1, 0])) for p in voters for s in shown]
    )
    report = report_compute(campaign=campaign)  # incremental: starts from the import's computation
    _facilitators_round(ctx, campaign)
    return {"opinion maps": 1, "opinion votes": report.vote_count}


def _facilitators_round(ctx, campaign) -> None:
    """The facilitator's moderation round through the services (the activity log shows each step): a statement
    hidden for being two opinions in one, another marked as about the participant, the map's settings confirmed."""
    facilitator = ctx.accounts.get("facilitator")
    if facilitator is None:
        return
    statements = list(Statement.objects.filter(campaign=campaign, moderation=1, is_meta=False).order_by("-pk")[:2])
    if len(statements) == 2:
        statement_moderate(actor=facilitator, statement=statements[0], moderation=-1)
        statement_mark_meta(actor=facilitator, statement=statements[1], is_meta=True)
    settings_update(actor=facilitator, campaign=campaign, min_votes=settings_for(campaign).min_votes)
