"""One error path: a service refusal a view lets go is a 4xx with the person's message, never a 500."""

import json

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.urls import reverse

from cocreate.api.services import token_create
from cocreate.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied, TermsNotAccepted
from cocreate.core.forms import form_errors
from cocreate.ideas.lifecycle import IdeaStatus
from tests.factories import IdeaFactory, MemberFactory

pytestmark = pytest.mark.django_db

FORGETFUL = "tests.core.forgetful_urls"


@pytest.fixture
def forgetful(settings, client):
    settings.ROOT_URLCONF = FORGETFUL
    client.force_login(MemberFactory())
    return client


@pytest.mark.parametrize(
    ("kind", "status", "message"),
    [
        ("denied", 403, "Only the campaign&#x27;s facilitators may do that."),
        ("missing", 404, "That idea is gone."),
        ("missing_code", 404, "That token is gone."),
        ("conflict", 409, "An idea under review cannot be withdrawn."),
        ("invalid", 400, "Give the idea a title."),
    ],
)
def test_get_is_a_styled_page_with_the_status_and_message(forgetful, kind, status, message):
    response = forgetful.get(f"/forgetful/{kind}/")

    assert response.status_code == status
    assert message in response.text
    assert 'id="main"' in response.text  # the site's layout, not Django's bare error page
    assert "Go back" not in response.text  # no Referer: nowhere to go back to


def test_post_is_a_message_and_a_redirect_back(forgetful):
    response = forgetful.post("/forgetful/conflict/", HTTP_REFERER="http://testserver/ideas/7/")

    assert response.status_code == 302 and response.url == "http://testserver/ideas/7/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["An idea under review cannot be withdrawn."]


def test_post_prefers_a_safe_next_field_and_never_redirects_off_site(forgetful):
    to_next = forgetful.post("/forgetful/conflict/", {"next": "/campaigns/"}, HTTP_REFERER="http://testserver/x/")
    off_site = forgetful.post("/forgetful/conflict/", {"next": "https://evil.example/"}, HTTP_REFERER="//evil.example")

    assert to_next.status_code == 302 and to_next.url == "/campaigns/"
    assert off_site.status_code == 409 and "evil.example" not in off_site.text


def test_post_refused_for_the_person_is_a_403_page_not_a_redirect(forgetful):
    response = forgetful.post("/forgetful/denied/", HTTP_REFERER="http://testserver/ideas/7/")

    assert response.status_code == 403
    assert "Only the campaign&#x27;s facilitators may do that." in response.text
    assert 'href="http://testserver/ideas/7/"' in response.text  # "Go back"


def test_htmx_gets_the_message_swapped_into_the_message_region(forgetful):
    response = forgetful.post("/forgetful/conflict/", HTTP_HX_REQUEST="true")

    assert response.status_code == 200  # htmx 2 swaps no 4xx: the headers point the swap at the message region
    assert response["HX-Retarget"] == "#htmx-messages" and response["HX-Reswap"] == "innerHTML"
    assert "An idea under review cannot be withdrawn." in response.text and 'role="alert"' in response.text
    assert json.loads(response["HX-Trigger"]) == {
        "applicationError": {"message": "An idea under review cannot be withdrawn.", "code": "conflict"}
    }
    assert "<html" not in response.text  # a fragment, not a page


def test_pages_have_the_htmx_message_region(client):
    assert 'id="htmx-messages"' in client.get(reverse("campaigns:list")).text


def test_a_plain_view_under_api_answers_json(forgetful):
    response = forgetful.post("/api/forgetful/denied/")

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the campaign's facilitators may do that.", "code": "permission_denied"}
    assert forgetful.get("/api/forgetful/invalid/").json() == {
        "detail": "Give the idea a title.",
        "code": "invalid",
        "field": "title",
    }


def test_visitor_refused_is_sent_to_sign_in_and_back(settings, client):
    settings.ROOT_URLCONF = FORGETFUL

    response = client.get("/forgetful/denied/")

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=%2Fforgetful%2Fdenied%2F"


def test_terms_not_accepted_goes_to_the_agreement_and_back(forgetful):
    response = forgetful.post("/forgetful/terms/", HTTP_REFERER="http://testserver/campaigns/")

    assert response.status_code == 302
    assert response.url == f"{reverse('legal:accept')}?next=http%3A%2F%2Ftestserver%2Fcampaigns%2F"


# ---- real views whose service refuses, with no try/except in the view ------------------------------------------


def test_real_view_post_refusal_is_a_message_and_redirect(client):
    idea = IdeaFactory(status=IdeaStatus.UNDER_REVIEW)
    client.force_login(idea.author)
    page = idea.get_absolute_url()

    response = client.post(reverse("ideas:submit_draft", args=[idea.pk]), HTTP_REFERER=f"http://testserver{page}")

    assert response.status_code == 302 and response.url.endswith(page)
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["This idea has already been submitted."]
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW


def test_real_view_refusal_without_referer_is_a_4xx_page(client):
    idea = IdeaFactory(status=IdeaStatus.UNDER_REVIEW)
    client.force_login(idea.author)

    response = client.post(reverse("ideas:submit_draft", args=[idea.pk]))

    assert response.status_code == 409 and "This idea has already been submitted." in response.text


def test_real_view_htmx_refusal_is_a_fragment(client):
    idea = IdeaFactory(status=IdeaStatus.UNDER_REVIEW)
    client.force_login(idea.author)

    response = client.post(reverse("ideas:submit_draft", args=[idea.pk]), HTTP_HX_REQUEST="true")

    assert response.status_code == 200 and response["HX-Retarget"] == "#htmx-messages"


def test_api_refusal_is_json(client):
    idea = IdeaFactory()
    _token, raw = token_create(actor=MemberFactory(), name="tests")

    response = client.post(
        f"/api/v1/ideas/{idea.pk}/withdraw", "", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )

    assert response.status_code == 403
    assert set(response.json()) >= {"detail", "code"} and response.json()["detail"]
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED


# ---- form_errors ------------------------------------------------------------------------------------------------


class TitleForm(forms.Form):
    title = forms.CharField()
    body = forms.CharField(required=False)


def test_form_errors_puts_the_refusal_on_its_field_and_keeps_what_was_typed():
    form = TitleForm({"title": "Cups", "body": "A long text the member typed"})
    assert form.is_valid()

    with form_errors(form) as outcome:
        raise ApplicationError("Give the idea a longer title.", field="title")

    assert outcome.failed and outcome.status == 400
    assert form.errors == {"title": ["Give the idea a longer title."]}
    assert form["body"].value() == "A long text the member typed"


@pytest.mark.parametrize(
    ("error", "where"),
    [
        (PermissionDenied("Only staff can post official responses."), "__all__"),  # stays: nothing typed is lost
        (Conflict("Already decided.", field="nonexistent"), "__all__"),
        (NotFound("Gone, but the form names it.", field="title"), "title"),
    ],
)
def test_form_errors_keeps_refusals_on_the_form(error, where):
    form = TitleForm({"title": "Cups"})
    assert form.is_valid()

    with form_errors(form) as outcome:
        raise error

    assert list(form.errors) == [where] and outcome.status == error.status


@pytest.mark.parametrize(
    "error", [NotFound("The idea is gone."), TermsNotAccepted(), ApplicationError("Sign in.", status=401)]
)
def test_form_errors_lets_request_level_errors_through_to_the_middleware(error):
    form = TitleForm({"title": "Cups"})
    assert form.is_valid()

    with pytest.raises(type(error)), form_errors(form):
        raise error

    assert not form.errors


def test_form_errors_without_error_is_a_success():
    form = TitleForm({"title": "Cups"})
    assert form.is_valid()

    with form_errors(form) as outcome:
        pass

    assert not outcome.failed and outcome.status == 200
