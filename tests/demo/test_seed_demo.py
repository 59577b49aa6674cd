"""seed_demo builds a consistent, deterministic demo community. The community is seeded once per module (twice,
to prove determinism) and every test reads it; the demo's rows are removed afterwards."""

from collections import Counter
from datetime import timedelta
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Q
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cocreate.accounts.models import Role, RoleAssignment, User
from cocreate.campaigns.models import Campaign, Moderation
from cocreate.demo.builder import DEMO_PASSWORD
from cocreate.engagement.models import Comment, Follow, Support
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea, IdeaImage, IdeaRevision, IdeaStatusChange, trending_score
from cocreate.ideas.services import ideas_advance_lifecycle
from cocreate.legal.models import AgreementAcceptance
from cocreate.legal.selectors import current_agreement

SIZE = ["--members", "25", "--ideas", "40"]
# States an idea can only be in after reaching the top of its ladder.
REACHED = set(IdeaStatus.values) - {"draft", "pending", "published", "merged", "expired", "withdrawn"}
DEMO_EMAILS = [f"{role}@cocreate.example" for role in ("admin", "facilitator", "moderator", "reviewer", "member")]


def _fingerprint():
    ideas = Idea.objects.order_by("pk").values_list("campaign__slug", "title", "author__email", "status")
    return list(ideas), Support.objects.count(), Comment.objects.count()


def _wipe():
    """Remove everything the demo wrote, in every app's tables, so nothing leaks into later tests on this worker.

    Not `manage.py flush`: that would recreate content types and permissions under new ids."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    from cocreate.search import index

    kept = {"contenttypes", "auth", "sites"}  # the schema's own reference rows
    tables = sorted(
        {
            m._meta.db_table
            for m in apps.get_models(include_auto_created=True)
            if m._meta.app_label not in kept and m._meta.managed and not m._meta.proxy
        }
    )
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, allow_cascade=True))
    index.rebuild()  # the full-text index is a virtual table no model owns


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seed (twice with the same seed, wiping between) and return both fingerprints."""
    test_settings = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],  # as conftest sets for each test
    )
    with test_settings, django_db_blocker.unblock():
        call_command("seed_demo", "--seed", "7", "--if-empty", *SIZE, stdout=open("/dev/null", "w"))  # noqa: SIM115
        first = _fingerprint()
        _wipe()
        call_command("seed_demo", "--seed", "7", *SIZE, stdout=open("/dev/null", "w"))  # noqa: SIM115
        second = _fingerprint()
        yield first, second
        _wipe()


pytestmark = pytest.mark.django_db


def test_same_seed_gives_the_same_community(seeded):
    first, second = seeded
    assert first[0], "the demo has ideas"
    assert first == second


def test_if_empty_keeps_an_existing_database(seeded):
    before = _fingerprint(), User.objects.count()
    call_command("seed_demo", "--if-empty", "--seed", "99", *SIZE, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (_fingerprint(), User.objects.count()) == before


def test_seeding_a_database_with_campaigns_is_refused(seeded):
    before = Campaign.objects.count()
    with pytest.raises(CommandError):
        call_command("seed_demo", *SIZE, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Campaign.objects.count() == before


def test_three_campaigns_with_their_rules(seeded):
    # The base community's three campaigns; the method apps (pairwise, opinion map) add their own beside them.
    base = ["idea_challenge", "design_contest", "naming_contest"]
    campaigns = {
        c.method: c
        for c in Campaign.objects.filter(method__in=base).prefetch_related("support_stages", "criteria", "phases")
    }
    assert set(campaigns) == set(base)
    assert Campaign.objects.filter(method="idea_challenge").count() == 1
    design, naming = campaigns["design_contest"], campaigns["naming_contest"]
    assert len(design.stages) == 3, "the design contest climbs a LEGO-style ladder"
    assert naming.moderation == Moderation.PRE and naming.entries_per_member == 3
    for campaign in campaigns.values():
        assert campaign.cover_image and campaign.criteria.count() >= 3 and campaign.phases.count() == 4
        assert campaign.phase_is_open("submission")
    limits = Idea.objects.filter(campaign=naming).exclude(status__in=["draft", "withdrawn"])
    assert max(Counter(limits.values_list("author", flat=True)).values()) <= 3
    design_ideas = Idea.objects.filter(campaign=design).annotate(n=Count("images"))
    assert all(1 <= idea.n <= 3 for idea in design_ideas)
    assert IdeaImage.objects.exclude(thumbnail="").count() == IdeaImage.objects.count() > 0
    climbing = Idea.objects.filter(campaign=design, status=IdeaStatus.PUBLISHED, stage_index__gte=1)
    assert climbing.exists(), "some designs are visibly climbing the ladder"


def test_every_lifecycle_state_is_present_and_explained(seeded):
    assert set(Idea.objects.values_list("status", flat=True)) == set(IdeaStatus.values)
    for idea in Idea.objects.prefetch_related("status_changes"):
        changes = list(idea.status_changes.all())
        assert changes[0].from_status == "" and changes[0].to_status == IdeaStatus.DRAFT
        assert changes[-1].to_status == idea.status
        for before, after in pairwise(changes):
            assert after.from_status == before.to_status and after.created_at >= before.created_at
    decided = IdeaStatusChange.objects.filter(to_status__in=["accepted", "declined", "merged", "expired"])
    assert not decided.filter(note="").exists(), "every decision says why"
    assert not Idea.objects.filter(status="merged", merged_into__isnull=True).exists()


def test_counters_match_the_rows(seeded):
    ideas = Idea.objects.annotate(
        supports_n=Count("supports", distinct=True),
        comments_n=Count("comments", filter=Q(comments__deleted_at__isnull=True), distinct=True),
    )
    for idea in ideas:
        assert idea.support_count == idea.supports_n, idea
        assert idea.comment_count == idea.comments_n, idea
        assert idea.trending == trending_score(idea.support_count, idea.published_at), idea


def test_supports_are_honest(seeded):
    # Nobody supports an idea they wrote or co-wrote.
    assert not Support.objects.filter(Q(member=F("idea__author")) | Q(idea__coauthors=F("member"))).exists()
    pairs = Support.objects.values_list("idea", "member")
    assert len(pairs) == len(set(pairs))
    assert not Support.objects.filter(idea__status__in=["draft", "pending"]).exists()
    for support in Support.objects.select_related("idea"):
        assert support.idea.published_at <= support.created_at <= timezone.now()


def test_the_ladder_is_consistent(seeded):
    now = timezone.now()
    for idea in Idea.objects.select_related("campaign").prefetch_related("campaign__support_stages"):
        stages = idea.campaign.stages
        stage = stages[idea.stage_index]
        if idea.status == IdeaStatus.PUBLISHED:
            assert idea.support_count < stage.threshold, idea
            assert idea.stage_started_at + stage.window > now, f"{idea} is past its deadline"
            for earlier in stages[: idea.stage_index]:
                reached = Support.objects.filter(idea=idea, created_at__lte=idea.stage_started_at).count()
                assert reached >= earlier.threshold
        elif idea.status in REACHED:
            assert idea.stage_index == len(stages) - 1 and idea.support_count >= stages[-1].threshold
        elif idea.status == IdeaStatus.EXPIRED:
            assert idea.support_count < stage.threshold
            assert idea.stage_started_at + stage.window <= idea.status_changed_at
    # The periodic job finds nothing to do: no idea should already have expired or reached its threshold.
    counts = ideas_advance_lifecycle()
    assert counts["expired"] == 0 and counts["threshold_reached"] == 0


def test_revisions_run_from_the_first_published_text_to_the_current_one(seeded):
    edited = 0
    for idea in Idea.objects.prefetch_related("revisions"):
        revisions = list(idea.revisions.all())
        if idea.status in ("draft", "pending"):
            assert not revisions
            continue
        assert [r.number for r in revisions] == list(range(1, len(revisions) + 1))
        # Revision 1 is the text at publication (services stamp it within milliseconds of published_at).
        assert abs((revisions[0].created_at - idea.published_at).total_seconds()) < 1
        assert (revisions[-1].title, revisions[-1].body) == (idea.title, idea.body)
        if len(revisions) > 1:
            edited += 1
            assert revisions[-1].body != revisions[0].body
    assert edited > 0
    assert IdeaRevision.objects.exists()


def test_discussion_has_threads_official_answers_and_history(seeded):
    comments = Comment.objects.all()
    assert comments.filter(parent__isnull=False).exists()
    assert comments.filter(is_official=True, author__email="facilitator@cocreate.example").exists()
    assert comments.filter(edited_at__isnull=False).exists() and comments.filter(deleted_at__isnull=False).exists()
    assert set(comments.exclude(alignment="").values_list("alignment", flat=True)) == {
        "favour",
        "against",
        "question",
        "suggestion",
    }
    assert not comments.filter(parent__parent__isnull=False).exists(), "threads are two levels deep"
    assert Follow.objects.filter(member=F("idea__author")).exists()


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_demo_accounts_sign_in(seeded, client, email):
    assert client.login(email=email, password=DEMO_PASSWORD)
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302 and "confirm-email" not in response["Location"]


def test_demo_accounts_hold_their_roles(seeded):
    admin = User.objects.get(email="admin@cocreate.example")
    assert admin.is_staff and admin.is_superuser
    roles = set(RoleAssignment.objects.values_list("user__email", "role", "campaign__method"))
    assert ("facilitator@cocreate.example", Role.FACILITATOR, None) in roles
    assert ("moderator@cocreate.example", Role.MODERATOR, None) in roles
    assert ("reviewer@cocreate.example", Role.REVIEWER, "design_contest") in roles
    member = User.objects.get(email="member@cocreate.example")
    assert member.ideas.filter(status="draft").exists() and member.ideas.exclude(status="draft").exists()
    assert member.supports.exists()


def test_contributor_agreements(seeded):
    current = current_agreement()
    assert current.version == 2 and current.summary_of_changes
    member = User.objects.get(email="member@cocreate.example")
    assert AgreementAcceptance.objects.filter(user=member, agreement=current).exists()
    accepted_current = AgreementAcceptance.objects.filter(agreement=current).values("user")
    only_old = User.objects.exclude(pk__in=accepted_current)
    assert only_old.exists(), "some members are asked to accept the new version"
    assert only_old.count() < User.objects.count() / 2
    # Nobody with only the old terms wrote an idea or comment after the new terms were published.
    assert not Idea.objects.filter(author__in=only_old, created_at__gte=current.published_at).exists()
    assert not Comment.objects.filter(author__in=only_old, created_at__gte=current.published_at).exists()


def test_activity_is_spread_over_months(seeded):
    oldest = Idea.objects.exclude(published_at=None).order_by("published_at").first()
    assert oldest.published_at < timezone.now() - timedelta(days=60)
    assert Idea.objects.filter(published_at__gte=timezone.now() - timedelta(days=7)).exists()


def test_the_activity_log_holds_every_kind_of_entry(seeded):
    from cocreate.activity.models import ActivityEntry, Verb

    present = set(ActivityEntry.objects.values_list("verb", flat=True).distinct())
    missing = sorted(set(Verb.values) - present)
    assert not missing, f"verbs the demo never writes: {missing}"
