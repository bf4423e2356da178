"""Draw the app icons from the logo: the source PNGs the image pipeline turns into sizes.

    python -m hinge.app_icon [--check] [--out DIR]

The figure is ``overrides/.icons/hinge/logo.svg`` (the header logo), white on the brand teal,
as the favicon in mkdocs.yml draws it. Pillow cannot read SVG, so this reads the logo's
circles and straight-line paths itself and fails, naming the element, on anything else.

Two 512 px sources go into ``images/app/``, committed like the diagrams: ``icon.png``, a
rounded tile with clear corners (purpose ``any``), and ``icon-maskable.png``, a full-bleed
square whose figure fits inside the central circle of 40 % radius that every launcher mask
keeps (purpose ``maskable``). `python -m hinge images` makes their sizes; the offline step
(scripts/hinge/offline.py) names them in the web app manifest.

Exit codes: 0 written or up to date, 1 stale (``--check``) or an SVG it cannot draw, 2 usage.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from hinge import atomic
from hinge.diagrams.output import png_bytes, same_picture
from hinge.settings import ROOT

LOGO = ROOT / "overrides" / ".icons" / "hinge" / "logo.svg"
OUT = ROOT / "images" / "app"
SIZE = 512
SUPERSAMPLE = 4  # draw at 4x, then box-filter down: smooth edges, flat colours
TEAL = "#0b5560"  # the favicon's tile and the light header (docs/assets/stylesheets/theme.css)
WHITE = "#ffffff"
CORNER = 5 / 24  # the favicon's corner radius, as a share of the side
SAFE_RADIUS = 0.4  # maskable icons: what every launcher's mask keeps, as a share of the side
MARGIN = 0.92  # the maskable figure's farthest point sits this far out in the safe circle
TOKEN = re.compile(r"[MmLlHhVvZz]|[-+]?(?:\d+\.?\d*|\.\d+)")

Point = tuple[float, float]


@dataclass(frozen=True)
class Figure:
    """The logo's shapes in its own units: circles (centre, radius) and closed polygons."""

    circles: list[tuple[Point, float]]
    polygons: list[list[Point]]

    def points(self) -> list[Point]:
        """Every polygon corner, and each circle's four extreme points."""
        extremes = [
            (x + dx * r, y + dy * r)
            for (x, y), r in self.circles
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))
        ]
        return [p for polygon in self.polygons for p in polygon] + extremes

    def reach(self, centre: Point) -> float:
        """How far the figure reaches from ``centre``."""
        corners = max(math.dist(centre, p) for polygon in self.polygons for p in polygon)
        circles = max((math.dist(centre, c) + r for c, r in self.circles), default=0.0)
        return max(corners, circles)


def path_polygons(data: str) -> list[list[Point]]:
    """The closed polygons of an SVG path made of straight lines (M, L, H, V, Z)."""
    tokens = TOKEN.findall(data)
    polygons: list[list[Point]] = []
    current: list[Point] = []
    x = y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                if current:
                    polygons.append(current)
                    x, y = current[0]
                current = []
                continue
        if not command:
            raise ValueError(f"path data starts with a number: {data!r}")
        relative = command.islower()
        if command in "Hh":
            x = float(tokens[i]) + (x if relative else 0)
            i += 1
        elif command in "Vv":
            y = float(tokens[i]) + (y if relative else 0)
            i += 1
        else:
            dx, dy = float(tokens[i]), float(tokens[i + 1])
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            i += 2
            if command in "Mm":
                if current:
                    polygons.append(current)
                current = []
                command = "l" if relative else "L"  # later pairs are lines
        current.append((x, y))
    if current:
        polygons.append(current)
    return polygons


def read_logo(path: Path = LOGO) -> Figure:
    """The logo's circles and straight-line paths; a ValueError names anything else."""
    circles: list[tuple[Point, float]] = []
    polygons: list[list[Point]] = []
    for element in ET.parse(path).getroot().iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "circle":
            centre = (float(element.get("cx", 0)), float(element.get("cy", 0)))
            circles.append((centre, float(element.get("r", 0))))
        elif tag == "path":
            data = element.get("d", "")
            if re.search(r"[^MmLlHhVvZz\d\s.,+-]", data):
                raise ValueError(
                    f"{path}: a path with curves or arcs ({data[:40]!r}...): app_icon draws "
                    "straight lines only; redraw the curve as short lines or extend app_icon"
                )
            polygons += path_polygons(data)
        elif tag not in ("svg", "g", "title", "desc"):
            raise ValueError(
                f"{path}: <{tag}> cannot be drawn by app_icon (it reads <circle> and <path> "
                "only); draw the shape as a path or extend app_icon"
            )
    if not circles and not polygons:
        raise ValueError(f"{path}: no <circle> or <path> to draw")
    return Figure(circles, polygons)


def draw(figure: Figure, scale: float, offset: Point, *, maskable: bool) -> Image.Image:
    """The icon: the figure at ``scale`` output px per logo unit, moved by ``offset``."""
    side = SIZE * SUPERSAMPLE
    k = scale * SUPERSAMPLE

    def at(p: Point) -> Point:
        return ((p[0] * scale + offset[0]) * SUPERSAMPLE, (p[1] * scale + offset[1]) * SUPERSAMPLE)

    if maskable:
        image = Image.new("RGB", (side, side), TEAL)
    else:
        image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    if not maskable:
        canvas.rounded_rectangle((0, 0, side - 1, side - 1), radius=CORNER * side, fill=TEAL)
    for polygon in figure.polygons:
        canvas.polygon([at(p) for p in polygon], fill=WHITE)
    for centre, radius in figure.circles:
        cx, cy = at(centre)
        canvas.ellipse((cx - radius * k, cy - radius * k, cx + radius * k, cy + radius * k), WHITE)
    return image.reduce(SUPERSAMPLE)


def icons(figure: Figure, view: float = 24.0) -> dict[str, bytes]:
    """The two source icons as PNG bytes, by file name. ``view`` is the logo's viewBox side."""
    tile = draw(figure, SIZE / view, (0.0, 0.0), maskable=False)
    xs, ys = zip(*figure.points(), strict=True)
    centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    scale = SAFE_RADIUS * SIZE * MARGIN / figure.reach(centre)
    offset = (SIZE / 2 - centre[0] * scale, SIZE / 2 - centre[1] * scale)
    mask = draw(figure, scale, offset, maskable=True)
    return {"icon.png": png_bytes(tile), "icon-maskable.png": png_bytes(mask)}


def view_side(path: Path = LOGO) -> float:
    """The side of the logo's square viewBox."""
    box = ET.parse(path).getroot().get("viewBox", "0 0 24 24").split()
    return float(box[2])


def main(argv: list[str] | None = None) -> int:
    """Draw the icons into images/app/; with --check only report stale files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (images/app/)")
    args = parser.parse_args(argv)
    try:
        drawn = icons(read_logo(), view_side())
    except (ValueError, ET.ParseError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    stale = [args.out / n for n, data in drawn.items() if not same_picture(args.out / n, data)]
    if args.check:
        for path in stale:
            print(f"{path}: stale: run `python -m hinge.app_icon`", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        atomic.write(path, drawn[path.name])
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
