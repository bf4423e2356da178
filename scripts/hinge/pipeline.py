"""The build, written once: every step from images/, docs/ and data/ to site/, in order.

    python -m hinge build [--site-dir DIR] [--config FILE] [--finish]

`make build`, the tests (tests/conftest.py), CI and the Pages deploy run `build`; the live
preview (hooks/preview.py) runs the steps marked ``preview`` around `mkdocs serve`'s own
build. A step that fails stops the build with its exit code; its messages name the file.
``--finish`` runs only the steps after MkDocs, on a site another tool built (check_zensical
finishes Zensical's site so, as a build with Zensical would).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from hinge import (
    check_content,
    compile_hints,
    critical_css,
    csp,
    html_space,
    minify_js,
    offline,
    process_images,
    robots,
    social_cards,
)
from hinge.settings import ROOT


@dataclass(frozen=True)
class Target:
    """Where a build reads its settings and writes the site."""

    config: Path = ROOT / "mkdocs.yml"
    site: Path = ROOT / "site"


@dataclass(frozen=True)
class Step:
    """One build step: its name, what it runs, and whether the live preview runs it too."""

    name: str
    run: Callable[[Target], int]
    preview: bool
    after_mkdocs: bool = False


def mkdocs_build(target: Target) -> int:
    """MkDocs itself, strict: a broken link or anchor fails the build."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    command += ["--config-file", str(target.config), "--site-dir", str(target.site)]
    return subprocess.run(command, cwd=target.config.parent, check=False).returncode


STEPS = (
    Step("images", lambda t: process_images.main([]), preview=True),
    Step("check", lambda t: check_content.main([]), preview=True),
    Step("cards", lambda t: social_cards.main([]), preview=True),
    Step("mkdocs", mkdocs_build, preview=False),
    Step("robots", lambda t: robots.main([str(t.site)]), preview=False, after_mkdocs=True),
    Step("css", lambda t: critical_css.main([str(t.site)]), preview=True, after_mkdocs=True),
    Step("space", lambda t: html_space.main([str(t.site)]), preview=False, after_mkdocs=True),
    Step("csp", lambda t: csp.main([str(t.site)]), preview=False, after_mkdocs=True),
    Step("js", lambda t: minify_js.main([str(t.site)]), preview=False, after_mkdocs=True),
    Step("hints", lambda t: compile_hints.main([str(t.site)]), preview=False, after_mkdocs=True),
    Step("offline", lambda t: offline.main([str(t.site)]), preview=False, after_mkdocs=True),
)


def run(steps: Iterable[Step], target: Target) -> int:
    """Run ``steps`` in order; stop at the first that fails and return its exit code."""
    for step in steps:
        code = step.run(target)
        if code != 0:
            print(f"error: the build stopped at step {step.name!r} (exit {code})", file=sys.stderr)
            return code
    return 0


def preview_steps(*, after_mkdocs: bool) -> list[Step]:
    """The steps the live preview runs before (or after) MkDocs' own build."""
    return [s for s in STEPS if s.preview and s.after_mkdocs == after_mkdocs]


def main(argv: list[str] | None = None) -> int:
    """Build the site: every step, in order."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Target.config, help="mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=Target.site, help="where to build")
    parser.add_argument(
        "--finish", action="store_true", help="only the steps after MkDocs, on a built site"
    )
    args = parser.parse_args(argv)
    steps = [s for s in STEPS if s.after_mkdocs] if args.finish else STEPS
    return run(steps, Target(config=args.config.resolve(), site=args.site_dir.resolve()))
