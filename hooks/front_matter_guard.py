"""Check every page's front matter before MkDocs parses it; stop the build on what it refuses.

MkDocs reads front matter with PyYAML, which follows aliases: a few nested anchors in one
page (a "billion laughs") exhaust the memory of `mkdocs build` before any check of ours runs.
So in `on_files`, before MkDocs reads any page, this hook reads each one with the one
front-matter reader (scripts/hinge/front_matter.py, through safe_yaml): the same text MkDocs
would parse (its front-matter pattern), refusing anchors, aliases, keys written twice,
invalid YAML, YAML that is not ``key: value`` lines, over-long front matter and pages that
are not UTF-8. Each problem is logged as an error, ``docs/page.md:LINE: what — how to fix``,
in plain words with the line written the right way.
`mkdocs build` then stops; under `mkdocs serve` the page is shown without its front matter,
so the preview keeps running while the terminal names the problem.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from hinge import front_matter, safe_yaml

log = logging.getLogger("mkdocs.plugins.front_matter_guard")  # messages start with the file

_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`, which shows bad pages instead of stopping."""
    global _serving
    _serving = command == "serve"


def on_files(files: Files, *, config: Any) -> Files:
    """Log every page MkDocs must not parse; stop a build, or strip their front matter."""
    root = os.path.dirname(config.config_file_path or "mkdocs.yml")
    refused = [(file, problem) for file in files.documentation_pages() if (problem := check(file))]
    for file, (line, message) in refused:
        log.error(f"{_shown(file, root)}:{line}: {message}")
        if _serving:
            file.content_string = without_front_matter(file.content_bytes)
    if refused and not _serving:
        count = f"{len(refused)} page{'s' * (len(refused) != 1)}"
        raise PluginError(f"{count} with front matter MkDocs must not read — fix the lines above")
    return files


def check(file: File) -> tuple[int, str] | None:
    """(line, "what — how to fix") when MkDocs must not parse the page's front matter."""
    try:
        front_matter.parse(safe_yaml.decode(file.content_bytes), file.src_uri)
    except safe_yaml.NotUtf8 as exc:
        return exc.line, str(exc)
    except front_matter.Unreadable as exc:
        return exc.line or 1, exc.message
    return None


def without_front_matter(data: bytes) -> str:
    """The page's text after its front matter, led by a blank line MkDocs reads no metadata in."""
    return "\n" + front_matter.split(data.decode("utf-8-sig", errors="replace")).body


def _shown(file: File, root: str) -> str:
    """The page's path from the project root (docs/...), as our other checks print it."""
    if file.abs_src_path is None:
        return file.src_uri
    return os.path.relpath(file.abs_src_path, root or ".").replace(os.sep, "/")
