"""Benchmark scripts/process_images.py against sharp (libvips) on a generated corpus.

    python bench/images/run.py [--photos 12] [--diagrams 6] [--jobs N]

Makes photos (4000x3000, every third EXIF-rotated) and flat diagrams (2400x1600) in a temp
folder, then prints from one run: cold wall time, no-change rerun time (and for 50 images),
peak memory (summed over the process tree), bytes per format, and SSIM of the 960 px variants
against a direct Lanczos resize, for both tools with the same widths, formats and quality.
Needs `npm ci` in bench/images (sharp) and numpy in the venv (for SSIM). Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from image_pipeline.config import PROFILES
from image_pipeline.encode import load, widths_for

HERE = Path(__file__).resolve().parent
SCRIPT = HERE.parents[1] / "scripts" / "process_images.py"


def main(argv: list[str] | None = None) -> int:
    """Generate, run both tools, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--diagrams", type=int, default=6)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if not (HERE / "node_modules" / "sharp").is_dir():
        parser.error("sharp is not installed: run `npm ci` in bench/images")
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_corpus(root / "src", args.photos, args.diagrams)
        ours = [sys.executable, str(SCRIPT), "--source", str(root / "src")]
        ours += ["--output", str(root / "py"), "--jobs", str(args.jobs)]
        py_time, py_peak = measure(ours)
        rerun = median_time(ours)
        entries = json.loads((root / "py" / "manifest.json").read_text(encoding="utf-8"))
        job = sharp_job(root, entries["images"], args.jobs)
        sharp_time, sharp_peak = measure(["node", str(HERE / "sharp.mjs"), str(job)])
        rerun_50 = no_change_50(root / "fifty")
        report(root, entries["images"], (py_time, py_peak, rerun), (sharp_time, sharp_peak))
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


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident bytes summed over the process tree."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], tree_rss(child.pid))

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = child.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if code:
        raise SystemExit(f"{command[:2]} failed with exit code {code}")
    return elapsed, peak[0]


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="utf-8")
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS")) * 1024  # fmt: skip
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += map(int, (task / "children").read_text(encoding="utf-8").split())
        except (OSError, StopIteration):
            continue
    return total


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
                "profile": PROFILES[entry["kind"]]._asdict(),
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
    command = [sys.executable, str(SCRIPT), "--source", str(folder / "src")]
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


def report(root: Path, images: dict, py: tuple, sharp: tuple) -> None:
    """Print times, memory, bytes per format and SSIM for both tools."""
    sizes: dict[str, dict[str, int]] = {"py": {}, "sharp": {}}
    scores: dict[str, dict[str, list[float]]] = {"py": {}, "sharp": {}}
    for key, entry in images.items():
        reference = None
        for variant in entry["variants"]:
            for tool in ("py", "sharp"):
                path = root / tool / variant["path"]
                sizes[tool][variant["format"]] = sizes[tool].get(variant["format"], 0)
                sizes[tool][variant["format"]] += path.stat().st_size
                if variant["width"] != 960:
                    continue
                if reference is None:
                    original = load(root / "src" / key)
                    size = (960, variant["height"])
                    reference = luma_of(original.resize(size, Image.Resampling.LANCZOS))
                scores[tool].setdefault(variant["format"], []).append(ssim(reference, luma(path)))
    print(f"corpus: {len(images)} images (photos 4000x3000, diagrams 2400x1600)")
    print(f"{'':22}{'ours (Pillow)':>16}{'sharp':>16}{'ratio':>8}")
    print(f"{'cold wall time (s)':22}{py[0]:16.1f}{sharp[0]:16.1f}{py[0] / sharp[0]:8.2f}")
    print(f"{'peak memory (MB)':22}{py[1] / 2**20:16.0f}{sharp[1] / 2**20:16.0f}")
    for name in ("avif", "webp", "jpeg", "png"):
        a, b = sizes["py"].get(name, 0), sizes["sharp"].get(name, 0)
        if a or b:
            print(f"{name + ' bytes (kB)':22}{a / 1000:16.0f}{b / 1000:16.0f}{a / b:8.2f}")
    for name in ("avif", "webp", "jpeg", "png"):
        if name in scores["py"]:
            a, b = (statistics.mean(scores[tool][name]) for tool in ("py", "sharp"))
            print(f"{name + ' SSIM @960':22}{a:16.4f}{b:16.4f}")
    print(f"{'no-change rerun (s)':22}{py[2]:16.3f}")


def luma_of(image: Image.Image) -> np.ndarray:
    """`luma` for an in-memory image."""
    flat = image.convert("RGBA")
    flat = Image.alpha_composite(Image.new("RGBA", flat.size, "white"), flat)
    return np.asarray(flat.convert("L"), dtype=np.float64)


if __name__ == "__main__":
    sys.exit(main())
