from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from cocreate.core.models import TimeStampedModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. Members sign in with their email; `display_name` is what others see."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    bio = models.TextField(_("about you"), blank=True, max_length=2000)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    # Consent to being named as a co-author by email: without it, the co-author field treats the address exactly like
    # one without an account, so it cannot tell anyone who has one (and nobody is listed without agreeing).
    coauthor_listing = models.BooleanField(_("others may name me as a co-author"), default=False)
    # Bumped to end every session of the member at once (suspension); see get_session_auth_hash.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.display_name or self.email.split("@")[0]

    def get_session_auth_hash(self) -> str:
        """Django stores this in each session and signs the session out when it no longer matches: a new password
        changes it (so other sessions end), and so does a new session generation. Generation 0 keeps Django's own
        hash, so sessions made before the field existed stay valid."""
        if not self.session_generation:
            return super().get_session_auth_hash()
        return salted_hmac(
            "cocreate.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_generation}",
            algorithm="sha256",
        ).hexdigest()


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    FACILITATOR = "facilitator", _("Facilitator")
    MODERATOR = "moderator", _("Moderator")
    REVIEWER = "reviewer", _("Reviewer")


class RoleAssignment(TimeStampedModel):
    """A staff role, site-wide (campaign empty) or scoped to one campaign."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "campaign"], name="unique_role_per_scope"),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(campaign__isnull=True),
                name="unique_sitewide_role",
            ),
        ]

    def __str__(self):
        scope = self.campaign or _("site-wide")
        return f"{self.user} · {self.get_role_display()} · {scope}"


# A member's standing: kept here because every contribution service checks it (accounts is below them all).
# The tables keep their first names (they began in moderation).
class TrustLevel(models.TextChoices):
    NEW = "new", _("New")
    BASIC = "basic", _("Basic")
    TRUSTED = "trusted", _("Trusted")


class MemberStanding(models.Model):
    """A member's trust level, computed from activity and time unless staff set it by hand (`manual`)."""

    member = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="standing")
    trust_level = models.CharField(max_length=10, choices=TrustLevel.choices, default=TrustLevel.NEW)
    manual = models.BooleanField(default=False)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "moderation_memberstanding"

    def __str__(self):
        return f"{self.member}: {self.trust_level}"


class Suspension(models.Model):
    """A member may read but not contribute until `ends_at` (unless lifted earlier)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suspensions")
    reason = models.CharField(_("reason"), max_length=1000)
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(_("until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "moderation_suspension"
        indexes = [models.Index(fields=["member", "ends_at"], name="suspension_member_end")]

    def __str__(self):
        return f"{self.member} suspended until {self.ends_at:%Y-%m-%d}"


class RateLimitCounter(models.Model):
    """Hits per key per fixed window, shared by every process through the database (embedded mode)."""

    key = models.CharField(max_length=200)
    window_start = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "moderation_ratelimitcounter"
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="one_counter_per_window")]

    def __str__(self):
        return f"{self.key}@{self.window_start}: {self.count}"
