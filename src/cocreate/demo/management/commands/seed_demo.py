import time

from django.core.management.base import BaseCommand, CommandError

from cocreate.accounts import ratelimit
from cocreate.accounts.models import User
from cocreate.campaigns.models import Campaign
from cocreate.demo.builder import DEMO_PASSWORD, DemoBuilder
from cocreate.demo.extensions import run_demo_extensions
from cocreate.demo.texts import STAFF

DEFAULT_SEED = 2024


class Command(BaseCommand):
    help = (
        "Fill an empty database with a believable demo community: one organisation, three campaigns, members, "
        "ideas in every state, supports, discussion and history. The same --seed gives the same community."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"Random seed (default {DEFAULT_SEED}).")
        parser.add_argument("--members", type=int, default=200, help="Number of members (default 200, min 20).")
        parser.add_argument("--ideas", type=int, default=300, help="Number of ideas (default 300, min 30).")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the database already has campaigns."
        )

    def handle(self, *args, seed, members, ideas, if_empty, **options):
        if Campaign.objects.exists():
            if if_empty:
                self.stdout.write("The database already has campaigns; leaving it as it is.")
                return
            raise CommandError("The database already has campaigns. Seed a fresh database, or pass --if-empty.")
        if User.objects.filter(email__in=[email for _key, email, _name, _bio in STAFF]).exists():
            raise CommandError("The demo accounts already exist. Seed a fresh database.")
        if members < 20 or ideas < 30:
            raise CommandError("Use at least 20 members and 30 ideas.")
        started = time.monotonic()
        builder = DemoBuilder(seed=seed, members=members, ideas=ideas)
        # The demo acts for hundreds of members in seconds: rate limits protect members' requests, not this.
        with ratelimit.suspended():
            counts = builder.build()
            accounts = {key: User.objects.get(email=email) for key, email, _name, _bio in STAFF}
            counts.update(run_demo_extensions(seed=seed, now=builder.now, accounts=accounts, log=self.stdout.write))
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo community seeded in {elapsed:.1f} s (seed {seed})."))
        width = max(len(k) for k in counts)
        for key, value in counts.items():
            self.stdout.write(f"  {key:<{width}}  {value}")
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):")
        roles = {
            "admin": "site admin (Django admin at /admin/)",
            "facilitator": "facilitator, every campaign",
            "moderator": "moderator, every campaign",
            "reviewer": "reviewer, design contest only",
            "member": "member with ideas, supports and a draft",
        }
        for key, email, name, _bio in STAFF:
            self.stdout.write(f"  {email:<30} {name:<16} {roles[key]}")
