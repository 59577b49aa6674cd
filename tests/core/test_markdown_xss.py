"""Whatever members type, rendered markdown carries no script: no raw HTML, no dangerous URLs, no handlers."""

import re

import pytest

from cocreate.core.markdown import render_markdown

ATTACKS = [
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<img src=x onerror="alert(1)">',
    "<script>alert(1)</script>",
    "<iframe src=https://evil.example></iframe>",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '[x](https://example.org "title" onmouseover=alert(1))',
    '[x](https://example.org"onmouseover="alert(1))',
    "<details open ontoggle=alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    '<http://example.org/"onmouseover="alert(1)>',
]

DANGEROUS = re.compile(
    r"<\s*(script|iframe|svg|details|div|object|embed|style)\b|\son\w+\s*=|javascript:|vbscript:|data:", re.I
)


@pytest.mark.parametrize("text", ATTACKS)
def test_no_attack_survives_rendering(text):
    # when
    html = str(render_markdown(text))

    # then: look only at what is markup, not at escaped text shown to the reader
    markup = "".join(re.findall(r"<[^>]*>", html))
    assert not DANGEROUS.search(markup), html


def test_raw_html_is_shown_as_text():
    # when
    html = render_markdown('<b onclick="x()">bold?</b>')

    # then
    assert "<b" not in html
    assert "&lt;b onclick=" in html


def test_images_keep_only_safe_attributes():
    # when
    html = render_markdown('![a cat](/media/cat.png "Cat")')

    # then
    assert html.strip() == '<p><img src="/media/cat.png" alt="a cat" title="Cat"></p>'


def test_safe_links_stay_and_are_marked_untrusted():
    # when
    html = render_markdown("[mail](mailto:team@example.org) and [site](https://example.org/a?b=1&c=2)")

    # then
    assert 'href="mailto:team@example.org"' in html
    assert 'href="https://example.org/a?b=1&amp;c=2"' in html
    assert html.count('rel="nofollow noopener ugc"') == 2


def test_empty_and_none_render_to_nothing():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""  # type: ignore[arg-type]
