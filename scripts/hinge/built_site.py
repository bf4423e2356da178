"""The command line of a step that works on a built site (css, csp): one argument, the site."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from hinge.settings import ROOT


def parse_site(argv: list[str] | None, description: str) -> Path:
    """The site folder named on the command line (default site/), which must hold a build;
    also sets up logging for the step's messages. Exits 2 with a usage error otherwise."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site", help="built site")
    site = parser.parse_args(argv).site
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (site / "index.html").is_file():
        parser.error(f"{site}/index.html not found: build the site first")
    return site
