"""Let the browser compile the theme's start-up scripts while they download: V8 compile hints.

    python -m hinge compile-hints [SITE_DIR]

The theme's bundle calls most of the functions it defines as it starts (it mounts every
component on the page). V8 compiles a function lazily, at its first call, on the main thread,
where the time blocks the reader's taps. A file whose first line is the comment
``//# allFunctionsCalledOnLoad`` is compiled whole on a background thread as it streams in
(Chrome and Edge 136 and later; other browsers see a comment). The scripts marked are the
theme's, which every page starts after first paint: ``<script type="text/x-deferred">``, as
overrides/main.html renders them. Ours are left lazy: they are small, and much of them runs
only when a reader acts.

The comment adds a line at the top, so a source map the script names gets an empty first line
too, and the browser's developer tools still point at the right source. A run on a site
already marked changes nothing. Run by `make build` after the js step and before the offline
step (which hashes every file); measured by `make bench-pages` (the scripts' main-thread time).

Exit codes: 0 done, 1 a page starts a theme script the site lacks, 2 usage error.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html

from hinge import atomic
from hinge.built_site import parse_site
from hinge.offline import file_for, page_url, resolve, site_base_path

HINT = "//# allFunctionsCalledOnLoad\n"
THEME_SCRIPTS = "//script[@type='text/x-deferred']/@data-src"
SOURCE_MAP = re.compile(r"//# sourceMappingURL=(\S+)\s*$")
log = logging.getLogger("compile_hints")


def theme_scripts(site: Path) -> tuple[set[Path], list[str]]:
    """The script files the site's pages start as the theme's, and a problem for each one a
    page names that the site lacks."""
    found: set[Path] = set()
    problems = []
    root = site_base_path(site)
    for page in sorted(site.rglob("*.html")):
        for ref in html.fromstring(page.read_bytes()).xpath(THEME_SCRIPTS):
            url = resolve(root, page_url(site, page), ref)  # as the offline step reads it
            if url is None:
                continue  # another site: not a file this build wrote
            script = file_for(site, url)
            if script.is_file():
                found.add(script)
            else:
                problems.append(f"{page}: starts {ref}, which is not in the built site")
    return found, problems


def shift_source_map(path: Path) -> None:
    """Move every mapping of the source map at `path` down one line."""
    source_map = json.loads(path.read_text(encoding="utf-8"))
    source_map["mappings"] = ";" + source_map["mappings"]
    atomic.write(path, json.dumps(source_map, separators=(",", ":")))


def mark(script: Path) -> bool:
    """Put the hint at the top of `script` and shift its source map; False if already there."""
    text = script.read_text(encoding="utf-8")
    if text.startswith(HINT):
        return False
    atomic.write(script, HINT + text)
    named = SOURCE_MAP.search(text)
    where = urlsplit(named[1]) if named else None
    if where and not where.scheme:
        source_map = script.parent / unquote(where.path)
        if source_map.is_file():
            shift_source_map(source_map)
    return True


def main(argv: list[str] | None = None) -> int:
    site = parse_site(argv, __doc__.split("\n\n")[0])
    scripts, problems = theme_scripts(site)
    marked = [script for script in sorted(scripts) if mark(script)]
    for problem in problems:
        log.error("error: %s: fix the reference, or the build step that writes the file", problem)
    log.info("compile-hints: %d theme scripts, %d newly marked", len(scripts), len(marked))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
