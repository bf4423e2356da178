"""One build at a time per site directory: an exclusive lock held for the whole build.

Two `mkdocs build` runs into the same site/ trampled each other: one cleaned the folder while
the other wrote into it (FileNotFoundError on site/404.html or a theme asset). Before anything
is cleaned or written, this hook takes an exclusive `fcntl.flock` on `<site_dir>.lock`, beside
the site directory (never inside it: the build empties it), and releases it after the last
post-build step or on a build error; the OS releases it if the process dies. A second build
waits for the first, saying so once, rather than failing.

`mkdocs serve` builds into a temporary folder of its own, so it takes no lock. POSIX only.
"""

from __future__ import annotations

import fcntl
from pathlib import Path
from typing import IO, Any

from mkdocs.plugins import event_priority, get_plugin_logger

log = get_plugin_logger(__name__)

_serving = False
_held: IO[bytes] | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`, which needs no lock."""
    global _serving
    _serving = command == "serve"


@event_priority(100)  # Before any other plugin's pre-build step, and before the cleaning.
def on_pre_build(*, config: Any) -> None:
    """Lock the site directory, waiting while another build holds it."""
    global _held
    if not _serving and _held is None:
        _held = acquire(Path(config.site_dir))


@event_priority(-100)  # After every other plugin's post-build step (search writes its index).
def on_post_build(*, config: Any) -> None:
    """The site is complete: let the next build in."""
    release()


def on_build_error(*, error: Exception) -> None:
    """The build failed: let the next build in."""
    release()


def lock_path(site_dir: Path) -> Path:
    """The lock file: `<site_dir>.lock` in the site directory's parent."""
    return site_dir.with_name(f"{site_dir.name}.lock")


def acquire(site_dir: Path) -> IO[bytes]:
    """Open and exclusively lock `lock_path(site_dir)`; log once if another build holds it."""
    path = lock_path(site_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.info("waiting for another build of %s to finish", site_dir)
        fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def release() -> None:
    """Drop the lock if this process holds it (closing the file unlocks it)."""
    global _held
    if _held is not None:
        _held.close()
        _held = None
