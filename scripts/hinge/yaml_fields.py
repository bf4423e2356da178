"""Check YAML against a schema on PyYAML's node tree, so every problem names its line.

The one schema approach for what editors write in YAML: a page's front matter
(content_check/schema.py, checked by content_check/front_matter.py), data/testimonials.yml
(testimonials.py) and data/people.yml (people.py). A schema is a tuple of `Field`s: a name,
the kind of value it takes, whether it is required, and an example of the right form that
the messages quote. `Checker.check` reports keys written twice, unknown keys (with a "did you
mean") and missing ones, then checks each value with the method ``check_<kind>``, which
returns the value, or None after saying what is wrong and how to fix it. A file's own kinds
(a quote's length, a person id) are methods of a `Checker` subclass beside its schema.
`Checker.read_list` opens a data file that is a list of entries, such as testimonials, and
`Checker.entry` makes one entry its dataclass, with the rule both data files share: a
placeholder (``example: true``) takes ``consent: example``, a real entry a record.

Why hand-written and not pydantic or jsonschema (measured for issue 18 on the 33 failure
cases of tests/test_testimonials.py): each library gave the same 33 lines and messages only
with the node tree beside it (neither knows lines or sees a key written twice), a table from
its error types to our words, and workarounds (pydantic reports every branch of a union;
jsonschema's format checks cannot say why a value failed). That took 271 lines with pydantic
and 312 with jsonschema, against 215 in the checker they would replace; on 1,000 entries,
1.10 and 1.25 times its CPU time (this module: 1.04, parsing the YAML is most of it); 40 to
80 ms more import time in every command; and a compiled package more (pydantic-core,
rpds-py) in both environments, Zensical's too.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import difflib
import functools
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hinge import report, safe_yaml
from hinge.report import Finding

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
IMAGE_SUFFIXES = (".avif", ".jpeg", ".jpg", ".png", ".webp")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HTML = re.compile(r"<[a-zA-Z/!?]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
T = TypeVar("T")


@dataclass(frozen=True)
class Field:
    """A key: the kind of value it takes (`Checker.check_<kind>`), and the right form."""

    name: str
    kind: str
    required: bool
    example: str  # e.g. "title: Barbell RDL"; the messages quote it
    missing: str = ""  # what to do when it is missing (default: add the example)
    choices: tuple[str, ...] = ()  # the values a "choices" field may list


class Entry(Protocol):
    """An entry of a data file: its line, and whether it is a placeholder."""

    line: int
    example: bool


DataCheck = Callable[[Path, str], tuple[Sequence[Entry], list[Finding]]]  # a data file's check


def placeholders(
    path: str, entries: Sequence[Entry], message: Callable[[int], str]
) -> list[Finding]:
    """A warning at the first placeholder (``example: true``) while any remain: `message(count)`."""
    examples = [entry for entry in entries if entry.example]
    if not examples:
        return []
    return [Finding(path, examples[0].line, message(len(examples)), warning=True)]


@functools.cache
def _named(schema: tuple[Field, ...], prefix: str) -> dict[str, Field]:
    """The schema by key; each field named with `prefix` for messages ("consent.given")."""
    return {field.name: replace(field, name=prefix + field.name) for field in schema}


def data_command(argv: list[str] | None, doc: str, default: str, check: DataCheck) -> int:
    """A data file's command line: ``--file`` (default `default`) and ``--format``; problems on
    stdout, then ``FILE: N checked, P problems, W warnings`` on stderr, as `check` reports."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--file", default=default, help="YAML file (default: %(default)s)")
    report.add_format_option(parser)
    args = parser.parse_args(argv)
    entries, findings = check(Path(args.file), args.file)
    code = report.emit(findings, args.format)
    print(f"{args.file}: {len(entries)} checked, {report.tally(findings)}", file=sys.stderr)
    return code


def suggest(value: str, known: Iterable[str], what: str = "use one of") -> str:
    """'did you mean "x"?' for a close match, else e.g. "use one of: a, b"."""
    known = list(known)
    close = difflib.get_close_matches(value, known, n=1)
    return f'did you mean "{close[0]}"?' if close else f"{what}: {', '.join(known) or 'none yet'}"


class Checker:
    """The findings for one file: `path` names it, its YAML starts on file line `first_line`."""

    noun = "entry"  # what one item of a data file is, e.g. "testimonial"
    record = "record their consent"  # what a real item's consent holds, for messages

    def __init__(self, path: str, first_line: int = 1) -> None:
        self.path = path
        self.first_line = first_line
        self.findings: list[Finding] = []

    def line(self, node: Node) -> int:
        """The file line `node` starts on."""
        return node.start_mark.line + self.first_line

    def add(self, where: Node | int | None, message: str, warning: bool = False) -> None:
        """Report `message` at a node's line, at a file line, or for the whole file (None)."""
        line = self.line(where) if isinstance(where, Node) else where
        self.findings.append(Finding(self.path, line, message, warning))

    def read_list(self, file: Path, nouns: str, start: str) -> list[Node]:
        """The entries of the YAML list in `file`; [] after reporting a file that is missing,
        not UTF-8, not YAML, or not a list of `nouns` (each starting e.g. "- quote:")."""
        try:
            root = safe_yaml.compose(safe_yaml.read_text(file))
        except FileNotFoundError:
            self.add(None, "file not found — create it or correct the path")
        except safe_yaml.NotUtf8 as exc:
            self.add(exc.line, str(exc))
        except yaml.YAMLError as exc:
            self.add(*safe_yaml.describe(exc, first_line=self.first_line))
        else:
            if isinstance(root, SequenceNode):
                return root.value
            self.add(root, f'expected a list of {nouns} — start each with "{start}"')
        return []

    def check(
        self,
        node: Node,
        schema: Sequence[Field],
        *,
        prefix: str = "",
        missing_at: int | None = None,
        misplaced: Mapping[str, str] | None = None,
    ) -> dict[str, tuple[Node, Any]]:
        """Check the mapping `node` against `schema`: each key present -> (its node, its value,
        None where wrong). `prefix` names nested keys ("consent."); missing keys are reported
        at file line `missing_at` (default: the mapping's); `misplaced` holds the message for a
        key that belongs elsewhere (instead of "unknown field")."""
        if not isinstance(node, MappingNode):
            self.add(
                node, f'each {self.noun} must be "key: value" lines — e.g. {schema[0].example}'
            )
            return {}
        fields = _named(tuple(schema), prefix)
        nodes: dict[str, Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else "?"
            if name in nodes:
                self.add(key, f'"{prefix}{name}" appears twice — keep one')
            elif name not in fields:
                unknown = f'unknown field "{prefix}{name}" — {suggest(name, fields)}'
                self.add(key, (misplaced or {}).get(name, unknown))
            nodes[name] = value
        at = self.line(node) if missing_at is None else missing_at
        for name, field in fields.items():
            if name not in nodes and field.required:
                fix = field.missing or f'add e.g. "{field.example}"'
                self.add(at, f'missing "{field.name}" — {fix}')
        return {
            name: (nodes[name], getattr(self, f"check_{field.kind}")(nodes[name], field))
            for name, field in fields.items()
            if name in nodes
        }

    def check_text(self, node: Node, field: Field) -> str | None:
        """Text on one line, its white space collapsed."""
        if not isinstance(node, ScalarNode) or node.tag != STR:
            self.add(node, f'"{field.name}" must be text — put it in quotes: {field.example}')
            return None
        value = " ".join(node.value.split())
        if not value:
            fix = f"write it, e.g. {field.example}" + ("" if field.required else ", or remove it")
            self.add(node, f'"{field.name}" is empty — {fix}')
            return None
        return value

    def check_plain(self, node: Node, field: Field) -> str | None:
        """Text with no HTML and no control characters: a card shows it as it is."""
        value = self.check_text(node, field)
        if value is None:
            return None
        if match := _HTML.search(value):
            what = f'contains HTML ("{match[0]}") — write plain text; it shows as text'
            self.add(node, f'"{field.name}" {what}')
        elif CONTROL.search(node.value):
            self.add(node, f'"{field.name}" has a control character — remove it')
        else:
            return value
        return None

    def check_date(self, node: Node, field: Field) -> dt.date | None:
        """A real date written YYYY-MM-DD (quoted or not)."""
        if isinstance(node, ScalarNode) and _DATE.fullmatch(node.value):
            try:
                return dt.date.fromisoformat(node.value)
            except ValueError:
                pass
        self.add(node, f'"{field.name}" must be a real date — write YYYY-MM-DD, e.g. 2026-11-25')
        return None

    def check_flag(self, node: Node, field: Field) -> bool | None:
        """The literal true or false."""
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            return node.value.lower() in ("true", "yes", "on")
        self.add(node, f'"{field.name}" must be true or false — e.g. {field.example}')
        return None

    def check_choices(self, node: Node, field: Field) -> tuple[str, ...] | None:
        """A list of `field.choices`; each unknown one is reported and left out."""
        if not isinstance(node, SequenceNode):
            self.add(node, f'"{field.name}" must be a list — e.g. {field.example}')
            return None
        chosen = []
        for item in node.value:
            value = item.value if isinstance(item, ScalarNode) else "?"
            if value in field.choices:
                chosen.append(value)
            else:
                what = field.name.removesuffix("s")
                self.add(item, f'unknown {what} "{value}" — {suggest(value, field.choices)}')
        return tuple(chosen)

    def check_image(self, node: Node, field: Field) -> str | None:
        """A picture's path under images/ (relative to the current folder), which exists."""
        value = self.check_plain(node, field)
        if value is None:
            return None
        path = Path(value)
        example = field.example.partition(": ")[2]
        if path.parts[0] != "images" or ".." in path.parts or path.is_absolute():
            self.add(node, f'"{field.name}" must be a path under images/ — e.g. {example}')
        elif path.suffix.lower() not in IMAGE_SUFFIXES:
            kinds = ", ".join(IMAGE_SUFFIXES)
            self.add(node, f'"{field.name}" must be an image ({kinds}) — convert it')
        elif not path.is_file():
            fix = f'add the image or remove "{field.name}"'
            self.add(node, f'{field.name} file "{value}" not found — {fix}')
        else:
            return value
        return None

    def check_node(self, node: Node, field: Field) -> Node:
        """Any value: its own rules run after the others (e.g. consent, which depends on them)."""
        return node

    def entry(self, node: Node, schema: Sequence[Field], make: type[T]) -> T | None:
        """One item of a data file as a `make` (a dataclass with `line` and `example`), or
        None after reporting its problems: `check`, then consent, then `check_rules`."""
        before = len(self.findings)
        found = self.check(node, schema)
        example = bool(found.get("example", (node, False))[1])
        if "consent" in found:
            self.check_consent(found["consent"][0], example)
        self.check_rules(found)
        if len(self.findings) > before:
            return None
        names = {field.name for field in dataclasses.fields(make)} - {"line", "example"}
        values = {name: value for name, (_, value) in found.items() if name in names}
        return make(line=self.line(node), example=example, **values)

    def check_consent(self, node: Node, example: bool) -> None:
        """Placeholders take ``consent: example``; a real entry's record goes to
        `check_record`."""
        marker = isinstance(node, ScalarNode) and node.value == "example"
        if example and not marker:
            what = f'an example {self.noun} takes "consent: example"'
            fix = f'for a real {self.noun}, remove "example: true" and {self.record}'
            self.add(node, f"{what} — {fix}")
        elif marker and not example:
            fix = f'add "example: true", or {self.record}'
            self.add(node, f'"consent: example" is only for placeholders — {fix}')
        elif not example:
            self.check_record(node)

    def check_record(self, node: Node) -> None:
        """A real entry's consent record: each data file says what it holds."""
        raise NotImplementedError

    def check_rules(self, found: dict[str, tuple[Node, Any]]) -> None:
        """Rules across fields, e.g. "results_claim needs typical_results": none by default."""

    def first(self, seen: dict[str, int], key: str, node: Node) -> int | None:
        """The line of an earlier entry with the same `key`, or None if this is the first."""
        line = seen.setdefault(key, self.line(node))
        return None if line == self.line(node) else line
