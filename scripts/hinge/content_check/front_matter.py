"""Check a page's front matter against `schema.FIELDS`, with the YAML line of each problem."""

from __future__ import annotations

import datetime as dt

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hinge import front_matter
from hinge.content_check.page import Page
from hinge.content_check.schema import DESCRIPTION_LENGTH, FIELDS, STEP_FIELDS, fields_for
from hinge.report import Finding
from hinge.yaml_fields import STR, Checker, Field, suggest

_INT = "tag:yaml.org,2002:int"
PEOPLE = "data/people.yml"
STEP_ONLY = {
    field.name: f'"{field.name}" is only for step pages in docs/progression/ — remove it'
    for field in STEP_FIELDS
}


def check_front_matter(
    page: Page, docs_path: str, today: dt.date, people: frozenset[str] | None = None
) -> list[Finding]:
    """Problems in `page`'s front matter; `docs_path` is the page's path inside docs/.

    `people` holds the ids in data/people.yml that `author` and `reviewer` may name (None:
    not checked).
    """
    if not page.front_end:
        first = ", ".join(field.name for field in FIELDS if field.required)
        return [Finding(page.path, 1, f"no front matter — start the page with --- and {first}")]
    try:
        root = front_matter.compose(page.front_matter, page.path)
    except front_matter.Unreadable as exc:
        return [exc.finding()]
    checker = _FrontMatter(page.path, today, people)
    found = checker.check(
        root or MappingNode("tag:yaml.org,2002:map", []),
        fields_for(docs_path),
        missing_at=1,
        misplaced=STEP_ONLY,
    )
    (_, date), (node, reviewed) = (found.get(name, (None, None)) for name in ("date", "reviewed"))
    if date and reviewed and reviewed < date:
        checker.add(
            node,
            f'"reviewed" ({reviewed}) is before "date" ({date}) — '
            "set reviewed to the day you last checked the page",
        )
    return checker.findings


class _FrontMatter(Checker):
    """The front matter's own kinds: description, step, words, person; no future dates."""

    def __init__(self, path: str, today: dt.date, people: frozenset[str] | None) -> None:
        super().__init__(path, front_matter.FIRST_LINE)
        self.today = today
        self.people = people

    def check_description(self, node: Node, field: Field) -> str | None:
        value = self.check_text(node, field)
        low, high = DESCRIPTION_LENGTH
        if value is not None and not low <= len(value) <= high:
            self.add(
                node,
                f'"description" is {len(value)} characters — write {low} to {high}: '
                "one or two plain sentences",
            )
        return value

    def check_date(self, node: Node, field: Field) -> dt.date | None:
        value = super().check_date(node, field)
        if value is not None and value > self.today:
            self.add(
                node,
                f'"{field.name}" ({value}) is in the future — use today ({self.today}) or earlier',
            )
        return value

    def check_step(self, node: Node, field: Field) -> int | None:
        if isinstance(node, ScalarNode) and node.tag == _INT and node.value.isdigit():
            return int(node.value)
        self.add(node, f'"{field.name}" must be a whole number — e.g. {field.example}')
        return None

    def check_words(self, node: Node, field: Field) -> list[str] | None:
        items = node.value if isinstance(node, SequenceNode) else None
        if items and all(
            isinstance(item, ScalarNode) and item.tag == STR and item.value.strip()
            for item in items
        ):
            return [item.value for item in items]
        self.add(node, f'"{field.name}" must be a list of words — e.g. {field.example}')
        return None

    def check_person(self, node: Node, field: Field) -> str | None:
        value = self.check_text(node, field)
        if value is None or self.people is None or value in self.people:
            return value
        fix = suggest(value, sorted(self.people), f"use an id from {PEOPLE}")
        self.add(node, f'unknown person "{value}" in "{field.name}" — {fix}')
        return None
