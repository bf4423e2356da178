"""What each picture shows, as data: the poses (joint angles), the loads, and each
progression step's two panels with their figures, equipment and text.

To change a picture, edit the numbers here and run ``python -m hinge diagrams``. A pose is a
``Pose`` (see ``hinge.diagrams.model`` for what each angle means); a step's panels hold the
key poses of one rep, from the start to the end position.
"""

from __future__ import annotations

from hinge.diagrams.equipment import Band, Barbell, Box, Dowel, Dumbbell, Kettlebell, Wall
from hinge.diagrams.figure import Figure, Floor
from hinge.diagrams.layout import Panel
from hinge.diagrams.model import BODY_SIZE, Point, Pose, butt_x

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
    # The shin-to-box check (cues page): hands on the hips as at the wall; hips back, knees
    # soft and the chest tipped forward, the shins upright so they never touch the box.
    "box_start": Pose(shoulder=-40, elbow=90),
    "box_end": Pose(ankle=0, knee=20, trunk=62, shoulder=-40, elbow=90),
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


def rep(
    start: Figure,
    end: Figure,
    subtitles: tuple[str, str],
    headings: tuple[str, str] = ("Start", "End"),
    arrow_shift: Point | None = None,
) -> tuple[Panel, Panel]:
    """The start and end of one rep, with an arrow for the hips' travel on the end."""
    return (
        Panel(headings[0], subtitles[0], start),
        Panel(headings[1], subtitles[1], end, start.pose, arrow_shift),
    )


WALL = (Wall(butt_x(POSES["wall_end"])),)  # where the hips touch it at the bottom
BOX_GAP = 5.0
"""cm (2 in) from the front of the upright shins to the box: the drill's small gap."""
BOX = (Box(BODY_SIZE.shank_width / 2 + BOX_GAP),)
KB = (Kettlebell(),)
SWING_KB = (Kettlebell(follow_arm=True),)
DUMBBELLS = (Dumbbell(overhand=True),)  # an overhand grip: the dumbbells show end on
ONE_DUMBBELL = (Dumbbell(overhand=True, hand="far_hand"),)  # opposite the standing leg
BARBELL = (Barbell(),)
SL_ARROW_FROM = POSES["sl_rdl_start"]  # both single-leg panels start standing

STEPS: dict[str, tuple[Panel, Panel]] = {
    # Standing a short step from a wall, then hips back until they touch it.
    "progression/wall-hip-hinge.png": rep(
        Figure(POSES["wall_start"], WALL),
        Figure(POSES["wall_end"], WALL),
        ("A short step in front of a wall", "Hips back until they touch it"),
        arrow_shift=(0.0, 50.0),
    ),
    # A dowel along the back stays in contact from standing to hinged.
    "progression/dowel-hip-hinge.png": rep(
        Figure(POSES["dowel_start"], (Dowel(),)),
        Figure(POSES["dowel_end"], (Dowel(),)),
        ("Dowel touches head, upper back, tailbone", "Hinge; keep all three in contact"),
        arrow_shift=(-20.0, -26.0),
    ),
    # Band pull-through: hinged with the band between the legs, then stand tall.
    "progression/banded-hip-extension.png": rep(
        Figure(POSES["band_start"], (Band(),), arms_between_legs=True),
        Figure(POSES["band_end"], (Band(),)),
        ("Hips back, band between the legs", "Drive the hips forward, stand tall"),
    ),
    # Kettlebell deadlift from between the feet to standing.
    "progression/kettlebell-deadlift.png": rep(
        Figure(POSES["kb_deadlift_start"], KB, load_kg=KB_KG),
        Figure(POSES["kb_deadlift_end"], KB, load_kg=KB_KG),
        ("Bell between the feet, hips back", "Stand tall, bell close"),
    ),
    # Dumbbell Romanian deadlift from in front of the thighs to a little below the knees.
    "progression/dumbbell-rdl.png": rep(
        Figure(POSES["db_rdl_start"], DUMBBELLS, load_kg=DB_KG),
        Figure(POSES["db_rdl_end"], DUMBBELLS, load_kg=DB_KG),
        (
            "Stand tall, dumbbells in front of the thighs",
            "Hips back, dumbbells a little below the knees",
        ),
    ),
    # Barbell Romanian deadlift from the hips to just below the knees.
    "progression/barbell-rdl.png": rep(
        Figure(POSES["bb_rdl_start"], BARBELL, load_kg=BB_KG),
        Figure(POSES["bb_rdl_end"], BARBELL, load_kg=BB_KG),
        ("Bar at the hips", "Bar just below the knees, close to the legs"),
    ),
    # Kettlebell swing from the hike to the float at chest height.
    "progression/kettlebell-swing.png": rep(
        Figure(POSES["swing_hike"], SWING_KB, load_kg=KB_KG, arms_between_legs=True),
        Figure(POSES["swing_top"], SWING_KB, load_kg=KB_KG),
        ("Bell back between the legs", "Hips snap forward, bell to chest height"),
        ("Hike", "Float"),
    ),
    # The kickstand RDL, then the single-leg RDL, each at the bottom with an arrow for the
    # hips' travel from standing; one dumbbell in the hand opposite the standing leg.
    "progression/single-leg-rdl.png": (
        Panel(
            "Kickstand RDL",
            "Back toes touch lightly; front leg works",
            Figure(POSES["sl_kick_end"], ONE_DUMBBELL, load_kg=SL_DB_KG, load_at="far_hand"),
            SL_ARROW_FROM,
            (-12.0, 38.0),  # the kickstand's steeper back needs the arrow higher
        ),
        Panel(
            "Single-leg RDL",
            "Back leg lifts in line with the torso",
            Figure(POSES["sl_rdl_end"], ONE_DUMBBELL, load_kg=SL_DB_KG, load_at="far_hand"),
            SL_ARROW_FROM,
        ),
    ),
    # Deficit RDL on a low platform, from the top to the bottom, where the plates pass below
    # the platform's top.
    "progression/advanced-rdl-variations.png": rep(
        Figure(POSES["deficit_start"], BARBELL, DEFICIT, load_kg=BB_KG),
        Figure(POSES["deficit_end"], BARBELL, DEFICIT, load_kg=BB_KG),
        (
            "Deficit RDL: feet on a 2-5 cm (1-2 in) platform",
            "Extra range: plates below the platform top",
        ),
        ("Start", "Bottom"),
    ),
}
"""Each progression step's picture (its path under images/): two panels, in the site's order."""
