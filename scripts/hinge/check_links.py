"""Check the links of the built site: files, fragments, images and (optionally) the web.

Usage: python -m hinge links [SITE_DIR] [--external] [--format text|json|github]
                                     [--docs DIR] [--base-url URL] [--cache FILE]

Every href/src/srcset/poster must resolve to a file of the site under its base path (the path
part of mkdocs.yml's `site_url`), and every #fragment to an id on the target page. Problems name
the Markdown line they came from where it can be found. `--external` also fetches http(s)
links (skipping the prefixes in mkdocs.yml's `extra.link_check.exclude`), caching good answers
in `.cache/links.json`.

Exit codes: 0 no broken links (warnings allowed), 1 broken links, 2 usage error.
Run by `make links` and the weekly links workflow. Run from the project root.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from hinge import report

log = logging.getLogger("check_links")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line; exits 2 on usage errors such as a missing site folder."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="built site (site/)")
    parser.add_argument("--external", action="store_true", help="also check http(s) links")
    report.add_format_option(parser)
    parser.add_argument("--docs", type=Path, help="Markdown sources (default: mkdocs docs_dir)")
    parser.add_argument("--base-url", help="site URL or base path (default: mkdocs site_url)")
    parser.add_argument(
        "--cache", type=Path, default=Path(".cache/links.json"), help="external results cache"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log timings to stderr")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        parser.error(f"no built site at {args.site}/: run `make build` first")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the check and print the report; 0 clean, 1 broken links, 2 usage error."""
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s"
    )
    from hinge import settings
    from hinge.site_links.check import check_site
    from hinge.site_links.report import render

    project = settings.load(Path.cwd())
    outcome = check_site(
        args.site,
        base_url=args.base_url or project.site_url,
        docs=args.docs or Path(project.docs),
        external=args.external,
        exclude=project.links_exclude,
        cache=args.cache,
    )
    report = render(outcome.problems, args.format, args.site.as_posix(), outcome.checked)
    if report:
        print(report)
    return 1 if any(p.severity == "error" for p in outcome.problems) else 0


if __name__ == "__main__":
    sys.exit(main())
