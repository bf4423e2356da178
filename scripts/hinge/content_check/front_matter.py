"""Check a page's front matter against `schema.FIELDS`, with the YAML line of each problem."""

from __future__ import annotations

import datetime as dt
import difflib
import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hinge import front_matter
from hinge.content_check.page import Page
from hinge.content_check.schema import DESCRIPTION_LENGTH, FIELDS, KNOWN_TAGS, Field, fields_for
from hinge.report import Finding

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PEOPLE = "data/people.yml"


def check_front_matter(
    page: Page, docs_path: str, today: dt.date, people: frozenset[str] | None = None
) -> list[Finding]:
    """Problems in `page`'s front matter; `docs_path` is the page's path inside docs/.

    `people` holds the ids in data/people.yml that `author` and `reviewer` may name (None:
    not checked).
    """
    if not page.front_end:
        first = ", ".join(field.name for field in FIELDS if field.required and not field.step_only)
        return [Finding(page.path, 1, f"no front matter — start the page with --- and {first}")]
    try:
        root = front_matter.compose(page.front_matter, page.path)
    except front_matter.Unreadable as exc:
        return [exc.finding()]
    if root is None:
        return [Finding(page.path, 1, front_matter.NOT_A_MAPPING)]
    checker = _Checker(page.path, fields_for(docs_path), today, people)
    checker.run(root)
    return checker.findings


class _Checker:
    """Collects the findings for one page's front matter."""

    def __init__(
        self,
        path: str,
        fields: tuple[Field, ...],
        today: dt.date,
        people: frozenset[str] | None,
    ) -> None:
        self.path = path
        self.fields = {field.name: field for field in fields}
        self.today = today
        self.people = people
        self.findings: list[Finding] = []

    def add(self, node: Node, message: str) -> None:
        self.findings.append(Finding(self.path, node.start_mark.line + 2, message))

    def run(self, root: MappingNode) -> None:
        values: dict[str, Node] = {}
        for key, value in root.value:
            name = key.value if isinstance(key, ScalarNode) else "?"
            if name in values:
                self.add(key, f'"{name}" appears twice — keep one')
            elif name not in self.fields:
                self.add(key, self.unknown(name))
            values[name] = value
        for name, field in self.fields.items():
            if name not in values:
                if field.required:
                    self.findings.append(
                        Finding(self.path, 1, f'missing "{name}" — add e.g. "{field.example}"')
                    )
                continue
            getattr(self, f"check_{field.kind}")(values[name], field)
        dates = [self.date(values.get(name)) for name in ("date", "reviewed")]
        if dates[0] and dates[1] and dates[1] < dates[0]:
            self.add(
                values["reviewed"],
                f'"reviewed" ({dates[1]}) is before "date" ({dates[0]}) — '
                "set reviewed to the day you last checked the page",
            )

    def unknown(self, name: str) -> str:
        if any(field.name == name and field.step_only for field in FIELDS):
            return f'"{name}" is only for step pages in docs/progression/ — remove it'
        close = difflib.get_close_matches(name, self.fields, n=1)
        if close:
            return f'unknown field "{name}" — did you mean "{close[0]}"?'
        return f'unknown field "{name}" — use one of: {", ".join(self.fields)}'

    def check_text(self, node: Node, field: Field) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag != _STR:
            self.add(node, f'"{field.name}" must be text — put it in quotes: {field.example}')
            return None
        value = " ".join(node.value.split())
        if not value:
            self.add(node, f'"{field.name}" is empty — write it, e.g. {field.example}')
            return None
        return value

    def check_description(self, node: Node, field: Field) -> None:
        value = self.check_text(node, field)
        low, high = DESCRIPTION_LENGTH
        if value is not None and not low <= len(value) <= high:
            self.add(
                node,
                f'"description" is {len(value)} characters — write {low} to {high}: '
                "one or two plain sentences",
            )

    def date(self, node: Node | None) -> dt.date | None:
        if isinstance(node, ScalarNode) and _DATE.fullmatch(node.value):
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:
                return None
        return None

    def check_date(self, node: Node, field: Field) -> None:
        value = self.date(node)
        if value is None:
            self.add(
                node, f'"{field.name}" must be a real date — write YYYY-MM-DD, e.g. 2026-11-25'
            )
        elif value > self.today:
            self.add(
                node,
                f'"{field.name}" ({value}) is in the future — use today ({self.today}) or earlier',
            )

    def check_step(self, node: Node, field: Field) -> None:
        if not (isinstance(node, ScalarNode) and node.tag == _INT and node.value.isdigit()):
            self.add(node, f'"step" must be a whole number — e.g. {field.example}')

    def check_list(self, node: Node, field: Field) -> None:
        items = node.value if isinstance(node, SequenceNode) else None
        if not items or not all(
            isinstance(item, ScalarNode) and item.tag == _STR and item.value.strip()
            for item in items
        ):
            self.add(node, f'"{field.name}" must be a list of words — e.g. {field.example}')

    def check_tags(self, node: Node, field: Field) -> None:
        if not isinstance(node, SequenceNode):
            self.add(node, f'"tags" must be a list — e.g. {field.example}')
            return
        for item in node.value:
            name = item.value if isinstance(item, ScalarNode) else "?"
            if name not in KNOWN_TAGS:
                close = difflib.get_close_matches(name, KNOWN_TAGS, n=1)
                known = ", ".join(KNOWN_TAGS)
                fix = f'did you mean "{close[0]}"?' if close else f"use one of: {known}"
                self.add(item, f'unknown tag "{name}" — {fix}')

    def check_person(self, node: Node, field: Field) -> None:
        value = self.check_text(node, field)
        if value is None or self.people is None or value in self.people:
            return
        close = difflib.get_close_matches(value, self.people, n=1)
        known = ", ".join(sorted(self.people)) or "none yet"
        fix = f'did you mean "{close[0]}"?' if close else f"use an id from {PEOPLE}: {known}"
        self.add(node, f'unknown person "{value}" in "{field.name}" — {fix}')
