"""scripts/hinge/robots.py: the build writes robots.txt, so MkDocs and Zensical publish the same."""

from __future__ import annotations

from pathlib import Path

from conftest import CONFIG
from hinge.robots import robots


def test_the_built_site_allows_crawling_and_names_its_sitemap(site: Path) -> None:
    text = (site / "robots.txt").read_text(encoding="utf-8")
    assert text == f"User-agent: *\nAllow: /\n\nSitemap: {CONFIG['site_url']}sitemap.xml\n"
    assert (site / "sitemap.xml").is_file()


def test_a_site_url_without_a_slash_or_host_is_handled() -> None:
    assert robots("https://example.org/course").endswith(
        "Sitemap: https://example.org/course/sitemap.xml\n"
    )
    assert "Sitemap" not in robots("/course/")  # a relative sitemap address is not allowed
