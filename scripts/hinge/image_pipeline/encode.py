"""Decode one source image, normalise it, resize it and encode its responsive variants.

Everything here imports Pillow and runs in worker threads; nothing reads the manifest.

Animated sources (GIF, APNG, WebP; issue 19) keep their motion: every frame is normalised like
a still and written, at one width (see `prepare`), as an animated AVIF and WebP; the fallback
format (PNG or JPEG) holds the first frame only, so a browser that can play neither shows a
still instead of downloading an animated GIF or PNG several times larger. Every animation
repeats for ever (Pillow cannot write an AVIF that stops), and a frame of 10 ms or less shows
for 100 ms, as browsers do. A description the source carries (EXIF ImageDescription, a GIF
comment or a PNG Description text) goes into its manifest entry.
"""

from __future__ import annotations

import io
import math
import re
import struct
import warnings
import zlib
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from PIL import ExifTags, Image, ImageCms, ImageOps, UnidentifiedImageError

from hinge.image_pipeline.config import PROFILES, WIDTHS, Profile

EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png"}


class SourceError(Exception):
    """A source image we cannot use; the message says what to do about it."""


class Animation:
    """The frames of an animated source, all of one size and mode, and how long each shows
    (ms). It offers what `prepare` and the encode tasks use of an image (size, resize, copy),
    so an animation goes through the pipeline as one picture."""

    def __init__(self, frames: list[Image.Image], durations: list[int], about: str = "") -> None:
        self.frames, self.durations, self.about = frames, durations, about

    @property
    def size(self) -> tuple[int, int]:
        """The size of every frame."""
        return self.frames[0].size

    @property
    def width(self) -> int:
        """The width of every frame."""
        return self.size[0]

    @property
    def height(self) -> int:
        """The height of every frame."""
        return self.size[1]

    def resize(
        self, size: tuple[int, int], resample: Image.Resampling, reducing_gap: float | None = None
    ) -> Animation:
        """Every frame resized, as `Image.resize` does."""
        frames = [frame.resize(size, resample, reducing_gap=reducing_gap) for frame in self.frames]
        return Animation(frames, self.durations, self.about)

    def copy(self) -> Animation:
        """A copy of every frame (`Image.save` keeps its options on the image saved)."""
        return Animation([frame.copy() for frame in self.frames], self.durations, self.about)


Picture = Image.Image | Animation


class Prepared(NamedTuple):
    """A source made ready to encode: its upright size, kind and resized copies."""

    width: int
    height: int
    kind: str
    sizes: list[Picture]  # one per srcset width, largest first


def prepare(source: Path) -> Prepared:
    """Decode, normalise, classify and resize `source` (largest first; see `Profile.cascade`).

    An animation gets one width, its own (at most the widest): every frame resized again costs
    another slow encode, and lossless WebP grows when resized (the hinge-vs-squat loop: 184 KB
    at its 698 px, 565 KB at 480 px). Raises SourceError for a file that is not usable.
    """
    image, (width, height) = load(source, WIDTHS[-1])
    kind = classify(image)
    sizes, current = [], image
    for size in sizes_for(width, height)[: 1 if isinstance(image, Animation) else None]:
        if size != current.size:
            start = current if PROFILES[kind].cascade else image
            current = start.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        sizes.append(current)
    return Prepared(width, height, kind, sizes)


def refusal(path: Path) -> str | None:
    """Why `path` is not a usable source, or None if it decodes."""
    try:
        load(path, WIDTHS[-1])
    except Exception as error:  # A bug or an exotic file must not stop the other images.
        return describe(error)
    return None


def describe(error: Exception) -> str:
    """What to tell the user about a source that failed with `error`."""
    if isinstance(error, SourceError):
        return str(error)
    return f"unexpected {type(error).__name__}: {error} (please report this)"


def load(path: Path, width: int | None = None) -> tuple[Picture, tuple[int, int]]:
    """Open `path` as an upright sRGB RGB or RGBA image (or `Animation`) without metadata;
    also its upright size.

    With `width`, a JPEG may be decoded at 1/2, 1/4 or 1/8 scale, never narrower than `width`.
    """
    if path.stat().st_size == 0:
        raise SourceError("the file is empty (0 bytes): export or copy it again")
    try:
        with warnings.catch_warnings():
            # Between 1x and 2x MAX_IMAGE_PIXELS Pillow only warns: treat that as a bomb too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                if len(frame_numbers(opened)) > 1:
                    return animation(opened), upright_size(opened)
                size = draft(opened, width) if width else upright_size(opened)
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
    return to_srgb(image), size


def frame_numbers(opened: Image.Image) -> range:
    """The numbers of an opened image's frames, less an APNG's separate default image."""
    first = 1 if getattr(opened, "default_image", False) else 0
    return range(first, getattr(opened, "n_frames", 1))


TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
"""How to turn a picture upright for each EXIF orientation (as `ImageOps.exif_transpose`)."""


def animation(opened: Image.Image) -> Animation:
    """Every frame of an opened animated image, upright and in sRGB, with its duration.

    Raises SourceError when all the frames together are too large to hold in memory.
    """
    numbers = frame_numbers(opened)
    pixels = len(numbers) * opened.width * opened.height
    if pixels > Image.MAX_IMAGE_PIXELS:
        raise SourceError(
            f"too many frames to process safely ({len(numbers)} frames of {opened.width}x"
            f"{opened.height}, {pixels} pixels in all, limit {Image.MAX_IMAGE_PIXELS}): "
            "shorten it or scale it down, and add it again"
        )
    icc = opened.info.get("icc_profile")
    turn = TURNS.get(opened.getexif().get(ExifTags.Base.Orientation, 1))
    about = description(opened)
    frames, durations = [], []
    for number in numbers:
        opened.seek(number)
        frame = opened.copy()  # Loads the frame, composed onto the ones before it.
        duration = frame.info.get("duration", 0)
        durations.append(round(duration) if duration > 10 else 100)
        if icc:  # Later frames do not repeat the profile.
            frame.info["icc_profile"] = icc
        frame = to_srgb(frame)
        frames.append(frame.transpose(turn) if turn else frame)
    if any(frame.mode == "RGBA" for frame in frames):
        frames = [frame.convert("RGBA") for frame in frames]
    return Animation(frames, durations, about)


def description(opened: Image.Image) -> str:
    """The text a source says it shows: EXIF ImageDescription, GIF comment or PNG Description."""
    text = opened.getexif().get(ExifTags.Base.ImageDescription) or opened.info.get("comment")
    text = text or opened.info.get("Description") or ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(str(text).split())


def upright_size(opened: Image.Image) -> tuple[int, int]:
    """The size of an opened image once its EXIF orientation is applied."""
    turned = opened.getexif().get(ExifTags.Base.Orientation, 1) in (5, 6, 7, 8)
    return (opened.height, opened.width) if turned else opened.size


def draft(opened: Image.Image, width: int) -> tuple[int, int]:
    """Let a JPEG decode at the smallest DCT scale still `width` wide; return the full size.

    libjpeg's scaled decode is several times cheaper than decoding every pixel and then
    resizing them away (sharp's shrink-on-load does the same).
    """
    full = upright_size(opened)
    if opened.format == "JPEG" and full[0] > width:
        need = (width, math.ceil(full[1] * width / full[0]))
        opened.draft(None, need if full == opened.size else need[::-1])
    return full


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


def classify(image: Picture) -> str:
    """'transparent', 'diagram' (few flat colours) or 'photo'; 'animated-' and the kind of its
    first frame for an animation."""
    if isinstance(image, Animation):
        return f"animated-{classify(image.frames[0])}"
    if image.mode == "RGBA":
        return "transparent"
    sample = image.copy()
    sample.thumbnail((256, 256), Image.Resampling.NEAREST)
    colours = sample.getcolors(maxcolors=sample.width * sample.height)
    top = sum(sorted((count for count, _ in colours), reverse=True)[:16])
    return "diagram" if top >= 0.8 * sample.width * sample.height else "photo"


def widths_for(width: int) -> list[int]:
    """The srcset widths for a source `width` wide: never wider than the source."""
    widest = min(width, WIDTHS[-1])
    return [w for w in WIDTHS if w < widest] + [widest]


def sizes_for(width: int, height: int) -> list[tuple[int, int]]:
    """The (width, height) of every variant of a `width` x `height` source, largest first."""
    return [(w, max(1, round(height * w / width))) for w in sorted(widths_for(width), reverse=True)]


def variant_path(key: str, width: int, name: str) -> PurePosixPath:
    """Where the variant of source `key` at `width` in format `name` goes, relative."""
    key_path = PurePosixPath(key)
    return key_path.parent / f"{key_path.stem}-{width}.{EXTENSIONS[name]}"


def entry(prepared: Prepared, key: str) -> dict:
    """The manifest entry for a prepared source: variants by format, then by width."""
    variants = [
        {"format": name, "width": w, "height": h, "path": str(variant_path(key, w, name))}
        for name in formats(PROFILES[prepared.kind])
        for w, h in sorted(image.size for image in prepared.sizes)
    ]
    result = {
        "width": prepared.width,
        "height": prepared.height,
        "kind": prepared.kind,
        "variants": variants,
    }
    if isinstance(moving := prepared.sizes[0], Animation):
        result |= {"frames": len(moving.frames), "duration": sum(moving.durations)}
        result |= {"description": moving.about} if moving.about else {}
    return result


def formats(profile: Profile) -> tuple[str, str, str]:
    """The formats written for every width: AVIF, WebP and the JPEG or PNG fallback."""
    return ("avif", "webp", profile.fallback)


def encode(image: Picture, name: str, profile: Profile, max_threads: int) -> bytes:
    """The encoded bytes of `image` in format `name`, with no metadata at all.

    Thread-safe: `Image.save` keeps its options on the image object, so two threads saving one
    image at once would swap settings; each save gets its own copy (a few ms).
    """
    if isinstance(image, Animation):
        return encode_animation(image, name, profile, max_threads)
    buffer, image = io.BytesIO(), image.copy()
    if name == "avif":
        image.save(
            buffer, "AVIF", quality=profile.avif_quality, speed=profile.avif_speed,
            subsampling=profile.avif_subsampling, max_threads=max_threads, icc_profile=None,
            advanced={"tune": profile.avif_tune} if profile.avif_tune else None,
        )  # fmt: skip
    elif name == "webp":
        image.save(
            buffer, "WEBP", quality=profile.webp_quality, lossless=profile.webp_lossless, method=4
        )
    elif name == "jpeg":
        image.save(buffer, "JPEG", quality=profile.jpeg_quality, optimize=True, progressive=True)
    elif profile.png_filter:
        image.save(buffer, "PNG", icc_profile=None)
    else:
        return png_unfiltered(image)
    return buffer.getvalue()


def encode_animation(moving: Animation, name: str, profile: Profile, max_threads: int) -> bytes:
    """An animated AVIF or WebP of every frame, repeating for ever; the fallback format (JPEG
    or PNG) gets the first frame alone."""
    if name not in ("avif", "webp"):
        return encode(moving.frames[0], name, profile, max_threads)
    first, *rest = moving.copy().frames
    buffer = io.BytesIO()
    frames = {"save_all": True, "append_images": rest, "duration": moving.durations}
    if name == "avif":
        first.save(
            buffer, "AVIF", quality=profile.avif_quality, speed=profile.avif_speed,
            subsampling=profile.avif_subsampling, max_threads=max_threads, icc_profile=None,
            advanced={"tune": profile.avif_tune} if profile.avif_tune else None, **frames,
        )  # fmt: skip
    else:  # Lossless: minimize_size keeps only what changes, 10 % smaller at no cost in time.
        first.save(
            buffer, "WEBP", quality=profile.webp_quality, lossless=profile.webp_lossless,
            method=4, loop=0, minimize_size=True, **frames,
        )  # fmt: skip
    return buffer.getvalue()


def png_unfiltered(image: Image.Image) -> bytes:
    """A PNG with no row filter and zlib level 6 (Pillow always picks a filter per row).

    On flat colours the filters only break up runs: unfiltered rows take about 12 % fewer
    bytes and half the time for diagrams. (sharp also writes unfiltered rows by default.)
    """
    stride = len(image.getbands()) * image.width
    raw = image.tobytes()
    rows = b"".join(b"\0" + raw[start : start + stride] for start in range(0, len(raw), stride))
    colour = 6 if image.mode == "RGBA" else 2  # RGBA or RGB, 8 bits per sample
    header = struct.pack(">IIBBBBB", image.width, image.height, 8, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        _chunk(tag, data)
        for tag, data in ((b"IHDR", header), (b"IDAT", zlib.compress(rows, 6)), (b"IEND", b""))
    )


def _chunk(tag: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, tag, data, CRC."""
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
