"""WCAG 2.2 AA, checked by axe-core in a real Chromium: the Ask tab after an answer and
the Commitments tab after a search, at desktop and phone widths."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.test_ui_browser import _answered, _open, browser  # noqa: F401  (the browser fixture)

pytestmark = pytest.mark.browser
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}
WIDTHS = {"desktop": 1280, "phone": 390}


# Gradio fades a pending output to 0.2 opacity and lays its status tracker over it,
# each fading out over 100-150 ms; axe measures contrast as rendered, so wait until
# nothing on the page is faded and every status tracker is gone.
_SETTLED = """() => !document.querySelector('.pending, .generating')
    && [...document.querySelectorAll('[data-testid="status-tracker"]')].every(
        (t) => t.offsetParent === null || getComputedStyle(t).opacity === '0')
    && [...document.querySelectorAll('#sources, #chat, #c-summary, #c-table, #c-trace')].every((el) => {
        for (let e = el; e; e = e.parentElement) {
            if (getComputedStyle(e).opacity !== '1') return false;
        }
        return true;
    })"""


def _serious(page) -> list[str]:
    page.wait_for_function(_SETTLED, timeout=10_000)
    results = Axe().run(page, options={**WCAG, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_ask_tab_after_an_answer_has_no_serious_violation(browser, ui_server, width):  # noqa: F811
    page = _open(browser, ui_server, viewport={"width": width, "height": 900})
    _answered(page, "how long do councils take to arrange home to school transport")
    assert _serious(page) == []
    page.close()


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_the_commitments_tab_after_a_search_has_no_serious_violation(browser, ui_server, width):  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(ui_server, wait_until="load")
    page.get_by_role("tab", name="Commitments").click()
    page.locator("#c-topic textarea, #c-topic input").first.fill("VAT on private school fees")
    page.locator("#c-find").click()
    page.locator("#c-summary").get_by_text("newest first").wait_for(timeout=30_000)
    assert _serious(page) == []
    page.close()


def _focused(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement; return (e.closest('[id]')?.id || '') + '|' + "
        "(e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40) }"
    )


def test_keyboard_only_reaches_the_controls_in_order_with_a_visible_focus(browser, ui_server):  # noqa: F811
    page = _open(browser, ui_server, viewport={"width": 1280, "height": 900})
    seen = []
    while not any("|Filters" in s for s in seen) and len(seen) < 30:
        page.keyboard.press("Tab")
        seen.append(_focused(page))
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", f"no visible focus on {seen[-1]}"
    ids = [s.split("|", 1)[0] for s in seen]
    names = [s.split("|", 1)[1] for s in seen]

    def at(name: str) -> int:
        return next(i for i, n in enumerate(names) if n.startswith(name))

    # the tabs, the question box, Ask, New conversation, the examples, the filters
    assert {"question", "ask", "new-conversation"} <= set(ids), seen
    assert ids.index("question") < ids.index("ask") < ids.index("new-conversation")
    assert ids.index("new-conversation") < at("The council is taking")
    assert at("The council is taking") < at("Filters")
    page.close()


def test_enter_sends_shift_enter_adds_a_line_and_sources_open_from_the_keyboard(browser, ui_server):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(ui_server, wait_until="load")
    box = page.get_by_label("Your question")
    box.wait_for()
    box.click()
    page.keyboard.type("My son is disabled.")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("Must the council arrange free travel to school?")
    assert (
        box.input_value() == "My son is disabled.\nMust the council arrange free travel to school?"
    )
    page.keyboard.press("Enter")
    summary = page.locator("#sources details.source summary").first
    summary.wait_for(timeout=30_000)
    assert box.input_value() == ""
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#sources details.source").first.get_attribute("open") is not None
    page.close()


def test_the_page_still_works_with_text_at_200_percent(browser, ui_server):  # noqa: F811
    page = _open(browser, ui_server, viewport={"width": 1280, "height": 900})
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    _answered(page, "how long do councils take to arrange home to school transport")
    assert page.get_by_role("button", name="Ask").is_visible()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
    page.close()


def test_screen_readers_hear_each_new_answer(browser, ui_server):  # noqa: F811
    page = _open(browser, ui_server)
    _answered(page, "how long do councils take to arrange home to school transport")
    live = page.locator("#chat [aria-live='polite'][role='log']")
    assert live.count() == 1 and "[1]" in live.inner_text()  # the answer is inside it
    page.close()
