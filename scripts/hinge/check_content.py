"""Check the site's content before MkDocs builds it; every problem is one line.

    python -m hinge check [--format text|json|github]

Checks every page under docs/: front matter against one schema
(hinge/content_check/schema.py), image alt text (HTML <img> too) and files, one H1 and no
skipped heading levels, the step pages' sections, and nothing that could run code (<script>,
on...= handlers, javascript: URLs; also in includes/). Across pages, it stops what
`mkdocs build --strict` would: a link to a missing page, folder or #anchor, and a page left
out of (or a nav entry with no page in) mkdocs.yml's nav. It also checks that
includes/abbreviations.md and docs/glossary.md list the same terms, data/testimonials.yml
(through scripts/hinge/testimonials.py), data/people.yml (scripts/hinge/people.py; front
matter's author and reviewer name its ids) and the spelling of the prose (codespell, with the
word list in .codespell-ignore). A file that is not UTF-8 is named with its line and left out.
Lines read ``FILE:LINE: what is wrong — how to fix it``; warnings (example testimonials and
people, TODO prompts left by scripts/hinge/new_page.py) say ``warning:`` and do not fail.
`--format github` prints workflow annotations (the default when GITHUB_ACTIONS=true).

Run from the project root by `make check`, `make build`, pre-commit and the tests.
Exit codes: 0 no problems (warnings allowed), 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from hinge import report, settings
from hinge.content_check.project import check_project


def main(argv: list[str] | None = None) -> int:
    """Check the project in the current directory; print findings; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    report.add_format_option(parser)
    args = parser.parse_args(argv)
    root = Path.cwd()
    docs = settings.load(root).docs
    if not (root / docs).is_dir():
        parser.error(f"no {docs}/ folder here: run from the project root")
    findings, pages = check_project(root, dt.date.today())
    code = report.emit(findings, args.format)
    print(
        f"check_content: {report.plural(pages, 'page')}, {report.tally(findings)}", file=sys.stderr
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
