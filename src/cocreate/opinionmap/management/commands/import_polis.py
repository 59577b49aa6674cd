from django.core.management.base import BaseCommand, CommandError

from cocreate.campaigns.models import Campaign
from cocreate.opinionmap.importer import import_polis
from cocreate.opinionmap.models import Report


class Command(BaseCommand):
    help = "Import a Pol.is conversation export (folder with comments.csv, votes.csv) as an opinion-map campaign."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--slug", default="")
        parser.add_argument(
            "--meta",
            default="",
            help="Pol.is comment ids of meta statements (about the participant), e.g. 32-42,50: exports omit the flag",
        )

    def handle(self, *args, **options):
        try:
            meta: set[int] = set()
            for part in filter(None, options["meta"].replace(" ", "").split(",")):
                low, _sep, high = part.partition("-")
                meta.update(range(int(low), int(high or low) + 1))
        except ValueError as exc:
            raise CommandError(f"--meta takes comment ids and ranges such as 32-42,50: {exc}") from exc
        try:
            campaign = import_polis(options["directory"], slug=options["slug"], meta=meta)
        except FileNotFoundError as exc:
            raise CommandError(f"Not a Pol.is export: {exc}") from exc
        if Campaign.objects.filter(pk=campaign.pk).exists():
            report = Report.objects.get(campaign=campaign)
            groups = len(report.data.get("groups", []))
            self.stdout.write(
                f"Imported {campaign.slug}: {campaign.opinion_statements.count()} statements, "
                f"{report.vote_count} votes, {groups} groups."
            )
