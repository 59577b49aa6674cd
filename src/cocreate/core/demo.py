"""What each app's `demo.py` receives: the contract between the demo app (which runs them all) and the apps
that contribute demo data. The builders themselves live with their apps and in `cocreate.demo`."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class DemoContext:
    seed: int
    now: datetime
    accounts: dict[str, Any]  # "admin", "facilitator", "moderator", "reviewer", "member"
    rng: random.Random = field(default_factory=random.Random)
    log: Any = print
