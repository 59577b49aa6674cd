"""Account pages: sign-up with email verification, allauth pages in our layout, profile, settings, roles, admin."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from cocreate.accounts.models import Role, RoleAssignment, User
from cocreate.campaigns.models import Visibility
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.legal.models import AgreementAcceptance
from tests.factories import (
    PASSWORD,
    AcceptanceFactory,
    CampaignFactory,
    CommentFactory,
    IdeaFactory,
    MemberFactory,
    RoleFactory,
    UserFactory,
    staff,
)

pytestmark = pytest.mark.django_db


# --- sign-up and email verification --------------------------------------------------------------------------------


def test_signup_verify_email_then_signed_in(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    form = {
        "email": "Newcomer@Example.org",
        "display_name": "  Nia Newcomer ",
        "password1": "a-long-unusual-passphrase-42",
        "password2": "a-long-unusual-passphrase-42",
    }

    response = client.post(reverse("account_signup"), form)

    # given mandatory verification: no session yet, a verification email went out
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="newcomer@example.org")
    assert user.display_name == "Nia Newcomer"
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@example.org"]
    assert message.subject.startswith("[Cocreate]")
    assert "Cocreate" in message.body
    sent_page = client.get(response["Location"])
    assert sent_page.status_code == 200 and 'class="skip-link"' in sent_page.content.decode()

    # signing in before confirming is refused: back to "verification sent"
    login = client.post(reverse("account_login"), {"login": "newcomer@example.org", "password": form["password1"]})
    assert login.status_code == 302 and login["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    # when the member opens the link and confirms
    link = re.search(r"https?://testserver(/accounts/confirm-email/[^\s]+/)", message.body).group(1)
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "newcomer@example.org" in confirm_page.content.decode()
    confirmed = client.post(link)

    # then they are signed in and their address is verified
    assert confirmed.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.emailaddress_set.get().verified


def test_signup_errors_keep_input(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "keep@example.org", "display_name": "Kept Name", "password1": "short", "password2": "other"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="keep@example.org"' in html and 'value="Kept Name"' in html
    assert "errorlist" in html
    assert not User.objects.filter(email="keep@example.org").exists()


@pytest.mark.parametrize(
    "name", ["account_login", "account_signup", "account_reset_password", "account_email_verification_sent"]
)
def test_allauth_entrance_pages_use_cocreate_layout(client, name):
    response = client.get(reverse(name))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="skip-link"' in html and "pico.min.css" in html and "site-footer" in html
    assert "Menu:" not in html  # allauth's bare layout is gone


def test_signup_page_has_labelled_fields(client):
    html = client.get(reverse("account_signup")).content.decode()

    for field in ("email", "display_name", "password1", "password2"):
        assert f'<label for="id_{field}">' in html


@pytest.mark.parametrize("name", ["account_email", "account_change_password"])
def test_allauth_manage_pages_use_cocreate_layout(client, name):
    user = MemberFactory()
    client.force_login(user)

    response = client.get(reverse(name))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="skip-link"' in html and reverse("accounts:settings") in html


def test_password_reset_sends_email(client):
    user = UserFactory(email="forgot@example.org")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)

    response = client.post(reverse("account_reset_password"), {"email": "forgot@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/password/reset/key/" in mail.outbox[0].body


def test_member_signs_in_with_email(client):
    user = MemberFactory(email="sign@example.org")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)

    response = client.post(reverse("account_login"), {"login": "sign@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


# --- profile -------------------------------------------------------------------------------------------------------


def test_profile_shows_name_bio_counts_and_ideas(client):
    member = MemberFactory(display_name="Pat Profile", bio="I *love* bikes.")
    one = IdeaFactory(author=member, title="Bike lanes", support_count=3)
    IdeaFactory(author=member, title="Bike racks", support_count=4)
    IdeaFactory(author=member, title="Secret draft", status=IdeaStatus.DRAFT, published_at=None, support_count=50)
    IdeaFactory(author=member, title="Gone idea", status=IdeaStatus.WITHDRAWN, support_count=9)
    other = IdeaFactory(title="Shared idea")
    other.coauthors.add(member)
    CommentFactory(author=member, idea=other)
    CommentFactory(author=member, idea=one, deleted_at=one.published_at)

    response = client.get(reverse("accounts:profile", args=[member.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Pat Profile" in html and "I <em>love</em> bikes." in html and "Member since" in html
    assert response.context["idea_stats"] == {"ideas": 2, "supports": 7, "coauthored": 1}
    assert response.context["comment_count"] == 1
    assert "Bike lanes" in html and "Bike racks" in html and "Shared idea" in html
    assert reverse("ideas:detail", args=[one.pk]) in html
    assert "Secret draft" not in html and "Gone idea" not in html
    assert "Edit your profile" not in html


def test_profile_hides_ideas_the_viewer_cannot_see(client):
    member = MemberFactory()
    IdeaFactory(author=member, title="Members-only idea", campaign=CampaignFactory(visibility=Visibility.MEMBERS))

    visitor_view = client.get(reverse("accounts:profile", args=[member.pk]))
    client.force_login(MemberFactory())
    member_view = client.get(reverse("accounts:profile", args=[member.pk]))

    assert "Members-only idea" not in visitor_view.content.decode()
    assert visitor_view.context["idea_stats"]["ideas"] == 0
    assert "Members-only idea" in member_view.content.decode()


def test_own_profile_links_to_settings(client):
    member = MemberFactory()
    client.force_login(member)

    html = client.get(reverse("accounts:profile", args=[member.pk])).content.decode()

    assert "Edit your profile" in html


def test_inactive_or_unknown_member_profile_is_404(client):
    gone = UserFactory(is_active=False)
    assert client.get(reverse("accounts:profile", args=[gone.pk])).status_code == 404
    assert client.get(reverse("accounts:profile", args=[999999])).status_code == 404


# --- settings ------------------------------------------------------------------------------------------------------


def test_visitor_is_sent_to_sign_in_for_settings(client):
    response = client.get(reverse("accounts:settings"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_settings_shows_current_values_and_links(client):
    member = MemberFactory(display_name="Sam", bio="Hello", time_zone="Europe/Paris")
    client.force_login(member)

    html = client.get(reverse("accounts:settings")).content.decode()

    assert 'value="Sam"' in html and "Hello</textarea>" in html
    assert '<option value="Europe/Paris" selected>' in html
    for name in ("account_email", "account_change_password", "tokens:list"):
        assert reverse(name) in html
    assert reverse("accounts:roles") not in html


def test_settings_saves_profile(client):
    member = MemberFactory()
    client.force_login(member)

    response = client.post(
        reverse("accounts:settings"), {"display_name": " New Name ", "bio": "About me", "time_zone": "Asia/Tokyo"}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.display_name, member.bio, member.time_zone) == ("New Name", "About me", "Asia/Tokyo")


def test_settings_empty_time_zone_means_browser(client):
    member = MemberFactory(time_zone="Asia/Tokyo")
    client.force_login(member)

    client.post(reverse("accounts:settings"), {"display_name": "Name", "bio": "", "time_zone": ""})

    member.refresh_from_db()
    assert member.time_zone == ""


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"display_name": "", "bio": "Kept bio", "time_zone": ""}, "display_name"),
        ({"display_name": "   ", "bio": "Kept bio", "time_zone": ""}, "display_name"),
        ({"display_name": "Kept Name", "bio": "Kept bio", "time_zone": "Mars/Olympus"}, "time_zone"),
        ({"display_name": "x" * 81, "bio": "Kept bio", "time_zone": ""}, "display_name"),
    ],
)
def test_settings_errors_keep_input_and_change_nothing(client, data, field):
    member = MemberFactory(display_name="Original", bio="Original bio")
    client.force_login(member)

    response = client.post(reverse("accounts:settings"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert "Kept bio</textarea>" in response.content.decode()
    member.refresh_from_db()
    assert (member.display_name, member.bio) == ("Original", "Original bio")


# --- roles ---------------------------------------------------------------------------------------------------------


def test_visitor_is_sent_to_sign_in_for_roles(client):
    response = client.get(reverse("accounts:roles"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", [None, Role.FACILITATOR, Role.MODERATOR, Role.REVIEWER])
def test_non_admins_cannot_manage_roles_and_nothing_changes(client, role):
    target = MemberFactory(email="target@example.org")
    existing = RoleFactory(role=Role.MODERATOR)
    before = set(RoleAssignment.objects.values_list("pk", flat=True))
    client.force_login(staff(role) if role else MemberFactory())

    assert client.get(reverse("accounts:roles")).status_code == 403
    assert client.post(reverse("accounts:roles"), {"email": target.email, "role": Role.ADMIN}).status_code == 403
    assert client.post(reverse("accounts:role_remove", args=[existing.pk])).status_code == 403

    after = set(RoleAssignment.objects.values_list("pk", flat=True))
    assert before <= after and not RoleAssignment.objects.filter(user=target).exists()
    assert RoleAssignment.objects.filter(pk=existing.pk).exists()


def test_admin_sees_sitewide_and_campaign_roles(client):
    campaign = CampaignFactory(title="Cycling 2030")
    staff(Role.REVIEWER, campaign, display_name="Rita Reviewer")
    staff(Role.MODERATOR, display_name="Mo Moderator")
    client.force_login(staff(Role.ADMIN))

    response = client.get(reverse("accounts:roles"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Rita Reviewer" in html and "Cycling 2030" in html and "Mo Moderator" in html
    assert [a.user.display_name for a in response.context["scoped"]] == ["Rita Reviewer"]


def test_admin_grants_sitewide_role_by_email(client):
    target = MemberFactory(email="helper@example.org")
    client.force_login(staff(Role.ADMIN))

    response = client.post(reverse("accounts:roles"), {"email": "Helper@Example.org", "role": Role.MODERATOR})

    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=target)
    assert (assignment.role, assignment.campaign_id) == (Role.MODERATOR, None)


@pytest.mark.parametrize(
    ("email", "role", "message"),
    [
        ("nobody@example.org", Role.MODERATOR, "No active member has that email address."),
        ("dup@example.org", Role.FACILITATOR, "is already a site-wide Facilitator."),
        ("dup@example.org", "overlord", "Select a valid choice."),
    ],
)
def test_grant_refusals_keep_input(client, email, role, message):
    staff(Role.FACILITATOR, email="dup@example.org")
    client.force_login(staff(Role.ADMIN))
    before = RoleAssignment.objects.count()

    response = client.post(reverse("accounts:roles"), {"email": email, "role": role})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and f'value="{email}"' in html
    assert RoleAssignment.objects.count() == before


def test_admin_removes_role(client):
    assignment = RoleFactory(role=Role.REVIEWER, campaign=CampaignFactory())
    client.force_login(staff(Role.ADMIN))

    response = client.post(reverse("accounts:role_remove", args=[assignment.pk]))

    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_last_sitewide_admin_cannot_be_removed(client):
    admin = staff(Role.ADMIN)
    own = RoleAssignment.objects.get(user=admin)
    client.force_login(admin)

    response = client.post(reverse("accounts:role_remove", args=[own.pk]), follow=True)

    assert RoleAssignment.objects.filter(pk=own.pk).exists()
    assert "at least one admin" in response.content.decode()


def test_removing_role_needs_post(client):
    assignment = RoleFactory()
    client.force_login(staff(Role.ADMIN))

    assert client.get(reverse("accounts:role_remove", args=[assignment.pk])).status_code == 405
    assert RoleAssignment.objects.filter(pk=assignment.pk).exists()


# --- admin site ----------------------------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_site_lists_and_searches_users(superuser_client):
    UserFactory(email="findme@example.org", display_name="Find Me")
    UserFactory(email="other@example.org", display_name="Other")

    response = superuser_client.get(reverse("admin:accounts_user_changelist") + "?q=findme")

    html = response.content.decode()
    assert response.status_code == 200
    assert "findme@example.org" in html and "other@example.org" not in html


def test_admin_site_user_pages_with_role_inline(superuser_client):
    user = staff(Role.MODERATOR)

    assert superuser_client.get(reverse("admin:accounts_user_add")).status_code == 200
    change = superuser_client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    # Roles are shown, not edited, on the user's page: they change through the accounts services.
    page = change.content.decode()
    assert change.status_code == 200 and "Moderator" in page and 'name="role_assignments-0-role"' not in page
    assert superuser_client.get(reverse("admin:accounts_roleassignment_changelist")).status_code == 200


def test_admin_site_consent_records_are_read_only(superuser_client):
    acceptance = AcceptanceFactory()

    assert superuser_client.get(reverse("admin:legal_agreementacceptance_changelist")).status_code == 200
    assert superuser_client.get(reverse("admin:legal_agreementacceptance_add")).status_code == 403
    page = superuser_client.get(reverse("admin:legal_agreementacceptance_change", args=[acceptance.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    superuser_client.post(reverse("admin:legal_agreementacceptance_delete", args=[acceptance.pk]), {"post": "yes"})
    assert AgreementAcceptance.objects.filter(pk=acceptance.pk).exists()
    assert superuser_client.get(reverse("admin:legal_contributoragreement_changelist")).status_code == 200
