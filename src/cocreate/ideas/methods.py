"""The campaign methods whose entries are ideas: idea challenge, design contest, naming (short-entry) contest.

They share the idea lifecycle, the support ladder and the review; they differ in words, in the call to action and in
how the campaign page lists entries. Registered in IdeasConfig.ready()."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cocreate.core.methods import Action, CampaignMethod, Panel, Section, StaffLink

from .lifecycle import PUBLIC_STATES, IdeaStatus

IDEA_SECTIONS = frozenset(Section)  # every form section: ladder, moderation, entries, criteria, promise


def count_ideas(campaign_ids: Sequence[int]) -> dict[int, int]:
    """Published ideas (every public state) per campaign."""
    from .models import Idea

    rows = (
        Idea.objects.filter(campaign_id__in=campaign_ids, status__in=PUBLIC_STATES)
        .values("campaign_id")
        .annotate(n=Count("id"))
    )
    return {row["campaign_id"]: row["n"] for row in rows}


def count_authors(campaign_ids: Sequence[int]) -> dict[int, int]:
    """Members with at least one published idea, per campaign."""
    from .models import Idea

    rows = (
        Idea.objects.filter(Q(campaign_id__in=campaign_ids) & Q(status__in=PUBLIC_STATES))
        .values("campaign_id")
        .annotate(n=Count("author_id", distinct=True))
    )
    return {row["campaign_id"]: row["n"] for row in rows}


def _submit_action(submit: Any, sign_in: Any, closed: Any) -> Any:
    def call_to_action(request: Any, campaign: Any) -> Action:
        user = request.user
        if user.has_perm("ideas.submit", campaign):
            return Action(label=submit, url=reverse("ideas:submit", args=[campaign.slug]))
        if not campaign.phase_is_open("submission"):
            return Action(note=closed)
        if not user.is_authenticated:
            return Action(label=sign_in, url=f"{reverse('account_login')}?next={quote(request.get_full_path())}")
        return Action()

    return call_to_action


def _idea_list(heading: Any, words: Any, card_template: str, grid_class: str) -> Panel:
    def context(request: Any, campaign: Any) -> dict[str, Any]:
        from .views import idea_list_context  # the view module needs the whole app loaded

        found = idea_list_context(request, campaign=campaign)
        return {
            **found,
            "list_heading": heading,
            "list_count": str(words % {"count": found["ideas_page"].paginator.count}),
            "card_template": card_template,
            "grid_class": grid_class,
        }

    return Panel(template="ideas/includes/idea_list.html", context=context, htmx_target="idea-list")


def staff_links(user: Any, campaign: Any) -> list[StaffLink]:
    """The staff area: ideas by status, the moderation queue, status changes (ideas/staff_views.py)."""
    return [StaffLink(_("Staff area"), reverse("campaigns:manage", args=[campaign.slug]), "manage")]


IDEA_WORDS = ngettext_lazy("%(count)s idea", "%(count)s ideas", "count")
DESIGN_WORDS = ngettext_lazy("%(count)s design", "%(count)s designs", "count")
ENTRY_WORDS = ngettext_lazy("%(count)s entry", "%(count)s entries", "count")

IDEA_CHALLENGE = CampaignMethod(
    key="idea_challenge",
    label=_("Idea challenge"),
    description=_("Members submit ideas, support the ones they want made, and staff review those that climb."),
    sections=IDEA_SECTIONS,
    panels=(_idea_list(_("Ideas"), IDEA_WORDS, "ideas/includes/idea_card.html", "card-grid"),),
    call_to_action=_submit_action(
        _("Submit an idea"), _("Sign in to submit an idea"), _("This campaign is not accepting new ideas right now.")
    ),
    count_contributions=count_ideas,
    count_participants=count_authors,
    contribution_words=IDEA_WORDS,
    participant_words=ngettext_lazy("%(count)s contributor", "%(count)s contributors", "count"),
    lifecycle=IdeaStatus,
    staff_links=staff_links,
    entry_noun=_("idea"),
    position=10,
)

DESIGN_CONTEST = CampaignMethod(
    key="design_contest",
    label=_("Design contest"),
    description=_("Members submit designs with images; the community supports them and a jury scores the best."),
    sections=IDEA_SECTIONS,
    panels=(_idea_list(_("Designs"), DESIGN_WORDS, "ideas/includes/idea_card.html", "card-grid"),),
    call_to_action=_submit_action(
        _("Submit a design"), _("Sign in to submit a design"), _("This contest is not accepting new designs right now.")
    ),
    count_contributions=count_ideas,
    count_participants=count_authors,
    contribution_words=DESIGN_WORDS,
    participant_words=ngettext_lazy("%(count)s designer", "%(count)s designers", "count"),
    lifecycle=IdeaStatus,
    staff_links=staff_links,
    entry_noun=_("design"),
    position=20,
)

NAMING_CONTEST = CampaignMethod(
    key="naming_contest",
    label=_("Naming / short-entry contest"),
    description=_("Members send short entries (a name, a slogan) with a sentence on why; the best are picked."),
    sections=IDEA_SECTIONS,
    panels=(_idea_list(_("Entries"), ENTRY_WORDS, "ideas/includes/short_entry_card.html", "short-entries"),),
    call_to_action=_submit_action(
        _("Submit an entry"), _("Sign in to submit an entry"), _("This contest is not accepting new entries right now.")
    ),
    count_contributions=count_ideas,
    count_participants=count_authors,
    contribution_words=ENTRY_WORDS,
    participant_words=ngettext_lazy("%(count)s contributor", "%(count)s contributors", "count"),
    lifecycle=IdeaStatus,
    staff_links=staff_links,
    entry_noun=_("entry"),
    position=30,
)

IDEA_METHODS = (IDEA_CHALLENGE, DESIGN_CONTEST, NAMING_CONTEST)
