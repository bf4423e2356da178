"""Screenshots of the built site, to judge it as a reader would.

    python tests/screenshots.py [--site DIR] [--out DIR] [--page URL ...] [--full-page]

Serves the built site on 127.0.0.1 (gzip, base path, as GitHub Pages does) and writes, for
each page, a PNG at phone (360x740) and desktop (1280x800) width in the light and the dark
scheme: ``OUT/<page>-<phone|desktop>-<light|dark>.png``. Uses the system Chromium. Then three
frames of two loops as served (their AVIF in the built site, decoded): the start, halfway
through the first move, and the second key position, ``OUT/loop-<name>-<1|2|3>-<what>.png``.

Exit codes: 0 written, 2 usage error (no built site, no Chromium).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config
from PIL import Image
from playwright.sync_api import Browser, Page, sync_playwright

from hinge.diagrams.loops import LOOPS
from hinge.diagrams.motion import frames
from page_audit import CHROME, CHROME_ARGS, THEME_MOUNTED, wait_until
from serve_site import serve

ROOT = Path(__file__).resolve().parents[1]
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}
SCHEMES = ("light", "dark")
PAGES = ("", "progression/kettlebell-deadlift/")
SHOWN_LOOPS = ("progression/kettlebell-deadlift.loop.webp", "hinge-vs-squat.loop.webp")


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
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        reduced_motion="reduce",
        service_workers="block",  # the same picture on every run: no "Available offline" notice
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


def loop_frames(site: Path, out: Path, names: tuple[str, ...] = SHOWN_LOOPS) -> list[Path]:
    """Three frames of each loop as a reader's browser gets it (the AVIF the built site serves):
    its first key, halfway to the second, and the second key. Returns the files written."""
    images = json.loads((site / "img" / "manifest.json").read_text(encoding="utf-8"))["images"]
    written = []
    for name in names:
        shown = frames(LOOPS[name])
        keys = [
            i
            for i, (figs, _) in enumerate(shown)
            for k in LOOPS[name].keys[:2]
            if figs is k.figures
        ]
        picks = {"start": keys[0], "moving": (keys[0] + keys[1]) // 2, "key": keys[1]}
        (avif,) = (v for v in images[name]["variants"] if v["format"] == "avif")
        stem = name.removesuffix(".loop.webp").rsplit("/", 1)[-1]
        with Image.open(site / "img" / avif["path"]) as loop:
            for number, (what, index) in enumerate(picks.items(), 1):
                loop.seek(index)
                target = out / f"loop-{stem}-{number}-{what}.png"
                loop.convert("RGB").save(target)
                written.append(target)
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
    written = shoot(args.site, args.out, tuple(args.page or PAGES), args.full_page)
    for path in [*written, *loop_frames(args.site, args.out)]:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
