"""Rate limits on contributions, per account and per client address, in fixed windows.

One interface, two stores:

- **embedded mode** (local-memory cache, one per gunicorn process): counters live in the database
  (`RateLimitCounter`, one row per key and window, incremented with an atomic upsert), so every process sees the
  same counts;
- **scaled out** (`REDIS_URL` set, the cache is Redis): counters are cache keys incremented atomically in Redis.

Services call `check(actor, action)`; the client address comes from the request through `context.current_ip`
(set by `RequestOriginMiddleware`), so services need not know about requests. Outside a request (commands,
tasks, tests without a client) only the per-account limit applies.

Limits come from settings.MODERATION_RATE_LIMITS, merged over `DEFAULT_LIMITS` per action:
`{"comment": {"member": "30/h", "new": "10/h", "ip": "60/h"}}`. `"new"` applies to members whose trust level is
*new*, `"member"` to everyone else; staff (moderators, facilitators, admins) have no per-account limit.
Setting MODERATION_RATE_LIMITS to False turns every limit off (the test suite does, except in its own tests).
`check` counts an attempt even when the service refuses it later for another reason (a limit on trying); a service
that must count only what was done (supports: one shared address must not be locked out by its members' refused
or repeated clicks) wraps its write in `counted`, which gives the attempt back when the write is refused. An attempt
refused by the limit itself is never counted.
"""

from __future__ import annotations

import contextvars
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.utils.translation import ngettext

from cocreate.core.context import current_ip, hash_value
from cocreate.core.errors import ApplicationError

DEFAULT_LIMITS: dict[str, dict[str, str]] = {
    "idea": {"member": "10/h", "new": "3/h", "ip": "30/h"},
    "idea_edit": {"member": "30/h", "new": "10/h", "ip": "60/h"},
    "comment": {"member": "30/h", "new": "10/h", "ip": "100/h"},
    "support": {"member": "120/h", "new": "30/h", "ip": "300/h"},
    "flag": {"member": "20/h", "new": "5/h", "ip": "60/h"},
}
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class RateLimited(ApplicationError):
    status = 429
    default_code = "rate_limited"


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def parse(rate: str) -> Limit:
    """'10/h', '3/15m', '100/d', '5/30s'."""
    number, _slash, period = rate.partition("/")
    unit = period[-1:] if period else "h"
    multiple = int(period[:-1]) if period[:-1] else 1
    return Limit(int(number), multiple * _PERIODS[unit])


def limits_for(action: str) -> dict[str, Limit] | None:
    configured = getattr(settings, "MODERATION_RATE_LIMITS", {})
    if configured is False or configured is None:
        return None
    merged = {**DEFAULT_LIMITS.get(action, {}), **(configured or {}).get(action, {})}
    return {scope: parse(rate) for scope, rate in merged.items() if rate}


def uses_shared_cache() -> bool:
    """True when the cache is shared between processes (Redis); a local-memory cache is per process."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return "redis" in backend.lower() or "memcached" in backend.lower()


def _hit_database(key: str, window_start: int) -> int:
    from .models import RateLimitCounter

    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    count = connection.ops.quote_name("count")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({connection.ops.quote_name('key')}, window_start, {count}) "  # noqa: S608
            f"VALUES (%s, %s, 1) ON CONFLICT ({connection.ops.quote_name('key')}, window_start) "
            f"DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}",
            [key, window_start],
        )
        return int(cursor.fetchone()[0])


def _hit_cache(key: str, window_start: int, seconds: int) -> int:
    cache_key = f"ratelimit:{key}:{window_start}"
    cache.add(cache_key, 0, timeout=seconds + 5)
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=seconds + 5)
        return 1


def hit(key: str, limit: Limit, now: float | None = None) -> tuple[int, int]:
    """Count one attempt for `key` in the current window; returns (count, seconds until the window ends)."""
    now = time.time() if now is None else now
    window_start = int(now // limit.seconds) * limit.seconds
    count = _hit_cache(key, window_start, limit.seconds) if uses_shared_cache() else _hit_database(key, window_start)
    return count, max(1, int(window_start + limit.seconds - now))


def current(key: str, limit: Limit, now: float | None = None) -> int:
    """How many attempts `key` has in the current window, without counting one."""
    now = time.time() if now is None else now
    window_start = int(now // limit.seconds) * limit.seconds
    if uses_shared_cache():
        return int(cache.get(f"ratelimit:{key}:{window_start}", 0))
    from .models import RateLimitCounter

    found = RateLimitCounter.objects.filter(key=key, window_start=window_start).values_list("count", flat=True)
    return int(found.first() or 0)


def _unhit(key: str, limit: Limit, now: float) -> None:
    """Give back one attempt counted by `hit(key, limit, now)` (same window)."""
    window_start = int(now // limit.seconds) * limit.seconds
    if uses_shared_cache():
        with suppress(ValueError):  # the window expired meanwhile: nothing to give back
            cache.decr(f"ratelimit:{key}:{window_start}")
        return
    from .models import RateLimitCounter

    RateLimitCounter.objects.filter(key=key, window_start=window_start, count__gt=0).update(count=F("count") - 1)


def _refuse(retry_after: int) -> RateLimited:
    minutes = max(1, math.ceil(retry_after / 60))
    message = ngettext(
        "You are doing that too often. Please wait %(minutes)d minute and try again.",
        "You are doing that too often. Please wait %(minutes)d minutes and try again.",
        minutes,
    ) % {"minutes": minutes}
    error = RateLimited(message)
    error.retry_after = retry_after  # type: ignore[attr-defined]
    return error


_suspended = contextvars.ContextVar("rate_limits_suspended", default=False)


@contextmanager
def suspended() -> Iterator[None]:
    """No limits inside: for operators' bulk jobs (the demo seeder, imports), never for members' requests."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


@dataclass(frozen=True)
class Attempt:
    """The counters one `check` incremented, so they can be given back."""

    hits: tuple[tuple[str, Limit], ...] = ()
    now: float = 0.0

    def refund(self) -> None:
        for key, limit in self.hits:
            _unhit(key, limit, self.now)


def check(actor: Any, action: str, *, ip: str | None = None, now: float | None = None) -> Attempt:
    """Count an attempt at `action` by `actor` (and from `ip`, by default the current request's address);
    raise RateLimited (HTTP 429) when a limit is exceeded, without counting the refused attempt."""
    limits = limits_for(action)
    if not limits or _suspended.get():
        return Attempt()
    now = time.time() if now is None else now
    ip = current_ip.get() if ip is None else ip
    scopes: list[tuple[str, str]] = []
    if ip and "ip" in limits:
        scopes.append((f"{action}:ip:{hash_value(ip)}", "ip"))
    if getattr(actor, "is_authenticated", False):
        from .standing import is_staff_anywhere, trust_level

        if not is_staff_anywhere(actor):
            scope = "new" if trust_level(actor) == "new" and "new" in limits else "member"
            if scope in limits:
                scopes.append((f"{action}:user:{actor.pk}", scope))
    counted: list[tuple[str, Limit]] = []
    for key, scope in scopes:
        count, retry_after = hit(key, limits[scope], now)
        counted.append((key, limits[scope]))
        if count > limits[scope].count:
            Attempt(tuple(counted), now).refund()
            raise _refuse(retry_after)
    return Attempt(tuple(counted), now)


@contextmanager
def counted(actor: Any, action: str, *, ip: str | None = None) -> Iterator[None]:
    """Check the limits for `action`, run the block, and give the attempt back if the block is refused (raises):
    only what was done counts. Enter it outside the block's transaction, so the give-back is not rolled back."""
    attempt = check(actor, action, ip=ip)
    try:
        yield
    except BaseException:
        attempt.refund()
        raise


def counters_purge(*, older_than: datetime) -> int:
    """Drop database counters of windows that started before `older_than` (the periodic sweep calls it)."""
    from .models import RateLimitCounter

    deleted, _rows = RateLimitCounter.objects.filter(window_start__lt=int(older_than.timestamp())).delete()
    return deleted
