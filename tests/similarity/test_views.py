import pytest
from django.urls import reverse

from cocreate.accounts.models import Role
from cocreate.campaigns.models import Visibility
from cocreate.engagement.models import Support
from cocreate.ideas.lifecycle import IdeaStatus
from cocreate.ideas.models import Idea
from cocreate.similarity.models import Theme
from cocreate.similarity.services import themes_refresh
from tests.factories import CampaignFactory, IdeaFactory, MemberFactory, PhaseFactory, staff

pytestmark = pytest.mark.django_db


def _suggest(client, campaign, title, body=""):
    return client.get(
        reverse("similarity:suggest", args=[campaign.slug]), {"title": title, "body": body}, HTTP_HX_REQUEST="true"
    )


def test_fragment_lists_similar_ideas_with_status_supports_and_support_button(client, cafe):
    campaign, ideas = cafe
    client.force_login(MemberFactory())
    response = _suggest(client, campaign, "Money off for your own reusable cup", "A discount on every drink.")
    html = response.content.decode()
    assert response.status_code == 200
    assert ideas[0].title in html
    assert "Gathering support" in html
    assert "0 supporters" in html
    assert reverse("engagement:support", args=[ideas[0].pk]) in html
    assert html.count('class="similar-idea"') <= 5


def test_fragment_is_empty_for_unrelated_text(client, cafe):
    campaign, _ideas = cafe
    response = _suggest(client, campaign, "Rocket launch timetable", "Which rockets fly to Mars.")
    assert response.status_code == 200
    assert "similar-idea" not in response.content.decode()


def test_campaigns_the_viewer_cannot_see_are_404(client, db):
    campaign = CampaignFactory(visibility=Visibility.INVITE)
    IdeaFactory(campaign=campaign, title="Bike racks outside every café", body="Racks.")
    client.force_login(MemberFactory())
    assert _suggest(client, campaign, "Bike racks outside every café").status_code == 404


def test_support_this_instead_uses_the_support_endpoint(client, cafe):
    campaign, ideas = cafe
    member = MemberFactory()
    client.force_login(member)
    response = client.post(reverse("engagement:support", args=[ideas[0].pk]), {"action": "add", "title": "x"})
    assert response.status_code == 302
    assert Support.objects.filter(idea=ideas[0], member=member).exists()
    html = _suggest(client, campaign, "Discount for your own reusable cup").content.decode()
    assert "You support this" in html


def test_submit_form_is_wired_for_htmx_and_no_js(client, cafe):
    campaign, _ideas = cafe
    PhaseFactory(campaign=campaign)
    client.force_login(MemberFactory())
    html = client.get(reverse("ideas:submit", args=[campaign.slug])).content.decode()
    assert reverse("similarity:suggest", args=[campaign.slug]) in html
    assert "keyup" in html and 'id="similar-ideas"' in html
    assert 'name="check_similar"' in html


def test_check_similar_rerenders_the_form_without_submitting(client, cafe):
    campaign, ideas = cafe
    PhaseFactory(campaign=campaign)
    client.force_login(MemberFactory())
    before = Idea.objects.count()
    response = client.post(
        reverse("ideas:submit", args=[campaign.slug]),
        {"title": "Money off for your own reusable cup", "body": "A discount on every drink.", "check_similar": "1"},
    )
    assert response.status_code == 200
    assert Idea.objects.count() == before
    html = response.content.decode()
    assert ideas[0].title in html
    assert "Money off for your own reusable cup" in html  # what was typed is kept


def test_duplicate_queue_for_moderators(client, cafe):
    campaign, ideas = cafe
    copy = IdeaFactory(campaign=campaign, title="Discount for bringing your own cups", body=ideas[0].body)
    client.force_login(staff(Role.MODERATOR, campaign))
    response = client.get(reverse("similarity:duplicates", args=[campaign.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert copy.title in html and ideas[0].title in html
    assert "%" in html


@pytest.mark.parametrize("who", ["member", "reviewer", "other_moderator"])
def test_duplicate_queue_refused_to_others(client, cafe, who):
    campaign, _ideas = cafe
    user = {
        "member": MemberFactory,
        "reviewer": lambda: staff(Role.REVIEWER, campaign),
        "other_moderator": lambda: staff(Role.MODERATOR, CampaignFactory()),
    }[who]()
    client.force_login(user)
    assert client.get(reverse("similarity:duplicates", args=[campaign.slug])).status_code == 403


def test_refresh_themes_on_demand(client, cafe):
    campaign, _ideas = cafe
    client.force_login(MemberFactory())
    assert client.post(reverse("similarity:refresh_themes", args=[campaign.slug])).status_code == 403
    assert not Theme.objects.filter(campaign=campaign).exists()
    client.force_login(staff(Role.FACILITATOR, campaign))
    response = client.post(reverse("similarity:refresh_themes", args=[campaign.slug]))
    assert response.status_code == 302


def test_campaign_page_filters_by_theme(client, db):
    campaign = CampaignFactory()
    cups = [
        IdeaFactory(
            campaign=campaign, title=f"Reusable cup discount {i}", body="Money off drinks in your own reusable cup."
        )
        for i in range(5)
    ]
    bikes = [
        IdeaFactory(campaign=campaign, title=f"Bike racks {i}", body="Secure bike parking racks outside for cyclists.")
        for i in range(5)
    ]
    IdeaFactory(campaign=campaign, title="A draft about cups", body="Reusable cup.", status=IdeaStatus.DRAFT)
    themes = themes_refresh(actor=None, campaign=campaign)
    cup_theme = next(t for t in themes if "cup" in t.label.lower())
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert 'name="theme"' in html and cup_theme.label in html
    html = client.get(campaign.get_absolute_url(), {"theme": cup_theme.pk}).content.decode()
    assert all(i.title in html for i in cups)
    assert not any(i.title in html for i in bikes)


def test_campaign_page_without_themes_has_no_theme_select(client, cafe):
    campaign, _ideas = cafe
    assert 'name="theme"' not in client.get(campaign.get_absolute_url()).content.decode()


def test_fragment_shows_other_campaigns_labelled_when_asked(client, cafe):
    campaign, ideas = cafe
    other = CampaignFactory(title="Greener offices")
    copy = IdeaFactory(campaign=other, title="Bring your own cup discount at the office", body=ideas[0].body)
    client.force_login(MemberFactory())
    url = reverse("similarity:suggest", args=[campaign.slug])
    query = {"title": "Money off for your own reusable cup", "body": ideas[0].body}
    assert copy.title not in client.get(url, query).content.decode()
    html = client.get(url, {**query, "similar_site": "1"}).content.decode()
    assert copy.title in html and "in the campaign “Greener offices”" in html
    assert html.index(ideas[0].title) < html.index(copy.title)


def test_not_the_same_drops_a_suggestion_and_remembers_it(client, cafe):
    campaign, ideas = cafe
    client.force_login(MemberFactory())
    url = reverse("similarity:suggest", args=[campaign.slug])
    query = {"title": ideas[0].title, "body": ideas[0].body}
    html = client.get(url, query, HTTP_HX_REQUEST="true").content.decode()
    assert f'value="not:{ideas[0].pk}"' in html

    html = client.get(url, {**query, "check_similar": f"not:{ideas[0].pk}"}, HTTP_HX_REQUEST="true").content.decode()
    assert f'href="{ideas[0].get_absolute_url()}"' not in html
    assert f'<input type="hidden" name="dismissed" value="{ideas[0].pk}">' in html
    # The next keystroke sends the hidden field back: still left out.
    html = client.get(url, {**query, "dismissed": [str(ideas[0].pk), "junk"]}, HTTP_HX_REQUEST="true").content.decode()
    assert f'href="{ideas[0].get_absolute_url()}"' not in html


def test_not_the_same_without_javascript_rerenders_the_form(client, cafe):
    campaign, ideas = cafe
    PhaseFactory(campaign=campaign)
    client.force_login(MemberFactory())
    before = Idea.objects.count()
    response = client.post(
        reverse("ideas:submit", args=[campaign.slug]),
        {"title": ideas[0].title, "body": ideas[0].body, "check_similar": f"not:{ideas[0].pk}", "similar_site": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and Idea.objects.count() == before
    assert f'<input type="hidden" name="dismissed" value="{ideas[0].pk}">' in html
    assert f'href="{ideas[0].get_absolute_url()}"' not in html
    assert 'name="similar_site" value="1" role="switch" checked' in html


def test_a_theme_link_still_filters_after_the_themes_are_refreshed(client, db):
    campaign = CampaignFactory()
    cups = [
        IdeaFactory(campaign=campaign, title=f"Reusable cup discount {i}", body="Money off drinks in your own cup.")
        for i in range(5)
    ]
    bikes = [
        IdeaFactory(campaign=campaign, title=f"Bike racks {i}", body="Secure bike parking racks outside for cyclists.")
        for i in range(5)
    ]
    cup_theme = next(t for t in themes_refresh(actor=None, campaign=campaign) if "cup" in t.label.lower())
    link = f"{campaign.get_absolute_url()}?theme={cup_theme.pk}"
    cups.append(IdeaFactory(campaign=campaign, title="Reusable cup discount 5", body="Money off in your own cup."))
    themes_refresh(actor=None, campaign=campaign)
    html = client.get(link).content.decode()
    assert all(i.title in html for i in cups)
    assert not any(i.title in html for i in bikes)
