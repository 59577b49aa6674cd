"""Plans and writes the demo community.

Everything random comes from one `random.Random(seed)` (and a Faker seeded from it), and every time is an offset
from `now`, so the same seed gives the same people, ideas and history. Campaigns are created through
`campaign_create`; ideas and their history are written as rows because they have to be back-dated, but every row
keeps the invariants the services keep: exact counters, the support ladder, numbered revisions, one support per
member and no support for one's own idea."""

from __future__ import annotations

import io
import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from cocreate.accounts.models import Role, RoleAssignment, User
from cocreate.activity.models import ActivityEntry, Verb
from cocreate.campaigns.models import Campaign, CampaignStatus, Moderation, PhaseKind, Visibility
from cocreate.campaigns.services import (
    CriterionSpec,
    PhaseSpec,
    StageSpec,
    campaign_create,
    campaign_update,
    role_assign,
)
from cocreate.core.images import process_image
from cocreate.engagement.models import Alignment, Comment, Follow, Support
from cocreate.ideas.lifecycle import IdeaStatus as S
from cocreate.ideas.methods import DESIGN_CONTEST, IDEA_CHALLENGE, NAMING_CONTEST
from cocreate.ideas.models import Idea, IdeaImage, IdeaRevision, IdeaStatusChange, IdeaUpdate, Tag, trending_score
from cocreate.legal.models import AgreementAcceptance, ContributorAgreement

from . import texts
from .drawings import cover_image, design_images

DEMO_PASSWORD = "cocreate-demo"  # noqa: S105 - documented demo password, see docs/demo.md
DAY = timedelta(days=1)
HOUR = timedelta(hours=1)

# Share of ideas per campaign, and per campaign the share of ideas in each target state, in the order in which
# states get their guaranteed first idea when the demo is small.
CAMPAIGN_SHARES = {"cafe": 0.5, "bricks": 0.35, "naming": 0.15}
TARGETS = {
    "cafe": [
        (S.PUBLISHED, 0.38), (S.ACCEPTED, 0.06), (S.DECLINED, 0.05), (S.UNDER_REVIEW, 0.06),
        (S.THRESHOLD_REACHED, 0.07), (S.EXPIRED, 0.22), (S.MERGED, 0.04), (S.WITHDRAWN, 0.03), (S.DRAFT, 0.06),
    ],
    "bricks": [
        (S.PUBLISHED, 0.24), ("climbing", 0.16), (S.UNDER_REVIEW, 0.06), (S.ACCEPTED, 0.03), (S.DECLINED, 0.04),
        (S.THRESHOLD_REACHED, 0.05), (S.EXPIRED, 0.2), (S.DRAFT, 0.06), (S.MERGED, 0.03), (S.WITHDRAWN, 0.03),
    ],
    "naming": [
        (S.PUBLISHED, 0.5), (S.PENDING, 0.2), (S.THRESHOLD_REACHED, 0.08), (S.EXPIRED, 0.1), (S.DRAFT, 0.05),
        (S.WITHDRAWN, 0.04),
    ],
}  # fmt: skip
# "Needs more information" is a newer review step; the demo shows it when the lifecycle has it.
NEEDS_INFO = getattr(S, "NEEDS_INFO", None)
if NEEDS_INFO:
    TARGETS["cafe"].insert(4, (NEEDS_INFO, 0.03))
    TARGETS["bricks"].insert(4, (NEEDS_INFO, 0.02))
CAMPAIGN_AGE_DAYS = {"cafe": 150, "bricks": 120, "naming": 18}
REVIEWED = {S.UNDER_REVIEW, S.ACCEPTED, S.DECLINED} | ({NEEDS_INFO} if NEEDS_INFO else set())
REACHED = {S.THRESHOLD_REACHED} | REVIEWED


@dataclass
class Person:
    email: str
    name: str
    bio: str
    activity: float
    role: str = ""
    lapsed: bool = False  # accepted only the old agreement, so the site asks them again
    user: User | None = None
    first_activity: datetime | None = None

    def touch(self, at: datetime) -> None:
        if self.first_activity is None or at < self.first_activity:
            self.first_activity = at


@dataclass
class Stage:
    threshold: int
    window: timedelta


@dataclass
class Plan:
    key: str  # campaign key
    target: str
    title: str
    body: str
    tags: list[str]
    author: Person
    base: int
    kind: str = ""
    coauthors: list[Person] = field(default_factory=list)
    created_at: datetime | None = None
    published_at: datetime | None = None
    status: str = S.DRAFT
    status_changed_at: datetime | None = None
    stage_index: int = 0
    stage_started_at: datetime | None = None
    supports: list[tuple[Person, datetime]] = field(default_factory=list)
    history: list[tuple[str, str, Person | None, str, datetime]] = field(default_factory=list)
    revisions: list[tuple[str, str, str, datetime, Person]] = field(default_factory=list)
    open_until: datetime | None = None  # end of discussion and editing
    edit_until: datetime | None = None
    merged_into: Plan | None = None
    idea: Idea | None = None


@dataclass
class Outcome:
    status: str
    stage_index: int
    stage_started_at: datetime
    at: datetime  # when the final ladder event happened (reach or expiry), else the stage start
    kept: list[datetime]


def simulate(stages: list[Stage], published_at: datetime, times: list[datetime], until: datetime) -> Outcome:
    """Replay the support ladder as ideas.services.idea_advance_ladder does, support by support."""
    index, start, kept = 0, published_at, []
    reached_at: datetime | None = None
    for t in sorted(times):
        if t > until:
            break
        if reached_at is None and t >= start + stages[index].window:
            return Outcome(S.EXPIRED, index, start, start + stages[index].window, kept)
        kept.append(t)
        if reached_at is None and len(kept) >= stages[index].threshold:
            index, start = index + 1, t
            if index == len(stages):
                index, reached_at = len(stages) - 1, t
    if reached_at is not None:
        return Outcome(S.THRESHOLD_REACHED, index, start, reached_at, kept)
    if until >= start + stages[index].window:
        return Outcome(S.EXPIRED, index, start, start + stages[index].window, kept)
    return Outcome(S.PUBLISHED, index, start, start, kept)


@contextmanager
def explicit_timestamps(*model_classes: type[models.Model]) -> Iterator[None]:
    """Let back-dated rows keep the created/updated times we give them (auto_now fields would overwrite them)."""
    saved = []
    for model in model_classes:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add  # type: ignore[attr-defined]


class DemoBuilder:
    def __init__(self, *, seed: int, members: int, ideas: int, now: datetime | None = None, log=print):
        self.seed, self.n_members, self.n_ideas = seed, members, ideas
        self.now = (now or timezone.now()).replace(microsecond=0)
        self.rng = random.Random(seed)
        self.log = log
        self.people: list[Person] = []
        self.staff: dict[str, Person] = {}
        self.campaigns: dict[str, Campaign] = {}
        self.stages: dict[str, list[Stage]] = {}
        self.plans: list[Plan] = []
        self._returned_one = False

    # ---- helpers ---------------------------------------------------------------------------------------

    def ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)

    def between(self, start: datetime, end: datetime) -> datetime:
        if end <= start:
            return start
        return start + timedelta(seconds=self.rng.uniform(0, (end - start).total_seconds()))

    def weighted_sample(self, people: list[Person], k: int) -> list[Person]:
        """k distinct people, the active ones more likely (Efraimidis–Spirakis keys)."""
        keyed = sorted(people, key=lambda p: self.rng.random() ** (1.0 / p.activity), reverse=True)
        return keyed[:k]

    def pick(self, people: list[Person]) -> Person:
        return self.rng.choices(people, weights=[p.activity for p in people])[0]

    # ---- people ----------------------------------------------------------------------------------------

    def plan_people(self) -> None:
        names = self._names(self.n_members - 1)
        for key, email, name, bio in texts.STAFF:
            person = Person(email=email, name=name, bio=bio, activity=8.0, role=key)
            self.staff[key] = person
        self.people.append(self.staff["member"])
        used = set()
        for first, last in names:
            base = slugify(f"{first}.{last}").replace("-", ".") or "member"
            email, n = f"{base}@example.{self.rng.choice(['com', 'org', 'net'])}", 2
            while email in used:
                email, n = f"{base}{n}@example.com", n + 1
            used.add(email)
            activity = min(40.0, self.rng.paretovariate(1.3))
            self.people.append(Person(email=email, name=f"{first} {last}", bio=self.rng.choice(texts.BIOS),
                                      activity=activity))  # fmt: skip
        for person in self.rng.sample(self.people[1:], max(1, len(self.people) // 10)):
            person.lapsed = True

    def _names(self, count: int) -> list[tuple[str, str]]:
        try:
            from faker import Faker
        except ImportError:  # Faker comes with the dev tools; without it, fall back to a short list.
            return [(self.rng.choice(texts.FALLBACK_FIRST), self.rng.choice(texts.FALLBACK_LAST)) for _ in range(count)]
        fake = Faker(["en_GB", "en_US", "en_IE", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "en_IN"])
        fake.seed_instance(self.seed)
        return [(fake.first_name(), fake.last_name()) for _ in range(count)]

    @property
    def contributors(self) -> list[Person]:
        return [p for p in self.people if not p.lapsed]

    # ---- campaigns -------------------------------------------------------------------------------------

    def ladders(self) -> dict[str, list[Stage]]:
        m = self.n_members

        def rising(values: list[int]) -> list[int]:
            out: list[int] = []
            for v in values:
                out.append(max(v, (out[-1] + 1) if out else 2))
            return out

        bricks = rising([round(m * 0.05), round(m * 0.15), round(m * 0.3)])
        return {
            "cafe": [Stage(rising([round(m * 0.12)])[0] + 1, 60 * DAY)],
            "bricks": [Stage(t, w * DAY) for t, w in zip(bricks, (30, 60, 90), strict=True)],
            "naming": [Stage(rising([round(m * 0.1)])[0], 10 * DAY)],
        }

    def create_campaigns(self, admin: User) -> None:
        self.stages = self.ladders()
        d = self.ago
        specs = {
            "cafe": (texts.CAFE, IDEA_CHALLENGE.key, Visibility.PUBLIC, Moderation.POST, None, 4,
                     [(PhaseKind.SUBMISSION, d(150), d(-30)), (PhaseKind.SUPPORT, d(150), d(-45)),
                      (PhaseKind.REVIEW, d(90), d(-60)), (PhaseKind.RESULTS, d(-60), None)]),
            "bricks": (texts.BRICKS, DESIGN_CONTEST.key, Visibility.PUBLIC, Moderation.POST, None, 3,
                       [(PhaseKind.SUBMISSION, d(120), d(-20)), (PhaseKind.SUPPORT, d(120), d(-90)),
                        (PhaseKind.REVIEW, d(60), d(-100)), (PhaseKind.RESULTS, d(-100), None)]),
            "naming": (texts.NAMING, NAMING_CONTEST.key, Visibility.MEMBERS, Moderation.PRE, 3, 1,
                       [(PhaseKind.SUBMISSION, d(18), d(-5)), (PhaseKind.SUPPORT, d(18), d(-12)),
                        (PhaseKind.REVIEW, d(-12), d(-19)), (PhaseKind.RESULTS, d(-19), None)]),
        }  # fmt: skip
        for position, (key, (spec, method, visibility, moderation, limit, images, phases)) in enumerate(specs.items()):
            cover = process_image(io.BytesIO(cover_image(key, self.seed + position)), field="cover_image")
            campaign = campaign_create(
                actor=admin,
                slug=spec["slug"],
                title=spec["title"],
                goal=spec["goal"],
                brief=spec["brief"],
                constraints=spec["constraints"],
                out_of_scope=spec["out_of_scope"],
                audience=spec["audience"],
                incentives=spec["incentives"],
                ip_terms=spec["ip_terms"],
                method=method,
                visibility=visibility,
                moderation=moderation,
                status=CampaignStatus.DRAFT,
                entries_per_member=limit,
                max_images_per_idea=images,
                cover_image=cover.image,
                stages=[StageSpec(s.threshold, s.window.days) for s in self.stages[key]],
                criteria=[CriterionSpec(name, weight, description) for name, weight, description in spec["criteria"]],
                phases=[PhaseSpec(kind, start, end) for kind, start, end in phases],
            )
            # Drafted, then published: both steps go through the services, so the activity log has them.
            campaign = campaign_update(actor=admin, campaign=campaign, status=CampaignStatus.PUBLISHED)
            created = self.ago(CAMPAIGN_AGE_DAYS[key] + 7)
            Campaign.objects.filter(pk=campaign.pk).update(created_at=created, updated_at=created)
            self.campaigns[key] = campaign
        reviewer = self.staff["reviewer"].user
        assert reviewer is not None
        role_assign(actor=admin, campaign=self.campaigns["bricks"], email=reviewer.email, role=Role.REVIEWER)

    # ---- ideas -----------------------------------------------------------------------------------------

    def quotas(self, key: str, count: int) -> list[str]:
        targets = TARGETS[key]
        counts = Counter[str]()
        budget = count - 1  # one is always left for "published"
        for target, _share in targets[1:]:
            if budget > 0:
                counts[target] += 1
                budget -= 1
        for target, share in targets[1:]:
            extra = max(0, round(share * count) - counts[target])
            extra = min(extra, budget)
            counts[target] += extra
            budget -= extra
        counts[S.PUBLISHED] += count - sum(counts.values())
        order = [t for t, _ in targets for _ in range(counts[t])]
        self.rng.shuffle(order)
        return order

    def texts_for(self, key: str, count: int) -> list[tuple[str, str, list[str], int, str]]:
        """(title, body, tags, base index, drawing kind) for `count` ideas; banks are reused with their
        alternative titles and suffixes, so repeats read like different people proposing similar things."""
        out = []
        if key == "naming":
            bank = list(enumerate(texts.NAMING_IDEAS))
            self.rng.shuffle(bank)
            for n in range(count):
                i, (name, why) = bank[n % len(bank)]
                suffix = ["", " Roast", " Blend", " No. 2"][n // len(bank) % 4]
                out.append((f"{name}{suffix}", why, ["name", "winter blend"], i, ""))
            return out
        bank = texts.CAFE_IDEAS if key == "cafe" else texts.BRICKS_IDEAS
        openers = texts.CAFE_OPENERS if key == "cafe" else texts.BRICKS_OPENERS
        closers = texts.CAFE_CLOSERS if key == "cafe" else texts.BRICKS_CLOSERS
        order = list(range(len(bank)))
        self.rng.shuffle(order)
        for n in range(count):
            i = order[n % len(order)]
            entry = bank[i]
            title, alt, body, tags = entry[0], entry[1], entry[2], list(entry[3])
            round_ = n // len(order)
            if round_ % 2:
                title = alt
            if round_ >= 2:
                title += self.rng.choice([s for s in texts.TITLE_SUFFIXES[key] if s] or [""])
            opener, closer = self.rng.choice(openers), self.rng.choice(closers)
            text = " ".join(part for part in (opener, body) if part)
            if closer:
                text += "\n\n" + closer
            kind = entry[4] if key == "bricks" else ""
            out.append((title[:160], text, tags, i, kind))
        return out

    def plan_ideas(self) -> None:
        sizes = {k: int(self.n_ideas * share) for k, share in CAMPAIGN_SHARES.items()}
        sizes["cafe"] += self.n_ideas - sum(sizes.values())
        authors_pool = self.contributors
        naming_entries: Counter[str] = Counter()
        for key, size in sizes.items():
            for target, (title, body, tags, base, kind) in zip(self.quotas(key, size), self.texts_for(key, size),
                                                                 strict=True):  # fmt: skip
                pool = authors_pool
                if key == "naming" and target not in (S.DRAFT, S.WITHDRAWN):
                    # the demo member's single entry is added below; others stay within the limit of three
                    pool = [p for p in authors_pool if naming_entries[p.email] < 3 and p.role != "member"]
                author = self.pick(pool)
                if key == "naming" and target not in (S.DRAFT, S.WITHDRAWN):
                    naming_entries[author.email] += 1
                plan = Plan(key=key, target=target, title=title, body=body, tags=tags, author=author, base=base,
                            kind=kind)  # fmt: skip
                if key != "naming" and self.rng.random() < 0.12:
                    others = [p for p in authors_pool if p is not author]
                    plan.coauthors = self.rng.sample(others, self.rng.choice([1, 1, 2]))
                self.plans.append(plan)
        self._give_demo_member_ideas()
        for plan in self.plans:
            self.plan_timeline(plan)
        self._plan_merges()

    def _give_demo_member_ideas(self) -> None:
        member = self.staff["member"]
        wanted = [("cafe", S.DRAFT), ("cafe", S.PUBLISHED), ("bricks", "climbing"), ("naming", S.PENDING),
                  ("cafe", S.ACCEPTED)]  # fmt: skip
        for key, target in wanted:
            for plan in self.plans:
                if plan.key == key and plan.target == target and plan.author is not member:
                    plan.author = member
                    plan.coauthors = [p for p in plan.coauthors if p is not member]
                    break

    def plan_timeline(self, plan: Plan) -> None:
        stages = self.stages[plan.key]
        age = CAMPAIGN_AGE_DAYS[plan.key]
        author = plan.author
        target = plan.target
        if target == S.DRAFT:
            plan.created_at = self.ago(self.rng.uniform(0.3, min(25, age)))
            plan.status = S.DRAFT
            plan.status_changed_at = plan.created_at
            plan.history.append(("", S.DRAFT, author, "", plan.created_at))
            if plan.key == "naming" and not self._returned_one:
                self._returned_one = True  # one entry went back to its author with the moderator's reason
                sent = self.between(plan.created_at, self.now - HOUR)
                back = self.between(sent, self.now - 0.5 * HOUR)
                returned = (S.PENDING, S.DRAFT, self.staff["moderator"], texts.MODERATION_NOTES["return"], back)
                plan.history += [(S.DRAFT, S.PENDING, author, "", sent), returned]
                plan.status_changed_at = back
            author.touch(plan.created_at)
            return
        if target == S.PENDING:
            plan.created_at = self.ago(self.rng.uniform(0.1, 4))
            sent = self.between(plan.created_at, plan.created_at + 2 * HOUR)
            plan.status, plan.status_changed_at = S.PENDING, sent
            plan.history += [("", S.DRAFT, author, "", plan.created_at), (S.DRAFT, S.PENDING, author, "", sent)]
            author.touch(plan.created_at)
            return
        eligible = [p for p in self.people if p is not author and p not in plan.coauthors]
        outcome, pub, _times, until = self._fit(plan, stages, age, len(eligible))
        plan.published_at = pub
        plan.created_at = pub - timedelta(minutes=self.rng.uniform(3, 60 * 30))
        author.touch(plan.created_at)
        history = plan.history
        history.append(("", S.DRAFT, author, "", plan.created_at))
        if plan.key == "naming":
            history.append((S.DRAFT, S.PENDING, author, "", plan.created_at + timedelta(minutes=2)))
            history.append((S.PENDING, S.PUBLISHED, self.staff["moderator"], texts.MODERATION_NOTES["approve"], pub))
        else:
            history.append((S.DRAFT, S.PUBLISHED, author, "", pub))
        plan.stage_index, plan.stage_started_at = outcome.stage_index, outcome.stage_started_at
        supporters = self.weighted_sample(eligible, len(outcome.kept))
        plan.supports = list(zip(supporters, outcome.kept, strict=True))
        for person, at in plan.supports:
            person.touch(at)
        status, changed = S.PUBLISHED, pub
        plan.open_until = self.now
        plan.edit_until = self.now
        facilitator = self.staff["facilitator"]
        if outcome.status == S.EXPIRED:
            note = f"Did not reach {stages[outcome.stage_index].threshold} supporters in time."
            status, changed = S.EXPIRED, outcome.at + timedelta(minutes=self.rng.uniform(1, 50))
            history.append((S.PUBLISHED, S.EXPIRED, None, note, changed))
            plan.open_until = plan.edit_until = changed
        elif outcome.status == S.THRESHOLD_REACHED:
            status, changed = S.THRESHOLD_REACHED, outcome.at
            history.append((S.PUBLISHED, S.THRESHOLD_REACHED, None, "Reached the support threshold.", changed))
            plan.edit_until = changed
            if target in REVIEWED:
                review = until["review"]
                note = texts.DECISION_NOTES["start_review"][1 if plan.key == "bricks" else self.rng.choice([0, 2])]
                history.append((S.THRESHOLD_REACHED, S.UNDER_REVIEW, facilitator, note, review))
                status, changed = S.UNDER_REVIEW, review
                if target == NEEDS_INFO:
                    asked = until["decision"]
                    history.append((S.UNDER_REVIEW, target, facilitator, texts.DECISION_NOTES["request_info"], asked))
                    status, changed = target, asked
                if target in (S.ACCEPTED, S.DECLINED):
                    decided = until["decision"]
                    notes = texts.DECISION_NOTES["accept" if target == S.ACCEPTED else "decline"]
                    note = notes[1] if plan.key == "bricks" else self.rng.choice([notes[0], notes[2]])
                    history.append((S.UNDER_REVIEW, target, facilitator, note, decided))
                    status, changed = target, decided
                    plan.supports = [(p, t) for p, t in plan.supports if t <= decided]
        elif target == S.WITHDRAWN:
            changed = until["end"]
            note = self.rng.choice(texts.DECISION_NOTES["withdraw"])
            history.append((S.PUBLISHED, S.WITHDRAWN, author, note, changed))
            status = S.WITHDRAWN
            plan.open_until = plan.edit_until = changed
        elif target == S.MERGED:
            changed = until["end"]
            status = S.MERGED  # the note names the target, set once merges are paired
            history.append((S.PUBLISHED, S.MERGED, self.staff["moderator"], "", changed))
            plan.open_until = plan.edit_until = changed
        plan.status, plan.status_changed_at = status, changed
        self._plan_revisions(plan)

    def _fit(self, plan: Plan, stages: list[Stage], age: float, eligible: int):
        """Draw publication time and support times until the ladder replay gives the planned state."""
        target, rng, last = plan.target, self.rng, stages[-1].threshold
        first_window = stages[0].window.days
        for attempt in range(400):
            relax = attempt > 200
            until = {"end": self.now}
            if target in REACHED:
                pub = self.ago(rng.uniform(min(age - 1, 25), age - 1))
                n = rng.randint(last, max(last, min(eligible, int(last * rng.uniform(1.1, 2.6)))))
                shape = rng.uniform(1.8, 4.0)
            elif target == S.EXPIRED:
                pub = self.ago(rng.uniform(first_window + 1, age - 1)) if age - 1 > first_window + 1 else None
                if pub is None:
                    break
                n = int(stages[0].threshold * rng.random() * 0.95)
                shape = rng.uniform(1.0, 2.5)
            elif target == "climbing":
                pub = self.ago(rng.uniform(5, age - 1))
                n = rng.randint(stages[0].threshold, max(stages[0].threshold, last - 1))
                shape = rng.uniform(1.2, 3.5)
            elif target == S.MERGED:
                pub = self.ago(rng.uniform(3, min(age - 1, first_window)))
                until["end"] = pub + timedelta(days=rng.uniform(0.5, 2.5))
                n, shape = 0, 1.0
            elif target == S.WITHDRAWN:
                pub = self.ago(rng.uniform(4, min(age - 1, first_window)))
                until["end"] = min(pub + timedelta(days=rng.uniform(1, min(20, first_window - 1)) * rng.random()),
                                   self.now - HOUR)  # fmt: skip
                n = int(stages[0].threshold * rng.random() * 0.6)
                shape = 1.5
            else:  # published, still gathering support
                pub = self.ago(rng.uniform(0.3, min(age - 1, first_window - 1)) if not relax else rng.uniform(0.3, 5))
                n = int(stages[0].threshold * (rng.random() ** 1.6) * 0.98)
                shape = rng.uniform(1.0, 2.5)
            n = min(n, eligible)
            horizon = min(self.now, until["end"])
            span = (horizon - pub).total_seconds()
            times = sorted(pub + timedelta(seconds=span * rng.random() ** shape) for _ in range(n))
            outcome = simulate(stages, pub, times, horizon)
            if target in REACHED:
                if outcome.status != S.THRESHOLD_REACHED or outcome.at > self.now - 6 * DAY:
                    continue
                review = outcome.at + timedelta(days=rng.uniform(1, 4))
                decision = review + timedelta(days=rng.uniform(3, 12))
                if target in (S.ACCEPTED, S.DECLINED, NEEDS_INFO) and decision > self.now - 0.5 * DAY:
                    continue
                until["review"], until["decision"] = review, decision
                return outcome, pub, times, until
            wanted = {S.EXPIRED: S.EXPIRED, "climbing": S.PUBLISHED}.get(target, S.PUBLISHED)
            if outcome.status != wanted:
                continue
            if target == "climbing" and outcome.stage_index == 0:
                continue
            if wanted == S.PUBLISHED and target in (S.PUBLISHED, "climbing"):
                deadline = outcome.stage_started_at + stages[outcome.stage_index].window
                if deadline - self.now < 3 * HOUR:
                    continue
            return outcome, pub, times, until
        # Could not fit (a tiny demo): fall back to a fresh idea with no supports.
        plan.target = S.PUBLISHED
        pub = self.ago(rng.uniform(0.3, min(2.0, first_window / 2)))
        return simulate(stages, pub, [], self.now), pub, [], {"end": self.now}

    def _plan_revisions(self, plan: Plan) -> None:
        pub = plan.published_at
        assert pub is not None
        plan.revisions.append((plan.title, plan.body, "First published version", pub, plan.author))
        if plan.key == "naming" or plan.target == S.MERGED or self.rng.random() > 0.28:
            return
        bank = texts.CAFE_REVISIONS if plan.key == "cafe" else texts.BRICKS_REVISIONS
        edit_until = plan.edit_until or self.now
        edits = self.rng.sample(bank, self.rng.choice([1, 1, 2]))
        body, at = plan.body, pub
        for note, addition in edits:
            if edit_until - at < 3 * HOUR:
                break
            at = self.between(at + HOUR, edit_until - HOUR)
            body = body + addition
            title = texts.TITLE_EDITS.get(note, "{title}").format(title=plan.revisions[-1][0])[:160]
            editor = plan.author if not plan.coauthors or self.rng.random() < 0.7 else plan.coauthors[0]
            plan.revisions.append((title, body, note, at, editor))
        plan.title, plan.body = plan.revisions[-1][0], plan.revisions[-1][1]

    def _plan_merges(self) -> None:
        for plan in self.plans:
            if plan.status != S.MERGED:
                continue
            candidates = [
                p for p in self.plans
                if p.key == plan.key and p is not plan and p.status not in (S.DRAFT, S.PENDING, S.MERGED, S.WITHDRAWN)
                and p.published_at and plan.published_at and p.published_at < plan.published_at
            ]  # fmt: skip
            same = [p for p in candidates if p.base == plan.base]
            chosen = (
                (same or candidates or [None])[0] if same else (self.rng.choice(candidates) if candidates else None)
            )
            if chosen is None:  # nothing older to merge into: it stays a published idea
                plan.history.pop()
                plan.status, plan.status_changed_at = S.PUBLISHED, plan.published_at
                continue
            plan.merged_into = chosen
            frm, to, actor, _note, at = plan.history[-1]
            plan.history[-1] = (frm, to, actor, texts.DECISION_NOTES["merge"].format(target=chosen.title), at)

    # ---- writing ---------------------------------------------------------------------------------------

    def build(self) -> dict[str, int]:
        self.plan_people()
        with transaction.atomic():
            self.write_people()
            admin = self.staff["admin"].user
            assert admin is not None
            self.create_campaigns(admin)
            self.plan_ideas()
            with explicit_timestamps(Idea, IdeaRevision, IdeaStatusChange, IdeaUpdate, IdeaImage, Support, Comment,
                                     Follow, AgreementAcceptance, ContributorAgreement):  # fmt: skip
                self.write_ideas()
                self.write_engagement()
                self.fix_join_dates()
                self.write_agreements()
        return self.summary()

    def write_people(self) -> None:
        hashed = make_password(DEMO_PASSWORD)  # hash once: 200 hashes would take most of the run
        joined = self.ago(220)
        users = []
        everyone = list(self.staff.values()) + self.people[1:]
        for person in everyone:
            staff_flags = person.role == "admin"
            user = User(email=person.email, display_name=person.name, bio=person.bio, password=hashed,
                        is_staff=staff_flags, is_superuser=staff_flags, date_joined=joined)  # fmt: skip
            person.user = user
            users.append(user)
        User.objects.bulk_create(users)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
        )
        roles = {"admin": Role.ADMIN, "facilitator": Role.FACILITATOR, "moderator": Role.MODERATOR}
        RoleAssignment.objects.bulk_create(
            RoleAssignment(user=self.staff[key].user, role=role) for key, role in roles.items()
        )
        # The founding staff had their roles from the start: logged as granted by the system when the site began.
        ActivityEntry.objects.bulk_create(
            ActivityEntry(
                verb=Verb.ROLE_GRANTED,
                target_type=ContentType.objects.get_for_model(User),
                target_id=self.staff[key].user.pk,
                target_label=self.staff[key].user.public_name,
                details={"role": str(role)},
                created_at=self.staff[key].user.date_joined,
            )
            for key, role in roles.items()
        )

    def write_agreements(self) -> None:
        v1_at, v2_at = self.ago(200), self.ago(21)
        v1 = ContributorAgreement.objects.create(
            version=1, title="Larkfield contributor agreement", body=texts.AGREEMENT_V1, published_at=v1_at,
            created_at=v1_at, updated_at=v1_at,
        )  # fmt: skip
        v2 = ContributorAgreement.objects.create(
            version=2, title="Larkfield contributor agreement", body=texts.AGREEMENT_V2,
            summary_of_changes=texts.AGREEMENT_V2_CHANGES, published_at=v2_at, created_at=v2_at, updated_at=v2_at,
        )  # fmt: skip
        admin = self.staff["admin"].user
        ActivityEntry.objects.bulk_create(
            ActivityEntry(
                actor=admin,
                verb=Verb.AGREEMENT_PUBLISHED,
                target_type=ContentType.objects.get_for_model(ContributorAgreement),
                target_id=agreement.pk,
                target_label=agreement.title,
                details={"version": agreement.version},
                created_at=agreement.published_at,
            )
            for agreement in (v1, v2)
        )
        rows = []
        for person in list(self.staff.values()) + self.people[1:]:
            assert person.user is not None
            joined = person.user.date_joined  # members accept the terms as they sign up
            if joined < v2_at:
                rows.append(AgreementAcceptance(user=person.user, agreement=v1, accepted_at=joined))
                if not person.lapsed:
                    at = v2_at + timedelta(hours=self.rng.uniform(1, 24 * 6))
                    rows.append(AgreementAcceptance(user=person.user, agreement=v2, accepted_at=min(at, self.now)))
            else:
                rows.append(AgreementAcceptance(user=person.user, agreement=v2, accepted_at=joined))
        AgreementAcceptance.objects.bulk_create(rows)

    def write_ideas(self) -> None:
        tag_names = sorted({t for plan in self.plans for t in plan.tags})
        Tag.objects.bulk_create([Tag(name=n, slug=slugify(n)) for n in tag_names], ignore_conflicts=True)
        tags = {t.name: t for t in Tag.objects.filter(name__in=tag_names)}
        ideas = []
        for plan in self.plans:
            pub = plan.published_at
            idea = Idea(
                campaign=self.campaigns[plan.key],
                author=plan.author.user,
                title=plan.title,
                body=plan.body,
                status=plan.status,
                status_changed_at=plan.status_changed_at,
                published_at=pub,
                support_count=len(plan.supports),
                trending=trending_score(len(plan.supports), pub),
                stage_index=plan.stage_index,
                stage_started_at=plan.stage_started_at,
                created_at=plan.created_at,
                updated_at=max([plan.created_at, plan.status_changed_at] + [r[3] for r in plan.revisions]),
            )
            plan.idea = idea
            ideas.append(idea)
        Idea.objects.bulk_create(ideas)
        for plan in self.plans:
            if plan.merged_into is not None:
                assert plan.idea and plan.merged_into.idea
                plan.idea.merged_into = plan.merged_into.idea
        Idea.objects.bulk_update([p.idea for p in self.plans if p.merged_into], ["merged_into"])
        Idea.tags.through.objects.bulk_create(
            Idea.tags.through(idea=p.idea, tag=tags[t]) for p in self.plans for t in dict.fromkeys(p.tags)
        )
        Idea.coauthors.through.objects.bulk_create(
            Idea.coauthors.through(idea=p.idea, user=c.user) for p in self.plans for c in p.coauthors
        )
        IdeaStatusChange.objects.bulk_create(
            IdeaStatusChange(
                idea=p.idea, from_status=f, to_status=t, actor=a.user if a else None, note=n, created_at=at
            )
            for p in self.plans
            for f, t, a, n, at in p.history
        )
        # The same steps in the activity log, as the lifecycle service writes them (the demo writes in bulk).
        ActivityEntry.objects.bulk_create(
            ActivityEntry(
                actor=a.user if a else None,
                verb=Verb.IDEA_STATUS_CHANGED,
                target_type=ContentType.objects.get_for_model(Idea),
                target_id=p.idea.pk,
                target_label=p.idea.title[:200],
                campaign_id=p.idea.campaign_id,
                details={"from": f, "to": t, "note": n},
                created_at=at,
            )
            for p in self.plans
            if p.idea is not None
            for f, t, a, n, at in p.history
        )
        IdeaRevision.objects.bulk_create(
            IdeaRevision(
                idea=p.idea,
                number=i,
                title=title,
                body=body,
                tags=", ".join(sorted(set(p.tags))),
                note=note,
                editor=editor.user,
                created_at=at,
            )
            for p in self.plans
            for i, (title, body, note, at, editor) in enumerate(p.revisions, start=1)
        )
        self.write_images()
        self.write_updates()

    def write_images(self) -> None:
        for plan in self.plans:
            if plan.key != "bricks":
                continue
            count = self.rng.choice([1, 2, 2, 3])
            seed = self.rng.randrange(1 << 30)
            for position, png in enumerate(design_images(plan.kind, seed, count)):
                upload = io.BytesIO(png)
                upload.name = f"design-{position + 1}.png"  # type: ignore[attr-defined]
                processed = process_image(upload)
                views = ["", " (alternative colours)", " (close-up)"]
                IdeaImage.objects.create(
                    idea=plan.idea,
                    image=processed.image,
                    thumbnail=processed.thumbnail,
                    width=processed.width,
                    height=processed.height,
                    alt_text=f"{plan.title}{views[position]}"[:200],
                    position=position,
                    created_at=plan.created_at,
                )

    def write_updates(self) -> None:
        rows = []
        for plan in self.plans:
            if plan.status in REACHED or (plan.status == S.PUBLISHED and plan.stage_index > 0):
                chance = 0.6
            elif plan.status == S.PUBLISHED:
                chance = 0.05
            else:
                continue
            if self.rng.random() > chance or plan.published_at is None:
                continue
            for title, body in self.rng.sample(texts.UPDATES, self.rng.choice([1, 1, 2])):
                if plan.key == "cafe" and title == "New photos":
                    continue
                if "review" in title and plan.status not in (S.UNDER_REVIEW, S.ACCEPTED, S.DECLINED):
                    continue
                at = self.between(plan.published_at + DAY, self.now - HOUR)
                rows.append(IdeaUpdate(idea=plan.idea, author=plan.author.user, title=title, body=body,
                                       created_at=at, updated_at=at))  # fmt: skip
        IdeaUpdate.objects.bulk_create(rows)

    def write_engagement(self) -> None:
        Support.objects.bulk_create(
            Support(idea=p.idea, member=person.user, created_at=at) for p in self.plans for person, at in p.supports
        )
        follows: dict[tuple[int, int], datetime] = {}

        def follow(plan: Plan, person: Person, at: datetime) -> None:
            assert plan.idea is not None and person.user is not None
            follows.setdefault((plan.idea.pk, person.user.pk), at)

        top_rows: list[tuple[Plan, Comment]] = []
        replies: list[tuple[Comment, Comment]] = []
        for plan in self.plans:
            assert plan.created_at is not None
            follow(plan, plan.author, plan.created_at)
            for c in plan.coauthors:
                follow(plan, c, plan.created_at)
            for person, at in plan.supports:
                if self.rng.random() < 0.3:
                    follow(plan, person, at)
            if plan.published_at is None:
                continue
            self._plan_comments(plan, top_rows, replies, follow)
        self._ensure_edited_and_deleted([c for _p, c in top_rows if not c.is_official])
        Comment.objects.bulk_create([c for _p, c in top_rows])
        for parent, reply in replies:
            reply.parent = parent
        Comment.objects.bulk_create([r for _p, r in replies])
        live = Counter[int]()
        for comment in [c for _p, c in top_rows] + [r for _p, r in replies]:
            if comment.deleted_at is None:
                live[comment.idea_id] += 1
        for plan in self.plans:
            assert plan.idea is not None
            plan.idea.comment_count = live[plan.idea.pk]
        Idea.objects.bulk_update([p.idea for p in self.plans], ["comment_count"], batch_size=500)
        Follow.objects.bulk_create(
            Follow(idea_id=idea_id, member_id=member_id, created_at=at) for (idea_id, member_id), at in follows.items()
        )

    def _ensure_edited_and_deleted(self, comments: list[Comment]) -> None:
        """Even a small demo shows an edited and a deleted comment."""
        if len(comments) < 2:
            return
        if not any(c.edited_at for c in comments):
            c = comments[0]
            c.edited_at = c.updated_at = c.created_at + timedelta(minutes=7)
            c.body += " (Edited: fixed a typo.)"
        if not any(c.deleted_at for c in comments):
            c = [c for c in comments if not c.edited_at][-1]
            c.deleted_at = c.updated_at = min(c.created_at + timedelta(minutes=20), self.now)

    def _plan_comments(self, plan: Plan, top_rows, replies, follow) -> None:
        rng = self.rng
        pub, end = plan.published_at, plan.open_until or self.now
        assert pub is not None
        bank = {"cafe": texts.COMMENTS, "bricks": texts.BRICKS_COMMENTS, "naming": texts.NAMING_COMMENTS}[plan.key]
        expected = 1.5 + len(plan.supports) * 0.12
        count = min(30, int(rng.expovariate(1 / expected)))
        if plan.status == S.MERGED:
            count = min(count, 2)
        speakers = [p for p in self.contributors if p is not plan.author]
        alignments = [Alignment.IN_FAVOUR] * 4 + [Alignment.AGAINST] * 2 + [Alignment.QUESTION] * 2
        alignments += [Alignment.SUGGESTION] * 2
        threads: list[Comment] = []

        def make(author: Person, body: str, at: datetime, alignment: str = "", official: bool = False) -> Comment:
            comment = Comment(idea=plan.idea, author=author.user, body=body, alignment=alignment,
                              is_official=official, created_at=at, updated_at=at)  # fmt: skip
            if not official and rng.random() < 0.05:
                comment.edited_at = at + timedelta(minutes=rng.uniform(1, 25))
                comment.body += " (Edited: fixed a typo.)"
                comment.updated_at = comment.edited_at
            elif not official and rng.random() < 0.03:
                comment.deleted_at = self.between(at, min(end, at + 2 * DAY))
                comment.updated_at = comment.deleted_at
            author.touch(at)
            follow(plan, author, at)
            return comment

        for _ in range(count):
            alignment = rng.choice(alignments)
            at = self.between(pub, end)
            top = make(self.pick(speakers), rng.choice(bank[alignment]), at, alignment)
            top_rows.append((plan, top))
            threads.append(top)
            for _r in range(rng.choice([0, 0, 0, 1, 1, 2, 3])):
                if rng.random() < 0.35:
                    reply = make(plan.author, rng.choice(texts.AUTHOR_REPLIES), self.between(at, end))
                else:
                    reply = make(self.pick(speakers), rng.choice(texts.REPLIES), self.between(at, end))
                replies.append((top, reply))
        # Staff answer most ideas (the response promise); a few recent ones are still waiting.
        old_enough = end - pub > 3 * DAY
        needs_answer = plan.status in REACHED or plan.status in (S.MERGED, S.EXPIRED) or rng.random() < 0.7
        if old_enough and needs_answer:
            speaker = self.staff["facilitator"]
            if plan.key == "bricks" and plan.status in REVIEWED:
                speaker = self.staff["reviewer"]
            reviewed = plan.status in REVIEWED
            index = {"cafe": [3] if reviewed else [0, 1, 2, 4], "bricks": [5] if reviewed else [1, 3], "naming": [6]}
            index = index[plan.key]
            body = texts.OFFICIAL_REPLIES[rng.choice(index)]
            at = self.between(pub + HOUR, min(end, pub + 20 * DAY))
            questions = [c for c in threads if c.alignment == Alignment.QUESTION and c.created_at < at]
            official = make(speaker, body, at, official=True)
            if questions:
                replies.append((questions[0], official))
            else:
                top_rows.append((plan, official))

    def fix_join_dates(self) -> None:
        """Members joined a little before their first contribution (and everyone before the ideas they support)."""
        for person in list(self.staff.values()) + self.people[1:]:
            first = person.first_activity or self.ago(self.rng.uniform(1, 200))
            joined = min(first - timedelta(days=self.rng.uniform(0.2, 20)), self.ago(200 if person.role else 1))
            if person.lapsed:  # they accepted the first agreement and have not been back since the second
                joined = min(joined, self.ago(self.rng.uniform(30, 200)))
            assert person.user is not None
            person.user.date_joined = joined
        User.objects.bulk_update([p.user for p in list(self.staff.values()) + self.people[1:]], ["date_joined"],
                                 batch_size=500)  # fmt: skip

    # ---- report ----------------------------------------------------------------------------------------

    def summary(self) -> dict[str, int]:
        statuses = Counter(p.status for p in self.plans)
        counts = {
            "members": len(self.people),
            "staff accounts": len(self.staff) - 1,
            "campaigns": len(self.campaigns),
            "ideas": len(self.plans),
            "supports": Support.objects.count(),
            "comments": Comment.objects.count(),
            "official responses": Comment.objects.filter(is_official=True).count(),
            "follows": Follow.objects.count(),
            "revisions": IdeaRevision.objects.count(),
            "author updates": IdeaUpdate.objects.count(),
            "images": IdeaImage.objects.count(),
        }
        counts.update({f"ideas {status}": statuses[status] for status in S.values})
        return counts
