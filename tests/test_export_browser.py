"""The exported page in headless Chromium: highlights show, notes open on hover and on Tab,
and hostile page text or notes run nothing and show as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import SAMPLE_PAGE, Block, Document
from reader.annotations import annotate
from reader.export import demo_annotations_path, export_html, export_page

pytestmark = pytest.mark.browser


def open_page(browser, path: Path):
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("dialog", lambda dialog: messages.append(f"dialog {dialog.message}"))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page, messages, requests


def test_sample_page_shows_highlights_and_notes_on_hover_and_keyboard_focus(browser, tmp_path):
    out = export_page(SAMPLE_PAGE, tmp_path / "page.html", demo_annotations_path())
    page, _, requests = open_page(browser, out)
    claims = page.locator(".claim[tabindex]")
    assert claims.count() == 10
    assert claims.first.is_visible() and page.locator("mark.actor").first.is_visible()
    background = page.locator("mark.actor").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    tip = page.locator("#tip-1")
    assert not tip.is_visible()
    claims.first.hover()
    assert tip.is_visible() and "Opinion" in tip.inner_text()
    page.mouse.move(0, 0)
    assert not tip.is_visible()
    # keyboard: Tab until the first claim has focus; its note shows without any mouse
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "claim-1":
            break
    assert page.evaluate("document.activeElement.id") == "claim-1"
    assert tip.is_visible()
    page.keyboard.press("Tab")
    assert not tip.is_visible() or page.evaluate("document.activeElement.closest('#claim-1')")
    assert all(url.startswith("file:") for url in requests), requests
    page.close()


def test_hostile_page_text_and_notes_run_nothing_and_show_as_text(browser, tmp_path):
    text = "He wrote <script>window.pwned=1;console.log('pwned')</script> and <img src=x onerror=\"window.pwned=2\"> today."
    doc = Document.from_blocks([Block("paragraph", text)])
    start = doc.text.index("He wrote")
    claim = annotate(
        doc,
        start,
        start + 8,
        "opinion",
        annotator="eve",
        note='<script>window.pwned=3</script><img src=x onerror="window.pwned=4">',
        claimant='<b onmouseover="window.pwned=5">x</b>',
    )
    path = tmp_path / "evil.html"
    path.write_text(export_html(doc, [claim], title="<script>window.pwned=6</script>"))
    page, messages, _ = open_page(browser, path)
    page.locator(".claim").first.hover()
    page.locator(".claim").first.focus()
    page.wait_for_timeout(100)
    assert page.evaluate("window.pwned") is None
    assert "pwned" not in " ".join(messages)
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    body = page.inner_text("body")
    assert "<script>window.pwned=1;console.log('pwned')</script>" in body
    assert '<img src=x onerror="window.pwned=2">' in body
    assert "<script>window.pwned=3</script>" in page.locator("#tip-1").inner_text()
    assert page.title() == "<script>window.pwned=6</script>"
    page.close()


def test_the_csp_blocks_a_script_even_if_one_got_into_the_page(browser, tmp_path):
    """Defence in depth: were escaping ever broken, the page's policy still forbids scripts."""
    html = export_html(Document.from_text("Plain text."))
    path = tmp_path / "injected.html"
    path.write_text(html.replace("<footer>", "<script>window.pwned=7</script><footer>"))
    page, _, _ = open_page(browser, path)
    assert page.evaluate("window.pwned") is None
    page.close()
