"""Run every rule over a project: the pages in docs/, their links and the nav, the glossary,
testimonials and people."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from hinge import people, safe_yaml, settings, testimonials
from hinge.content_check.front_matter import check_front_matter
from hinge.content_check.glossary import check_glossary
from hinge.content_check.ladder import check_ladder
from hinge.content_check.links import check_links
from hinge.content_check.nav import check_nav
from hinge.content_check.page import Page, parse
from hinge.content_check.raw_html import check_html
from hinge.content_check.schema import SAFETY_PAGES, is_step_page
from hinge.content_check.spelling import WORD_LIST, check_spelling
from hinge.content_check.structure import (
    IMAGES,
    check_headings,
    check_images,
    check_safety,
    check_step_sections,
    check_todo,
)
from hinge.report import Finding

INCLUDES = "includes"  # pymdownx.snippets' base_path: `--8<-- "safety.md"` is includes/safety.md
ABBREVIATIONS = f"{INCLUDES}/abbreviations.md"
GLOSSARY = "glossary.md"  # in the docs folder


def load_pages(root: Path, docs: str) -> tuple[list[Page], list[Finding]]:
    """Every Markdown page under `docs` and includes/, in path order; a finding for each file
    that is not UTF-8 (and is left out)."""
    files = sorted((root / docs).rglob("*.md")) + sorted((root / INCLUDES).glob("*.md"))
    pages, findings = [], []
    for file in files:
        path = file.relative_to(root).as_posix()
        try:
            pages.append(parse(path, safe_yaml.read_text(file)))
        except safe_yaml.NotUtf8 as exc:
            findings.append(Finding(path, exc.line, str(exc)))
    return pages, findings


def image_source(root: Path) -> str:
    """The image source folder, relative to `root` (from mkdocs.yml)."""
    return Path(os.path.relpath(settings.load(root).images.source, root)).as_posix()


def check_page(
    page: Page,
    root: Path,
    today: dt.date,
    ids: frozenset[str] | None = None,
    images: str = IMAGES,
    docs: str = "docs",
) -> list[Finding]:
    """The rules for one page under `docs`; `ids` are the people pages may name, `images`
    the image source folder."""
    inside = page.path.removeprefix(f"{docs}/")
    findings = check_front_matter(page, inside, today, ids)
    findings += check_headings(page)
    if is_step_page(inside):
        findings += check_step_sections(page)
    if is_step_page(inside) or inside in SAFETY_PAGES:
        findings += check_safety(page)
    return findings + check_images(page, root, images) + check_todo(page)


def check_testimonials(root: Path) -> list[Finding]:
    """hinge.testimonials' problems, and a warning while example entries remain."""
    return testimonials.check(root / testimonials.DEFAULT_FILE, testimonials.DEFAULT_FILE)[1]


def check_people(root: Path) -> tuple[list[Finding], frozenset[str]]:
    """hinge.people's problems, a warning while example people remain, and the ids."""
    found, findings = people.check(root / people.DEFAULT_FILE, people.DEFAULT_FILE)
    return findings, frozenset(person.id for person in found)


def check_project(root: Path, today: dt.date) -> tuple[list[Finding], int]:
    """All findings for the project at `root`, sorted by file and line, and the pages checked."""
    docs = settings.load(root).docs
    pages, unreadable = load_pages(root, docs)
    findings = list(unreadable)
    ids: frozenset[str] = frozenset()
    if (root / people.DEFAULT_FILE).is_file():
        found, ids = check_people(root)
        findings += found
    images = image_source(root)
    for page in pages:
        findings += check_html(page)  # includes/ too: abbreviations.md ends every page
        if page.path.startswith(f"{docs}/"):
            findings += check_page(page, root, today, ids, images, docs)
    # Across pages: what `mkdocs build --strict` and the link check would stop on.
    includes = {
        page.path.removeprefix(f"{INCLUDES}/"): page
        for page in pages
        if page.path.startswith(f"{INCLUDES}/")
    }
    findings += check_links(pages, includes, root, docs)
    findings += check_nav(pages, root, docs)
    findings += check_ladder(root, docs)  # step numbers, options and nav order
    texts = {page.path: "\n".join(page.lines) for page in pages}
    glossary = f"{docs}/{GLOSSARY}"
    both = {ABBREVIATIONS, glossary}
    if both & texts.keys() and not both & {finding.path for finding in unreadable}:
        findings += check_glossary(
            ABBREVIATIONS, texts.get(ABBREVIATIONS, ""), glossary, texts.get(glossary, "")
        )
    if (root / testimonials.DEFAULT_FILE).is_file():
        findings += check_testimonials(root)
    findings += check_spelling(pages, root / WORD_LIST)
    findings.sort(key=lambda f: (f.path, f.line or 0))
    return findings, len(pages)
