"""Benchmark scripts/hinge/process_images.py against sharp (libvips) on a generated corpus.

    python bench/images/run.py [--photos 12] [--diagrams 6] [--jobs N] [--rounds 3]

Makes photos (4000x3000, every third EXIF-rotated) and flat diagrams (2400x1600) in a temp
folder, runs both tools cold `--rounds` times, alternating which goes first, and prints
medians of wall time, CPU time (stable on a busy machine), peak memory (summed over the
process tree) and core utilisation; then bytes per format and SSIM of the 960 and 1600 px
variants against a direct Lanczos resize, and the no-change rerun time (also for 50 images). Both
tools get the same widths, formats and encoder settings (see sharp.mjs), except that sharp,
which cannot tune libaom for SSIM, gets the AVIF quality that matches our SSIM (SHARP_AVIF).
Needs `npm ci` in bench/images (sharp) and numpy in the venv (for SSIM). Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from proctree import Usage, measure

from hinge.image_pipeline.config import PROFILES
from hinge.image_pipeline.encode import load, widths_for

HERE = Path(__file__).resolve().parent
# sharp cannot tune libaom; it gets the quality at which its default tuning reaches the SSIM
# of ours (photos: ours tune=ssim q51, sharp q60). The report prints both SSIMs and sizes.
SHARP_AVIF = {"photo": {"avif_quality": 60, "avif_tune": ""}}
SSIM_WIDTHS = (960, 1600)  # variants scored against a direct Lanczos resize of the source
OURS = [sys.executable, "-m", "hinge", "images"]  # the image pipeline's command line


def main(argv: list[str] | None = None) -> int:
    """Generate, run both tools `--rounds` times (alternating who goes first), print medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--diagrams", type=int, default=6)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if not (HERE / "node_modules" / "sharp").is_dir():
        parser.error("sharp is not installed: run `npm ci` in bench/images")
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_corpus(root / "src", args.photos, args.diagrams)
        ours = [*OURS, "--source", str(root / "src")]
        ours += ["--output", str(root / "py"), "--jobs", str(args.jobs)]
        subprocess.run([*ours, "--check"], stdout=subprocess.DEVNULL, check=False)  # Warm up.
        runs: dict[str, list[Usage]] = {"py": [], "sharp": []}
        for index in range(args.rounds):
            for tool in ("py", "sharp") if index % 2 == 0 else ("sharp", "py"):
                shutil.rmtree(root / tool, ignore_errors=True)
                if tool == "py":
                    runs["py"].append(measure(ours))
                    entries = json.loads((root / "py" / "manifest.json").read_text("utf-8"))
                    command = ["node", str(HERE / "sharp.mjs")]
                    command.append(str(sharp_job(root, entries["images"], args.jobs)))
                else:
                    runs["sharp"].append(measure(command))
                print(f"round {index + 1} {tool}: {runs[tool][-1].wall:.1f} s", file=sys.stderr)
        rerun = median_time(ours)
        rerun_50 = no_change_50(root / "fifty")
        report(root, entries["images"], runs, rerun)
        print(f"no-change rerun, 50 images: {rerun_50:.3f} s (median of 5, Python start-up incl.)")
    return 0


def make_corpus(folder: Path, photos: int, diagrams: int) -> None:
    """Photo-like JPEGs (some EXIF-rotated) and flat PNG diagrams."""
    folder.mkdir(parents=True)
    for index in range(photos):
        size = (4000, 3000)
        hue = Image.linear_gradient("L").rotate(index * 37).resize(size)
        texture = Image.effect_noise((size[0] // 8, size[1] // 8), 90).resize(size, Image.BICUBIC)
        grain = Image.effect_noise(size, 25)
        image = Image.merge("RGB", (hue, texture, Image.blend(hue, grain, 0.5)))
        draw = ImageDraw.Draw(image)
        for shape in range(12):
            x, y = (index * 311 + shape * 733) % 3600, (index * 197 + shape * 419) % 2600
            draw.ellipse((x, y, x + 400, y + 300), fill=(shape * 20, 120, 255 - shape * 20))
        image = image.filter(ImageFilter.GaussianBlur(1.2))
        exif = Image.Exif()
        exif[0x0112] = 6 if index % 3 == 0 else 1
        exif[0x010F] = "BenchCam"
        image.save(folder / f"photo {index:02d}.jpg", quality=90, exif=exif)
    for index in range(diagrams):
        image = Image.new("RGB", (2400, 1600), "white")
        draw = ImageDraw.Draw(image)
        for box in range(10):
            x, y = 100 + box * 220, 200 + (box * 130 + index * 90) % 1000
            draw.rectangle(
                (x, y, x + 180, y + 300), fill=("#1f4e79", "#c00000", "#70ad47")[box % 3]
            )
            draw.line((x + 90, y, 1200, 100), fill="black", width=6)
            draw.text((x + 10, y + 10), f"Step {box}", fill="white", font_size=36)
        image.save(folder / f"diagram-{index}.png")


def median_time(command: list[str], runs: int = 5) -> float:
    """Median wall seconds of `runs` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sharp_job(root: Path, images: dict, jobs: int) -> Path:
    """The job file for sharp.mjs: same sources, kinds, widths and settings as ours."""
    job = {
        "output": str(root / "sharp"),
        "concurrency": jobs,
        "images": [
            {
                "src": str(root / "src" / key),
                "stem": key.rsplit(".", 1)[0],
                "widths": widths_for(entry["width"]),
                "profile": PROFILES[entry["kind"]]._asdict() | SHARP_AVIF.get(entry["kind"], {}),
            }
            for key, entry in images.items()
        ],
    }
    path = root / "job.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    return path


def no_change_50(folder: Path) -> float:
    """Median no-change rerun time over a 50-image corpus (stat-only: image size is moot)."""
    (folder / "src").mkdir(parents=True)
    for index in range(50):
        Image.effect_noise((320, 240), 40).convert("RGB").save(folder / "src" / f"{index}.jpg")
    command = [*OURS, "--source", str(folder / "src")]
    command += ["--output", str(folder / "out")]
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return median_time(command)


def ssim(a: np.ndarray, b: np.ndarray, window: int = 8) -> float:
    """Mean SSIM of two luma arrays over sliding `window` squares (box filter)."""

    def box(x: np.ndarray) -> np.ndarray:
        s = np.pad(x, ((1, 0), (1, 0))).cumsum(0).cumsum(1)
        w = window
        return (s[w:, w:] - s[:-w, w:] - s[w:, :-w] + s[:-w, :-w]) / (w * w)

    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mu_a, mu_b = box(a), box(b)
    var_a, var_b = box(a * a) - mu_a**2, box(b * b) - mu_b**2
    cov = box(a * b) - mu_a * mu_b
    num = (2 * mu_a * mu_b + c1) * (2 * cov + c2)
    return float((num / ((mu_a**2 + mu_b**2 + c1) * (var_a + var_b + c2))).mean())


def luma(path: Path) -> np.ndarray:
    """The Y channel of an image as float64, composited on white if it has alpha."""
    with Image.open(path) as image:
        return luma_of(image)


def report(root: Path, images: dict, runs: dict[str, list[Usage]], rerun: float) -> None:
    """Print median times and memory, bytes per format and SSIM for both tools."""
    sizes: dict[str, dict[str, int]] = {"py": {}, "sharp": {}}
    scores: dict[str, dict[tuple[str, int], list[float]]] = {"py": {}, "sharp": {}}
    for key, entry in images.items():
        references: dict[int, np.ndarray] = {}
        for variant in entry["variants"]:
            width = variant["width"]
            for tool in ("py", "sharp"):
                path = root / tool / variant["path"]
                sizes[tool][variant["format"]] = sizes[tool].get(variant["format"], 0)
                sizes[tool][variant["format"]] += path.stat().st_size
                if width not in SSIM_WIDTHS:
                    continue
                if width not in references:
                    original = load(root / "src" / key)[0]
                    size = (width, variant["height"])
                    references[width] = luma_of(original.resize(size, Image.Resampling.LANCZOS))
                score = ssim(references[width], luma(path))
                scores[tool].setdefault((variant["format"], width), []).append(score)
    rounds = len(runs["py"])
    print(f"corpus: {len(images)} images (photos 4000x3000, diagrams 2400x1600)")
    print(f"medians of {rounds} cold runs per tool, alternating which tool goes first")
    print(f"{'':26}{'ours (Pillow)':>14}{'sharp':>14}{'ratio':>8}")
    for label, field, scale, form in (
        ("cold wall time (s)", "wall", 1, "14.1f"),
        ("cold CPU time (s)", "cpu", 1, "14.1f"),
        ("peak memory (MB)", "peak", 2**-20, "14.0f"),
        ("time >1.5 cores busy (%)", "busy", 100, "14.0f"),
        ("tail <1.5 cores (s)", "tail", 1, "14.1f"),
    ):
        a, b = (statistics.median(getattr(u, field) for u in runs[t]) for t in ("py", "sharp"))
        ratio = f"{a / b:8.2f}" if field in ("wall", "cpu") else ""
        print(f"{label:26}{a * scale:{form}}{b * scale:{form}}{ratio}")
    for tool in ("py", "sharp"):
        walls = ", ".join(f"{u.wall:.1f}/{u.cpu:.1f}" for u in runs[tool])
        print(f"  {tool} runs (wall/CPU s): {walls}")
    for name in ("avif", "webp", "jpeg", "png"):
        a, b = sizes["py"].get(name, 0), sizes["sharp"].get(name, 0)
        if a or b:
            print(f"{name + ' bytes (kB)':26}{a / 1000:14.0f}{b / 1000:14.0f}{a / b:8.2f}")
    for width in SSIM_WIDTHS:
        for name in ("avif", "webp", "jpeg", "png"):
            if (name, width) in scores["py"]:
                a, b = (statistics.mean(scores[t][name, width]) for t in ("py", "sharp"))
                print(f"{f'{name} SSIM @{width}':26}{a:14.4f}{b:14.4f}")
    print(f"{'no-change rerun (s)':26}{rerun:14.3f}")


def luma_of(image: Image.Image) -> np.ndarray:
    """`luma` for an in-memory image."""
    flat = image.convert("RGBA")
    flat = Image.alpha_composite(Image.new("RGBA", flat.size, "white"), flat)
    return np.asarray(flat.convert("L"), dtype=np.float64)


if __name__ == "__main__":
    sys.exit(main())
