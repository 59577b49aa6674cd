"""Moderation in a real browser: a member reports a comment, a moderator hides it with a reason, the author sees why."""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from cocreate.accounts.models import Role
from cocreate.engagement.models import Comment
from tests.factories import PASSWORD, CommentFactory, IdeaFactory, MemberFactory, staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REASON = "Personal attack on another member."


def _verified(user):
    # Email verification is mandatory; the demo verifies its members, tests do it here.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _person(browser, base, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_text(user.public_name).first).to_be_visible()
    return context, page


def test_member_reports_moderator_hides_author_sees_the_reason(browser, live_server):
    idea = IdeaFactory(title="Refill stations for milk")
    author = _verified(MemberFactory(display_name="Alex Author"))
    comment = CommentFactory(idea=idea, author=author, body="Anyone who disagrees is an idiot.", alignment="against")
    reporter = _verified(MemberFactory(display_name="Rita Reporter"))
    moderator = _verified(staff(Role.MODERATOR, campaign=idea.campaign, display_name="Mo Moderator"))
    base = live_server.url

    # A member reports the comment.
    context, page = _person(browser, base, reporter)
    page.goto(base + idea.get_absolute_url())
    page.locator(f"#comment-{comment.pk}").get_by_role("link", name="Report").click()
    page.get_by_label("Abusive or offensive").check()
    page.get_by_role("button", name="Send report").click()
    expect(page.locator(".messages")).to_be_visible()
    context.close()

    # A moderator finds it in the queue and hides it with a reason.
    context, page = _person(browser, base, moderator)
    page.goto(base + "/moderation/")
    expect(page.get_by_text("Anyone who disagrees").first).to_be_visible()
    page.goto(base + f"/moderation/comment/{comment.pk}/")
    page.get_by_label("Reason (the author sees it)").fill(REASON)
    page.get_by_role("button", name="Hide", exact=True).click()
    context.close()
    comment.refresh_from_db()
    assert comment.hidden_at is not None and comment.hidden_reason == REASON

    # The author sees the reason in place of the text; so does everyone else, the thread stays readable.
    context, page = _person(browser, base, author)
    page.goto(base + idea.get_absolute_url())
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(f"Hidden by a moderator: {REASON}")
    expect(page.get_by_text("Anyone who disagrees is an idiot.")).to_have_count(0)
    context.close()
    assert Comment.objects.filter(pk=comment.pk).exists()
