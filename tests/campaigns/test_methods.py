"""The campaign pages, cards, form, API and rules read the method registry: each method shows its own parts and
none of another's; the form offers only the registered methods and saves only the sections a method uses."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from cocreate.campaigns.models import Campaign, CampaignStatus
from cocreate.campaigns.services import campaign_create
from cocreate.core.errors import ApplicationError
from cocreate.core.methods import registry
from cocreate.ideas.methods import IDEA_CHALLENGE
from cocreate.pairwise import services as pairwise_services
from tests.campaigns.test_views import campaign_post_data
from tests.factories import (
    CampaignFactory,
    IdeaFactory,
    OpinionCampaignFactory,
    OpinionParticipantFactory,
    OpinionVoteFactory,
    PairwiseCampaignFactory,
    PairwiseEntryFactory,
    PairwisePromptFactory,
    PairwiseSettingsFactory,
    StatementFactory,
    staff,
)

pytestmark = pytest.mark.django_db

IDEA_PARTS = ["Submit an idea", 'id="idea-list"', "Support ladder", "Our promise"]


def _facilitator(client):
    client.force_login(staff("facilitator"))


# ---- the form -------------------------------------------------------------------------------------------


def test_the_form_offers_only_the_registered_methods(client):
    _facilitator(client)

    html = client.get(reverse("campaigns:create")).content.decode()

    for key in registry.all_keys():
        assert f'value="{key}"' in html
    assert 'value="survey"' not in html and 'value="configurator"' not in html


def test_a_newly_registered_method_is_offered_without_touching_the_form(client, monkeypatch):
    monkeypatch.setitem(
        registry._methods, "tasting", IDEA_CHALLENGE.__class__(**{**IDEA_CHALLENGE.__dict__, "key": "tasting"})
    )
    _facilitator(client)

    html = client.get(reverse("campaigns:create")).content.decode()

    assert 'value="tasting"' in html


@pytest.mark.parametrize("key", ["survey", "configurator", "nonsense"])
def test_an_unregistered_method_is_refused_and_nothing_is_created(client, key):
    _facilitator(client)

    response = client.post(reverse("campaigns:create"), campaign_post_data(method=key))

    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Campaign.objects.exists()


def test_the_service_refuses_an_unregistered_method_on_its_field():
    with pytest.raises(ApplicationError) as refused:
        campaign_create(actor=staff("admin"), title="T", goal="G", brief="B", method="survey")

    assert refused.value.field == "method"
    assert not Campaign.objects.exists()


def test_a_pairwise_survey_form_hides_and_does_not_save_the_idea_sections(client):
    _facilitator(client)
    data = campaign_post_data(method="pairwise", moderation="pre", entries_per_member="2", response_promise_days="9")

    page = client.get(reverse("campaigns:create") + "?method=pairwise").content.decode()
    response = client.post(reverse("campaigns:create"), data)

    assert 'id="ladder-heading"' not in page and 'id="criteria-heading"' not in page
    assert 'name="moderation"' not in page and 'name="response_promise_days"' not in page
    assert 'id="phases-heading"' in page  # the timeline applies to every method
    created = Campaign.objects.get(title="Better bus stops")
    assert response.status_code == 302 and created.method == "pairwise"
    assert not created.support_stages.exists() and not created.criteria.exists()
    assert (created.moderation, created.entries_per_member, created.response_promise_days) == ("post", None, 30)
    assert created.phases.count() == 1


def test_choosing_another_method_shows_its_sections_without_saving(client):
    _facilitator(client)

    response = client.post(reverse("campaigns:create"), campaign_post_data(method="opinion_map", reshow="method"))

    html = response.content.decode()
    assert response.status_code == 200 and not Campaign.objects.exists()
    assert 'id="ladder-heading"' not in html and "Better bus stops" in html  # what was typed is kept


def test_editing_an_opinion_map_leaves_the_sections_it_does_not_use_alone(client):
    campaign = OpinionCampaignFactory(response_promise_days=12)
    _facilitator(client)
    data = campaign_post_data(method="opinion_map", response_promise_days="99")

    response = client.post(reverse("campaigns:edit", args=[campaign.slug]), data)

    campaign.refresh_from_db()
    assert response.status_code == 302 and campaign.title == "Better bus stops"
    assert campaign.response_promise_days == 12
    assert list(campaign.support_stages.values_list("threshold", flat=True)) == [100]  # untouched


# ---- each method's campaign page ------------------------------------------------------------------------


def test_an_opinion_map_page_leads_with_its_vote_and_map_and_nothing_of_ideas(client):
    campaign = OpinionCampaignFactory(title="Cycling opinions")
    StatementFactory(campaign=campaign, text="Bike lanes must be separated.")
    client.force_login(staff("member"))

    html = client.get(campaign.get_absolute_url()).content.decode()

    assert "Vote on statements" in html and "See the opinion map" in html and "Opinion map" in html
    assert "1 statement" in html
    for part in IDEA_PARTS:
        assert part not in html, part


def test_a_pairwise_page_leads_with_the_vote_and_the_results_and_nothing_of_ideas(client):
    campaign = PairwiseCampaignFactory(title="Café", goal="Which café improvement first?")
    PairwiseSettingsFactory(campaign=campaign, allow_anonymous=True)
    PairwiseEntryFactory(campaign=campaign, text="Faster queue at lunchtime")
    PairwiseEntryFactory(campaign=campaign, text="More plant-based options")

    html = client.get(campaign.get_absolute_url()).content.decode()

    assert "Start voting" in html and "See the results" in html and "Leading so far" in html
    assert "2 answers in the survey" in html
    for part in IDEA_PARTS:
        assert part not in html, part


def test_a_naming_contest_lists_short_entries_under_its_own_words(client):
    campaign = CampaignFactory(method="naming_contest", entries_per_member=3)
    IdeaFactory(campaign=campaign, title="Ember Roast")
    client.force_login(staff("member"))

    html = client.get(campaign.get_absolute_url()).content.decode()

    assert "Submit an entry" in html and "Submit an idea" not in html
    assert 'class="short-entry"' in html and "Ember Roast" in html and "Up to 3 entries" in html


def test_a_pairwise_page_without_answers_yet_says_so(client):
    campaign = PairwiseCampaignFactory()

    html = client.get(campaign.get_absolute_url()).content.decode()

    assert "No votes yet" in html and "Submit an idea" not in html


def test_an_idea_challenge_keeps_its_ladder_promise_and_idea_list(client):
    campaign = CampaignFactory()
    client.force_login(staff("member"))

    html = client.get(campaign.get_absolute_url()).content.decode()

    for part in IDEA_PARTS:
        assert part in html, part
    assert "Vote on statements" not in html and "Start voting" not in html


# ---- cards and the API ----------------------------------------------------------------------------------


def _voted_pairwise():
    campaign = PairwiseCampaignFactory(title="Pairwise card")
    PairwiseSettingsFactory(campaign=campaign)
    for _ in range(2):
        prompt = PairwisePromptFactory(campaign=campaign)
        pairwise_services.vote_cast(actor=prompt.voter, prompt=prompt, choice="left")
    return campaign


def _opinion_map():
    campaign = OpinionCampaignFactory(title="Opinion card")
    statements = [StatementFactory(campaign=campaign) for _ in range(3)]
    StatementFactory(campaign=campaign, moderation=-1)  # hidden: not counted
    for value in (1, -1):
        OpinionVoteFactory(
            participant=OpinionParticipantFactory(campaign=campaign), statement=statements[0], value=value
        )
    return campaign


def test_cards_count_each_methods_own_contributions_in_its_words(client):
    _voted_pairwise()
    _opinion_map()
    ideas = CampaignFactory(title="Idea card")
    IdeaFactory(campaign=ideas)

    html = client.get(reverse("campaigns:list")).content.decode()

    assert "2 votes · 2 voters" in html
    assert "3 statements · 2 participants" in html
    assert "1 idea · 1 contributor" in html


def test_more_methods_on_the_list_do_not_mean_a_query_per_card(client, django_assert_max_num_queries):
    _voted_pairwise()
    _opinion_map()
    for _ in range(3):
        IdeaFactory(campaign=CampaignFactory())
        _opinion_map()
        _voted_pairwise()

    # campaigns, phases, stages (twice: open and archived lists), the session's viewer, then two count queries
    # per count function: ideas, authors, votes, voters, statements, participants.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("campaigns:list"))

    assert response.status_code == 200


def test_the_api_gives_the_method_its_label_and_its_counts(client):
    _opinion_map()

    body = client.get("/api/v1/campaigns").json()

    row = body["results"][0]
    assert (row["method"], row["method_label"]) == ("opinion_map", "Opinion map")
    assert (row["contribution_count"], row["contribution_label"], row["participant_count"]) == (3, "3 statements", 2)


# ---- rules and the old keys -----------------------------------------------------------------------------


def test_a_methods_rules_apply_only_to_its_campaigns():
    pairwise, opinion = PairwiseCampaignFactory(), OpinionCampaignFactory()
    visitor = AnonymousUser()
    PairwiseSettingsFactory(campaign=pairwise, allow_anonymous=True)

    assert visitor.has_perm("pairwise.view_results", pairwise)
    assert not visitor.has_perm("pairwise.view_results", opinion)
    assert visitor.has_perm("opinionmap.view", opinion) and not visitor.has_perm("opinionmap.view", pairwise)


def test_the_data_migration_turns_unimplemented_methods_into_idea_challenges():
    survey, configurator, pairwise = CampaignFactory(), CampaignFactory(), PairwiseCampaignFactory()
    Campaign.objects.filter(pk=survey.pk).update(method="survey")
    Campaign.objects.filter(pk=configurator.pk).update(method="configurator")
    migration = importlib.import_module("cocreate.campaigns.migrations.0003_method_registry")

    migration.unimplemented_to_idea_challenge(apps, None)

    methods = dict(Campaign.objects.values_list("pk", "method"))
    assert methods == {survey.pk: "idea_challenge", configurator.pk: "idea_challenge", pairwise.pk: "pairwise"}
    assert Campaign.objects.filter(status=CampaignStatus.PUBLISHED).count() == 3


@pytest.mark.parametrize("factory", [OpinionCampaignFactory, PairwiseCampaignFactory])
def test_ideas_cannot_be_submitted_to_a_method_that_takes_none(client, factory):
    campaign = factory()
    member = staff("member")
    client.force_login(member)

    url = reverse("ideas:submit", args=[campaign.slug])

    page = client.get(url)
    response = client.post(url, {"title": "An idea", "body": "Body text."})

    assert not member.has_perm("ideas.submit", campaign)
    assert member.has_perm("ideas.submit", CampaignFactory())
    assert page.status_code == 404 and response.status_code == 404
    assert not campaign.ideas.exists()


def test_the_staff_navigation_links_the_methods_own_staff_pages(client):
    opinion, ideas = OpinionCampaignFactory(), CampaignFactory()
    client.force_login(staff("facilitator"))

    opinion_nav = client.get(opinion.get_absolute_url()).content.decode()
    ideas_nav = client.get(ideas.get_absolute_url()).content.decode()

    assert reverse("opinionmap:moderate", args=[opinion.slug]) in opinion_nav and "Map settings" in opinion_nav
    assert reverse("campaigns:manage", args=[opinion.slug]) not in opinion_nav
    assert reverse("campaigns:manage", args=[ideas.slug]) in ideas_nav and "Moderate statements" not in ideas_nav
