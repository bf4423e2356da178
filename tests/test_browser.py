"""The built site in a real headless Chromium, served on 127.0.0.1 with gzip.

Every page at phone and desktop widths, in the light and the dark scheme: no console errors,
no failed or third-party requests, no horizontal scroll, sized images that load, one <h1>,
and zero axe-core violations. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Request,
    Response,
)

from conftest import NAV, ROOT, page_url
from page_audit import THEME_MOUNTED, wait_until

WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


# Scroll down the page half a screen at a time, a frame each, to the end.
SCROLL_THROUGH = """async () => {
    for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
        scrollTo(0, y);
        await new Promise(next => requestAnimationFrame(() => setTimeout(next, 20)));
    }
    scrollTo(0, document.body.scrollHeight);
}"""


class PageVisit:
    """A page opened in a fresh context, recording console errors and network problems."""

    def __init__(self, browser: Browser, url: str, width: str, scheme: str = "light") -> None:
        w, h = WIDTHS[width]
        self.context = browser.new_context(
            viewport={"width": w, "height": h}, color_scheme=scheme, reduced_motion="reduce"
        )
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.url = url
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("request", self._request)
        self.page.on("response", self._response)
        self.page.goto(url, wait_until="load")

    def _console(self, message: ConsoleMessage) -> None:
        # The 404 page's own status is expected; every other error counts.
        if message.type == "error" and "404 (Not Found)" not in message.text:
            self.errors.append(message.text)

    def _request(self, request: Request) -> None:
        if urlsplit(request.url).netloc not in (urlsplit(self.url).netloc, ""):
            self.foreign.append(request.url)

    def _response(self, response: Response) -> None:
        if response.status >= 400 and response.url != self.url:
            self.failed.append(f"{response.url} {response.status}")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(params=["light", "dark"])
def scheme(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=list(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(params=[*map(page_url, NAV), "404.html"])
def path(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def visit(browser: Browser, base_url: str, path: str, width: str, scheme: str) -> Iterator:
    opened = PageVisit(browser, base_url + path, width, scheme)
    yield opened
    opened.close()


def test_page_renders_cleanly_and_has_no_axe_violations(
    visit: PageVisit, axe: Axe, path: str, width: str, scheme: str
) -> None:
    page = visit.page
    expected_scheme = "slate" if scheme == "dark" else "default"
    actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert actual == expected_scheme, f"the {scheme} scheme did not apply"
    assert page.locator("h1").count() == 1, "expected exactly one <h1>"
    scroll = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert scroll <= 0, f"the page scrolls sideways by {scroll}px"
    page.evaluate(SCROLL_THROUGH)  # as a reader does, so every lazy image comes into view
    page.wait_for_load_state("networkidle")
    images = page.evaluate(
        """[...document.querySelectorAll('article img')].map(i => ({
            src: i.currentSrc || i.src, w: i.getAttribute('width'), h: i.getAttribute('height'),
            loaded: i.complete && i.naturalWidth > 0}))"""
    )
    for image in images:
        assert image["w"], f"{image['src']} has no width"
        assert image["h"], f"{image['src']} has no height"
        assert image["loaded"], f"{image['src']} did not load"
    assert not visit.foreign, f"requests to other origins: {visit.foreign}"
    assert not visit.failed, f"failed requests: {visit.failed}"
    assert not visit.errors, f"console errors: {visit.errors}"
    results = axe.run(page, options={"resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = (path.strip("/").replace("/", "-") or "home").removesuffix(".html")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}-{scheme}.png", full_page=True)


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 375, "height": 812}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    yield page
    context.close()


def test_search_finds_a_term_typed_by_keyboard(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    # The theme's scripts start after first paint; the shortcut works once they run.
    wait_until(page, THEME_MOUNTED)
    page.keyboard.press("/")  # Material's shortcut focuses the search box
    page.keyboard.type("hinge", delay=30)
    result = page.locator(".md-search-result__item").first
    result.wait_for(state="visible", timeout=10_000)
    assert "hinge" in result.inner_text().lower()
    context.close()


@pytest.mark.parametrize("path", ["progression/", "progression/kettlebell-deadlift/"])
def test_theme_scripts_are_requested_after_the_first_paint(
    browser: Browser, base_url: str, path: str
) -> None:
    """The load event can come before the first paint; the bundle must wait for the paint."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(base_url + path, wait_until="load")
    wait_until(page, "typeof document$ !== 'undefined'")
    fcp, bundle = page.evaluate(
        """() => [performance.getEntriesByName('first-contentful-paint')[0].startTime,
                  performance.getEntriesByType('resource')
                    .find(e => e.name.includes('/bundle.')).startTime]"""
    )
    assert bundle >= fcp, f"{path}: bundle requested at {bundle:.0f} ms, first paint at {fcp:.0f}"
    context.close()


@pytest.mark.parametrize(("press", "within_ms"), [(True, 2_000), (False, 6_000)])
def test_theme_scripts_start_when_the_first_image_stalls(
    browser: Browser, base_url: str, press: bool, within_ms: int
) -> None:
    """They normally wait for the first image; a key press, or 3 seconds, starts them anyway."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.route("**/img/progression/kettlebell-deadlift-*", lambda route: None)  # never answers
    page.goto(base_url + "progression/kettlebell-deadlift/", wait_until="domcontentloaded")
    assert page.evaluate("typeof document$") == "undefined", "started before the image loaded"
    if press:
        page.keyboard.press("Shift")
    wait_until(page, "typeof document$ !== 'undefined'", timeout_ms=within_ms)
    context.close()


def restyled(page: Page, change: str) -> int:
    """How many elements Chromium styles again after the script ``change`` (its trace)."""
    session = page.context.new_cdp_session(page)
    events: list[dict] = []
    session.on("Tracing.dataCollected", lambda data: events.extend(data["value"]))
    session.send("Tracing.start", {"categories": "devtools.timeline"})
    page.evaluate(f"{change}; document.body.offsetTop")
    done: list[bool] = []
    session.on("Tracing.tracingComplete", lambda _: done.append(True))
    session.send("Tracing.end")
    while not done:
        page.wait_for_timeout(20)
    session.detach()
    recalcs = [e for e in events if e.get("name") == "UpdateLayoutTree" and e.get("ph") == "X"]
    return sum(e["args"].get("elementCount", 0) for e in recalcs)


def test_icons_turn_on_without_restyling_the_page(browser: Browser, base_url: str) -> None:
    """The icons wait for the first paint (critical_css.PAINTED); turning them on restyles the
    elements that draw one, not the whole page as a change on the root does (each icon is an
    SVG image, and that restyle cost 57 ms on a step page)."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(base_url + "progression/kettlebell-deadlift/", wait_until="load")
    wait_until(page, THEME_MOUNTED)
    page.evaluate("document.documentElement.classList.remove('course-painted')")
    icons = restyled(page, "document.documentElement.classList.add('course-painted')")
    whole = restyled(page, "document.documentElement.style.setProperty('--course-probe', '1')")
    mask = "getComputedStyle(document.querySelector('.md-nav__icon'), '::after').maskImage"
    assert page.evaluate(mask).startswith("url("), "the navigation icon is not drawn"
    assert 0 < icons < whole / 3, f"icons restyled {icons} elements, a root change {whole}"
    context.close()


def test_colour_scheme_toggle_persists_across_pages(browser: Browser, base_url: str) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    wait_until(page, THEME_MOUNTED)
    assert page.evaluate(scheme) == "default", "a light device should start light"
    page.locator(".md-header label.md-header__button[for^='__palette']:visible").click()
    assert page.evaluate(scheme) == "slate", "the first tap should switch to dark"
    page.goto(base_url + "hip-hinge/", wait_until="load")
    assert page.evaluate(scheme) == "slate", "the chosen dark scheme did not persist"
    context.close()


def test_colour_scheme_switches_at_once(browser: Browser, base_url: str) -> None:
    """A tap on the toggle draws the new colours in the next frame: no colour fades in from
    the old scheme (the theme gives links, buttons and the search box colour transitions)."""
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    wait_until(page, THEME_MOUNTED)
    page.locator(".md-header label.md-header__button[for^='__palette']:visible").click()
    fading = page.evaluate(
        """new Promise(done => requestAnimationFrame(() => done(document.getAnimations()
            .filter(a => a instanceof CSSTransition && /color/.test(a.transitionProperty))
            .map(a => `${a.effect.target.className}: ${a.transitionProperty}`))))"""
    )
    assert fading == []
    context.close()


def test_the_page_scheme_follows_the_reader(browser: Browser, base_url: str) -> None:
    """The page's own colour scheme (its scrollbar, the canvas) is the reader's from the first
    paint, before the theme's scripts run, and after a switch."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url, wait_until="domcontentloaded")
    root = "getComputedStyle(document.documentElement).colorScheme"
    assert page.evaluate(root) == "dark"
    wait_until(page, THEME_MOUNTED)
    page.locator(".md-header label.md-header__button[for^='__palette']:visible").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    assert page.evaluate(root) == "light"
    context.close()


def test_drawer_opens_on_a_phone(phone: Page) -> None:
    drawer = phone.locator(".md-sidebar--primary")
    assert not drawer.is_visible() or drawer.bounding_box()["x"] < 0
    phone.locator(".md-header .course-menu").click()
    wait_until(phone, "document.getElementById('__drawer').checked")
    box = drawer.bounding_box()
    assert box is not None
    assert box["x"] >= 0, "the navigation drawer did not slide in"
    assert phone.get_by_role("link", name="The posterior chain").first.is_visible()
