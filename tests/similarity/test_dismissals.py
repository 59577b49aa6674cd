"""Moderators mark a duplicate candidate pair as "not a duplicate": stored, audited, reversible."""

import pytest
from django.urls import reverse

from cocreate.accounts.models import Role
from cocreate.core.errors import ApplicationError, Conflict, PermissionDenied
from cocreate.similarity.models import DuplicateDismissal
from cocreate.similarity.selectors import duplicate_candidates
from cocreate.similarity.services import duplicate_dismiss, duplicate_dismissal_restore
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(cafe):
    campaign, ideas = cafe
    copy = IdeaFactory(campaign=campaign, title="Discount for bringing your own cups", body=ideas[0].body)
    return campaign, copy, ideas[0]


def _pairs(campaign):
    return [(p.source.pk, p.target.pk) for p in duplicate_candidates(campaign)]


def test_a_dismissed_pair_leaves_the_queue_and_comes_back_when_restored(pair):
    campaign, copy, original = pair
    moderator = staff(Role.MODERATOR, campaign)
    assert _pairs(campaign) == [(copy.pk, original.pk)]

    dismissal = duplicate_dismiss(actor=moderator, source=copy, target=original, reason="Different cups")
    assert (dismissal.first_id, dismissal.second_id) == (original.pk, copy.pk)  # stored in id order
    assert dismissal.dismissed_by == moderator and dismissal.reason == "Different cups"
    assert _pairs(campaign) == []
    # Either order names the same pair.
    with pytest.raises(Conflict):
        duplicate_dismiss(actor=moderator, source=original, target=copy)

    restored = duplicate_dismissal_restore(actor=moderator, dismissal=dismissal)
    assert restored.restored_by == moderator and restored.restored_at is not None
    assert _pairs(campaign) == [(copy.pk, original.pk)]
    with pytest.raises(Conflict):
        duplicate_dismissal_restore(actor=moderator, dismissal=dismissal)

    # Dismissed again: a new record, the first one stays as history.
    duplicate_dismiss(actor=moderator, source=copy, target=original)
    assert DuplicateDismissal.objects.filter(first=original, second=copy).count() == 2
    assert _pairs(campaign) == []


def test_facilitators_may_dismiss_too(pair):
    campaign, copy, original = pair
    duplicate_dismiss(actor=staff(Role.FACILITATOR, campaign), source=copy, target=original)
    assert _pairs(campaign) == []


@pytest.mark.parametrize("who", ["member", "author", "reviewer", "other_moderator"])
def test_others_cannot_dismiss_or_restore(pair, who):
    campaign, copy, original = pair
    actor = {
        "member": MemberFactory,
        "author": lambda: copy.author,
        "reviewer": lambda: staff(Role.REVIEWER, campaign),
        "other_moderator": lambda: staff(Role.MODERATOR, CampaignFactory()),
    }[who]()
    with pytest.raises(PermissionDenied):
        duplicate_dismiss(actor=actor, source=copy, target=original)
    assert not DuplicateDismissal.objects.exists()
    dismissal = duplicate_dismiss(actor=staff(Role.MODERATOR, campaign), source=copy, target=original)
    with pytest.raises(PermissionDenied):
        duplicate_dismissal_restore(actor=actor, dismissal=dismissal)
    dismissal.refresh_from_db()
    assert dismissal.restored_at is None


def test_refusals_change_nothing(pair):
    campaign, copy, _original = pair
    moderator = staff(Role.MODERATOR, campaign)
    with pytest.raises(ApplicationError) as same:
        duplicate_dismiss(actor=moderator, source=copy, target=copy)
    assert same.value.code == "same_idea"
    elsewhere = IdeaFactory(campaign=CampaignFactory(), title=copy.title, body=copy.body)
    with pytest.raises(ApplicationError) as across:
        duplicate_dismiss(actor=moderator, source=copy, target=elsewhere)
    assert across.value.code == "across_campaigns"
    assert not DuplicateDismissal.objects.exists()


def test_queue_page_dismiss_and_restore(client, pair):
    campaign, copy, original = pair
    moderator = staff(Role.MODERATOR, campaign)
    client.force_login(moderator)
    queue = reverse("similarity:duplicates", args=[campaign.slug])
    html = client.get(queue).content.decode()
    assert "Not a duplicate" in html and reverse("similarity:dismiss_duplicate", args=[campaign.slug]) in html

    response = client.post(
        reverse("similarity:dismiss_duplicate", args=[campaign.slug]),
        {"source": copy.pk, "target": original.pk, "reason": "One is about cups, one about mugs"},
    )
    assert response.status_code == 302 and response.url == queue
    dismissal = DuplicateDismissal.objects.get()
    html = client.get(queue).content.decode()
    assert "No likely duplicates right now." in html
    assert "One is about cups, one about mugs" in html and moderator.public_name in html
    assert reverse("similarity:restore_dismissal", args=[dismissal.pk]) in html

    # The same pair again: a message and back to the queue the browser came from, not an error page.
    response = client.post(
        reverse("similarity:dismiss_duplicate", args=[campaign.slug]),
        {"source": original.pk, "target": copy.pk},
        HTTP_REFERER=queue,
    )
    assert response.status_code == 302 and response.url == queue and DuplicateDismissal.objects.count() == 1
    assert "already marked" in client.get(queue).content.decode()

    response = client.post(reverse("similarity:restore_dismissal", args=[dismissal.pk]))
    assert response.status_code == 302
    html = client.get(queue).content.decode()
    assert "Review and merge" in html and "Put back by" in html


def test_queue_actions_refuse_bad_input_and_other_people(client, pair):
    campaign, copy, original = pair
    url = reverse("similarity:dismiss_duplicate", args=[campaign.slug])
    client.force_login(MemberFactory())
    assert client.post(url, {"source": copy.pk, "target": original.pk}).status_code == 403
    client.force_login(staff(Role.MODERATOR, campaign))
    assert client.get(url).status_code == 405
    assert client.post(url, {"source": "x", "target": ""}).status_code == 302
    other = IdeaFactory(campaign=CampaignFactory())
    assert client.post(url, {"source": copy.pk, "target": other.pk}).status_code == 404
    assert not DuplicateDismissal.objects.exists()
    dismissal = duplicate_dismiss(actor=staff(Role.MODERATOR, campaign), source=copy, target=original)
    client.force_login(MemberFactory())
    assert client.post(reverse("similarity:restore_dismissal", args=[dismissal.pk])).status_code == 403
    assert client.post(reverse("similarity:restore_dismissal", args=[999999])).status_code == 404
