"""Make the built site work offline and install like an app: its service worker and manifest.

    python -m hinge.offline [SITE_DIR]

Run by `make build` after the Content-Security-Policy step, when every page is final. Writes
two files at the site root, so they work under any base path (``/hinge-course/`` or ``/``):

- ``service-worker.js``: ``offline_worker.js`` with this build's precache manifest, the URL of
  every file a reader needs offline with its SHA-256 and size. Listed: every page; the search
  index and the sitemap (the theme's scripts fetch them); every script and stylesheet the pages
  load, with the search shim's URL exactly as speed-scripts.html builds it
  (``search-lazy.js?<worker file>``); what their ``<style>``s load (the icon sprite); and each
  picture at the width a phone uses: the variant Chromium picks for a screen 360 to 430 CSS px
  wide at 2x and 3x, with motion allowed (the loops) or reduced (their stills;
  hinge/phone_images.py). The version is a hash of the manifest, so any changed file makes a
  new worker, with a cache of its own.
- ``manifest.webmanifest``: the site's name, language and description and the light theme
  colour (``partials/app-head.html``), as the built home page states them; the icons
  ``python -m hinge.app_icon`` draws and the image pipeline sizes; start URL and scope
  ``./``, which the browser resolves against the manifest's own URL, so they follow the base
  path. The base path itself is the home page's canonical URL's.

Pages register the worker after first paint (``overrides/assets/javascripts/course.js``).

Decision: a small worker of our own, not Workbox. `make build` needs only Python (Workbox's
build tools need Node.js, and workbox-sw loads from a CDN or must be copied into the site);
our search shim's query string must match exactly, which Workbox's defaults drop; and the
few things Workbox handles are tested here instead (tests/test_offline.py): a cache per
version with old ones deleted on activation, the 404 page for pages not cached (navigations
and the theme's instant-navigation requests alike), an all-or-nothing install that checks
each file's hash, a quota error that leaves the site working online and tells the page, and
no opaque response ever stored.

Exit codes: 0 written; 1 a listed file is missing from the site (the worker could never
install), or a page uses a media query or size this cannot evaluate; 2 usage error.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import posixpath
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from lxml import html

from hinge import atomic
from hinge.built_site import parse_site
from hinge.phone_images import phone_images

WORKER_SOURCE = Path(__file__).with_name("offline_worker.js")
WORKER = "service-worker.js"
MANIFEST = "manifest.webmanifest"
# What the theme's scripts fetch by themselves: the search index (when search opens: Material
# writes it as search/search_index.json, Zensical as search.json) and the sitemap (instant
# navigation uses it to tell the site's pages from other links).
SEARCH_INDEXES = ("search/search_index.json", "search.json")
THEME_FETCHES = ("sitemap.xml",)
# The search shim (overrides/assets/javascripts/workers/), started as "search-lazy.js?<the
# theme's worker file>" from the worker's folder by partials/speed-scripts.html.
SEARCH_SHIM = "search-lazy.js"
# The icons in the web app manifest: images/app/ through the image pipeline (512 px sources).
# WebP: a third of the PNGs' bytes, and Chromium fetches the "any" icon on every first visit.
ICONS = (("img/app/icon-512.webp", "any"), ("img/app/icon-maskable-512.webp", "maskable"))
COMPRESSED = (".html", ".js", ".json", ".css", ".xml", ".svg", ".txt", ".webmanifest")
FAKE_ORIGIN = "https://site.invalid/"
# A url() in a <style>: the icon sprite (hinge/icon_sprite.py).
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))\s*\)""")
log = logging.getLogger("offline")


@dataclass(frozen=True)
class Entry:
    """One precached file: its content hash, its size, and its size gzip-compressed."""

    sha256: str
    size: int
    transfer: int


class OfflineError(Exception):
    """A page or the site cannot be made to work offline; the message says how to fix it."""


def page_url(site: Path, path: Path) -> str:
    """The URL of a built page relative to the site root: ``a/index.html`` → ``a/``."""
    relative = path.relative_to(site).as_posix()
    if posixpath.basename(relative) == "index.html":
        return relative.removesuffix("index.html")
    return relative


def resolve(root: str, page: str, ref: str) -> str | None:
    """``ref`` as seen from ``page`` (a URL relative to the site root, which is the path
    ``root``), relative to the site root with its query; None outside the site."""
    absolute = urlsplit(urljoin(FAKE_ORIGIN + root.lstrip("/") + page, ref.strip()))
    if f"{absolute.scheme}://{absolute.netloc}/" != FAKE_ORIGIN:
        return None  # another origin, or a data: URL
    if not absolute.path.startswith(root):
        return None  # the same host, another site
    path = absolute.path.removeprefix(root)
    return path + (f"?{absolute.query}" if absolute.query else "")


def search_urls(config: str) -> list[str]:
    """From the theme's ``__config`` (as written, relative): its search worker and the shim
    URL the page starts instead, exactly as partials/speed-scripts.html builds it."""
    worker = json.loads(config).get("search")
    if not worker:
        return []
    folder, name = posixpath.split(worker)
    return [worker, posixpath.join(folder, f"{SEARCH_SHIM}?{name}")]


def references(page: bytes, root: str, url: str) -> set[str]:
    """What the page at ``url`` (under the site root path ``root``) loads, relative to the
    root, queries kept: scripts, deferred scripts, stylesheets, the files its <style>s load
    (the icon sprite), the search worker and shim, and its pictures at a phone's width."""
    doc = html.fromstring(page)
    refs = doc.xpath(
        "//script/@src | //script/@data-src"
        " | //link[contains(' stylesheet preload modulepreload ', concat(' ', @rel, ' '))]/@href"
    )
    for style in doc.xpath("//style/text()"):
        refs += ["".join(url) for url in CSS_URL.findall(style)]
    for image in doc.iter("img"):
        refs += phone_images(image)
    for config in doc.xpath("//script[@id='__config']/text()"):
        refs += search_urls(config)
    return {found for ref in refs if (found := resolve(root, url, ref)) is not None}


def file_for(site: Path, url: str) -> Path:
    """The file that serves a site-relative URL (query ignored; a folder → its index.html)."""
    path = unquote(url.partition("?")[0])
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def entry(path: Path) -> Entry:
    data = path.read_bytes()
    transfer = len(gzip.compress(data, 6)) if path.suffix in COMPRESSED else len(data)
    return Entry(hashlib.sha256(data).hexdigest(), len(data), transfer)


def precache(site: Path, root: str = "/") -> dict[str, Entry]:
    """The precache manifest of the site served at the path ``root``: every page and
    everything the pages load, by URL relative to the root (quoted, as the browser requests
    it). Raises OfflineError naming each page that uses a missing file."""
    index = next((name for name in SEARCH_INDEXES if (site / name).is_file()), SEARCH_INDEXES[0])
    fetched = (index, *THEME_FETCHES)
    wanted = dict.fromkeys(fetched, "the theme's scripts (search, instant navigation)")
    problems = []
    for path in sorted(site.rglob("*.html")):
        url = page_url(site, path)
        wanted.setdefault(url, str(path))
        try:
            for ref in references(path.read_bytes(), root, url):
                wanted.setdefault(ref, str(path))
        except ValueError as error:
            problems.append(f"{path}: {error}; extend hinge/phone_images.py or simplify the markup")
    entries = {}
    for url, user in sorted(wanted.items()):
        target = file_for(site, url)
        if not target.is_file():
            problems.append(
                f"{user}: loads {url}, which is not in the built site, so the offline copy "
                "could never install: fix the reference, or the build step that writes the file"
            )
            continue
        entries[quote(url, safe="/?=&%~")] = entry(target)
    if problems:
        raise OfflineError("\n".join(problems))
    return entries


def version(entries: dict[str, Entry]) -> str:
    """A short hash of the manifest: changes whenever any listed file does."""
    listing = json.dumps({url: e.sha256 for url, e in entries.items()}, sort_keys=True)
    return hashlib.sha256(listing.encode()).hexdigest()[:16]


def worker(entries: dict[str, Entry]) -> str:
    """The service worker's source for this manifest."""
    listing = {url: [e.sha256, e.size] for url, e in entries.items()}
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    return source.replace("{{VERSION}}", version(entries)).replace(
        "{{PRECACHE}}", json.dumps(listing, indent=1, sort_keys=True)
    )


def base_path(doc: html.HtmlElement) -> str:
    """The path the site is served under, from a built page's canonical URL ("/" without)."""
    canonical = doc.xpath("//link[@rel='canonical']/@href")
    return urlsplit(canonical[0]).path if canonical else "/"


def site_base_path(site: Path) -> str:
    """The path the built `site` is served under, from its home page."""
    return base_path(html.fromstring((site / "index.html").read_bytes()))


def home_facts(site: Path) -> dict[str, str]:
    """What the web app manifest and the precache take from the built home page: the path
    the site is served under (its canonical URL), the site's name, the language, the
    description and the light scheme's theme colour (partials/app-head.html)."""
    home = site / "index.html"
    doc = html.fromstring(home.read_bytes())

    def first(xpath: str, fix: str) -> str:
        found = doc.xpath(xpath)
        if not found:
            raise OfflineError(f"{home}: no {xpath}: {fix}")
        return found[0]

    return {
        "root": base_path(doc),
        "name": first("//meta[@property='og:site_name']/@content", "set site_name in mkdocs.yml"),
        "lang": doc.get("lang") or "en",
        "description": (doc.xpath("//meta[@name='description']/@content") or [""])[0],
        "theme_color": first(
            "//meta[@name='theme-color'][contains(@media, 'light')]/@content",
            'add {% include "partials/app-head.html" %} to main.html\'s extrahead block',
        ),
    }


def web_manifest(site: Path, facts: dict[str, str]) -> dict:
    """The web app manifest; URLs relative to it, so they follow the site's base path."""
    missing = [icon for icon, _ in ICONS if not (site / icon).is_file()]
    if missing:
        raise OfflineError(
            f"{site}: the app icons {missing} are missing: run `python -m hinge.app_icon` and "
            "`python -m hinge images` (images/app/ holds their sources)"
        )
    name = facts["name"]
    return {
        "id": "./",
        "name": name,
        "short_name": name if len(name) <= 12 else name.split()[0],
        "description": facts["description"],
        "lang": facts["lang"],
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": facts["theme_color"],
        "icons": [
            {"src": src, "sizes": "512x512", "type": "image/webp", "purpose": purpose}
            for src, purpose in ICONS
        ],
    }


def size_line(entries: Iterable[Entry]) -> str:
    listed = list(entries)
    stored = sum(e.size for e in listed) / 1e6
    sent = sum(e.transfer for e in listed) / 1e6
    return f"{len(listed)} files, {sent:.2f} MB to download (gzip), {stored:.2f} MB stored"


def main(argv: list[str] | None = None) -> int:
    site = parse_site(argv, __doc__.split("\n\n")[0])
    try:
        facts = home_facts(site)
        entries = precache(site, facts["root"])
        manifest = web_manifest(site, facts)
    except OfflineError as error:
        for line in str(error).splitlines():
            log.error("error: %s", line)
        return 1
    atomic.write(site / WORKER, worker(entries))
    atomic.write(site / MANIFEST, json.dumps(manifest, indent=1) + "\n")
    log.info("offline: version %s, %s", version(entries), size_line(entries.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
