from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cocreate.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Replace every row of the database and the media files with a backup made by `manage.py backup`. "
        "Run `manage.py migrate` first (same version of Cocreate as the backup)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Archive written by `manage.py backup`.")
        parser.add_argument("--database", default="default")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, path, database="default", interactive=True, **options):
        if not Path(path).is_file():
            raise CommandError(f"No such file: {path}")
        if interactive:
            answer = input("This replaces ALL data and media files with the backup's. Type 'yes' to go on: ")
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore(Path(path), using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(manifest['tables'])} tables ({rows} rows, every table's count and hash checked) "
                f"and {len(manifest['media'])} media files."
            )
        )
