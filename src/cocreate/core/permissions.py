"""Permissions in one place: every rule lives in an app's rules.py; this checks them for services."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from .errors import PermissionDenied


def has_perm(actor: Any, perm: str, obj: Any = None) -> bool:
    return rules.has_perm(perm, actor, obj)


def require_perm(actor: Any, perm: str, obj: Any = None, message: str | None = None) -> None:
    """Raise PermissionDenied unless `actor` holds `perm` (on `obj`)."""
    if not has_perm(actor, perm, obj):
        raise PermissionDenied(message or _("You are not allowed to do that."), code=f"forbidden:{perm}")
