"""Render the ladder of steps from the step pages' front matter: no hand-kept list to drift.

In Markdown::

    /// ladder
    layout: table
    ///

`layout: table` (the default; the progression page) gives a table of every step: its number,
the page's title as a link, what it needs (`equipment`) and what it is (`description`). Where
several pages share a step, the rows say "(choose one)" and, under the table, a list says what
each option asks of the reader first (`ready`). `layout: list` (the home page) gives a numbered
list, with the options of a step as a list inside it. A page that follows one option names it
(`after`). The option also works pymdownx-style, indented four spaces under the header.
In mkdocs.yml: ``- hinge.site_markdown.ladder: {docs_dir: docs}``.

The data and its rules live in hinge.content_check.ladder (`read_ladder`): `python -m hinge
check` reports clashing or missing step numbers and step pages left out of the nav, so this
block only renders; pages whose step cannot be read are left out. Everything is read from the
Markdown files, not from MkDocs' page objects, so the block works under Zensical too. Links
are written relative to the Markdown file (`site_markdown.pictures.page_path`), so MkDocs and
Zensical rewrite them like any other link (MkDocs also checks them; Zensical checks only the
links written in the Markdown, so `python -m hinge links` checks its built site). Every value
is escaped text (`site_markdown.testimonials._add`).

Why pymdownx.blocks: the same ``///`` syntax and option parsing as the testimonials block.
"""

from __future__ import annotations

import logging
import posixpath
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any, ClassVar

import yaml
from markdown import Markdown
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block, type_any

from hinge import safe_yaml
from hinge.content_check.ladder import Rung, read_ladder, steps
from hinge.site_markdown.byline import _say
from hinge.site_markdown.pictures import page_path
from hinge.site_markdown.testimonials import _add, _data

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

LAYOUTS = ("table", "list")
HEADERS = ("Step", "Exercise", "You need", "In short")
CHOICE_NOTE = "Pick the one that suits your kit and your goal, and start it when its check is true:"
NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number(count: int) -> str:
    """`count` in words up to ten ("three"), in digits above."""
    return NUMBERS[count] if 0 <= count < len(NUMBERS) else str(count)


def add_table(parent: etree.Element, ladder: list[list[Rung]], page: str | None) -> None:
    """Append the ladder as a table, then what each option at a shared step asks first."""
    table = _add(parent, "table")
    row = _add(_add(table, "thead"), "tr")
    for header in HEADERS:
        _add(row, "th", {}, header)
    body = _add(table, "tbody")
    for options in ladder:
        for rung in options:
            row = _add(body, "tr")
            _add(row, "td", {}, f"{rung.step} (choose one)" if len(options) > 1 else str(rung.step))
            _add_title(_add(row, "td"), rung, ladder, page)
            _add(row, "td", {}, ", ".join(rung.equipment))
            _add(row, "td", {}, rung.description)
    for options in ladder:
        if len(options) > 1:
            _add_choice(parent, options, page)


def add_list(parent: etree.Element, ladder: list[list[Rung]], page: str | None) -> None:
    """Append the ladder as a numbered list; the options of a step as a list inside its item."""
    ol = _add(parent, "ol")
    for options in ladder:
        item = _add(ol, "li", {"value": str(options[0].step)})
        if len(options) == 1:
            _add_entry(item, options[0], ladder, page)
            continue
        _add(item, "p", {}, f"Choose one of {number(len(options))}:")
        ul = _add(item, "ul")
        for rung in options:
            _add_entry(_add(ul, "li"), rung, ladder, page)


def _add_entry(item: etree.Element, rung: Rung, ladder: list[list[Rung]], page: str | None) -> None:
    """The page's linked title (and the option it follows), then its description."""
    _add_title(item, rung, ladder, page)
    if rung.description:
        _say(item, f": {_data(rung.description)}")


def _add_title(cell: etree.Element, rung: Rung, ladder: list[list[Rung]], page: str | None) -> None:
    """The page's title as a link, and "(after TITLE)" when it follows one option."""
    _add(cell, "a", {"href": _href(rung.src, page)}, rung.title)
    before = next((r for options in ladder for r in options if r.name == rung.after), None)
    if before is not None:
        _say(cell, f" (after {_data(before.title)})")


def _add_choice(parent: etree.Element, options: list[Rung], page: str | None) -> None:
    """Say that a step offers a choice, and what each option asks first."""
    step = options[0].step
    intro = _add(parent, "p")
    _add(intro, "strong", {}, f"Step {step}: choose one of {number(len(options))}.")
    _say(intro, f" {CHOICE_NOTE}")
    ul = _add(parent, "ul")
    for rung in options:
        item = _add(ul, "li")
        _add(item, "a", {"href": _href(rung.src, page)}, rung.title)
        if rung.ready:  # missing only by mistake, which `python -m hinge check` reports
            _say(item, f": {_data(rung.ready)}")


def _href(src: str, page: str | None) -> str:
    """`src` (inside docs/) as a link relative to the Markdown file `page` (docs/ if unknown)."""
    return posixpath.relpath(src, posixpath.dirname(page or "index.md") or ".")


class Ladder(Block):
    """The ``/// ladder`` block; its body may hold the `layout` option."""

    NAME = "ladder"
    ARGUMENT = False
    OPTIONS: ClassVar = {"layout": ("table", type_any)}

    def on_markdown(self) -> str:
        """Keep the content as raw text: it holds the options, as YAML."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Create the element that holds the ladder."""
        return etree.SubElement(parent, "div", {"class": "ladder"})

    def on_end(self, block: etree.Element) -> None:
        """Fill the element with the ladder read from the step pages."""
        layout = _layout(block.text or "", self.options)
        block.text = None
        if layout is None:
            return
        ladder = steps(read_ladder(Path(self.config["docs_dir"])))
        page = page_path(self.md)
        if layout == "list":
            add_list(block, ladder, page)
        else:
            add_table(block, ladder, page)


def _layout(body: str, header: dict[str, Any]) -> str | None:
    """The layout from the body or the indented header; None (with a warning) if invalid."""
    try:
        options = {**header, **(safe_yaml.load(body) or {})}
    except (yaml.YAMLError, TypeError, ValueError):
        options = None
    if options is None or not set(options) <= {"layout", "attrs"}:
        log.warning('ladder block: write one option only, e.g. "layout: list"')
        return None
    layout = options.get("layout", "table")
    if layout not in LAYOUTS:
        log.warning(f"ladder block: layout must be one of: {', '.join(LAYOUTS)}")
        return None
    return layout


class LadderExtension(BlocksExtension):
    """Register the ladder block with pymdownx.blocks."""

    def __init__(self, **kwargs: Any) -> None:
        """Declare the `docs_dir` option: where the step pages are."""
        self.config = {
            "docs_dir": ["docs", "The Markdown folder, relative to the project root"],
        }
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        """Add the block."""
        block_mgr.register(Ladder, self.getConfigs())


def makeExtension(**kwargs: Any) -> LadderExtension:
    """Return the extension (Python-Markdown's entry point)."""
    return LadderExtension(**kwargs)
