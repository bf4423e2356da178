"""What each loop shows, as data: one rep of each lift, from the same figures as its still.

A step's loop runs between its picture's two panels (``poses.STEPS``), in the tempo its page's
"Dose" table gives, with a short hold at each end. Its words say what the figure does at each
key, for the text the reader gets in place of the motion (``motion.describe``; plain ASCII: it
travels in the file's EXIF). ``LOOPS`` maps each file drawn (``NAME.loop.webp``) to its loop.
A loop next to a still ``NAME.png`` is shown after that still wherever a page shows it; a
loop with no still (a cue drill's, under ``cues/``) is shown where a page names it.
"""

from __future__ import annotations

from hinge.diagrams.figure import Figure
from hinge.diagrams.model import Pose
from hinge.diagrams.motion import Key, Loop
from hinge.diagrams.poses import BOX, ONE_DUMBBELL, POSES, SL_DB_KG, STEPS

LOOP_SUFFIX = ".loop.webp"
"""``images/x.loop.webp`` is the loop of ``images/x.png``."""
HOLDS = (0.6, 0.5)
"""Seconds held at the start and at the end position of a slow lift."""


def loop_name(still: str) -> str:
    """The loop's file for still picture ``still``: ``a/x.png`` → ``a/x.loop.webp``."""
    return still.removesuffix(".png") + LOOP_SUFFIX


def step(
    still: str,
    words: tuple[str, str],
    there: float,
    back: float,
    holds: tuple[float, float] = HOLDS,
) -> tuple[str, Loop]:
    """The loop of step picture ``still``: its first panel to its second in ``there`` seconds,
    back in ``back``, held ``holds`` seconds at each, ``words`` saying what each shows."""
    start, end = STEPS[still]
    keys = (
        Key((start.figure,), words[0], holds[0]),
        Key((end.figure,), words[1], holds[1]),
    )
    return loop_name(still), Loop(keys, (there, back))


SL_STANDING = Figure(POSES["sl_rdl_start"], ONE_DUMBBELL, load_kg=SL_DB_KG, load_at="far_hand")
SINGLE_LEG = STEPS["progression/single-leg-rdl.png"][1]  # the single-leg RDL, not the kickstand

# Hinge and squat from the same tall stance, arms by the sides: the hinge sends the hips back,
# the squat down (its arms rise to the front for balance).
STAND = Pose()
HINGE_VS_SQUAT = Loop(
    (
        Key((Figure(STAND), Figure(STAND)), "both figures stand tall", HOLDS[0]),
        Key(
            (Figure(POSES["hinge"]), Figure(POSES["squat"])),
            "the hinge on the left sends the hips back, shins near vertical; the squat on the "
            "right sends the hips down, knees forward",
            HOLDS[1],
        ),
    ),
    (2.0, 1.5),
    ("Hinge", "Squat"),
)

# The shin-to-box check on the cues page: a low box a small gap in front of the shins, which
# stay upright, so they never touch it. Lowered slowly, as the drill asks, at the pace of the
# wall and dowel drills.
SHIN_TO_BOX = Loop(
    (
        Key(
            (Figure(POSES["box_start"], BOX),),
            "standing tall, hands on the hips, a low box a small gap in front of the shins",
            HOLDS[0],
        ),
        Key(
            (Figure(POSES["box_end"], BOX),),
            "the hips push back, the knees stay soft and the chest tips forward; the shins stay "
            "upright and never touch the box",
            HOLDS[1],
        ),
    ),
    (3.0, 1.5),  # about 3 s down, 1 to 2 s up
)

LOOPS: dict[str, Loop] = dict(
    [
        step(
            "progression/wall-hip-hinge.png",
            (
                "standing tall, a short step in front of a wall",
                "the hips reach back until they touch the wall, knees a little bent",
            ),
            3.0,  # about 3 s back, 1 to 2 s up
            1.5,
        ),
        step(
            "progression/dowel-hip-hinge.png",
            (
                "standing tall, a dowel along the back touching the head, upper back and tailbone",
                "the hips push back and the chest tips forward; the dowel still touches all three",
            ),
            3.0,  # about 3 s down, 1 to 2 s up
            1.5,
        ),
        step(
            "progression/banded-hip-extension.png",
            (
                "hips back, the band running back between the legs",
                "the hips drive forward to stand tall, glutes squeezed",
            ),
            1.0,  # from the hinge: 1 s forward, a 1-second squeeze, 2 to 3 s back
            2.5,
            (0.3, 1.0),
        ),
        step(
            "progression/kettlebell-deadlift.png",
            (
                "hips back, hands on the bell between the feet",
                "the hips drive forward to stand tall, the bell close",
            ),
            1.0,  # from the floor: 1 s up, 2 to 3 s down, a reset at the bottom
            2.5,
        ),
        step(
            "progression/dumbbell-rdl.png",
            (
                "standing tall, dumbbells in front of the thighs",
                "the hips push back and the dumbbells slide to a little below the knees",
            ),
            2.5,  # about 2 to 3 s down, 1 s up
            1.0,
        ),
        step(
            "progression/barbell-rdl.png",
            (
                "standing tall, the bar at the hips",
                "the hips push back and the bar slides down to just below the knees",
            ),
            3.0,  # about 3 s down, 1 s up
            1.0,
        ),
        step(
            "progression/kettlebell-swing.png",
            (
                "hips back, the bell swung back between the legs",
                "the hips snap forward and the bell floats up to chest height",
            ),
            0.6,  # fast and crisp: the hips send the bell up, it floats, then falls back
            0.6,
            (0.0, 0.2),
        ),
        (
            "progression/single-leg-rdl.loop.webp",
            Loop(
                (
                    Key(
                        (SL_STANDING,),
                        "standing on one leg, the other foot just off the floor, a dumbbell in "
                        "the opposite hand",
                        HOLDS[0],
                    ),
                    Key(
                        (SINGLE_LEG.figure,),
                        "the chest tips forward as the free leg lifts back in line with the body",
                        HOLDS[1],
                    ),
                ),
                (2.5, 1.0),  # about 2 to 3 s down, 1 s up
            ),
        ),
        step(
            "progression/advanced-rdl-variations.png",
            (
                "standing tall on a 2 to 5 cm (1 to 2 in) platform, the bar at the hips",
                "the hips push back until the plates pass below the top of the platform",
            ),
            3.5,  # 3 to 4 s down
            1.0,
        ),
        (loop_name("hinge-vs-squat.png"), HINGE_VS_SQUAT),
        ("cues/shin-to-box" + LOOP_SUFFIX, SHIN_TO_BOX),
    ]
)
"""Every loop drawn, by its file under images/."""
