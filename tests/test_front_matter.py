"""Tests for the one front-matter reader (scripts/hinge/front_matter.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from hinge import front_matter
from hinge.content_check.front_matter import check_front_matter
from hinge.content_check.page import parse
from hinge.front_matter import Unreadable

PAGES = {
    "front matter": "---\ntitle: Hip thrust\ntags: [a, b]\n---\n# Hip thrust\n",
    "closed by dots": "---\ntitle: T\n...\nBody\n",
    "spaces after the dashes": "--- \ntitle: T\n---\t\nBody\n",
    "none": "# Just a page\n\ntitle: not front matter\n",
    "not at the top": "\n---\ntitle: T\n---\nBody\n",
    "never closed": "---\ntitle: T\n# Body\n",
    "closed at the end without a newline": "---\ntitle: T\n---",
    "empty": "---\n---\nBody\n",
    "a rule in the body": "---\ntitle: T\n---\nText\n\n---\n\nMore\n",
}


@pytest.mark.parametrize("text", PAGES.values(), ids=PAGES)
def test_split_agrees_with_mkdocs(text: str) -> None:
    body, meta = get_data(text)
    found = front_matter.split(text)
    assert found.body.lstrip("\n") == body.lstrip("\n")  # MkDocs drops blank lines there
    assert front_matter.load(found.yaml, "p.md") == meta


def test_split_gives_the_line_numbers() -> None:
    found = front_matter.split(PAGES["front matter"])
    assert (found.yaml, found.body_line, found.present) == (
        "title: Hip thrust\ntags: [a, b]\n",
        5,
        True,
    )
    assert PAGES["front matter"].splitlines()[found.body_line - 1] == "# Hip thrust"
    none = front_matter.split(PAGES["none"])
    assert (none.yaml, none.body_line, none.present) == ("", 1, False)


def test_parse_reads_dates_and_lists() -> None:
    meta = front_matter.parse("---\ndate: 2026-11-25\ntags: [a]\n---\n", "p.md")
    assert str(meta["date"]) == "2026-11-25"
    assert meta["tags"] == ["a"]
    assert front_matter.parse("# No front matter\n", "p.md") == {}


@pytest.mark.parametrize(
    ("text", "line", "start"),
    [
        ("---\ntitle: T\ndescription: a: b\n---\n", 3, 'the value of "description" has a colon'),
        ("---\ntitle: &a T\n---\n", 2, '"&a" is a YAML anchor, which we do not allow'),
        ("---\ntitle: T\ntitle: U\n---\n", 3, '"title" appears twice — keep one'),
        ("---\n- a\n- b\n---\n", 1, 'front matter must be "key: value" lines'),
    ],
    ids=["syntax", "anchor", "twice", "a list"],
)
def test_errors_name_the_file_line(text: str, line: int, start: str) -> None:
    with pytest.raises(Unreadable) as error:
        front_matter.parse(text, "docs/p.md")
    assert (error.value.path, error.value.line) == ("docs/p.md", line)
    assert error.value.message.startswith(start)
    assert str(error.value).startswith(f"docs/p.md:{line}: {start}")
    assert error.value.finding().text() == str(error.value)


def test_compose_keeps_the_lines_of_the_keys() -> None:
    root = front_matter.compose("title: T\nstep: 3\n", "p.md")
    assert root is not None
    lines = [key.start_mark.line + front_matter.FIRST_LINE for key, _ in root.value]
    assert lines == [2, 3]
    assert front_matter.compose("", "p.md") is None


def test_read_names_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_bytes("---\ntitle: Zoë\n---\n".encode("latin-1"))
    with pytest.raises(Unreadable) as error:
        front_matter.read(page, "docs/p.md")
    assert str(error.value).startswith("docs/p.md:2: not UTF-8 (byte 0xEB at offset 13)")
    page.write_text("\ufeff---\ntitle: Zoë\n---\n", encoding="utf-8")
    assert front_matter.read(page) == {"title": "Zoë"}, "a byte-order mark is dropped"


STEP = """\
---
title: Swing
description: One step of the ladder, the kettlebell swing, as a plain sentence here.
date: 2026-11-25
reviewed: 2026-11-25
step: 4
equipment: [kettlebell]
ready: You can hinge with a dowel on your back.
after: barbell-rdl.md
author: example-writer
reviewer: example-reviewer
---
# Swing
"""


def test_the_ladder_fields_belong_to_step_pages_only() -> None:
    today = dt.date(2026, 12, 1)
    assert (
        check_front_matter(parse("docs/progression/swing.md", STEP), "progression/swing.md", today)
        == []
    )
    article = STEP.replace("step: 4\nequipment: [kettlebell]\n", "")
    findings = check_front_matter(parse("docs/swing.md", article), "swing.md", today)
    assert [(f.line, f.message) for f in findings] == [
        (6, '"ready" is only for step pages in docs/progression/ — remove it'),
        (7, '"after" is only for step pages in docs/progression/ — remove it'),
    ]
