from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from cocreate.core.backup import backup


class Command(BaseCommand):
    help = "Write the database (every table) and the media files to one .tar.gz (see docs/deployment.md#backups)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Archive to write (default: cocreate-backup-<time>.tar.gz here).")
        parser.add_argument("--database", default="default")

    def handle(self, *args, path=None, database="default", **options):
        target = Path(path or f"cocreate-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        manifest = backup(target, using=database)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {len(manifest['tables'])} tables ({rows} rows) and {len(manifest['media'])} media files "
                f"to {target}."
            )
        )
