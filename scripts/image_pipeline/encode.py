"""Decode one source image, normalise it and write its responsive variants.

Everything here runs in worker processes and imports Pillow; nothing reads the manifest.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path, PurePosixPath

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from image_pipeline.config import PROFILES, WIDTHS, Profile
from image_pipeline.manifest import write_atomic

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}


class SourceError(Exception):
    """A source image we cannot use; the message says what to do about it."""


def process(source: Path, key: str, output: Path, max_threads: int) -> dict:
    """Write every variant of `source` under `output`; return its manifest entry.

    Raises SourceError for a file that is not a usable still image.
    """
    image = load(source)
    kind = classify(image)
    variants = write_variants(image, PurePosixPath(key), output, PROFILES[kind], max_threads)
    return {"width": image.width, "height": image.height, "kind": kind, "variants": variants}


def load(path: Path) -> Image.Image:
    """Open `path` as an upright sRGB RGB or RGBA image without metadata."""
    if path.stat().st_size == 0:
        raise SourceError("the file is empty (0 bytes): export or copy it again")
    try:
        with warnings.catch_warnings():
            # Between 1x and 2x MAX_IMAGE_PIXELS Pillow only warns: treat that as a bomb too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                if getattr(opened, "n_frames", 1) > 1:
                    raise SourceError(
                        f"animated images are not supported ({opened.n_frames} frames): "
                        "use a still image, or a video for motion"
                    )
                opened.load()
                image = ImageOps.exif_transpose(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        pixels = re.search(r"\d+", str(error))
        raise SourceError(
            f"too large to process safely ({pixels[0] if pixels else '?'} pixels, limit "
            f"{Image.MAX_IMAGE_PIXELS}; a decompression bomb?): scale it down, e.g. to 4000 px "
            "wide, and add it again"
        ) from None
    except UnidentifiedImageError:
        raise SourceError(
            "not an image format we can read: export it as JPEG, PNG or WebP, "
            "or move it out of the source folder"
        ) from None
    except PermissionError as error:
        raise SourceError(f"cannot read it ({error.strerror}): check its permissions") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise SourceError(f"truncated or corrupt ({error}): export or download it again") from None
    return to_srgb(image)


def to_srgb(image: Image.Image) -> Image.Image:
    """Convert any mode (CMYK, 16-bit, palette, grey, alpha) to sRGB RGB or RGBA, no info."""
    if image.mode == "P" or image.mode == "PA":
        image = image.convert("RGBA")
    elif image.mode.startswith("I"):  # 16-bit grey: a plain convert("L") would clip at 255.
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    alpha = image.getchannel("A") if "A" in image.getbands() else None
    icc = image.info.get("icc_profile")
    if icc and not _is_srgb(icc):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            opaque = image.convert("L" if image.mode in ("L", "LA") else image.mode.rstrip("A"))
            srgb = ImageCms.createProfile("sRGB")
            image = ImageCms.profileToProfile(opaque, source, srgb, outputMode="RGB")
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # A broken profile: fall back to treating the pixels as sRGB.
    image = image.convert("RGB")
    if alpha is not None and alpha.getextrema()[0] < 255:
        image.putalpha(alpha)
    image.info.clear()
    return image


def _is_srgb(icc: bytes) -> bool:
    """Whether an embedded ICC profile is (a flavour of) sRGB, so no transform is needed."""
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return "srgb" in ImageCms.getProfileDescription(profile).lower()
    except (ImageCms.PyCMSError, OSError):
        return False


def classify(image: Image.Image) -> str:
    """'transparent', 'diagram' (few flat colours) or 'photo'."""
    if image.mode == "RGBA":
        return "transparent"
    sample = image.copy()
    sample.thumbnail((256, 256), Image.Resampling.NEAREST)
    colours = sample.getcolors(maxcolors=sample.width * sample.height)
    top = sum(sorted((count for count, _ in colours), reverse=True)[:16])
    return "diagram" if top >= 0.8 * sample.width * sample.height else "photo"


def widths_for(width: int) -> list[int]:
    """The srcset widths for a source `width` wide: never wider than the source."""
    return [w for w in WIDTHS if w < width] + ([width] if width < WIDTHS[-1] else [WIDTHS[-1]])


def write_variants(
    image: Image.Image, key: PurePosixPath, output: Path, profile: Profile, max_threads: int
) -> list[dict]:
    """Resize in a cascade (largest first, each from the previous) and encode every format."""
    formats = ("avif", "webp", profile.fallback)
    variants: dict[str, list[dict]] = {name: [] for name in formats}
    current = image
    for width in sorted(widths_for(image.width), reverse=True):
        height = max(1, round(image.height * width / image.width))
        if width != current.width:
            current = current.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        for name in formats:
            path = key.parent / f"{key.stem}-{width}.{EXTENSIONS[name]}"
            write_atomic(output / path, encode(current, name, profile, max_threads))
            variants[name].insert(
                0, {"format": name, "width": width, "height": height, "path": str(path)}
            )
    return [variant for name in formats for variant in variants[name]]


def encode(image: Image.Image, name: str, profile: Profile, max_threads: int) -> bytes:
    """The encoded bytes of `image` in format `name`, with no metadata at all."""
    buffer = io.BytesIO()
    if name == "avif":
        image.save(
            buffer, "AVIF", quality=profile.avif_quality, speed=profile.avif_speed,
            subsampling=profile.avif_subsampling, max_threads=max_threads, icc_profile=None,
        )  # fmt: skip
    elif name == "webp":
        image.save(
            buffer, "WEBP", quality=profile.webp_quality, lossless=profile.webp_lossless, method=4
        )
    elif name == "jpeg":
        image.save(buffer, "JPEG", quality=profile.jpeg_quality, optimize=True, progressive=True)
    else:
        image.save(buffer, "PNG", icc_profile=None)
    return buffer.getvalue()


def run(source: Path, key: str, output: Path, max_threads: int) -> tuple[dict | None, str | None]:
    """`process` for a worker: (entry, None) on success, (None, message) on any failure."""
    try:
        return process(source, key, output, max_threads), None
    except SourceError as error:
        return None, str(error)
    except Exception as error:  # A bug or an exotic file must not stop the other images.
        return None, f"unexpected {type(error).__name__}: {error} (please report this)"
