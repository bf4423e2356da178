"""Load and check data/people.yml: the writers and clinical reviewers that bylines name.

Pages name people by id in front matter (``author: jordan-p``, ``reviewer: sam-k``); the
byline (``site_markdown.byline``) and the page's JSON-LD show them. Every problem is one line,
``FILE:LINE: what is wrong — how to fix it``, with the same helpers as
hinge/testimonials.py.
Never invent a person: each real entry records the date they agreed to be named
(``consent``). Placeholders say ``example: true`` and ``consent: example``; a warning says
so while any remain, and a production build (`testimonials.production`) never shows them.

    python -m hinge people [--file data/people.yml] [--format text|github]

Exit codes: 0 valid (warnings allowed), 1 problems found, 2 usage error.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hinge import report, safe_yaml
from hinge.report import Finding
from hinge.testimonials import Problem, _date, _fields, _flag, _image, _line, _text

DEFAULT_FILE = "data/people.yml"
FIELDS = ("id", "name", "role", "credentials", "bio", "photo", "consent", "example")
BIO_MAX = 300  # characters: two or three short sentences
_TEXT = ("name", "role", "credentials")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_MISSING = {
    "id": "add a short id in lowercase and hyphens, e.g. jordan-p",
    "name": "add the name as the person agreed to be shown",
    "role": 'add their role, e.g. "Strength coach"',
    "bio": "add one or two plain sentences about them",
    "consent": 'add the date they agreed to be named (YYYY-MM-DD), or "consent: example"',
}


@dataclass(frozen=True)
class Person:
    """A valid entry, ready to show."""

    id: str
    name: str
    role: str
    bio: str
    line: int
    credentials: str | None = None
    photo: str | None = None
    example: bool = False


def load(path: Path) -> tuple[list[Person], list[Problem]]:
    """Read `path`; return the valid people and the problems (invalid entries are left out)."""
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
        return [], [Problem(line, 'expected a list of people — start each with "- id:"')]
    people: list[Person] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for node in root.value:
        person, found = _check_entry(node)
        problems += found
        if person is None:
            continue
        first = first_line.setdefault(person.id, person.line)
        if first == person.line:
            people.append(person)
        else:
            message = f'id "{person.id}" is also used on line {first} — give each person their own'
            problems.append(Problem(person.line, message))
    return people, problems


def _id(node: Node, problems: list[Problem]) -> str | None:
    """Return a lowercase-and-hyphens id, or report why it is not one."""
    value = _text(node, "id", problems)
    if value is None or _ID.fullmatch(value):
        return value
    message = '"id" must be lowercase letters, digits and hyphens — e.g. jordan-p'
    problems.append(Problem(_line(node), message))
    return None


def _bio(node: Node, problems: list[Problem]) -> str | None:
    """Return the bio, or report that it is too long."""
    value = _text(node, "bio", problems)
    if value is not None and len(value) > BIO_MAX:
        message = f'"bio" is {len(value):,} characters — keep it to {BIO_MAX}'
        problems.append(Problem(_line(node), message))
        return None
    return value


def _consent(node: Node, example: bool, problems: list[Problem]) -> None:
    """Examples take ``consent: example``; real people the date they agreed to be named."""
    marker = isinstance(node, ScalarNode) and node.value == "example"
    if example and not marker:
        message = (
            'an example person takes "consent: example" — for a real person, '
            'remove "example: true" and write the date they agreed'
        )
        problems.append(Problem(_line(node), message))
    elif marker and not example:
        message = '"consent: example" is only for placeholders — add "example: true", or the date'
        problems.append(Problem(_line(node), message))
    elif not marker:
        _date(node, "consent", problems)


def _check_entry(node: Node) -> tuple[Person | None, list[Problem]]:
    """Check one list item; return it as a Person when it has no problems."""
    problems: list[Problem] = []
    if not isinstance(node, MappingNode):
        return None, [Problem(_line(node), 'each person must be "key: value" lines')]
    fields = _fields(node, FIELDS, problems)
    for field, fix in _MISSING.items():
        if field not in fields:
            problems.append(Problem(_line(node), f'missing "{field}" — {fix}'))
    found = {
        "id": _id(fields["id"], problems) if "id" in fields else None,
        "bio": _bio(fields["bio"], problems) if "bio" in fields else None,
        "photo": (
            _image(fields["photo"], "photo", "images/people/jordan.jpg", problems)
            if "photo" in fields
            else None
        ),
        **{f: _text(fields[f], f, problems) for f in _TEXT if f in fields},
    }
    example = _flag(fields["example"], "example", problems) if "example" in fields else False
    if "consent" in fields:
        _consent(fields["consent"], example, problems)
    if problems:
        return None, problems
    return Person(line=_line(node), example=example, **found), []


def example_warning(count: int) -> str:
    """Return the reminder shown while `count` example people remain."""
    shown = "person is" if count == 1 else "people are"
    return (
        f"{count} example {shown} still listed — pages that name them show them as examples "
        "locally and as not yet assigned on the published site; replace them with real people "
        "who agreed to be named"
    )


def main(argv: list[str] | None = None) -> int:
    """Check the people file and print problems; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=DEFAULT_FILE, help="YAML file (default: %(default)s)")
    report.add_format_option(parser)
    args = parser.parse_args(argv)
    people, problems = load(Path(args.file))
    findings = [Finding(args.file, problem.line, problem.message) for problem in problems]
    if examples := sum(person.example for person in people):
        findings.append(Finding(args.file, None, example_warning(examples), warning=True))
    if report.emit(findings, args.format, sys.stderr):
        return 1
    print(f"{args.file}: OK ({len(people)} checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
