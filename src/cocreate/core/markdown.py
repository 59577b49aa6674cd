"""Markdown for everything members write: markdown-it's js-default preset (no raw HTML), then nh3 sanitising.

Images show only when they are this site's uploads (under MEDIA_URL): an image from another host would tell that
host the address, browser and reading time of everyone who opens the page. Any other image becomes a plain link
to it (its alt text, or its address), which the reader may follow or not."""

from __future__ import annotations

from functools import lru_cache

import nh3
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

_md = MarkdownIt("js-default", {"linkify": False, "typographer": True}).enable(["table", "strikethrough"])

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}


def is_local_media(src: str) -> bool:
    """True for an address of this site's uploaded files: `/media/…` (or the site's absolute media address)."""
    media_path = "/" + settings.MEDIA_URL.lstrip("/")
    site_media = settings.SITE_URL.rstrip("/") + media_path
    path = src[len(settings.SITE_URL.rstrip("/")) :] if src.startswith(site_media) else src
    return (
        path.startswith(media_path)
        and not path.startswith("//")
        and ".." not in path
        and "\\" not in path
        and "@" not in path.split("?")[0]
    )


def _render_image(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    src = str(token.attrGet("src") or "")
    if is_local_media(src):
        token.attrSet("alt", alt)
        return self.renderToken(tokens, idx, options, env)
    return f'<a href="{escapeHtml(src)}">{escapeHtml(alt or src)}</a>'


_md.add_render_rule("image", _render_image)


def _only_local_images(tag: str, attribute: str, value: str) -> str | None:
    # A second line behind _render_image: whatever reaches nh3 with a remote image source loses it.
    if tag == "img" and attribute == "src" and not is_local_media(value):
        return None
    return value


def render_markdown(text: str) -> SafeString:
    """Render member-written markdown to HTML that is safe to put in a page."""
    return _render(text or "")


# Rendering is a pure function of the text and costs about a millisecond for an idea's body: a popular page
# shows the same body and comments to every reader, so each process keeps the most recent results.
@lru_cache(maxsize=2048)
def _render(text: str) -> SafeString:
    html = _md.render(text)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener ugc",
        attribute_filter=_only_local_images,
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
