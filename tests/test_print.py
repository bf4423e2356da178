"""Step pages print as one-page A4 cue sheets (docs/assets/stylesheets/print.css, inlined).

Each step page is printed to PDF by headless Chromium from the real site served on
127.0.0.1; its pages are counted, and under print media the site chrome must be hidden while
the essential sections, the page's address and the disclaimer line stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import NAV, page_url

STEP_PAGES = [md for md in NAV if md.startswith("progression/") and md != "progression/index.md"]
PDF_PAGE = re.compile(rb"/Type\s*/Page[^s]")
HIDDEN = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar",
    ".md-footer",
    ".md-search",
    ".md-content__button",
    ".md-typeset .headerlink",
    ".md-top",
    "#muscles-worked",
    ".md-typeset .no-print",
]
ESSENTIAL = [
    "h1",
    "#goal",
    "#step-by-step",
    "#cues",
    "#common-faults-and-fixes",
    "#dose",
    "#when-to-move-on",
    "#safety-notes",
    ".picture-link img",
]


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def printed(browser: Browser, base_url: str, md: str, scheme: str) -> Iterator[Page]:
    """The step page, loaded in the given colour scheme."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + page_url(md), wait_until="load")
    yield page
    context.close()


def test_there_are_step_pages() -> None:
    assert len(STEP_PAGES) >= 9


@pytest.mark.parametrize("md", STEP_PAGES)
@pytest.mark.parametrize("scheme", ["light"])
def test_step_page_prints_on_one_a4_page(printed: Page, md: str) -> None:
    print_rules = printed.evaluate(
        "[...document.styleSheets].flatMap(s => [...s.cssRules])"
        ".filter(r => r.media && r.media.mediaText === 'print').length"
    )
    assert print_rules, "the print rules (print.css, inlined by critical_css.py) are missing"
    pages = len(PDF_PAGE.findall(printed.pdf(format="A4")))
    assert pages == 1, (
        f"{md} prints on {pages} A4 pages: shorten it, or mark what the gym floor does not "
        "need with { .no-print } (CONTRIBUTING.md)"
    )


@pytest.mark.parametrize("md", STEP_PAGES)
def test_print_hides_the_chrome_and_keeps_the_cue_sheet(printed: Page, md: str) -> None:
    screen_only = printed.locator(".md-typeset .no-print").all()
    assert all(e.is_visible() for e in screen_only), (
        f"{md}: a {{ .no-print }} part is hidden on screen"
    )
    printed.emulate_media(media="print")
    shown = [sel for sel in HIDDEN if any(e.is_visible() for e in printed.locator(sel).all())]
    assert not shown, f"{md}: printed although hidden in print: {shown}"
    missing = [sel for sel in ESSENTIAL if not printed.locator(sel).first.is_visible()]
    assert not missing, f"{md}: essential parts not printed: {missing}"
    image = printed.locator(".picture-link img").first.bounding_box()
    assert image is not None
    assert image["height"] <= 5 / 2.54 * 96, f"{md}: the diagram is over 5 cm tall"
    footer = printed.evaluate(
        """() => {
            const link = document.querySelector('head link[rel=canonical]');
            const style = getComputedStyle(link);
            return [style.display, getComputedStyle(link, '::before').content,
                    getComputedStyle(link, '::after').content];
        }"""
    )
    assert footer[0] == "block", f"{md}: the page's address is not printed"
    assert f'/{page_url(md)}"' in footer[1], f"{md}: the address line lacks the URL"
    assert "medical advice" in footer[2], f"{md}: no disclaimer line"
    # Dark text on white paper, whichever scheme the screen uses.
    colour = printed.evaluate("getComputedStyle(document.querySelector('#goal + p')).color")
    assert colour in ("rgb(31, 35, 40)", "rgb(0, 0, 0)"), f"{md}: text prints as {colour}"
    # Arial's metrics, so the sheet fits the same way on the reader's printer.
    font = printed.evaluate("getComputedStyle(document.querySelector('#goal + p')).fontFamily")
    assert font.startswith("Arial"), f"{md}: prints in {font}"
