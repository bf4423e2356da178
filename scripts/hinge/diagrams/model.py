"""The pose model: a side-view body posed by a few joint angles, turned into joint positions.

Conventions: world units are centimetres, x points the way the person faces (right), y points
up, the ground is y = 0 and the standing ankle sits at x = 0. Angles are degrees. Nothing here
draws: a pose is data, and ``joints`` is a pure function of it, so a still or any frame
between two key poses is placed the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]


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


def butt_x(pose: Pose, body: Body = BODY_SIZE) -> float:
    """The rearmost point of the seat (the back of the rounded hip)."""
    return joints(pose, body)["hip"][0] - body.trunk_width / 2
