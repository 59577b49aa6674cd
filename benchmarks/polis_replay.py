"""Real vote stream: replay a real Pol.is conversation's votes through the HTTP API, then wait for the opinion map.

    .venv/bin/python benchmarks/polis_replay.py                       # largest conversation, embedded (SQLite)
    .venv/bin/python benchmarks/polis_replay.py --limit 1500          # quick: the first 1,500 votes
    .venv/bin/python benchmarks/polis_replay.py --scaled              # PostgreSQL + Redis (RQ worker)
    .venv/bin/python benchmarks/polis_replay.py --conversation ../shared/data/polis/brexit-consensus

Setup (not measured, through the ORM): a fresh database in a temporary DATA_DIR (or a fresh PostgreSQL database
`cocreate_replay_<conversation>` and Redis DB 12 with --scaled), one published opinion-map campaign with the
conversation's statements (those Pol.is moderated out are hidden), and one member with a personal access token
per Pol.is voter (the API has no bulk participant creation; a member becomes a participant on their first vote).

Measured: a real gunicorn server (2 processes x 4 threads) and the task worker as `bin/run` starts them; every vote
of votes.csv on a shown statement is sent in timestamp order as `POST /api/v1/campaigns/<slug>/opinion/votes` with
the voter's token, at --speed times the real pace. Pol.is conversations are mostly idle (the largest spans two
years), so every gap between two votes longer than --max-gap seconds of real time is cut to --max-gap: bursts keep
their real rhythm (sped up), idle hours vanish. The client is a pool of threads with keep-alive connections.
Reported: request latency p50/p95/p99, lag (how late each vote was sent and acknowledged against its schedule),
errors by status, how often the worker recomputed the map during the replay and how stale it got, how long after
the last vote's acknowledgement the report (polled through the API) counted every vote, and the time of one
recompute through the service (`opinionmap.services.report_compute`). The markdown table is printed and appended
to benchmarks/results/<date>-replay.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
POLIS = ROOT.parent / "shared" / "data" / "polis"
HOST = "127.0.0.1"


def largest_conversation() -> Path:
    folders = [d for d in sorted(POLIS.glob("*")) if (d / "votes.csv").exists()]
    if not folders:
        sys.exit(f"No Pol.is exports under {POLIS}; pass --conversation DIR.")
    return max(folders, key=lambda d: (d / "votes.csv").stat().st_size)


def make_env(args, data_dir: str, name: str) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("DATABASE_URL", "REDIS_URL", "TASKS_BACKEND"):
        env.pop(key, None)
    env.update(
        DATA_DIR=data_dir,
        DJANGO_SETTINGS_MODULE="cocreate.settings",
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    if args.scaled:
        db = "cocreate_replay_" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        env.update(DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{db[:63]}", REDIS_URL=args.redis_url)
    return env


def fresh_scaled_stores(env: dict[str, str]) -> None:
    """Drop and re-create this benchmark's own PostgreSQL database; empty its own Redis DB."""
    import psycopg
    import redis

    url = env["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    assert name.startswith("cocreate_replay_")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(env["REDIS_URL"]).flushdb()


# -- setup through the ORM (not measured) ------------------------------------------------------------------------


def setup_campaign(conversation: Path) -> dict:
    """Campaign, statements and one member + token per voter. Returns what the replay needs."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction

    from cocreate.accounts.models import User
    from cocreate.api.models import PersonalAccessToken, hash_token, new_raw_token
    from cocreate.campaigns.models import Campaign, CampaignStatus, Method
    from cocreate.opinionmap.models import Moderation, OpinionMapSettings, Statement
    from cocreate.opinionmap.polis_export import ATTRIBUTION, read_export

    call_command("migrate", verbosity=0)
    export = read_export(conversation)
    slug = "replay-" + re.sub(r"[^a-z0-9]+", "-", export.name.lower()).strip("-")[:60]
    password = make_password(None)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            slug=slug,
            title=(export.topic or export.name)[:160],
            goal=(export.topic or export.name)[:300],
            brief=f"Replay of a Pol.is conversation. *{ATTRIBUTION}*",
            method=Method.OPINION_MAP,
            status=CampaignStatus.PUBLISHED,
            ip_terms=ATTRIBUTION,
        )
        opts = OpinionMapSettings.objects.create(campaign=campaign, allow_anonymous=False, attribution=ATTRIBUTION)
        statements = Statement.objects.bulk_create(
            [
                Statement(
                    campaign=campaign,
                    text=export.comments[cid][2][:400],
                    moderation=Moderation.HIDDEN if export.comments[cid][1] == -1 else Moderation.SHOWN,
                    external_id=str(cid),
                )
                for cid in sorted(export.comments)
            ]
        )
        shown = {int(s.external_id): s.pk for s in statements if s.moderation == Moderation.SHOWN}
        voters = sorted({voter for _ts, voter, _cid, _v in export.votes})
        User.objects.bulk_create(
            [User(email=f"polis-{v}@replay.invalid", display_name=f"Voter {v}", password=password) for v in voters],
            batch_size=1000,
        )
        users = dict(User.objects.filter(email__endswith="@replay.invalid").values_list("email", "pk"))
        raws = {v: new_raw_token() for v in voters}
        PersonalAccessToken.objects.bulk_create(
            [
                PersonalAccessToken(
                    user_id=users[f"polis-{v}@replay.invalid"],
                    name="replay",
                    token_hash=hash_token(raws[v]),
                    prefix=raws[v][:12],
                )
                for v in voters
            ],
            batch_size=1000,
        )
    return {
        "campaign_pk": campaign.pk,
        "slug": slug,
        "shown": shown,
        "tokens": raws,
        "votes": sorted(export.votes),
        "n_statements": len(statements),
        "recompute_seconds": opts.recompute_seconds,
        "min_votes": opts.min_votes,
    }


def schedule(votes: list[tuple[int, int, int, int]], shown: dict[int, int], args) -> tuple[list, dict]:
    """(offset seconds, voter, statement pk, value) in timestamp order, gaps cut to max_gap, sped up."""
    kept = [v for v in votes if v[2] in shown]
    if args.limit:
        kept = kept[: args.limit]
    out, real, compressed, cut = [], 0.0, 0.0, 0
    for i, (ts, voter, cid, value) in enumerate(kept):
        gap = (ts - kept[i - 1][0]) / 1000 if i else 0.0
        real += gap
        if gap > args.max_gap:
            gap, cut = args.max_gap, cut + 1
        compressed += gap
        out.append((compressed / args.speed, voter, shown[cid], value))
    info = {
        "skipped_hidden": len(votes) - len([v for v in votes if v[2] in shown]),
        "real_span_s": real,
        "compressed_s": compressed,
        "gaps_cut": cut,
        "schedule_s": compressed / args.speed,
    }
    return out, info


# -- processes --------------------------------------------------------------------------------------------------


class Server:
    """gunicorn as bin/run starts it (gthread), on our own port; logs to DATA_DIR/server.log."""

    def __init__(self, env: dict[str, str], processes: int, threads: int, port: int):
        self.port, self.log = port, Path(env["DATA_DIR"]) / "server.log"
        self.proc = subprocess.Popen(
            [GUNICORN, "cocreate.wsgi:application", "--bind", f"{HOST}:{port}", "--workers", str(processes),
             "--threads", str(threads), "--worker-class", "gthread", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://{HOST}:{port}/health/", timeout=2)
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"server did not start; see {self.log}")

    def pids(self) -> list[int]:
        children = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout
        return [self.proc.pid] + [int(p) for p in children.split()]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=30)


def start_worker(env: dict[str, str], rq_scheduler: bool) -> subprocess.Popen:
    """The task worker as bin/run starts it: RQ on Redis in scaled-out mode, the database queue otherwise."""
    if env.get("REDIS_URL"):
        cmd = [PY, "manage.py", "rqworker", "--job-class", "django_tasks_rq.Job", "default"]
        cmd += ["--with-scheduler"] if rq_scheduler else []
    else:
        cmd = [PY, "manage.py", "db_worker", "--queue-name", "*"]
    log = (Path(env["DATA_DIR"]) / "worker.log").open("w")
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime + stime, plus the reaped children's (rqworker forks a work horse per job)
        total += sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return total


# -- the client -------------------------------------------------------------------------------------------------


class Client:
    """Thread-local keep-alive connections; one retry on a connection the server closed while idle (a vote is
    idempotent: the same vote again replaces itself)."""

    def __init__(self, port: int):
        self.port, self.local, self.reconnects = port, threading.local(), 0

    def request(self, method: str, path: str, body: bytes | None = None, token: str = "") -> tuple[int, bytes]:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        for attempt in (0, 1):
            conn = getattr(self.local, "conn", None)
            fresh = conn is None
            if conn is None:
                conn = self.local.conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                return resp.status, resp.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                conn.close()
                self.local.conn = None
                if fresh or attempt:
                    raise
                self.reconnects += 1
        raise AssertionError("unreachable")


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]  # nearest rank


class ReportWatcher(threading.Thread):
    """Reads the report through the API every `every` seconds, as a visitor watching the map would."""

    def __init__(self, client: Client, path: str, every: float):
        super().__init__(daemon=True)
        self.client, self.path, self.every = client, path, every
        self.stop_event = threading.Event()
        self.seen: list[tuple[float, str, int]] = []  # (client time, computed_at, vote_count)
        self.staleness: list[float] = []
        self.errors: Counter = Counter()

    def run(self) -> None:
        while not self.stop_event.wait(self.every):
            try:
                status, body = self.client.request("GET", self.path)
            except OSError as exc:
                self.errors[type(exc).__name__] += 1
                continue
            if status != 200:
                self.errors[str(status)] += 1
                continue
            data = json.loads(body)
            computed = dt.datetime.fromisoformat(data["computed_at"])
            self.staleness.append((dt.datetime.now(dt.UTC) - computed).total_seconds())
            if not self.seen or self.seen[-1][1] != data["computed_at"]:
                self.seen.append((time.perf_counter(), data["computed_at"], data["vote_count"]))


def replay(plan: list, tokens: dict[int, str], slug: str, args) -> dict:
    client = Client(args.port)
    vote_path = f"/api/v1/campaigns/{slug}/opinion/votes"
    report_path = f"/api/v1/campaigns/{slug}/opinion/report"
    results: list[tuple[float, float, float, str, int, int]] = [None] * len(plan)  # type: ignore[list-item]
    samples: dict[str, str] = {}

    def send(i: int, due: float) -> None:
        _off, voter, statement, value = plan[i]
        body = json.dumps({"statement_id": statement, "value": value}).encode()
        sent = time.perf_counter()
        try:
            status, payload = client.request("POST", vote_path, body, tokens[voter])
            code = str(status)
            if status != 200:
                samples.setdefault(code, payload[:200].decode(errors="replace"))
        except Exception as exc:  # every failure is counted by its kind
            code = type(exc).__name__
            samples.setdefault(code, str(exc)[:200])
        results[i] = (due, sent, time.perf_counter(), code, voter, statement)

    # warm every server process up (URL configuration, first connections) before the clock starts
    for _ in range(4 * args.processes):
        client.request("GET", f"/api/v1/campaigns/{slug}/opinion/statements?limit=1")
    watcher = ReportWatcher(client, report_path, args.poll)
    cpu0 = time.process_time()
    start = time.perf_counter() + 0.5
    watcher.start()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        for i, (offset, *_rest) in enumerate(plan):
            due = start + offset
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, i, due)
    last_ack = max(r[2] for r in results)
    client_cpu = time.process_time() - cpu0
    acked = {(r[4], r[5]) for r in results if r[3] == "200"}
    # the map is up to date once a report counts every stored vote (all replayed votes are on shown statements)
    fresh_after = None
    deadline = time.perf_counter() + args.recompute_seconds + args.fresh_timeout
    while time.perf_counter() < deadline:
        status, body = client.request("GET", report_path)
        if status == 200 and json.loads(body)["vote_count"] >= len(acked):
            fresh_after = time.perf_counter() - last_ack
            break
        time.sleep(0.2)
    watcher.stop_event.set()
    watcher.join()
    during = [s for s in watcher.seen if s[0] <= last_ack]
    latency = [(r[2] - r[1]) * 1000 for r in results]
    send_lag = [r[1] - r[0] for r in results]
    ack_lag = [r[2] - r[0] for r in results]
    wall = last_ack - start
    return {
        "votes": len(plan),
        "wall_s": wall,
        "rate": len(plan) / wall if wall > 0 else 0.0,
        "statuses": Counter(r[3] for r in results),
        "samples": samples,
        "p50": pct(latency, 50),
        "p95": pct(latency, 95),
        "p99": pct(latency, 99),
        "max": max(latency),
        "send_lag_p95": pct(send_lag, 95),
        "send_lag_max": max(send_lag),
        "ack_lag_p95": pct(ack_lag, 95),
        "ack_lag_max": max(ack_lag),
        "late_1s": sum(1 for lag in ack_lag if lag > 1.0),
        "stored_pairs": len(acked),
        "recomputes_during": len(during),
        "stale_max": max(watcher.staleness) if watcher.staleness else float("nan"),
        "stale_p50": pct(watcher.staleness, 50),
        "watch_errors": dict(watcher.errors),
        "fresh_after": fresh_after,
        "client_cpu_s": client_cpu,
        "reconnects": client.reconnects,
    }


# -- report -----------------------------------------------------------------------------------------------------


def fmt_s(seconds: float) -> str:
    if seconds >= 2 * 86400:
        return f"{seconds / 86400:.0f} days"
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 120:
        return f"{seconds / 60:.1f} min"
    return f"{seconds:.1f} s"


def markdown(name: str, mode: str, args, info: dict, r: dict, extra: dict) -> str:
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(r["statuses"].items()))
    errors = sum(v for k, v in r["statuses"].items() if k != "200")
    fresh = f"{r['fresh_after']:.1f} s" if r["fresh_after"] is not None else "**never** (timed out)"
    load = os.getloadavg()
    lines = [
        f"## Real vote stream: {name}, {mode} ({dt.datetime.now():%Y-%m-%d %H:%M})",
        "",
        f"Command: `{' '.join(['python', 'benchmarks/polis_replay.py', *sys.argv[1:]])}`. "
        f"{args.processes} gunicorn processes "
        f"x {args.threads} threads, {args.clients} client threads, load average before {extra['load_before']:.1f} / "
        f"after {load[0]:.1f} on {os.cpu_count()} cores.",
        f"{r['votes']:,} votes spanning {fmt_s(info['real_span_s'])} of real time; {info['gaps_cut']:,} gaps longer "
        f"than {args.max_gap:g} s cut to {args.max_gap:g} s ({fmt_s(info['compressed_s'])} left), played at "
        f"{args.speed:g}x: scheduled over {fmt_s(info['schedule_s'])}. {info['skipped_hidden']} votes on statements "
        "Pol.is moderated out were not sent (the statements are hidden here too).",
        "",
        "| votes | wall | votes/s | p50 ms | p95 ms | p99 ms | max ms | ack lag p95 | ack lag max | send lag max "
        "| > 1 s late | errors |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {r['votes']:,} | {fmt_s(r['wall_s'])} | {r['rate']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} | "
        f"{r['p99']:.0f} | {r['max']:.0f} | {r['ack_lag_p95'] * 1000:.0f} ms | {r['ack_lag_max'] * 1000:.0f} ms | "
        f"{r['send_lag_max'] * 1000:.0f} ms | {r['late_1s']} | {errors} |",
        "",
        f"Statuses: {statuses}."
        + (f" First error bodies: {r['samples']}." if r["samples"] else "")
        + (f" Keep-alive reconnects: {r['reconnects']}." if r["reconnects"] else ""),
        "",
        "| opinion map | value |",
        "| --- | ---: |",
        f"| recomputes by the worker during the replay (debounce {extra['recompute_seconds']} s) | "
        f"{r['recomputes_during']} |",
        f"| map age seen by a visitor polling every {args.poll:g} s: median / max | {r['stale_p50']:.1f} s / "
        f"{r['stale_max']:.1f} s |",
        f"| report counts every vote, after the last vote's acknowledgement | {fresh} |",
        f"| worker's last recompute (Report.seconds) | {extra['worker_seconds']:.2f} s |",
        f"| one recompute through the service, {extra['participants']} participants x {extra['statements']} "
        f"statements, {extra['stored_votes']:,} votes | "
        + " / ".join(f"{v:.2f} s {k}" if isinstance(v, float) else f"{k} {v}" for k, v in extra["service"].items())
        + " |",
        f"| CPU seconds: server / worker / replay client | {extra['server_cpu']:.0f} / {extra['worker_cpu']:.0f} / "
        f"{r['client_cpu_s']:.0f} |",
        "",
    ]
    if extra["log_problems"]:
        lines += [f"Server/worker log: {extra['log_problems']}.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversation", type=Path, help="a Pol.is export folder (default: the largest one)")
    parser.add_argument("--speed", type=float, default=10.0, help="times the real pace (default 10)")
    parser.add_argument(
        "--max-gap", type=float, default=1.0, help="cut real gaps between votes above this many seconds (default 1)"
    )
    parser.add_argument("--limit", type=int, default=0, help="replay only the first N votes")
    parser.add_argument("--scaled", action="store_true", help="PostgreSQL + Redis instead of embedded SQLite")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument(
        "--rq-scheduler",
        action="store_true",
        help="start rqworker --with-scheduler (runs deferred tasks; bin/run does not pass it)",
    )
    parser.add_argument("--port", type=int, default=8103)
    parser.add_argument("--processes", type=int, default=2, help="gunicorn processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn process (default 4)")
    parser.add_argument("--clients", type=int, default=32, help="client threads (default 32)")
    parser.add_argument("--poll", type=float, default=2.0, help="seconds between report reads (default 2)")
    parser.add_argument("--fresh-timeout", type=float, default=180.0, help="extra seconds to wait for the report")
    parser.add_argument("--keep", action="store_true", help="keep the temporary DATA_DIR")
    parser.add_argument("--no-results", action="store_true", help="do not append to benchmarks/results/")
    args = parser.parse_args()

    conversation = (args.conversation or largest_conversation()).resolve()
    if not (conversation / "votes.csv").exists():
        sys.exit(f"{conversation} has no votes.csv")
    mode = "scaled (PostgreSQL + Redis)" if args.scaled else "embedded (SQLite)"
    data_dir = tempfile.mkdtemp(prefix="cocreate-replay-")
    env = make_env(args, data_dir, conversation.name)
    os.environ.clear()
    os.environ.update(env)
    if args.scaled:
        fresh_scaled_stores(env)
    load_before = os.getloadavg()[0]
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    import inspect

    from django.db import connections

    # imported now, so a code change in the checkout during a long replay cannot mix versions
    from cocreate.campaigns.models import Campaign
    from cocreate.opinionmap.models import Participant, Report, Vote
    from cocreate.opinionmap.services import report_compute

    t0 = time.perf_counter()
    setup = setup_campaign(conversation)
    args.recompute_seconds = setup["recompute_seconds"]
    plan, info = schedule(setup["votes"], setup["shown"], args)
    connections.close_all()
    print(
        f"{conversation.name}, {mode}: setup {time.perf_counter() - t0:.1f} s ({len(setup['tokens'])} members with "
        f"tokens, {setup['n_statements']} statements); replaying {len(plan):,} votes over "
        f"{fmt_s(info['schedule_s'])} (real span {fmt_s(info['real_span_s'])}, gaps > {args.max_gap:g} s cut, "
        f"{args.speed:g}x); data in {data_dir}",
        flush=True,
    )

    worker = start_worker(env, args.rq_scheduler)
    server = Server(env, args.processes, args.threads, args.port)
    try:
        cpu_server0, cpu_worker0 = cpu_seconds(server.pids()), cpu_seconds([worker.pid])
        result = replay(plan, setup["tokens"], setup["slug"], args)
        server_cpu = cpu_seconds(server.pids()) - cpu_server0
        worker_cpu = cpu_seconds([worker.pid]) - cpu_worker0
    finally:
        server.stop()
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=60)

    campaign = Campaign.objects.get(pk=setup["campaign_pk"])
    stored = Report.objects.filter(campaign=campaign).first()
    service: dict[str, float | str] = {}
    modes = {"incremental": {}, "full": {"full": True}}
    if "full" not in inspect.signature(report_compute).parameters:
        modes = {"": {}}
    for label, kwargs in modes.items():
        t1 = time.perf_counter()
        try:
            report_compute(campaign=campaign, **kwargs)
            service[label] = time.perf_counter() - t1
        except Exception as exc:  # the replay's numbers are still worth printing
            service[label] = f"failed: {exc!r}"[:160]
    logs = (Path(data_dir) / "server.log").read_text(errors="replace") + (Path(data_dir) / "worker.log").read_text(
        errors="replace"
    )
    problems = {
        k: n
        for k, n in (("Traceback", logs.count("Traceback")), ("database is locked", logs.count("database is locked")))
        if n
    }
    extra = {
        "load_before": load_before,
        "recompute_seconds": setup["recompute_seconds"],
        "worker_seconds": stored.seconds if stored else float("nan"),
        "service": service,
        "participants": Participant.objects.filter(campaign=campaign).count(),
        "statements": setup["n_statements"],
        "stored_votes": Vote.objects.filter(statement__campaign=campaign).count(),
        "server_cpu": server_cpu,
        "worker_cpu": worker_cpu,
        "log_problems": problems,
    }
    text = markdown(conversation.name, mode, args, info, result, extra)
    print("\n" + text)
    if not args.no_results:
        out = ROOT / "benchmarks" / "results" / f"{dt.date.today().isoformat()}-replay.md"
        new = not out.exists()
        with out.open("a") as f:
            if new:
                f.write("# Real vote stream (benchmarks/polis_replay.py)\n\nPol.is data: CC BY 4.0, The Computational "
                        "Democracy Project (compdemocracy.org/polis).\n\n")  # fmt: skip
            f.write(text + "\n")
        print(f"Appended to {out.relative_to(ROOT)}")
    connections.close_all()
    if args.keep:
        print(f"kept {data_dir}")
    else:
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)
    if extra["stored_votes"] != result["stored_pairs"]:
        print(f"WARNING: {extra['stored_votes']} votes stored but {result['stored_pairs']} acknowledged")


if __name__ == "__main__":
    main()
