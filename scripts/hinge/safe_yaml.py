"""Read what editors write: UTF-8 text, and YAML without anchors, aliases or runaway size.

PyYAML's SafeLoader builds no objects, but it does follow aliases: nine nested anchors of
nine aliases each turn one short title into 387 million strings (a "billion laughs"), which
hangs or exhausts whatever walks it. Our files never need anchors, so every YAML reader of
ours (front matter, data/testimonials.yml, mkdocs.yml, block options) goes through `Loader`,
which refuses an anchor or alias where it appears, and `compose`/`load`, which also cap the
text's length and nesting. `describe` turns any YAML error into a file line and a
``what — how to fix`` message; `read_text` names the line and byte of a file that is not UTF-8.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import Node
from yaml.reader import ReaderError

MAX_CHARS = 1_000_000  # a whole YAML file, e.g. data/testimonials.yml
FRONT_MATTER_CHARS = 10_000  # a page's front matter: ours are under 1,000
MAX_DEPTH = 32  # nested lists and mappings; mkdocs.yml needs 6


class Refused(yaml.MarkedYAMLError):
    """YAML that parses but that we do not read; `fix` says what to do instead."""

    def __init__(self, problem: str, mark: yaml.Mark | None, fix: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.fix = fix


class NotUtf8(ValueError):
    """A file that is not UTF-8: `line` and `offset` (in bytes) locate the first bad byte."""

    def __init__(self, line: int, offset: int, byte: int) -> None:
        super().__init__(
            f"not UTF-8 (byte 0x{byte:02X} at offset {offset}) — save the file as UTF-8 "
            "(in your editor: Save As, encoding UTF-8)"
        )
        self.line = line


class Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases and deep nesting, with the line of each."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Refuse an anchor (&name) or alias (*name) before PyYAML would resolve it."""
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise Refused(
                f'"*{event.anchor}" is a YAML alias, which we do not allow',
                event.start_mark,
                'write the value out in full, or put it in quotes if "*" is part of the text',
            )
        if event.anchor is not None:
            raise Refused(
                f'"&{event.anchor}" is a YAML anchor, which we do not allow',
                event.start_mark,
                f'remove "&{event.anchor}", or put the value in quotes if "&" is part of the text',
            )
        if self.depth >= MAX_DEPTH:
            fix = "flatten it: our files need a few levels at most"
            raise Refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark, fix)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        """Turn a value PyYAML cannot build (e.g. date 2026-02-30) into a located error."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:
            fix = "correct it, e.g. a real date as YYYY-MM-DD, or put it in quotes"
            raise Refused(f"cannot read this value ({exc})", node.start_mark, fix) from None


def compose(text: str, loader: type[Loader] = Loader, limit: int = MAX_CHARS) -> Node | None:
    """The node tree of one YAML document; raises yaml.YAMLError (see `describe`)."""
    instance = _open(text, loader, limit)
    try:
        return instance.get_single_node()
    finally:
        instance.dispose()


def load(text: str, loader: type[Loader] = Loader, limit: int = MAX_CHARS) -> Any:
    """The Python value of one YAML document; raises yaml.YAMLError (see `describe`)."""
    instance = _open(text, loader, limit)
    try:
        return instance.get_single_data()
    finally:
        instance.dispose()


def describe(exc: yaml.YAMLError, fix: str, first_line: int = 1) -> tuple[int, str]:
    """(line in the file, "what — how to fix") for an error from `compose` or `load`.

    `first_line` is the file line the YAML text starts on (2 for front matter); `fix` is
    the advice for plain syntax errors.
    """
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = first_line + (mark.line if mark else 0)
    if isinstance(exc, Refused):
        return line, f"{exc.problem} — {exc.fix}"
    return line, f"invalid YAML ({getattr(exc, 'problem', None) or exc}) — {fix}"


def read_text(path: Path) -> str:
    """The file's text (a leading byte-order mark dropped, as MkDocs does); raises NotUtf8."""
    return decode(path.read_bytes())


def decode(data: bytes) -> str:
    """`data` as UTF-8 text; raises NotUtf8 with the line and offset of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise NotUtf8(line, exc.start, data[exc.start]) from None


def _open(text: str, loader: type[Loader], limit: int) -> Loader:
    """A loader over `text`, refusing text over `limit` characters or with control characters."""
    if len(text) > limit:
        fix = f"keep it to {limit:,} characters or fewer"
        raise Refused(f"this YAML is {len(text):,} characters long", _mark(text, limit), fix)
    try:
        return loader(text)
    except ReaderError as exc:
        character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        fix = "delete it (it may be invisible: retype the line)"
        raise Refused(f"{character} is not allowed", _mark(text, exc.position), fix) from None


def _mark(text: str, index: int) -> yaml.Mark:
    """A PyYAML mark (0-based line and column) at `index` of `text`."""
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    return yaml.Mark("<text>", index, line, column, None, None)
