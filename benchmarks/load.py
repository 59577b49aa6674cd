"""Load scenarios against a real server on 127.0.0.1, reported as ratios to baselines measured in the same run.

    python benchmarks/load.py --quick                     # what `make bench` runs: tiny data, both modes, ~4 min
    python benchmarks/load.py --size medium --duration 20 --modes embedded,scaled --clients 1,8,32

For each mode (embedded: SQLite, 2 gunicorn processes; scaled: PostgreSQL + Redis, --web-processes processes) it
generates the data once (benchmarks/generate.py), starts gunicorn with the benchmark baselines mounted (benchmarks/site/), and runs wrk
for every scenario and client count: the bare JSON view (baseline), the API idea list, the idea list page (HTML), an
idea page, supporting (API write), the raw-SQL support write (baseline), commenting, and a mixed
browse/support/comment session. After the writes it checks integrity: every idea's stored support count equals its
rows, no 5xx, no "database is locked". It also reports the server processes' memory and wrk's own CPU time (the load
generator shares the 2 cores). Results go to benchmarks/results/<date>-<size>.md and are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LUA = str(ROOT / "benchmarks" / "wrk" / "scenario.lua")
SCENARIOS = [
    "baseline",
    "api_list",
    "api_list_fresh",
    "list_page",
    "list_page_fresh",
    "idea_page",
    "idea_page_fresh",
    "support",
    "raw_support",
    "comment",
    "mixed",
]
WRITES = {"support", "raw_support", "comment", "mixed"}


def mode_env(mode: str, size: str) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("DATABASE_URL", "REDIS_URL", "TASKS_BACKEND"):
        env.pop(key, None)
    env.update(
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_LEVEL="WARNING",
        DATA_DIR=str(ROOT / "var" / f"bench-{mode}-{size}"),
        # Rate limits protect a real site from exactly this kind of traffic; the benchmark measures throughput.
        MODERATION_RATE_LIMITS="false",
    )
    if mode == "scaled":
        env.update(
            DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/cocreate_bench_{size}",
            REDIS_URL="redis://127.0.0.1:6379/13",
        )
    return env


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    out = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True)
    return out.stdout if capture else ""


SAMPLE_SCRIPT = """
from cocreate.campaigns.models import Campaign
from cocreate.ideas.models import Idea
campaign = Campaign.objects.filter(slug__startswith="bench-").order_by("pk").first()
print(campaign.slug if campaign else "")
if campaign:
    print(" ".join(str(i) for i in Idea.objects.filter(campaign=campaign).order_by("?").values_list("pk", flat=True)[:2000]))
"""

INTEGRITY_SCRIPT = """
from django.db.models import Count, F, Q
from cocreate.ideas.models import Idea
from cocreate.engagement.models import Support
bad = Idea.objects.annotate(n=Count("supports", filter=Q(supports__discounted_at__isnull=True))).exclude(
    support_count=F("n")).count()
dupes = Support.objects.values("idea_id", "member_id").annotate(c=Count("pk")).filter(c__gt=1).count()
print(bad, dupes)
"""


PLANS_SCRIPT = """
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from cocreate.campaigns.models import Campaign
from cocreate.ideas.selectors import idea_list
campaign = Campaign.objects.filter(slug__startswith="bench-").order_by("pk").first()
for sort in ("most_supported", "trending", "newest"):
    qs = idea_list(AnonymousUser(), campaign=campaign, sort=sort)
    for label, query in (("page", qs[:20].query), ("count", qs.order_by().values("pk").query)):
        sql, params = query.sql_with_params()
        if label == "count":
            sql = "SELECT COUNT(*) FROM (" + sql + ") AS c"
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            rows = cursor.fetchall()
        plan = [r[-1] if connection.vendor == "sqlite" else r[0] for r in rows]
        print(f"{sort} {label}: " + " | ".join(p.strip() for p in plan))
"""


def query_plans(env: dict[str, str]) -> list[str]:
    """The database's plan for the idea list's page and count queries: no full-table sort wanted."""
    return manage(env, "shell", "-v", "0", "-c", PLANS_SCRIPT, capture=True).strip().splitlines()


def prepare(mode: str, size: str, env: dict[str, str]) -> tuple[str, Path]:
    Path(env["DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    if mode == "scaled":
        subprocess.run([PY, "bin/ensure_database.py"], cwd=ROOT, env=env, check=True)
    manage(env, "migrate", "--noinput", "-v0")
    lines = manage(env, "shell", "-v", "0", "-c", SAMPLE_SCRIPT, capture=True).strip().splitlines()
    if not lines or not lines[0]:
        print(f"[{mode}] generating size {size}…", flush=True)
        subprocess.run([PY, "benchmarks/generate.py", "--size", size], cwd=ROOT, env=env, check=True)
        lines = manage(env, "shell", "-v", "0", "-c", SAMPLE_SCRIPT, capture=True).strip().splitlines()
    if not (Path(env["DATA_DIR"]) / "bench-tokens.txt").exists():
        # The data exists (a database kept from another checkout) but its API tokens were written elsewhere.
        raise SystemExit(f"[{mode}] data found but no {env['DATA_DIR']}/bench-tokens.txt: drop the benchmark database")
    ideas_file = Path(env["DATA_DIR"]) / "bench-ideas.txt"
    ideas_file.write_text("\n".join(lines[1].split()) + "\n")
    return lines[0], ideas_file


class Server:
    def __init__(self, env: dict[str, str], processes: int, port: int):
        self.port, self.log = port, Path(env["DATA_DIR"]) / "server.log"
        # The product's settings with the baselines mounted (benchmarks/site/), importable from the project root.
        env = {**env, "DJANGO_SETTINGS_MODULE": "benchmarks.site.settings"}
        self.proc = subprocess.Popen(
            [GUNICORN, "cocreate.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(processes),
             "--threads", "4", "--worker-class", "gthread", "--log-level", "warning", "--backlog", "2048",
             "--pythonpath", str(ROOT)],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2)
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"server did not start; see {self.log}")

    def rss_mb(self) -> dict[str, float]:
        pids = [self.proc.pid] + [
            int(p)
            for p in subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout.split()
        ]
        return {str(pid): _rss_mb(pid) for pid in pids}

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=30)


def _rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else 0.0


def worker_rss(env: dict[str, str], mode: str) -> float:
    cmd = [PY, "manage.py", "rqworker", "--with-scheduler", "--job-class", "django_tasks_rq.Job", "default"] if mode == "scaled" else [
        PY, "manage.py", "db_worker", "--queue-name", "*"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    time.sleep(6)
    rss = _rss_mb(proc.pid)
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)
    return rss


def run_wrk(scenario: str, clients: int, duration: int, port: int, env: dict[str, str]) -> dict:
    wrk_env = dict(env, SCENARIO=scenario)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        ["wrk", "-t", str(min(2, clients)), "-c", str(clients), "-d", f"{duration}s", "--timeout", "10s",
         "-s", LUA, f"http://127.0.0.1:{port}"],
        env=wrk_env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    result = json.loads(line[len("RESULT ") :])
    result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0.0
    result["wrk_cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def integrity(env: dict[str, str], log: Path) -> dict:
    bad, dupes = manage(env, "shell", "-v", "0", "-c", INTEGRITY_SCRIPT, capture=True).split()
    text = log.read_text(errors="replace")
    return {"wrong_counts": int(bad), "duplicate_supports": int(dupes),
            "database_locked": text.count("database is locked"), "tracebacks": text.count("Traceback")}  # fmt: skip


def run_mode(mode: str, args) -> dict:
    env = mode_env(mode, args.size)
    slug, ideas_file = prepare(mode, args.size, env)
    env.update(
        CAMPAIGN_SLUG=slug, IDEAS_FILE=str(ideas_file), TOKENS_FILE=str(Path(env["DATA_DIR"]) / "bench-tokens.txt")
    )
    processes = args.web_processes if mode == "scaled" else 2
    server = Server(env, processes, args.port)
    results: dict = {"mode": mode, "processes": processes, "scenarios": {}}
    try:
        run_wrk("baseline", 8, 2, args.port, env)  # warm up every process
        for scenario in args.scenarios:
            for clients in args.clients:
                r = run_wrk(scenario, clients, args.duration, args.port, env)
                results["scenarios"].setdefault(scenario, {})[clients] = r
                print(f"[{mode}] {scenario:<12} c={clients:<3} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms  "
                      f"p95 {r['p95_ms']:7.1f} ms  p99 {r['p99_ms']:7.1f} ms  5xx {r['s5xx']}  4xx {r['s4xx']}",
                      flush=True)  # fmt: skip
        results["memory_mb"] = server.rss_mb()
    finally:
        server.stop()
    results["integrity"] = integrity(env, server.log)
    results["plans"] = query_plans(env)
    results["worker_rss_mb"] = worker_rss(env, mode)
    if mode == "scaled" and args.scaling:
        results["scaling"] = scaling(env, args)
    return results


def scaling(env: dict[str, str], args) -> dict[int, dict]:
    """The mixed session at the top client count with 1, 2, 4… app processes (scaled-out mode only)."""
    clients = max(args.clients)
    rows: dict[int, dict] = {}
    for processes in args.scaling:
        server = Server(env, processes, args.port)
        try:
            run_wrk("baseline", 8, 2, args.port, env)
            rows[processes] = {
                "mixed": run_wrk("mixed", clients, args.duration, args.port, env),
                "baseline": run_wrk("baseline", clients, args.duration, args.port, env),
            }
        finally:
            server.stop()
        print(f"[scaled] {processes} processes: mixed {rows[processes]['mixed']['rps']:.0f} req/s, "
              f"baseline {rows[processes]['baseline']['rps']:.0f} req/s", flush=True)  # fmt: skip
    return rows


def ratio(a: float, b: float) -> str:
    return f"{a / b:.0%}" if b else "n/a"


def report(all_results: list[dict], args) -> str:
    today = dt.date.today().isoformat()
    lines = [f"# Benchmark results {today} (size {args.size}, {args.duration} s per run)", "",
             f"Machine: {os.cpu_count()} cores. Command: `python benchmarks/load.py {' '.join(sys.argv[1:])}`", ""]  # fmt: skip
    for res in all_results:
        sc = res["scenarios"]
        lines += [f"## {res['mode']} mode ({res['processes']} app processes)", "",
                  "| scenario | clients | req/s | vs baseline | p50 ms | p95 ms | p99 ms | 4xx | 5xx | wrk CPU s |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]  # fmt: skip
        for name, by_clients in sc.items():
            for clients, r in by_clients.items():
                base = sc.get("baseline", {}).get(clients, {}).get("rps", 0)
                lines.append(f"| {name} | {clients} | {r['rps']:.0f} | {ratio(r['rps'], base)} | {r['p50_ms']:.1f} | "
                             f"{r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['s4xx']} | {r['s5xx']} | {r['wrk_cpu_s']:.1f} |")  # fmt: skip
        top = max(args.clients)

        def get(name: str, sc=sc, top=top) -> float:
            return sc.get(name, {}).get(top, {}).get("rps", 0)

        lines += ["", f"Targets at {top} clients: support write = {ratio(get('support'), get('baseline'))} of the bare "
                  f"JSON view (target ≥ 40%) and {ratio(get('support'), get('raw_support'))} of the raw-SQL write "
                  f"(target ≥ 80%); API list = {ratio(get('api_list'), get('baseline'))} (≥ 50%); list page = "
                  f"{ratio(get('list_page'), get('baseline'))} (≥ 30%).", "",
                  f"Integrity after the writes: {res['integrity']}.", "",
                  f"Memory (RSS MB): app processes {res.get('memory_mb')}, task worker {res['worker_rss_mb']:.0f}.", ""]  # fmt: skip
        if res.get("plans"):
            lines += [
                "Query plans of the idea list (anonymous visitor, one campaign):",
                "",
                "```",
                *res["plans"],
                "```",
                "",
            ]
        if res.get("scaling"):
            one = res["scaling"][min(res["scaling"])]["mixed"]["rps"]
            lines += [f"Scaling: the mixed session at {top} clients by app processes ({os.cpu_count()} cores).", "",
                      "| processes | mixed req/s | vs 1 process | p95 ms | bare JSON req/s |", "| --- | --- | --- | --- | --- |"]  # fmt: skip
            for processes, row in res["scaling"].items():
                lines.append(f"| {processes} | {row['mixed']['rps']:.0f} | {ratio(row['mixed']['rps'], one)} | "
                             f"{row['mixed']['p95_ms']:.1f} | {row['baseline']['rps']:.0f} |")  # fmt: skip
            lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="small", choices=["tiny", "small", "medium", "large"])
    parser.add_argument("--modes", default="embedded,scaled")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--web-processes", type=int, default=2)
    parser.add_argument("--port", type=int, default=8091)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--scaling", default="1,2,4", help="app process counts for the scaled-out mixed session")
    parser.add_argument("--quick", action="store_true", help="tiny data, 4 s runs: the `make bench` set")
    args = parser.parse_args()
    if args.quick:
        args.size, args.duration = "tiny", 4
    args.clients = [int(c) for c in args.clients.split(",")]
    args.scenarios = args.scenarios.split(",")
    args.scaling = [int(p) for p in args.scaling.split(",") if p]
    results = [run_mode(mode, args) for mode in args.modes.split(",")]
    text = report(results, args)
    out = ROOT / "benchmarks" / "results" / f"{dt.date.today().isoformat()}-{args.size}.md"
    out.write_text(text + "\n")
    print("\n" + text + f"\nWritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
