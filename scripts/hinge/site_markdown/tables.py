"""Make every table readable on a phone, and wrap it in a keyboard-reachable scroll region.

On phones, theme.css stacks each row into a card of "header: value" lines, so no column is
cut off: each body cell gets ``data-label`` with its column's header text for the CSS to show
(screen readers keep the real table semantics). Wider screens show the table as it is, inside
``<div class="table-scroll" role="region" tabindex="0" aria-label="Table: …">``, named after
its first header cell: a scroll area that cannot take focus cannot be scrolled from the
keyboard (axe: scrollable-region-focusable). The theme's own scroll wrapper inside it is
flattened in CSS.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class TableScrollTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "table":
                    label_cells(child)
                    parent.remove(child)
                    parent.insert(index, wrap(child))


def label_cells(table: etree.Element) -> None:
    """Give every body cell a ``data-label``: the text of its column's header. Explicit
    table roles keep the semantics once CSS displays rows and cells as blocks."""
    table.set("role", "table")
    headers = ["".join(th.itertext()).strip() for th in table.findall("./thead/tr/th")]
    for group in table:
        group.set("role", "rowgroup")
        for row in group.findall("tr"):
            row.set("role", "row")
            for cell, header in zip(row, headers, strict=False):
                cell.set("role", "columnheader" if cell.tag == "th" else "cell")
                if cell.tag == "td" and header:
                    cell.set("data-label", header)


def wrap(table: etree.Element) -> etree.Element:
    """The table inside a focusable, named scroll region."""
    first = table.find("./thead/tr/th")
    name = "".join(first.itertext()).strip() if first is not None else ""
    region = etree.Element(
        "div",
        {
            "class": "table-scroll",
            "role": "region",
            "tabindex": "0",
            "aria-label": f"Table: {name}" if name else "Table",
        },
    )
    region.append(table)
    return region


class TableScrollExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(TableScrollTreeprocessor(md), "table_scroll", 5)


def makeExtension(**kwargs: object) -> TableScrollExtension:
    return TableScrollExtension(**kwargs)
