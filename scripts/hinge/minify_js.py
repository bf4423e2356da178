"""Minify our own scripts in a built site: comments and spaces out, as the theme ships its own.

    python -m hinge minify-js [SITE_DIR]

Run by `make build` after MkDocs and before the offline step (which hashes every file). Our
scripts are written to be read, with a comment for every decision; readers' phones need only
the code. ``overrides/assets/javascripts/`` names them: each file there is minified where the
build copied it, with rjsmin (the sibling of the rcssmin the css step uses). The preview
(`make serve`) skips this step, so its scripts stay as written.

Exit codes: 0 written, 1 one of our scripts is missing from the site, 2 usage error.
"""

from __future__ import annotations

import logging
from pathlib import Path

import rjsmin

from hinge import atomic
from hinge.built_site import parse_site
from hinge.settings import ROOT

SOURCE = ROOT / "overrides"
OURS = "assets/javascripts"
log = logging.getLogger("minify_js")


def minify(site: Path, source: Path = SOURCE) -> tuple[int, int, list[str]]:
    """Minify in `site` every script `source` has under assets/javascripts/; return the bytes
    before and after, and the scripts the site lacks (relative paths)."""
    before = after = 0
    missing = []
    for script in sorted((source / OURS).rglob("*.js")):
        relative = script.relative_to(source).as_posix()
        built = site / relative
        if not built.is_file():
            missing.append(relative)
            continue
        text = built.read_text(encoding="utf-8")
        small = rjsmin.jsmin(text, keep_bang_comments=False)
        atomic.write(built, small)
        before, after = before + len(text.encode()), after + len(small.encode())
    return before, after, missing


def main(argv: list[str] | None = None) -> int:
    site = parse_site(argv, __doc__.split("\n\n")[0])
    before, after, missing = minify(site)
    for relative in missing:
        log.error(
            "error: %s/%s: not in the built site — is overrides/ still mkdocs.yml's "
            "theme.custom_dir?",
            site,
            relative,
        )
    log.info("minify-js: our scripts %d -> %d bytes", before, after)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
