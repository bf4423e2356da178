"""Live preview for `mkdocs serve`: the build pipeline's preview steps around every rebuild.

Before each rebuild this hook runs the steps `hinge.pipeline` marks ``preview`` (new or
changed images, the content checks, sharing cards), and after it the preview steps that work
on the built pages (the inline stylesheet). So `make serve` shows what `make build` would: an
edited stylesheet, image or testimonial appears on save. `mkdocs serve` also watches images/,
data/ and includes/.

Problems are logged as warnings with their message and never raised, so the preview keeps
serving; `make serve` passes `--no-strict`, so a warning does not hold the page back either.
A convenience, never reader-visible: under `mkdocs build` (and Zensical, which ignores hooks)
it does nothing, since `python -m hinge build` runs the same steps itself. No rebuild loop:
every step writes a file only when its content changed.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

_serving = False
WATCH = ("data", "includes")  # besides the image source folder


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`: the hook only acts there."""
    global _serving
    _serving = command == "serve"


def on_serve(server: Any, *, config: Any, builder: Any) -> Any:
    """Rebuild when an image source, the testimonials or the glossary changes; say where."""
    for folder in _watched(_root(config)):
        server.watch(str(folder))
    log.info("preview: open %s in a browser", _address(config))
    return server


def on_pre_build(*, config: Any) -> None:
    """While serving: the preview steps that come before MkDocs' build; never raise."""
    if _serving:
        _run(config, after_mkdocs=False)


def on_post_build(*, config: Any) -> None:
    """While serving: the preview steps that work on the built pages; never raise."""
    if _serving:
        _run(config, after_mkdocs=True)


def _root(config: Any) -> Path:
    """The project root: the folder of mkdocs.yml."""
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def _address(config: Any) -> str:
    """The preview's address: where `mkdocs serve` listens, under the site's base path."""
    host, port = config.dev_addr.host, config.dev_addr.port
    path = urlsplit(config.site_url or "").path or "/"  # as `mkdocs serve` mounts the site
    return f"http://{host}:{port}{path}"


def _watched(root: Path) -> list[Path]:
    """The existing folders to watch besides docs/: the image sources, then `WATCH`."""
    from hinge import settings

    folders = [settings.load(root).images.source, *(root / name for name in WATCH)]
    return [folder for folder in folders if folder.is_dir()]


def _run(config: Any, *, after_mkdocs: bool) -> None:
    """Run the preview steps in the project root; log their output, warnings as warnings."""
    try:
        from hinge import pipeline

        steps = pipeline.preview_steps(after_mkdocs=after_mkdocs)
        target = pipeline.Target(config=Path(config.config_file_path), site=Path(config.site_dir))
    except Exception as exc:
        log.warning("preview: cannot load the build steps: %s: %s", type(exc).__name__, exc)
        return
    for step in steps:
        out = io.StringIO()
        try:
            with (
                contextlib.chdir(_root(config)),
                contextlib.redirect_stdout(out),
                contextlib.redirect_stderr(out),
            ):
                code = step.run(target)
        except (Exception, SystemExit) as exc:
            log.warning("%s: crashed: %s: %s", step.name, type(exc).__name__, exc)
            continue
        for line in out.getvalue().splitlines():
            if line.strip():
                problem = code != 0 and ": warning: " not in line
                (log.warning if problem else log.info)("%s: %s", step.name, line)
