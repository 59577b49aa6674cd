"""F2: no answer tells whether an email address has an account — not the co-author field, not sign-up (neither
its page nor its timing, measured here by the password hashing it does)."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.urls import reverse

from cocreate.accounts.models import User
from cocreate.core.errors import ApplicationError
from cocreate.ideas.models import Idea
from cocreate.ideas.services import idea_create
from tests.factories import CampaignFactory, MemberFactory

pytestmark = pytest.mark.django_db

BODY = "Covered racks at every station so bikes stay dry."


def _refusal_for(author, campaign, email: str) -> str:
    with pytest.raises(ApplicationError) as refusal:
        idea_create(actor=author, campaign=campaign, title="Bike racks", body=BODY, coauthors=email)
    return str(refusal.value.message).replace(email, "<address>")


def test_the_co_author_field_answers_alike_for_members_and_strangers():
    author, campaign = MemberFactory(), CampaignFactory()
    MemberFactory(email="member@example.org")  # has not allowed being named

    for_member = _refusal_for(author, campaign, "member@example.org")
    for_stranger = _refusal_for(author, campaign, "stranger@example.org")

    assert for_member == for_stranger
    assert not Idea.objects.exists()


def test_members_who_allow_it_can_be_named():
    author, campaign = MemberFactory(), CampaignFactory()
    ada = MemberFactory(email="ada@example.org", coauthor_listing=True)
    idea = idea_create(actor=author, campaign=campaign, title="Bike racks", body=BODY, coauthors="ada@example.org")
    assert list(idea.coauthors.all()) == [ada]


def _sign_up(client, email):
    password = "a-long-unusual-passphrase-42"
    form = {"email": email, "display_name": "Someone", "password1": password, "password2": password}
    return client.post(reverse("account_signup"), form)


def test_sign_up_with_a_taken_address_looks_and_costs_the_same(client, monkeypatch):
    MemberFactory(email="taken@example.org")
    hashes = []
    original = MD5PasswordHasher.encode
    monkeypatch.setattr(MD5PasswordHasher, "encode", lambda self, *a, **k: hashes.append(1) or original(self, *a, **k))

    new = _sign_up(client, "fresh@example.org")
    hashed_for_new, hashes[:] = len(hashes), []
    client.logout()
    taken = _sign_up(client, "taken@example.org")

    assert (new.status_code, new["Location"]) == (taken.status_code, taken["Location"])
    assert len(hashes) == hashed_for_new >= 1  # the slow part of a sign-up happens in both
    assert len(mail.outbox) == 2  # each address gets a message; only its owner reads which one
    assert User.objects.filter(email="taken@example.org").count() == 1
