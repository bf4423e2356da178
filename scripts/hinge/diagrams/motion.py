"""Motion: one rep as key poses, eased from one to the next, each held for a moment.

Nothing here draws. A loop is data (its keys and the seconds between them); ``frames`` turns
it into the figures of every frame with how long each shows, and ``describe`` into the words
a reader gets instead of the motion. A frame between two keys blends their joint angles, so
the body keeps its segment lengths (the back its shape) on every frame, not only at the keys.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from hinge.diagrams.figure import Figure
from hinge.diagrams.model import Pose, joints

FPS = 15
"""Frames per second of a move: smooth enough for a slow lift, and half the bytes of 30."""


def ease(t: float) -> float:
    """Progress at time ``t`` (0 to 1) of a move that starts and ends at rest (cosine)."""
    return 0.5 - 0.5 * math.cos(math.pi * min(1.0, max(0.0, t)))


def mix(a: float, b: float, t: float) -> float:
    """The number a fraction ``t`` of the way from ``a`` to ``b``."""
    return a + (b - a) * t


def arm(pose: Pose, shoulder: float | None) -> float:
    """A shoulder angle as a number: a plumb arm (None) is one raised by the trunk's lean."""
    return pose.trunk if shoulder is None else shoulder


def far_arm(pose: Pose) -> tuple[float, float]:
    """The far arm's (shoulder, elbow); without its own, it hides behind the near arm."""
    shoulder, elbow = pose.far_arm or (pose.shoulder, pose.elbow)
    return arm(pose, shoulder), elbow


def free_leg(pose: Pose) -> tuple[float, float, float]:
    """The far leg's (hip, knee, foot); a standing far leg hides behind the near one."""
    if pose.free_leg is None:
        return pose.hip, pose.knee, -pose.ankle  # the standing leg's angles, foot flat
    return (*pose.free_leg, pose.free_foot)


def blend(a: Pose, b: Pose, t: float) -> Pose:
    """The pose a fraction ``t`` of the way from ``a`` to ``b``, angle by angle.

    An angle one pose leaves out (None: a plumb arm, a far arm or leg hidden behind the near
    one) is first given the value that draws it the same way in that pose, unless both leave
    it out, so a frame never jumps.
    """
    shoulder = (
        None if a.shoulder is b.shoulder is None else mix(arm(a, a.shoulder), arm(b, b.shoulder), t)
    )
    far = None
    if a.far_arm is not None or b.far_arm is not None:
        (sa, ea), (sb, eb) = far_arm(a), far_arm(b)
        plumb = (
            a.far_arm is not None and b.far_arm is not None and a.far_arm[0] is b.far_arm[0] is None
        )
        far = (None if plumb else mix(sa, sb, t), mix(ea, eb, t))
    leg, foot = None, 0.0
    if a.free_leg is not None or b.free_leg is not None:
        (ha, ka, fa), (hb, kb, fb) = free_leg(a), free_leg(b)
        leg, foot = (mix(ha, hb, t), mix(ka, kb, t)), mix(fa, fb, t)
    return Pose(
        ankle=mix(a.ankle, b.ankle, t),
        knee=mix(a.knee, b.knee, t),
        trunk=mix(a.trunk, b.trunk, t),
        shoulder=shoulder,
        elbow=mix(a.elbow, b.elbow, t),
        neck=mix(a.neck, b.neck, t),
        far_arm=far,
        forearm=mix(a.forearm, b.forearm, t),
        free_leg=leg,
        free_foot=foot,
    )


def hands_between_legs(pose: Pose) -> bool:
    """Whether the near hand is behind the knee, so the arms pass between the legs."""
    j = joints(pose)
    return j["hand"][0] < j["knee"][0]


def between(a: Figure, b: Figure, t: float) -> Figure:
    """Figure ``a`` posed a fraction ``t`` of the way to ``b`` (same kit, floor and load)."""
    pose = blend(a.pose, b.pose, t)
    if a.arms_between_legs == b.arms_between_legs:
        return replace(a, pose=pose)
    return replace(a, pose=pose, arms_between_legs=hands_between_legs(pose))


@dataclass(frozen=True)
class Key:
    """A key position of the rep: a figure per panel, held ``hold`` seconds, and the words
    that say what it is."""

    figures: tuple[Figure, ...]
    words: str
    hold: float = 0.0


@dataclass(frozen=True)
class Loop:
    """One rep on a loop: the keys in order and the seconds of each move to the next key (the
    last move goes back to the first key); ``titles`` name the panels."""

    keys: tuple[Key, ...]
    moves: tuple[float, ...]
    titles: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if len(self.moves) != len(self.keys) or len(self.keys) < 2:
            raise ValueError("a loop needs two or more keys and one move after each")
        if len({len(key.figures) for key in self.keys}) != 1:
            raise ValueError("every key of a loop needs the same number of figures")


Frame = tuple[tuple[Figure, ...], int]
"""The figures of one frame and how long it shows (ms)."""


def frames(loop: Loop, fps: int = FPS) -> list[Frame]:
    """Every frame of ``loop``: each key (shown for its hold, at least one frame), then the
    eased frames of the move to the next key."""
    out: list[Frame] = []
    step = 1000 / fps
    for index, key in enumerate(loop.keys):
        target = loop.keys[(index + 1) % len(loop.keys)]
        out.append((key.figures, max(round(key.hold * 1000), round(step))))
        count = max(1, round(loop.moves[index] * fps))
        ms = round(loop.moves[index] * 1000 / count)
        for i in range(1, count):
            t = ease(i / count)
            figures = tuple(
                between(a, b, t) for a, b in zip(key.figures, target.figures, strict=True)
            )
            out.append((figures, ms))
    return out


def seconds(value: float) -> str:
    """A move's length in words: 'half a second', '1 second', '2.5 seconds'."""
    if value < 0.8:
        return "half a second"
    return f"{value:g} second" + ("" if value == 1 else "s")


def describe(loop: Loop) -> str:
    """What the loop shows, in words: each key, and how long each move and hold take."""
    first, *rest = loop.keys
    parts = [f"One rep, repeated. Start: {first.words}."]
    for key, move in zip(rest, loop.moves, strict=False):
        parts.append(f"Over about {seconds(move)}, {key.words}.")
        if key.hold >= 0.5:
            parts.append("A short hold.")
    parts.append(f"Then back to the start over about {seconds(loop.moves[-1])}.")
    return " ".join(parts)
