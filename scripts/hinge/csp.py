"""Give every built page a Content-Security-Policy: our origin and our templates' scripts only.

    python -m hinge csp [SITE_DIR]

Run by ``make build`` after MkDocs. Each page gets, as the first element after ``<meta
charset>``, a ``<meta http-equiv="Content-Security-Policy">`` that allows scripts from the
site's own origin and inline scripts whose SHA-256 is that of a script our templates write,
and nothing else: a script that slips into a page's content or front matter does not run.

Which inline scripts are ours is not read from the pages (a planted script would be hashed
too) but from a throwaway build of the same configuration with empty pages at every folder
depth the site has (the theme's scripts vary with the page's depth). Inline scripts are
minified first, in the pages and in the throwaway build alike (rjsmin: ours are written to be
read), so the hashes are of the text as shipped. A page that holds an
inline script no template wrote is named, the policy is written anyway, and the exit code is 1.

Styles may stay inline (the first-paint CSS is); images may be ``data:`` URLs (the theme's
icons). The policy is a ``<meta>`` because GitHub Pages sets no headers; so
``frame-ancestors`` (headers only) is not part of it.

Exit codes: 0 written, 1 a page holds a script no template wrote, 2 usage error.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import sys
import tempfile
from pathlib import Path

import rjsmin

from hinge import atomic, zensical
from hinge.built_site import parse_site
from hinge.settings import ROOT

META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*')
CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.I)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
RUNNABLE = {"", "text/javascript", "application/javascript", "module"}
log = logging.getLogger("csp")


def runs_inline(attributes: str, text: str) -> bool:
    """Whether a <script> with these attributes and text is inline code the browser runs (not
    JSON, not an inert type, not a src)."""
    if re.search(r"\bsrc\s*=", attributes, re.I) or text == "":
        return False
    kind = TYPE.search(attributes)
    return (kind.group(1).lower() if kind else "") in RUNNABLE


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script the browser would run."""
    return [text for attributes, text in SCRIPT.findall(page) if runs_inline(attributes, text)]


def minified(page: str) -> str:
    """``page`` with the text of each inline script it runs minified (rjsmin, as the js step
    minifies our script files): our templates write them to be read, and the policy's hashes
    are of the text as shipped."""

    def shrink(match: re.Match[str]) -> str:
        attributes, text = match.groups()
        if not runs_inline(attributes, text):
            return match.group()
        return f"<script{attributes}>{rjsmin.jsmin(text)}</script>"

    return SCRIPT.sub(shrink, page)


def digest(script: str) -> str:
    """The CSP hash source of an inline script's text."""
    sha = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(sha).decode()}'"


def policy(hashes: set[str]) -> str:
    """The policy: same origin for everything, inline scripts only by hash."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *sorted(hashes)],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def depth(site: Path) -> int:
    """How many folders deep the site's pages go."""
    return max(len(page.relative_to(site).parts) - 1 for page in site.rglob("index.html"))


def build_pages(pages: dict[str, str], site: Path, config_file: Path = ROOT / "mkdocs.yml") -> None:
    """Build ``pages`` (path inside the docs → Markdown) with the site's configuration, theme
    and extensions into ``site``, in a throwaway docs folder, without strict mode: with MkDocs,
    or with Zensical when HINGE_ZENSICAL names its command (its templates write their inline
    scripts differently)."""
    if command := os.environ.get(zensical.ENV_COMMAND):
        env = os.environ | {"PYTHONPATH": str(ROOT / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
        zensical.build(config_file.parent, command, site, env, pages)
        return
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        for name, text in pages.items():
            path = Path(tmp, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        quiet = logging.getLogger("mkdocs")
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # throwaway pages: no nav entry, no description
        try:
            config = load_config(
                str(config_file), docs_dir=tmp, site_dir=str(site), nav=None, strict=False
            )
            build(config)
        finally:
            quiet.setLevel(level)


def template_hashes(levels: int) -> set[str]:
    """The hashes of the inline scripts the templates write, at every depth up to ``levels``:
    from a build with one empty page per depth (and its 404 page)."""
    pages = {
        "/".join([*(f"d{i}" for i in range(level)), "index.md"]): "# Page\n"
        for level in range(levels + 1)
    }
    with tempfile.TemporaryDirectory() as tmp:
        build_pages(pages, Path(tmp))
        return {
            digest(script)
            for page in Path(tmp).rglob("*.html")
            for script in inline_scripts(minified(page.read_text(encoding="utf-8")))
        }


def with_policy(page: str, meta: str) -> str:
    """``page`` with ``meta`` right after its charset declaration (replacing an older one)."""
    page = META.sub("", page)
    match = CHARSET.search(page)
    if not match:
        raise ValueError("no <meta charset> to put the policy after")
    return page[: match.end()] + meta + page[match.end() :]


def apply(site: Path, hashes: set[str]) -> list[str]:
    """Write the policy into every page of ``site``; return a problem per page that holds an
    inline script no template wrote (the policy blocks it)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    problems = []
    for path in sorted(site.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        if not CHARSET.search(page):
            continue  # a fragment, not a page
        page = minified(page)
        foreign = [s for s in inline_scripts(page) if digest(s) not in hashes]
        if foreign:
            problems.append(
                f"{path}: {len(foreign)} inline script(s) that no template wrote, starting "
                f"{foreign[0].strip()[:60]!r}: the Content-Security-Policy blocks them; remove "
                "them from the page's Markdown (pages may not carry scripts)"
            )
        atomic.write(path, with_policy(page, meta))
    return problems


def main(argv: list[str] | None = None) -> int:
    site = parse_site(argv, __doc__.split("\n\n")[0])
    hashes = template_hashes(depth(site))
    problems = apply(site, hashes)
    for problem in problems:
        log.error("error: %s", problem)
    log.info("csp: %d inline scripts of ours allowed on every page", len(hashes))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
