import pytest
from django.contrib.auth.models import AnonymousUser

from cocreate.core.errors import ApplicationError, PermissionDenied
from cocreate.pairwise import selectors, services
from cocreate.pairwise.models import EntryStatus, PairwiseEntry, PairwisePrompt, PairwiseVote
from tests.factories import MemberFactory, PairwiseEntryFactory, PairwisePromptFactory

pytestmark = pytest.mark.django_db


def test_member_votes_on_a_served_pair_and_the_scores_follow(survey, on_commit):
    member, campaign = survey["member"], survey["campaign"]
    prompt = services.prompt_next(actor=member, campaign=campaign)
    with on_commit(execute=True):
        vote = services.vote_cast(actor=member, prompt=prompt, choice="left")
    assert (vote.winner, vote.loser, vote.voter) == (prompt.left, prompt.right, member)
    prompt.refresh_from_db()
    assert prompt.answered_at is not None
    rows = {row.entry.pk: row for row in selectors.results(campaign).rows}
    assert rows[prompt.left_id].score > 50 > rows[prompt.right_id].score
    assert rows[prompt.left_id].comparisons == 1


def test_cant_decide_is_stored_with_its_reason_and_needs_one(survey):
    member, campaign = survey["member"], survey["campaign"]
    prompt = services.prompt_next(actor=member, campaign=campaign)
    with pytest.raises(ApplicationError) as exc:
        services.vote_cast(actor=member, prompt=prompt, choice="cant_decide")
    assert exc.value.code == "reason_required"
    vote = services.vote_cast(actor=member, prompt=prompt, choice="cant_decide", reason="both_bad", reason_text="meh")
    assert (vote.winner, vote.reason, vote.reason_text) == (None, "both_bad", "meh")
    assert selectors.results(campaign).cant_decide == 1


def test_a_pair_not_served_to_the_voter_is_refused(survey):
    other_prompt = PairwisePromptFactory(
        campaign=survey["campaign"], left=survey["entries"][0], right=survey["entries"][1]
    )
    with pytest.raises(ApplicationError) as exc:
        services.vote_cast(actor=survey["member"], prompt=other_prompt, choice="left")
    assert exc.value.code == "not_served"
    assert not PairwiseVote.objects.exists()


def test_a_pair_is_answered_once(survey):
    member = survey["member"]
    prompt = services.prompt_next(actor=member, campaign=survey["campaign"])
    services.vote_cast(actor=member, prompt=prompt, choice="right")
    with pytest.raises(ApplicationError) as exc:
        services.vote_cast(actor=member, prompt=prompt, choice="left")
    assert exc.value.code == "already_answered"
    assert PairwiseVote.objects.count() == 1


def test_votes_only_on_shown_entries(survey):
    member = survey["member"]
    prompt = services.prompt_next(actor=member, campaign=survey["campaign"])
    services.entry_moderate(actor=survey["moderator"], entry=prompt.left, status="hidden")
    with pytest.raises(ApplicationError) as exc:
        services.vote_cast(actor=member, prompt=prompt, choice="left")
    assert exc.value.code == "entry_not_shown"
    assert not PairwiseVote.objects.exists()
    for _ in range(10):
        served = services.prompt_next(actor=member, campaign=survey["campaign"])
        assert prompt.left not in (served.left, served.right)


def test_never_the_same_pair_twice_in_a_row(survey):
    member, campaign = survey["member"], survey["campaign"]
    previous = None
    for _ in range(15):
        prompt = services.prompt_next(actor=member, campaign=campaign)
        pair = {prompt.left_id, prompt.right_id}
        assert len(pair) == 2
        assert pair != previous
        services.vote_cast(actor=member, prompt=prompt, choice="left")
        previous = pair


def test_member_entries_wait_for_approval(survey, on_commit):
    member, campaign = survey["member"], survey["campaign"]
    entry = services.entry_add(actor=member, campaign=campaign, text="  Compost   the grounds ")
    assert (entry.status, entry.is_seed, entry.text) == (EntryStatus.PENDING, False, "Compost the grounds")
    assert entry not in selectors.shown_entries(campaign)
    services.entry_moderate(actor=survey["moderator"], entry=entry, status="shown")
    assert entry in selectors.shown_entries(campaign)
    assert len(selectors.campaign_fit(campaign).entries) == 5


def test_staff_entries_are_seeds_shown_at_once(survey):
    entry = services.entry_add(actor=survey["facilitator"], campaign=survey["campaign"], text="Longer hours")
    assert (entry.status, entry.is_seed) == (EntryStatus.SHOWN, True)


def test_duplicates_and_empty_entries_are_refused(survey):
    with pytest.raises(ApplicationError):
        services.entry_add(actor=survey["member"], campaign=survey["campaign"], text=survey["entries"][0].text.upper())
    with pytest.raises(ApplicationError):
        services.entry_add(actor=survey["member"], campaign=survey["campaign"], text="   ")
    assert PairwiseEntry.objects.count() == 4


def test_members_cannot_moderate(survey):
    entry = PairwiseEntryFactory(campaign=survey["campaign"], status="pending", is_seed=False)
    with pytest.raises(PermissionDenied):
        services.entry_moderate(actor=survey["member"], entry=entry, status="shown")
    entry.refresh_from_db()
    assert entry.status == "pending"


def test_member_entries_can_be_switched_off(survey):
    services.settings_update(
        actor=survey["facilitator"], campaign=survey["campaign"], allow_anonymous=False, allow_member_entries=False
    )
    with pytest.raises(PermissionDenied):
        services.entry_add(actor=MemberFactory(), campaign=survey["campaign"], text="Nope")
    assert PairwiseEntry.objects.count() == 4


def test_anonymous_votes_only_if_the_campaign_allows(survey):
    campaign, visitor = survey["campaign"], AnonymousUser()
    with pytest.raises(PermissionDenied):
        services.prompt_next(actor=visitor, campaign=campaign, visitor_key="abc")
    assert not PairwisePrompt.objects.exists()
    services.settings_update(
        actor=survey["facilitator"], campaign=campaign, allow_anonymous=True, allow_member_entries=True
    )
    campaign.refresh_from_db()
    prompt = services.prompt_next(actor=visitor, campaign=campaign, visitor_key="abc")
    with pytest.raises(ApplicationError):
        services.vote_cast(actor=visitor, prompt=prompt, choice="left", visitor_key="other-cookie")
    vote = services.vote_cast(actor=visitor, prompt=prompt, choice="left", visitor_key="abc")
    assert (vote.voter, vote.visitor_key) == (None, "abc")


def test_only_facilitators_change_settings(survey):
    with pytest.raises(PermissionDenied):
        services.settings_update(
            actor=survey["moderator"], campaign=survey["campaign"], allow_anonymous=True, allow_member_entries=True
        )
    assert selectors.settings_for(survey["campaign"]).allow_anonymous is False


def test_too_few_entries(survey):
    for entry in survey["entries"][1:]:
        services.entry_moderate(actor=survey["moderator"], entry=entry, status="hidden")
    with pytest.raises(ApplicationError) as exc:
        services.prompt_next(actor=survey["member"], campaign=survey["campaign"])
    assert exc.value.code == "too_few_entries"
