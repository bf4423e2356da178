"""Split a Markdown page into front matter and body, and find what sits outside code.

Line numbers are 1-based lines of the file. Fenced code (``` or ~~~, also indented inside
lists and admonitions) and inline code spans are not prose: headings, images and spelling
ignore them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hinge.front_matter import split as split_front_matter

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ATTR_LIST = re.compile(r"\s*\{[^}]*\}\s*$")
# The ``[text](target "title")`` of a Markdown link or image: text may hold one level of
# brackets (``[![alt](a.png)](b.md)``), target may be in <angle brackets>.
TARGET = (
    r"\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]"
    r"\(\s*(?P<target><[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)


@dataclass(frozen=True)
class Page:
    """A page's lines, where its front matter ends, and which lines are fenced code."""

    path: str  # relative to the project root, e.g. docs/progression/wall-hip-hinge.md
    lines: tuple[str, ...]
    front_end: int  # index of the closing --- line; 0 when the page has no front matter
    code: frozenset[int]  # 1-based numbers of fence and fenced-code lines

    @property
    def front_matter(self) -> str:
        """The YAML between the --- lines (its first line is line 2 of the file)."""
        return "\n".join(self.lines[1 : self.front_end]) + "\n" if self.front_end else ""

    @property
    def body_start(self) -> int:
        """The 1-based number of the first line after the front matter."""
        return self.front_end + 2 if self.front_end else 1

    def prose(self) -> list[tuple[int, str]]:
        """(line number, text) of the body's lines outside fenced code, code spans blanked."""
        return [
            (number, _CODE_SPAN.sub(lambda m: " " * len(m[0]), line))
            for number, line in enumerate(self.lines, 1)
            if number >= self.body_start and number not in self.code
        ]

    def outside_code(self) -> str:
        """The body as one text, front matter and fenced code as empty lines and code spans
        blanked, so an offset's line is its count of newlines before it plus one."""
        shown = dict(self.prose())
        return "\n".join(shown.get(number, "") for number in range(1, len(self.lines) + 1))

    def headings(self) -> list[tuple[int, int, str]]:
        """(line number, level, text) of each ATX heading outside fenced code."""
        found = []
        for number, line in self.prose():
            if match := _HEADING.match(line):
                text = _ATTR_LIST.sub("", match[2] or "").strip()
                found.append((number, len(match[1]), text))
        return found


def parse(path: str, text: str) -> Page:
    """Parse a page's text; `path` is only carried along for messages."""
    lines = tuple(text.splitlines())
    block = split_front_matter(text)  # where MkDocs finds it
    front_end = block.body_line - 2 if block.present else 0
    start = front_end + 1 if front_end else 0
    return Page(path, lines, front_end, frozenset(fenced_lines(lines, start)))


def fenced_lines(lines: tuple[str, ...], start: int) -> set[int]:
    """1-based numbers of the lines that open, hold or close fenced code, from index `start`."""
    inside: set[int] = set()
    fence = ""
    for index in range(start, len(lines)):
        match = _FENCE.match(lines[index])
        if fence:
            inside.add(index + 1)
            closing = match and lines[index].strip() == match[1]
            if closing and match[1][0] == fence[0] and len(match[1]) >= len(fence):
                fence = ""
        elif match:
            fence = match[1]
            inside.add(index + 1)
    return inside
