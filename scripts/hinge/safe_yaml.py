"""Read what editors write: UTF-8 text, and YAML without anchors, aliases or runaway size.

PyYAML's SafeLoader builds no objects, but it does follow aliases: nine nested anchors of
nine aliases each turn one short title into 387 million strings (a "billion laughs"), which
hangs or exhausts whatever walks it. Our files never need anchors, so every YAML reader of
ours (front matter, data/testimonials.yml, mkdocs.yml, block options) goes through `Loader`,
which refuses an anchor or alias where it appears, and `compose`/`load`, which also cap the
text's length and nesting; `load` also refuses a key written twice. `describe` turns any
YAML error into a file line and a plain ``what — how to fix, with the right form`` message
(a colon inside a value, a tab, bad indentation, an unclosed quote or bracket, a list item
where a field belongs...), so editors never see PyYAML's parser words; `read_text` names the
line and byte of a file that is not UTF-8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node
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

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Refuse a key written twice in one mapping (PyYAML would keep the last silently)."""
        seen: set[str] = set()
        for key, _ in node.value:
            name = getattr(key, "value", None)
            if isinstance(name, str) and name in seen:
                raise Refused(f'"{name}" appears twice', key.start_mark, "keep one")
            if isinstance(name, str):
                seen.add(name)
        return super().construct_mapping(node, deep)


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


def describe(
    exc: yaml.YAMLError, fix: str = "check quotes, colons and indentation", first_line: int = 1
) -> tuple[int, str]:
    """(line in the file, "what — how to fix") for an error from `compose` or `load`.

    `first_line` is the file line the YAML text starts on (2 for front matter); `fix` is
    the advice for the rare syntax error no rule below recognises.
    """
    if not isinstance(exc, Refused) and (explained := _explain(exc, first_line)):
        return explained
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = first_line + (mark.line if mark else 0)
    if isinstance(exc, Refused):
        return line, f"{exc.problem} — {exc.fix}"
    return line, f"invalid YAML ({getattr(exc, 'problem', None) or exc}) — {fix}"


# --- PyYAML's syntax errors in plain words -------------------------------------------------
# Each rule reads the parser's problem and context and the editor's own lines (a mark made
# from a string carries the whole text), and ends with the line written the right way.

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # PyYAML's line breaks
_FIELD = re.compile(r"(?P<lead> *(?:- +)*)(?P<key>[^\s:#][^:]*?) *:(?: +(?P<value>.*?))? *$")
_SQUEEZED = re.compile(r"(?P<lead> *(?:- +)*)(?P<key>[^\s:#'\"][^:\s]*):(?P<value>[^\s:].*?) *$")
_RESERVED = "*&!|>@`%?"  # an unquoted value cannot start with these
_CLOSER = {"[": "]", "{": "}"}
_FOUND = "expected <block end>, but found "


@dataclass(frozen=True)
class _Syntax:
    """One syntax error: PyYAML's words, its marks (0-based), the YAML text's lines."""

    problem: str
    context: str
    mark: yaml.Mark  # where the parser gave up
    start: yaml.Mark | None  # where what it was reading began (a quote, a bracket...)
    lines: list[str]
    first_line: int  # the file line the YAML text starts on

    def number(self, index: int) -> int:
        """The file line number of line `index` of the YAML text."""
        return self.first_line + index

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def above(self, index: int) -> int | None:
        """The last line before `index` that is neither blank nor a comment."""
        filled = (i for i in range(index - 1, -1, -1) if self.lines[i].strip()[:1] not in "#")
        return next(filled, None)

    def key_column(self, index: int) -> int:
        """The column where the field on line `index` starts, after any "- "."""
        match = _FIELD.match(self.line(index))
        return len(match["lead"]) if match else _indent(self.line(index))

    def line_up(self, index: int) -> str:
        """Advice to start a line in the column of the field on line `index`."""
        match = _FIELD.match(self.line(index))
        name = f'"{match["key"]}"' if match else "the field"
        where = _spaces(self.key_column(index))
        return f"start it in the same column as {name} on line {self.number(index)}, {where}"


def _explain(exc: yaml.YAMLError, first_line: int = 1) -> tuple[int, str] | None:
    """(line in the file, "what — how to fix: right form") for a syntax error, or None when
    no rule fits (or the error carries no text); the YAML starts on line `first_line`."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None or not isinstance(mark.buffer, str):
        return None
    error = _Syntax(
        getattr(exc, "problem", None) or "",
        getattr(exc, "context", None) or "",
        mark,
        getattr(exc, "context_mark", None),
        _BREAK.split(mark.buffer.rstrip("\0")),
        first_line,
    )
    found = next(filter(None, (rule(error) for rule in _RULES)), None)
    return (error.number(found[0]), found[1]) if found else None


def _tab(error: _Syntax) -> tuple[int, str] | None:
    """A tab, which YAML refuses wherever the parser met it."""
    if "'\\t'" not in error.problem:
        return None
    line = error.line(error.mark.line)
    body = line.lstrip("\t ")
    what = "a tab character, which YAML does not allow"
    if "\t" not in body:
        return error.mark.line, f"{what} — indent with spaces instead, two for each level"
    return error.mark.line, f"{what} — use a space instead: {body.replace(chr(9), ' ')}"


def _reserved_start(error: _Syntax) -> tuple[int, str] | None:
    """An unquoted value starting with a sign YAML reserves: *bold*, @home, | x."""
    began = ("alias", "anchor", "block scalar")
    at = error.start if error.start and any(w in error.context for w in began) else error.mark
    line = error.line(at.line)
    sign = line[at.column : at.column + 1]
    match = _FIELD.match(line)
    if not (match and sign and sign in _RESERVED and (match["value"] or "").startswith(sign)):
        return None
    what = f'a value cannot start with "{sign}", which YAML reserves'
    return at.line, f"{what} — put the whole value in quotes: {_quoted(match, match['value'])}"


def _colon(error: _Syntax) -> tuple[int, str] | None:
    """A colon inside an unquoted value, a line indented too far, or "key:value"."""
    if error.problem != "mapping values are not allowed here":
        return None
    number = error.mark.line
    line = error.line(number)
    match = _FIELD.match(line)
    if match and match["value"] is not None and match.start("value") <= error.mark.column:
        what = f'the value of "{match["key"]}" has a colon in it, which YAML reads as a new field'
        return number, f"{what} — put the whole value in quotes: {_quoted(match, match['value'])}"
    above = error.above(number)
    if above is None:
        return None
    if _indent(line) > _indent(error.line(above)):
        shown = error.number(above)
        what = f"this line is indented more than line {shown}, so YAML reads it as its value"
        return number, f"{what} — {error.line_up(above)}: {line.strip()}"
    if squeezed := _SQUEEZED.match(error.line(above)):
        right = f"{squeezed['lead']}{squeezed['key']}: {squeezed['value']}"
        return above, f"no space after the colon — YAML needs one after a field's name: {right}"
    return None


def _no_colon(error: _Syntax) -> tuple[int, str] | None:
    """A line with no "field:" among fields: text wrapped onto a new line, or "-item"."""
    if "could not find expected ':'" not in error.problem or error.start is None:
        return None
    number = error.start.line
    line = error.line(number)
    body = line.strip()
    if body.startswith("-") and not body.startswith("- "):
        right = f"{' ' * _indent(line)}- {body[1:].lstrip()}"
        return number, f'no space after the "-" — a list item needs one: {right}'
    above = error.above(number)
    column = (error.key_column(above) if above is not None else 0) + 2
    what = 'this line has no colon, so it is not a field ("name: value")'
    fix = f"if it goes on from the line above, indent it by {column} spaces; if not, add the colon"
    return number, f"{what} — {fix}"


def _unclosed_quote(error: _Syntax) -> tuple[int, str] | None:
    """A quote that opens a value and is never closed."""
    if "quoted scalar" not in error.context or "unexpected end" not in error.problem:
        return None
    if error.start is None:
        return None
    line = error.line(error.start.line)
    quote = line[error.start.column : error.start.column + 1]
    what = f"the {quote} that opens this value is never closed"
    return error.start.line, f"{what} — end the value with {quote} too: {line.strip()}{quote}"


def _escape(error: _Syntax) -> tuple[int, str] | None:
    """A backslash inside double quotes that starts no escape YAML knows."""
    if "unknown escape character" not in error.problem or error.start is None:
        return None
    match = _FIELD.match(error.line(error.start.line))
    value = (match["value"] or "") if match else ""
    if not value.startswith('"'):
        return None
    inner = value[1:-1] if value.endswith('"') and len(value) > 1 else value[1:]
    right = f"{match['lead']}{match['key']}: '{inner.replace(chr(39), chr(39) * 2)}'"
    what = 'a "\\" inside double quotes starts a code YAML does not know'
    return error.start.line, f"{what} — use single quotes instead: {right}"


def _unclosed_bracket(error: _Syntax) -> tuple[int, str] | None:
    """A [ or { that opens a list (or fields) on one line and is never closed."""
    if "flow" not in error.context or not error.problem.startswith("expected ','"):
        return None
    if error.start is None:
        return None
    line = error.line(error.start.line)
    opener = line[error.start.column : error.start.column + 1]
    closer = _CLOSER.get(opener)
    if closer is None or line.count(opener) <= line.count(closer):
        return None
    what = f'the "{opener}" on this line is never closed'
    fix = f'end it with "{closer}": {line.strip()}{closer}'
    quote = f'(if "{opener}" is part of the text, put the whole value in quotes instead)'
    return error.start.line, f"{what} — {fix} {quote}"


def _after_closing(error: _Syntax) -> tuple[int, str] | None:
    """Text after the closing quote or bracket a value starts with: "Hinge" basics."""
    if error.problem != f"{_FOUND}'<scalar>'":
        return None
    match = _FIELD.match(error.line(error.mark.line))
    value = (match["value"] or "") if match else ""
    if value[:1] not in tuple("\"'[{"):
        return None
    closer = _CLOSER.get(value[0], value[0])
    what = f'the value of "{match["key"]}" goes on after its closing {closer}'
    return error.mark.line, f"{what} — put the whole value in quotes: {_quoted(match, value)}"


def _list_item(error: _Syntax) -> tuple[int, str] | None:
    """A "- item" indented unlike the list above it, or where a field belongs."""
    found = error.problem.removeprefix(_FOUND)
    if found not in ("'-'", "'<block sequence start>'"):
        return None
    number = error.mark.line
    line = error.line(number)
    items = (i for i in range(number - 1, -1, -1) if error.line(i).lstrip().startswith("- "))
    item = next(items, None)
    if item is not None and _indent(error.line(item)) != _indent(line):
        what = f"this list item starts in another column than the one on line {error.number(item)}"
        fix = f'line up its "-" with that one, {_spaces(_indent(error.line(item)))}'
        return number, f"{what} — {fix}: {line.strip()}"
    what = 'a list item ("- ...") where a field ("name: value") belongs'
    fix = (
        'put the list under a field: a line such as "tags:" above it, then each item, two spaces in'
    )
    return number, f"{what} — {fix}: {line.strip()}"


def _indentation(error: _Syntax) -> tuple[int, str] | None:
    """A field among the items of a list, or indented unlike the fields beside it."""
    found = error.problem.removeprefix(_FOUND)
    number = error.mark.line
    line = error.line(number)
    if found == "'?'" and "block collection" in error.context:
        what = 'a field ("name: value") in the middle of a list'
        fix = "if it begins a new item, start it with a dash: - "
        return number, f"{what} — {fix}{line.strip()}; if not, line it up with its field above"
    above = error.above(number)
    if found not in ("'<block mapping start>'", "'?'") or above is None:
        return None
    count = _indent(line)
    what = f"this line is indented {count} space{'s' * (count != 1)}, like no field above it"
    return number, f"{what} — {error.line_up(above)}: {line.strip()}"


def _first_indented(error: _Syntax) -> tuple[int, str] | None:
    """An indented first field, which makes every later field look out of place."""
    if not error.problem.startswith("expected '<document start>'"):
        return None
    first = next((i for i, line in enumerate(error.lines) if line.strip()), 0)
    line = error.line(first)
    if not _indent(line):
        return None
    return first, f"the first line is indented — start it at the left edge: {line.strip()}"


def _two_documents(error: _Syntax) -> tuple[int, str] | None:
    """A second "---" line in a data file."""
    if "single document" not in error.context:
        return None
    return error.mark.line, 'a second "---" line: a file holds one YAML document — remove it'


_RULES = (
    _tab,
    _reserved_start,
    _colon,
    _no_colon,
    _unclosed_quote,
    _escape,
    _unclosed_bracket,
    _after_closing,
    _list_item,
    _indentation,
    _first_indented,
    _two_documents,
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(count: int) -> str:
    """How far a line is indented, in words."""
    return "at the left edge" if not count else f"{count} space{'s' * (count != 1)} in"


def _quoted(match: re.Match[str], value: str) -> str:
    """The matched line's field with `value` in quotes that keep its text as it is."""
    if len(value) > 2 and value[0] == value[-1] and value[0] in "\"'" and value[0] in value[1:-1]:
        value = value[1:-1]  # 'it's': the outer quotes were meant as YAML's
    plain = '"' not in value and "\\" not in value
    quoted = f'"{value}"' if plain else "'" + value.replace("'", "''") + "'"
    return f"{match['lead']}{match['key']}: {quoted}"


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
