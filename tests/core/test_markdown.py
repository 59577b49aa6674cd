from cocreate.core.markdown import render_markdown


def test_markdown_renders_emphasis_and_lists():
    html = render_markdown("**bold** and\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert "<li>one</li>" in html


def test_markdown_drops_script_tags_and_event_handlers():
    html = render_markdown('<script>alert(1)</script> <img src=x onerror="alert(1)"> [x](javascript:alert(1))')
    assert "<script" not in html
    assert "<img" not in html  # raw HTML stays text, so the handler never becomes an attribute
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html


def test_markdown_links_get_nofollow():
    html = render_markdown("[site](https://example.org)")
    assert 'href="https://example.org"' in html
    assert "nofollow" in html
