from django.core.management.base import BaseCommand, CommandError

from cocreate.campaigns.models import Campaign
from cocreate.opinionmap.importer import import_polis
from cocreate.opinionmap.models import Report


class Command(BaseCommand):
    help = "Import a Pol.is conversation export (folder with comments.csv, votes.csv) as an opinion-map campaign."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--slug", default="")

    def handle(self, *args, **options):
        try:
            campaign = import_polis(options["directory"], slug=options["slug"])
        except FileNotFoundError as exc:
            raise CommandError(f"Not a Pol.is export: {exc}") from exc
        if Campaign.objects.filter(pk=campaign.pk).exists():
            report = Report.objects.get(campaign=campaign)
            groups = len(report.data.get("groups", []))
            self.stdout.write(
                f"Imported {campaign.slug}: {campaign.opinion_statements.count()} statements, "
                f"{report.vote_count} votes, {groups} groups."
            )
