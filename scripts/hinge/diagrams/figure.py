"""A figure: a posed body with its equipment, its bounds, and the order its parts are drawn in
(far-side limbs, body, equipment and near limbs, each in its layer)."""

from __future__ import annotations

from dataclasses import dataclass

from hinge.diagrams.canvas import BODY, FAR, FLOOR, GAP, SURFACE, WHITE, Box, View
from hinge.diagrams.equipment import Barbell, Equipment, Wall
from hinge.diagrams.model import BODY_SIZE, Body, Point, Pose, joints


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
