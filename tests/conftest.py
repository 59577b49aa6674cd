import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM checks refuse that by default.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _redis_url_for(worker_id: str) -> str:
    """Scaled-out runs give each xdist worker its own Redis database, so a test clearing the cache cannot wipe
    another worker's keys."""
    base = os.environ["REDIS_URL"].rstrip("/")
    root, _, db = base.rpartition("/")
    index = int(worker_id[2:]) if worker_id.startswith("gw") else 0
    return f"{root}/{(int(db) if db.isdigit() else 0) + 1 + index}"


@pytest.fixture(autouse=True)
def _scaled_out_cache(settings, worker_id):
    if os.environ.get("REDIS_URL"):
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": _redis_url_for(worker_id),
                "KEY_PREFIX": f"test-{worker_id}",
            }
        }
    # Redis outlives test runs and LocMem outlives a test (and ids repeat): every test starts from an empty cache.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MODERATION_RATE_LIMITS = False  # moderation tests turn limits on themselves
    settings.VISITOR_CACHE_SECONDS = 0  # tests/core/test_visitor_cache.py turns the page cache on itself
    settings.VISITOR_CACHE_ALIAS = "default"
    settings.ACCOUNT_RATE_LIMITS = False
    settings.SIGNIN_LIMITS = False  # tests/security/test_signin_lockout.py turns the shared lockout on itself


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (event handlers) inside a test transaction."""
    return django_capture_on_commit_callbacks
