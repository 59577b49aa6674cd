from django.core.management.base import BaseCommand

from cocreate.search import index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the database (SQLite FTS5; PostgreSQL searches live)."

    def handle(self, *args, **options):
        if not index.uses_fts5():
            self.stdout.write("PostgreSQL searches its tables directly: there is no index to rebuild.")
            return
        counts = index.rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                "Search index rebuilt: {campaign} campaigns, {idea} ideas, {comment} comments.".format(**counts)
            )
        )
