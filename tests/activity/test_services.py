"""activity_record: what an entry holds, that it is append-only, and that sign-ins are logged."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from cocreate.activity.models import ActivityEntry, Verb
from cocreate.activity.services import TargetRef, activity_record
from cocreate.core.context import current_ip, hash_value
from cocreate.ideas.models import Idea
from tests.factories import PASSWORD, IdeaFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_an_entry_holds_actor_verb_target_campaign_details_and_hashed_address():
    member, idea = MemberFactory(), IdeaFactory(title="Green bike lanes")
    token = current_ip.set("203.0.113.7")
    try:
        entry = activity_record(actor=member, verb=Verb.MODERATION_HIDE, target=idea, details={"reason": "Spam"})
    finally:
        current_ip.reset(token)

    entry.refresh_from_db()
    assert entry.actor == member and entry.verb == "moderation.hide"
    assert entry.target == idea and entry.target_label == "Green bike lanes"
    assert entry.campaign_id == idea.campaign_id  # taken from the target
    assert entry.details == {"reason": "Spam"}
    assert entry.ip_hash == hash_value("203.0.113.7") and "203.0.113.7" not in entry.ip_hash


def test_system_and_visitors_have_no_actor_and_no_request_no_address():
    entry = activity_record(actor=AnonymousUser(), verb=Verb.SIGN_IN_FAILED, target=None)
    assert entry.actor is None and entry.ip_hash == "" and entry.target_label == ""


def test_the_label_outlives_the_target():
    idea = IdeaFactory(title="Soon gone")
    entry = activity_record(actor=None, verb=Verb.IDEA_STATUS_CHANGED, target=idea)
    Idea.objects.filter(pk=idea.pk).delete()

    entry.refresh_from_db()
    assert entry.target is None and entry.target_label == "Soon gone" and entry.target_id == idea.pk


def test_a_target_by_reference_and_an_explicit_campaign():
    idea = IdeaFactory()
    entry = activity_record(
        actor=None, verb=Verb.MODERATION_DISMISS, target=TargetRef(Idea, idea.pk, "by ref"), campaign_id=99
    )
    assert entry.target == idea and entry.target_label == "by ref" and entry.campaign_id == 99


def test_details_become_plain_json():
    from datetime import date
    from decimal import Decimal

    entry = activity_record(
        actor=None, verb=Verb.RELEASE_CREATED, details={"when": date(2026, 1, 2), "n": Decimal("1.5")}
    )
    entry.refresh_from_db()
    assert entry.details == {"when": "2026-01-02", "n": "1.5"}


def test_an_unknown_verb_is_refused():
    with pytest.raises(ValueError):
        activity_record(actor=None, verb="idea.teleported")
    assert not ActivityEntry.objects.exists()


def test_entries_are_append_only():
    entry = activity_record(actor=None, verb=Verb.TOKEN_CREATED)
    entry.target_label = "changed"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    entry.refresh_from_db()
    assert entry.target_label == ""


def test_deleting_a_member_keeps_their_entries():
    member = MemberFactory(display_name="Ada")
    activity_record(actor=member, verb=Verb.SIGNED_IN, target=member)
    member.delete()
    entry = ActivityEntry.objects.get()
    assert entry.actor is None and entry.target_label == "Ada"


# ---- sign-ins --------------------------------------------------------------------------------------------


def test_signing_in_is_logged_with_the_hashed_address(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "none"  # the factory's member has no verified address
    member = MemberFactory()
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.4"
    )
    assert response.status_code == 302
    entry = ActivityEntry.objects.get(verb=Verb.SIGNED_IN)
    assert entry.actor == member and entry.target == member
    assert entry.ip_hash == hash_value("198.51.100.4")


def test_a_failed_sign_in_is_logged_without_an_actor(client):
    member = MemberFactory()
    client.post(reverse("account_login"), {"login": member.email, "password": "wrong"}, REMOTE_ADDR="198.51.100.4")
    client.post(reverse("account_login"), {"login": "nobody@example.org", "password": "wrong"})

    known, unknown = ActivityEntry.objects.filter(verb=Verb.SIGN_IN_FAILED).order_by("id")
    assert known.actor is None and known.target == member and known.details == {"known_account": True}
    assert known.ip_hash == hash_value("198.51.100.4")
    # A stranger's guess is not stored: no target, no label with the typed address.
    assert (
        unknown.target_id is None
        and "nobody" not in unknown.target_label
        and unknown.details == {"known_account": False}
    )
    assert not ActivityEntry.objects.filter(verb=Verb.SIGNED_IN).exists()


def test_signing_in_to_the_admin_site_is_logged_too(client):
    admin = MemberFactory(is_staff=True, is_superuser=True)
    response = client.post("/admin/login/?next=/admin/", {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 302
    assert ActivityEntry.objects.get(verb=Verb.SIGNED_IN).actor == admin
