"""Factories for every test. Tests build data with these (or with services), never with objects.create."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from cocreate.accounts.models import Role, RoleAssignment, User
from cocreate.campaigns.models import (
    Campaign,
    CampaignInvitation,
    CampaignStatus,
    EvaluationCriterion,
    Phase,
    SupportStage,
)
from cocreate.engagement.models import Comment, Follow, Support
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea, IdeaRevision, IdeaUpdate, Tag
from cocreate.legal.models import AgreementAcceptance, ContributorAgreement

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = ContributorAgreement

    version = factory.Sequence(lambda n: n + 1)
    title = "Contributor agreement"
    body = "You keep your copyright and grant us a licence to use your contribution."
    published_at = factory.LazyFunction(timezone.now)


class AcceptanceFactory(DjangoModelFactory):
    class Meta:
        model = AgreementAcceptance

    user = factory.SubFactory(UserFactory)
    agreement = factory.SubFactory(AgreementFactory)


class MemberFactory(UserFactory):
    """A member who has accepted the current contributor agreement (creating one if none exists)."""

    @factory.post_generation
    def accepted_terms(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        agreement = ContributorAgreement.objects.filter(published_at__isnull=False).order_by("-version").first()
        agreement = agreement or AgreementFactory()
        AcceptanceFactory(user=obj, agreement=agreement)


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.FACILITATOR
    campaign = None


def staff(role: str, campaign=None, **kwargs) -> User:
    user = MemberFactory(**kwargs)
    RoleFactory(user=user, role=role, campaign=campaign)
    return user


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Campaign {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    goal = "Make the city better to cycle in."
    brief = "We want your ideas for **safer** cycling."
    status = CampaignStatus.PUBLISHED

    @factory.post_generation
    def stages(obj, create, extracted, **kwargs):
        """stages=[(threshold, window_days), ...]; default a single 100 within 60 days."""
        if not create:
            return
        for position, (threshold, window_days) in enumerate(extracted or [(100, 60)]):
            SupportStage.objects.create(campaign=obj, position=position, threshold=threshold, window_days=window_days)


class PhaseFactory(DjangoModelFactory):
    class Meta:
        model = Phase

    campaign = factory.SubFactory(CampaignFactory)
    kind = "submission"
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = EvaluationCriterion

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    weight = 1


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = CampaignInvitation

    campaign = factory.SubFactory(CampaignFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")


class TagFactory(DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"tag{n}")
    slug = factory.LazyAttribute(lambda o: o.name)


class IdeaFactory(DjangoModelFactory):
    """A published idea at the bottom of its campaign's ladder (pass status= for others)."""

    class Meta:
        model = Idea
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    author = factory.SubFactory(MemberFactory)
    title = factory.Sequence(lambda n: f"Idea number {n}")
    body = "A clear description of an idea that helps everyone."
    status = IdeaStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    stage_started_at = factory.LazyAttribute(lambda o: o.published_at)

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.set([TagFactory(name=t) if isinstance(t, str) else t for t in extracted])

    @factory.post_generation
    def first_revision(obj, create, extracted, **kwargs):
        if create and obj.published_at and extracted is not False:
            IdeaRevision.objects.create(idea=obj, number=1, title=obj.title, body=obj.body, editor=obj.author)


class SupportFactory(DjangoModelFactory):
    class Meta:
        model = Support

    idea = factory.SubFactory(IdeaFactory)
    member = factory.SubFactory(MemberFactory)


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(MemberFactory)
    body = "I like this, and here is why."
    alignment = "favour"


class FollowFactory(DjangoModelFactory):
    class Meta:
        model = Follow

    idea = factory.SubFactory(IdeaFactory)
    member = factory.SubFactory(MemberFactory)


class IdeaUpdateFactory(DjangoModelFactory):
    class Meta:
        model = IdeaUpdate

    idea = factory.SubFactory(IdeaFactory)
    author = factory.LazyAttribute(lambda o: o.idea.author)
    title = "Prototype built"
    body = "We built a first prototype and tested it with ten people."


def image_upload(
    name: str = "photo.jpg",
    *,
    size: tuple[int, int] = (64, 48),
    fmt: str = "JPEG",
    mode: str = "RGB",
    color=None,
    **save_kwargs,
):
    """An uploaded image file made with Pillow (extra keyword arguments go to Image.save, e.g. exif=...)."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    if color is None:
        color = {"RGB": (200, 80, 40), "RGBA": (200, 80, 40, 128), "LA": (120, 128)}.get(mode, 1)
    buffer = io.BytesIO()
    Image.new(mode, size, color=color).save(buffer, format=fmt, **save_kwargs)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


# ---- notifications ---------------------------------------------------------------------------------------


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = "notifications.Notification"

    recipient = factory.SubFactory(MemberFactory)
    kind = "status_changed"
    event_key = factory.Sequence(lambda n: f"test:{n}")
    idea = factory.SubFactory(IdeaFactory)
    target_url = factory.LazyAttribute(lambda o: o.idea.get_absolute_url() if o.idea else "")
    data = factory.LazyFunction(lambda: {"to": "under_review"})
    email_delivery = "in_app"


class NotificationPreferenceFactory(DjangoModelFactory):
    class Meta:
        model = "notifications.NotificationPreference"

    member = factory.SubFactory(MemberFactory)
    kind = "decision"
    delivery = "off"


class IdeaMergeFactory(DjangoModelFactory):
    class Meta:
        model = "similarity.IdeaMerge"

    source = factory.SubFactory(IdeaFactory, status=IdeaStatus.MERGED)
    target = factory.SubFactory(IdeaFactory)
    previous_status = IdeaStatus.PUBLISHED
    moved = factory.LazyFunction(dict)


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = "similarity.Theme"

    campaign = factory.SubFactory(CampaignFactory)
    label = factory.Sequence(lambda n: f"Theme {n}")


# ---- moderation ------------------------------------------------------------------------------------------


class FlagFactory(DjangoModelFactory):
    class Meta:
        model = "moderation.Flag"

    kind = "comment"
    object_id = factory.LazyFunction(lambda: CommentFactory().pk)
    reporter = factory.SubFactory(MemberFactory)
    reason = "spam"


class StandingFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.MemberStanding"
        django_get_or_create = ("member",)

    member = factory.SubFactory(MemberFactory)
    trust_level = "trusted"


def trusted_member(**kwargs) -> User:
    member = MemberFactory(**kwargs)
    StandingFactory(member=member, trust_level="trusted")
    return member


class SuspensionFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.Suspension"

    member = factory.SubFactory(MemberFactory)
    reason = "Repeated abuse."
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class SupportOriginFactory(DjangoModelFactory):
    class Meta:
        model = "engagement.SupportOrigin"

    support = factory.SubFactory(SupportFactory)
    ip_hash = "ip-a"
    created_at = factory.LazyFunction(timezone.now)


# ---- roadmap -------------------------------------------------------------------------------------------


class RoadmapItemFactory(DjangoModelFactory):
    """A planned roadmap item not tied to an idea (pass idea= for one; campaign follows the idea)."""

    class Meta:
        model = "roadmap.RoadmapItem"

    campaign = factory.LazyAttribute(lambda o: o.idea.campaign if o.idea else CampaignFactory())
    idea = None
    title = factory.Sequence(lambda n: f"Roadmap item {n}")
    summary = "What we will build."
    status = "planned"
    progress = 0
    position = factory.Sequence(lambda n: n)
    shipped_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == "shipped" else None)


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = "roadmap.Milestone"

    item = factory.SubFactory(RoadmapItemFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_date = None
    done_at = None


class ReleaseFactory(DjangoModelFactory):
    """A draft release (pass published_at= for a published one)."""

    class Meta:
        model = "roadmap.Release"

    campaign = factory.SubFactory(CampaignFactory)
    title = factory.Sequence(lambda n: f"Release {n}")
    version = factory.Sequence(lambda n: f"1.{n}")
    notes = "What is new."
    published_at = None


# --- opinionmap ---------------------------------------------------------------------------------------------


class OpinionCampaignFactory(CampaignFactory):
    method = "opinion_map"
    slug = factory.Sequence(lambda n: f"opinion-{n}")


class OpinionMapSettingsFactory(DjangoModelFactory):
    class Meta:
        model = "opinionmap.OpinionMapSettings"
        django_get_or_create = ("campaign",)

    campaign = factory.SubFactory(OpinionCampaignFactory)


class OpinionParticipantFactory(DjangoModelFactory):
    class Meta:
        model = "opinionmap.Participant"

    campaign = factory.SubFactory(OpinionCampaignFactory)
    anon_key = factory.Sequence(lambda n: f"anon-{n}")


class StatementFactory(DjangoModelFactory):
    class Meta:
        model = "opinionmap.Statement"

    campaign = factory.SubFactory(OpinionCampaignFactory)
    text = factory.Sequence(lambda n: f"Statement number {n} is worth a vote.")
    moderation = 1


class OpinionVoteFactory(DjangoModelFactory):
    class Meta:
        model = "opinionmap.Vote"

    participant = factory.SubFactory(OpinionParticipantFactory)
    statement = factory.SubFactory(StatementFactory)
    value = 1


# --- pairwise ---


class PairwiseCampaignFactory(CampaignFactory):
    method = "pairwise"
    goal = "Which café improvement should we make first?"


class PairwiseSettingsFactory(DjangoModelFactory):
    class Meta:
        model = "pairwise.PairwiseSettings"
        django_get_or_create = ("campaign",)

    campaign = factory.SubFactory(PairwiseCampaignFactory)


class PairwiseEntryFactory(DjangoModelFactory):
    class Meta:
        model = "pairwise.PairwiseEntry"

    campaign = factory.SubFactory(PairwiseCampaignFactory)
    text = factory.Sequence(lambda n: f"Café improvement number {n}")
    status = "shown"
    is_seed = True


class PairwisePromptFactory(DjangoModelFactory):
    class Meta:
        model = "pairwise.PairwisePrompt"

    campaign = factory.SubFactory(PairwiseCampaignFactory)
    left = factory.SubFactory(PairwiseEntryFactory, campaign=factory.SelfAttribute("..campaign"))
    right = factory.SubFactory(PairwiseEntryFactory, campaign=factory.SelfAttribute("..campaign"))
    voter = factory.SubFactory(MemberFactory)


def actor_for(who: str):
    """A person by the name rule tests use: visitor, member, site-wide facilitator, a campaign's admin, site admin,
    superuser."""
    from django.contrib.auth.models import AnonymousUser

    return {
        "visitor": AnonymousUser,
        "member": MemberFactory,
        "sitewide_facilitator": lambda: staff(Role.FACILITATOR),
        "campaign_admin": lambda: staff(Role.ADMIN, campaign=CampaignFactory()),
        "admin": lambda: staff(Role.ADMIN),
        "superuser": lambda: UserFactory(is_superuser=True),
    }[who]()
