"""The posterior-chain picture: a figure part-way down a hinge with the muscles along the back
of the body shaded and labelled.

Muscles are outlines in a limb's own frame, so they follow the pose.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hinge.diagrams.canvas import LABEL_SIZE, TEXT, WHITE, WIDTH, Sketch, wrap
from hinge.diagrams.figure import Figure, draw_figure
from hinge.diagrams.layout import DESKTOP, PAD, PHONE, Layout, place
from hinge.diagrams.model import BODY_SIZE, Point, along, lerp
from hinge.diagrams.poses import POSES

MUSCLE_COLOURS = {"red": "#d9480f", "amber": "#b97a00", "purple": "#a55fc7"}
"""Muscle fills: each at least 3:1 against white; a white edge parts them from the body."""


@dataclass(frozen=True)
class Muscle:
    """A muscle drawn on one limb.

    ``outline`` points are (u, v): u is the fraction of the way along the limb from its first
    joint, v is centimetres out towards the back of the body (the limb's edge is at half its
    width). ``anchor`` is the (u, v) the label's leader line points to; ``side`` says which
    column the label sits in.
    """

    name: str
    limb: str
    colour: str
    outline: tuple[Point, ...]
    anchor: Point
    side: str = "left"


LIMBS: dict[str, tuple[str, str, int]] = {
    # limb: (from joint, to joint, +1 if the back of the body is clockwise of the limb)
    "trunk": ("hip", "shoulder", 1),
    "thigh": ("knee", "hip", 1),
    "shank": ("ankle", "knee", 1),
    "upper_arm": ("shoulder", "elbow", -1),
}

MUSCLES: tuple[Muscle, ...] = (
    Muscle(
        "Spinal erectors",
        "trunk",
        "amber",
        (
            (-0.06, 7),
            (0.04, 12.4),
            (0.35, 13),
            (0.7, 12.6),
            (0.8, 9),
            (0.66, 4.5),
            (0.3, 4),
            (0.02, 4.5),
        ),
        (0.3, 9.5),
    ),
    Muscle(
        "Trapezius",
        "trunk",
        "purple",
        ((1.24, 2.5), (1.12, 10), (0.98, 13.4), (0.72, 13.4), (0.46, 12), (0.56, 7.5), (0.86, 3.5)),
        (0.86, 9.5),
    ),
    Muscle(
        "Adductor magnus\n(inner thigh)",
        "thigh",
        "purple",
        ((0.12, 2.5), (0.5, 4), (0.92, 4), (1.0, -2), (0.86, -6.5), (0.6, -5), (0.3, -1.5)),
        (0.6, -1.5),
    ),
    Muscle(
        "Hamstrings",
        "thigh",
        "amber",
        (
            (-0.1, 3),
            (0.06, 8.4),
            (0.4, 10.6),
            (0.74, 10.4),
            (0.94, 8),
            (0.98, 2.5),
            (0.6, 2.4),
            (0.2, 2.2),
        ),
        (0.5, 7.2),
    ),
    Muscle(
        "Glutes",
        "trunk",
        "red",
        (
            (-0.3, 3),
            (-0.3, 11),
            (-0.2, 16.5),
            (0.0, 18),
            (0.18, 15.5),
            (0.26, 9.5),
            (0.16, 2.5),
            (-0.1, 0.5),
        ),
        (-0.06, 11),
    ),
    Muscle(
        "Calves",
        "shank",
        "red",
        (
            (0.26, 3),
            (0.42, 8),
            (0.68, 10),
            (0.92, 8.2),
            (1.06, 3.5),
            (0.98, -0.5),
            (0.6, 0.5),
            (0.34, 1),
        ),
        (0.66, 6),
    ),
    Muscle(
        "Rear deltoids",
        "upper_arm",
        "red",
        ((-0.14, 1.5), (-0.12, 6.8), (0.08, 8.2), (0.34, 6.8), (0.46, 3), (0.26, 0.5), (0.0, 0.0)),
        (0.12, 4.5),
        "right",
    ),
)
"""The posterior-chain muscles in drawing order (later ones sit on top)."""

LABEL_GAP = 76.0  # least vertical distance between two 32 px labels in a column


@dataclass(frozen=True)
class ChainFrame:
    """Where the posterior-chain figure and its label columns sit in one version."""

    size: tuple[int, int]
    centre: float  # output-pixel x of the figure's middle
    scale: float
    ground: float
    columns: dict[str, float]  # output-pixel x where label text ends (left) or starts (right)


CHAIN_FRAMES = {
    DESKTOP: ChainFrame((WIDTH, 960), 800, 5.6, 900, {"left": 380.0, "right": 1190.0}),
    PHONE: ChainFrame((960, 870), 638, 5.2, 820, {"left": 370.0, "right": 764.0}),
}


def limb_point(j: dict[str, Point], limb: str, u: float, v: float) -> Point:
    """World position of (u, v) in a limb's frame (see ``Muscle``)."""
    start, end, side = LIMBS[limb]
    a, b = j[start], j[end]
    angle = math.degrees(math.atan2(b[0] - a[0], b[1] - a[1]))
    return along(lerp(a, b, u), angle - 90 * side, v)


def smooth(points: Sequence[Point], rounds: int = 3) -> list[Point]:
    """Round off a closed outline by corner cutting (Chaikin)."""
    pts = list(points)
    for _ in range(rounds):
        nxt: list[Point] = []
        for i, p in enumerate(pts):
            q = pts[(i + 1) % len(pts)]
            nxt += [lerp(p, q, 0.25), lerp(p, q, 0.75)]
        pts = nxt
    return pts


def label_rows(targets: list[float], gap: float, first: float = -math.inf) -> list[float]:
    """Label heights near their targets' heights, pushed apart to at least ``gap`` and down
    to at least ``first``."""
    order = sorted(range(len(targets)), key=lambda i: targets[i])
    rows = [0.0] * len(targets)
    last = first - gap
    for i in order:
        rows[i] = max(targets[i], last + gap)
        last = rows[i]
    return rows


def posterior_chain(layout: Layout) -> Sketch:
    """A figure part-way down a hinge with the posterior-chain muscles shaded and labelled."""
    frame = CHAIN_FRAMES[layout]
    sketch = Sketch(*frame.size)
    fig = Figure(POSES["posterior"])
    view = place(sketch, fig, frame.centre, frame.scale, frame.ground)
    j = draw_figure(view, fig)
    for m in MUSCLES:
        pts = smooth([limb_point(j, m.limb, u, v) for u, v in m.outline])
        view.shape(pts, MUSCLE_COLOURS[m.colour], WHITE, 3)
    k = layout.label / LABEL_SIZE  # leader lines and gaps grow with the text
    head_x, head_y = view.px(j["head"])
    radius = BODY_SIZE.head_radius * frame.scale
    for side, x in frame.columns.items():
        group = [m for m in MUSCLES if m.side == side]
        targets = [view.px(limb_point(j, m.limb, *m.anchor)) for m in group]
        # Labels that would reach under the head go below it.
        under = x < head_x + radius if side == "right" else x > head_x - radius
        first = head_y + radius + LABEL_GAP * k if under else -math.inf
        rows = label_rows([t[1] for t in targets], LABEL_GAP * k, first)
        align = "rm" if side == "left" else "lm"
        room = x - PAD if side == "left" else frame.size[0] - PAD - x
        for m, target, y in zip(group, targets, rows, strict=True):
            name = "\n".join(wrap(line, layout.label, room) for line in m.name.split("\n"))
            sketch.multiline((x, y), name, layout.label, align)
            start = (x + 14 * k if side == "left" else x - 14 * k, y)
            sketch.line([start, target], TEXT, 3 * k)
            sketch.circle(target, 8 * k, TEXT)
            sketch.circle(target, 4 * k, WHITE)
    return sketch
