"""Panels: each picture's versions (desktop, phone), titled panels with a figure placed in
each, and the arrow for the hips' travel.

Every picture also has a phone version, ``NAME.phone.png`` next to ``NAME.png``: narrower,
with larger text, so labels stay at least 12 CSS px tall on a 360 px wide screen. The site
shows it on narrow screens instead (``scripts/hinge/site_markdown/pictures.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hinge.diagrams.canvas import (
    GROUND_Y,
    LABEL_SIZE,
    MUTED,
    SCALE,
    SUBTITLE_SIZE,
    SURFACE,
    TEXT,
    TITLE_SIZE,
    WIDTH,
    Sketch,
    View,
    wrap,
)
from hinge.diagrams.figure import Figure, draw_figure, figure_extent
from hinge.diagrams.model import BODY_SIZE, Point, Pose, joints, lerp


@dataclass(frozen=True)
class Layout:
    """One version of every picture: its file-name suffix, width and text sizes (output px)."""

    suffix: str  # inserted before ".png"
    width: int
    title: int
    subtitle: int
    label: int

    def path(self, name: str) -> str:
        """The file name of this version of picture ``name`` (``a/b.png`` → ``a/b.phone.png``)."""
        stem, _, ext = name.rpartition(".")
        return f"{stem}{self.suffix}.{ext}"


DESKTOP = Layout("", WIDTH, TITLE_SIZE, SUBTITLE_SIZE, LABEL_SIZE)
PHONE = Layout(".phone", 960, 56, 42, 42)
"""Shown 313 CSS px wide on a 360 px phone (Material's content column): 42 px text is
13.7 CSS px there, 32 px text in the 1600 px default version only 6.3."""
PAD = 24  # output px between the edge of a phone panel or canvas and its content
PHONE_SHRINK = 0.75  # phone figures: at most this times the desktop px per centimetre
PHONE_FOOT = 40  # output px below the floor of a phone panel


@dataclass(frozen=True)
class Panel:
    """One panel of a two-panel picture: a figure under a heading and a subtitle, with an
    arrow for the hips' travel when ``hips_from`` gives the pose they come from."""

    heading: str
    subtitle: str
    figure: Figure
    hips_from: Pose | None = None
    arrow_shift: Point | None = None  # moves the arrow off the body (see ``hip_arrow``)


def two_panels(layout: Layout, pair: Sequence[Panel]) -> Sketch:
    """A picture of two panels side by side: each figure, then its arrow if it has one."""
    figs = [panel.figure for panel in pair]
    sketch, views = panels(layout, figs, [(panel.heading, panel.subtitle) for panel in pair])
    for view, panel in zip(views, pair, strict=True):
        draw_figure(view, panel.figure)
        if panel.hips_from is not None:
            lift = panel.figure.floor.platform
            hip_arrow(view, panel.hips_from, panel.figure.pose, lift, panel.arrow_shift)
    return sketch


def place(
    sketch: Sketch, fig: Figure, centre_x: float, scale: float = SCALE, ground: float = GROUND_Y
) -> View:
    """A view that centres ``fig`` horizontally on ``centre_x`` with the floor at ``ground``."""
    left, _, right, _ = figure_extent(fig)
    origin_x = centre_x - (left + right) / 2 * scale
    return View(sketch, (origin_x, ground), scale)


def title(sketch: Sketch, centre_x: float, heading: str, subtitle: str = "") -> None:
    """A panel heading with an optional one-line subtitle."""
    sketch.text((centre_x, 62), heading, TITLE_SIZE, TEXT)
    if subtitle:
        sketch.text((centre_x, 118), subtitle, SUBTITLE_SIZE, MUTED)


def phone_title(sketch: Sketch, at: Point, heading: str, subtitle: str) -> float:
    """A phone panel's heading, its top middle ``at``, over the subtitle; returns the bottom."""
    x, y = at
    sketch.text((x, y + PAD), heading, PHONE.title, TEXT, "ma")
    below = (x, y + PAD + PHONE.title * 1.3)
    sketch.multiline(below, subtitle, PHONE.subtitle, "ma", MUTED)
    return sketch.text_box(below, subtitle, PHONE.subtitle, "ma")[3]


def divider(
    sketch: Sketch, start: Point = (WIDTH / 2, 40), end: Point = (WIDTH / 2, GROUND_Y - 40)
) -> None:
    """The thin rule between two panels."""
    sketch.line([start, end], SURFACE, 3)


def panels(
    layout: Layout,
    figs: Sequence[Figure],
    headings: Sequence[tuple[str, str]],
    scale: float = SCALE,
    behind: float = 0.0,
    stack: bool = False,
) -> tuple[Sketch, list[View]]:
    """A canvas of two titled panels, side by side, with a figure's view centred in each.

    Desktop: fixed size and ``scale``. Phone: subtitles wrap; the figures, at most
    ``PHONE_SHRINK`` times ``scale``, fill the narrow panels (or the full width if ``stack``
    puts the panels one above the other) less ``behind`` output px kept free for labels.
    """
    if layout == PHONE:
        return phone_panels(figs, headings, scale * PHONE_SHRINK, behind, stack)
    sketch = Sketch()
    divider(sketch)
    centres = (WIDTH / 4, 3 * WIDTH / 4)
    for centre, (heading, sub) in zip(centres, headings, strict=True):
        title(sketch, centre, heading, sub)
    return sketch, [place(sketch, fig, c, scale) for fig, c in zip(figs, centres, strict=True)]


def phone_panels(
    figs: Sequence[Figure],
    headings: Sequence[tuple[str, str]],
    largest: float,
    behind: float,
    stack: bool,
) -> tuple[Sketch, list[View]]:
    """The phone version of ``panels``: each panel as tall as its heading and figure."""
    width = PHONE.width / (1 if stack else 2)
    inner = width - 2 * PAD
    wrapped = [(heading, wrap(sub, PHONE.subtitle, inner)) for heading, sub in headings]
    head = max(phone_title(Sketch(1, 1), (0, 0), *pair) for pair in wrapped) + 2 * PAD
    extents = [figure_extent(fig) for fig in figs]
    scale = min(largest, *((inner - behind) / (r - left) for left, _, r, _ in extents))
    heights = [head + box[3] * scale + PHONE_FOOT for box in extents]
    if not stack:
        heights = [max(heights)] * len(figs)
    tops = [sum(heights[:i]) if stack else 0.0 for i in range(len(figs))]
    sketch = Sketch(PHONE.width, round(tops[-1] + heights[-1]))
    views = []
    for i, (fig, pair) in enumerate(zip(figs, wrapped, strict=True)):
        left, top, bottom = (0.0 if stack else i * width), tops[i], tops[i] + heights[i]
        if i and not stack:  # stacked panels are parted by the floor line
            divider(sketch, (left, 40), (left, bottom - 2 * PHONE_FOOT))
        phone_title(sketch, (left + width / 2, top), *pair)
        # Figures face right: labels behind them sit on the left.
        centre = left + width / 2 + behind / 2
        views.append(place(sketch, fig, centre, scale, bottom - PHONE_FOOT))
    return sketch, views


def hip_arrow(
    view: View, start: Pose, end: Pose, lift: float = 0.0, shift: Point | None = None
) -> None:
    """An accent arrow showing which way the hips travel from start to end.

    Hips going back ride just above the path (over the lower back); hips coming forward
    ride behind the path (behind the seat), so the arrow never sits on the body.
    """
    a, b = joints(start)["hip"], joints(end)["hip"]
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    mid = lerp(a, b, 0.5)
    if shift is None:
        shift = (0.0, 30.0) if dx < 0 else (-(BODY_SIZE.trunk_width / 2 + 12), 0.0)
    centre = (mid[0] + shift[0], mid[1] + shift[1] + lift)
    half = max(min(length, 36.0), 24.0) / 2
    tail = (centre[0] - ux * half, centre[1] - uy * half)
    tip = (centre[0] + ux * half, centre[1] + uy * half)
    view.sketch.arrow(view.px(tail), view.px(tip), width=1.75 * view.scale)
