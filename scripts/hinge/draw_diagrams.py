"""Draw the site's exercise diagrams from code with Pillow.

Every picture is data: a side-view body model posed by a few joint angles, plus equipment
and labels. To change a pose, edit the numbers in ``POSES`` below and rerun::

    python -m hinge diagrams          # rewrite images that changed
    python -m hinge diagrams --check  # exit 1 if any image is stale

Every picture also has a phone version, ``NAME.phone.png`` next to ``NAME.png``: narrower,
with larger text, so labels stay at least 12 CSS px tall on a 360 px wide screen. The site
shows it on narrow screens instead (``scripts/hinge/site_markdown/pictures.py``).

Conventions: world units are centimetres, x points the way the person faces (right), y points
up, the ground is y = 0 and the standing ankle sits at x = 0. Angles are degrees.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "images"

Point = tuple[float, float]

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


# --------------------------------------------------------------------------------------------
# Body model
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """Segment lengths and drawn thicknesses (cm) of an adult about 175 cm tall."""

    ankle_height: float = 8.0
    shank: float = 42.0  # ankle to knee
    thigh: float = 43.0  # knee to hip
    trunk: float = 50.0  # hip to shoulder
    neck: float = 10.0  # shoulder to the base of the head
    head_radius: float = 11.0
    upper_arm: float = 31.0  # shoulder to elbow
    forearm: float = 38.0  # elbow to the middle of the grip
    heel: float = 7.0  # heel behind the ankle
    toe: float = 20.0  # toes in front of the ankle
    trunk_width: float = 22.0
    thigh_width: float = 15.0
    shank_width: float = 11.0
    upper_arm_width: float = 9.5
    forearm_width: float = 8.0
    foot_width: float = 7.0
    neck_width: float = 9.0
    mass: float = 75.0  # kg, for the balance check


BODY_SIZE = Body()


@dataclass(frozen=True)
class Pose:
    """A side-view pose as joint angles in degrees.

    ankle: shin tilt forward of vertical (dorsiflexion; negative tips the knee back).
    knee: knee bend (0 = straight). trunk: trunk lean forward of vertical.
    shoulder: upper-arm raise relative to the trunk (0 = along the trunk, 90 = straight out
    in front); None lets the arm hang plumb, as it does holding a weight.
    elbow: elbow bend. neck: head nod relative to the trunk (0 = neutral).
    far_arm: (shoulder, elbow) of the far arm when it differs from the near arm.
    forearm: apparent forearm length as a fraction (below 1 when the near forearm points
    into the page, as when the hand reaches behind the back).
    free_leg: (hip, knee) of the far leg when it is not standing; hip is measured from the
    trunk line (0 = leg in line with the torso, 90 = thigh at a right angle to it).
    free_foot: how far that leg's foot points beyond square to its shin (plantar flexion;
    positive tips the toes down, as for a foot resting on its toes).
    """

    ankle: float = 0.0
    knee: float = 0.0
    trunk: float = 0.0
    shoulder: float | None = None
    elbow: float = 0.0
    neck: float = 0.0
    far_arm: tuple[float | None, float] | None = None
    forearm: float = 1.0
    free_leg: tuple[float, float] | None = None
    free_foot: float = 0.0

    @property
    def hip(self) -> float:
        """Hip bend: the angle between the thigh and the trunk (0 = standing tall)."""
        return self.trunk - (self.ankle - self.knee)


def direction(angle: float) -> Point:
    """Unit vector for an angle measured from straight up, positive towards the front."""
    rad = math.radians(angle)
    return (math.sin(rad), math.cos(rad))


def along(start: Point, angle: float, length: float) -> Point:
    """The point ``length`` cm from ``start`` in the direction ``angle``."""
    dx, dy = direction(angle)
    return (start[0] + dx * length, start[1] + dy * length)


def lerp(a: Point, b: Point, t: float) -> Point:
    """The point a fraction ``t`` of the way from ``a`` to ``b``."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def arm_angle(trunk: float, shoulder: float | None) -> float:
    """Absolute direction of the upper arm; a plumb arm when ``shoulder`` is None."""
    return 180.0 if shoulder is None else trunk + 180.0 - shoulder


def joints(pose: Pose, body: Body = BODY_SIZE) -> dict[str, Point]:
    """World positions (cm) of every joint for ``pose``; the ankle is at x = 0."""
    j: dict[str, Point] = {}
    j["ankle"] = (0.0, body.ankle_height)
    j["heel"] = (-body.heel, body.foot_width / 2)
    j["toe"] = (body.toe, body.foot_width / 2)
    j["knee"] = along(j["ankle"], pose.ankle, body.shank)
    j["hip"] = along(j["knee"], pose.ankle - pose.knee, body.thigh)
    j["shoulder"] = along(j["hip"], pose.trunk, body.trunk)
    j["neck"] = along(j["shoulder"], pose.trunk + pose.neck, body.neck)
    j["head"] = along(j["neck"], pose.trunk + pose.neck, body.head_radius * 0.8)
    arms = {"": (pose.shoulder, pose.elbow)}
    if pose.far_arm is not None:
        arms["far_"] = pose.far_arm
    for prefix, (shoulder, elbow) in arms.items():
        upper = arm_angle(pose.trunk, shoulder)
        j[prefix + "elbow"] = along(j["shoulder"], upper, body.upper_arm)
        reach = pose.forearm if prefix == "" else 1.0
        j[prefix + "hand"] = along(j[prefix + "elbow"], upper - elbow, body.forearm * reach)
    if pose.free_leg is not None:
        hip_bend, knee_bend = pose.free_leg
        thigh = pose.trunk + 180.0 - hip_bend
        j["free_knee"] = along(j["hip"], thigh, body.thigh)
        j["free_ankle"] = along(j["free_knee"], thigh + knee_bend, body.shank)
        foot = thigh + knee_bend - 90.0 + pose.free_foot
        j["free_heel"] = along(j["free_ankle"], foot, -body.heel * 0.6)
        j["free_toe"] = along(j["free_ankle"], foot, body.toe)
    return j


def centre_of_mass_x(
    pose: Pose, load_kg: float = 0.0, load_at: str = "hand", body: Body = BODY_SIZE
) -> float:
    """Horizontal centre of mass of body plus a load held at ``load_at`` (segment data after
    Dempster/Winter: fractions of body mass and of segment length from the proximal end)."""
    j = joints(pose, body)
    far_leg = pose.free_leg is not None
    segments = [
        (0.497, j["hip"], j["shoulder"], 0.5),
        (0.081, j["head"], j["head"], 0.0),
        (0.0145 * (1 if far_leg else 2), j["heel"], j["toe"], 0.5),
        (0.0465 * (1 if far_leg else 2), j["knee"], j["ankle"], 0.433),
        (0.100 * (1 if far_leg else 2), j["hip"], j["knee"], 0.433),
    ]
    for prefix in ("", "far_") if pose.far_arm is not None else ("",):
        share = 1 if pose.far_arm is not None else 2
        segments.append((0.028 * share, j["shoulder"], j[prefix + "elbow"], 0.436))
        segments.append((0.022 * share, j[prefix + "elbow"], j[prefix + "hand"], 0.6))
    if far_leg:
        segments += [
            (0.100, j["hip"], j["free_knee"], 0.433),
            (0.0465, j["free_knee"], j["free_ankle"], 0.433),
            (0.0145, j["free_heel"], j["free_toe"], 0.5),
        ]
    moment = sum(m * body.mass * lerp(a, b, t)[0] for m, a, b, t in segments)
    mass = sum(m * body.mass for m, *_ in segments)
    moment += load_kg * j[load_at][0]
    return moment / (mass + load_kg)


def midfoot_x(body: Body = BODY_SIZE) -> float:
    """The middle of the standing foot, where a balanced centre of mass sits."""
    return (body.toe - body.heel) / 2


# --------------------------------------------------------------------------------------------
# Drawing surface
# --------------------------------------------------------------------------------------------


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """Pillow's built-in scalable font at ``size`` output pixels (same on every machine)."""
    return ImageFont.load_default(size=size * SUPERSAMPLE)  # type: ignore[return-value]


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


Box = tuple[float, float, float, float]


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


# --------------------------------------------------------------------------------------------
# Equipment. Each item has a layer: "back" draws behind the body, "far" on top of the far-side
# limbs, "front" after the near leg, "hand" on top of the near arm.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Floor:
    """The ground line; ``platform`` cm of box under the feet for deficit work."""

    platform: float = 0.0
    platform_length: float = 48.0

    def ends(self) -> tuple[float, float]:
        """World x of the platform's back and front edges (centred a little ahead of the ankle)."""
        half = self.platform_length / 2
        return (-half + 4, half + 4)

    def draw(self, view: View) -> None:
        """Draw the platform as a box."""
        back, front = self.ends()
        left, top = view.px((back, self.platform))
        right, bottom = view.px((front, 0))
        view.sketch.rectangle((left, top, right, bottom), SURFACE, FLOOR)

    def extent(self, j: dict[str, Point]) -> list[Point]:
        """Points that must fit in the panel."""
        return [(x, 0.0) for x in self.ends()]


@dataclass(frozen=True)
class Wall:
    """A wall behind the person at world x (its front face)."""

    x: float
    layer: str = "back"

    def draw(self, view: View, j: dict[str, Point]) -> None:
        """Draw the wall as a hatched slab."""
        left, top = view.px((self.x - 10, 165))
        right, bottom = view.px((self.x, 0))
        view.sketch.rectangle((left, top, right, bottom), SURFACE, FLOOR)

    def extent(self, j: dict[str, Point]) -> list[Point]:
        """Points that must fit in the panel."""
        return [(self.x - 10, 0.0)]


@dataclass(frozen=True)
class Dowel:
    """A dowel held along the back: touching the head, upper back and tailbone, with a small
    gap at the hollow of the lower back (the spine's normal curve, about a flat hand thick)."""

    length: float = 104.0
    width: float = 3.2
    gap: float = 4.0  # cm from the lower back to the dowel at the deepest point of the hollow
    hollow: tuple[float, float] = (8.0, 31.0)  # cm up the trunk from the hip: the lumbar curve
    layer: str = "front"

    def line(self, j: dict[str, Point], pose: Pose, body: Body = BODY_SIZE) -> tuple[Point, Point]:
        """The dowel's two ends."""
        offset = body.trunk_width / 2 + self.width / 2 - 0.1  # just touching the back
        base = along(j["hip"], pose.trunk - 90, offset)
        bottom = along(base, pose.trunk, -14)
        return bottom, along(bottom, pose.trunk, self.length)

    def depth(self, up: float) -> float:
        """How far the back curves in from the dowel's line ``up`` cm up the trunk."""
        low, high = self.hollow
        if not low < up < high:
            return 0.0
        return self.gap * math.sin(math.pi * (up - low) / (high - low)) ** 2

    def back(self, j: dict[str, Point], pose: Pose, up: float, body: Body = BODY_SIZE) -> Point:
        """The surface of the back ``up`` cm up the trunk from the hip."""
        centre = along(j["hip"], pose.trunk, up)
        return along(centre, pose.trunk - 90, body.trunk_width / 2 - self.depth(up))

    def draw(self, view: View, j: dict[str, Point], pose: Pose) -> None:
        """Carve the lower back's hollow out of the trunk, then draw the dowel."""
        low, high = self.hollow
        steps = 24
        ups = [low + (high - low) * i / steps for i in range(steps + 1)]
        surface = [self.back(j, pose, up) for up in ups]
        under = BODY_SIZE.trunk_width / 2 + self.width / 2  # the dowel hides the rest
        outside = [along(along(j["hip"], pose.trunk, up), pose.trunk - 90, under) for up in ups]
        view.shape([*surface, *reversed(outside)], WHITE)
        a, b = self.line(j, pose)
        view.limb(a, b, self.width, WOOD)

    def extent(self, j: dict[str, Point], pose: Pose) -> list[Point]:
        """Points that must fit in the panel."""
        return list(self.line(j, pose))


@dataclass(frozen=True)
class Kettlebell:
    """A kettlebell gripped at the hand; it hangs plumb or lines up with the forearm."""

    follow_arm: bool = False
    hand: str = "hand"
    layer: str = "front"
    radius: float = 10.5  # a 16 kg bell
    handle: float = 9.0  # grip to the top of the body

    def frame(self, j: dict[str, Point]) -> tuple[Point, float]:
        """The bell's centre and its handle-to-base direction."""
        if self.follow_arm:
            elbow, hand = j[self.hand.replace("hand", "elbow")], j[self.hand]
            angle = math.degrees(math.atan2(hand[0] - elbow[0], hand[1] - elbow[1]))
        else:
            angle = 180.0
        return along(j[self.hand], angle, self.radius + self.handle), angle

    def draw(self, view: View, j: dict[str, Point], pose: Pose) -> None:
        """Draw the bell with its handle (the window shows below the hand)."""
        centre, angle = self.frame(j)
        grip = j[self.hand]
        horns = [along(centre, angle + 180 + side * 42, self.radius * 0.9) for side in (-1, 1)]
        corners = [
            along(along(grip, angle - side * 90, self.radius * 0.62), angle, 1.0)
            for side in (-1, 1)
        ]
        path = [horns[0], corners[0], corners[1], horns[1]]
        view.sketch.line([view.px(p) for p in path], METAL, 2.8 * view.scale)
        view.disc(centre, self.radius, METAL)

    def extent(self, j: dict[str, Point], pose: Pose) -> list[Point]:
        """Points that must fit in the panel."""
        centre, _ = self.frame(j)
        r = self.radius
        return [(centre[0] - r, centre[1] - r), (centre[0] + r, centre[1] + r)]


@dataclass(frozen=True)
class Dumbbell:
    """A dumbbell in ``hand`` (the near hand) or ``far_hand``.

    Neutral grip (palm facing in): the handle runs front to back, so the whole dumbbell shows
    side on. ``overhand`` (palm facing the legs): the handle runs across the body, so the
    dumbbell shows end on: its near head a hexagon over the hand.
    """

    overhand: bool = False
    hand: str = "hand"
    head: float = 7.5  # cm from the middle of a hexagonal head to a corner (a 12 kg dumbbell)

    @property
    def layer(self) -> str:
        """In the far hand: behind the near limbs. In the near hand: end on over the hand,
        side on under it."""
        if self.hand.startswith("far"):
            return "far"
        return "hand" if self.overhand else "front"

    def draw(self, view: View, j: dict[str, Point], pose: Pose) -> None:
        """Draw the dumbbell centred on the hand."""
        x, y = j[self.hand]
        if self.overhand:  # a hexagonal head, flat side down, edged in white like a near limb
            corners = [math.radians(a) for a in range(0, 360, 60)]
            for r, colour in ((self.head + GAP / 2, WHITE), (self.head, METAL)):
                view.shape([(x + r * math.cos(a), y + r * math.sin(a)) for a in corners], colour)
            return
        view.limb((x - 8, y), (x + 8, y), 3.0, METAL)
        for side in (-1, 1):
            cx = x + side * 10.5
            view.shape(
                [(cx - 4, y - 7.5), (cx + 4, y - 7.5), (cx + 4, y + 7.5), (cx - 4, y + 7.5)],
                METAL,
            )

    def extent(self, j: dict[str, Point], pose: Pose) -> list[Point]:
        """Points that must fit in the panel."""
        x, y = j[self.hand]
        if self.overhand:
            return [(x - self.head, y - self.head), (x + self.head, y + self.head)]
        return [(x - 15, y - 8), (x + 15, y + 8)]


@dataclass(frozen=True)
class Barbell:
    """A loaded barbell seen end on: the far plate behind the body, the bar in the fist."""

    plate_radius: float = 22.5
    layer: str = "back"

    def draw(self, view: View, j: dict[str, Point], pose: Pose) -> None:
        """Draw the plate (behind the body)."""
        view.disc(j["hand"], self.plate_radius, PLATE)
        view.sketch.ring(view.px(j["hand"]), self.plate_radius * view.scale, FLOOR, 3)
        view.disc(j["hand"], 4.5, FLOOR)

    def draw_bar(self, view: View, j: dict[str, Point]) -> None:
        """Draw the bar end in the hand."""
        view.disc(j["hand"], 2.6, METAL)

    def extent(self, j: dict[str, Point], pose: Pose) -> list[Point]:
        """Points that must fit in the panel."""
        x, y = j["hand"]
        r = self.plate_radius
        return [(x - r, y - r), (x + r, y + r)]


@dataclass(frozen=True)
class Band:
    """A resistance band from a low anchor behind the person, through the legs, to the hands."""

    anchor: Point = (-95.0, 14.0)
    layer: str = "back"

    def draw(self, view: View, j: dict[str, Point], pose: Pose) -> None:
        """Draw the anchor post and the band."""
        ax, ay = self.anchor
        left, top = view.px((ax - 9, 75))
        right, bottom = view.px((ax - 3, 0))
        view.sketch.rectangle((left, top, right, bottom), SURFACE, FLOOR)
        view.limb((ax - 6, ay), j["hand"], 2.6, BAND)

    def extent(self, j: dict[str, Point], pose: Pose) -> list[Point]:
        """Points that must fit in the panel."""
        return [(self.anchor[0] - 9, 75.0)]


PLUMB = 44.0  # cm: length of the torso's dashed plumb line


@dataclass(frozen=True)
class AngleMarks:
    """Dashed plumb lines with arcs and labels for the shin and torso; a knee-bend label."""

    size: int  # label text size, output px
    layer: str = "hand"

    def draw(self, view: View, j: dict[str, Point], pose: Pose) -> None:
        """Draw the marks and their labels."""
        s, size = view.sketch, self.size
        ankle, hip, knee = j["ankle"], j["hip"], j["knee"]
        # Shin: plumb line from the ankle, arc to the shin.
        s.dashed(view.px(ankle), view.px((ankle[0], ankle[1] + 40)), ACCENT, 4)
        s.arc(view.px(ankle), 24 * view.scale, 0, pose.ankle, ACCENT)
        shin = f"shin {abs(pose.ankle):.0f}°"
        s.text(view.px((ankle[0] - 7, ankle[1] + 22)), shin, size, ACCENT, "rm")
        # Torso: plumb line from the hip, arc to the trunk.
        top = (hip[0], hip[1] + PLUMB)
        s.dashed(view.px(hip), view.px(top), ACCENT, 4)
        s.arc(view.px(hip), 28 * view.scale, 0, pose.trunk, ACCENT)
        torso = f"torso {pose.trunk:.0f}°"
        x, y = view.px((top[0], top[1] + 7))
        head = view.px(j["head"])[0] - BODY_SIZE.head_radius * view.scale
        x = min(x, head - size / 2 - font(size).getlength(torso) / SUPERSAMPLE / 2)
        s.text((x, y), torso, size, ACCENT, "mm")  # centred over the plumb line, clear of the head
        # Knee bend: behind a nearly straight knee, below and in front of a deeply bent one
        # (where the thigh and shin leave room).
        bend = f"knee {pose.knee:.0f}°"
        if pose.knee < 60:
            s.text(view.px((knee[0] - 10, knee[1])), bend, size, ACCENT, "rm")
        else:
            s.text(view.px((knee[0] + 9, knee[1] - 11)), bend, size, ACCENT, "lm")

    def extent(self, j: dict[str, Point], pose: Pose) -> list[Point]:
        """Points that must fit in the panel: the middle of the torso label."""
        return [(j["hip"][0], j["hip"][1] + PLUMB + 7)]


Equipment = Wall | Dowel | Kettlebell | Dumbbell | Barbell | Band | AngleMarks


@dataclass(frozen=True)
class Figure:
    """A posed body with its equipment; ``load_kg`` is held at ``load_at`` for balance."""

    pose: Pose
    kit: tuple[Equipment, ...] = ()
    floor: Floor = Floor()
    load_kg: float = 0.0
    load_at: str = "hand"
    arms_between_legs: bool = False  # draw the near leg in front of the arms


def figure_joints(fig: Figure) -> dict[str, Point]:
    """Joint positions with the feet lifted onto any platform."""
    lift = fig.floor.platform
    return {k: (x, y + lift) for k, (x, y) in joints(fig.pose).items()}


def figure_extent(fig: Figure) -> Box:
    """World bounds (left, bottom, right, top) of a figure with its equipment."""
    j = figure_joints(fig)
    pad = BODY_SIZE.trunk_width / 2
    pts = [p for name, p in j.items() if name != "head"]
    xs = [x for x, _ in pts]
    ys = [y for _, y in pts]
    hx, hy = j["head"]
    r = BODY_SIZE.head_radius
    box = [min(xs) - pad, 0.0, max(xs) + pad, max(max(ys) + pad, hy + r)]
    box = [min(box[0], hx - r), box[1], max(box[2], hx + r), box[3]]
    extra: list[Point] = fig.floor.extent(j)
    for item in fig.kit:
        extra += item.extent(j) if isinstance(item, Wall) else item.extent(j, fig.pose)
    for x, y in extra:
        box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
    return (box[0], box[1], box[2], box[3])


def draw_figure(view: View, fig: Figure, body: Body = BODY_SIZE) -> dict[str, Point]:
    """Draw a figure with its equipment; returns the joints (world cm) for annotations."""
    j = figure_joints(fig)
    pose = fig.pose
    view.sketch.figures.append((view, fig))
    if fig.floor.platform:
        fig.floor.draw(view)
    for item in fig.kit:
        if item.layer == "back":
            item.draw(view, j) if isinstance(item, Wall) else item.draw(view, j, pose)
    ground_l, ground_r = view.px((-400, 0)), view.px((400, 0))
    view.sketch.line([ground_l, ground_r], FLOOR, 4)

    # Far side first, in a lighter tint.
    if pose.free_leg is not None:
        view.limb(j["hip"], j["free_knee"], body.thigh_width, FAR)
        view.limb(j["free_knee"], j["free_ankle"], body.shank_width, FAR)
        view.limb(j["free_heel"], j["free_toe"], body.foot_width, FAR)
    if pose.far_arm is not None:
        view.limb(j["shoulder"], j["far_elbow"], body.upper_arm_width, FAR)
        view.limb(j["far_elbow"], j["far_hand"], body.forearm_width, FAR)
        view.disc(j["far_hand"], body.forearm_width * 0.62, FAR)
    for item in fig.kit:
        if item.layer == "far":
            item.draw(view, j, pose)

    if not fig.arms_between_legs:
        draw_leg(view, j, body)
    view.limb(j["hip"], j["shoulder"], body.trunk_width, BODY)
    view.limb(j["shoulder"], j["neck"], body.neck_width, BODY)
    view.disc(j["head"], body.head_radius, BODY)
    for item in fig.kit:
        if item.layer == "front":
            item.draw(view, j, pose)
    draw_arm(view, j, body)
    if fig.arms_between_legs:
        draw_leg(view, j, body, outline=True)
    for item in fig.kit:
        if item.layer == "hand":
            item.draw(view, j, pose)
        if isinstance(item, Barbell):
            item.draw_bar(view, j)
    return j


GAP = 2.4  # cm of white drawn around a limb that passes in front of the body


def draw_leg(view: View, j: dict[str, Point], body: Body, outline: bool = False) -> None:
    """The near leg: foot, shin and thigh (outlined when it passes in front of the arms)."""
    parts = [
        (j["heel"], j["toe"], body.foot_width),
        (j["ankle"], j["knee"], body.shank_width),
        (j["knee"], j["hip"], body.thigh_width),
    ]
    if outline:
        for a, b, w in parts[1:]:
            view.limb(a, b, w + GAP, WHITE)
        view.disc(j["hip"], body.trunk_width / 2, BODY)
    for a, b, w in parts:
        view.limb(a, b, w, BODY)


def draw_arm(view: View, j: dict[str, Point], body: Body) -> None:
    """The near arm, outlined in white so it reads in front of the trunk and legs."""
    view.limb(j["shoulder"], j["elbow"], body.upper_arm_width + GAP, WHITE)
    view.limb(j["elbow"], j["hand"], body.forearm_width + GAP, WHITE)
    view.disc(j["hand"], body.forearm_width * 0.62 + GAP / 2, WHITE)
    # Fill the outline back in where the arm meets the shoulder.
    view.disc(j["shoulder"], (body.upper_arm_width + GAP) / 2, BODY)
    view.limb(j["shoulder"], j["elbow"], body.upper_arm_width, BODY)
    view.limb(j["elbow"], j["hand"], body.forearm_width, BODY)
    view.disc(j["hand"], body.forearm_width * 0.62, BODY)


# --------------------------------------------------------------------------------------------
# Poses: edit these numbers to change the pictures.
# --------------------------------------------------------------------------------------------

POSES: dict[str, Pose] = {
    # hinge-vs-squat: an RDL-bottom hinge and a deep bodyweight squat
    "hinge": Pose(ankle=-1, knee=22, trunk=72, neck=-5),
    "squat": Pose(ankle=35, knee=118, trunk=42, shoulder=95, elbow=5, neck=-25),
    # posterior-chain: part-way down a hinge, so the whole back of the body faces the viewer
    "posterior": Pose(ankle=0, knee=16, trunk=50, neck=-5),
    # progression. Loaded arms sit a few degrees behind plumb (shoulder < trunk): the lats
    # pull the weight into the legs, so the shoulder blades, not the shoulders, stack over it.
    "wall_start": Pose(shoulder=-40, elbow=90),
    "wall_end": Pose(ankle=0, knee=20, trunk=58, shoulder=-40, elbow=90),
    # Far hand behind the neck, near hand low on the back, below the lower back's hollow (so
    # the gap there shows); both on the dowel.
    "dowel_start": Pose(shoulder=-55, elbow=80, forearm=0.79, far_arm=(135, 160)),
    "dowel_end": Pose(
        ankle=0, knee=20, trunk=62, shoulder=-55, elbow=80, forearm=0.79, far_arm=(135, 160)
    ),
    "band_start": Pose(ankle=4, knee=25, trunk=60, shoulder=12),
    "band_end": Pose(ankle=2, knee=3, trunk=0, shoulder=8),
    "kb_deadlift_start": Pose(ankle=12, knee=64, trunk=62, shoulder=54),
    "kb_deadlift_end": Pose(shoulder=8),
    # Dumbbells in front of the thighs, then a little below the knees, brushing the shins.
    "db_rdl_start": Pose(shoulder=10),
    "db_rdl_end": Pose(ankle=1, knee=30, trunk=62, shoulder=50),
    "bb_rdl_start": Pose(trunk=2, shoulder=6),
    "bb_rdl_end": Pose(ankle=1, knee=31, trunk=56, shoulder=48),
    "swing_hike": Pose(ankle=4, knee=25, trunk=65, shoulder=20, neck=-10),
    "swing_top": Pose(ankle=-2, trunk=-4, shoulder=72),
    # Single-leg work: the dumbbell hangs from the far hand (opposite the standing leg), a
    # little behind plumb; the empty near hand hangs a little in front. Kickstand: the back
    # foot up on its toes just behind the front heel, carrying little weight.
    "sl_rdl_start": Pose(ankle=4, knee=4, free_leg=(-5, 70), far_arm=(None, 0)),
    "sl_kick_end": Pose(
        ankle=-1, knee=24, trunk=52, shoulder=60, far_arm=(44, 0), free_leg=(82, 70), free_foot=15
    ),
    "sl_rdl_end": Pose(ankle=-1, knee=20, trunk=70, shoulder=78, far_arm=(62, 0), free_leg=(0, 0)),
    # Deficit: the plates pass below the platform's top, nearly to the floor.
    "deficit_start": Pose(trunk=2, shoulder=6),
    "deficit_end": Pose(ankle=0, knee=33, trunk=89, shoulder=75),
}
"""Every pose used in a picture; see ``Pose`` for what each angle means."""

KB_KG = 16.0
DB_KG = 2 * 12.0
SL_DB_KG = 12.0  # one dumbbell
BB_KG = 60.0
DEFICIT = Floor(platform=4.0, platform_length=64.0)
"""A 4 cm (about 1.5 in) platform, in the 2 to 5 cm the page asks for, long enough to show
past the plates on both sides (their bottom dips into it, below the feet)."""


def butt_x(pose: Pose, body: Body = BODY_SIZE) -> float:
    """The rearmost point of the seat (the back of the rounded hip)."""
    return joints(pose, body)["hip"][0] - body.trunk_width / 2


# --------------------------------------------------------------------------------------------
# Layout helpers
# --------------------------------------------------------------------------------------------


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


def greedy_lines(words: list[str], size: int, width: float) -> list[str]:
    """Words filled into lines at most ``width`` output px wide (a long word stays whole)."""
    lines: list[str] = []
    for word in words:
        if lines and font(size).getlength(f"{lines[-1]} {word}") <= width * SUPERSAMPLE:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


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


def progression(
    layout: Layout,
    start: Figure,
    end: Figure,
    subtitles: tuple[str, str],
    titles: tuple[str, str] = ("Start", "End"),
    arrow_shift: Point | None = None,
) -> Sketch:
    """A start/end pair for one progression step, with an arrow for the hips' travel."""
    figs = (start, end)
    sketch, views = panels(layout, figs, tuple(zip(titles, subtitles, strict=True)))
    for view, fig in zip(views, figs, strict=True):
        draw_figure(view, fig)
    hip_arrow(views[1], start.pose, end.pose, end.floor.platform, arrow_shift)
    return sketch


# --------------------------------------------------------------------------------------------
# The pictures
# --------------------------------------------------------------------------------------------


def wall_hip_hinge(layout: Layout) -> Sketch:
    """Standing a short step from a wall, then hips back until they touch it."""
    wall = Wall(butt_x(POSES["wall_end"]))
    return progression(
        layout,
        Figure(POSES["wall_start"], (wall,)),
        Figure(POSES["wall_end"], (wall,)),
        ("A short step in front of a wall", "Hips back until they touch it"),
        arrow_shift=(0.0, 50.0),
    )


def dowel_hip_hinge(layout: Layout) -> Sketch:
    """A dowel along the back stays in contact from standing to hinged."""
    return progression(
        layout,
        Figure(POSES["dowel_start"], (Dowel(),)),
        Figure(POSES["dowel_end"], (Dowel(),)),
        ("Dowel touches head, upper back, tailbone", "Hinge; keep all three in contact"),
        arrow_shift=(-20.0, -26.0),
    )


def banded_hip_extension(layout: Layout) -> Sketch:
    """Band pull-through: hinged with the band between the legs, then stand tall."""
    return progression(
        layout,
        Figure(POSES["band_start"], (Band(),), arms_between_legs=True),
        Figure(POSES["band_end"], (Band(),)),
        ("Hips back, band between the legs", "Drive the hips forward, stand tall"),
    )


def kettlebell_deadlift(layout: Layout) -> Sketch:
    """Kettlebell deadlift from between the feet to standing."""
    kb = (Kettlebell(),)
    return progression(
        layout,
        Figure(POSES["kb_deadlift_start"], kb, load_kg=KB_KG),
        Figure(POSES["kb_deadlift_end"], kb, load_kg=KB_KG),
        ("Bell between the feet, hips back", "Stand tall, bell close"),
    )


def dumbbell_rdl(layout: Layout) -> Sketch:
    """Dumbbell Romanian deadlift from dumbbells in front of the thighs to a little below
    the knees (an overhand grip, so the dumbbells show end on)."""
    db = (Dumbbell(overhand=True),)
    return progression(
        layout,
        Figure(POSES["db_rdl_start"], db, load_kg=DB_KG),
        Figure(POSES["db_rdl_end"], db, load_kg=DB_KG),
        (
            "Stand tall, dumbbells in front of the thighs",
            "Hips back, dumbbells a little below the knees",
        ),
    )


def barbell_rdl(layout: Layout) -> Sketch:
    """Barbell Romanian deadlift from the hips to just below the knees."""
    bar = (Barbell(),)
    return progression(
        layout,
        Figure(POSES["bb_rdl_start"], bar, load_kg=BB_KG),
        Figure(POSES["bb_rdl_end"], bar, load_kg=BB_KG),
        ("Bar at the hips", "Bar just below the knees, close to the legs"),
    )


def kettlebell_swing(layout: Layout) -> Sketch:
    """Kettlebell swing from the hike to the float at chest height."""
    hike = Figure(
        POSES["swing_hike"], (Kettlebell(follow_arm=True),), load_kg=KB_KG, arms_between_legs=True
    )
    top = Figure(POSES["swing_top"], (Kettlebell(follow_arm=True),), load_kg=KB_KG)
    return progression(
        layout,
        hike,
        top,
        ("Bell back between the legs", "Hips snap forward, bell to chest height"),
        ("Hike", "Float"),
    )


def single_leg_rdl(layout: Layout) -> Sketch:
    """The kickstand RDL, then the single-leg RDL, each at the bottom with an arrow for the
    hips' travel; one dumbbell in the hand opposite the standing leg."""
    db = (Dumbbell(overhand=True, hand="far_hand"),)
    figs = [
        Figure(POSES[name], db, load_kg=SL_DB_KG, load_at="far_hand")
        for name in ("sl_kick_end", "sl_rdl_end")
    ]
    headings = (
        ("Kickstand RDL", "Back toes touch lightly; front leg works"),
        ("Single-leg RDL", "Back leg lifts in line with the torso"),
    )
    sketch, views = panels(layout, figs, headings)
    shifts = ((-12.0, 38.0), None)  # the kickstand's steeper back needs the arrow higher
    for view, fig, shift in zip(views, figs, shifts, strict=True):
        draw_figure(view, fig)
        hip_arrow(view, POSES["sl_rdl_start"], fig.pose, shift=shift)  # both start standing
    return sketch


def deficit_rdl(layout: Layout) -> Sketch:
    """Deficit RDL standing on a low platform, from the top to the bottom, where the plates
    pass below the platform's top."""
    bar = (Barbell(),)
    return progression(
        layout,
        Figure(POSES["deficit_start"], bar, DEFICIT, load_kg=BB_KG),
        Figure(POSES["deficit_end"], bar, DEFICIT, load_kg=BB_KG),
        ("Deficit RDL: feet on a 2 to 5 cm platform", "Extra range: plates below the platform top"),
        ("Start", "Bottom"),
    )


def hinge_vs_squat(layout: Layout) -> Sketch:
    """RDL-bottom hinge next to a deep squat, with shin, torso and knee angles marked."""
    marks = (AngleMarks(layout.label),)
    figs = (Figure(POSES["hinge"], marks), Figure(POSES["squat"], marks))
    headings = (("Hinge", "Hips back, shins near vertical"), ("Squat", "Hips down, knees forward"))
    behind = 4 * layout.label  # room for the knee and shin labels behind the legs
    sketch, views = panels(layout, figs, headings, 4.6, behind, stack=True)
    for view, fig in zip(views, figs, strict=True):
        draw_figure(view, fig)
    return sketch


# --------------------------------------------------------------------------------------------
# Posterior chain: muscles are outlines in a limb's own frame, so they follow the pose.
# --------------------------------------------------------------------------------------------

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


DIAGRAMS: dict[str, Callable[[Layout], Sketch]] = {
    "posterior-chain.png": posterior_chain,
    "hinge-vs-squat.png": hinge_vs_squat,
    "progression/wall-hip-hinge.png": wall_hip_hinge,
    "progression/dowel-hip-hinge.png": dowel_hip_hinge,
    "progression/banded-hip-extension.png": banded_hip_extension,
    "progression/kettlebell-deadlift.png": kettlebell_deadlift,
    "progression/dumbbell-rdl.png": dumbbell_rdl,
    "progression/barbell-rdl.png": barbell_rdl,
    "progression/kettlebell-swing.png": kettlebell_swing,
    "progression/single-leg-rdl.png": single_leg_rdl,
    "progression/advanced-rdl-variations.png": deficit_rdl,
}
"""Output path (relative to images/) of each picture's default version."""

LAYOUTS = (DESKTOP, PHONE)
PICTURES = {
    layout.path(name): (draw, layout) for name, draw in DIAGRAMS.items() for layout in LAYOUTS
}
"""Every file drawn: each picture in every layout."""


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def png_bytes(image: Image.Image) -> bytes:
    """Encode ``image`` as a PNG with fixed settings and no metadata."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def drawing(name: str) -> Sketch:
    """The drawn (unfinished) sketch of one file in ``PICTURES``."""
    draw, layout = PICTURES[name]
    return draw(layout)


def render(name: str) -> bytes:
    """The PNG bytes for one file in ``PICTURES``."""
    return png_bytes(drawing(name).finish())


def same_picture(path: Path, data: bytes) -> bool:
    """True if ``path`` holds ``data``, or the same pixels (a zlib build may differ)."""
    if not path.is_file():
        return False
    old = path.read_bytes()
    if old == data:
        return True
    with Image.open(path) as a, Image.open(io.BytesIO(data)) as b:
        return a.mode == b.mode and a.size == b.size and a.tobytes() == b.tobytes()


def write_atomic(path: Path, data: bytes, suffix: str = ".tmp") -> None:
    """Replace ``path`` with ``data`` via a temporary file (``suffix``) in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Draw every diagram into images/; with --check only report stale files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument("--out", type=Path, default=IMAGES, help="output folder (default images/)")
    parser.add_argument("names", nargs="*", help="only these pictures (paths under images/)")
    args = parser.parse_args(argv)
    names = args.names or list(PICTURES)
    unknown = [n for n in names if n not in PICTURES]
    if unknown:
        parser.error(f"unknown picture(s): {', '.join(unknown)}")
    stale = []
    for name in names:
        path = args.out / name
        data = render(name)
        if same_picture(path, data):
            continue
        stale.append(path)
        if not args.check:
            write_atomic(path, data)
            print(f"wrote {path}")
    if args.check and stale:
        print("stale diagrams (run scripts/hinge/draw_diagrams.py):", file=sys.stderr)
        for path in stale:
            print(f"  {path}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
