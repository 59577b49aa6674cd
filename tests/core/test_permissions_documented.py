"""docs/permissions.md is the one place that says who may do what: every permission our apps register must have a
row in its permission table, and every row must name a permission that still exists.

The registry is complete here: `rules.apps.AutodiscoverRulesConfig` (INSTALLED_APPS) imports every app's rules.py
when Django starts, before any test runs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import rules
from django.apps import apps
from rules.permissions import permissions as registry

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
OUR_APPS = frozenset(
    {
        "accounts",
        "legal",
        "campaigns",
        "ideas",
        "engagement",
        "api",
        "moderation",
        "notifications",
        "opinionmap",
        "pairwise",
        "review",
        "roadmap",
        "similarity",
        "search",
    }
)
TABLE_ROW = re.compile(r"^\|\s*`([a-z_]+\.[a-z_]+)`\s*\|", re.MULTILINE)


def _our_labels() -> frozenset[str]:
    # Apps added later are ours too: anything under the cocreate package.
    return OUR_APPS | {c.label for c in apps.get_app_configs() if c.name.startswith("cocreate.")}


def _permission_table(text: str) -> str:
    start = text.index("## Permission table")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def undocumented(names: Iterable[str], doc: str) -> list[str]:
    """Registered permissions of our apps that the doc never names as `name`."""
    labels = _our_labels()
    return sorted(n for n in names if n.split(".", 1)[0] in labels and f"`{n}`" not in doc)


def documented_but_gone(names: Iterable[str], doc: str) -> list[str]:
    """Permission-table rows whose permission is not registered (removed or renamed)."""
    registered = set(names)
    return sorted(set(TABLE_ROW.findall(_permission_table(doc))) - registered)


def test_the_registry_holds_every_app_s_rules():
    # given/then: autodiscovery ran, so permissions of apps loaded by no test so far are there (else this test
    # would pass vacuously)
    for name in ("accounts.manage_roles", "review.score", "roadmap.publish_release", "notifications.manage"):
        assert name in registry, f"{name} is not registered: is rules.apps.AutodiscoverRulesConfig installed?"


def test_every_permission_is_in_the_permission_table():
    # when
    missing = undocumented(registry.keys(), DOC.read_text())

    # then
    assert not missing, (
        f"{len(missing)} permission(s) registered with rules.add_perm but not documented in docs/permissions.md "
        f"(add a row to the app's section of the permission table: permission, object, who holds it): "
        + ", ".join(missing)
    )


def test_every_row_of_the_permission_table_is_a_registered_permission():
    # when
    stale = documented_but_gone(registry.keys(), DOC.read_text())

    # then
    assert not stale, (
        "docs/permissions.md documents permission(s) that no rules.py registers (removed or renamed?): "
        + ", ".join(stale)
    )


def test_a_new_permission_without_a_row_is_reported():
    # given: a permission registered the way an app would, with no row in the doc
    name = "review.undocumented_probe"
    rules.add_perm(name, rules.always_allow)
    try:
        # when
        missing = undocumented(registry.keys(), DOC.read_text())
    finally:
        rules.remove_perm(name)

    # then
    assert missing == [name]
    assert name not in registry


def test_a_row_for_a_permission_that_no_longer_exists_is_reported():
    # given: the doc with an extra row naming a permission nobody registers
    doc = DOC.read_text().replace(
        "| `review.score` |", "| `review.retired_probe` | Idea | Nobody |\n| `review.score` |", 1
    )

    # when / then
    assert documented_but_gone(registry.keys(), doc) == ["review.retired_probe"]


def test_permissions_of_other_packages_are_not_ours_to_document():
    # given: a third-party app's permission (e.g. Django's own "auth.*") in the registry
    names = ["auth.change_user", "ideas.view"]

    # when / then
    assert undocumented(names, "`ideas.view`") == []
