"""The icon sprite (hinge/icon_sprite.py): every icon of the inline CSS drawn from one SVG file,
exactly as its data URL drew it, in a real Chromium; the pages point to it, a step page loads
it once, and the offline copy keeps it."""

from __future__ import annotations

import io
import json
import re
import shutil
from base64 import b64encode
from html import escape
from pathlib import Path
from urllib.parse import quote, urljoin

from lxml import etree
from PIL import Image, ImageChops
from playwright.sync_api import Browser

from conftest import BASE_PATH
from hinge import settings
from hinge.critical_css import OURS, SLOT, critical_css, mkdocs_icons, theme_stylesheets
from hinge.icon_sprite import SVG_NS, make
from page_audit import THEME_MOUNTED, wait_until
from serve_site import serve

TRIANGLE = (
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><path d='M2 2h20L2 22z'/></svg>"
)
SPRITE_URL = re.compile(r"url\(([^)#]*icons\.[0-9a-f]{8}\.svg)#([\w-]+)\)")


def test_icons_are_read_however_the_css_writes_them() -> None:
    """Raw (the theme's, with a CSS escape), percent-encoded (ours, admonition_icons), base64;
    one image held by two properties is one icon; what is no usable SVG stays a data URL."""
    raw = TRIANGLE.replace("<path", "\\3c path")
    with_id = TRIANGLE.replace("<path", "<path id='p'")
    css = (
        f':root{{--a-icon:url("data:image/svg+xml;charset=utf-8,{raw}");'
        f"--b-icon:url('data:image/svg+xml;charset=utf-8,{quote(TRIANGLE.replace('M2', 'M3'))}');"
        f"--c-icon:url(data:image/svg+xml;base64,{b64encode(TRIANGLE.encode()).decode()});"
        f'--d-icon:url("data:image/svg+xml;charset=utf-8,{raw}");'
        "--e-icon:url('data:image/svg+xml,<svg');"
        "--f-icon:url(\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>\");"
        f'--g-icon:url("data:image/svg+xml,{with_id}")}}'
    )
    sprite = make(css)
    assert sprite
    assert [icon.name for icon in sprite.icons] == ["i0", "i1", "i2"]
    assert re.fullmatch(r"assets/images/icons\.[0-9a-f]{8}\.svg", sprite.path)
    linked = sprite.linked(css, "../../")
    href = f"../../{sprite.path}"
    assert f"--a-icon:url({href}#i0)" in linked
    assert f"--d-icon:url({href}#i0)" in linked, "the same image is the same view"
    assert "--e-icon:url('data:image/svg+xml,<svg')" in linked, "broken: stays"
    assert '--f-icon:url("data:' in linked, "no size: stays"
    assert '--g-icon:url("data:' in linked, "an id that could clash: stays"
    root = etree.fromstring(sprite.data)
    views = root.findall(f"{{{SVG_NS}}}view")
    assert [(v.get("id"), v.get("viewBox")) for v in views] == [
        ("i0", "0 0 24 24"),
        ("i1", "48 0 24 24"),
        ("i2", "96 0 24 24"),
    ]
    assert make(":root{--x:1px}") is None


def test_the_sprite_draws_each_icon_as_its_data_url_did(
    site: Path, browser: Browser, base_url: str
) -> None:
    """Every icon of the built site, drawn as a mask at the sizes the theme uses, from its data
    URL and from its view in the sprite the build wrote: the same pixels."""
    ours = [settings.ROOT / p for p in OURS]
    css = critical_css(site, theme_stylesheets(site), ours, mkdocs_icons(settings.load()))
    sprite = make(css)
    assert sprite
    assert (site / sprite.path).read_bytes() == sprite.data, "the built sprite is not this build's"
    found, path = sprite.icons, sprite.path
    assert len(found) >= 10
    cells = "".join(
        f'<i style="{escape(f"--m:url({url});width:{size}px;height:{size}px")}"></i>'
        for icon in found
        for size in (24, 18, 13)
        for url in (json.dumps(icon.url), f"{BASE_PATH}{path}#{icon.name}")
    )
    page = browser.new_page(viewport={"width": 200, "height": 1400}, device_scale_factor=2)
    page.goto(base_url + "404.html")
    page.evaluate(
        """cells => {
        document.body.innerHTML = '<div id=grid>' + cells + '</div>';
        const style = document.createElement('style');
        style.textContent = '#grid{display:grid;grid-template-columns:repeat(6,28px);'
          + 'background:#fff}#grid i{display:block;background:#000;'
          + '-webkit-mask:var(--m) center/contain no-repeat;'
          + 'mask:var(--m) center/contain no-repeat}';
        document.head.append(style);
    }""",
        cells,
    )
    page.wait_for_load_state("networkidle")
    shot = Image.open(io.BytesIO(page.locator("#grid").screenshot())).convert("L")
    page.close()
    cell, row_height = 28 * 2, 24 * 2  # device pixels
    blank, different = [], []
    for row, icon in enumerate(found):
        for size in range(3):
            left, top = size * 2 * cell, row * row_height
            from_data_url = shot.crop((left, top, left + cell, top + row_height))
            from_sprite = shot.crop((left + cell, top, left + 2 * cell, top + row_height))
            if from_data_url.getextrema()[0] > 128:
                blank.append(icon.name)
            if ImageChops.difference(from_data_url, from_sprite).getextrema()[1] > 8:
                different.append(icon.name)
    assert not blank, f"not drawn from their data URLs: {sorted(set(blank))}"
    assert not different, f"drawn differently from the sprite: {sorted(set(different))}"


def test_pages_point_to_one_sprite_that_the_offline_copy_keeps(site: Path) -> None:
    """Each page by a relative URL (the 404 page by the base path), so the site works under
    any base path."""
    [sprite] = (site / "assets/images").glob("icons.*.svg")
    views = {v.get("id") for v in etree.parse(sprite).iter(f"{{{SVG_NS}}}view")}
    for page in sorted(site.rglob("*.html")):
        slot = SLOT.search(page.read_text(encoding="utf-8"))
        assert slot, page
        assert "data:image/svg" not in slot[0], f"{page}: an icon is still a data URL"
        used = SPRITE_URL.findall(slot[0])
        here = "https://x.invalid" + BASE_PATH + page.relative_to(site).as_posix()
        assert {urljoin(here, url) for url, _ in used} == {
            f"https://x.invalid{BASE_PATH}assets/images/{sprite.name}"
        }, page
        assert page.name == "404.html" or not used[0][0].startswith("/"), page
        assert {view for _, view in used} <= views, page
    worker = (site / "service-worker.js").read_text(encoding="utf-8")
    assert f'"assets/images/{sprite.name}"' in worker


def test_turning_the_icons_on_loads_one_file(browser: Browser, base_url: str) -> None:
    """On a step page, every icon a reader sees comes from the sprite, in one request."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    images: list[str] = []
    page.on("request", lambda r: r.resource_type == "image" and images.append(r.url))
    page.goto(base_url + "progression/kettlebell-deadlift/", wait_until="load")
    wait_until(page, THEME_MOUNTED)
    page.wait_for_load_state("networkidle")
    masks = page.evaluate(
        """[...document.querySelectorAll('*')].flatMap(e => ['::before', '::after']
            .map(p => getComputedStyle(e, p).maskImage)).filter(m => m && m !== 'none')"""
    )
    assert len(masks) > 10
    assert [m for m in masks if "/icons." not in m] == []
    # The theme's icons and those mkdocs.yml gives admonitions alike.
    for element, pseudo in (
        (".md-nav__icon", "::after"),
        (".fault > .admonition-title", "::before"),
    ):
        mask = f"getComputedStyle(document.querySelector('{element}'), '{pseudo}').maskImage"
        assert "/icons." in page.evaluate(mask), element
    assert len([url for url in images if "/icons." in url]) == 1, images
    context.close()


def test_the_icons_stay_after_instant_navigation(
    browser: Browser, site: Path, tmp_path: Path
) -> None:
    """The theme's instant navigation keeps the first page's <style>s: the icons of a page
    reached by a tap still come from the sprite, drawn (their URLs were resolved against the
    first page, two folders up from the step page)."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    with serve(copy, BASE_PATH) as base_url:
        # The theme navigates instantly only to the URLs its sitemap lists.
        sitemap = copy / "sitemap.xml"
        text = sitemap.read_text(encoding="utf-8")
        sitemap.write_text(text.replace(settings.load().site_url, base_url), encoding="utf-8")
        icons_after_a_tap(browser, base_url)


def icons_after_a_tap(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base_url, wait_until="load")
    wait_until(page, THEME_MOUNTED)
    page.evaluate("window.sameDocument = true")
    page.locator(".md-nav__link[href$='progression/kettlebell-deadlift/']").first.click()
    wait_until(page, "location.pathname.endsWith('/progression/kettlebell-deadlift/')")
    wait_until(page, "document.querySelector('.admonition.fault')")
    assert page.evaluate("window.sameDocument"), "the tap loaded a new document"
    page.wait_for_load_state("networkidle")
    fault = page.evaluate(
        "getComputedStyle(document.querySelector('.admonition.fault > .admonition-title'),"
        " '::before').maskImage"
    )
    assert fault.startswith(f'url("{base_url}assets/images/icons.'), fault
    loaded = page.evaluate(
        "performance.getEntriesByType('resource').filter(e => e.name.includes('/icons.'))"
        ".map(e => e.responseStatus)"
    )
    assert loaded == [200]
    page.close()
