"""A real headless Chromium (Debian's) drives the page, as a parent would."""

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: run `make browser`")
        pytest.skip("chromium is not installed (sudo apt-get install chromium chromium-driver)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def _ask(page, question: str) -> None:
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Ask").click()


def _open(browser, url: str, **page_options):
    """A page of the app, loaded and ready for a question."""
    page = browser.new_page(**page_options)
    page.goto(url, wait_until="load")
    page.get_by_label("Your question").wait_for()
    # the page's own load event (a ?q= link's question) has run: until then its outputs,
    # the question box among them, are pending and may be drawn again
    page.wait_for_function("() => !document.querySelector('.pending, .generating')")
    return page


def _answered(page, question: str) -> None:
    """Asks ``question`` and waits until the answer's sources are shown."""
    _ask(page, question)
    page.locator("#sources details.source").first.wait_for(timeout=30_000)


def test_parent_asks_sees_citation_opens_source(browser, ui_server):
    page = _open(browser, ui_server, viewport={"width": 390, "height": 844})  # phone width
    _answered(page, "how long do councils take to arrange home to school transport")
    source = page.locator("#sources details.source").first
    assert "UIN 5508" in page.locator("#sources").inner_text()
    assert "[1]" in page.locator("#chat").inner_text()
    source.locator("summary").click()
    assert source.get_attribute("open") is not None
    link = source.get_by_role("link", name="Official record")
    assert link.get_attribute("href").endswith("/5508")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat-answer-phone.png"), full_page=True)
    page.close()


def test_a_citation_in_the_reply_opens_its_source_on_the_page(browser, ui_server):
    page = _open(browser, ui_server)
    _answered(page, "how long do councils take to arrange home to school transport")
    page.locator("#chat").get_by_role("link", name="[2]").first.click()
    source = page.locator("#source-2")
    assert source.get_attribute("open") is not None
    assert page.evaluate("() => document.activeElement.closest('details')?.id") == "source-2"
    assert len(page.context.pages) == 1  # the same page, no new tab
    page.close()


def test_script_in_a_question_is_shown_as_text_never_run(browser, ui_server):
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(ui_server, wait_until="load")
    page.get_by_label("Your question").wait_for()
    _ask(page, "<script>alert('x')</script><img src=x onerror=alert('y')> school transport")
    page.locator("#sources details.source").first.wait_for(timeout=30_000)
    assert "<script>alert('x')</script>" in page.locator("#chat").inner_text()
    assert page.locator("#chat img[src='x']").count() == 0
    assert dialogs == []
    page.close()


def test_commitments_tab_lists_plots_and_exports(browser, ui_server):
    page = browser.new_page()
    page.goto(ui_server, wait_until="load")
    page.get_by_role("tab", name="Commitments").click()
    page.locator("#c-topic textarea, #c-topic input").first.fill("VAT on private school fees")
    page.locator("#c-find").click()
    page.locator("#c-summary").get_by_text("newest first").wait_for(timeout=30_000)
    assert "Tax Information and Impact Note" in page.locator("#c-table").inner_text()
    with page.expect_download() as download:
        page.locator("#c-csv").click()
    assert download.value.suggested_filename.endswith(".csv")
    page.close()


def test_a_follow_up_uses_the_conversation_and_new_conversation_clears_it(browser, ui_server):
    page = _open(browser, ui_server)
    _answered(page, "Does the council have to arrange free school transport for my disabled son?")
    _ask(page, "And once he turns 16?")
    page.locator("#chat").get_by_text("I took this as").wait_for(timeout=30_000)
    page.get_by_role("button", name="New conversation").click()
    page.locator("#sources .no-sources").wait_for(timeout=10_000)
    assert "I took this as" not in page.locator("#chat").inner_text()
    _ask(page, "And once he turns 16?")  # nothing to follow on from now
    page.locator("#sources details.source").first.wait_for(timeout=30_000)  # answered
    assert "I took this as" not in page.locator("#chat").inner_text()
    page.close()


def test_a_thumb_and_a_comment_are_kept_on_this_machine(browser, ui_server, feedback_store):
    page = browser.new_page()
    page.goto(ui_server, wait_until="load")
    assert "Nothing is sent anywhere" in page.locator("#feedback-note").inner_text()
    before = len(feedback_store.rows())
    _ask(page, "Must the council arrange free travel to school?")
    page.locator("#sources details.source").first.wait_for(timeout=30_000)
    page.locator("#chat").get_by_role("button", name="Dislike").last.click()
    page.locator("#feedback-status").get_by_text("saved on this computer").wait_for(timeout=10_000)
    page.locator("#feedback-comment textarea").fill("It said nothing about taxis.")
    page.locator("#send-comment").click()
    # the box is emptied once the comment is stored (its value, not its text content)
    expect(page.locator("#feedback-comment textarea")).to_have_value("", timeout=10_000)
    rows = feedback_store.rows()[before:]
    assert [r["rating"] for r in rows] == [-1, 0]
    assert rows[0]["question"] == "Must the council arrange free travel to school?"
    assert rows[0]["cited"] and rows[1]["comment"] == "It said nothing about taxis."
    page.close()


def test_a_link_with_the_question_asks_it_and_the_answer_copies_with_its_sources(
    browser, ui_server
):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{ui_server}?q=Must%20the%20council%20arrange%20free%20travel%20to%20school%3F")
    page.locator("#sources details.source").first.wait_for(timeout=30_000)
    assert "Must the council arrange free travel to school?" in page.locator("#chat").inner_text()
    link = page.locator("#sources .share a").get_attribute("href")
    assert link == "?q=Must%20the%20council%20arrange%20free%20travel%20to%20school%3F"
    page.get_by_role("button", name="Copy answer with sources").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.splitlines()[0].startswith("Catherine McKinnell, an education minister, said")
    assert "\nSources:\n[1] " in copied and "UIN 5508" in copied
    assert "https://questions-statements.parliament.uk/written-questions/detail/" in copied
    context.close()


@pytest.fixture(scope="module")
def traced_server():
    """The app over hand-made answers: a promise, then a delay, then its publication."""
    from datetime import date

    import rag
    from rag.source import Passage
    from tests.conftest import PassagesRetriever, free_port
    from tests.helpers.records import PROMISE, later_answer
    from ui.app import ASSETS, build_app

    moved = later_answer(
        101, date(2025, 9, 1), "The Schools White Paper will be published early in the new year."
    )
    published = later_answer(
        102, date(2026, 3, 2), "The Schools White Paper was published on 23 February 2026."
    )
    backend = PassagesRetriever(
        [Passage(s.answer_text, 0.9, s) for s in (PROMISE, moved, published)]
    )
    app = build_app(
        lambda q, **f: rag.answer(q, retriever=backend, **f),
        commitments_fn=lambda topic, **f: rag.commitments(None, retriever=backend, **f),
    )
    port = free_port()
    app.queue().launch(
        server_name="127.0.0.1", server_port=port, share=False, prevent_thread_lock=True, **ASSETS
    )
    yield f"http://127.0.0.1:{port}/"
    app.close()


def test_a_commitment_is_traced_from_promise_to_delivery(browser, traced_server):
    page = browser.new_page()
    page.goto(traced_server, wait_until="load")
    page.get_by_role("tab", name="Commitments").click()
    page.locator("#c-find").click()
    # the promise, and the later answer that moved it (a promise too), both delivered
    page.locator("#c-summary").get_by_text("What later answers say: 2 delivered").wait_for(
        timeout=30_000
    )
    table = page.locator("#c-table").inner_text()
    assert "delivered" in table and "in the autumn" in table
    page.get_by_label("Trace a concrete promise").click()
    page.get_by_role("option", name=re.compile("in the autumn")).click()
    trace = page.locator("#c-trace")
    # the trace shown first is another promise's: wait for the one picked
    expect(trace).to_contain_text("10 June 2025, promised", timeout=10_000)
    text = trace.inner_text()
    assert text.index("10 June 2025, promised") < text.index("1 September 2025, moved")
    assert text.index("1 September 2025, moved") < text.index("2 March 2026, delivered")
    assert "it gives 23 February 2026" in text
    assert "The Schools White Paper was published on 23 February 2026." in text  # verbatim
    # only what later answers say, by the filter
    page.get_by_label("What later answers say").click()
    page.get_by_role("option", name="withdrawn").click()
    page.locator("#c-find").click()
    page.locator("#c-summary").get_by_text("No commitments found").wait_for(timeout=30_000)
    page.close()
