"""`manage.py backup` / `restore` round-trip the demo community exactly: every table's row count and content hash,
and every media file. Run on SQLite by default; on PostgreSQL with DATABASE_URL=postgres://…/wt_<name>."""

import hashlib
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from cocreate.accounts.models import User
from cocreate.core.backup import fingerprint
from cocreate.ideas.models import Idea, IdeaImage
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
SIZE = ["--members", "20", "--ideas", "30"]  # the smallest demo seed_demo builds


def _media() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", "--seed", "3", *SIZE, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert IdeaImage.objects.exists()  # the demo has media files to carry


def test_the_demo_round_trips_exactly(demo, tmp_path, capsys):
    before, media_before = fingerprint(), _media()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive))
    assert "Backed up" in capsys.readouterr().out
    assert archive.stat().st_mode & 0o077 == 0  # password hashes and tokens inside: the owner's only

    # everything changes after the backup: rows deleted, added and edited, a media file lost, a stray one added
    Idea.objects.filter(pk__in=Idea.objects.order_by("pk").values("pk")[:3]).delete()
    MemberFactory()
    User.objects.update(display_name="Changed")
    lost = next(iter(media_before))
    (Path(settings.MEDIA_ROOT) / lost).unlink()
    (Path(settings.MEDIA_ROOT) / "stray.txt").write_text("not in the backup")
    assert fingerprint() != before

    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"manifest.json", "tables/ideas_idea.jsonl"} <= set(names)
    assert any(name.startswith("media/ideas/") for name in names)

    call_command("restore", str(archive), "--noinput")

    after = fingerprint()
    assert after == before
    assert sum(t["rows"] for t in after.values()) > 500
    assert _media() == media_before
    # the sequences continue after the restored ids
    new = MemberFactory()
    assert new.pk > User.objects.exclude(pk=new.pk).order_by("-pk").values_list("pk", flat=True).first()


def test_a_backup_of_other_migrations_is_refused(tmp_path):
    MemberFactory()
    archive = tmp_path / "site.tar.gz"
    call_command("backup", str(archive), stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = fingerprint()
    MigrationRecorder(connection).record_applied("ideas", "9999_from_the_future")
    with pytest.raises(CommandError, match="migrations differ"):
        call_command("restore", str(archive), "--noinput")
    assert fingerprint() == before  # nothing was touched
