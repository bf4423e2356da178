"""Checks on the real built site: pages, titles, descriptions, privacy, 404."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree, html

import hinge.front_matter
from conftest import CONFIG, NAV, ROOT, page_url

SITE_HOST = urlsplit(CONFIG["site_url"]).hostname


def built_path(site: Path, md: str) -> Path:
    """Where MkDocs (directory URLs) writes the page for ``md``."""
    return site / page_url(md) / "index.html"


def front_matter(md: str) -> dict:
    """The front matter of docs/``md``."""
    return hinge.front_matter.read(ROOT / "docs" / md)


def test_nav_is_not_empty() -> None:
    assert len(NAV) >= 7


@pytest.mark.parametrize("md", NAV)
def test_nav_page_is_built_with_one_h1_title_and_own_description(site: Path, md: str) -> None:
    page = built_path(site, md)
    assert page.is_file(), f"{md} is in the nav but {page} was not built"
    tree = html.fromstring(page.read_bytes())
    assert len(tree.xpath("//h1")) == 1, f"{md}: expected exactly one <h1>"
    assert tree.findtext(".//title").strip(), f"{md}: empty <title>"
    description = tree.xpath("string(//meta[@name='description']/@content)")
    assert description, f"{md}: no meta description"
    assert description == front_matter(md)["description"].strip(), (
        f"{md}: the meta description must come from the page's own front matter"
    )


def test_descriptions_are_unique(site: Path) -> None:
    seen: dict[str, str] = {}
    for md in NAV:
        tree = html.fromstring(built_path(site, md).read_bytes())
        description = tree.xpath("string(//meta[@name='description']/@content)")
        assert description not in seen, f"{md} repeats the description of {seen.get(description)}"
        seen[description] = md


def test_pages_have_canonical_and_sharing_tags(site: Path) -> None:
    for md in NAV:
        tree = html.fromstring(built_path(site, md).read_bytes())
        canonical = tree.xpath("string(//link[@rel='canonical']/@href)")
        assert canonical.startswith("https://"), f"{md}: no absolute canonical URL"
        assert tree.xpath("//meta[@property='og:title']/@content"), f"{md}: no og:title"
        assert tree.xpath("//meta[@property='og:description']/@content"), f"{md}: no og:description"
        assert tree.xpath("//meta[@name='twitter:card']/@content"), f"{md}: no twitter:card"


# Elements whose URL the browser fetches by itself (links in <a> are only followed on click).
FETCHED = " | ".join(
    (
        "//script/@src",
        "//link[not(@rel='canonical')]/@href",
        "//img/@src",
        "//iframe/@src",
        "//source/@srcset",
        "//video/@src",
        "//video/@poster",
        "//audio/@src",
        "//object/@data",
        "//embed/@src",
    )
)


def third_party(url: str) -> bool:
    """True when a URL points at another origin than our own site."""
    parts = urlsplit(url.strip().split(" ")[0])
    return bool(parts.netloc) and parts.hostname != SITE_HOST


def test_no_third_party_requests(site: Path) -> None:
    offenders = []
    for page in sorted(site.rglob("*.html")):
        tree = html.fromstring(page.read_bytes())
        for url in tree.xpath(FETCHED):
            candidates = [c.strip() for c in url.split(",")] if " " in url else [url]
            offenders += [f"{page.relative_to(site)}: {c}" for c in candidates if third_party(c)]
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        for marker in ("fonts.googleapis", "fonts.gstatic", "@import url(http", "url(https://"):
            if marker in text:
                offenders.append(f"{css.relative_to(site)}: {marker}")
    assert not offenders, "the site would contact another origin:\n" + "\n".join(offenders)


def test_404_page_helps_the_reader(site: Path) -> None:
    page = site / "404.html"
    assert page.is_file()
    tree = html.fromstring(page.read_bytes())
    assert tree.xpath("string(//h1)").strip() == "Page not found"
    assert len(tree.xpath("//article//a[@href]")) >= 2


def test_footer_links_to_the_medical_disclaimer(site: Path) -> None:
    tree = html.fromstring((site / "index.html").read_bytes())
    hrefs = tree.xpath("//footer//a/@href")
    assert any(h.endswith("about/#medical-disclaimer") for h in hrefs)
    about = html.fromstring((site / "about" / "index.html").read_bytes())
    assert about.get_element_by_id("medical-disclaimer") is not None


def test_structured_data_describes_each_page(site: Path) -> None:
    for md in NAV:
        tree = html.fromstring(built_path(site, md).read_bytes())
        blocks = [json.loads(s) for s in tree.xpath("//script[@type='application/ld+json']/text()")]
        kinds = {block["@type"]: block for block in blocks}
        main = kinds.get("WebSite" if md == "index.md" else "Article")
        assert main, f"{md}: no JSON-LD Article"
        assert main["headline"], f"{md}: JSON-LD without a headline"
        assert main["datePublished"], f"{md}: JSON-LD without a date"
        if md != "index.md":
            crumbs = kinds["BreadcrumbList"]["itemListElement"]
            assert crumbs[0]["item"] == CONFIG["site_url"]
            assert crumbs[-1]["name"] == main["headline"]


def test_sitemap_and_robots(site: Path) -> None:
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {CONFIG['site_url']}sitemap.xml" in robots
    sitemap = etree.parse(site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    dates = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in sitemap.iterfind("s:url", ns)
    }
    for md in NAV:
        loc = f"{CONFIG['site_url']}{page_url(md)}"
        assert loc in dates, f"{md} not in sitemap"
        # The date the page was last reviewed (front matter), not the day of the build.
        assert dates[loc] == str(front_matter(md)["reviewed"]), f"{md}: sitemap lastmod"


def test_every_link_of_the_built_site_resolves(site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hinge", "links", str(site), "--format", "text"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
