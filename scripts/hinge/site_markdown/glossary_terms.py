"""Glossary terms a reader can open by tap and keyboard, once per page.

The ``abbr`` extension marks every occurrence of a glossary term (includes/abbreviations.md)
with ``<abbr title="…">``: dozens of dotted words a page, none reachable by keyboard or touch,
since ``title`` shows only on mouse hover. This treeprocessor, run after it, keeps the mark on
the first occurrence of each term in a page and makes it focusable (``tabindex="0"``), so a tap
or the Tab key shows its definition (theme.css writes ``title`` after the focused term, with no
script); later occurrences become plain text, so the keyboard does not stop at each one.
Headings and the terms of a definition list stay plain too: a heading is a label, not a
sentence to explain (a dotted page title reads as a defect), and a ``<dt>`` is already being
defined beside its definition (the glossary page would otherwise repeat all its entries).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# Where a term is never marked: headings, and the term of a definition list.
PLAIN = {"h1", "h2", "h3", "h4", "h5", "h6", "dt"}


class GlossaryTermsTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        mark_first(root, seen=set(), plain=False)


def mark_first(parent: etree.Element, seen: set[str], plain: bool) -> None:
    """In document order, keep and make focusable the first mark of each term outside PLAIN
    elements (adding it to `seen`); unwrap the rest."""
    for child in list(parent):
        if child.tag == "abbr" and child.get("title"):
            term = "".join(child.itertext())
            if plain or term in seen:
                unwrap(parent, child)
            else:
                seen.add(term)
                child.set("tabindex", "0")
        else:
            mark_first(child, seen, plain or child.tag in PLAIN)


def unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace ``child`` (which holds only text) by its text, inside ``parent``."""
    text = "".join(child.itertext()) + (child.tail or "")
    index = list(parent).index(child)
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    parent.remove(child)


class GlossaryTermsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After abbr's treeprocessor (priority 7) and the host's link rewriting, before
        # serialising: at 1 every <abbr> is in place.
        md.treeprocessors.register(GlossaryTermsTreeprocessor(md), "glossary_terms", 1)


def makeExtension(**kwargs: object) -> GlossaryTermsExtension:
    return GlossaryTermsExtension(**kwargs)
