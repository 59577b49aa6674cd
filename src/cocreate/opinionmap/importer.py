"""Load a Pol.is export as an opinion-map campaign: statements (with their moderation), participants as
anonymous participants (external ids), and the latest vote of each participant on each statement."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from cocreate.campaigns.models import Campaign, CampaignStatus

from .methods import OPINION_MAP
from .models import OpinionMapSettings, Participant, Statement, Vote
from .polis_export import ATTRIBUTION, read_export
from .services import report_compute


def import_polis(
    directory: str | Path,
    *,
    slug: str = "",
    created_by: Any = None,
    compute: bool = True,
    meta: Iterable[int] = (),
) -> Campaign:
    """Create a published opinion-map campaign from a Pol.is export folder and compute its report. `meta` names
    the Pol.is comment ids that were meta statements (about the participant): exports do not carry the flag."""
    meta = set(meta)
    export = read_export(directory)
    slug = slug or slugify(f"polis-{export.name}")[:80]
    with transaction.atomic():
        campaign = Campaign(
            slug=slug,
            title=(export.topic or export.name)[:160],
            goal=(export.topic or export.name)[:300],
            brief=(export.description or export.topic or export.name)
            + f"\n\n*{ATTRIBUTION}*"
            + (f" Source: {export.url}" if export.url else ""),
            method=OPINION_MAP.key,
            status=CampaignStatus.PUBLISHED,
            ip_terms=ATTRIBUTION,
            created_by=created_by,
        )
        campaign.full_clean(exclude=["created_by"])
        campaign.save()
        OpinionMapSettings.objects.create(
            campaign=campaign,
            allow_anonymous=True,
            attribution=ATTRIBUTION + (f" Source: {export.url}" if export.url else ""),
        )
        voters = sorted({v for _ts, v, _c, _x in export.votes} | {c[0] for c in export.comments.values()})
        participants = {
            v: p
            for v, p in zip(
                voters,
                Participant.objects.bulk_create(
                    [Participant(campaign=campaign, external_id=str(v), anon_key=f"polis:{slug}:{v}") for v in voters]
                ),
                strict=True,
            )
        }
        statements = {}
        for cid in sorted(export.comments):
            author, moderated, body, _ts = export.comments[cid]
            statements[cid] = Statement(
                campaign=campaign,
                text=body[:400],
                author=participants.get(author),
                # Pol.is shows unmoderated comments unless a conversation is strictly moderated
                moderation=-1 if moderated == -1 else 1,
                is_meta=cid in meta,
                external_id=str(cid),
            )
        created = Statement.objects.bulk_create(list(statements.values()))
        statements = dict(zip(statements, created, strict=True))
        Vote.objects.bulk_create(
            [
                Vote(participant=participants[voter], statement=statements[cid], value=value)
                for voter, cid, value in export.latest_votes()
                if cid in statements
            ],
            batch_size=2000,
        )
    if compute:
        report_compute(campaign=campaign)
    return campaign
