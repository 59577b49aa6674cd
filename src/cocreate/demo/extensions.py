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
from cocreate.core.methods import registry as methods


def demo_modules() -> list[Any]:
    """Every app's `demo` module, and the demo module each campaign method names in the method registry."""
    names = [
        f"{config.name}.demo"
        for config in apps.get_app_configs()
        if config.name.startswith("cocreate.") and config.label not in ("core", "demo")
    ]
    names += [method.demo for method in methods if method.demo]
    found = []
    for name in dict.fromkeys(names):
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
