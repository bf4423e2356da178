"""Glossary terms (site_markdown/glossary_terms.py): marked once a page, in its text, never in
a heading or a definition list's term; and so on every page of the real site."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html

from conftest import NAV, page_url

GLOSSARY = "*[RDL]: Romanian deadlift.\n*[hip hinge]: Bending at the hips.\n"


def render(text: str) -> str:
    extensions = ["abbr", "def_list", "hinge.site_markdown.glossary_terms"]
    return markdown.markdown(text + "\n\n" + GLOSSARY, extensions=extensions)


def test_the_first_term_in_the_text_is_marked_and_focusable() -> None:
    assert render("An RDL, then another RDL.") == (
        '<p>An <abbr tabindex="0" title="Romanian deadlift.">RDL</abbr>, then another RDL.</p>'
    )


def test_a_term_in_a_heading_stays_plain_and_the_text_gets_the_mark() -> None:
    html = render("# Dumbbell RDL\n\nThe RDL starts standing.\n\n## More RDL\n")
    assert html == (
        '<h1>Dumbbell RDL</h1>\n<p>The <abbr tabindex="0" title="Romanian deadlift.">RDL</abbr>'
        " starts standing.</p>\n<h2>More RDL</h2>"
    )


def test_a_defined_term_stays_plain_and_its_definition_can_mark_others() -> None:
    html = render("hip hinge\n:   The base of the RDL.\n")
    assert html.startswith("<dl>\n<dt>hip hinge</dt>\n<dd>The base of the <abbr tabindex")


def test_marks_follow_document_order_through_nested_elements() -> None:
    html = render("*An RDL* and an RDL.")
    assert html == (
        '<p><em>An <abbr tabindex="0" title="Romanian deadlift.">RDL</abbr></em> and an RDL.</p>'
    )


@pytest.mark.parametrize("md", NAV)
def test_every_page_marks_each_term_once_in_its_text(site: Path, md: str) -> None:
    tree = lxml_html.parse(str(site / page_url(md) / "index.html"))
    marks = tree.xpath("//article//abbr[@title]")
    where = [
        mark.xpath("ancestor::*[self::h1 or self::h2 or self::h3 or self::dt]") for mark in marks
    ]
    assert not any(where), f"{md}: a term is marked in a heading or a defined term"
    terms = Counter(mark.text_content() for mark in marks)
    assert all(count == 1 for count in terms.values()), f"{md}: marked more than once: {terms}"
    assert all(mark.get("tabindex") == "0" for mark in marks), f"{md}: a mark is not focusable"
