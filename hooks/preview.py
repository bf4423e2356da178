"""Live preview for `mkdocs serve`: re-make images and re-check content on every save.

`mkdocs serve` also watches images/, data/ and includes/; before each rebuild this hook runs
the image pipeline incrementally (scripts/process_images.py's `run`) and the content checks
(scripts/check_content.py, or scripts/testimonials.py where that is missing). Problems are
logged as warnings with their message and never raised, so the preview keeps serving; `make
serve` passes `--no-strict`, so a warning does not hold the page back either.

A convenience, never reader-visible: under `mkdocs build` (and Zensical, which ignores hooks)
it does nothing, since `make build` runs the same scripts itself. No rebuild loop: the image
pipeline writes into docs/img/ only when an output changed, so the rebuild its writes cause
finds nothing to do and writes nothing.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

_serving = False
WATCH = ("data", "includes")  # besides the image source folder from pyproject.toml


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`: the hook only acts there."""
    global _serving
    _serving = command == "serve"


def on_serve(server: Any, *, config: Any, builder: Any) -> Any:
    """Rebuild when an image source, the testimonials or the glossary changes."""
    for folder in _watched(_root(config)):
        server.watch(str(folder))
    return server


def on_pre_build(*, config: Any) -> None:
    """While serving: bring docs/img/ up to date, then check the content; never raise."""
    if not _serving:
        return
    root = _root(config)
    with contextlib.chdir(root):  # Our scripts read paths relative to the project root.
        _images(root)
        _content()


def _root(config: Any) -> Path:
    """The project root: the folder of mkdocs.yml."""
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def _watched(root: Path) -> list[Path]:
    """The existing folders to watch besides docs/."""
    folders = [root / name for name in WATCH]
    try:
        from image_pipeline.config import load_paths

        folders.insert(0, load_paths(root / "pyproject.toml").source)
    except Exception as exc:  # A broken pyproject.toml must not stop the preview.
        log.warning("cannot read the image folders from pyproject.toml: %s", exc)
    return [folder for folder in folders if folder.is_dir()]


def _images(root: Path) -> None:
    """Process new or changed images (incremental, in-process); log what failed."""
    try:
        import process_images
        from image_pipeline.config import load_paths

        paths = load_paths(root / "pyproject.toml")
        if not paths.source.is_dir():
            log.warning("images: source folder %s is missing", paths.source)
            return
        report = process_images.run(paths.source, paths.output, jobs=os.cpu_count() or 1)
    except Exception as exc:
        log.warning("images: %s: %s", type(exc).__name__, exc)
        return
    source = paths.source.relative_to(root).as_posix()
    for key in report["processed"]:
        log.info("images: processed %s/%s", source, key)
    for key in report["removed"]:
        log.info("images: removed the outputs of %s/%s", source, key)
    for key, message in report["failed"].items():
        log.warning("images: %s/%s: %s", source, key, message)


def _content() -> None:
    """Run the content checks; log each problem as a warning, each reminder as info."""
    try:
        import check_content as checker
    except ImportError:  # Until scripts/check_content.py exists: the testimonials alone.
        import testimonials as checker
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = checker.main(["--format", "text"])
    except (Exception, SystemExit) as exc:
        log.warning("content check crashed: %s: %s", type(exc).__name__, exc)
        return
    for line in out.getvalue().splitlines():
        if line.strip():
            (log.info if ": warning: " in line else log.warning)("content: %s", line)
    if code not in (0, 1):
        log.warning("content check exited %s: %s", code, err.getvalue().strip())
