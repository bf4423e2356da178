"""Bytes per loop: our animated AVIF and WebP against the same loop as a GIF and as H.264 MP4.

    python bench/motion/run.py [--json] [NAME ...]

For each loop under images/ (``*.loop.webp``, drawn by ``python -m hinge diagrams``), or the
NAMEs given, the frames are read as the image pipeline reads them and encoded: our AVIF and
WebP exactly as ``python -m hinge images`` writes them (one width, the loop's own: the file a
phone gets), a GIF by Pillow (``optimize``: what ExRx ships, 256 colours, 10 ms steps) and an
H.264 MP4 by ffmpeg (libx264, CRF 23, preset slow, yuv420p, each frame's duration kept) when
ffmpeg is on the PATH; without it the MP4 column says so. Prints a table, or with ``--json``
the rows (``measure`` returns one, for bench/images to call). Not a test.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hinge.image_pipeline.config import PROFILES, WIDTHS
from hinge.image_pipeline.encode import Animation, classify, encode, load

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "images"
GOAL = 60 * 1024  # bytes per loop at phone width (issue 19)


def measure(source: Path) -> dict:
    """One loop's frame count, length and size, and its bytes in each format (None: no
    ffmpeg), with the seconds each of our encodes took."""
    loop, _ = load(source, WIDTHS[-1])
    if not isinstance(loop, Animation):
        raise ValueError(f"{source}: not an animation")
    profile = PROFILES[classify(loop)]
    row: dict = {
        "loop": source.relative_to(IMAGES).as_posix()
        if source.is_relative_to(IMAGES)
        else str(source),
        "frames": len(loop.frames),
        "seconds": sum(loop.durations) / 1000,
        "width": loop.width,
        "height": loop.height,
        "source": source.stat().st_size,
    }
    for name in ("avif", "webp"):
        start = time.perf_counter()
        row[name] = len(encode(loop, name, profile, max_threads=1))
        row[f"{name}_s"] = round(time.perf_counter() - start, 2)
    row["gif"] = len(gif(loop))
    row["mp4"] = mp4(loop)
    return row


def gif(loop: Animation) -> bytes:
    """The loop as an optimised GIF, repeating for ever."""
    first, *rest = loop.copy().frames
    buffer = io.BytesIO()
    options = {"save_all": True, "append_images": rest, "duration": loop.durations, "loop": 0}
    first.save(buffer, "GIF", optimize=True, **options)
    return buffer.getvalue()


def mp4(loop: Animation) -> int | None:
    """The bytes of the loop as an H.264 MP4 (one pass), or None without ffmpeg."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        lines = []
        for index, (frame, ms) in enumerate(zip(loop.frames, loop.durations, strict=True)):
            frame.convert("RGB").save(folder / f"{index:04d}.png")
            lines += [f"file '{index:04d}.png'", f"duration {ms / 1000:.3f}"]
        lines.append(f"file '{len(loop.frames) - 1:04d}.png'")  # the concat demuxer's last frame
        (folder / "frames.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        command = [ffmpeg, "-v", "error", "-f", "concat", "-safe", "0", "-i", "frames.txt"]
        command += ["-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white", "-fps_mode", "vfr"]
        command += ["-c:v", "libx264", "-preset", "slow", "-crf", "23", "-pix_fmt", "yuv420p"]
        command += ["-movflags", "+faststart", "-an", "loop.mp4"]
        subprocess.run(command, cwd=folder, check=True)
        return (folder / "loop.mp4").stat().st_size


FORMATS = ("avif", "webp", "gif", "mp4")


def kb(value: int | None) -> str:
    """Bytes as KB with one decimal, or n/a."""
    return "n/a" if value is None else f"{value / 1024:.1f}"


def line(cells: list[str]) -> str:
    """One table line: the loop's name, frames, seconds and size, then KB per format."""
    name, *rest = cells
    widths = (6, 4, 9) + (6,) * len(FORMATS)
    return f"{name:46}" + "".join(f" {cell:>{w}}" for cell, w in zip(rest, widths, strict=True))


def table(rows: list[dict]) -> str:
    """The rows as a text table (KB), with totals and each format against our AVIF."""
    lines = [line(["loop", "frames", "s", "size", "AVIF", "WebP", "GIF", "MP4"]) + "  (KB)"]
    for row in rows:
        size = f"{row['width']}x{row['height']}"
        cells = [row["loop"], str(row["frames"]), f"{row['seconds']:.1f}", size]
        flag = "" if row["avif"] <= GOAL else "  over the 60 KB goal"
        lines.append(line(cells + [kb(row[name]) for name in FORMATS]) + flag)
    total = {name: sum(row[name] or 0 for row in rows) for name in FORMATS}
    total |= {name: None for name in FORMATS if any(row[name] is None for row in rows)}
    lines.append(line(["total", "", "", ""] + [kb(total[name]) for name in FORMATS]))
    ratios = [
        f"{name.upper()} / AVIF {(total[name] or 0) / total['avif']:.1f}x" for name in FORMATS[1:]
    ]
    if total["mp4"] is None:
        ratios[-1] = "MP4: n/a (ffmpeg is not on the PATH)"
    lines.append("; ".join(ratios))
    largest = max(row["avif"] for row in rows)
    lines.append(f"largest AVIF {kb(largest)} KB (goal {GOAL // 1024} KB)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure the loops named (default: every loop under images/) and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("names", nargs="*", help="loops under images/ (default: all)")
    args = parser.parse_args(argv)
    sources = [IMAGES / name for name in args.names] or sorted(IMAGES.rglob("*.loop.webp"))
    missing = [str(path) for path in sources if not path.is_file()]
    if missing:
        parser.error(f"no such loop: {', '.join(missing)}")
    rows = []
    for source in sources:
        rows.append(measure(source))
        print(f"measured {rows[-1]['loop']}", file=sys.stderr)
    print(json.dumps(rows, indent=1) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
