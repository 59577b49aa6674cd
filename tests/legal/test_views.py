"""Contributor agreement pages: read, accept (with `next`), publish, export, and the pending-terms notice."""

import csv
import io
from datetime import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cocreate.accounts.models import Role
from cocreate.legal.context_processors import terms
from cocreate.legal.models import AgreementAcceptance, ContributorAgreement
from cocreate.legal.selectors import has_accepted_current
from cocreate.legal.services import agreement_publish
from tests.factories import AcceptanceFactory, AgreementFactory, MemberFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


def fresh(user):
    """The same user without per-request caches (roles, terms)."""
    return type(user).objects.get(pk=user.pk)


# --- reading -------------------------------------------------------------------------------------------------------


def test_visitor_reads_current_agreement_with_version_and_past_versions(client):
    AgreementFactory(version=1, title="Old terms", body="First **text**.")
    AgreementFactory(version=2, title="New terms", body="Second text.", summary_of_changes="We added credit.")

    response = client.get(reverse("legal:current"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "New terms" in html and "Version 2" in html and "Current version" in html
    assert "We added credit." in html
    assert reverse("legal:version", args=[1]) in html
    assert "Publish a new version" not in html


def test_current_page_without_any_agreement(client):
    response = client.get(reverse("legal:current"))

    assert response.status_code == 200
    assert "No contributor agreement has been published yet." in response.content.decode()


def test_past_version_page_says_it_was_replaced(client):
    AgreementFactory(version=1, body="First text.")
    AgreementFactory(version=2, body="Second text.")

    response = client.get(reverse("legal:version", args=[1]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "First text." in html and "Past version" in html and "This version has been replaced." in html


def test_unknown_or_unpublished_version_is_404(client):
    AgreementFactory(version=1)
    AgreementFactory(version=2, published_at=None)

    assert client.get(reverse("legal:version", args=[7])).status_code == 404
    assert client.get(reverse("legal:version", args=[2])).status_code == 404


def test_current_page_shows_members_acceptance_status_in_words(client):
    AgreementFactory()
    member = MemberFactory()
    newcomer = MemberFactory(accepted_terms=False)

    client.force_login(member)
    assert "You accepted this version on" in client.get(reverse("legal:current")).content.decode()
    client.force_login(newcomer)
    assert "Not accepted yet" in client.get(reverse("legal:current")).content.decode()


def test_admin_sees_staff_links_on_agreement_page(client):
    AgreementFactory()
    client.force_login(staff(Role.ADMIN))

    html = client.get(reverse("legal:current")).content.decode()

    assert reverse("legal:publish") in html and reverse("legal:export") in html


# --- accepting -----------------------------------------------------------------------------------------------------


def test_visitor_is_sent_to_sign_in_before_accepting(client):
    AgreementFactory()

    response = client.get(reverse("legal:accept"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_member_accepts_and_is_sent_to_next(client):
    agreement = AgreementFactory(body="The **terms** text.")
    member = MemberFactory(accepted_terms=False)
    client.force_login(member)
    url = reverse("legal:accept") + "?next=/ideas/42/"

    page = client.get(url)
    assert page.status_code == 200
    assert "The <strong>terms</strong> text." in page.content.decode()
    assert "I accept" in page.content.decode()

    response = client.post(url, {"version": agreement.version, "next": "/ideas/42/"}, REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 302
    assert response["Location"] == "/ideas/42/"
    acceptance = AgreementAcceptance.objects.get(user=member)
    assert acceptance.agreement == agreement
    assert acceptance.ip_address == "203.0.113.9"
    assert has_accepted_current(fresh(member))


@pytest.mark.parametrize("unsafe", ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)"])
def test_unsafe_next_is_refused_and_default_used(client, unsafe):
    agreement = AgreementFactory()
    member = MemberFactory(accepted_terms=False)
    client.force_login(member)

    response = client.post(reverse("legal:accept"), {"version": agreement.version, "next": unsafe})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert AgreementAcceptance.objects.filter(user=member).exists()


def test_accepting_a_stale_version_is_refused_and_records_nothing(client):
    old = AgreementFactory(version=1)
    AgreementFactory(version=2)
    member = MemberFactory(accepted_terms=False)
    client.force_login(member)

    response = client.post(reverse("legal:accept"), {"version": old.version}, follow=True)

    assert not AgreementAcceptance.objects.filter(user=member).exists()
    assert "That is not the current version of the agreement." in response.content.decode()


def test_accept_without_agreement_just_continues(client):
    client.force_login(UserFactory())

    response = client.get(reverse("legal:accept") + "?next=/ideas/")

    assert response.status_code == 302
    assert response["Location"] == "/ideas/"


def test_already_accepted_member_sees_it_and_can_continue(client):
    AgreementFactory()
    client.force_login(MemberFactory())

    html = client.get(reverse("legal:accept") + "?next=/ideas/").content.decode()

    assert "You accepted this version on" in html
    assert 'href="/ideas/"' in html
    assert "I accept" not in html


def test_new_version_asks_again_and_shows_what_changed(client):
    admin = staff(Role.ADMIN)
    member = MemberFactory()
    assert has_accepted_current(fresh(member))

    old = ContributorAgreement.objects.get()
    new = agreement_publish(
        actor=admin, title="Terms", body="New body.", summary_of_changes="Royalties are now shared."
    )

    member = fresh(member)
    assert not has_accepted_current(member)
    client.force_login(member)
    html = client.get(reverse("legal:accept")).content.decode()
    assert f"What changed since version {old.version}" in html
    assert "Royalties are now shared." in html

    client.post(reverse("legal:accept"), {"version": new.version})
    assert has_accepted_current(fresh(member))
    assert AgreementAcceptance.objects.filter(user=member).count() == 2


# --- the notice on every page --------------------------------------------------------------------------------------


def test_notice_shows_for_members_who_have_not_accepted(client):
    AgreementFactory()
    client.force_login(MemberFactory(accepted_terms=False))

    html = client.get(reverse("legal:current")).content.decode()

    assert 'class="terms-notice"' in html
    assert reverse("legal:accept") + "?next=" in html


def test_notice_hidden_for_accepted_members_visitors_and_on_accept_page(client):
    AgreementFactory()
    assert 'class="terms-notice"' not in client.get(reverse("legal:current")).content.decode()
    client.force_login(MemberFactory())
    assert 'class="terms-notice"' not in client.get(reverse("legal:current")).content.decode()
    client.force_login(MemberFactory(accepted_terms=False))
    assert 'class="terms-notice"' not in client.get(reverse("legal:accept")).content.decode()


def test_terms_context_processor_costs_one_query_and_caches(django_assert_num_queries):
    AgreementFactory()
    request = RequestFactory().get("/")
    request.user = fresh(MemberFactory(accepted_terms=False))
    pending = terms(request)["terms_pending"]

    with django_assert_num_queries(1):
        assert pending() is True
        assert pending() is True


# --- publishing ----------------------------------------------------------------------------------------------------


def test_visitor_cannot_open_publish(client):
    response = client.get(reverse("legal:publish"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", [None, Role.FACILITATOR, Role.MODERATOR, Role.REVIEWER])
def test_non_admins_cannot_publish_and_nothing_changes(client, role):
    AgreementFactory(version=1)
    client.force_login(staff(role) if role else MemberFactory())

    assert client.get(reverse("legal:publish")).status_code == 403
    response = client.post(reverse("legal:publish"), {"title": "Sneaky", "body": "Everything is ours."})

    assert response.status_code == 403
    assert list(ContributorAgreement.objects.values_list("version", flat=True)) == [1]


def test_admin_publishes_new_version(client):
    AgreementFactory(version=1, title="Terms", body="Old body.")
    client.force_login(staff(Role.ADMIN))

    page = client.get(reverse("legal:publish"))
    assert page.status_code == 200
    assert "Old body." in page.content.decode()  # the form starts from the current text

    response = client.post(
        reverse("legal:publish"), {"title": "Terms", "body": "New body.", "summary_of_changes": "Shorter."}
    )

    assert response.status_code == 302
    latest = ContributorAgreement.objects.get(version=2)
    assert (latest.body, latest.summary_of_changes) == ("New body.", "Shorter.")
    assert latest.published_at is not None


def test_publish_with_empty_body_keeps_input_and_publishes_nothing(client):
    AgreementFactory(version=1)
    client.force_login(staff(Role.ADMIN))

    response = client.post(
        reverse("legal:publish"), {"title": "Kept title", "body": "  ", "summary_of_changes": "Kept summary"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kept title" in html and "Kept summary" in html
    assert "errorlist" in html
    assert ContributorAgreement.objects.count() == 1


# --- consent export ------------------------------------------------------------------------------------------------


def test_export_is_for_admins_only(client):
    AcceptanceFactory()
    assert client.get(reverse("legal:export")).status_code == 302
    client.force_login(MemberFactory())
    assert client.get(reverse("legal:export")).status_code == 403
    client.force_login(staff(Role.FACILITATOR))
    assert client.get(reverse("legal:export")).status_code == 403


def test_export_lists_every_acceptance(client):
    v1 = AgreementFactory(version=1)
    v2 = AgreementFactory(version=2)
    alice = UserFactory(email="alice@example.org")
    first = AcceptanceFactory(user=alice, agreement=v1, ip_address="198.51.100.7")
    second = AcceptanceFactory(user=alice, agreement=v2, ip_address=None)
    formula = AcceptanceFactory(user=UserFactory(email="=cmd@example.org"), agreement=v2)
    client.force_login(staff(Role.ADMIN))

    response = client.get(reverse("legal:export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["user_id", "email", "version", "accepted_at", "ip_address"]
    by_id = {(row[0], row[2]): row for row in rows[1:]}
    assert by_id[(str(alice.pk), "1")][1:] == ["alice@example.org", "1", first.accepted_at.isoformat(), "198.51.100.7"]
    assert by_id[(str(alice.pk), "2")][4] == ""
    assert datetime.fromisoformat(by_id[(str(alice.pk), "2")][3]) == second.accepted_at
    assert by_id[(str(formula.user_id), "2")][1] == "'=cmd@example.org"  # spreadsheet formulas neutralised
    # the admin's own acceptance (from MemberFactory) is in the export too
    assert len(rows) == 1 + AgreementAcceptance.objects.count()
