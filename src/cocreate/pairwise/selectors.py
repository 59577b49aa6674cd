"""Reads of the pairwise wiki survey shared by pages and the API: entries, the fitted model (cached), results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from cocreate.accounts.types import Actor
from cocreate.campaigns.models import Campaign

from . import model
from .models import EntryStatus, PairwiseEntry, PairwisePrompt, PairwiseSettings, PairwiseVote

CACHE_SECONDS = 24 * 3600


def settings_for(campaign: Campaign) -> PairwiseSettings:
    """The campaign's pairwise settings, created with the defaults on first use."""
    try:
        return campaign.pairwise_settings
    except PairwiseSettings.DoesNotExist:
        found, _created = PairwiseSettings.objects.get_or_create(campaign=campaign)
        campaign.pairwise_settings = found
        return found


def shown_entries(campaign: Campaign) -> QuerySet[PairwiseEntry]:
    return PairwiseEntry.objects.filter(campaign=campaign, status=EntryStatus.SHOWN).order_by("pk")


def pending_entries(campaign: Campaign) -> QuerySet[PairwiseEntry]:
    return (
        PairwiseEntry.objects.filter(campaign=campaign, status=EntryStatus.PENDING)
        .select_related("added_by")
        .order_by("created_at", "pk")
    )


def entries_for_staff(campaign: Campaign) -> QuerySet[PairwiseEntry]:
    return PairwiseEntry.objects.filter(campaign=campaign).select_related("added_by").order_by("status", "pk")


def my_entries(campaign: Campaign, user: Actor) -> QuerySet[PairwiseEntry]:
    if not getattr(user, "is_authenticated", False):
        return PairwiseEntry.objects.none()
    return PairwiseEntry.objects.filter(campaign=campaign, added_by_id=user.pk).order_by("-created_at")


def last_prompt(campaign: Campaign, *, voter: Any = None, visitor_key: str = "") -> PairwisePrompt | None:
    prompts = PairwisePrompt.objects.filter(campaign=campaign)
    prompts = prompts.filter(voter=voter) if voter is not None else prompts.filter(voter=None, visitor_key=visitor_key)
    return prompts.order_by("-created_at", "-pk").first()


@dataclass(frozen=True)
class CampaignFit:
    """The fitted model of a campaign's shown entries; entry k of `entries` is index k of `model`."""

    entries: list[PairwiseEntry]
    model: model.Fit
    votes: int  # decided votes between shown entries
    cant_decide: int


def campaign_fit(campaign: Campaign) -> CampaignFit:
    """Fit the model on the shown entries' decided votes. Cached by the campaign's revision, which every vote and
    moderation bumps, so the cache is never stale and survives across processes with a shared cache."""
    settings_for(campaign)
    # Read fresh: the campaign object in hand may carry settings loaded before the last vote.
    revision = PairwiseSettings.objects.filter(campaign=campaign).values_list("revision", flat=True).first()
    key = f"pairwise:fit:{campaign.pk}:{revision}"
    found = cache.get(key)
    if found is not None:
        return found
    entries = list(shown_entries(campaign).select_related("added_by"))
    index = {entry.pk: i for i, entry in enumerate(entries)}
    outcomes = []
    decided = (
        PairwiseVote.objects.filter(campaign=campaign, winner__isnull=False)
        .values("winner_id", "loser_id")
        .annotate(n=Count("pk"))
    )
    votes = 0
    for row in decided:
        if row["winner_id"] in index and row["loser_id"] in index:
            outcomes.extend([(index[row["winner_id"]], index[row["loser_id"]])] * row["n"])
            votes += row["n"]
    cant_decide = PairwiseVote.objects.filter(campaign=campaign, winner__isnull=True).count()
    result = CampaignFit(entries=entries, model=model.fit(len(entries), outcomes), votes=votes, cant_decide=cant_decide)
    cache.set(key, result, CACHE_SECONDS)
    return result


@dataclass(frozen=True)
class EntryResult:
    entry: PairwiseEntry
    rank: int
    score: float
    lower: float
    upper: float
    comparisons: int
    wins: int

    @property
    def member_added(self) -> bool:
        return not self.entry.is_seed

    # Positions for the band drawn as a bar (always with a decimal point, whatever the viewer's locale).
    @property
    def css_lower(self) -> str:
        return f"{self.lower:.1f}"

    @property
    def css_width(self) -> str:
        return f"{max(self.upper - self.lower, 0.5):.1f}"

    @property
    def css_score(self) -> str:
        return f"{self.score:.1f}"


@dataclass(frozen=True)
class Results:
    rows: list[EntryResult]
    votes: int
    cant_decide: int

    @property
    def rising_member_entries(self) -> list[EntryResult]:
        """Members' entries in the top ten (or top quarter, for small surveys): ideas the organisers lacked."""
        cutoff = max(3, min(10, len(self.rows) // 4))
        return [row for row in self.rows[:cutoff] if row.member_added]


def results(campaign: Campaign) -> Results:
    fitted = campaign_fit(campaign)
    m = fitted.model
    rows = [
        EntryResult(
            entry=fitted.entries[k],
            rank=rank,
            score=round(float(m.scores[k]), 1),
            lower=round(float(m.lower[k]), 1),
            upper=round(float(m.upper[k]), 1),
            comparisons=int(m.comparisons[k]),
            wins=int(m.wins[k]),
        )
        for rank, k in enumerate(m.ranking(), start=1)
    ]
    return Results(rows=rows, votes=fitted.votes, cant_decide=fitted.cant_decide)


def vote_counts(campaign: Campaign, *, voter: Any = None, visitor_key: str = "") -> int:
    votes = PairwiseVote.objects.filter(campaign=campaign)
    if voter is not None:
        return votes.filter(voter=voter).count()
    return votes.filter(Q(voter=None) & Q(visitor_key=visitor_key)).count() if visitor_key else 0
