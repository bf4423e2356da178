"""Files: PNG and animated WebP bytes with fixed settings, and the same-picture test (files
are written with hinge.atomic)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import ExifTags, Image, ImageSequence


def png_bytes(image: Image.Image) -> bytes:
    """Encode ``image`` as a PNG with fixed settings and no metadata."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def webp_loop_bytes(frames: list[Image.Image], durations: list[int], description: str) -> bytes:
    """A lossless animated WebP of ``frames`` (each shown its duration, ms), repeating for
    ever, with ``description`` (ASCII) as its EXIF ImageDescription and nothing else."""
    exif = Image.Exif()
    exif[ExifTags.Base.ImageDescription] = description
    buf = io.BytesIO()
    first, *rest = frames
    first.save(
        buf, "WEBP", save_all=True, append_images=rest, duration=durations, loop=0,
        lossless=True, method=4, minimize_size=True, exif=exif.tobytes(),
    )  # fmt: skip
    return buf.getvalue()


def same_picture(path: Path, data: bytes) -> bool:
    """True if ``path`` holds ``data``, or the same pixels, frame durations and description
    (a zlib or libwebp build may differ)."""
    if not path.is_file():
        return False
    old = path.read_bytes()
    if old == data:
        return True
    with Image.open(path) as a, Image.open(io.BytesIO(data)) as b:
        return content(a) == content(b)


def content(image: Image.Image) -> list[tuple]:
    """What a picture shows: each frame's mode, size, pixels and duration, and its description."""
    about = image.getexif().get(ExifTags.Base.ImageDescription)
    return [about] + [
        (frame.mode, frame.size, frame.tobytes(), frame.info.get("duration"))
        for frame in ImageSequence.Iterator(image)
    ]
