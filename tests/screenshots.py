"""Screenshots of the built site, to judge it as a reader would.

    python tests/screenshots.py [--site DIR] [--out DIR] [--page URL ...] [--full-page]

Serves the built site on 127.0.0.1 (gzip, base path, as GitHub Pages does) and writes, for
each page, a PNG at phone (360x740) and desktop (1280x800) width in the light and the dark
scheme: ``OUT/<page>-<phone|desktop>-<light|dark>.png``. Uses the system Chromium.

Exit codes: 0 written, 2 usage error (no built site, no Chromium).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config
from playwright.sync_api import Browser, Page, sync_playwright

from page_audit import CHROME, CHROME_ARGS, THEME_MOUNTED, wait_until
from serve_site import serve

ROOT = Path(__file__).resolve().parents[1]
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}
SCHEMES = ("light", "dark")
PAGES = ("", "progression/kettlebell-deadlift/")


def base_path() -> str:
    """The path the site lives under (GitHub Pages serves it at /REPO/)."""
    return urlsplit(load_config(str(ROOT / "mkdocs.yml"))["site_url"]).path or "/"


def theme_ready(page: Page) -> None:
    """Wait until the theme's scripts have started (they start after first paint)."""
    wait_until(page, THEME_MOUNTED)


def open_page(browser: Browser, url: str, viewport: str, scheme: str) -> Page:
    """A fresh page at ``viewport`` in ``scheme``, loaded, with the theme running."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(url, wait_until="load")
    theme_ready(page)
    return page


def name_of(path: str) -> str:
    """A file name for a page path: '' → 'home', 'a/b/' → 'a-b'."""
    return path.strip("/").replace("/", "-") or "home"


def shoot(site: Path, out: Path, pages: tuple[str, ...], full_page: bool) -> list[Path]:
    """Write a screenshot of every page, viewport and scheme into ``out``; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serve(site, base_path()) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME, args=CHROME_ARGS)
        for path in pages:
            for viewport in VIEWPORTS:
                for scheme in SCHEMES:
                    page = open_page(browser, base + path, viewport, scheme)
                    target = out / f"{name_of(path)}-{viewport}-{scheme}.png"
                    page.screenshot(path=target, full_page=full_page)
                    page.context.close()
                    written.append(target)
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site (site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="output folder")
    parser.add_argument("--page", action="append", help="page path, e.g. cues/ (repeatable)")
    parser.add_argument("--full-page", action="store_true", help="whole page, not the viewport")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"error: no built site in {args.site}: run `make build` first", file=sys.stderr)
        return 2
    if not Path(CHROME).exists():
        print("error: Chromium is missing: sudo apt install chromium", file=sys.stderr)
        return 2
    for path in shoot(args.site, args.out, tuple(args.page or PAGES), args.full_page):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
