"""`make audit` (run by `make test`): known vulnerabilities in locked packages fail unless allowed with a reason; an
unreachable advisory service is reported, not a pass and not a spurious failure (AUDIT_STRICT=1 makes it one)."""

import datetime
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("audit", ROOT / "bin" / "audit.py")
audit = importlib.util.module_from_spec(spec)
sys.modules["audit"] = audit
spec.loader.exec_module(audit)

PIP_VULNERABLE = json.dumps(
    {
        "dependencies": [
            {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-2025-1", "aliases": ["CVE-2025-1"]}]},
            {"name": "pillow", "version": "12.0.0", "vulns": []},
        ]
    }
)
PIP_UNREACHABLE = json.dumps(
    {"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited"}]}
)
NPM_VULNERABLE = json.dumps(
    {
        "vulnerabilities": {
            "chart.js": {
                "range": "<4.5.2",
                "via": [{"source": 1, "url": "https://github.com/advisories/GHSA-abcd-efgh-ijkl", "title": "XSS"}],
            }
        }
    }
)
NPM_UNREACHABLE = json.dumps({"message": "405 Method Not Allowed", "error": {"summary": ""}})
NPM_CLEAN = json.dumps({"vulnerabilities": {}, "metadata": {}})


def _allowlist(tmp_path, text):
    path = tmp_path / "audit-allowlist.toml"
    path.write_text(text)
    return audit.load_allowlist(path, today=datetime.date(2026, 12, 1))


def test_a_known_vulnerability_fails_the_audit(capsys):
    results = [audit.parse_pip_audit(PIP_VULNERABLE), audit.parse_npm_audit(NPM_VULNERABLE)]
    assert audit.judge(results, {}, [], strict=False) == 1
    out = capsys.readouterr().out
    assert "django 5.2.0 has a known vulnerability: PYSEC-2025-1 CVE-2025-1" in out
    assert "chart.js <4.5.2 has a known vulnerability: GHSA-abcd-efgh-ijkl" in out


def test_an_allowed_vulnerability_passes_with_its_reason(tmp_path, capsys):
    allowed, problems = _allowlist(
        tmp_path,
        'ignore = [{id = "CVE-2025-1", package = "django", reason = "Only the GIS module.", until = 2027-01-01},'
        ' {id = "GHSA-abcd-efgh-ijkl", package = "chart.js", reason = "No user data in charts.", until = 2027-01-01}]',
    )
    results = [audit.parse_pip_audit(PIP_VULNERABLE), audit.parse_npm_audit(NPM_VULNERABLE)]
    assert audit.judge(results, allowed, problems, strict=True) == 0
    assert "Only the GIS module." in capsys.readouterr().out


@pytest.mark.parametrize(
    "entry",
    [
        '{id = "CVE-2025-1", package = "django", reason = "", until = 2027-01-01}',  # no reason
        '{id = "CVE-2025-1", package = "django", reason = "Fine."}',  # no review date
        '{id = "CVE-2025-1", package = "django", reason = "Fine.", until = 2026-11-30}',  # expired
    ],
)
def test_an_entry_without_reason_or_past_its_date_fails(tmp_path, entry):
    allowed, problems = _allowlist(tmp_path, f"ignore = [{entry}]")
    assert allowed == {}
    assert audit.judge([audit.parse_npm_audit(NPM_CLEAN)], allowed, problems, strict=False) == 1


def test_an_unreachable_service_is_reported_and_fails_only_when_strict(capsys):
    results = [
        audit.parse_pip_audit(PIP_UNREACHABLE),
        audit.parse_npm_audit(NPM_UNREACHABLE),
        audit.parse_npm_audit(""),
    ]
    assert all(r.unavailable for r in results)
    assert audit.judge(results, {}, [], strict=False) == 0
    assert "could not check" in capsys.readouterr().out
    assert audit.judge(results, {}, [], strict=True) == 1


def test_the_project_allowlist_is_valid_and_make_test_runs_the_audit():
    _allowed, problems = audit.load_allowlist()
    assert problems == []
    makefile = (ROOT / "Makefile").read_text()
    assert "\ntest: lint audit" in makefile
    assert "pip-audit" in (ROOT / "pyproject.toml").read_text()
