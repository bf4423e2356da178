"""The course on the gym floor (issue 17), in a real Chromium: offline, installable, and
remembering the reader's progress.

The real site (conftest's ``site``) is copied into "deploys" served one at a time from one
address on 127.0.0.1 under the base path, with gzip (tests/serve_site.py): a copy whose
sitemap names that address, so the theme's instant navigation runs as on the live site; a
new version with a changed page; and a broken one whose page no longer matches the hash in
its worker. Offline is Chromium's own (``context.set_offline``), which the service worker's
requests obey too. Every test but the file checks needs the service worker: without
``service-worker.js`` the pages never report a saved copy and fail offline.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page

from conftest import BASE_PATH, CONFIG, NAV, ROOT, page_url
from hinge import app_icon, offline
from hinge.content_check.ladder import read_ladder, steps
from page_audit import CHROME, CHROME_ARGS, THEME_MOUNTED, wait_until
from serve_site import make_handler

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3}
READY = "document.documentElement.dataset.offline === 'ready'"
STEPS = [md for md in NAV if md.startswith("progression/") and md != "progression/index.md"]
LADDER = steps(read_ladder(ROOT / "docs"))  # each step's pages: one, or several options
REVISED = "Revised:"


def precache_of(site: Path) -> dict[str, list]:
    """The manifest written into the site's worker: URL → [SHA-256, size]."""
    source = (site / offline.WORKER).read_text(encoding="utf-8")
    return json.loads(re.search(r"const PRECACHE = (\{.*?\n\});", source, re.S).group(1))


def offline_cache(site: Path) -> str:
    """The name of the cache the site's worker keeps its version in."""
    source = (site / offline.WORKER).read_text(encoding="utf-8")
    return "hinge-course-" + re.search(r'const VERSION = "(\w+)"', source).group(1)


@contextmanager
def serving(handler: type) -> Iterator[str]:
    """A local server for ``handler`` in a thread; yields its origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class Deploy:
    """What the server serves: a symlink swapped between built sites, as a deploy swaps
    GitHub Pages' files. ``elsewhere.png`` redirects to a server of another origin."""

    def __init__(self, link: Path, origin: str, other: str) -> None:
        self.link, self.origin, self.other = link, origin, other
        self.url = origin + BASE_PATH

    def serve(self, site: Path) -> None:
        self.link.unlink(missing_ok=True)
        self.link.symlink_to(site, target_is_directory=True)


def copy_site(site: Path, out: Path, origin: str, base_path: str = BASE_PATH) -> Path:
    """``site`` copied to ``out`` with a sitemap that names ``origin`` and ``base_path`` (the
    theme's instant navigation follows only the sitemap's URLs), and its offline files
    written again."""
    shutil.copytree(site, out)
    sitemap = out / "sitemap.xml"
    text = sitemap.read_text(encoding="utf-8")
    sitemap.write_text(text.replace(CONFIG["site_url"], origin + base_path), encoding="utf-8")
    assert offline.main([str(out)]) == 0
    return out


def edit(site: Path, page: str, pattern: str, replacement: str) -> None:
    """Change the first match of ``pattern`` in a built page, as a new deploy would."""
    path = site / page
    text, found = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1)
    assert found, f"{page} has no {pattern!r}"
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def deploy(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deploy]:
    tmp = tmp_path_factory.mktemp("deploys")
    link = tmp / "served"
    other_site = tmp / "other"
    other_site.mkdir()
    shutil.copy(site / "img/progression/wall-hip-hinge-480.png", other_site / "x.png")
    with serving(make_handler(other_site, "/")) as other:
        base = make_handler(link, BASE_PATH)

        class Handler(base):  # type: ignore[misc, valid-type]
            def do_GET(self) -> None:
                if self.path == BASE_PATH + "elsewhere.png":
                    self.send_response(HTTPStatus.FOUND)
                    self.send_header("Location", f"{other}/x.png")
                    self.end_headers()
                    return
                super().do_GET()

        with serving(Handler) as origin:
            yield Deploy(link, origin, other)


@pytest.fixture(scope="module")
def versions(site: Path, deploy: Deploy, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Three deploys: "v1" the site; "v2" with a changed page; "broken", v2 with that page
    changed again after its worker was written (its hash no longer matches)."""
    tmp = tmp_path_factory.mktemp("versions")
    v1 = copy_site(site, tmp / "v1", deploy.origin)
    v2 = tmp / "v2"
    shutil.copytree(v1, v2)
    edit(v2, "hip-hinge/index.html", r"(<h1\b[^>]*>)", rf"\1{REVISED} ")
    assert offline.main([str(v2)]) == 0
    broken = tmp / "broken"
    shutil.copytree(v2, broken)
    edit(broken, "hip-hinge/index.html", REVISED, f"{REVISED} (changed after the build)")
    return {"v1": v1, "v2": v2, "broken": broken}


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh profile on a phone (390 CSS px at 3x): nothing cached, search never opened."""
    context = browser.new_context(**PHONE)
    yield context
    context.close()


def saved(context: BrowserContext, url: str) -> Page:
    """A page of ``url``, once the course reports its offline copy complete."""
    page = context.new_page()
    page.goto(url, wait_until="load")
    wait_until(page, READY, timeout_ms=30_000)
    return page


def cache_names(page: Page) -> list[str]:
    return page.evaluate("caches.keys()")


def article_images(page: Page) -> list[tuple[str, bool]]:
    """Each picture of the article, brought into view (loops load lazily), once the browser
    is done with it: the file it chose, and whether it shows."""
    for image in page.locator("article img").all():
        image.scroll_into_view_if_needed()
    wait_until(page, "[...document.querySelectorAll('article img')].every(i => i.complete)")
    return page.evaluate(
        "[...document.querySelectorAll('article img')].map(i => [i.currentSrc, i.naturalWidth > 0])"
    )


# The files ------------------------------------------------------------------------------


def test_the_precache_holds_every_page_search_and_a_phones_images(site: Path) -> None:
    listed = precache_of(site)
    pages = [page_url(md) for md in NAV] + ["404.html"]
    assert not [p for p in pages if p not in listed], "pages missing from the precache"
    config = json.loads(
        re.search(
            rb'<script id="__config"[^>]*>(.*?)</script>', (site / "index.html").read_bytes()
        ).group(1)
    )
    worker = config["search"]
    shim = f"{worker.rsplit('/', 1)[0]}/search-lazy.js?{worker.rsplit('/', 1)[1]}"
    for url in ["search/search_index.json", "sitemap.xml", worker, shim]:
        assert url in listed, f"{url} is not precached"
    assert any(u.startswith("assets/javascripts/bundle.") for u in listed), "no theme bundle"
    assert "assets/javascripts/course.js" in listed
    images = [u for u in listed if u.startswith("img/")]
    assert images, "no images precached"
    variants = (r"\.phone-960\.avif", r"\.loop-\d+\.(avif|png)")  # stills; loops, their stills
    odd = [u for u in images if not any(re.search(v + "$", u) for v in variants)]
    assert not odd, f"not what a phone loads: {odd}"
    for url, (_, size) in listed.items():
        assert offline.file_for(site, url).stat().st_size == size, url
    sent = sum(offline.entry(offline.file_for(site, url)).transfer for url in listed)
    assert sent <= 1.5e6, f"the background download is {sent / 1e6:.2f} MB, over 1.5 MB"


def test_a_listed_file_missing_fails_the_build(
    site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    image = next(u for u in precache_of(site) if u.startswith("img/progression/"))
    (copy / image).unlink()
    assert offline.main([str(copy)]) == 1
    err = caplog.text
    assert f"loads {image}, which is not in the built site" in err, err
    assert re.search(r"progression/[\w-]+/index\.html: loads", err), "the page is not named"


def test_a_page_markup_it_cannot_read_is_named(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><meta charset="utf-8"><picture><source media="(orientation: portrait)"'
        ' srcset="a.png 480w"><img src="a.png" alt=""></picture>',
        encoding="utf-8",
    )
    for name in ("a.png", offline.SEARCH_INDEXES[0], *offline.THEME_FETCHES):
        (site / name).parent.mkdir(exist_ok=True)
        (site / name).write_bytes(b"-")
    with pytest.raises(offline.OfflineError, match=r"index\.html: media query .*orientation"):
        offline.precache(site)


@pytest.mark.parametrize("index", offline.SEARCH_INDEXES, ids=["Material", "Zensical"])
def test_the_search_index_is_saved_where_the_theme_wrote_it(tmp_path: Path, index: str) -> None:
    site = tmp_path / "site"
    for name in ("index.html", index, *offline.THEME_FETCHES):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text('<!doctype html><meta charset="utf-8"><p>x', encoding="utf-8")
    assert index in offline.precache(site)


def test_the_app_icons_are_fresh() -> None:
    assert app_icon.main(["--check"]) == 0, "run `python -m hinge.app_icon`"


def test_the_maskable_icon_keeps_the_figure_in_the_safe_zone(site: Path) -> None:
    with Image.open(site / "img/app/icon-maskable-512.png") as icon:
        rgb = icon.convert("RGB")
    size = rgb.width
    teal = rgb.getpixel((0, 0))
    outside = [
        (x, y)
        for x in range(0, size, 4)
        for y in range(0, size, 4)
        if (x - size / 2) ** 2 + (y - size / 2) ** 2 > (app_icon.SAFE_RADIUS * size) ** 2
        and rgb.getpixel((x, y)) != teal
    ]
    assert not outside, f"the figure reaches outside the safe zone at {outside[:5]}"
    assert rgb.getpixel((size // 2 + 40, size // 4)) == (255, 255, 255), "no white figure"


def test_the_web_app_manifest_follows_the_base_path(site: Path) -> None:
    manifest = json.loads((site / offline.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["name"] == CONFIG["site_name"]
    assert len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == manifest["scope"] == "./"
    assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}
    for icon in manifest["icons"]:
        with Image.open(site / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"], icon["src"]


# In the browser --------------------------------------------------------------------------


def test_the_course_is_installable(
    browser: Browser, deploy: Deploy, versions: dict, tmp_path: Path
) -> None:
    deploy.serve(versions["v1"])
    # A profile on disk: Chromium installs nothing from an incognito-like context.
    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROME, args=CHROME_ARGS
    )
    page = saved(context, deploy.url)
    client = context.new_cdp_session(page)
    errors = client.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert not errors, f"Chromium will not install the course: {errors}"
    manifest = client.send("Page.getAppManifest")
    assert not manifest["errors"], manifest["errors"]
    parsed = json.loads(manifest["data"])
    assert parsed["start_url"] == "./"
    assert manifest["url"] == deploy.url + offline.MANIFEST
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_browser_bars_take_the_headers_colour(
    browser: Browser, deploy: Deploy, versions: dict, scheme: str
) -> None:
    deploy.serve(versions["v1"])
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(deploy.url, wait_until="load")
    wait_until(page, THEME_MOUNTED)
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    meta = page.evaluate(
        f"""document.querySelector("meta[name=theme-color][media*='{scheme}']").content"""
    )
    rgb = tuple(int(meta[i : i + 2], 16) for i in (1, 3, 5))
    assert header == f"rgb({rgb[0]}, {rgb[1]}, {rgb[2]})", f"{scheme}: {meta} vs header {header}"
    context.close()


def test_every_page_search_and_print_work_offline(
    phone: BrowserContext, deploy: Deploy, versions: dict
) -> None:
    deploy.serve(versions["v1"])
    page = saved(phone, deploy.url)
    assert "Available offline" in page.locator("[data-course-notice]").inner_text()
    phone.set_offline(True)
    for md in NAV:
        page.goto(deploy.url + page_url(md), wait_until="load")
        assert page.locator("h1").first.is_visible(), f"{md}: no h1 offline"
        images = article_images(page)
        assert all(loaded for _, loaded in images), f"{md}: images missing offline: {images}"
    # Search on a profile that never opened it online: the shim, the worker and the index.
    page.goto(deploy.url + "cues/", wait_until="load")
    wait_until(page, THEME_MOUNTED)
    page.locator("label.md-header__button[for='__search']").click()
    page.keyboard.type("hinge", delay=20)
    result = page.locator(".md-search-result__item").first
    result.wait_for(state="visible", timeout=10_000)
    assert "hinge" in result.inner_text().lower()
    # The cue sheet prints from the saved copy.
    page.goto(deploy.url + page_url(STEPS[0]), wait_until="load")
    wait_until(page, "!document.querySelector('[data-course-mark]').hidden")
    page.emulate_media(media="print")
    assert page.locator("#goal").is_visible()
    assert not page.locator(".md-header").is_visible(), "the print rules did not apply"
    assert not page.locator("[data-course-mark]").is_visible(), "the mark button prints"


def test_the_course_works_offline_at_the_root_of_a_host(
    phone: BrowserContext, site: Path, tmp_path: Path
) -> None:
    """The same build served at "/" (a custom domain), not under GitHub Pages' /REPO/: the
    worker takes its scope from where it is served."""
    with serving(make_handler(tmp_path / "root", "/")) as origin:
        copy_site(site, tmp_path / "root", origin, base_path="/")
        page = saved(phone, origin + "/")
        phone.set_offline(True)
        for md in (STEPS[0], "cues.md"):
            page.goto(f"{origin}/{page_url(md)}", wait_until="load")
            assert page.locator("h1").first.is_visible(), f"{md}: no h1 offline at the root"
        page.reload(wait_until="load")
        assert page.locator("h1").first.is_visible(), "a reload offline at the root fails"


def test_pages_not_saved_get_the_404_page_offline(
    phone: BrowserContext, deploy: Deploy, versions: dict
) -> None:
    deploy.serve(versions["v1"])
    page = saved(phone, deploy.url)
    phone.set_offline(True)
    response = page.goto(deploy.url + "no-such-page/", wait_until="load")
    assert response is not None
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    # The theme's instant navigation asks with XMLHttpRequest, not a navigation.
    statuses = page.evaluate(
        """urls => Promise.all(urls.map(url => new Promise(done => {
            const request = new XMLHttpRequest();
            request.open("GET", url);
            request.onload = () => done([request.status, request.responseText.includes("<h1")]);
            request.onerror = () => done(["network error", false]);
            request.send();
        })))""",
        [deploy.url + "hip-hinge/", deploy.url + "hip-hinge/?h=hinge", deploy.url + "nope/"],
    )
    assert statuses == [[200, True], [200, True], [404, True]], statuses


def test_instant_navigation_works_offline(
    phone: BrowserContext, deploy: Deploy, versions: dict
) -> None:
    deploy.serve(versions["v1"])
    page = saved(phone, deploy.url)
    wait_until(page, THEME_MOUNTED)
    phone.set_offline(True)
    page.evaluate("window.stayed = true")
    page.locator("a.md-footer__link--next").click()
    wait_until(page, "location.pathname.endsWith('/hip-hinge/')")
    wait_until(page, "document.querySelector('h1').textContent.includes('hip hinge')")
    assert page.evaluate("window.stayed === true"), "the theme reloaded instead of swapping"
    wait_until(page, "document.querySelector('link[rel=manifest]') !== null")


def mark_done(page: Page, url: str) -> None:
    """Open a step page and press "Mark this step done"."""
    page.goto(url, wait_until="load")
    button = page.get_by_role("button", name="Mark this step done")
    button.wait_for(state="visible")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"


def test_a_step_marked_done_stays_done_offline(
    phone: BrowserContext, deploy: Deploy, versions: dict
) -> None:
    deploy.serve(versions["v1"])
    saved(phone, deploy.url).close()
    phone.set_offline(True)
    page = phone.new_page()
    mark_done(page, deploy.url + page_url(LADDER[1][0].src))
    page.reload(wait_until="load")
    button = page.get_by_role("button", name="Mark this step done")
    button.wait_for(state="visible")
    assert button.get_attribute("aria-pressed") == "true", "the mark was lost on reload"
    page.goto(deploy.url + "progression/", wait_until="load")
    summary = page.locator("[data-course-progress]")
    summary.wait_for(state="visible")
    assert f"marked 1 of {len(LADDER)} steps done" in summary.inner_text()
    assert "Saved on this device" in summary.inner_text()
    # The step opened last is done, so "continue" points at the next one.
    link = page.get_by_role("link", name=re.compile("Continue where you left off"))
    assert link.get_attribute("href").endswith("/" + page_url(LADDER[2][0].src))
    page.get_by_role("button", name="Clear my progress").click()
    assert f"marked 0 of {len(LADDER)} steps done" in summary.inner_text()
    assert "cleared" in summary.locator("[role=status]").inner_text()


def test_one_option_done_is_the_step_done(
    phone: BrowserContext, deploy: Deploy, versions: dict
) -> None:
    """Pages that share a step are options: one of them done, the step is done, and
    "continue" goes past the others."""
    deploy.serve(versions["v1"])
    at = next(i for i, options in enumerate(LADDER) if len(options) > 1)
    page = phone.new_page()
    mark_done(page, deploy.url + page_url(LADDER[at][-1].src))
    page.goto(deploy.url, wait_until="load")
    summary = page.locator("[data-course-progress]")
    summary.wait_for(state="visible")
    assert f"marked 1 of {len(LADDER)} steps done" in summary.inner_text()
    link = page.get_by_role("link", name=re.compile("Continue where you left off"))
    after = LADDER[at + 1][0] if at + 1 < len(LADDER) else LADDER[0][0]
    assert link.get_attribute("href").endswith("/" + page_url(after.src))


def test_progress_offers_nothing_without_javascript(
    browser: Browser, deploy: Deploy, versions: dict
) -> None:
    deploy.serve(versions["v1"])
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("", "progression/", page_url(STEPS[0])):
        page.goto(deploy.url + path, wait_until="load")
        assert page.locator("h1").first.is_visible()
        for selector in ("[data-course-mark]", "[data-course-progress]", "button"):
            shown = [e for e in page.locator(f"article {selector}").all() if e.is_visible()]
            assert not shown, f"/{path}: {selector} shows without JavaScript"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_progress_is_accessible(
    browser: Browser, deploy: Deploy, versions: dict, scheme: str
) -> None:
    deploy.serve(versions["v1"])
    context = browser.new_context(color_scheme=scheme, **PHONE)
    page = saved(context, deploy.url + page_url(STEPS[0]))
    page.get_by_role("button", name="Mark this step done").click()
    axe = Axe()
    for path in (page_url(STEPS[0]), "progression/", ""):
        page.goto(deploy.url + path, wait_until="load")
        wait_until(
            page,
            "[...document.querySelectorAll('[data-course-mark], "
            "[data-course-progress]')].some(e => !e.hidden)",
        )
        results = axe.run(page, options={"resultTypes": ["violations"]})
        assert results.violations_count == 0, results.generate_report()
    # The focus ring shows on the keyboard's way to the button.
    button = page.get_by_role("button", name="Clear my progress")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = button.evaluate(
        "b => getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth"
    )
    assert not outline.startswith("none"), f"no visible focus: {outline}"
    context.close()


def test_a_new_deploy_shows_at_the_next_link_and_removes_the_old_cache(
    phone: BrowserContext, deploy: Deploy, versions: dict
) -> None:
    deploy.serve(versions["v1"])
    page = saved(phone, deploy.url)
    wait_until(page, THEME_MOUNTED)
    assert cache_names(page) == [offline_cache(versions["v1"])]
    phone.set_offline(True)
    deploy.serve(versions["v2"])
    phone.set_offline(False)  # the page looks for a new version when the network returns
    wait_until(page, "document.documentElement.dataset.offlineUpdate === 'ready'", 30_000)
    page.evaluate("window.stayed = true")
    page.locator("a.md-footer__link--next").click()  # the theme would swap the content
    page.wait_for_url(deploy.url + "hip-hinge/")
    wait_until(page, f"document.querySelector('h1').textContent.includes('{REVISED}')")
    assert page.evaluate("window.stayed") is None, "the new version loaded into the old page"
    wait_until(
        page, "document.querySelector('[data-course-notice]').textContent.includes('updated')"
    )
    assert cache_names(page) == [offline_cache(versions["v2"])]
    phone.set_offline(True)
    page.goto(deploy.url + "hip-hinge/", wait_until="load")
    assert REVISED in page.locator("h1").inner_text()


def test_a_file_that_fails_its_hash_keeps_the_old_version(
    phone: BrowserContext, deploy: Deploy, versions: dict
) -> None:
    deploy.serve(versions["v1"])
    page = saved(phone, deploy.url)
    deploy.serve(versions["broken"])
    phone.set_offline(True)
    phone.set_offline(False)  # the page looks for a new version when the network returns
    wait_until(page, "document.documentElement.dataset.offlineUpdate === 'failed'", 30_000)
    assert cache_names(page) == [offline_cache(versions["v1"])], "a partial cache was left"
    phone.set_offline(True)
    page.goto(deploy.url + "hip-hinge/", wait_until="load")
    assert REVISED not in page.locator("h1").inner_text(), "a page of the failed version shows"


@pytest.mark.parametrize("share", [0.01, 0.5])
def test_a_full_disk_fails_cleanly_and_the_site_works_online(
    phone: BrowserContext, deploy: Deploy, versions: dict, share: float
) -> None:
    """Storage (Chromium's quota for the origin) that fills at once, or halfway through."""
    deploy.serve(versions["v1"])
    page = phone.new_page()
    quota = int(share * sum(size for _, size in precache_of(versions["v1"]).values()))
    client = phone.new_cdp_session(page)
    client.send("Storage.overrideQuotaForOrigin", {"origin": deploy.origin, "quotaSize": quota})
    page.goto(deploy.url, wait_until="load")
    wait_until(page, "document.documentElement.dataset.offline === 'failed'", 30_000)
    reason = page.evaluate("document.documentElement.dataset.offlineReason")
    assert reason == "QuotaExceededError"
    assert "short of storage" in page.locator("[data-course-notice]").inner_text()
    assert cache_names(page) == []
    page.goto(deploy.url + "hip-hinge/", wait_until="load")
    assert page.locator("h1").inner_text() == "The hip hinge"
    wait_until(page, "document.documentElement.dataset.offline === 'failed'")
    assert page.evaluate("navigator.serviceWorker.getRegistration()") is None, (
        "a second download started on the next page of the same visit"
    )


def test_other_origins_and_opaque_responses_are_never_stored(
    phone: BrowserContext, deploy: Deploy, versions: dict
) -> None:
    deploy.serve(versions["v1"])
    page = saved(phone, deploy.url)
    wait_until(page, "navigator.serviceWorker.controller !== null")
    wide = "img/progression/wall-hip-hinge-1600.png"  # not a phone's: kept once seen
    page.evaluate(
        """urls => Promise.all(urls.map(src => new Promise(done => {
            const image = new Image();
            image.onload = image.onerror = done;
            image.src = src;
        })))""",
        [deploy.url + wide, deploy.url + "elsewhere.png", deploy.other + "/x.png"],
    )
    page.evaluate(f"fetch('{deploy.other}/x.png', {{mode: 'no-cors'}}).catch(() => null)")
    page.wait_for_timeout(300)  # the worker stores after answering
    stored = page.evaluate(
        "caches.keys().then(names => Promise.all(names.map(n => caches.open(n)"
        ".then(c => c.keys()).then(keys => keys.map(k => k.url))))).then(l => l.flat())"
    )
    assert deploy.url + wide in stored, "the positive control: a same-origin image is kept"
    foreign = [url for url in stored if not url.startswith(deploy.url)]
    assert not foreign, f"stored from another origin: {foreign}"
    assert deploy.url + "elsewhere.png" not in stored, "an opaque redirect was stored"


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_picks_match_the_browsers_on_a_small_phone(
    browser: Browser, deploy: Deploy, versions: dict, motion: str
) -> None:
    """The other end of the phones the precache serves, 360 CSS px at 2x, with loops moving
    or (reduced motion) still."""
    deploy.serve(versions["v1"])
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, reduced_motion=motion
    )
    page = context.new_page()
    listed = {deploy.url + url for url in precache_of(versions["v1"])}
    for md in [*STEPS, "hinge-vs-squat.md"]:
        page.goto(deploy.url + page_url(md), wait_until="load")
        loaded = {src for src, _ in article_images(page)}
        assert loaded, f"{md}: no pictures"
        assert loaded <= listed, f"{md}: {loaded - listed} not precached"
    context.close()
