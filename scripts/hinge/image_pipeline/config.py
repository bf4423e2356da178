"""Where images live (the pictures extension's ``images`` in mkdocs.yml) and how each kind of
image is encoded."""

from __future__ import annotations

import json
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

MANIFEST_NAME = "manifest.json"
WIDTHS = (480, 960, 1600)
"""Widths offered in `srcset`; a source narrower than the largest also gets its own width."""


class Profile(NamedTuple):
    """Encoder settings for one kind of image; every variant of that kind uses them."""

    fallback: str  # "jpeg" or "png"
    avif_quality: int
    avif_speed: int
    avif_subsampling: str
    webp_quality: int
    webp_lossless: bool
    jpeg_quality: int = 80
    avif_tune: str = ""  # libaom's tuning ("ssim"); empty: the encoder's default (PSNR).
    png_filter: bool = True  # Per-row PNG filters: they help gradients, hurt flat colours.
    cascade: bool = True  # Resize each width from the previous one (~4x cheaper than fresh).


PROFILES = {
    # AVIF q60 looks like WebP q80 (AVIF's default q75 only makes bigger files); speed 6 is
    # the knee of libaom's time/size curve; WebP method 4 (Pillow's default) likewise.
    # Tuned for SSIM, q51 encodes about 20 % faster than untuned q60 and still beats the SSIM
    # of sharp's q60 (sharp cannot tune) in 3 % fewer bytes: bench/images/run.py prints both.
    # On flat diagrams tuning lowers SSIM, so they stay untuned.
    "photo": Profile("jpeg", 51, 6, "4:2:0", 80, False, avif_tune="ssim"),
    # Flat colours and text: full-resolution chroma keeps coloured edges crisp, lossless
    # WebP is smaller than lossy on flat areas, PNG is the sharp fallback. Lossless formats
    # show a cascade's extra blur: resizing each width from the source gives 5 % smaller PNGs.
    "diagram": Profile("png", 70, 6, "4:4:4", 90, True, png_filter=False, cascade=False),
    # Photos or cut-outs with an alpha channel: JPEG cannot carry it.
    "transparent": Profile("png", 60, 6, "4:2:0", 80, False),
}
# Animations: each kind as its first frame's, but a flat one at AVIF q50, which looks the same
# as q70 on our loops in three quarters of the bytes and keeps each under 60 KB (speed 7 and up
# double the bytes). Lossless WebP beats lossy on flat frames (97 against 129 KB at q50 for the
# dumbbell RDL loop).
PROFILES |= {
    "animated-diagram": PROFILES["diagram"]._replace(avif_quality=50),
    "animated-photo": PROFILES["photo"],
    "animated-transparent": PROFILES["transparent"],
}
PIPELINE_VERSION = 2
"""Bump when the code changes what it writes, to re-process everything once."""


class Paths(NamedTuple):
    """The project's source and output folders, absolute."""

    root: Path
    source: Path
    output: Path

    @property
    def manifest(self) -> Path:
        """The manifest the Markdown extension reads."""
        return self.output / MANIFEST_NAME


FOLDERS = {"source": "images", "output": "docs/img"}
"""The image folders when mkdocs.yml names none: where editors drop sources, where the site's
processed images go (generated, git-ignored)."""


def image_paths(root: Path, folders: Mapping[str, str] | None = None) -> Paths:
    """The image folders (``source``, ``output``; any left out take `FOLDERS`) under `root`."""
    folders = {**FOLDERS, **(folders or {})}
    return Paths(root, root / folders["source"], root / folders["output"])


def fingerprint(kind: str) -> str:
    """A checksum of everything that decides the bytes written for `kind`.

    CRC-32 is plenty to notice a change and, unlike hashlib, costs no start-up time.
    """
    import PIL  # Only its version string: cheap, unlike PIL.Image.

    settings = {"profile": PROFILES[kind]._asdict(), "widths": WIDTHS}
    settings |= {"pillow": PIL.__version__, "pipeline": PIPELINE_VERSION}
    return f"{zlib.crc32(json.dumps(settings, sort_keys=True).encode()):08x}"
