"""Write a built site's robots.txt: every page may be crawled, and where the sitemap is.

    python -m hinge robots [SITE_DIR]

A step of `python -m hinge build` after the generator, so MkDocs and Zensical publish the same
file: the sitemap's address needs the site's URL (mkdocs.yml's ``site_url``, which the Pages
deploy sets), and Zensical copies a template such as ``overrides/robots.txt`` as it is, with
its ``{{ config.site_url }}`` unrendered. Without an absolute ``site_url`` there is no sitemap
line (a relative one is not allowed there).

Exit codes: 0 written, 2 usage error.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from hinge import atomic, settings
from hinge.built_site import parse_site


def robots(site_url: str) -> str:
    """robots.txt for a site published at `site_url`."""
    text = "User-agent: *\nAllow: /\n"
    if urlsplit(site_url).scheme in ("http", "https"):
        text += f"\nSitemap: {urljoin(site_url.rstrip('/') + '/', 'sitemap.xml')}\n"
    return text


def main(argv: list[str] | None = None) -> int:
    site = parse_site(argv, __doc__.split("\n\n")[0])
    atomic.write(site / "robots.txt", robots(settings.load().site_url))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
