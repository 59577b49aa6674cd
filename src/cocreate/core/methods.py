"""The campaign methods this site offers: a small registry, not a plugin framework.

A method (idea challenge, pairwise survey, opinion map, …) is declared once, as a `CampaignMethod`, in the app that
implements it, and registered from that app's `AppConfig.ready()`. Everything that depends on a campaign's method
asks the registry instead of comparing keys: the campaign page (panels and call to action), the campaign card's
counts, the create/edit form (which methods exist, which form sections apply), the API, search and the demo.
`docs/methods.md` says how to add one.

The kernel knows nothing about campaigns: a campaign is anything with a `method` attribute holding a key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import rules
from django.utils.functional import Promise

Text = str | Promise  # a string, or a lazy translation
CountFunction = Callable[[Sequence[int]], dict[int, int]]  # campaign ids -> count per campaign id (missing: 0)


class Section(StrEnum):
    """Parts of the campaign form that only some methods use. A section that does not apply to a campaign's
    method is neither shown nor saved."""

    SUPPORT_LADDER = "support_ladder"  # the support stages (threshold within a window)
    MODERATION = "moderation"  # pre- or post-moderation of entries
    ENTRIES_PER_MEMBER = "entries_per_member"  # a cap on entries per member, and images per entry
    CRITERIA = "criteria"  # weighted evaluation criteria for reviewers
    RESPONSE_PROMISE = "response_promise"  # an official answer to every entry within N days


class Placement(StrEnum):
    LEAD = "lead"  # right under the campaign's title and call to action, before the brief
    MAIN = "main"  # after the brief, full width


@dataclass(frozen=True)
class Panel:
    """One part of a campaign page that belongs to the method: a template, and a function giving its context.

    `context(request, campaign)` returns the variables the template needs (merged into the page's context).
    `htmx_target` names the element id the panel re-renders on its own: an htmx request aimed at it gets only the
    panel's template (the idea list's filters and pages work that way)."""

    template: str
    context: Callable[[Any, Any], dict[str, Any]] | None = None
    placement: Placement = Placement.MAIN
    htmx_target: str = ""


@dataclass(frozen=True)
class Action:
    """The campaign page's main call to action: a button (label + url), or only a note saying why there is none."""

    label: Text = ""
    url: str = ""
    note: Text = ""
    secondary: tuple[tuple[Text, str], ...] = ()  # further (label, url) links shown next to the button


@dataclass(frozen=True)
class StaffLink:
    """A link in the campaign staff's navigation to one of the method's staff pages; `name` marks it as the current
    page when a page includes the navigation with `active=name`."""

    label: Text
    url: str
    name: str = ""


class UnknownMethod(LookupError):
    """A campaign method key no app registered."""


class MethodAlreadyRegistered(ValueError):
    """Two declarations for the same key."""


@dataclass(frozen=True)
class CampaignMethod:
    """Everything the platform needs to know about one campaign method.

    - key: stored in `Campaign.method` (at most 30 characters); never changes once campaigns use it.
    - label, description: shown in the campaign form, on cards and on the campaign page.
    - sections: the campaign-form sections that apply (see `Section`).
    - panels: the method's parts of the campaign page, in order.
    - call_to_action(request, campaign) -> Action | None: the campaign page's main button.
    - count_contributions / count_participants: batch functions, campaign ids -> counts, for cards and the API
      (one query for a whole list, whatever its length).
    - contribution_words / participant_words: how a count reads, e.g. ngettext_lazy("%(count)s statement",
      "%(count)s statements", "count").
    - lifecycle: the states its entries go through (a choices class), for docs and the staff tools.
    - urls: a URLconf module included at the site root (namespaced by its own app_name), or "".
    - api_router: dotted path (module.attribute) of a django-ninja Router mounted under /api/v1/, or "".
    - demo: dotted path of the module whose `seed_demo(ctx)` builds this method's demo campaign, or "" when the
      base demo community builds it.
    - entry_noun: what one entry is called ("idea", "statement"), for headings.
    - staff_links(user, campaign) -> [StaffLink]: the method's staff pages the user may open, for the campaign staff
      navigation (the idea methods' staff area, the survey's entries, the map's moderation and settings).
    """

    key: str
    label: Text
    description: Text
    call_to_action: Callable[[Any, Any], Action | None]
    count_contributions: CountFunction
    count_participants: CountFunction
    contribution_words: Text
    participant_words: Text
    sections: frozenset[Section] = frozenset()
    panels: tuple[Panel, ...] = ()
    lifecycle: Any = None
    urls: str = ""
    api_router: str = ""
    demo: str = ""
    entry_noun: Text = ""
    staff_links: Callable[[Any, Any], Sequence[StaffLink]] | None = None
    position: int = 100  # order in the campaign form's list of methods

    def __post_init__(self) -> None:
        if not self.key or len(self.key) > 30 or not self.key.replace("_", "").isalnum():
            raise ValueError(f"A method key is 1-30 letters, digits or underscores, not {self.key!r}.")

    def applies_to(self, campaign: Any) -> bool:
        """Whether `campaign` runs this method. The one place a method key is compared."""
        return campaign is not None and getattr(campaign, "method", None) == self.key

    @property
    def predicate(self) -> rules.Predicate:
        """A `rules` predicate "the campaign runs this method", for the method's rules.py."""
        return rules.Predicate(lambda user, campaign: self.applies_to(campaign), name=f"is_{self.key}")

    def has(self, section: Section | str) -> bool:
        return Section(section) in self.sections

    def staff_links_for(self, user: Any, campaign: Any) -> list[StaffLink]:
        return list(self.staff_links(user, campaign)) if self.staff_links else []

    def contributions_in_words(self, count: int) -> str:
        return str(self.contribution_words % {"count": count})  # a lazy ngettext picks its plural form here

    def participants_in_words(self, count: int) -> str:
        return str(self.participant_words % {"count": count})


@dataclass
class MethodRegistry:
    _methods: dict[str, CampaignMethod] = field(default_factory=dict)

    def register(self, method: CampaignMethod) -> CampaignMethod:
        if method.key in self._methods:
            raise MethodAlreadyRegistered(f"The campaign method {method.key!r} is already registered.")
        self._methods[method.key] = method
        return method

    def unregister(self, key: str) -> None:
        self._methods.pop(key, None)

    def get(self, key: str) -> CampaignMethod:
        try:
            return self._methods[key]
        except KeyError:
            known = ", ".join(sorted(self._methods)) or "none"
            raise UnknownMethod(f"No campaign method {key!r} is registered (registered: {known}).") from None

    def of(self, campaign: Any) -> CampaignMethod:
        """The method `campaign` runs."""
        return self.get(campaign.method)

    def __contains__(self, key: object) -> bool:
        return key in self._methods

    def __iter__(self) -> Iterator[CampaignMethod]:
        return iter(sorted(self._methods.values(), key=lambda m: (m.position, m.key)))

    def all_keys(self) -> list[str]:
        return [m.key for m in self]

    def choices(self) -> list[tuple[str, Text]]:
        return [(m.key, m.label) for m in self]

    def counts(self, campaigns: Iterable[Any]) -> dict[int, tuple[int, int]]:
        """(contributions, participants) per campaign pk, in one query per count function, however many
        campaigns: methods that share a function (the idea methods do) share its query."""
        campaigns = list(campaigns)
        groups: dict[CountFunction, list[int]] = {}
        for campaign in campaigns:
            method = self.of(campaign)
            groups.setdefault(method.count_contributions, []).append(campaign.pk)
            groups.setdefault(method.count_participants, []).append(campaign.pk)
        found: dict[CountFunction, dict[int, int]] = {fn: fn(sorted(set(ids))) for fn, ids in groups.items()}
        out = {}
        for campaign in campaigns:
            method = self.of(campaign)
            out[campaign.pk] = (
                found[method.count_contributions].get(campaign.pk, 0),
                found[method.count_participants].get(campaign.pk, 0),
            )
        return out


registry = MethodRegistry()
register = registry.register
