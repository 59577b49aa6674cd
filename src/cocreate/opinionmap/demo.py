"""Demo: one real Pol.is conversation (CC BY 4.0, The Computational Democracy Project) as an opinion map, with
its report computed and the demo member's own votes. Skipped quietly when ../shared/data/polis is missing."""

from __future__ import annotations

from django.conf import settings

from .importer import import_polis
from .models import Statement
from .services import report_compute, vote_cast

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
        for statement in shown:
            vote_cast(actor=member, campaign=campaign, statement=statement, value=ctx.rng.choice([1, 1, -1, 0]))
    report = report_compute(campaign=campaign)
    return {"opinion maps": 1, "opinion votes": report.vote_count}
