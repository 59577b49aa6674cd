"""Create the PostgreSQL database named in DATABASE_URL when it does not exist yet (scaled-out local runs)."""

import os
import sys
from urllib.parse import urlparse

url = urlparse(os.environ["DATABASE_URL"])
if not url.scheme.startswith("postgres"):
    sys.exit(0)
import psycopg  # noqa: E402 - only needed on PostgreSQL

name = url.path.lstrip("/")
dsn = url._replace(path="/postgres").geturl()
with psycopg.connect(dsn, autocommit=True) as conn:
    exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    if not exists:
        conn.execute(f'CREATE DATABASE "{name}"')  # the name comes from the operator's own setting
        print(f"Created database {name}.")
