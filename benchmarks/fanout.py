"""Fan-out benchmark: an idea with N supporters (default 10,000) gets a decision through the service.

Measures (1) the request's own latency — the service call with its after-commit handlers, which only enqueue
the fan-out task — and (2) the time until the background worker has created every notification and sent every
immediate email (locmem backend, so nothing leaves the machine).

    .venv/bin/python benchmarks/fanout.py                # 10,000 supporters, scratch SQLite in /tmp
    .venv/bin/python benchmarks/fanout.py --supporters 2000

It uses its own scratch database (DATA_DIR in a temporary directory) and the database task backend, then runs
the task worker (`db_worker --batch`) as a deployment would."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--supporters", type=int, default=10_000)
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="notif-bench-")
    os.environ.update(
        DATA_DIR=scratch,
        DJANGO_SETTINGS_MODULE="cocreate.settings",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    import django.core.management as _m
    from django.contrib.auth.hashers import make_password
    from django.core import mail

    call_command = _m.call_command
    from django.db import transaction
    from django.utils import timezone

    from cocreate.accounts.models import Role, RoleAssignment, User
    from cocreate.campaigns.models import Campaign, CampaignStatus
    from cocreate.engagement.models import Follow, Support
    from cocreate.ideas.lifecycle import IdeaStatus
    from cocreate.ideas.models import Idea
    from cocreate.ideas.services import idea_change_status
    from cocreate.notifications.models import Notification

    call_command("migrate", verbosity=0)
    # A worker is a long-lived process: load the URL configuration (and what it imports) before timing.
    from django.urls import reverse

    reverse("notifications:list")
    mail.outbox = []
    n = args.supporters
    print(f"scratch database in {scratch}; {n} supporters")

    started = time.perf_counter()
    password = make_password(None)
    author = User.objects.create(email="author@bench.example", display_name="Author", password=password)
    staff = User.objects.create(email="staff@bench.example", display_name="Staff", password=password)
    campaign = Campaign.objects.create(
        title="Bench", slug="bench", goal="g", brief="b", status=CampaignStatus.PUBLISHED
    )
    RoleAssignment.objects.create(user=staff, role=Role.FACILITATOR, campaign=None)
    now = timezone.now()
    idea = Idea.objects.create(
        campaign=campaign,
        author=author,
        title="A popular idea",
        body="Everyone wants it.",
        status=IdeaStatus.UNDER_REVIEW,
        published_at=now,
        stage_started_at=now,
        support_count=n,
    )
    User.objects.bulk_create(
        [User(email=f"s{i}@bench.example", display_name=f"Supporter {i}", password=password) for i in range(n)],
        batch_size=2000,
    )
    ids = list(
        User.objects.filter(email__startswith="s", email__endswith="@bench.example").values_list("pk", flat=True)
    )
    Support.objects.bulk_create([Support(idea=idea, member_id=pk) for pk in ids], batch_size=2000)
    Follow.objects.bulk_create([Follow(idea=idea, member_id=pk) for pk in ids[: n // 10]], batch_size=2000)
    Follow.objects.create(idea=idea, member=author)
    print(f"setup: {time.perf_counter() - started:.1f} s")

    # Same-run baseline: the same decision on an idea nobody supports (its author is told, nobody else).
    quiet = Idea.objects.create(
        campaign=campaign,
        author=author,
        title="A quiet idea",
        body="Nobody has noticed it yet.",
        status=IdeaStatus.UNDER_REVIEW,
        published_at=now,
        stage_started_at=now,
    )
    tb = time.perf_counter()
    with transaction.atomic():
        idea_change_status(actor=staff, idea=quiet, transition="accept", note="We build it this year.")
    quiet_seconds = time.perf_counter() - tb
    call_command("db_worker", batch=True, verbosity=0)
    mail.outbox = []

    # (1) The request: the service call and its after-commit handlers (which enqueue one task).
    t0, c0 = time.perf_counter(), time.process_time()
    with transaction.atomic():
        idea_change_status(actor=staff, idea=idea, transition="accept", note="We build it this year.")
    request_seconds = time.perf_counter() - t0
    print(
        f"request (service + handlers): {request_seconds * 1000:.1f} ms wall, "
        f"{(time.process_time() - c0) * 1000:.1f} ms CPU; "
        f"notifications so far: {Notification.objects.filter(idea=idea).count()}"
    )
    print(
        f"added by {n} supporters: {(request_seconds - quiet_seconds) * 1000:+.1f} ms "
        f"(the same decision on an unsupported idea: {quiet_seconds * 1000:.1f} ms; target: at most +50 ms)"
    )

    # (2) The worker: run the queue until it is empty.
    t1, c1 = time.perf_counter(), time.process_time()
    call_command("db_worker", batch=True, verbosity=0)
    worker_seconds = time.perf_counter() - t1
    worker_cpu = time.process_time() - c1
    created = Notification.objects.filter(idea=idea).count()
    emailed = Notification.objects.filter(idea=idea, emailed_at__isnull=False).count()
    print(
        f"worker: {worker_seconds:.1f} s wall ({worker_cpu:.1f} s CPU) until {created} notifications created and {len(mail.outbox)} emails sent "
        f"({emailed} marked emailed)"
    )
    print(f"throughput: {created / worker_seconds:.0f} notifications+emails per second")

    # Idempotence: the same task again creates and sends nothing.
    from cocreate.notifications.services import notifications_deliver

    key = Notification.objects.filter(idea=idea).values_list("event_key", flat=True).first()
    t2 = time.perf_counter()
    again = notifications_deliver(
        event="status_changed",
        event_key=key,
        params={"idea_id": idea.pk, "from_status": "under_review", "to_status": "accepted", "actor_id": staff.pk},
    )
    print(f"re-run of the same task: {again} in {time.perf_counter() - t2:.1f} s; emails now {len(mail.outbox)}")
    assert created == n + 1 and len(mail.outbox) == n + 1 and again["created"] == 0 and again["emailed"] == 0


if __name__ == "__main__":
    main()
