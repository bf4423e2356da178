"""Write a file so that a reader sees its old bytes or its new ones, never half of them.

`write` puts the bytes in a hidden temporary file in the same folder (``.NAME.RANDOM.tmp``:
MkDocs skips dotfiles, and `image_pipeline.manifest.tidy` deletes what a killed run leaves),
then renames it over the file with `os.replace`, which is atomic on one file system. A file
that already holds exactly those bytes is left alone, so its mtime does not change and
`mkdocs serve` does not rebuild for nothing. An existing file keeps its permissions; a new
one gets the usual ``0o666`` less the umask (not `tempfile`'s ``0o600``).

``fsync=True`` also flushes the bytes to the disk before the rename, so a power cut cannot
leave an empty file behind: for files people edit (mkdocs.yml, a new page). Build outputs
and caches can be made again, so they skip it (it costs 3 to 6 ms a file on this ext4 disk).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def write(path: Path, data: bytes | str, *, fsync: bool = False, exclusive: bool = False) -> bool:
    """Replace `path` with `data` (text as UTF-8); False when it already held exactly that.

    `exclusive`: create `path` only if nothing is there yet, else raise FileExistsError.
    """
    content = data.encode("utf-8") if isinstance(data, str) else data
    if not exclusive and _holds(path, content):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            if fsync:
                file.flush()
                os.fsync(file.fileno())
        if exclusive:
            os.link(temp, path)  # fails if `path` exists, even if it appeared a moment ago
        else:
            with contextlib.suppress(FileNotFoundError):  # a new file keeps the umask's mode
                os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
            os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    return True


def _holds(path: Path, content: bytes) -> bool:
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except FileNotFoundError:
        return False
