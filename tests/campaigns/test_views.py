"""Campaign pages for every role: what each may see and do, and what each must not."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from PIL import Image

from cocreate.accounts.models import Role, RoleAssignment
from cocreate.campaigns.models import Campaign, CampaignInvitation, CampaignStatus, Moderation, Visibility
from cocreate.ideas.lifecycle import STAFF_TRANSITIONS, TRANSITIONS, IdeaStatus
from cocreate.ideas.models import Idea
from cocreate.ideas.rules import DECISION_TRANSITIONS
from tests.factories import (
    CampaignFactory,
    CriterionFactory,
    IdeaFactory,
    InvitationFactory,
    MemberFactory,
    PhaseFactory,
    staff,
)

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "facilitator", "other_facilitator", "admin"]


@pytest.fixture
def campaign():
    return CampaignFactory(title="Safer cycling", stages=[(100, 60), (1000, 365)])


def login_as(client, role, campaign):
    """Sign in as one of ROLES with respect to `campaign`; returns the user (None for a visitor)."""
    user = {
        "visitor": lambda: None,
        "member": lambda: MemberFactory(),
        "facilitator": lambda: staff(Role.FACILITATOR, campaign),
        "other_facilitator": lambda: staff(Role.FACILITATOR, CampaignFactory()),
        "moderator": lambda: staff(Role.MODERATOR, campaign),
        "reviewer": lambda: staff(Role.REVIEWER, campaign),
        "sitewide_facilitator": lambda: staff(Role.FACILITATOR),
        "admin": lambda: staff(Role.ADMIN),
    }[role]()
    if user is not None:
        client.force_login(user)
    return user


def png_bytes(size=(40, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, (20, 110, 90)).save(out, format="PNG")
    return out.getvalue()


def management(prefix, total):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}


def campaign_post_data(**overrides):
    data = {
        "title": "Better bus stops",
        "slug": "",
        "goal": "Make waiting for the bus pleasant.",
        "brief": "Tell us what a **good** bus stop has.",
        "constraints": "Fits on a pavement.",
        "out_of_scope": "Timetables.",
        "audience": "Everyone who takes the bus",
        "incentives": "The best three ideas are built.",
        "ip_terms": "Ideas are shared under CC BY 4.0.",
        "method": "idea_challenge",
        "visibility": "public",
        "moderation": "post",
        "status": "published",
        "entries_per_member": "3",
        "max_images_per_idea": "4",
        "response_promise_days": "30",
        **management("stages", 2),
        "stages-0-threshold": "100",
        "stages-0-window_days": "60",
        "stages-1-threshold": "1000",
        "stages-1-window_days": "365",
        **management("criteria", 2),
        "criteria-0-name": "Feasibility",
        "criteria-0-description": "Can we build it?",
        "criteria-0-weight": "3",
        "criteria-1-name": "Impact",
        "criteria-1-description": "",
        "criteria-1-weight": "1",
        **management("phases", 1),
        "phases-0-kind": "submission",
        "phases-0-starts_at": "2030-01-10T10:00",
        "phases-0-ends_at": "2030-02-10T10:00",
    }
    data.update(overrides)
    return data


# ---- list -----------------------------------------------------------------------------------------------


def test_list_shows_public_campaigns_to_visitors_with_counts_and_phase_words(client, django_assert_max_num_queries):
    public = CampaignFactory(title="Public one")
    PhaseFactory(campaign=public, kind="submission", ends_at=timezone.now() + timedelta(days=10))
    CampaignFactory(title="Members one", visibility=Visibility.MEMBERS)
    CampaignFactory(title="Invite one", visibility=Visibility.INVITE)
    CampaignFactory(title="Draft one", status=CampaignStatus.DRAFT)
    CampaignFactory(title="Old one", status=CampaignStatus.ARCHIVED)
    for _ in range(3):
        IdeaFactory(campaign=public)
    IdeaFactory(campaign=public, status=IdeaStatus.PENDING)
    for _ in range(4):
        CampaignFactory()  # more cards must not mean more queries

    with django_assert_max_num_queries(8):
        response = client.get(reverse("campaigns:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Public one" in html
    assert "Members one" not in html and "Invite one" not in html and "Draft one" not in html
    assert "Archived campaign" in html and "Old one" in html
    assert "3 ideas" in html and "3 contributors" in html
    assert "Submitting ideas until" in html
    assert "Idea challenge" in html


def test_list_shows_members_only_campaigns_to_members_and_invite_only_to_invited(client):
    members = CampaignFactory(title="Members one", visibility=Visibility.MEMBERS)
    invite = CampaignFactory(title="Invite one", visibility=Visibility.INVITE)
    member = login_as(client, "member", members)

    html = client.get(reverse("campaigns:list")).content.decode()
    assert "Members one" in html and "Invite one" not in html

    InvitationFactory(campaign=invite, email=member.email)
    html = client.get(reverse("campaigns:list")).content.decode()
    assert "Invite one" in html


def test_list_shows_drafts_only_to_their_staff(client):
    draft = CampaignFactory(title="Draft one", status=CampaignStatus.DRAFT)
    login_as(client, "other_facilitator", draft)
    assert "Draft one" not in client.get(reverse("campaigns:list")).content.decode()
    login_as(client, "facilitator", draft)
    html = client.get(reverse("campaigns:list")).content.decode()
    assert "Draft one" in html and "Draft: not published yet" in html


# ---- detail ---------------------------------------------------------------------------------------------


def test_detail_shows_the_brief_as_a_framework(client, campaign, django_assert_max_num_queries):
    campaign.constraints = "No cars."
    campaign.out_of_scope = "Parking."
    campaign.ip_terms = "CC BY 4.0"
    campaign.incentives = "A prize."
    campaign.audience = "Cyclists"
    campaign.entries_per_member = 2
    campaign.save()
    CriterionFactory(campaign=campaign, name="Feasibility", weight=3)
    CriterionFactory(campaign=campaign, name="Impact", weight=1)
    PhaseFactory(campaign=campaign, kind="submission")
    for _ in range(6):
        IdeaFactory(campaign=campaign, tags=["safety"])

    with django_assert_max_num_queries(20):
        response = client.get(campaign.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>safer</strong>" in html  # the brief is markdown
    for text in ["No cars.", "Parking.", "CC BY 4.0", "A prize.", "Cyclists", "Up to 2 ideas", "Feasibility"]:
        assert text in html
    assert "75%" in html and "25%" in html  # share of the total weight
    assert "Stage 1: 100 supporters within 60 days → Stage 2: 1,000 within 365 days" in html
    assert "each stage reached restarts the clock" in html
    assert "Open now" in html
    assert "Idea number" in html  # the campaign's idea list


def test_detail_invites_visitors_to_sign_in_and_members_to_submit(client, campaign):
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert "Sign in to submit" in html
    assert reverse("account_login") + "?next=" in html
    assert reverse("ideas:submit", args=[campaign.slug]) not in html

    login_as(client, "member", campaign)
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert reverse("ideas:submit", args=[campaign.slug]) in html
    assert reverse("campaigns:edit", args=[campaign.slug]) not in html


def test_detail_hides_submit_when_submission_is_closed(client, campaign):
    PhaseFactory(
        campaign=campaign,
        kind="submission",
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=1),
    )
    login_as(client, "member", campaign)
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert reverse("ideas:submit", args=[campaign.slug]) not in html
    assert "not accepting new ideas" in html


@pytest.mark.parametrize(
    ("role", "expected"),
    [("visitor", 404), ("member", 404), ("other_facilitator", 404), ("facilitator", 200), ("admin", 200)],
)
def test_draft_campaign_detail_is_only_for_its_staff(client, role, expected):
    draft = CampaignFactory(status=CampaignStatus.DRAFT)
    login_as(client, role, draft)
    assert client.get(draft.get_absolute_url()).status_code == expected


def test_invite_only_campaign_is_hidden_until_invited(client):
    invite = CampaignFactory(visibility=Visibility.INVITE)
    member = login_as(client, "member", invite)
    assert client.get(invite.get_absolute_url()).status_code == 404
    InvitationFactory(campaign=invite, email=member.email)
    assert client.get(invite.get_absolute_url()).status_code == 200


def test_members_only_campaign_is_hidden_from_visitors(client):
    members = CampaignFactory(visibility=Visibility.MEMBERS)
    assert client.get(members.get_absolute_url()).status_code == 404
    login_as(client, "member", members)
    assert client.get(members.get_absolute_url()).status_code == 200


def test_detail_shows_staff_links_to_facilitators_only(client, campaign):
    login_as(client, "facilitator", campaign)
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert reverse("campaigns:edit", args=[campaign.slug]) in html
    assert reverse("campaigns:manage", args=[campaign.slug]) in html


# ---- create ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("visitor", 302), ("member", 403), ("facilitator", 403), ("sitewide_facilitator", 200), ("admin", 200)],
)
def test_create_page_permissions(client, campaign, role, expected):
    login_as(client, role, campaign)
    response = client.get(reverse("campaigns:create"))
    assert response.status_code == expected
    if role == "visitor":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["visitor", "member", "facilitator", "other_facilitator"])
def test_refused_create_post_changes_nothing(client, campaign, role):
    login_as(client, role, campaign)
    before = Campaign.objects.count()
    response = client.post(reverse("campaigns:create"), campaign_post_data())
    assert response.status_code in (302, 403)
    assert Campaign.objects.count() == before


def test_create_through_the_form_saves_brief_ladder_criteria_and_phases(client):
    user = staff(Role.FACILITATOR, time_zone="Europe/Paris")
    client.force_login(user)

    response = client.post(reverse("campaigns:create"), campaign_post_data())

    created = Campaign.objects.get(title="Better bus stops")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.slug == "better-bus-stops"
    assert created.created_by == user and created.entries_per_member == 3
    assert [(s.threshold, s.window_days) for s in created.support_stages.all()] == [(100, 60), (1000, 365)]
    assert [(c.name, c.weight) for c in created.criteria.all()] == [("Feasibility", 3), ("Impact", 1)]
    phase = created.phases.get()
    # Entered in the viewer's zone (Paris, UTC+1 in January), stored in UTC.
    assert phase.starts_at == datetime(2030, 1, 10, 9, 0, tzinfo=UTC)
    assert phase.kind == "submission"


def test_create_with_a_chosen_address_and_a_cover_image(client):
    login_as(client, "admin", None)
    cover = SimpleUploadedFile("cover.png", png_bytes(), content_type="image/png")
    response = client.post(reverse("campaigns:create"), {**campaign_post_data(slug="bus-stops"), "cover_image": cover})
    assert response.status_code == 302
    created = Campaign.objects.get(slug="bus-stops")
    assert created.cover_image.name.startswith("campaigns/")
    assert client.get(reverse("campaigns:list")).content.decode().count(created.cover_image.url) == 1


def test_cover_that_is_not_an_image_is_a_field_error_and_nothing_is_lost(client):
    login_as(client, "admin", None)
    fake = SimpleUploadedFile("cover.png", b"not really a picture", content_type="image/png")
    response = client.post(reverse("campaigns:create"), {**campaign_post_data(), "cover_image": fake})
    html = response.content.decode()
    assert response.status_code == 200
    assert "is not an image we can read" in html
    assert "Make waiting for the bus pleasant." in html and "Feasibility" in html
    assert not Campaign.objects.filter(title="Better bus stops").exists()


def test_invalid_create_comes_back_filled_with_errors(client):
    login_as(client, "admin", None)
    response = client.post(reverse("campaigns:create"), campaign_post_data(title="", response_promise_days="0"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in html
    assert "Tell us what a **good** bus stop has." in html
    assert 'value="Feasibility"' in html and 'value="2030-01-10T10:00"' in html
    assert not Campaign.objects.filter(goal="Make waiting for the bus pleasant.").exists()


def test_decreasing_ladder_is_refused_with_the_form_kept(client):
    login_as(client, "admin", None)
    data = campaign_post_data(**{"stages-1-threshold": "50"})
    response = client.post(reverse("campaigns:create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "must need more supporters than the one before" in html
    assert 'value="50"' in html and 'value="Better bus stops"' in html
    assert not Campaign.objects.filter(title="Better bus stops").exists()


def test_phase_that_ends_before_it_starts_is_refused(client):
    login_as(client, "admin", None)
    response = client.post(reverse("campaigns:create"), campaign_post_data(**{"phases-0-ends_at": "2030-01-01T10:00"}))
    assert response.status_code == 200
    assert "A phase must end after it starts." in response.content.decode()
    assert not Campaign.objects.filter(title="Better bus stops").exists()


def test_taken_address_is_a_field_error(client, campaign):
    login_as(client, "admin", None)
    response = client.post(reverse("campaigns:create"), campaign_post_data(slug=campaign.slug))
    assert response.status_code == 200
    assert "Another campaign already uses that address." in response.content.decode()


def test_lego_preset_by_query_param_fills_the_ladder(client):
    login_as(client, "admin", None)
    html = client.get(reverse("campaigns:create") + "?preset=lego").content.decode()
    for value in ["100", "60", "1000", "365", "5000", "10000", "180"]:
        assert f'value="{value}"' in html
    assert 'name="stages-TOTAL_FORMS" value="5"' in html  # four stages and one empty row


def test_lego_preset_button_keeps_what_was_typed_and_saves_nothing(client):
    login_as(client, "admin", None)
    response = client.post(reverse("campaigns:create"), campaign_post_data(title="Typed title", preset="lego"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Typed title"' in html and 'value="10000"' in html and 'value="Feasibility"' in html
    assert "This field is required." not in html
    assert not Campaign.objects.filter(title="Typed title").exists()


def test_add_row_button_adds_an_empty_row(client):
    login_as(client, "admin", None)
    html = client.post(reverse("campaigns:create"), campaign_post_data(add_row="criteria")).content.decode()
    assert 'name="criteria-TOTAL_FORMS" value="5"' in html  # two typed, two spare, one added


# ---- edit -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("visitor", 302), ("member", 403), ("other_facilitator", 403), ("facilitator", 200), ("admin", 200)],
)
def test_edit_page_permissions(client, campaign, role, expected):
    login_as(client, role, campaign)
    assert client.get(reverse("campaigns:edit", args=[campaign.slug])).status_code == expected


@pytest.mark.parametrize("role", ["visitor", "member", "other_facilitator"])
def test_refused_edit_post_changes_nothing(client, campaign, role):
    login_as(client, role, campaign)
    response = client.post(reverse("campaigns:edit", args=[campaign.slug]), campaign_post_data(title="Hijacked"))
    assert response.status_code in (302, 403)
    campaign.refresh_from_db()
    assert campaign.title == "Safer cycling"
    assert campaign.support_stages.count() == 2


def test_edit_of_a_draft_is_not_found_for_outsiders(client):
    draft = CampaignFactory(status=CampaignStatus.DRAFT)
    login_as(client, "member", draft)
    assert client.get(reverse("campaigns:edit", args=[draft.slug])).status_code == 404


def test_edit_form_shows_current_values_and_saves_changes(client, campaign):
    PhaseFactory(campaign=campaign, kind="support")
    CriterionFactory(campaign=campaign, name="Safety", weight=5)
    login_as(client, "facilitator", campaign)
    url = reverse("campaigns:edit", args=[campaign.slug])

    html = client.get(url).content.decode()
    assert 'value="Safer cycling"' in html and 'value="Safety"' in html and 'value="1000"' in html

    response = client.post(url, campaign_post_data(title="Safer cycling, 2nd round", moderation="pre"))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.title == "Safer cycling, 2nd round" and campaign.moderation == Moderation.PRE
    assert campaign.slug != "better-bus-stops"  # the address stays
    assert [c.name for c in campaign.criteria.all()] == ["Feasibility", "Impact"]
    assert campaign.phases.get().kind == "submission"


def test_edit_with_invalid_input_keeps_the_saved_campaign(client, campaign):
    login_as(client, "facilitator", campaign)
    url = reverse("campaigns:edit", args=[campaign.slug])
    response = client.post(url, campaign_post_data(title="New title", **{"stages-1-threshold": "10"}))
    assert response.status_code == 200
    assert 'value="New title"' in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.title == "Safer cycling"
    assert [s.threshold for s in campaign.support_stages.all()] == [100, 1000]


def test_edit_can_remove_the_cover(client):
    login_as(client, "admin", None)
    cover = SimpleUploadedFile("cover.png", png_bytes(), content_type="image/png")
    client.post(reverse("campaigns:create"), {**campaign_post_data(slug="with-cover"), "cover_image": cover})
    created = Campaign.objects.get(slug="with-cover")
    assert created.cover_image
    client.post(reverse("campaigns:edit", args=["with-cover"]), campaign_post_data(remove_cover="on"))
    created.refresh_from_db()
    assert not created.cover_image


# ---- staff area: counts, moderation, status changes -----------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("visitor", 302),
        ("member", 403),
        ("other_facilitator", 403),
        ("facilitator", 200),
        ("moderator", 200),
        ("reviewer", 200),
        ("admin", 200),
    ],
)
def test_manage_page_permissions(client, campaign, role, expected):
    login_as(client, role, campaign)
    assert client.get(reverse("campaigns:manage", args=[campaign.slug])).status_code == expected


def test_manage_shows_counts_and_the_moderation_queue(client, campaign, django_assert_max_num_queries):
    campaign.moderation = Moderation.PRE
    campaign.save()
    IdeaFactory(campaign=campaign, status=IdeaStatus.PENDING, title="Waiting idea", published_at=None)
    for _ in range(3):
        IdeaFactory(campaign=campaign)
    IdeaFactory(campaign=campaign, status=IdeaStatus.UNDER_REVIEW)
    login_as(client, "moderator", campaign)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("campaigns:manage", args=[campaign.slug]))

    html = response.content.decode()
    assert "Waiting idea" in html and "Approve and publish" in html and "Return to author" in html
    assert "Start review" in html  # a transition offered for published ideas
    assert '<span class="stat">3</span> Gathering support' in html


def test_moderator_approves_a_pending_idea(client, campaign):
    idea = IdeaFactory(campaign=campaign, status=IdeaStatus.PENDING, published_at=None)
    login_as(client, "moderator", campaign)
    response = client.post(
        reverse("campaigns:moderate", args=[campaign.slug, idea.pk]), {f"m{idea.pk}-decision": "approve"}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED


def test_returning_an_idea_needs_a_reason(client, campaign):
    idea = IdeaFactory(campaign=campaign, status=IdeaStatus.PENDING, published_at=None)
    login_as(client, "facilitator", campaign)
    url = reverse("campaigns:moderate", args=[campaign.slug, idea.pk])

    response = client.post(url, {f"m{idea.pk}-decision": "return", f"m{idea.pk}-reason": "  "})
    assert response.status_code == 400
    assert "Tell the author why" in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PENDING

    response = client.post(url, {f"m{idea.pk}-decision": "return", f"m{idea.pk}-reason": "Add a sketch, please."})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.DRAFT
    assert idea.status_changes.last().note == "Add a sketch, please."


@pytest.mark.parametrize("role", ["visitor", "member", "reviewer", "other_facilitator"])
def test_refused_moderation_changes_nothing(client, campaign, role):
    idea = IdeaFactory(campaign=campaign, status=IdeaStatus.PENDING, published_at=None)
    login_as(client, role, campaign)
    response = client.post(
        reverse("campaigns:moderate", args=[campaign.slug, idea.pk]), {f"m{idea.pk}-decision": "approve"}
    )
    assert response.status_code in (302, 403)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PENDING


def test_facilitator_starts_review_and_declines_with_a_note(client, campaign):
    idea = IdeaFactory(campaign=campaign)
    login_as(client, "facilitator", campaign)
    url = reverse("campaigns:idea_status", args=[campaign.slug, idea.pk])

    response = client.post(url, {f"s{idea.pk}-transition": "start_review", f"s{idea.pk}-note": "Looks promising."})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW

    response = client.post(url, {f"s{idea.pk}-transition": "decline", f"s{idea.pk}-note": ""})
    assert response.status_code == 400
    assert "Explain the decision" in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW


def test_status_change_not_allowed_from_the_current_status_is_refused(client, campaign):
    idea = IdeaFactory(campaign=campaign)
    login_as(client, "facilitator", campaign)
    response = client.post(
        reverse("campaigns:idea_status", args=[campaign.slug, idea.pk]),
        {f"s{idea.pk}-transition": "reopen", f"s{idea.pk}-note": "x"},
    )
    assert response.status_code == 400
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED


# Every status change the lifecycle gives staff, from every status it starts from.
STAFF_CHANGES = sorted((status, name) for name in STAFF_TRANSITIONS for status in TRANSITIONS[name].sources)


@pytest.mark.parametrize(("status", "transition"), STAFF_CHANGES)
def test_the_staff_page_offers_and_makes_every_staff_status_change(client, campaign, status, transition):
    # given: the menu and the service read the same lifecycle list, so neither can offer what the other refuses
    idea = IdeaFactory(campaign=campaign, status=status)
    login_as(client, "facilitator", campaign)
    label = str(TRANSITIONS[transition].label)

    # when
    page = client.get(reverse("campaigns:manage", args=[campaign.slug]), {"status": status}).content.decode()
    response = client.post(
        reverse("campaigns:idea_status", args=[campaign.slug, idea.pk]),
        {f"s{idea.pk}-transition": transition, f"s{idea.pk}-note": "Explained to the author."},
    )

    # then
    assert f'<option value="{transition}">{escape(label)}</option>' in page
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == TRANSITIONS[transition].target


@pytest.mark.parametrize("transition", sorted(DECISION_TRANSITIONS))
def test_a_moderator_keeps_order_but_does_not_decide(client, campaign, transition):
    # given: decisions answer the idea for the organisation, which is the facilitators' (review.decide's) job
    idea = IdeaFactory(campaign=campaign, status=IdeaStatus.UNDER_REVIEW)
    login_as(client, "moderator", campaign)

    # when
    page = client.get(reverse("campaigns:manage", args=[campaign.slug]), {"status": idea.status}).content.decode()
    response = client.post(
        reverse("campaigns:idea_status", args=[campaign.slug, idea.pk]),
        {f"s{idea.pk}-transition": transition, f"s{idea.pk}-note": "Decided."},
    )

    # then
    assert f'<option value="{transition}">' not in page
    assert response.status_code == 400
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW


def test_asking_for_more_information_needs_a_note(client, campaign):
    # given
    idea = IdeaFactory(campaign=campaign, status=IdeaStatus.UNDER_REVIEW)
    login_as(client, "facilitator", campaign)

    # when
    response = client.post(
        reverse("campaigns:idea_status", args=[campaign.slug, idea.pk]),
        {f"s{idea.pk}-transition": "request_info", f"s{idea.pk}-note": "  "},
    )

    # then: the form comes back with the error and the choice kept; nothing changed
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tell the author what information is missing." in html
    assert '<option value="request_info" selected>' in html
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW


def test_no_menu_for_a_status_staff_cannot_change_by_hand(client, campaign):
    # given: a merged idea only leaves that state by undoing the merge (similarity), not from this page
    IdeaFactory(campaign=campaign, status=IdeaStatus.MERGED, title="Merged away")
    login_as(client, "facilitator", campaign)

    # when
    html = client.get(reverse("campaigns:manage", args=[campaign.slug])).content.decode()

    # then
    assert "Merged away" in html
    assert "No manual change from this status." in html
    assert 'class="status-form"' not in html


@pytest.mark.parametrize("role", ["member", "reviewer", "other_facilitator"])
def test_refused_status_change_changes_nothing(client, campaign, role):
    idea = IdeaFactory(campaign=campaign)
    login_as(client, role, campaign)
    response = client.post(
        reverse("campaigns:idea_status", args=[campaign.slug, idea.pk]),
        {f"s{idea.pk}-transition": "start_review", f"s{idea.pk}-note": ""},
    )
    assert response.status_code == 403
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED


def test_staff_action_on_an_idea_of_another_campaign_is_not_found(client, campaign):
    other_idea = IdeaFactory()
    login_as(client, "facilitator", campaign)
    response = client.post(
        reverse("campaigns:idea_status", args=[campaign.slug, other_idea.pk]),
        {f"s{other_idea.pk}-transition": "start_review"},
    )
    assert response.status_code == 404
    assert Idea.objects.get(pk=other_idea.pk).status == IdeaStatus.PUBLISHED


# ---- team -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("visitor", 302), ("member", 403), ("other_facilitator", 403), ("moderator", 200), ("facilitator", 200)],
)
def test_team_page_permissions(client, campaign, role, expected):
    login_as(client, role, campaign)
    assert client.get(reverse("campaigns:team", args=[campaign.slug])).status_code == expected


def test_facilitator_assigns_and_removes_a_campaign_role(client, campaign):
    login_as(client, "facilitator", campaign)
    newcomer = MemberFactory(email="newcomer@example.org")
    url = reverse("campaigns:team", args=[campaign.slug])

    response = client.post(url, {"email": "Newcomer@example.org", "role": "moderator"})
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=newcomer, campaign=campaign)
    assert assignment.role == Role.MODERATOR
    assert "newcomer@example.org" in client.get(url).content.decode()

    response = client.post(reverse("campaigns:team_remove", args=[campaign.slug]), {"assignment": assignment.pk})
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(user=newcomer, campaign=campaign).exists()


def test_assigning_an_unknown_email_is_a_field_error(client, campaign):
    login_as(client, "facilitator", campaign)
    response = client.post(
        reverse("campaigns:team", args=[campaign.slug]), {"email": "nobody@example.org", "role": "reviewer"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "No member has that email address" in html and 'value="nobody@example.org"' in html


@pytest.mark.parametrize("role", ["moderator", "member", "other_facilitator"])
def test_refused_role_changes_change_nothing(client, campaign, role):
    login_as(client, role, campaign)
    target = staff(Role.REVIEWER, campaign)
    before = RoleAssignment.objects.count()
    response = client.post(
        reverse("campaigns:team", args=[campaign.slug]), {"email": target.email, "role": "facilitator"}
    )
    assert response.status_code == 403
    assignment = RoleAssignment.objects.get(user=target)
    response = client.post(reverse("campaigns:team_remove", args=[campaign.slug]), {"assignment": assignment.pk})
    assert response.status_code == 403
    assert RoleAssignment.objects.count() == before


# ---- invitations ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("visitor", 302), ("member", 403), ("moderator", 403), ("other_facilitator", 403), ("facilitator", 200)],
)
def test_invitations_page_permissions(client, campaign, role, expected):
    login_as(client, role, campaign)
    assert client.get(reverse("campaigns:invitations", args=[campaign.slug])).status_code == expected


def test_invitations_let_people_into_an_invite_only_campaign(client):
    invite = CampaignFactory(visibility=Visibility.INVITE, title="Secret")
    guest = MemberFactory(email="guest@example.org")
    login_as(client, "facilitator", invite)

    response = client.post(
        reverse("campaigns:invitations", args=[invite.slug]), {"emails": "Guest@example.org, other@example.org\n"}
    )
    assert response.status_code == 302
    assert set(invite.invitations.values_list("email", flat=True)) == {"guest@example.org", "other@example.org"}

    client.force_login(guest)
    assert client.get(invite.get_absolute_url()).status_code == 200
    assert "Secret" in client.get(reverse("campaigns:list")).content.decode()


def test_invalid_invitation_emails_are_refused_and_kept(client, campaign):
    login_as(client, "facilitator", campaign)
    response = client.post(
        reverse("campaigns:invitations", args=[campaign.slug]), {"emails": "ok@example.org\nnot-an-email"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "These are not email addresses: not-an-email" in html and "ok@example.org" in html
    assert not CampaignInvitation.objects.filter(campaign=campaign).exists()


def test_refused_invitation_changes_nothing(client, campaign):
    login_as(client, "other_facilitator", campaign)
    response = client.post(reverse("campaigns:invitations", args=[campaign.slug]), {"emails": "x@example.org"})
    assert response.status_code == 403
    assert not CampaignInvitation.objects.exists()


def test_ladder_error_shows_together_with_field_errors(client):
    login_as(client, "admin", None)
    data = campaign_post_data(title="", **{"stages-1-threshold": "50"})
    html = client.post(reverse("campaigns:create"), data).content.decode()
    assert "This field is required." in html
    assert "must need more supporters than the one before" in html


def test_an_empty_ladder_is_refused(client):
    login_as(client, "admin", None)
    data = campaign_post_data(**{"stages-0-threshold": "", "stages-0-window_days": "", "stages-1-threshold": "",
                                 "stages-1-window_days": ""})  # fmt: skip
    response = client.post(reverse("campaigns:create"), data)
    assert response.status_code == 200
    assert "Set at least one support threshold." in response.content.decode()
    assert not Campaign.objects.filter(title="Better bus stops").exists()
