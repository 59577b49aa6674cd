"""Demo: one real Pol.is conversation (CC BY 4.0, The Computational Democracy Project) as an opinion map, with
its report computed and the demo member's own votes. Skipped quietly when ../shared/data/polis is missing."""

from __future__ import annotations

from django.conf import settings

from .importer import import_polis
from .models import Statement, Vote
from .services import participant_ensure, report_compute

DEMO_ORDER = 120
DEMO_CONVERSATION = "brexit-consensus"


def seed_demo(ctx) -> dict[str, int]:
    folder = settings.PROJECT_DIR.parent / "shared" / "data" / "polis" / DEMO_CONVERSATION
    if not (folder / "votes.csv").exists():
        return {}
    campaign = import_polis(
        folder, slug="opinion-map-brexit", created_by=ctx.accounts.get("facilitator"), compute=False
    )
    member = ctx.accounts.get("member")
    shown = list(Statement.objects.filter(campaign=campaign, moderation=1).order_by("pk")[:10])
    if member is not None:
        # the member's own votes, written in bulk like the imported ones (one recompute at the end, not ten)
        participant = participant_ensure(actor=member, campaign=campaign)
        Vote.objects.bulk_create(
            [Vote(participant=participant, statement=s, value=ctx.rng.choice([1, 1, -1, 0])) for s in shown]
        )
    report = report_compute(campaign=campaign)
    return {"opinion maps": 1, "opinion votes": report.vote_count}
