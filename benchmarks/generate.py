"""Generate a realistic community fast, with bulk inserts, into the database the environment names.

    python benchmarks/generate.py --size small            # 1k members, 10k ideas, 100k supports, 20k comments
    python benchmarks/generate.py --size medium           # 10k members, 100k ideas, 1M supports, 200k comments
    python benchmarks/generate.py --size large            # 100k / 1M / 10M / 2M: for bigger machines than 2 cores

Popularity follows a Zipf-like law (a few ideas gather most supports, as on LEGO Ideas). Counters, trending and
ladder positions are consistent with the rows, as the services would leave them. Prints the time per table and
writes benchmark API tokens to var/bench-tokens.txt (one `member_id token` per line) for the load scenarios.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import timedelta

import _django

SIZES = {
    "tiny": dict(members=200, ideas=1_000, supports=10_000, comments=2_000),
    "small": dict(members=1_000, ideas=10_000, supports=100_000, comments=20_000),
    "medium": dict(members=10_000, ideas=100_000, supports=1_000_000, comments=200_000),
    "large": dict(members=100_000, ideas=1_000_000, supports=10_000_000, comments=2_000_000),
}
BATCH = 5_000
WORDS = [
    "reusable",
    "cup",
    "refill",
    "deposit",
    "recycling",
    "compost",
    "packaging",
    "loyalty",
    "app",
    "queue",
    "seating",
    "wifi",
    "charging",
    "vegan",
    "oat",
    "milk",
    "breakfast",
    "bike",
    "parking",
    "lighting",
    "music",
    "playground",
    "bench",
    "tree",
    "shade",
    "water",
    "fountain",
    "bus",
    "stop",
    "ramp",
    "braille",
    "modular",
    "set",
    "dragon",
    "castle",
    "train",
    "spaceship",
    "lighthouse",
    "garden",
    "market",
    "library",
    "repair",
    "cafe",
    "bakery",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=SIZES, default="small")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--tokens", type=int, default=64, help="benchmark members that get API tokens")
    args = parser.parse_args()
    _django.setup()

    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.db.models import Count, F, OuterRef, Subquery
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from cocreate.accounts.models import User
    from cocreate.api.models import PersonalAccessToken, hash_token, new_raw_token
    from cocreate.campaigns.models import Campaign, CampaignStatus, SupportStage
    from cocreate.engagement.models import Comment, Support
    from cocreate.ideas.models import Idea, trending_score
    from cocreate.legal.models import AgreementAcceptance, ContributorAgreement

    size, rng, now = SIZES[args.size], random.Random(args.seed), timezone.now()
    timings: dict[str, float] = {}

    def timed(name):
        class _T:
            def __enter__(self):
                self.t = time.perf_counter()

            def __exit__(self, *exc):
                timings[name] = time.perf_counter() - self.t

        return _T()

    started = time.perf_counter()
    with transaction.atomic():
        with timed("members"):
            password = make_password("bench-password")
            first = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
            User.objects.bulk_create(
                (
                    User(email=f"bench{first + i}@bench.example", display_name=f"Bench member {i}", password=password)
                    for i in range(size["members"])
                ),
                batch_size=BATCH,
            )
            member_ids = list(User.objects.filter(email__endswith="@bench.example").values_list("pk", flat=True))
        with timed("campaigns"):
            agreement = ContributorAgreement.objects.filter(published_at__isnull=False).order_by("-version").first()
            if agreement is None:
                agreement = ContributorAgreement.objects.create(
                    version=1, title="Contributor agreement", body="Benchmark terms.", published_at=now
                )
            campaigns = []
            for n in range(3):
                campaign = Campaign.objects.create(
                    slug=f"bench-{args.size}-{n}-{args.seed}",
                    title=f"Benchmark campaign {n}",
                    goal="Measure how fast Cocreate is.",
                    brief="Generated for benchmarks.",
                    status=CampaignStatus.PUBLISHED,
                )
                SupportStage.objects.create(campaign=campaign, position=0, threshold=10_000_000, window_days=3650)
                campaigns.append(campaign)
        # Zipf-like popularity: idea rank r gets weight 1 / (r + 10).
        n_ideas = size["ideas"]
        weights = [1.0 / (r + 10) for r in range(n_ideas)]
        total = sum(weights)
        support_counts = [0] * n_ideas
        remaining = size["supports"]
        for r in range(n_ideas):
            want = min(len(member_ids), round(size["supports"] * weights[r] / total))
            support_counts[r] = min(want, remaining)
            remaining -= support_counts[r]
        rng.shuffle(support_counts)
        with timed("ideas"):
            ideas = []
            for i in range(n_ideas):
                published = now - timedelta(minutes=rng.randint(0, 200 * 24 * 60))
                ideas.append(
                    Idea(
                        campaign=campaigns[i % 3],
                        author_id=rng.choice(member_ids),
                        title=sentence(rng, 6)[:150],
                        body=" ".join(sentence(rng, 14) + "." for _ in range(3)),
                        status="published",
                        published_at=published,
                        status_changed_at=published,
                        stage_started_at=published,
                        support_count=support_counts[i],
                        trending=trending_score(support_counts[i], published),
                    )
                )
            Idea.objects.bulk_create(ideas, batch_size=BATCH)
            idea_rows = list(
                Idea.objects.filter(campaign__in=campaigns)
                .order_by("pk")
                .values_list("pk", "author_id", "support_count")
            )
        with timed("supports"):
            buffer = []
            for idea_id, author_id, count in idea_rows:
                for member_id in rng.sample(member_ids, min(count + 1, len(member_ids))):
                    if member_id != author_id and count:
                        buffer.append(Support(idea_id=idea_id, member_id=member_id))
                        count -= 1
                if count:  # the author was among the sample: count what was really inserted
                    Idea.objects.filter(pk=idea_id).update(support_count=F("support_count") - count)
                if len(buffer) >= BATCH:
                    Support.objects.bulk_create(buffer, batch_size=BATCH)
                    buffer = []
            Support.objects.bulk_create(buffer, batch_size=BATCH)
        with timed("comments"):
            idea_ids = [row[0] for row in idea_rows]
            Comment.objects.bulk_create(
                (
                    Comment(
                        idea_id=rng.choice(idea_ids),
                        author_id=rng.choice(member_ids),
                        body=sentence(rng, 12) + ".",
                        alignment=rng.choice(["", "favour", "against", "question", "suggestion"]),
                    )
                    for _ in range(size["comments"])
                ),
                batch_size=BATCH,
            )
            counts = Comment.objects.filter(idea=OuterRef("pk")).values("idea").annotate(c=Count("pk")).values("c")
            Idea.objects.filter(campaign__in=campaigns).update(comment_count=Coalesce(Subquery(counts), 0))
        with timed("tokens"):
            token_members = member_ids[: args.tokens]
            AgreementAcceptance.objects.bulk_create(
                [AgreementAcceptance(user_id=m, agreement=agreement) for m in token_members], ignore_conflicts=True
            )
            lines = []
            for member_id in token_members:
                raw = new_raw_token()
                PersonalAccessToken.objects.create(
                    user_id=member_id, name="benchmark", token_hash=hash_token(raw), prefix=raw[:12]
                )
                lines.append(f"{member_id} {raw}")
    from django.conf import settings

    out = settings.DATA_DIR / "bench-tokens.txt"
    out.write_text("\n".join(lines) + "\n")
    total_s = time.perf_counter() - started
    print(f"Generated size {args.size} in {total_s:.1f} s: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
    print(
        f"Rows: {size['members']} members, {n_ideas} ideas, {Support.objects.count()} supports, "
        f"{Comment.objects.count()} comments; tokens in {out}"
    )


if __name__ == "__main__":
    main()
