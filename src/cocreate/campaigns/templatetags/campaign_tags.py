"""How a campaign's timeline and support ladder read in words, for cards and the brief."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cocreate.campaigns.models import Campaign, CampaignStatus, Phase, PhaseKind
from cocreate.core.methods import Section
from cocreate.core.methods import registry as methods

register = template.Library()


def _day(moment: datetime) -> str:
    """A short date in the viewer's time zone, with the year only when it is not this year."""
    local = timezone.localtime(moment)
    fmt = "j M" if local.year == timezone.localtime().year else "j M Y"
    return date_format(local, fmt)


def _open_words(phase: Phase) -> str:
    until = _day(phase.ends_at) if phase.ends_at else None
    if phase.kind == PhaseKind.SUBMISSION:
        return _("Submitting ideas until %(date)s") % {"date": until} if until else _("Submitting ideas")
    if phase.kind == PhaseKind.SUPPORT:
        return _("Supporting until %(date)s") % {"date": until} if until else _("Supporting ideas")
    if phase.kind == PhaseKind.REVIEW:
        return _("In review until %(date)s") % {"date": until} if until else _("In review")
    return _("Results published")


def _upcoming_words(phase: Phase) -> str:
    day = _day(phase.starts_at)
    if phase.kind == PhaseKind.SUBMISSION:
        return _("Ideas welcome from %(date)s") % {"date": day}
    if phase.kind == PhaseKind.SUPPORT:
        return _("Support opens %(date)s") % {"date": day}
    if phase.kind == PhaseKind.REVIEW:
        return _("Review starts %(date)s") % {"date": day}
    return _("Results on %(date)s") % {"date": day}


@register.filter
def phase_status(campaign: Campaign) -> str:
    """Where the campaign stands, in words: "Submitting ideas until 12 Jan", "Supporting until 3 Mar"…"""
    if campaign.status == CampaignStatus.DRAFT:
        return _("Draft: not published yet")
    if campaign.status == CampaignStatus.ARCHIVED:
        return _("Archived")
    now = timezone.now()
    phases = list(campaign.phases.all())
    if not phases:
        if campaign.method in methods and methods.of(campaign).has(Section.SUPPORT_LADDER):
            return _("Open for ideas and support")
        return _("Open")
    open_now = [p for p in phases if p.is_open(now)]
    if open_now:
        return " · ".join(_open_words(p) for p in open_now)
    upcoming = sorted((p for p in phases if p.starts_at > now), key=lambda p: p.starts_at)
    if upcoming:
        return _upcoming_words(upcoming[0])
    return _("Closed")


@register.filter
def phase_state(phase: Phase) -> str:
    """Open now, upcoming or ended, in words."""
    now = timezone.now()
    if phase.is_open(now):
        return _("Open now")
    if phase.starts_at > now:
        return _("Upcoming")
    return _("Ended")


@register.filter
def ladder_in_words(campaign: Campaign) -> str:
    """ "Stage 1: 100 supporters within 60 days → Stage 2: 1,000 within 365 days; each stage reached restarts
    the clock." """
    stages = list(campaign.support_stages.all())
    if not stages:
        return ""
    parts = []
    for i, stage in enumerate(stages, start=1):
        count = number_format(stage.threshold, force_grouping=True)
        days = ngettext("%(days)s day", "%(days)s days", stage.window_days) % {
            "days": number_format(stage.window_days, force_grouping=True)
        }
        if i == 1:
            text = ngettext(
                "Stage %(n)s: %(count)s supporter within %(days)s",
                "Stage %(n)s: %(count)s supporters within %(days)s",
                stage.threshold,
            )
        else:
            text = _("Stage %(n)s: %(count)s within %(days)s")
        parts.append(text % {"n": i, "count": count, "days": days})
    sentence = " → ".join(parts)
    if len(stages) == 1:
        return _("%(ladder)s.") % {"ladder": sentence}
    return _("%(ladder)s; each stage reached restarts the clock.") % {"ladder": sentence}


@register.filter
def number(value: int) -> str:
    return number_format(value, force_grouping=True)


@register.simple_tag(takes_context=True)
def method_staff_links(context, campaign: Campaign) -> list:
    """The campaign method's staff pages the viewer may open, from the method registry."""
    request = context.get("request")
    if request is None or campaign.method not in methods:
        return []
    return methods.of(campaign).staff_links_for(request.user, campaign)
