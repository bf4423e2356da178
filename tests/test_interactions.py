"""What a reader does, in a real Chromium, at phone and desktop width, light and dark.

Each state a reader reaches (page at rest, navigation drawer open, search with results for a
common word, "more on this page" expanded, a result opened with its word highlighted, colour
toggled, a glossary term tapped or focused by keyboard, a question opened, a table scrolled to
its end) is reached on the real site and on a reference: the same build with the theme's
full, unpruned stylesheets linked as usual and no inline subset. The two screenshots must match
beyond anti-aliasing (so the first-paint subset never hides a rule a reader can reach), the page
must not scroll sideways, and axe must find no violations. No page scrolls sideways at 320 px
either, at rest or with search or the drawer open.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page

from conftest import BASE_PATH, NAV, ROOT, page_url
from page_audit import THEME_MOUNTED, wait_until
from serve_site import serve

VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}
ARTIFACTS = ROOT / "test-artifacts" / "interactions"
# A pixel differs when a channel moves by more than this; anti-aliasing moves a few edge pixels.
CHANNEL_TOLERANCE = 48
MAX_DIFFERENT_PIXELS = 0.001  # share of the viewport
STEP_PAGE = "progression/kettlebell-deadlift/"


def reference_html(text: str, stylesheets: list[str]) -> str:
    """A page as the theme would ship it: its full stylesheets linked, no inline subset."""
    links = "".join(f'<link rel="stylesheet" href="{href}">' for href in stylesheets)
    return re.sub(r"<style data-theme-subset>.*?</style>", lambda _: links, text, flags=re.S)


@pytest.fixture(scope="module")
def reference_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("reference") / "site"
    shutil.copytree(site, out)
    stylesheets = [
        BASE_PATH
        + next(out.glob(f"assets/stylesheets/{name}.*.min.css")).relative_to(out).as_posix()
        for name in ("main", "palette")
    ]
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        page.write_text(reference_html(text, stylesheets), encoding="utf-8")
    with serve(out, BASE_PATH) as url:
        yield url


def ready(page: Page) -> None:
    """The theme's scripts run (they start once its full stylesheets are in), images loaded."""
    wait_until(page, THEME_MOUNTED)
    settle(page)


def settle(page: Page) -> None:
    page.wait_for_load_state("networkidle")
    # Every image has loaded, but for lazy ones the browser has not asked for yet (far down
    # the page: after networkidle, none is on its way).
    wait_until(page, "[...document.images].every(i => i.complete || i.loading === 'lazy')")
    page.evaluate("document.fonts.ready")


# The states: each acts on a ready page and returns when the state is on screen.
def rest(page: Page, viewport: str) -> None:
    """The page as it arrives."""


def drawer(page: Page, viewport: str) -> None:
    page.locator(".md-header__button.course-menu").click()
    wait_until(page, "document.getElementById('__drawer').checked")


def search(page: Page, viewport: str) -> None:
    if viewport == "phone":
        page.locator("label.md-header__button[for='__search']").click()
    else:
        page.locator(".md-search__input").click()
    page.keyboard.type("hinge", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    # Below 960 px the theme locks the page's scroll 400 ms after search opens (a Material
    # internal: body[data-md-scrolllock], styled only by its full stylesheet).
    wait_until(page, "innerWidth >= 960 || document.body.hasAttribute('data-md-scrolllock')")
    wait_until(page, "/\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
    settle(page)


def search_more(page: Page, viewport: str) -> None:
    search(page, viewport)
    page.locator(".md-search-result__more > summary").first.click()
    wait_until(page, "document.querySelector('.md-search-result__more[open]')")


def search_result(page: Page, viewport: str) -> None:
    """A result tapped: its page opens with the searched word highlighted, as the theme's
    search.highlight does once it has the search index (held until search opens, but for a
    page opened from a result: partials/speed-scripts.html)."""
    search(page, viewport)
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url(re.compile(r"[?&]h=hinge\b"))
    ready(page)
    try:
        wait_until(page, "document.querySelector('article mark[data-md-highlight]')", 5_000)
    except TimeoutError:
        pytest.fail(f"{page.url}: the page opened from a search result highlights no word")
    settle(page)


def toggle(page: Page, viewport: str) -> None:
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component='palette'] label:visible").click()
    wait_until(page, f"document.body.dataset.mdColorScheme !== '{before}'")


def glossary_tap(page: Page, viewport: str) -> None:
    term = page.locator("article abbr").first
    term.scroll_into_view_if_needed()
    term.tap() if viewport == "phone" else term.click()
    assert_meaning_shown(page)
    settle(page)


def glossary_key(page: Page, viewport: str) -> None:
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.localName") == "abbr":
            break
    else:
        pytest.fail("no glossary term within 60 presses of Tab")
    assert_meaning_shown(page)
    settle(page)


def assert_meaning_shown(page: Page) -> None:
    """The focused glossary term shows its meaning, on screen."""
    shown = page.evaluate(
        """(() => { const term = document.activeElement;
             const after = getComputedStyle(term, '::after').content;
             const box = term.getBoundingClientRect();
             return term.localName === 'abbr' && after.includes(term.title)
               && box.right <= innerWidth && box.bottom <= innerHeight; })()"""
    )
    assert shown, "tapping or tabbing to a glossary term does not show its meaning on screen"


def details(page: Page, viewport: str) -> None:
    block = page.locator("article details").first
    block.scroll_into_view_if_needed()
    block.locator("summary").click()
    wait_until(page, "document.querySelector('article details[open]')")
    settle(page)


def table(page: Page, viewport: str) -> None:
    region = page.locator("article .table-scroll").first
    region.scroll_into_view_if_needed()
    region.evaluate("r => { r.scrollLeft = r.scrollWidth }")
    settle(page)


@dataclass(frozen=True)
class State:
    act: Callable[[Page, str], None]
    path: str
    phone_only: bool = False


STATES = {
    "rest-home": State(rest, ""),
    "rest-step": State(rest, STEP_PAGE),
    "drawer": State(drawer, "", phone_only=True),
    "search": State(search, ""),
    "search-more": State(search_more, ""),
    "search-result": State(search_result, ""),
    "toggle": State(toggle, STEP_PAGE),
    "glossary-tap": State(glossary_tap, STEP_PAGE),
    "glossary-key": State(glossary_key, STEP_PAGE),
    "details": State(details, "finish/"),
    "table": State(table, "progression/"),
}
CASES = [
    (state, viewport, scheme)
    for state, spec in STATES.items()
    for viewport in VIEWPORTS
    for scheme in ("light", "dark")
    if viewport == "phone" or not spec.phone_only
]


def reach(browser: Browser, url: str, state: State, viewport: str, scheme: str) -> Page:
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        reduced_motion="reduce",
        has_touch=viewport == "phone",
        service_workers="block",  # no "Available offline" notice in the screenshots
    )
    page = context.new_page()
    page.goto(url + state.path, wait_until="load")
    ready(page)
    state.act(page, viewport)
    return page


def different_pixels(a: Path, b: Path, diff: Path) -> float:
    """The share of pixels that differ beyond anti-aliasing; writes a mask of them."""
    first, second = Image.open(a).convert("RGB"), Image.open(b).convert("RGB")
    if first.size != second.size:
        return 1.0
    delta = ImageChops.difference(first, second).convert("L")
    mask = delta.point(lambda v: 255 if v > CHANNEL_TOLERANCE else 0)
    mask.save(diff)
    return mask.histogram()[255] / (first.width * first.height)


@pytest.mark.parametrize(("name", "viewport", "scheme"), CASES)
def test_state_matches_the_full_theme_css(
    browser: Browser,
    base_url: str,
    reference_url: str,
    name: str,
    viewport: str,
    scheme: str,
) -> None:
    state = STATES[name]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shots = {}
    for tag, url in (("site", base_url), ("reference", reference_url)):
        page = reach(browser, url, state, viewport, scheme)
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{tag}: {name} scrolls sideways by {overflow}px at {viewport}"
        shots[tag] = ARTIFACTS / f"{name}-{viewport}-{scheme}-{tag}.png"
        page.screenshot(path=shots[tag])
        if tag == "site":
            results = Axe().run(page, options={"resultTypes": ["violations"]})
            assert results.violations_count == 0, results.generate_report()
        page.context.close()
    diff = ARTIFACTS / f"{name}-{viewport}-{scheme}-diff.png"
    share = different_pixels(shots["site"], shots["reference"], diff)
    assert share <= MAX_DIFFERENT_PIXELS, (
        f"{name} at {viewport} ({scheme}) differs from the full theme CSS in {share:.2%} of "
        f"pixels: compare {shots['site'].name} and {shots['reference'].name} ({diff.name})"
    )


def test_table_cells_are_all_on_screen_on_a_phone(browser: Browser, base_url: str) -> None:
    """Every cell of every table is within the screen at 360 px: nothing hidden sideways."""
    for md in ("progression/index.md", "progression/kettlebell-deadlift.md"):
        page = reach(browser, base_url, State(rest, page_url(md)), "phone", "light")
        outside = page.evaluate(
            """[...document.querySelectorAll('article td')]
               .filter(c => c.getBoundingClientRect().width > 1)
               .filter(c => c.getBoundingClientRect().right > innerWidth)
               .map(c => c.textContent.trim())"""
        )
        page.context.close()
        assert not outside, f"{md}: cells cut off at 360 px: {outside}"


def test_table_headers_do_not_offer_sorting(browser: Browser, base_url: str) -> None:
    """A header cell under the mouse stays as it was: no pointer, no sort arrows. The theme
    styles role=columnheader (which our tables give header cells) as a sortable column."""
    page = reach(browser, base_url, State(rest, STEP_PAGE), "desktop", "light")
    header = page.locator("article th").first
    header.scroll_into_view_if_needed()
    before = header.bounding_box()
    header.hover()
    settle(page)
    cursor, arrows = header.evaluate(
        "th => [getComputedStyle(th).cursor, getComputedStyle(th, '::after').content]"
    )
    assert (cursor, arrows) == ("auto", "none")
    assert header.bounding_box() == before, "the header cell changed size under the mouse"
    page.context.close()


@pytest.mark.parametrize("path", [*map(page_url, NAV)])
def test_no_sideways_scroll_at_320px(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, has_touch=True, service_workers="block"
    )
    page = context.new_page()
    page.goto(base_url + path, wait_until="load")
    ready(page)
    states = {"rest": rest, "drawer": drawer, "search": search} if path == "" else {"rest": rest}
    for name, act in states.items():
        if name != "rest":
            page.goto(base_url + path, wait_until="load")
            ready(page)
        act(page, "phone")
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"/{path} ({name}) scrolls sideways by {overflow}px at 320 px"
    context.close()


# The page's widest width since `window.widest` was last set to 0, sampled every frame.
WIDEST = """() => {
  window.widest = 0;
  const frame = () => {
    window.widest = Math.max(window.widest, document.documentElement.scrollWidth);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}"""


def test_search_never_widens_a_phone_page_while_it_opens_or_closes(
    browser: Browser, base_url: str
) -> None:
    """On a phone (is_mobile: the page widens to hold whatever overflows, as on a real one),
    the theme's search overlay grows to about 1,800 px while it opens and closes: the page
    must stay the screen's width in every frame, not only once search has settled."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        service_workers="block",
    )
    page = context.new_page()
    page.goto(base_url + STEP_PAGE, wait_until="load")
    ready(page)
    # The header's search button, then the back arrow in the search field.
    buttons = {
        "open": ".md-header__button[for='__search']",
        "close": ".md-search__icon[for='__search']",
    }
    page.evaluate(WIDEST)
    for action, button in buttons.items():
        page.evaluate("window.widest = 0")
        page.locator(button).tap()
        if action == "open":
            page.keyboard.type("hinge", delay=20)
            page.locator(".md-search-result__item").first.wait_for(state="visible")
            wait_until(page, "document.body.hasAttribute('data-md-scrolllock')")
        else:
            wait_until(page, "!document.getElementById('__search').checked")
        page.wait_for_timeout(600)  # the overlay's longest transition: 0.4 s (0.3 s + 0.1 s)
        widest = page.evaluate("window.widest")
        assert widest <= 360, f"search {action}ing widened the page to {widest} px at 360 px"
    context.close()


# Where the focused element is, as a reader sees it: the box of it and all it holds (a link
# around a picture is a thin line box of its own; the theme's colour switch is a hidden radio
# button whose ring its label, next to it, shows), and what lies on top at its middle. A
# problem is returned as words; "" when all is well, null when nothing has focus.
FOCUS_IN_SIGHT = """(() => {
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  const next = focused.nextElementSibling;
  const hidden = !focused.getBoundingClientRect().width && next && next.localName === 'label';
  const el = hidden ? next : focused;
  const rects = [el, ...el.querySelectorAll('*')].map(e => e.getBoundingClientRect())
    .filter(r => r.width && r.height);
  const what = focused.outerHTML.slice(0, 90);
  if (!rects.length) return `${what}: focused but has no box`;
  const top = Math.min(...rects.map(r => r.top)), bottom = Math.max(...rects.map(r => r.bottom));
  const left = Math.min(...rects.map(r => r.left)), right = Math.max(...rects.map(r => r.right));
  if (bottom - top <= innerHeight && (top < -0.5 || bottom > innerHeight + 0.5))
    return `${what}: cut by the screen's edge (${top | 0} to ${bottom | 0} of ${innerHeight})`;
  const x = Math.min(Math.max((left + right) / 2, 0), innerWidth - 1);
  const y = (Math.max(top, 0) + Math.min(bottom, innerHeight)) / 2;
  const hit = document.elementFromPoint(x, y);
  if (!hit || !(el.contains(hit) || hit.contains(el)))
    return `${what}: hidden under ${hit ? hit.outerHTML.slice(0, 60) : 'nothing'}`;
  return '';
})()"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_keyboard_focus_is_always_in_sight(browser: Browser, base_url: str, viewport: str) -> None:
    """Tab through a step page and Shift+Tab back up: every element that takes the focus is
    on screen, whole, and not under the sticky header, the "Back to top" button or the closed
    navigation drawer (WCAG 2.2, 2.4.11 Focus Not Obscured)."""
    page = reach(browser, base_url, State(rest, STEP_PAGE), viewport, "light")
    problems, stops = [], 0
    for key in ("Tab", "Shift+Tab"):
        for _ in range(400):
            page.keyboard.press(key)
            if page.evaluate("document.activeElement.matches('.md-search__input')"):
                # Below 960 px the field is folded into the header until focus opens search.
                wait_until(page, "document.activeElement.getBoundingClientRect().top >= 0")
            problem = page.evaluate(FOCUS_IN_SIGHT)
            if problem is None:  # past the last element (or the first): the way round is done
                break
            stops += 1
            if problem:
                problems.append(f"{key}: {problem}")
    page.context.close()
    assert stops > 50, f"only {stops} elements took the focus"
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_the_drawer_works_from_the_keyboard(browser: Browser, base_url: str) -> None:
    """Below 1220 px the navigation is a drawer of sliding panels. Its button is the first stop
    of Tab and says whether it is open; Enter opens it with the focus on the first link of the
    panel that shows (the step's section); Shift+Tab reaches the panel's title, and Enter on it
    goes up a level with the focus on the section it came from; Escape closes the drawer and
    the focus goes back to the button; Space opens it again, and Tab out of it closes it. Every
    stop is in sight (FOCUS_IN_SIGHT), once the panels have slid."""
    page = reach(browser, base_url, State(rest, STEP_PAGE), "phone", "light")
    opened = "document.getElementById('__drawer').checked"
    focused = "document.activeElement.matches"

    def in_sight(where: str) -> None:
        wait_until(page, f"{focused}({where!r}) && ({FOCUS_IN_SIGHT}) === ''", 3_000)

    button = page.locator(".md-header__button.course-menu")
    assert button.get_attribute("aria-label") == "Menu"
    page.keyboard.press("Tab")  # the theme's "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate(f"{focused}('.course-menu')")
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    wait_until(page, opened)
    assert button.get_attribute("aria-expanded") == "true"
    in_sight(".md-sidebar--primary a[href]")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Wall hip hinge"
    page.keyboard.press("Shift+Tab")
    in_sight(".md-sidebar--primary label.md-nav__title")
    section = page.evaluate("document.activeElement.htmlFor")
    page.keyboard.press("Enter")
    in_sight(f".md-sidebar--primary label.md-nav__link[for={section}]")
    page.keyboard.press("Escape")
    wait_until(page, f"!{opened}")
    assert page.evaluate(f"{focused}('.course-menu')")
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press(" ")
    wait_until(page, opened)
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate(opened):
            break
    assert not page.evaluate(opened), "Tab out of the open drawer leaves it open"
    assert page.evaluate("document.activeElement.closest('.md-sidebar--primary') === null")
    page.context.close()
