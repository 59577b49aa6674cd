"""Issue 15's promise: a strict Content-Security-Policy with nonces. Every HTML page carries the policy; each of its
<script> tags is this site's file and carries the nonce of the page's own header; no template has an inline handler,
an hx-on attribute, an inline script or a style attribute."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

import cocreate
from tests.factories import (
    CommentFactory,
    IdeaFactory,
    MemberFactory,
    OpinionCampaignFactory,
    PairwiseCampaignFactory,
    PairwiseEntryFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(rb"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


@pytest.fixture
def pages():
    idea = IdeaFactory()
    CommentFactory(idea=idea)
    opinions = OpinionCampaignFactory()
    StatementFactory(campaign=opinions)
    survey = PairwiseCampaignFactory()
    for _ in range(3):
        PairwiseEntryFactory(campaign=survey)
    return [
        reverse("campaigns:list"),
        reverse("ideas:all"),
        reverse("roadmap:index"),
        idea.campaign.get_absolute_url(),
        idea.get_absolute_url(),
        f"/campaigns/{opinions.slug}/opinions/",
        f"/campaigns/{opinions.slug}/opinions/report/",
        f"/campaigns/{survey.slug}/pairwise/",
        f"/campaigns/{survey.slug}/pairwise/results/",
        "/accounts/login/",
        "/accounts/signup/",
    ]


def _assert_strict_policy_with_matching_nonces(response, url):
    header = response["Content-Security-Policy"]
    directives = _directives(header)
    scripts = directives["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, (url, header)
    assert "'unsafe-inline'" not in directives["style-src"], (url, header)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"]
    nonces = [source[len("'nonce-") : -1] for source in scripts if source.startswith("'nonce-")]
    assert len(nonces) == 1 and len(nonces[0]) >= 16, (url, header)
    tags = SCRIPT_TAG.findall(response.content)
    assert tags, url  # htmx and site.js at least
    for attributes, body in tags:
        assert f'nonce="{nonces[0]}"'.encode() in attributes, (url, attributes)
        assert b'src="/' in attributes and not body.strip(), (url, attributes)  # this site's files, no inline code


@pytest.mark.parametrize("member", [False, True], ids=["visitor", "member"])
def test_every_page_carries_a_strict_policy_whose_nonce_its_scripts_carry(client, pages, member):
    if member:
        client.force_login(MemberFactory())
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html")
        _assert_strict_policy_with_matching_nonces(response, url)


def test_each_response_gets_its_own_nonce(client, pages):
    first = _directives(client.get("/accounts/login/")["Content-Security-Policy"])["script-src"]
    second = _directives(client.get("/accounts/login/")["Content-Security-Policy"])["script-src"]
    assert first != second


def test_a_page_from_the_visitor_cache_keeps_the_policy_its_nonce_belongs_to(settings, pages):
    settings.VISITOR_CACHE_SECONDS = 30
    cache.clear()
    url = pages[1]
    miss = Client().get(url)
    hit = Client().get(url)
    assert hit["X-Visitor-Cache"] == "hit"
    assert hit["Content-Security-Policy"] == miss["Content-Security-Policy"]
    _assert_strict_policy_with_matching_nonces(hit, url)


TEMPLATE_DIRS = [Path(cocreate.__file__).parent / "templates", *Path(cocreate.__file__).parent.glob("*/templates")]
# Email templates are read in mail clients, not under this site's policy: their inline styles are allowed.
FORBIDDEN = {
    "inline event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "hx-on attribute": re.compile(r"\shx-on", re.I),
    "data-hx-on attribute": re.compile(r"\sdata-hx-on", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "<style> element": re.compile(r"<style\b", re.I),
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def _web_templates():
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            if "email" not in path.relative_to(directory).parts:
                yield path


def test_the_checks_find_what_they_look_for():
    samples = {
        "inline event handler": '<button onclick="go()">',
        "hx-on attribute": '<div hx-on:click="x">',
        "data-hx-on attribute": '<div data-hx-on:click="x">',
        "style attribute": '<span style="left:1%">',
        "<style> element": "<style>p{}</style>",
        "inline <script>": "<script>alert(1)</script>",
        "javascript: URL": '<a href="javascript:go()">',
    }
    for name, pattern in FORBIDDEN.items():
        assert pattern.search(samples[name]), name
    assert not FORBIDDEN["inline <script>"].search('<script src="/static/x.js" defer nonce="n"></script>')


def test_no_template_has_inline_handlers_scripts_or_styles():
    templates = list(_web_templates())
    assert len(templates) > 50
    found = [
        f"{path.name}: {name}"
        for path in templates
        for name, pattern in FORBIDDEN.items()
        if pattern.search(path.read_text())
    ]
    assert not found, found
