"""The signing key's quality bar, shared by settings (refuse to start) and the deploy check (refuse to pass).

Imported by settings.py, so it imports nothing from Django's app machinery."""

# Serves DEBUG runs only; settings refuse it with DEBUG off and `check --deploy` fails on it.
INSECURE_DEV_SECRET_KEY = "django-insecure-cocreate-local-development-only-never-in-production"  # noqa: S105

HOW_TO_MAKE_ONE = (
    "Make one with\n"
    '    python -c "import secrets; print(secrets.token_urlsafe(50))"\n'
    "and set it as SECRET_KEY in the environment or in the .env file (keep it secret and keep it: changing it "
    "signs everyone out and breaks links already emailed). `make run` does this for you locally."
)


def secret_key_problem(key: str) -> str | None:
    """Why `key` may not sign anything in production, or None when it is strong (Django's own bar: 50+ characters,
    5+ distinct ones, not an insecure default)."""
    if not key:
        return "SECRET_KEY is not set"
    if key == INSECURE_DEV_SECRET_KEY or key.startswith("django-insecure-"):
        return "SECRET_KEY is a built-in, publicly known default"
    if len(key) < 50 or len(set(key)) < 5:
        return "SECRET_KEY is too weak (it needs at least 50 characters, 5 of them different)"
    return None
