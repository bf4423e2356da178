"""Resolve links against the built site: files, directory URLs, base path and fragments."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from hinge.site_links.model import Page, Problem
from hinge.site_links.parse import ids_and_links, read_html

_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")


@dataclass
class Resolver:
    """The site's files and where it is served; resolving a link is a set lookup."""

    files: frozenset[str]  # every file, relative to the site, with forward slashes
    origin: str = ""  # "https://owner.github.io": absolute URLs there are internal
    base_path: str = "/"  # where the host serves the site, e.g. "/repo/"
    _folded: dict[str, str] = field(default_factory=dict, repr=False)

    def resolve(self, page: str, url: str) -> tuple[str, ...] | None:
        """Where `url` on `page` leads, as one of
        ("external", URL to fetch), ("problem", kind, reason), ("fragment", target, fragment),
        or None when it resolves to a file with nothing more to check."""
        rest, _, fragment = url.partition("#")
        path = rest.partition("?")[0]
        colon = path.find(":")
        if colon > 0 and _SCHEME_CHARS.issuperset(path[:colon]):
            scheme = path[:colon].lower()
            if scheme not in ("http", "https"):
                return None  # ftp:, sms: and the like are not ours to check
            path = path[colon + 1 :]
            if not path.startswith("//"):
                return "problem", "internal", f"malformed {scheme} URL"
        else:
            scheme = ""
        if path.startswith("//"):
            host, slash, path = path[2:].partition("/")
            path = slash + path
            inside = path.startswith(self.base_path) or path + "/" == self.base_path
            if f"{scheme or 'https'}://{host.lower()}" != self.origin or not inside:
                return "external", (rest if scheme else "https:" + rest)
        if path.startswith("/"):
            if not (path.startswith(self.base_path) or path + "/" == self.base_path):
                return "problem", "internal", f"outside the base path {self.base_path}"
            joined = path[len(self.base_path) :]
        elif path:
            folder = page.rpartition("/")[0]
            joined = f"{folder}/{path}" if folder else path
        else:
            joined = page
        if "%" in joined:
            joined = unquote(joined)
        target = posixpath.normpath(joined)
        if target == ".." or target.startswith("../"):
            return "problem", "internal", "points outside the site"
        if joined.endswith("/") or target == ".":
            target = "index.html" if target == "." else target + "/index.html"
        elif target not in self.files and target + "/index.html" in self.files:
            target += "/index.html"  # the host redirects "dir" to "dir/"
        if target not in self.files:
            return "problem", "internal", self._missing(target)
        if fragment and target.endswith((".html", ".htm")):
            return "fragment", target, fragment
        return None

    def _missing(self, target: str) -> str:
        if not self._folded:
            self._folded.update((name.casefold(), name) for name in self.files)
        twin = self._folded.get(target.casefold())
        hint = f" ({twin} exists: the host is case-sensitive)" if twin else ""
        return f"no such file: {target}{hint}"


def scan_page(resolver: Resolver, site: Path, page: str) -> Page:
    """Parse one page and resolve its links (runs in worker processes for big sites)."""
    root = read_html((site / page).read_bytes())
    if root is None:
        return Page(page, frozenset(), 0, (), (), ())
    ids, links = ids_and_links(root)
    problems, fragments, external = [], [], []
    for url, kind in links.items():
        if kind == "unsafe":
            problems.append((url, "unsafe", "javascript: URL in content"))
            continue
        result = resolver.resolve(page, url)
        if result is None:
            continue
        if result[0] == "external":
            external.append((url, result[1]))
        elif result[0] == "fragment":
            fragments.append((url, kind, result[1], result[2]))
        else:
            problems.append((url, "image" if kind == "image" else result[1], result[2]))
    return Page(page, ids, len(links), tuple(problems), tuple(fragments), tuple(external))


def page_problems(pages: list[Page]) -> list[Problem]:
    """Problems found while scanning, plus fragments missing from their target page."""
    ids = {page.path: page.ids for page in pages}
    problems = []
    for page in pages:
        problems += [Problem(page.path, url, kind, reason) for url, kind, reason in page.problems]
        for url, _kind, target, fragment in page.fragments:
            if not has_id(ids.get(target, frozenset()), fragment):
                reason = f"no id {unquote(fragment)!r} on {target}"
                problems.append(Problem(page.path, url, "fragment", reason))
    return problems


def has_id(ids: frozenset[str], fragment: str) -> bool:
    """HTML's fragment rule: the fragment as is, then percent-decoded; "top" is the page top."""
    return fragment in ids or unquote(fragment) in ids or fragment.lower() == "top"
