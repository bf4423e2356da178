"""The whole check as one function: scan pages, check fragments, fetch, locate."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from hinge.site_links.internal import Resolver, page_problems, scan_page
from hinge.site_links.model import Page, Problem
from hinge.site_links.parse import read_html, url_lines
from hinge.site_links.sources import locate

if TYPE_CHECKING:
    from hinge.site_links.external import Settings

log = logging.getLogger(__name__)
POOL_THRESHOLD = 100  # pages; below this a process pool costs more than it saves


@dataclass(frozen=True)
class Outcome:
    """Problems found and a one-line account of what was checked."""

    problems: list[Problem]
    checked: str


def check_site(
    site: Path,
    base_url: str = "/",
    docs: Path | None = None,
    external: bool = False,
    exclude: tuple[str, ...] = (),
    settings: Settings | None = None,
    cache: Path | None = None,
) -> Outcome:
    """Check every link in the built `site`; http(s) links too when `external` is true."""
    start = time.perf_counter()
    files = site_files(site)
    resolver = Resolver(frozenset(files), *split_base(base_url))
    pages = scan_pages(resolver, site, [name for name in files if name.endswith((".html", ".htm"))])
    problems = page_problems(pages)
    links = sum(page.links for page in pages)
    log.info("internal: %d pages, %d links in %.2f s", len(pages), links, _since(start))
    where: dict[str, list[tuple[str, str]]] = {}
    for page in pages:
        for written, url in page.external:
            if not url.startswith(exclude):
                where.setdefault(url, []).append((page.path, written))
    if external and where:
        from hinge.site_links.external import check_urls

        results = check_urls(list(where), settings, cache)
        for url, result in results.items():
            if result.severity:
                problems += [
                    Problem(page, written, "external", result.reason, severity=result.severity)
                    for page, written in where[url]
                ]
    problems = add_lines(site, problems)
    if docs is not None and docs.is_dir():
        problems = locate(problems, docs)
    problems.sort(key=lambda p: (p.page, p.line, p.url))
    scope = f"{len(where)} external URLs" if external else "external links not checked"
    checked = (
        f"checked {_count(links, 'link')} on {_count(len(pages), 'page')} ({scope})"
        f" in {_since(start):.2f} s"
    )
    return Outcome(problems, checked)


def site_files(site: Path) -> list[str]:
    """Every file under `site`, as sorted paths relative to it with forward slashes."""
    files = []
    for folder, _dirs, names in os.walk(site):
        rel = os.path.relpath(folder, site).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        files.extend(prefix + name for name in names)
    files.sort()
    return files


def scan_pages(resolver: Resolver, site: Path, pages: list[str]) -> list[Page]:
    """Scan `pages`, over every core when there are many."""
    scan = partial(scan_page, resolver, site)
    workers = os.cpu_count() or 1
    if len(pages) < POOL_THRESHOLD or workers < 2:
        return [scan(page) for page in pages]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(scan, pages, chunksize=max(1, len(pages) // (workers * 8))))


def add_lines(site: Path, problems: list[Problem]) -> list[Problem]:
    """Fill in the HTML line of each problem (pages with problems are parsed again)."""
    lines: dict[str, dict[str, int]] = {}
    located = []
    for problem in problems:
        if problem.page not in lines:
            root = read_html((site / problem.page).read_bytes())
            lines[problem.page] = url_lines(root) if root is not None else {}
        located.append(replace(problem, line=lines[problem.page].get(problem.url, 0)))
    return located


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _since(start: float) -> float:
    return time.perf_counter() - start


def split_base(base_url: str) -> tuple[str, str]:
    """Split a site URL into its origin ("https://host", or "") and base path ("/repo/")."""
    parts = urlsplit(base_url)
    origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}" if parts.netloc else ""
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return origin, path
