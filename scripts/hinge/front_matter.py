"""A page's front matter: the YAML between the ``---`` lines at its top, read with line numbers.

The one front-matter reader. `split` finds the block as MkDocs does (the pattern of
`mkdocs.utils.meta.YAML_RE`, copied because Zensical's environment has no MkDocs): a first
line ``---``, the YAML, then a line ``---`` or ``...``; the YAML starts on line 2 of the file.
`load` and `compose` read it with `hinge.safe_yaml` (no anchors, aliases, duplicate keys or
runaway size); `read` and `parse` do both steps. Whatever cannot be read (a file that is not
UTF-8, invalid YAML, YAML that is not ``key: value`` lines) raises `Unreadable`, which says
``FILE:LINE: what is wrong — how to fix it``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode

from hinge import safe_yaml
from hinge.report import Finding

FIRST_LINE = 2  # the file line of the YAML's first line
_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
NOT_A_MAPPING = 'front matter must be "key: value" lines — e.g. title: Barbell RDL'


class Unreadable(ValueError):
    """Front matter that cannot be read: the file, the line and what to do."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message

    def finding(self) -> Finding:
        """The problem as a finding of the content check."""
        return Finding(self.path, self.line, self.message)


@dataclass(frozen=True)
class Split:
    """A page cut in two: its front matter's YAML ('' when it has none) and the rest."""

    yaml: str
    body: str
    body_line: int  # the file line the body starts on

    @property
    def present(self) -> bool:
        """Whether the page starts with a front-matter block."""
        return self.body_line > 1


def split(text: str) -> Split:
    """Cut `text` (a page, byte-order mark already dropped) where MkDocs would."""
    match = _BLOCK.match(text)
    if not match:
        return Split("", text, 1)
    return Split(match[1], text[match.end() :], match[0].count("\n") + 1)


def compose(block: str, path: str) -> MappingNode | None:
    """The node tree of the YAML `block` (None when empty), for checks that need lines."""
    return _read(safe_yaml.compose, block, path, MappingNode)


def load(block: str, path: str) -> dict[str, Any]:
    """The YAML `block` as a dict ({} when empty)."""
    return _read(safe_yaml.load, block, path, dict) or {}


def _read(reader: Callable[..., Any], block: str, path: str, mapping: type) -> Any:
    """`reader`'s result for `block`, which must be None or a `mapping`."""
    try:
        found = reader(block, limit=safe_yaml.FRONT_MATTER_CHARS)
    except yaml.YAMLError as exc:
        raise Unreadable(path, *safe_yaml.describe(exc, first_line=FIRST_LINE)) from None
    if found is not None and not isinstance(found, mapping):
        raise Unreadable(path, 1, NOT_A_MAPPING)
    return found


def parse(text: str, path: str) -> dict[str, Any]:
    """The front matter of a page's `text` as a dict ({} when it has none)."""
    return load(split(text).yaml, path)


def read(file: Path, path: str | None = None) -> dict[str, Any]:
    """The front matter of `file`; messages name it `path` (default: `file` as given).

    Raises Unreadable, or OSError when the file cannot be opened.
    """
    shown = path or str(file)
    try:
        text = safe_yaml.read_text(file)
    except safe_yaml.NotUtf8 as exc:
        raise Unreadable(shown, exc.line, str(exc)) from None
    return parse(text, shown)
