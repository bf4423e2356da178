"""Print the reading level (Flesch-Kincaid grade) of each built page's prose.

    python -m hinge reading-level [SITE_DIR] [--max GRADE]

Reads the built HTML (run `make build` first) and measures what readers read: paragraphs,
list items and admonition text inside the article, not tables, code or navigation.
Exit codes: 0 every page at or below --max (default 9), 1 a page above it, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PROSE = "//article//p[not(ancestor::table)] | //article//li[not(ancestor::table)][not(p)]"
DEFAULT_MAX = 9.0  # our target is grade 8; FK scores of short pages swing about a grade


def prose(page: Path) -> str:
    """The reader-facing prose of a built page, one sentence-ending line per block."""
    from lxml import html

    tree = html.fromstring(page.read_bytes())
    for junk in tree.xpath("//article//*[contains(@class, 'admonition-title')] | //pre"):
        junk.drop_tree()
    blocks = (" ".join(node.text_content().split()) for node in tree.xpath(PROSE))
    return "\n".join(b if b.endswith((".", "!", "?", ":")) else b + "." for b in blocks if b)


def grade(text: str) -> float:
    """Flesch-Kincaid grade level of ``text``."""
    import textstat

    return float(textstat.flesch_kincaid_grade(text))


def page_grades(site: Path) -> dict[str, float]:
    """Grade per built page (path relative to the site), skipping pages without prose."""
    grades = {}
    for page in sorted(site.rglob("index.html")):
        text = prose(page)
        if len(text.split()) >= 30:
            grades[page.parent.relative_to(site).as_posix() + "/"] = grade(text)
    return grades


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--max", type=float, default=DEFAULT_MAX, help="highest grade allowed")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site}/index.html not found: run `make build` first")
    grades = page_grades(args.site)
    for page, value in grades.items():
        flag = "  <- above the limit: shorter sentences, plainer words" if value > args.max else ""
        print(f"{value:5.1f}  {page}{flag}")
    return 1 if any(value > args.max for value in grades.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
