"""Load and check data/people.yml: the writers and clinical reviewers that bylines name.

Pages name people by id in front matter (``author: jordan-p``, ``reviewer: sam-k``); the
byline (``site_markdown.byline``) and the page's JSON-LD show them. Every problem is one line,
``FILE:LINE: what is wrong — how to fix it``, checked with `hinge.yaml_fields` as
testimonials and front matter are.
Never invent a person: each real entry records the date they agreed to be named
(``consent``). Placeholders say ``example: true`` and ``consent: example``; a warning says
so while any remain, and a production build (`testimonials.production`) never shows them.

    python -m hinge people [--file data/people.yml] [--format text|json|github]

Exit codes: 0 valid (warnings allowed), 1 problems found, 2 usage error.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node

from hinge.report import Finding
from hinge.yaml_fields import Checker, Field, data_command, placeholders

DEFAULT_FILE = "data/people.yml"
CONSENT = Field(  # real people: the date they agreed to be named
    "consent",
    "node",
    True,
    "consent: 2026-11-03",
    'add the date they agreed to be named (YYYY-MM-DD), or "consent: example"',
)
FIELDS = (
    Field(
        "id", "id", True, "id: jordan-p", "add a short id in lowercase and hyphens, e.g. jordan-p"
    ),
    Field(
        "name", "plain", True, 'name: "Jordan P."', "add the name as the person agreed to be shown"
    ),
    Field("role", "plain", True, 'role: "Strength coach"', 'add their role, e.g. "Strength coach"'),
    Field("credentials", "plain", False, 'credentials: "MCSP, HCPC registered"'),
    Field(
        "bio",
        "bio",
        True,
        'bio: "Sam treats lifters."',
        "add one or two plain sentences about them",
    ),
    Field("photo", "image", False, "photo: images/people/jordan.jpg"),
    CONSENT,
    Field("example", "flag", False, "example: true"),
)
BIO_MAX = 300  # characters: two or three short sentences
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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


def load(path: Path, shown: str | None = None) -> tuple[list[Person], list[Finding]]:
    """Read `path`; return the valid people and the problems (invalid entries are left out).

    The problems name the file `shown` (default: `path`).
    """
    checker = _Checker(shown or path.as_posix())
    people: list[Person] = []
    first: dict[str, int] = {}
    for node in checker.read_list(path, "people", "- id:"):
        person = checker.entry(node, FIELDS, Person)
        if person is None:
            continue
        if line := checker.first(first, person.id, node):
            message = f'id "{person.id}" is also used on line {line} — give each person their own'
            checker.add(node, message)
        else:
            people.append(person)
    return people, checker.findings


class _Checker(Checker):
    """The people file's own kinds (id, bio) and its consent: a date."""

    noun = "person"
    record = "write the date they agreed to be named"

    def check_id(self, node: Node, field: Field) -> str | None:
        value = self.check_plain(node, field)
        if value is None or _ID.fullmatch(value):
            return value
        self.add(node, '"id" must be lowercase letters, digits and hyphens — e.g. jordan-p')
        return None

    def check_bio(self, node: Node, field: Field) -> str | None:
        value = self.check_plain(node, field)
        if value is not None and len(value) > BIO_MAX:
            self.add(node, f'"bio" is {len(value):,} characters — keep it to {BIO_MAX}')
            return None
        return value

    def check_record(self, node: Node) -> None:
        self.check_date(node, CONSENT)


def example_warning(count: int) -> str:
    """Return the reminder shown while `count` example people remain."""
    shown = "person is" if count == 1 else "people are"
    return (
        f"{count} example {shown} still listed — pages that name them show them as examples "
        "locally and as not yet assigned on the published site; replace them with real people "
        "who agreed to be named"
    )


def check(path: Path, shown: str | None = None) -> tuple[list[Person], list[Finding]]:
    """`load`, with a warning at the first placeholder while any remain."""
    people, findings = load(path, shown)
    return people, findings + placeholders(shown or path.as_posix(), people, example_warning)


def main(argv: list[str] | None = None) -> int:
    """Check the people file and print problems; see the module docstring."""
    return data_command(argv, __doc__, DEFAULT_FILE, check)


if __name__ == "__main__":
    sys.exit(main())
