"""The opinion map (Pol.is-style) as a campaign method: people vote agree / disagree / pass on short statements, and
the map shows the groups of opinion that emerge. Registered in OpinionmapConfig.ready()."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cocreate.campaigns.models import CampaignStatus
from cocreate.core.methods import Action, CampaignMethod, Panel, Placement, StaffLink

from .models import Moderation, Participant, Statement


def count_statements(campaign_ids: Sequence[int]) -> dict[int, int]:
    """Statements shown to participants, per campaign."""
    rows = (
        Statement.objects.filter(campaign_id__in=campaign_ids, moderation=Moderation.SHOWN)
        .values("campaign_id")
        .annotate(n=Count("id"))
    )
    return {row["campaign_id"]: row["n"] for row in rows}


def count_participants(campaign_ids: Sequence[int]) -> dict[int, int]:
    rows = Participant.objects.filter(campaign_id__in=campaign_ids).values("campaign_id").annotate(n=Count("id"))
    return {row["campaign_id"]: row["n"] for row in rows}


def call_to_action(request: Any, campaign: Any) -> Action:
    user = request.user
    vote_url = reverse("opinionmap:vote", args=[campaign.slug])
    report = ((_("See the opinion map"), reverse("opinionmap:report", args=[campaign.slug])),)
    if user.has_perm("opinionmap.vote", campaign):
        return Action(label=_("Vote on statements"), url=vote_url, secondary=report)
    if not user.is_authenticated and campaign.status == CampaignStatus.PUBLISHED:
        return Action(label=_("Sign in to vote"), url=f"{reverse('account_login')}?next={vote_url}", secondary=report)
    return Action(note=_("This opinion map is not taking votes right now."), secondary=report)


def panel_context(request: Any, campaign: Any) -> dict[str, Any]:
    from . import selectors

    # The page shows the shared map; the viewer's own mark is on the map's own page (it needs their identity).
    shared_map = selectors.report_view(campaign, selectors.latest_report(campaign), None)
    return {
        "opinion_statement_count": count_statements([campaign.pk]).get(campaign.pk, 0),
        "opinion_participant_count": count_participants([campaign.pk]).get(campaign.pk, 0),
        **{f"opinion_{key}": value for key, value in shared_map.items()},
    }


def staff_links(user: Any, campaign: Any) -> list[StaffLink]:
    links = []
    if user.has_perm("opinionmap.moderate", campaign):
        links.append(
            StaffLink(_("Moderate statements"), reverse("opinionmap:moderate", args=[campaign.slug]), "moderate")
        )
    if user.has_perm("opinionmap.configure", campaign):
        links.append(StaffLink(_("Map settings"), reverse("opinionmap:settings", args=[campaign.slug]), "settings"))
    return links


OPINION_MAP = CampaignMethod(
    key="opinion_map",
    label=_("Opinion map"),
    description=_(
        "People answer short statements with agree, disagree or pass; the map shows the groups of opinion "
        "that emerge and what unites them."
    ),
    sections=frozenset(),  # statements, their moderation and anonymous voting are set on the map's own settings page
    panels=(Panel(template="opinionmap/campaign_panel.html", context=panel_context, placement=Placement.LEAD),),
    call_to_action=call_to_action,
    count_contributions=count_statements,
    count_participants=count_participants,
    contribution_words=ngettext_lazy("%(count)s statement", "%(count)s statements", "count"),
    participant_words=ngettext_lazy("%(count)s participant", "%(count)s participants", "count"),
    lifecycle=Moderation,
    staff_links=staff_links,
    urls="cocreate.opinionmap.urls",
    api_router="cocreate.api.routers.opinionmap.router",
    demo="cocreate.opinionmap.demo",
    entry_noun=_("statement"),
    position=50,
)
