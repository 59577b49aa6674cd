"""Audit every locked dependency for known vulnerabilities: Python (pip-audit, PyPI's advisory data) and the front-end
packages (npm audit). Run by `make audit`, which `make test` runs.

- A known vulnerability fails, unless `audit-allowlist.toml` lists its id with a reason and a review date.
- An allow-list entry without a reason, or past its review date, fails.
- When an advisory service cannot be reached or does not answer (no network, a registry mirror without the audit
  endpoint), the audit says so and passes: it cannot tell, and an outage must not fail every build. Set
  AUDIT_STRICT=1 (CI with network) to make that a failure too.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWLIST = ROOT / "audit-allowlist.toml"
UV = [shutil.which("uv")] if shutil.which("uv") else [sys.executable, "-m", "uv"]


@dataclass
class Result:
    tool: str
    found: list[tuple[str, str, str]] = field(default_factory=list)  # (package, version or range, vulnerability ids)
    unavailable: str = ""  # why the audit could not run, when it could not


@dataclass
class Allowance:
    id: str
    package: str
    reason: str
    until: datetime.date


def load_allowlist(
    path: Path = ALLOWLIST, today: datetime.date | None = None
) -> tuple[dict[str, Allowance], list[str]]:
    """The allowed ids, and the problems with the file (entries without a reason, expired ones)."""
    today = today or datetime.date.today()
    if not path.exists():
        return {}, []
    data = tomllib.loads(path.read_text())
    allowed, problems = {}, []
    for entry in data.get("ignore", []):
        vuln_id, reason = str(entry.get("id", "")).strip(), str(entry.get("reason", "")).strip()
        until = entry.get("until")
        if not vuln_id or not reason or not isinstance(until, datetime.date):
            problems.append(f"allow-list entry {entry!r} needs an id, a reason and a review date (until = YYYY-MM-DD)")
            continue
        if until < today:
            problems.append(f"allow-list entry {vuln_id} expired on {until}: review it (fix, or renew with a reason)")
            continue
        allowed[vuln_id] = Allowance(vuln_id, str(entry.get("package", "")), reason, until)
    return allowed, problems


def parse_pip_audit(output: str) -> Result:
    result = Result("pip-audit")
    try:
        data = json.loads(output)
    except ValueError:
        result.unavailable = "pip-audit gave no report (is PyPI reachable?)"
        return result
    deps = data.get("dependencies", []) if isinstance(data, dict) else []
    for dep in deps:
        for vuln in dep.get("vulns", []):
            ids = [vuln.get("id", ""), *list(vuln.get("aliases", []))]
            result.found.append((dep.get("name", "?"), dep.get("version", "?"), " ".join(i for i in ids if i)))
    skipped = [dep for dep in deps if dep.get("skip_reason")]
    if deps and len(skipped) == len(deps):
        result.unavailable = (
            f"PyPI's vulnerability data answered for none of {len(deps)} packages (a mirror without it, or no network)"
        )
    return result


def parse_npm_audit(output: str) -> Result:
    result = Result("npm audit")
    try:
        data = json.loads(output)
    except ValueError:
        result.unavailable = "npm audit gave no report (is the npm registry reachable?)"
        return result
    if not isinstance(data, dict) or "vulnerabilities" not in data:
        detail = data.get("message") or data.get("error", {}).get("summary") if isinstance(data, dict) else ""
        result.unavailable = f"the npm registry's audit endpoint did not answer ({detail or 'no report'})"
        return result
    for name, vuln in data["vulnerabilities"].items():
        ids = []
        for via in vuln.get("via", []):
            if isinstance(via, dict):  # a string names another vulnerable package, reported on its own
                match = re.search(r"GHSA-[\w-]+", via.get("url", ""))
                ids.append(match.group(0) if match else str(via.get("source", via.get("title", "?"))))
        if ids:
            result.found.append((name, vuln.get("range", "?"), " ".join(ids)))
    return result


def run_pip_audit() -> Result:
    requirements = subprocess.run(  # noqa: S603
        [*UV, "export", "--frozen", "--no-hashes", "--all-groups", "--no-emit-project", "--format", "requirements-txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as req:
        req.write(requirements)
        req.flush()
        proc = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "pip_audit",
                "-r",
                req.name,
                "--no-deps",
                "--disable-pip",
                "--format",
                "json",
                "--progress-spinner",
                "off",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    return parse_pip_audit(proc.stdout)


def run_npm_audit() -> Result:
    try:
        npm = ["npm", "audit", "--json"]
        proc = subprocess.run(npm, cwd=ROOT, capture_output=True, text=True, timeout=300)  # noqa: S603
    except (FileNotFoundError, subprocess.TimeoutExpired) as exc:
        return Result("npm audit", unavailable=f"npm audit could not run ({exc})")
    return parse_npm_audit(proc.stdout)


def judge(results: list[Result], allowed: dict[str, Allowance], problems: list[str], strict: bool) -> int:
    """Print the verdict; 1 when a vulnerability is not allowed, the allow-list is wrong, or (strict) an audit could
    not run."""
    failed = bool(problems)
    for problem in problems:
        print(f"audit: {problem}")
    for result in results:
        if result.unavailable:
            print(f"audit: {result.tool} could not check: {result.unavailable}.")
            print("audit:   Not a pass: run `make audit` where the registry is reachable (AUDIT_STRICT=1 fails here).")
            failed = failed or strict
        for package, version, ids in result.found:
            allowance = next((allowed[i] for i in ids.split() if i in allowed), None)
            if allowance:
                until, reason = allowance.until, allowance.reason
                print(f"audit: {result.tool}: {package} {version}: {ids} allowed until {until}: {reason}")
            else:
                print(f"audit: {result.tool}: {package} {version} has a known vulnerability: {ids}")
                failed = True
        if not result.unavailable and not result.found:
            print(f"audit: {result.tool}: no known vulnerabilities.")
    if failed:
        print("audit: FAILED. Upgrade the package, or allow the id in audit-allowlist.toml with a reason and a date.")
    return 1 if failed else 0


def main() -> int:
    allowed, problems = load_allowlist()
    strict = os.environ.get("AUDIT_STRICT", "") not in ("", "0", "false")
    return judge([run_pip_audit(), run_npm_audit()], allowed, problems, strict)


if __name__ == "__main__":
    sys.exit(main())
