"""Demo data contributed by each app: an app with a `demo.py` defining `seed_demo(ctx) -> dict[str, int]` is
called after the base community exists, so every feature appears in the demo without one file knowing them all.
Apps run in order of their module's `DEMO_ORDER` (default 100), then app label; each gets its own seeded random."""

from __future__ import annotations

import importlib
import importlib.util
import random
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import transaction

from cocreate.accounts.models import User
from cocreate.core.demo import DemoContext


def demo_modules() -> list[Any]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("cocreate.") or config.label in ("core", "demo"):
            continue
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        if hasattr(module, "seed_demo"):
            found.append(module)
    return sorted(found, key=lambda m: (getattr(m, "DEMO_ORDER", 100), m.__name__))


def run_demo_extensions(*, seed: int, now: datetime, accounts: dict[str, User], log=print) -> dict[str, int]:
    counts: dict[str, int] = {}
    for module in demo_modules():
        ctx = DemoContext(
            seed=seed, now=now, accounts=accounts, rng=random.Random(f"{seed}:{module.__name__}"), log=log
        )
        with transaction.atomic():
            counts.update(module.seed_demo(ctx) or {})
    return counts
