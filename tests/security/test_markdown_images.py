"""F13: markdown shows only this site's uploaded images; any other image becomes a link, so no reader's address
leaks to a third-party host."""

import pytest

from cocreate.core.markdown import render_markdown


@pytest.mark.parametrize(
    "src",
    [
        "https://tracker.example/pixel.gif",
        "http://tracker.example/p.png",
        "//tracker.example/p.png",
        "/\\\\tracker.example/p.png",
        "https://tracker.example/media/p.png",
        "/media/../admin/",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
def test_remote_images_are_not_rendered(src):
    html = render_markdown(f"Look: ![a chart]({src})")
    assert "<img" not in html
    assert "tracker" not in html or "<a " in html  # at most a link the reader may follow


def test_a_remote_image_becomes_a_link_to_it():
    html = render_markdown("![the plan](https://tracker.example/plan.png)")
    assert '<a href="https://tracker.example/plan.png" rel="nofollow noopener ugc">the plan</a>' in html


def test_uploaded_images_still_show(settings):
    html = render_markdown("![bench](/media/ideas/2026/bench.jpg)")
    assert '<img src="/media/ideas/2026/bench.jpg" alt="bench">' in html
    absolute = render_markdown(f"![bench]({settings.SITE_URL}/media/ideas/bench.jpg)")
    assert "<img" in absolute


def test_image_inside_a_link_stays_local_only():
    html = render_markdown("[![x](https://tracker.example/x.png)](https://example.org)")
    assert "<img" not in html
