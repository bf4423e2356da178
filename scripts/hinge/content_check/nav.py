"""The nav in mkdocs.yml: it names every page in docs/, and each name is a page.

What `mkdocs build --strict` would fail on (its ``omitted_files`` and ``not_found`` checks),
found without building. A page that `not_in_nav` lists may stay out of the nav. The nav is read
as YAML nodes, so each entry keeps its line and MkDocs' ``!ENV`` tags need no loader; with no
mkdocs.yml, or no nav in it, MkDocs lists every page itself and there is nothing to check.
"""

from __future__ import annotations

import difflib
import json
import posixpath
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pathspec import GitIgnoreSpec
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from hinge import safe_yaml
from hinge.content_check.page import Page
from hinge.report import Finding

CONFIG = "mkdocs.yml"


def check_nav(pages: Iterable[Page], root: Path, docs: str) -> list[Finding]:
    """A finding for each page under `docs` the nav leaves out, and each nav entry that names
    no page; mkdocs.yml's own YAML errors, if any, instead."""
    if not (root / CONFIG).is_file():
        return []
    try:
        config = safe_yaml.compose(safe_yaml.read_text(root / CONFIG))
    except safe_yaml.NotUtf8 as exc:
        return [Finding(CONFIG, exc.line, str(exc))]
    except yaml.YAMLError as exc:
        return [Finding(CONFIG, *safe_yaml.describe(exc, "check quotes and indentation"))]
    nav = _value(config, "nav")
    if not isinstance(nav, SequenceNode):
        return []
    inside = {
        page.path.removeprefix(f"{docs}/"): page
        for page in pages
        if page.path.startswith(f"{docs}/")
    }
    entries = list(_entries(nav))
    findings = [
        Finding(CONFIG, line, _missing(path, inside, docs))
        for path, line in entries
        if path not in inside and not (root / docs / path).is_file()
    ]
    listed = {path for path, _ in entries}
    allowed = _value(config, "not_in_nav")
    patterns = allowed.value.splitlines() if isinstance(allowed, ScalarNode) else []
    spec = GitIgnoreSpec.from_lines(patterns)
    for path, page in inside.items():
        if path not in listed and not spec.match_file(path):
            findings.append(Finding(page.path, 1, _left_out(path, page)))
    return findings


def _value(config: Node | None, key: str) -> Node | None:
    """The node under top-level `key` of mkdocs.yml, if any."""
    if isinstance(config, MappingNode):
        for name, value in config.value:
            if isinstance(name, ScalarNode) and name.value == key:
                return value
    return None


def _entries(node: Node) -> Iterator[tuple[str, int]]:
    """(page path inside docs/, line) of each page the nav names; web addresses left out."""
    if isinstance(node, SequenceNode):
        for item in node.value:
            yield from _entries(item)
    elif isinstance(node, MappingNode):
        for _, value in node.value:
            yield from _entries(value)
    elif isinstance(node, ScalarNode) and node.value:
        parts = urlsplit(node.value)
        if not (parts.scheme or parts.netloc or node.value.startswith("/")):
            yield posixpath.normpath(node.value), node.start_mark.line + 1


def _missing(path: str, pages: dict[str, Page], docs: str) -> str:
    close = difflib.get_close_matches(path, list(pages), n=1)
    fix = f'did you mean "{close[0]}"?' if close else "correct the path, or remove the line"
    return f'the nav names "{path}", which is not a page in {docs}/ — {fix}'


def _left_out(path: str, page: Page) -> str:
    titles = [text for _, level, text in page.headings() if level == 1]
    title = titles[0] if titles else "Page title"
    entry = f"{title}: {path}"
    try:
        plain = safe_yaml.load(entry) == {title: path}
    except yaml.YAMLError:
        plain = False
    if not plain:  # a title YAML would misread: JSON's quotes are YAML's too
        entry = f"{json.dumps(title, ensure_ascii=False)}: {path}"
    return (
        "not in the nav, so readers cannot reach it from the menu — "
        f"add it to nav in {CONFIG}, under its section: - {entry}"
    )
