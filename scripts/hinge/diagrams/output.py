"""Files: PNG bytes with fixed settings, the same-picture test and the atomic write."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from PIL import Image


def png_bytes(image: Image.Image) -> bytes:
    """Encode ``image`` as a PNG with fixed settings and no metadata."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def same_picture(path: Path, data: bytes) -> bool:
    """True if ``path`` holds ``data``, or the same pixels (a zlib build may differ)."""
    if not path.is_file():
        return False
    old = path.read_bytes()
    if old == data:
        return True
    with Image.open(path) as a, Image.open(io.BytesIO(data)) as b:
        return a.mode == b.mode and a.size == b.size and a.tobytes() == b.tobytes()


def write_atomic(path: Path, data: bytes, suffix: str = ".tmp") -> None:
    """Replace ``path`` with ``data`` via a temporary file (``suffix``) in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
