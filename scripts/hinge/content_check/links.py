"""Links between pages: each Markdown link reaches a file in docs/, and each #anchor a heading.

What `mkdocs build --strict` would fail on, found without building: a link to a page that does
not exist, to a folder, out of docs/ or starting with "/", and an anchor that is on no heading
or element of the target page. A page's anchors are its headings' ids, made by the same `toc`
and `attr_list` extensions MkDocs runs (so inline markup, punctuation and repeated headings
give the ids the site has), plus ids given with ``{ #id }`` or an HTML ``id=""``; headings
and ids pulled in with ``--8<-- "file"`` from includes/ count too. Links inside includes/ are
not checked (they resolve from each page that pulls them in). Images are structure.py's.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from hinge.content_check.page import TARGET, Page
from hinge.report import Finding

_LINK = re.compile(rf"(?<![!\\]){TARGET}")
_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*<?(?P<target>[^\s>]+)", re.MULTILINE)
_SNIPPET = re.compile(r"^\s*-{1,3}8<-{1,3}\s+([\"'])(?P<name>[^\"']+)\1\s*$")
_HEADING = re.compile(r"^\s*#{1,6}(?:[ \t]|$)")
_ATTR_ID = re.compile(r"\{:?[^}\n]*?(?<![\w-])#(?P<id>[^\s}]+)[^}\n]*\}")
_HTML_ID = re.compile(r"<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*([\"'])(?P<id>[^\"']+)\1")


def check_links(
    pages: Iterable[Page], includes: Mapping[str, Page], root: Path, docs: str
) -> list[Finding]:
    """Every link of every page under `docs` that MkDocs could not follow; `includes` maps the
    names ``--8<--`` uses to the include files' pages."""
    pages = [page for page in pages if page.path.startswith(f"{docs}/")]
    anchors = {page.path: page_anchors(page, includes) for page in pages}
    findings = []
    for page in pages:
        text = page.outside_code()
        targets = [(m.start(), m["target"]) for m in _LINK.finditer(text)]
        targets += [(m.start("target"), m["target"]) for m in _DEFINITION.finditer(text)]
        for offset, target in sorted(targets):
            link = html.unescape(target.strip("<>"))  # as Markdown reads it: &amp; is &
            if problem := _problem(page.path, link, anchors, root, docs):
                findings.append(Finding(page.path, text.count("\n", 0, offset) + 1, problem))
    return findings


def page_anchors(page: Page, includes: Mapping[str, Page]) -> frozenset[str]:
    """The ids a link's #anchor may name on `page`: headings' ids as MkDocs makes them, and
    ids given with ``{ #id }`` or HTML, includes pulled in with ``--8<--`` counted."""
    lines = []
    for line in page.outside_code().splitlines():
        included = _SNIPPET.match(line)
        shown = includes.get(included["name"]) if included else None
        lines += shown.outside_code().splitlines() if shown else [line]
    headings = [line.strip() for line in lines if _HEADING.match(line)]
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    md.convert("\n\n".join(headings))
    ids = set(_token_ids(md.toc_tokens))  # type: ignore[attr-defined]  # set by toc
    text = "\n".join(line for line in lines if not _HEADING.match(line))
    ids.update(match["id"] for match in _ATTR_ID.finditer(text))
    ids.update(match["id"] for match in _HTML_ID.finditer(text))
    return frozenset(ids)


def _token_ids(tokens: list[dict]) -> Iterable[str]:
    for token in tokens:
        yield token["id"]
        yield from _token_ids(token["children"])


def _problem(
    source: str, link: str, anchors: Mapping[str, frozenset[str]], root: Path, docs: str
) -> str | None:
    """What is wrong with `link` on page `source` (a project path), and how to fix it."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not (parts.path or parts.fragment):
        return None  # a web or mail address (raw_html.py flags javascript:), or a bare "#"
    folder = posixpath.dirname(source)
    anchor = f"#{parts.fragment}" if parts.fragment else ""
    if link.startswith(("/", "\\")):
        inside = posixpath.normpath(posixpath.join(docs, unquote(parts.path).lstrip("/\\")))
        right = posixpath.relpath(inside, folder) + anchor
        return (
            f'link "{link}" starts with "/", which breaks under the site\'s address — '
            f"write it relative to this page: {right}"
        )
    target = (
        posixpath.normpath(posixpath.join(folder, unquote(parts.path))) if parts.path else source
    )
    shown = f'link "{link}"'
    if not target.startswith(f"{docs}/"):
        return f"{shown} goes outside {docs}/ — link to a page in {docs}/, or to a web address"
    if not posixpath.splitext(target)[1]:
        page = next(
            (p for p in (f"{target}/index.md", f"{target}.md") if (root / p).is_file()), None
        )
        fix = f"write {posixpath.relpath(page, folder)}{anchor}" if page else "link to a .md file"
        return f"{shown} names no file, so MkDocs cannot check it — {fix}"
    if not (root / target).is_file():
        fix = _nearest(target, folder, anchors, anchor)
        return f"{shown} goes to {target}, which does not exist — {fix}"
    if not anchor or target not in anchors or parts.fragment in anchors[target]:
        return None
    close = difflib.get_close_matches(parts.fragment, anchors[target], n=1)
    where = "this page" if target == source else target
    fix = (
        f'did you mean "#{close[0]}"?'
        if close
        else "link to one of its headings: the heading in lower case, hyphens for spaces"
    )
    return f'{shown}: {where} has no heading or id "{anchor}" — {fix}'


def _nearest(target: str, folder: str, pages: Iterable[str], anchor: str) -> str:
    """A fix for a link to a missing page: the page of that name elsewhere, or the page with
    the nearest path, if any."""
    pages = list(pages)
    named = [page for page in pages if posixpath.basename(page) == posixpath.basename(target)]
    close = named or difflib.get_close_matches(target, pages, n=1)
    if not close:
        return "check the file name and folder of the page"
    return f'did you mean "{posixpath.relpath(close[0], folder)}{anchor}"?'
