"""Load and check data/testimonials.yml, the one file that holds member reviews.

Every problem is one line, ``FILE:LINE: what is wrong — how to fix it``. Each quote appears
once and has at most `QUOTE_MAX` characters; a source is an http(s) URL. The disclosures the
endorsement rules ask for (16 CFR 255.5, 465.4-5) are fields shown on the card: `connection`
(staff, relative, free sessions), `incentive`, and `typical_results`, required when
`results_claim: true` (a quote about results or health, 255.2). While placeholder
entries (``example: true``) remain, a warning says so; the build still passes, because the
site labels them on every card. The Markdown extension ``site_markdown.testimonials`` uses
`load` to render the cards, and leaves placeholders out when `production()` is true (the
deploy build sets ``HINGE_PRODUCTION=1``; this is the one place that reads it). Paths (the
data file, avatars) are relative to the current directory, the project root.

Run by ``make build`` before MkDocs, and by CI:

    python -m hinge testimonials [--file data/testimonials.yml] [--format text|json|github]

Exit codes: 0 valid (warnings allowed), 1 problems found, 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node

from hinge.report import Finding
from hinge.yaml_fields import CONTROL, Checker, Field, data_command, placeholders

DEFAULT_FILE = "data/testimonials.yml"
KNOWN_TAGS = ("beginners", "coaching", "technique", "back-friendly", "strength", "community")
DISCLOSURES = ("connection", "incentive", "typical_results")
CONSENT = "{given: 2026-11-01, method: email}"
FIELDS = (
    Field(
        "quote",
        "quote",
        True,
        'quote: "Clear, friendly coaching."',
        "add the member's words as plain text",
    ),
    Field(
        "name", "plain", True, 'name: "Jordan P."', "add the name as the member agreed to be shown"
    ),
    Field("avatar", "image", False, "avatar: images/avatars/jordan.jpg"),
    Field("source", "source", False, "source: https://example.com/reviews/1"),
    Field("date", "date", True, "date: 2026-11-01", "add the review date as YYYY-MM-DD"),
    Field("tags", "choices", False, "tags: [coaching, beginners]", choices=KNOWN_TAGS),
    Field(
        "consent",
        "node",
        True,
        f"consent: {CONSENT}",
        'record written consent, or write "consent: example" for a placeholder',
    ),
    Field("example", "flag", False, "example: true"),
    Field("connection", "plain", False, 'connection: "Works here as a coach"'),
    Field("incentive", "plain", False, 'incentive: "A free month of coaching"'),
    Field("typical_results", "plain", False, 'typical_results: "Results vary; most take 8 weeks"'),
    Field("results_claim", "flag", False, "results_claim: true"),
)
CONSENT_FIELDS = (
    Field(
        "given", "date", True, "given: 2026-11-03", "add the date the member agreed, as YYYY-MM-DD"
    ),
    Field(
        "method", "plain", True, "method: email", "say how they agreed, e.g. email or signed form"
    ),
    Field("record", "plain", False, 'record: "consent log 2026-014"'),
)
PRODUCTION_VARIABLE = "HINGE_PRODUCTION"
QUOTE_MAX = 500  # characters, about 80 words: the most a card shows well
HELP = "see STYLE.md"


@dataclass(frozen=True)
class Testimonial:
    """A valid entry, ready to render."""

    quote: str
    name: str
    date: dt.date
    line: int
    avatar: str | None = None
    source: str | None = None
    tags: tuple[str, ...] = ()
    example: bool = False
    connection: str | None = None
    incentive: str | None = None
    typical_results: str | None = None


def production() -> bool:
    """True in the deploy build (``HINGE_PRODUCTION=1``): placeholders are never published."""
    return os.environ.get(PRODUCTION_VARIABLE, "").strip().lower() in ("1", "true", "yes")


def load(path: Path, shown: str | None = None) -> tuple[list[Testimonial], list[Finding]]:
    """Read `path`; return the valid entries and the problems (invalid entries are left out).

    The problems name the file `shown` (default: `path`).
    """
    checker = _Checker(shown or path.as_posix())
    entries: list[Testimonial] = []
    first: dict[str, int] = {}  # each quote, compared case-insensitively
    for node in checker.read_list(path, "testimonials", "- quote:"):
        entry = checker.entry(node, FIELDS, Testimonial)
        if entry is None:
            continue
        if line := checker.first(first, entry.quote.casefold(), node):
            checker.add(node, f"the same quote as the entry on line {line} — keep one of the two")
        else:
            entries.append(entry)
    return entries, checker.findings


def web_url(value: str) -> bool:
    """True for an absolute http(s) URL with a host, and no spaces, backslashes or user name.

    The renderer links only such URLs, so a card never links to javascript:, file: or a
    Windows share (``\\\\host\\share``, which browsers read as ``//host/share``).
    """
    if "\\" in value or CONTROL.search(value) or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # e.g. an unclosed [IPv6 address
        return False
    return parts.scheme in ("http", "https") and bool(host) and "@" not in parts.netloc


class _Checker(Checker):
    """The testimonials' own kinds (quote, source) and rules (consent, results claims)."""

    noun = "testimonial"
    record = "record the member's written consent"

    def check_quote(self, node: Node, field: Field) -> str | None:
        value = self.check_plain(node, field)
        if value is not None and len(value) > QUOTE_MAX:
            message = (
                f'"quote" is {len(value):,} characters — a card shows at most {QUOTE_MAX}: copy a '
                'shorter passage word for word, and link the full review with "source"'
            )
            self.add(node, message)
            return None
        return value

    def check_source(self, node: Node, field: Field) -> str | None:
        value = self.check_plain(node, field)
        if value is None or web_url(value):
            return value
        message = (
            '"source" must be the web address of the full review, starting with https:// '
            "— e.g. https://example.com/reviews/1"
        )
        self.add(node, message)
        return None

    def check_record(self, node: Node) -> None:
        if isinstance(node, MappingNode):
            self.check(node, CONSENT_FIELDS, prefix="consent.")
        else:
            self.add(node, f'"consent" must record written consent — e.g. {CONSENT}')

    def check_rules(self, found: dict[str, tuple[Node, Any]]) -> None:
        claim, value = found.get("results_claim", (None, False))
        if value and "typical_results" not in found:
            message = (
                '"results_claim: true" needs "typical_results" — say what most members can '
                'expect, e.g. "Results vary; most members take 8 to 12 weeks to learn the hinge"'
            )
            self.add(claim, message)


def example_warning(count: int) -> str:
    """Return the reminder shown while `count` placeholder entries remain."""
    shown = "testimonial is" if count == 1 else "testimonials are"
    return (
        f"{count} example {shown} still shown — "
        f"replace them with real reviews given with consent; {HELP}"
    )


def check(path: Path, shown: str | None = None) -> tuple[list[Testimonial], list[Finding]]:
    """`load`, with a warning at the first placeholder while any remain."""
    entries, findings = load(path, shown)
    return entries, findings + placeholders(shown or path.as_posix(), entries, example_warning)


def main(argv: list[str] | None = None) -> int:
    """Check the testimonials file and print problems; see the module docstring."""
    return data_command(argv, __doc__, DEFAULT_FILE, check)


if __name__ == "__main__":
    sys.exit(main())
