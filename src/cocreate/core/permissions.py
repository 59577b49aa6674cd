"""Permissions in one place: every rule lives in an app's rules.py; this checks them for services, views and the API.

A rule registered with `add_rule` explains itself: it is a list of `Check`s, each a predicate with the refusal the
person sees when it fails (and the error's code and status). `rules.has_perm` (templates' `perms`, the API, views)
sees the conjunction of the checks; `require_perm` raises the refusal of the first check that fails.

    add_rule(
        "ideas.withdraw",
        Check(is_idea_author, _("Only the author can withdraw this idea.")),
        Check(idea_is_withdrawable, _("This idea can no longer be withdrawn."), code="invalid_transition", status=409),
    )
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import Any

import rules
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .errors import ApplicationError, Conflict, NotFound, PermissionDenied

GENERIC_REFUSAL = _("You are not allowed to do that.")


@dataclass(frozen=True)
class Check:
    """One condition of a rule and what the person is told when it fails.

    `predicate` is a `rules` predicate taking (actor, obj). Alternatively `perm` names another rule, checked on
    `on(obj)` (the idea's campaign, say), whose own refusal is used: rules compose without copying messages.
    """

    predicate: Any = None
    message: str | Promise = GENERIC_REFUSAL
    code: str | None = None
    status: int = 403
    perm: str | None = None
    on: Callable[[Any], Any] | None = None

    def passes(self, actor: Any, obj: Any) -> bool:
        if self.perm is not None:
            return rules.has_perm(self.perm, actor, self.on(obj) if self.on else obj)
        return bool(self.predicate.test(actor, obj))

    def as_predicate(self) -> rules.Predicate:
        if self.perm is None:
            predicate = self.predicate
            return predicate if isinstance(predicate, rules.Predicate) else rules.predicate(predicate)
        perm, on = self.perm, self.on

        @rules.predicate(name=f"perm:{perm}")
        def holds(actor, obj):
            return rules.has_perm(perm, actor, on(obj) if on else obj)

        return holds

    def error(self, actor: Any, obj: Any) -> ApplicationError:
        if self.perm is not None:
            inner = refusal(actor, self.perm, self.on(obj) if self.on else obj)
            if inner is not None:
                return inner
        kind = {403: PermissionDenied, 404: NotFound, 409: Conflict}.get(self.status)
        if kind is not None:
            return kind(self.message, code=self.code)
        return ApplicationError(self.message, code=self.code, status=self.status)


_CHECKS: dict[str, tuple[Check, ...]] = {}


def add_rule(name: str, *checks: Check) -> None:
    """Register permission `name` as all of `checks`, in order (the first failing one is the refusal shown)."""
    if not checks:
        raise ValueError(f"{name}: a rule needs at least one check")
    _CHECKS[name] = checks
    rules.add_perm(name, reduce(lambda a, b: a & b, (c.as_predicate() for c in checks)))


def rule_checks(name: str) -> tuple[Check, ...]:
    return _CHECKS.get(name, ())


def has_perm(actor: Any, perm: str, obj: Any = None) -> bool:
    return rules.has_perm(perm, actor, obj)


def refusal(actor: Any, perm: str, obj: Any = None) -> ApplicationError | None:
    """None when `actor` holds `perm` (on `obj`); else the error that explains why not."""
    if has_perm(actor, perm, obj):
        return None
    for check in _CHECKS.get(perm, ()):
        if not check.passes(actor, obj):
            return check.error(actor, obj)
    return PermissionDenied(GENERIC_REFUSAL, code=f"forbidden:{perm}")


def require_perm(actor: Any, perm: str, obj: Any = None, message: str | Promise | None = None) -> None:
    """Raise the rule's refusal unless `actor` holds `perm` (on `obj`). `message` overrides a generic refusal."""
    error = refusal(actor, perm, obj)
    if error is None:
        return
    if message is not None and perm not in _CHECKS:
        error = PermissionDenied(message, code=f"forbidden:{perm}")
    raise error


def can_map(actor: Any, obj: Any, perms: Mapping[str, str]) -> dict[str, bool]:
    """A page's `can` map: {"withdraw": "ideas.withdraw", ...} -> {"withdraw": True, ...} for `actor` on `obj`."""
    return {key: has_perm(actor, perm, obj) for key, perm in perms.items()}
