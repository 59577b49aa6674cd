"""Contributor agreements: staff publish versions, members accept the current one, a new version asks again."""

import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.accounts.models import Role, User
from cocreate.core.errors import ApplicationError, PermissionDenied, TermsNotAccepted
from cocreate.legal.models import AgreementAcceptance, ContributorAgreement
from cocreate.legal.selectors import acceptances_for_export, current_agreement, has_accepted_current
from cocreate.legal.services import agreement_accept, agreement_publish, require_terms_accepted
from tests.factories import AgreementFactory, MemberFactory, UserFactory, staff

pytestmark = pytest.mark.django_db

TERMS = "You keep your copyright and grant a licence."


def _fresh(user) -> User:
    """The user as the next request loads them (no per-request caches)."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def admin():
    return staff(Role.ADMIN, accepted_terms=False)


def test_an_admin_publishes_numbered_versions(admin, on_commit):
    # when
    with on_commit() as callbacks:
        first = agreement_publish(actor=admin, title="Terms", body=TERMS)
        second = agreement_publish(actor=admin, title="  ", body=TERMS + " Now with AI.", summary_of_changes="AI")

    # then
    assert (first.version, second.version) == (1, 2)
    assert second.title == "Contributor agreement"
    assert second.summary_of_changes == "AI"
    assert second.published_at is not None
    assert current_agreement() == second
    assert len(callbacks) == 2


def test_versions_continue_after_the_highest_one():
    # given
    AgreementFactory(version=7)
    superuser = UserFactory(is_superuser=True)

    # when
    agreement = agreement_publish(actor=superuser, title="Terms", body=TERMS)

    # then
    assert agreement.version == 8


@pytest.mark.parametrize("role", [None, Role.FACILITATOR, Role.MODERATOR])
def test_only_admins_publish(role):
    # given
    actor = MemberFactory(accepted_terms=False) if role is None else staff(role, accepted_terms=False)

    # when / then
    with pytest.raises(PermissionDenied):
        agreement_publish(actor=actor, title="Terms", body=TERMS)
    assert not ContributorAgreement.objects.exists()


def test_an_agreement_needs_a_text(admin):
    # when / then
    with pytest.raises(ApplicationError) as refusal:
        agreement_publish(actor=admin, title="Terms", body="   ")
    assert refusal.value.field == "body"
    assert not ContributorAgreement.objects.exists()


def test_a_member_accepts_the_current_version(on_commit):
    # given
    agreement = AgreementFactory()
    member = UserFactory()
    assert not has_accepted_current(_fresh(member))

    # when
    with on_commit() as callbacks:
        acceptance = agreement_accept(actor=member, agreement=agreement, ip_address="203.0.113.5")

    # then
    assert (acceptance.user, acceptance.agreement, acceptance.ip_address) == (member, agreement, "203.0.113.5")
    assert has_accepted_current(member)
    assert has_accepted_current(_fresh(member))
    assert len(callbacks) == 1


def test_accepting_twice_keeps_one_record():
    # given
    agreement = AgreementFactory()
    member = UserFactory()
    first = agreement_accept(actor=member, agreement=agreement)

    # when
    second = agreement_accept(actor=_fresh(member), agreement=agreement)

    # then
    assert second == first
    assert AgreementAcceptance.objects.filter(user=member).count() == 1


def test_only_the_current_version_can_be_accepted():
    # given
    old = AgreementFactory()
    AgreementFactory()
    member = UserFactory()

    # when
    with pytest.raises(ApplicationError) as refusal:
        agreement_accept(actor=member, agreement=old)

    # then
    assert refusal.value.code == "stale_agreement"
    assert not AgreementAcceptance.objects.exists()
    assert not has_accepted_current(_fresh(member))


def test_an_unpublished_draft_is_not_current_and_cannot_be_accepted():
    # given
    published = AgreementFactory()
    draft = AgreementFactory(published_at=None)
    member = UserFactory()

    # when / then
    assert current_agreement() == published
    with pytest.raises(ApplicationError):
        agreement_accept(actor=member, agreement=draft)
    assert not AgreementAcceptance.objects.exists()


def test_visitors_cannot_accept():
    # given
    agreement = AgreementFactory()

    # when / then
    with pytest.raises(ApplicationError) as refusal:
        agreement_accept(actor=AnonymousUser(), agreement=agreement)
    assert refusal.value.status == 401
    assert not AgreementAcceptance.objects.exists()


def test_a_new_version_asks_everyone_again(admin):
    # given: a member who accepted version 1
    v1 = agreement_publish(actor=admin, title="Terms", body=TERMS)
    member = UserFactory()
    agreement_accept(actor=member, agreement=v1)
    assert has_accepted_current(_fresh(member))

    # when
    v2 = agreement_publish(actor=admin, title="Terms", body=TERMS + " Changed.")

    # then: not accepted until they accept version 2, and contributions are refused meanwhile
    member = _fresh(member)
    assert not has_accepted_current(member)
    with pytest.raises(TermsNotAccepted):
        require_terms_accepted(member)
    agreement_accept(actor=member, agreement=v2)
    assert has_accepted_current(_fresh(member))
    require_terms_accepted(_fresh(member))
    assert AgreementAcceptance.objects.filter(user=member).count() == 2


def test_with_no_agreement_published_there_is_nothing_to_accept():
    # given
    member = UserFactory()

    # when / then
    assert current_agreement() is None
    assert has_accepted_current(member)
    require_terms_accepted(member)
    assert not has_accepted_current(AnonymousUser())


def test_acceptances_export_in_order():
    # given
    agreement = AgreementFactory()
    first, second = UserFactory(), UserFactory()
    agreement_accept(actor=first, agreement=agreement)
    agreement_accept(actor=second, agreement=agreement)

    # when
    rows = list(acceptances_for_export())

    # then
    assert [(r.user, r.agreement) for r in rows] == [(first, agreement), (second, agreement)]
