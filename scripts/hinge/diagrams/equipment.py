"""Equipment and marks drawn with a figure: wall, box, dowel, kettlebell, dumbbell,
barbell, band and angle marks.

Each item places itself from the figure's joints and says which points must fit in its panel
(``extent``). Its ``layer`` says when it is drawn: "back" behind the body, "far" on top of
the far-side limbs, "front" after the near leg, "hand" on top of the near arm.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hinge.diagrams.canvas import (
    ACCENT,
    BAND,
    FLOOR,
    GAP,
    METAL,
    PLATE,
    SUPERSAMPLE,
    SURFACE,
    WHITE,
    WOOD,
    View,
    font,
)
from hinge.diagrams.model import BODY_SIZE, Body, Point, Pose, along


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
class Box:
    """A low box in front of the person, its back face at world x, a small gap in front of the
    shins: drawn like the wall. The toes fit in a space cut out of its back at floor level, as
    they fit under a bench, so the box can stand that close."""

    x: float
    height: float = 30.0
    depth: float = 40.0  # cm from its back face to its front face
    toe_space: tuple[float, float] = (15.0, 10.0)  # cm deep (from the back face) and high
    layer: str = "back"

    def outline(self) -> list[Point]:
        """The box's side, corner by corner (world cm), without the toe space."""
        back, front = self.x, self.x + self.depth
        deep, high = self.toe_space
        return [
            (back, self.height),
            (front, self.height),
            (front, 0.0),
            (back + deep, 0.0),
            (back + deep, high),
            (back, high),
        ]

    def parts(self) -> list[tuple[float, float, float, float]]:
        """The box as solid rectangles (left, bottom, right, top) in world cm: the part above
        the toe space and the part in front of it."""
        back, front = self.x, self.x + self.depth
        deep, high = self.toe_space
        return [(back, high, front, self.height), (back + deep, 0.0, front, high)]

    def draw(self, view: View, j: dict[str, Point], pose: Pose) -> None:
        """Draw the box's side in the wall's colours."""
        view.shape(self.outline(), SURFACE, FLOOR, 3)

    def extent(self, j: dict[str, Point], pose: Pose) -> list[Point]:
        """Points that must fit in the panel."""
        return self.outline()


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


Equipment = Wall | Box | Dowel | Kettlebell | Dumbbell | Barbell | Band | AngleMarks
