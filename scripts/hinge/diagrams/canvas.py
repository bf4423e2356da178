"""The drawing surface: colours and sizes, a supersampled canvas in output pixels, text in
Pillow's built-in font, and a view that maps world centimetres onto the canvas."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from hinge.diagrams.model import Point, lerp

if TYPE_CHECKING:
    from hinge.diagrams.figure import Figure

Box = tuple[float, float, float, float]

# Canvas and style. Text sizes are in output pixels at the full 1600 px width.
WIDTH = 1600
HEIGHT = 930
SUPERSAMPLE = 3  # draw at 3x, then box-filter down: smooth edges, still flat colours
SCALE = 4.0  # output pixels per centimetre for the two-panel diagrams
GROUND_Y = 880  # output pixel row of the floor in two-panel diagrams
TITLE_SIZE = 52
SUBTITLE_SIZE = 32
LABEL_SIZE = 32

WHITE = "#ffffff"
TEXT = "#1f2328"
MUTED = "#57606a"
BODY = "#0b5560"
FAR = "#86abb0"  # far-side limbs: the body teal mixed with white
ACCENT = "#a33b00"
METAL = "#3d434a"
PLATE = "#b8c0c8"
WOOD = "#9a6a33"
BAND = "#bf8700"
FLOOR = "#8c959f"
SURFACE = "#d8dee4"
GAP = 2.4  # cm of white drawn around a limb that passes in front of the body


@cache
def font(size: int, supersample: int = SUPERSAMPLE) -> ImageFont.FreeTypeFont:
    """Pillow's built-in scalable font at ``size`` output pixels, for a canvas drawn
    ``supersample`` times larger (the same on every machine; the social cards use it too)."""
    return ImageFont.load_default(size=size * supersample)  # type: ignore[return-value]


def wrap(text: str, size: int, width: float) -> str:
    """``text`` broken at spaces into as few lines at most ``width`` output px wide as can
    be, with the lines as even as they can be."""
    lines = greedy_lines(text.split(), size, width)
    low, high = 0.0, width  # the narrowest width that still needs no more lines
    while high - low > 1:
        middle = (low + high) / 2
        if len(greedy_lines(text.split(), size, middle)) > len(lines):
            low = middle
        else:
            high = middle
    return "\n".join(greedy_lines(text.split(), size, high))


def greedy_lines(
    words: list[str], size: int, width: float, supersample: int = SUPERSAMPLE
) -> list[str]:
    """Words filled into lines at most ``width`` output px wide (a long word stays whole)."""
    lines: list[str] = []
    for word in words:
        if (
            lines
            and font(size, supersample).getlength(f"{lines[-1]} {word}") <= width * supersample
        ):
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


class Sketch:
    """A white canvas addressed in output pixels, drawn supersampled for smooth edges.

    ``text_sizes`` lists the size of every text drawn, so tests can check legibility;
    ``figures`` lists every figure drawn with its view, so tests can check what it shows.
    """

    def __init__(self, width: int = WIDTH, height: int = HEIGHT) -> None:
        self.size = (width, height)
        self.image = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE), WHITE)
        self.draw = ImageDraw.Draw(self.image)
        self.text_sizes: list[int] = []
        self.figures: list[tuple[View, Figure]] = []

    @staticmethod
    def _s(p: Point) -> tuple[float, float]:
        return (p[0] * SUPERSAMPLE, p[1] * SUPERSAMPLE)

    def circle(self, centre: Point, radius: float, fill: str) -> None:
        """A filled disc."""
        x, y = self._s(centre)
        r = radius * SUPERSAMPLE
        self.draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)

    def ring(self, centre: Point, radius: float, colour: str, width: float) -> None:
        """A circle outline."""
        x, y = self._s(centre)
        r = radius * SUPERSAMPLE
        w = round(width * SUPERSAMPLE)
        self.draw.ellipse((x - r, y - r, x + r, y + r), outline=colour, width=w)

    def line(self, points: Sequence[Point], colour: str, width: float) -> None:
        """A thick polyline with round caps and joins."""
        pts = [self._s(p) for p in points]
        self.draw.line(pts, fill=colour, width=round(width * SUPERSAMPLE), joint="curve")
        for p in (points[0], points[-1]):
            self.circle(p, width / 2, colour)

    def dashed(self, a: Point, b: Point, colour: str, width: float, dash: float = 14) -> None:
        """A dashed straight line."""
        length = math.dist(a, b)
        steps = max(1, int(length // dash))
        for i in range(0, steps, 2):
            self.line([lerp(a, b, i / steps), lerp(a, b, min(1.0, (i + 1) / steps))], colour, width)

    def polygon(
        self, points: Sequence[Point], fill: str, outline: str | None = None, width: float = 2
    ) -> None:
        """A filled polygon with an optional outline ``width`` px wide."""
        pts = [self._s(p) for p in points]
        self.draw.polygon(pts, fill=fill)
        if outline:
            w = round(width * SUPERSAMPLE)
            self.draw.line([*pts, pts[0], pts[1]], fill=outline, width=w, joint="curve")

    def rectangle(self, box: tuple[float, float, float, float], fill: str, outline: str) -> None:
        """A filled rectangle with a 3 px outline; box is (left, top, right, bottom)."""
        left, top = self._s(box[:2])
        right, bottom = self._s(box[2:])
        self.draw.rectangle((left, top, right, bottom), fill=fill, outline=outline, width=9)

    def arc(self, centre: Point, radius: float, start: float, end: float, colour: str) -> None:
        """An arc between two world angles (degrees from straight up, positive forward)."""
        x, y = self._s(centre)
        r = radius * SUPERSAMPLE
        lo, hi = sorted((start - 90, end - 90))
        self.draw.arc((x - r, y - r, x + r, y + r), lo, hi, fill=colour, width=3 * SUPERSAMPLE)

    def arrow(self, a: Point, b: Point, colour: str = ACCENT, width: float = 7) -> None:
        """A straight arrow from ``a`` to ``b`` with a solid head."""
        angle = math.atan2(b[1] - a[1], b[0] - a[0])
        head = width * 3.2
        back = (b[0] - math.cos(angle) * head, b[1] - math.sin(angle) * head)
        self.line([a, back], colour, width)
        left = (back[0] + math.sin(angle) * head * 0.6, back[1] - math.cos(angle) * head * 0.6)
        right = (back[0] - math.sin(angle) * head * 0.6, back[1] + math.cos(angle) * head * 0.6)
        self.polygon([b, left, right], colour)

    def text(
        self, at: Point, text: str, size: int = LABEL_SIZE, fill: str = TEXT, anchor: str = "mm"
    ) -> None:
        """Text in the built-in font; ``anchor`` follows Pillow's two-letter codes."""
        self.text_sizes.append(size)
        self.draw.text(self._s(at), text, font=font(size), fill=fill, anchor=anchor)

    def multiline(
        self, at: Point, text: str, size: int = LABEL_SIZE, anchor: str = "mm", fill: str = TEXT
    ) -> None:
        """Text that may span lines, with fixed line spacing."""
        align = {"l": "left", "r": "right"}.get(anchor[0], "center")
        self.text_sizes.append(size)
        self.draw.multiline_text(
            self._s(at),
            text,
            font=font(size),
            fill=fill,
            anchor=anchor,
            align=align,
            spacing=8 * SUPERSAMPLE,
        )

    def text_box(self, at: Point, text: str, size: int = LABEL_SIZE, anchor: str = "mm") -> Box:
        """Output-pixel bounds of ``text`` (one or more lines) drawn at ``at``."""
        left, top, right, bottom = self.draw.multiline_textbbox(
            self._s(at), text, font=font(size), anchor=anchor, spacing=8 * SUPERSAMPLE
        )
        s = SUPERSAMPLE
        return (left / s, top / s, right / s, bottom / s)

    def finish(self) -> Image.Image:
        """The finished picture at output size."""
        return self.image.reduce(SUPERSAMPLE)


@dataclass(frozen=True)
class View:
    """Maps world centimetres onto a sketch: ``origin`` is where world (0, 0) lands."""

    sketch: Sketch
    origin: Point
    scale: float = SCALE

    def px(self, p: Point) -> Point:
        """World point to output pixels."""
        return (self.origin[0] + p[0] * self.scale, self.origin[1] - p[1] * self.scale)

    def limb(self, a: Point, b: Point, width: float, colour: str) -> None:
        """A rounded limb ``width`` cm thick."""
        self.sketch.line([self.px(a), self.px(b)], colour, width * self.scale)

    def disc(self, c: Point, radius: float, colour: str) -> None:
        """A filled circle of ``radius`` cm."""
        self.sketch.circle(self.px(c), radius * self.scale, colour)

    def shape(
        self, points: Iterable[Point], fill: str, outline: str | None = None, width: float = 2
    ) -> None:
        """A filled polygon given in world points."""
        self.sketch.polygon([self.px(p) for p in points], fill, outline, width)
