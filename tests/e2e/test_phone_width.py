"""Every page fits a phone: at 390 px wide no page scrolls sideways, for a visitor, a member and each staff role.

The list of pages is explicit and checked against the URL configuration: a new route fails
`test_every_route_is_on_the_phone_list` until it is added to PAGES (a page) or to NOT_PAGES (an action, a file, a
fragment), so a page cannot be forgotten. The browser test seeds one small demo community and visits the pages in a
loop with one browser, signing in once per role."""

from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from cocreate.demo.builder import DEMO_PASSWORD
from tests.e2e.conftest import watch_csp

PHONE = {"width": 390, "height": 844}
ROLES = ("visitor", "member", "facilitator", "moderator", "admin")
EMAILS = {role: f"{role}@cocreate.example" for role in ROLES if role != "visitor"}


@dataclass(frozen=True)
class Page:
    name: str  # the URL name, namespace included
    role: str  # who looks at it
    args: tuple = ()  # a callable of the demo objects (see `demo_objects`) giving the URL's arguments, or values
    query: str = ""


def _(key):
    """An argument taken from the demo objects, resolved once the demo is seeded."""
    return lambda objects: objects[key]


# Every page a person can open, with the role that sees it in full (staff pages as the staff member).
PAGES = [
    # public
    Page("campaigns:list", "visitor"),
    *[
        Page("campaigns:detail", "visitor", (_(method),))
        for method in ("idea_challenge", "design_contest", "pairwise", "opinion_map")
    ],
    Page("campaigns:detail", "member", (_("naming_contest"),)),
    Page("ideas:all", "visitor"),
    Page("ideas:tag", "visitor", (_("tag"),)),
    Page("ideas:detail", "visitor", (_("busy_idea"),)),
    Page("ideas:detail", "visitor", (_("design"),)),
    Page("ideas:history", "visitor", (_("revised_idea"),)),
    Page("roadmap:index", "visitor"),
    Page("roadmap:item", "visitor", (_("roadmap_item"),)),
    Page("roadmap:releases", "visitor"),
    Page("roadmap:release", "visitor", (_("release"),)),
    Page("search:results", "visitor", query="q=coffee"),
    Page("pairwise:vote", "visitor", (_("pairwise"),)),
    Page("pairwise:results", "visitor", (_("pairwise"),)),
    Page("opinionmap:vote", "visitor", (_("opinion_map"),)),
    Page("opinionmap:report", "visitor", (_("opinion_map"),)),
    Page("activity:public", "visitor"),
    Page("legal:current", "visitor"),
    Page("legal:version", "visitor", (1,)),
    Page("accounts:profile", "visitor", (_("member"),)),
    Page("notifications:unsubscribe", "visitor", (_("unsubscribe_token"),)),
    Page("account_login", "visitor"),
    Page("account_signup", "visitor"),
    Page("account_reset_password", "visitor"),
    Page("account_reset_password_done", "visitor"),
    Page("account_email_verification_sent", "visitor"),
    Page("account_inactive", "visitor"),
    # a member's own pages
    Page("campaigns:list", "member"),
    Page("ideas:detail", "member", (_("busy_idea"),)),
    Page("ideas:mine", "member"),
    Page("ideas:submit", "member", (_("idea_challenge"),)),
    Page("ideas:submit", "member", (_("design_contest"),)),
    Page("ideas:edit", "member", (_("member_draft"),)),
    Page("ideas:withdraw", "member", (_("member_published"),)),
    Page("ideas:post_update", "member", (_("member_published"),)),
    Page("engagement:comment_edit", "member", (_("member_comment"),)),
    Page("moderation:flag", "member", ("idea", _("busy_idea"))),
    Page("notifications:list", "member"),
    Page("notifications:preferences", "member"),
    Page("accounts:settings", "member"),
    Page("accounts:profile", "member", (_("member"),)),
    Page("tokens:list", "member"),
    Page("legal:accept", "member"),
    Page("account_email", "member"),
    Page("account_change_password", "member"),
    Page("account_reauthenticate", "member"),
    Page("mfa_index", "member"),
    Page("mfa_activate_totp", "member"),
    Page("search:results", "member", query="q=cup"),
    # facilitator: campaign staff areas, review, roadmap editing
    Page("campaigns:create", "facilitator"),
    Page("campaigns:edit", "facilitator", (_("idea_challenge"),)),
    Page("campaigns:team", "facilitator", (_("idea_challenge"),)),
    Page("campaigns:invitations", "facilitator", (_("naming_contest"),)),
    *[
        Page("campaigns:manage", "facilitator", (_(method),))
        for method in ("idea_challenge", "design_contest", "naming_contest")
    ],
    Page("ideas:detail", "facilitator", (_("busy_idea"),)),
    Page("review:queue", "facilitator"),
    Page("review:mine", "facilitator"),
    Page("review:idea", "facilitator", (_("reviewed_idea"),)),
    Page("review:awaiting", "facilitator"),
    Page("review:audit", "facilitator"),
    Page("review:stages", "facilitator", (_("idea_challenge"),)),
    Page("roadmap:index", "facilitator"),
    Page("roadmap:item_create", "facilitator", (_("idea_challenge"),)),
    Page("roadmap:item_edit", "facilitator", (_("roadmap_item"),)),
    Page("roadmap:release_create", "facilitator", (_("idea_challenge"),)),
    Page("roadmap:release_edit", "facilitator", (_("draft_release"),)),
    Page("similarity:duplicates", "facilitator", (_("idea_challenge"),)),
    Page("similarity:merge", "facilitator", (_("busy_idea"),)),
    Page("similarity:merge_log", "facilitator"),
    Page("pairwise:manage", "facilitator", (_("pairwise"),)),
    Page("opinionmap:moderate", "facilitator", (_("opinion_map"),)),
    Page("opinionmap:settings", "facilitator", (_("opinion_map"),)),
    # moderator
    Page("moderation:queue", "moderator"),
    Page("moderation:log", "moderator"),
    Page("moderation:signals", "moderator"),
    Page("moderation:signal", "moderator", (_("signal"),)),
    Page("moderation:member", "moderator", (_("member"),)),
    Page("moderation:item", "moderator", ("idea", _("flagged_idea"))),
    Page("campaigns:manage", "moderator", (_("naming_contest"),)),
    # admin
    Page("accounts:roles", "admin"),
    Page("legal:publish", "admin"),
    Page("core:reactions", "admin"),
    Page("activity:staff", "admin"),
    Page("activity:staff", "moderator"),
    Page("notifications:list", "admin"),
]

# Routes that are not pages: POST-only actions, downloads, fragments, API and third-party screens.
NOT_PAGES = {
    "campaigns:team_remove",
    "campaigns:moderate",
    "campaigns:idea_status",
    "ideas:submit_draft",
    "engagement:support",
    "engagement:follow",
    "engagement:comment",
    "engagement:comment_delete",
    "core:health",
    "core:reaction_retry",
    "review:bulk",
    "review:send",
    "review:assign",
    "review:move_stage",
    "review:score",
    "review:decide",
    "review:resubmit",
    "roadmap:item_progress",
    "roadmap:milestone_add",
    "roadmap:milestone_toggle",
    "roadmap:milestone_remove",
    "roadmap:release_publish",
    "roadmap:release_delete",
    "notifications:read_all",
    "notifications:read",
    "notifications:open",
    "similarity:suggest",
    "similarity:refresh_themes",
    "similarity:dismiss_duplicate",
    "similarity:restore_dismissal",
    "similarity:merge_undo",
    "pairwise:add",
    "opinionmap:vote_submit",
    "opinionmap:submit",
    "opinionmap:report_csv",
    "opinionmap:moderate_statement",
    "opinionmap:recompute",
    "legal:export",
    "accounts:role_remove",
    "tokens:revoke",
    "account_logout",  # a POST; its GET confirmation is allauth's, covered by the sign-in pages' layout
    "account_set_password",  # only for accounts without a password (social sign-in, not enabled)
    "account_confirm_login_code",  # needs a pending code in the session
    "account_confirm_email",
    "account_reset_password_from_key",  # need a mailed key
    "account_reset_password_from_key_done",
    # two-factor screens that need an authenticator already set up, a pending sign-in, or are a download
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
}
# URL prefixes of screens that are not Cocreate's pages.
NOT_PAGE_PREFIXES = ("admin/", "api/v1/", "accounts/social/", "accounts/3rdparty/", "media/")


def _routes(patterns=None, prefix="", namespace=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _routes(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield route, ":".join(filter(None, [namespace, pattern.name]))


def test_every_route_is_on_the_phone_list():
    """A route nobody classified fails here: add it to PAGES (and the browser test visits it) or to NOT_PAGES."""
    listed = {page.name for page in PAGES} | NOT_PAGES
    routes = {
        name
        for route, name in _routes()
        if not route.lstrip("^").startswith(NOT_PAGE_PREFIXES) and not name.startswith("socialaccount")
    }
    assert routes - listed == set(), "routes that are neither on the phone list nor known not to be pages"
    assert {page.role for page in PAGES} == set(ROLES)


def demo_objects():
    """The objects of the seeded demo that the pages' URLs name."""
    from cocreate.accounts.models import User
    from cocreate.campaigns.models import Campaign
    from cocreate.engagement.models import Comment
    from cocreate.ideas.models import Idea, Tag
    from cocreate.moderation.models import AbuseSignal, Flag
    from cocreate.notifications.emails import unsubscribe_token
    from cocreate.review.models import ReviewItem
    from cocreate.roadmap.models import Release, RoadmapItem

    member = User.objects.get(email=EMAILS["member"])
    objects = {campaign.method: campaign.slug for campaign in Campaign.objects.all()}
    ideas = Idea.objects.exclude(status__in=["draft", "pending", "merged"])
    objects |= {
        "member": member.pk,
        "tag": Tag.objects.filter(ideas__isnull=False).first().slug,
        "busy_idea": ideas.filter(status__in=["published", "threshold_reached"]).order_by("-comment_count").first().pk,
        "design": ideas.filter(images__isnull=False).first().pk,
        "revised_idea": ideas.filter(revisions__isnull=False).first().pk,
        "member_draft": Idea.objects.filter(author=member, status="draft").first().pk,
        "member_published": Idea.objects.filter(author=member, status="published").first().pk,
        "member_comment": _fresh(Comment.objects.filter(author=member, deleted_at=None).first()),
        "reviewed_idea": ReviewItem.objects.first().idea_id,
        "roadmap_item": RoadmapItem.objects.first().pk,
        "release": Release.objects.first().pk,
        "draft_release": _draft_release(Campaign.objects.get(method="idea_challenge")),
        "signal": AbuseSignal.objects.first().pk,
        "flagged_idea": Flag.objects.filter(kind="idea").first().object_id,
        "unsubscribe_token": unsubscribe_token(member.pk, ["comment"]),
    }
    return objects


def _draft_release(campaign) -> int:
    """The demo's releases are published (only drafts can be edited): add a draft one."""
    from tests.factories import ReleaseFactory

    draft = campaign.releases.filter(published_at=None).first() or ReleaseFactory(campaign=campaign)
    return draft.pk


def _fresh(comment) -> int:
    """The demo's comments are back-dated past the edit window: make one just written, so its edit form shows."""
    type(comment).objects.filter(pk=comment.pk).update(created_at=timezone.now())
    return comment.pk


def page_url(page: Page, objects) -> str:
    args = [arg(objects) if callable(arg) else arg for arg in page.args]
    return reverse(page.name, args=args) + (f"?{page.query}" if page.query else "")


@pytest.fixture
def demo(tmp_path):
    settings = override_settings(
        MEDIA_ROOT=tmp_path,
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    )
    with settings:
        call_command("seed_demo", "--members", "25", "--ideas", "40", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield demo_objects()
    from cocreate.search import index

    index.rebuild()  # the full-text table is no model's: leave it empty like the flushed tables


WIDTH = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
    .filter((el) => !el.closest('.table-scroll, pre, .visually-hidden, .skip-link'))
    .slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  return {scroll: root.scrollWidth, inner: window.innerWidth, wide};
}"""


def _sign_in(context, base, role):
    page = context.new_page()
    page.goto(base + "/accounts/login/", timeout=60_000)
    page.fill("input[name=login]", EMAILS[role])
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return page


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, demo):
    base = live_server.url
    too_wide, failed, csp_violations = [], [], []
    for role in ROLES:
        # Not is_mobile: a mobile viewport widens itself to fit a too-wide page, and then nothing would fail.
        context = browser.new_context(viewport=PHONE, has_touch=True)
        csp_violations += [(role, watch_csp(context))]
        page = context.new_page() if role == "visitor" else _sign_in(context, base, role)
        page.set_default_timeout(15_000)
        for entry in (entry for entry in PAGES if entry.role == role):
            url = page_url(entry, demo)
            response = page.goto(base + url, timeout=60_000)
            if response is None or response.status >= 400:
                failed.append(f"{role} {url}: {response and response.status}")
                continue
            width = page.evaluate(WIDTH)
            if width["scroll"] > min(width["inner"], PHONE["width"]):
                too_wide.append(f"{role} {url}: {width['scroll']} px > {width['inner']} px ({width['wide']})")
        if role == "visitor":
            # on a phone the support box and the progress come before the discussion, not below 40 comments
            page.goto(base + page_url(Page("ideas:detail", role, (_("busy_idea"),)), demo))
            support, comments = page.locator("#support-box").bounding_box(), page.locator("#comments").bounding_box()
            assert support["y"] + support["height"] <= comments["y"]
            assert page.locator("#support-box progress").count() == 1
        if role == "member":
            # the member's own links are in the folded menu, and a tap on one of them follows it
            page.locator(".site-menu > summary").click()
            page.locator(".site-menu details.dropdown > summary").click()
            page.get_by_role("link", name="Settings", exact=True).click()
            page.wait_for_url("**/accounts/settings/")
        context.close()
    assert failed == [], "pages on the phone list that did not open"
    assert too_wide == [], "pages wider than a 390 px phone"
    assert [(role, found) for role, found in csp_violations if found] == [], "Content-Security-Policy violations"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_header_folds_into_a_menu_that_works_without_javascript(browser, live_server):
    from playwright.sync_api import expect

    from tests.factories import CampaignFactory

    CampaignFactory()
    for width in (360, 414):
        context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)
        page = context.new_page()
        page.goto(live_server.url + "/", timeout=60_000)
        ideas = page.get_by_role("link", name="Ideas", exact=True)
        expect(ideas).to_be_hidden()  # folded away
        toggle = page.locator(".site-menu > summary")
        assert toggle.bounding_box()["height"] >= 44
        toggle.click()
        expect(ideas).to_be_visible()
        for link in page.locator(".site-menu-links a").all():
            assert link.bounding_box()["height"] >= 44, link.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        ideas.click()
        page.wait_for_url("**/ideas/")
        context.close()
    # on a wide screen the links are in the header and there is no Menu button
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    expect(page.get_by_role("link", name="Ideas", exact=True)).to_be_visible()
    context.close()
