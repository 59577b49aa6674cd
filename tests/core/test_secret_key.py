"""F1: with DEBUG off there is no usable default signing key; `check --deploy` fails on a default or weak one; local
runs create a random key once in the data directory and keep it."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG = "k3y-" + "aB9x_Zq7" * 7


def _manage(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update(DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="cocreate.settings", **env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("key", [None, "django-insecure-cocreate-local-development-only-never-in-production", "short"])
def test_production_refuses_to_start_without_a_strong_key(tmp_path, key):
    extra = {} if key is None else {"SECRET_KEY": key}
    result = _manage("check", tmp_path=tmp_path, DEBUG="false", **extra)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_production_starts_with_a_strong_key(tmp_path):
    result = _manage("check", tmp_path=tmp_path, DEBUG="false", SECRET_KEY=STRONG)
    assert result.returncode == 0, result.stderr


def test_a_key_file_serves_when_no_key_is_set(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(STRONG + "\n")
    result = _manage("shell", "-v", "0", "-c", "from django.conf import settings; print(settings.SECRET_KEY)",
                     tmp_path=tmp_path, DEBUG="false", SECRET_KEY_FILE=str(key_file))  # fmt: skip
    assert result.stdout.strip() == STRONG


def test_check_deploy_fails_on_the_built_in_default_even_in_debug(tmp_path):
    result = _manage("check", "--deploy", tmp_path=tmp_path, DEBUG="true")
    assert result.returncode != 0
    assert "cocreate.E001" in result.stderr


def test_local_runs_create_a_private_key_once_and_keep_it(tmp_path):
    data_dir = tmp_path / "data"
    run = lambda: subprocess.run(  # noqa: E731, S603
        [str(ROOT / "bin" / "secret-key")], env={**os.environ, "DATA_DIR": str(data_dir)},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    first = run().stdout.strip()
    key = Path(first).read_text().strip()
    assert Path(first) == data_dir / "secret_key"
    assert len(key) >= 50
    assert stat.S_IMODE(Path(first).stat().st_mode) == 0o600
    assert run().stdout.strip() == first
    assert Path(first).read_text().strip() == key


def test_the_data_directory_is_not_committed():
    command = ["git", "check-ignore", "-q", "var/secret_key"]
    assert subprocess.run(command, cwd=ROOT, capture_output=True).returncode == 0  # noqa: S603


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": STRONG,
    "ALLOWED_HOSTS": "cocreate.example.org",
    "SECURE_COOKIES": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_PROXY_SSL_HEADER": "true",
}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_every_page_refuses_unused_browser_features(client):
    response = client.get("/health/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
