"""Map a problem in a built page back to the Markdown file and line an editor must change."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from hinge.site_links.model import Problem


def markdown_for(page: str, docs: Path) -> Path | None:
    """The Markdown source of a page built with directory URLs, if it exists.

    `a/b/index.html` comes from `a/b.md`, `a/b/index.md` or `a/b/README.md`.
    """
    if not page.endswith("index.html"):
        return None
    folder = page[: -len("index.html")].rstrip("/")
    names = ["index.md", "README.md"]
    candidates = [f"{folder}.md"] if folder else []
    candidates += [f"{folder}/{name}" if folder else name for name in names]
    for candidate in candidates:
        if (docs / candidate).is_file():
            return docs / candidate
    return None


def needles(url: str) -> list[str]:
    """Strings that the Markdown for `url` likely contains, most specific first.

    MkDocs writes `other.md#part` as `../other/#part` and `img/a.png` as `../img/a.png`.
    """
    found = [url, unquote(url)]
    path, hash_, fragment = url.partition("#")
    bare = re.sub(r"^(\./|\.\./)+", "", path)
    if bare and bare != path:
        found.append(bare + hash_ + fragment)
    if bare.endswith("/"):
        found += [bare.rstrip("/") + ".md" + hash_ + fragment, bare + "index.md" + hash_ + fragment]
    elif not bare and fragment:
        found.append("#" + fragment)
    return list(dict.fromkeys(needle for needle in found if needle))


def find_line(text: str, url: str) -> int | None:
    """The first line of `text` that contains `url` in one of its Markdown forms."""
    for needle in needles(url):
        match = re.search(r"(?<![\w.%/-])(?:\.{1,2}/)*" + re.escape(needle), text)
        if match:
            return text.count("\n", 0, match.start()) + 1
    return None


def locate(problems: list[Problem], docs: Path) -> list[Problem]:
    """Fill in `source` ("docs/page.md:LINE") for every problem whose link is in the Markdown."""
    read = cache(lambda path: path.read_text(encoding="utf-8"))
    located = []
    for problem in problems:
        source = markdown_for(problem.page, docs)
        line = find_line(read(source), problem.url) if source else None
        if source and line:
            problem = replace(problem, source=f"{source.as_posix()}:{line}")
        located.append(problem)
    return located
