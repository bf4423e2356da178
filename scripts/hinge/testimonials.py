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

    python -m hinge testimonials [--file data/testimonials.yml] [--format text|github]

Exit codes: 0 valid (warnings allowed), 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hinge import report, safe_yaml
from hinge.report import Finding

DEFAULT_FILE = "data/testimonials.yml"
KNOWN_TAGS = ("beginners", "coaching", "technique", "back-friendly", "strength", "community")
DISCLOSURES = ("connection", "incentive", "typical_results")
FIELDS = (
    "quote",
    "name",
    "avatar",
    "source",
    "date",
    "tags",
    "consent",
    "example",
    *DISCLOSURES,
    "results_claim",
)
PRODUCTION_VARIABLE = "HINGE_PRODUCTION"
CONSENT_FIELDS = ("given", "method", "record")
IMAGE_SUFFIXES = (".avif", ".jpeg", ".jpg", ".png", ".webp")
QUOTE_MAX = 500  # characters, about 80 words: the most a card shows well
HELP = "see STYLE.md"

_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HTML = re.compile(r"<[a-zA-Z/!?]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Problem:
    """One finding; `line` is 1-based, or None when it concerns the whole file."""

    line: int | None
    message: str

    def format(self, path: str) -> str:
        """Return ``path:line: message``."""
        return f"{path}:{self.line}: {self.message}" if self.line else f"{path}: {self.message}"


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


def load(path: Path) -> tuple[list[Testimonial], list[Problem]]:
    """Read `path`; return the valid entries and the problems (invalid entries are left out)."""
    try:
        root = safe_yaml.compose(safe_yaml.read_text(path))
    except FileNotFoundError:
        return [], [Problem(None, "file not found — create it or correct the path")]
    except safe_yaml.NotUtf8 as exc:
        return [], [Problem(exc.line, str(exc))]
    except yaml.YAMLError as exc:
        return [], [Problem(*safe_yaml.describe(exc, "check indentation and quotes"))]
    if not isinstance(root, SequenceNode):
        line = root.start_mark.line + 1 if root else None
        return [], [Problem(line, 'expected a list of testimonials — start each with "- quote:"')]
    entries: list[Testimonial] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}  # each quote, compared case-insensitively
    for node in root.value:
        entry, found = _check_entry(node)
        problems += found
        if entry is None:
            continue
        first = first_line.setdefault(entry.quote.casefold(), entry.line)
        if first == entry.line:
            entries.append(entry)
        else:
            message = f"the same quote as the entry on line {first} — keep one of the two"
            problems.append(Problem(entry.line, message))
    return entries, problems


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _fields(node: MappingNode, known: tuple[str, ...], problems: list[Problem]) -> dict[str, Node]:
    """Map each key to its value node; report duplicate and unknown keys."""
    fields: dict[str, Node] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, ScalarNode) else "?"
        if name in fields:
            problems.append(Problem(_line(key), f'"{name}" appears twice — keep one'))
        elif name not in known:
            hint = ", ".join(known)
            problems.append(Problem(_line(key), f'unknown field "{name}" — use one of: {hint}'))
        fields[name] = value
    return fields


def _text(node: Node, field: str, problems: list[Problem]) -> str | None:
    """Return the node's plain text, or report why it is not."""
    if not isinstance(node, ScalarNode) or node.tag != _STR:
        problems.append(Problem(_line(node), f'"{field}" must be text — put the value in quotes'))
        return None
    value = " ".join(node.value.split())
    if not value:
        problems.append(Problem(_line(node), f'"{field}" is empty — write it or remove the field'))
    elif match := _HTML.search(value):
        message = f'"{field}" contains HTML ("{match[0]}") — write plain text; it shows as text'
        problems.append(Problem(_line(node), message))
    elif _CONTROL.search(node.value):
        problems.append(Problem(_line(node), f'"{field}" has a control character — remove it'))
    else:
        return value
    return None


def _date(node: Node, field: str, problems: list[Problem]) -> dt.date | None:
    """Return a YYYY-MM-DD date, or report why it is not one."""
    if isinstance(node, ScalarNode) and _DATE.fullmatch(node.value):
        try:
            return dt.date.fromisoformat(node.value)
        except ValueError:
            pass
    problems.append(Problem(_line(node), f'"{field}" must be a real date — write YYYY-MM-DD'))
    return None


def web_url(value: str) -> bool:
    """True for an absolute http(s) URL with a host, and no spaces, backslashes or user name.

    The renderer links only such URLs, so a card never links to javascript:, file: or a
    Windows share (``\\\\host\\share``, which browsers read as ``//host/share``).
    """
    if "\\" in value or _CONTROL.search(value) or any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # e.g. an unclosed [IPv6 address
        return False
    return parts.scheme in ("http", "https") and bool(host) and "@" not in parts.netloc


def _quote(node: Node, problems: list[Problem]) -> str | None:
    """Return the quote's text, or report why it cannot be shown."""
    value = _text(node, "quote", problems)
    if value is not None and len(value) > QUOTE_MAX:
        message = (
            f'"quote" is {len(value):,} characters — a card shows at most {QUOTE_MAX}: copy a '
            'shorter passage word for word, and link the full review with "source"'
        )
        problems.append(Problem(_line(node), message))
        return None
    return value


def _source(node: Node, problems: list[Problem]) -> str | None:
    """Return the review's http(s) URL, or report why it is not one."""
    value = _text(node, "source", problems)
    if value is None or web_url(value):
        return value
    message = (
        '"source" must be the web address of the full review, starting with https:// '
        "— e.g. https://example.com/reviews/1"
    )
    problems.append(Problem(_line(node), message))
    return None


def _tags(node: Node, problems: list[Problem]) -> tuple[str, ...]:
    """Return the known tags in the list, reporting anything else."""
    if not isinstance(node, SequenceNode):
        problems.append(Problem(_line(node), '"tags" must be a list — e.g. [coaching, beginners]'))
        return ()
    tags = []
    for item in node.value:
        if isinstance(item, ScalarNode) and item.value in KNOWN_TAGS:
            tags.append(item.value)
        else:
            shown = item.value if isinstance(item, ScalarNode) else "?"
            hint = ", ".join(KNOWN_TAGS)
            problems.append(Problem(_line(item), f'unknown tag "{shown}" — use one of: {hint}'))
    return tuple(tags)


def _image(node: Node, field: str, example: str, problems: list[Problem]) -> str | None:
    """Return an image's source path under images/, reporting a bad or missing file."""
    value = _text(node, field, problems)
    if value is None:
        return None
    path = Path(value)
    if path.parts[0] != "images" or ".." in path.parts or path.is_absolute():
        message = f'"{field}" must be a path under images/ — e.g. {example}'
    elif path.suffix.lower() not in IMAGE_SUFFIXES:
        message = f'"{field}" must be an image ({", ".join(IMAGE_SUFFIXES)}) — convert it'
    elif not path.is_file():
        message = f'{field} file "{value}" not found — add the image or remove "{field}"'
    else:
        return value
    problems.append(Problem(_line(node), message))
    return None


def _flag(node: Node, field: str, problems: list[Problem]) -> bool:
    """Return a true/false field; only the literal true or false is accepted."""
    if isinstance(node, ScalarNode) and node.tag == _BOOL:
        return node.value.lower() in ("true", "yes", "on")
    message = f'"{field}" must be true or false — e.g. {field}: true'
    problems.append(Problem(_line(node), message))
    return False


def _consent(node: Node, example: bool, problems: list[Problem]) -> None:
    """Report consent that does not match the entry: examples say so, real entries record it."""
    is_example_marker = isinstance(node, ScalarNode) and node.value == "example"
    if example and not is_example_marker:
        message = (
            'an example entry takes "consent: example" — for a real review, '
            'remove "example: true" and record the consent'
        )
        problems.append(Problem(_line(node), message))
    elif is_example_marker and not example:
        message = (
            '"consent: example" is only for placeholders — add "example: true", '
            "or record the member's written consent"
        )
        problems.append(Problem(_line(node), message))
    elif not example and not isinstance(node, MappingNode):
        message = '"consent" must record written consent — e.g. {given: 2026-11-01, method: email}'
        problems.append(Problem(_line(node), message))
    elif isinstance(node, MappingNode):
        fields = _fields(node, CONSENT_FIELDS, problems)
        if "given" in fields:
            _date(fields["given"], "consent.given", problems)
        else:
            message = '"consent" needs "given" — the date the member agreed, as YYYY-MM-DD'
            problems.append(Problem(_line(node), message))
        if "method" in fields:
            _text(fields["method"], "consent.method", problems)
        else:
            message = '"consent" needs "method" — how they agreed, e.g. email or signed form'
            problems.append(Problem(_line(node), message))
        if "record" in fields:
            _text(fields["record"], "consent.record", problems)


_MISSING = {
    "quote": "add the member's words as plain text",
    "name": "add the name as the member agreed to be shown",
    "date": "add the review date as YYYY-MM-DD",
    "consent": 'record written consent, or write "consent: example" for a placeholder',
}


def _check_entry(node: Node) -> tuple[Testimonial | None, list[Problem]]:
    """Check one list item; return it as a Testimonial when it has no problems."""
    problems: list[Problem] = []
    if not isinstance(node, MappingNode):
        message = 'each testimonial must be a set of fields — write "key: value" lines'
        return None, [Problem(_line(node), message)]
    fields = _fields(node, FIELDS, problems)
    for field, fix in _MISSING.items():
        if field not in fields:
            problems.append(Problem(_line(node), f'missing "{field}" — {fix}'))
    quote = _quote(fields["quote"], problems) if "quote" in fields else None
    name = _text(fields["name"], "name", problems) if "name" in fields else None
    date = _date(fields["date"], "date", problems) if "date" in fields else None
    avatar = (
        _image(fields["avatar"], "avatar", "images/avatars/jordan.jpg", problems)
        if "avatar" in fields
        else None
    )
    source = _source(fields["source"], problems) if "source" in fields else None
    tags = _tags(fields["tags"], problems) if "tags" in fields else ()
    example = _flag(fields["example"], "example", problems) if "example" in fields else False
    if "consent" in fields:
        _consent(fields["consent"], example, problems)
    disclosed = {f: _text(fields[f], f, problems) for f in DISCLOSURES if f in fields}
    claim = "results_claim" in fields and _flag(fields["results_claim"], "results_claim", problems)
    if claim and "typical_results" not in fields:
        message = (
            '"results_claim: true" needs "typical_results" — say what most members can '
            'expect, e.g. "Results vary; most members take 8 to 12 weeks to learn the hinge"'
        )
        problems.append(Problem(_line(fields["results_claim"]), message))
    if problems or quote is None or name is None or date is None:
        return None, problems
    testimonial = Testimonial(
        quote, name, date, _line(node), avatar, source, tags, example, **disclosed
    )
    return testimonial, []


def example_warning(count: int) -> str:
    """Return the reminder shown while `count` placeholder entries remain."""
    shown = "testimonial is" if count == 1 else "testimonials are"
    return (
        f"{count} example {shown} still shown — "
        f"replace them with real reviews given with consent; {HELP}"
    )


def main(argv: list[str] | None = None) -> int:
    """Check the testimonials file and print problems; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=DEFAULT_FILE, help="YAML file (default: %(default)s)")
    report.add_format_option(parser)
    args = parser.parse_args(argv)
    entries, problems = load(Path(args.file))
    findings = [Finding(args.file, problem.line, problem.message) for problem in problems]
    if examples := sum(entry.example for entry in entries):
        findings.append(Finding(args.file, None, example_warning(examples), warning=True))
    if report.emit(findings, args.format, sys.stderr):
        return 1
    print(f"{args.file}: OK ({len(entries)} checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
