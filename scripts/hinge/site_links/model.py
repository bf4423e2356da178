"""Records passed between the link checker's stages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Page(NamedTuple):
    """One HTML page after parsing and resolving: what needs a second look, nothing else.

    Links that resolved to an existing file (with no fragment to verify) are only counted.
    """

    path: str  # relative to the site, with forward slashes
    ids: frozenset[str]
    links: int  # distinct links on the page
    problems: tuple[tuple[str, str, str], ...]  # (url, kind, reason)
    fragments: tuple[tuple[str, str, str, str], ...]  # (url, kind, target page, fragment)
    external: tuple[tuple[str, str], ...]  # (url as written, URL to fetch)


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken or suspicious link, located in the site and (when found) in the Markdown."""

    page: str
    url: str
    kind: str  # "internal", "fragment", "image", "external" or "unsafe"
    reason: str
    line: int = 0  # line in the HTML page, 0 when unknown
    severity: str = "error"  # "error" fails the check, "warning" only reports
    source: str | None = None  # "docs/page.md:LINE"
