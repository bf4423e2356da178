"""Wrap every table in a keyboard-reachable scroll region.

Wide tables scroll sideways on phones. A scroll area that cannot take focus cannot be
scrolled from the keyboard (axe: scrollable-region-focusable), so each table goes into
``<div class="table-scroll" role="region" tabindex="0" aria-label="Table: …">``, named after
its first header cell. The theme's own scroll wrapper inside it is flattened in CSS.
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
                    parent.remove(child)
                    parent.insert(index, wrap(child))


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
