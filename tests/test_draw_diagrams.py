"""The diagrams drawn by scripts/hinge/diagrams/: up to date, deterministic, plausible poses,
legible on phones and desktops, and readable in the dark scheme."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageSequence

from conftest import ROOT
from hinge.diagrams import cli
from hinge.diagrams.animation import SCALE, TITLE, draw_loop
from hinge.diagrams.canvas import (
    ACCENT,
    BODY,
    MUTED,
    SUPERSAMPLE,
    TEXT,
    WHITE,
    Sketch,
    View,
    font,
    greedy_lines,
    wrap,
)
from hinge.diagrams.equipment import Barbell, Box, Dowel, Dumbbell, Kettlebell
from hinge.diagrams.figure import Figure, figure_joints
from hinge.diagrams.layout import DESKTOP, PHONE, Layout
from hinge.diagrams.loops import LOOPS, loop_name
from hinge.diagrams.model import (
    BODY_SIZE,
    Point,
    Pose,
    along,
    centre_of_mass_x,
    joints,
    midfoot_x,
)
from hinge.diagrams.motion import blend, describe, ease, frames
from hinge.diagrams.muscles import MUSCLE_COLOURS
from hinge.diagrams.output import same_picture
from hinge.diagrams.pictures import DIAGRAMS, LAYOUTS, PICTURES, drawing, render
from hinge.diagrams.poses import BB_KG, BOX, DB_KG, DEFICIT, KB_KG, POSES, SL_DB_KG, STEPS
from hinge.site_markdown.pictures import LOOP_DENSITY, PHONE_MAX_WIDTH, loop_key, phone_key

MARGINS = 47  # CSS px: the viewport less Material's content column (measured in Chromium)
PHONE_CONTENT = 360 - MARGINS  # a 360 px wide phone
NARROWEST_DESKTOP = PHONE_MAX_WIDTH + 1 - MARGINS  # the narrowest that gets the default version
DESKTOP_CONTENT = 720  # a desktop (688 px at 1280 px wide, with the navigation beside it)
MIN_TEXT = 12  # CSS px, the smallest legible text size
DARK_CSS = ROOT / "docs/assets/stylesheets/diagrams.css"


def test_committed_images_are_up_to_date() -> None:
    assert cli.main(["--check"]) == 0, "run: python -m hinge diagrams"


def test_check_reports_a_stale_image(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = "progression/wall-hip-hinge.png"
    assert cli.main(["--check", "--out", str(tmp_path), name]) == 1
    assert name in capsys.readouterr().err
    assert not (tmp_path / name).exists(), "--check must not write"


def test_output_is_deterministic(tmp_path: Path) -> None:
    name = "hinge-vs-squat.png"
    first = render(name)
    assert render(name) == first
    assert cli.main(["--out", str(tmp_path), name]) == 0
    assert (tmp_path / name).read_bytes() == first
    mtime = (tmp_path / name).stat().st_mtime_ns
    assert cli.main(["--out", str(tmp_path), name]) == 0
    assert (tmp_path / name).stat().st_mtime_ns == mtime, "unchanged files are not rewritten"


def test_hinge_pose_is_a_hinge_and_squat_is_a_squat() -> None:
    hinge, squat = joints(POSES["hinge"]), joints(POSES["squat"])
    assert hinge["hip"][0] < hinge["ankle"][0], "hinge: hips behind the ankles"
    assert hinge["hip"][1] > hinge["knee"][1] + 30, "hinge: hips well above the knees"

    def shin_tilt(j: dict[str, Point]) -> float:
        return abs(j["knee"][0] - j["ankle"][0]) / (j["knee"][1] - j["ankle"][1])

    assert shin_tilt(hinge) < 0.1 < shin_tilt(squat), "hinge shins nearer vertical"
    assert POSES["squat"].knee > 3 * POSES["hinge"].knee
    assert POSES["squat"].trunk < POSES["hinge"].trunk, "squat torso more upright"
    assert 15 <= POSES["hinge"].knee <= 25


@pytest.mark.parametrize("name", sorted(POSES))
def test_poses_are_plausible(name: str) -> None:
    pose = POSES[name]
    j = joints(pose)
    assert pose.knee >= 0, "knees never bend backwards"
    assert j["hip"][1] > j["knee"][1] > j["ankle"][1], "hip above knee above ankle"
    assert j["heel"][1] == j["toe"][1], "standing foot flat"
    load = {"kb": KB_KG, "sw": KB_KG, "sl": SL_DB_KG, "db": DB_KG}.get(name[:2], 0.0)
    load = BB_KG if name.startswith(("bb", "deficit")) else load
    at = "far_hand" if name.startswith("sl") else "hand"  # opposite the standing leg
    com = centre_of_mass_x(pose, load, at)
    assert abs(com - midfoot_x()) < 8, f"centre of mass {com:.1f} cm is off the mid-foot"


def in_front_of_shin(j: dict[str, Point]) -> float:
    """How far the hand is in front of the front of the shin at the hand's height (cm)."""
    (hx, hy), (kx, ky), (ax, ay) = j["hand"], j["knee"], j["ankle"]
    return hx - (ax + (kx - ax) * (hy - ay) / (ky - ay) + BODY_SIZE.shank_width / 2)


def test_barbell_stays_close_to_the_legs() -> None:
    j = joints(POSES["bb_rdl_end"])
    assert j["knee"][1] - 10 < j["hand"][1] < j["knee"][1], "bar just below the knees"
    assert 0 < in_front_of_shin(j) < 6, "bar close to the shins"


def figures(name: str, layout: Layout = DESKTOP) -> list[tuple[View, Figure]]:
    """The figures drawn in one version of picture ``name``, with their views."""
    return drawing(layout.path(name)).figures


def stature() -> float:
    """The body model's standing height (cm), to the top of the head."""
    return joints(Pose())["head"][1] + BODY_SIZE.head_radius


def is_white(image: Image.Image, at: Point) -> bool:
    """True if the output pixel at ``at`` is the white ground."""
    return image.getpixel((round(at[0]), round(at[1]))) == (255, 255, 255)


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.suffix or "desktop")
def test_deficit_platform_measures_2_to_5_cm_against_the_body(layout: Layout) -> None:
    """Measured in the picture: the platform's height in pixels over the standing figure's
    (sole to the top of the head), times the body model's stature."""
    sketch = drawing(layout.path("progression/advanced-rdl-variations.png"))
    image = sketch.finish()
    view, fig = sketch.figures[0]  # standing tall on the platform
    back_x = view.px((fig.floor.ends()[0] + 3, 0))[0]  # behind the heel, clear of the plate

    def top(x: float, below: float) -> int:
        """The first non-white row scanning down column ``x`` from row ``below``."""
        row = round(below)
        while is_white(image, (x, row)):
            row += 1
        return row

    platform_top = top(back_x, view.origin[1] - 20 * view.scale)
    head_x = view.px(figure_joints(fig)["head"])[0]
    head_top = top(head_x, view.px(figure_joints(fig)["head"])[1] - 20 * view.scale)
    platform_px = view.origin[1] - platform_top
    cm = platform_px / (platform_top - head_top) * stature()
    assert 2 <= cm <= 5, f"platform {cm:.1f} cm at the figure's scale"
    assert 2 <= fig.floor.platform <= 5


def test_deficit_rdl_takes_the_plates_below_the_platform_top() -> None:
    (_, start), (_, end) = figures("progression/advanced-rdl-variations.png")
    assert start.floor == end.floor == DEFICIT, "both stand on the platform"
    j = figure_joints(end)
    plate = next(item for item in end.kit if isinstance(item, Barbell))
    bottom = j["hand"][1] - plate.plate_radius
    assert 0 < bottom < end.floor.platform, "plates below the platform top, above the floor"
    assert bottom < 2, "plates near the floor"
    assert 0 < in_front_of_shin(joints(end.pose)) < 6, "bar close to the shins"
    assert abs(end.pose.ankle) <= 5, "shins near vertical"
    assert j["hip"][0] < j["ankle"][0], "hips back"
    assert end.pose.trunk <= 90, "back no lower than level"


def test_dumbbells_go_from_the_thighs_to_a_little_below_the_knees() -> None:
    (_, start), (_, end) = figures("progression/dumbbell-rdl.png")
    for fig in (start, end):
        (db,) = fig.kit
        assert isinstance(db, Dumbbell)
        assert db.overhand, "palms to the legs, handle across: seen end on"
    j = joints(start.pose)
    (hx, hy), (kx, ky), (ix, iy) = j["hand"], j["knee"], j["hip"]
    thigh_front = kx + (ix - kx) * (hy - ky) / (iy - ky) + BODY_SIZE.thigh_width / 2
    assert ky < hy < iy, "at thigh height"
    assert 0 < hx - thigh_front < 8, "in front of the thighs, touching or nearly"
    j = joints(end.pose)
    assert j["knee"][1] - 10 < j["hand"][1] < j["knee"][1] - 2, "a little below the knees"
    assert 0 < in_front_of_shin(j) < 6, "close to the legs"
    assert abs(end.pose.ankle) <= 5, "shins near vertical"
    assert 15 <= end.pose.knee <= 35, "knees soft"
    assert j["hip"][0] < j["ankle"][0], "hips back"


def clearance(line: tuple[Point, Point], p: Point) -> float:
    """Distance (cm) from ``p`` to the straight line through the two points ``line``."""
    a, b = line
    cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
    return abs(cross) / math.dist(a, b)


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.suffix or "desktop")
def test_dowel_touches_three_points_with_a_gap_at_the_lower_back(layout: Layout) -> None:
    sketch = drawing(layout.path("progression/dowel-hip-hinge.png"))
    image = sketch.finish()
    assert [fig.pose for _, fig in sketch.figures] == [
        POSES["dowel_start"],
        POSES["dowel_end"],
    ]
    for view, fig in sketch.figures:
        dowel, middle = assert_dowel_touches_three_points(fig)
        j, pose = figure_joints(fig), fig.pose
        # In the picture: white between the back and the dowel at the lower back only.
        inside = BODY_SIZE.trunk_width / 2 - dowel.gap / 2
        for up, white in ((middle, True), (42, False)):
            point = along(along(j["hip"], pose.trunk, up), pose.trunk - 90, inside)
            assert is_white(image, view.px(point)) == white, f"{up} cm up the back"


def assert_dowel_touches_three_points(fig: Figure) -> tuple[Dowel, float]:
    """Check that the figure's dowel touches the head, upper back and tailbone, with a hand's
    gap at the lower back; return the dowel and how far up the back the gap is deepest."""
    (dowel,) = fig.kit
    assert isinstance(dowel, Dowel)
    j, pose = figure_joints(fig), fig.pose
    line = dowel.line(j, pose)
    head = clearance(line, j["head"]) - dowel.width / 2 - BODY_SIZE.head_radius
    assert abs(head) < 0.5, "touches the head"
    for up, what in ((42, "upper back"), (2, "tailbone")):
        touch = clearance(line, dowel.back(j, pose, up)) - dowel.width / 2
        assert abs(touch) < 0.5, f"touches the {what}"
    low, high = dowel.hollow
    middle = (low + high) / 2
    gap = clearance(line, dowel.back(j, pose, middle)) - dowel.width / 2
    assert 2 <= gap <= 5, f"lower-back gap {gap:.1f} cm: about a flat hand's thickness"
    return dowel, middle


def test_single_leg_rdl_shows_the_kickstand_then_the_single_leg_rdl_with_a_dumbbell() -> None:
    for layout in LAYOUTS:
        drawn = figures("progression/single-leg-rdl.png", layout)
        assert len(drawn) == 2, "two panels"
        for _, fig in drawn:
            assert not any(isinstance(item, Kettlebell) for item in fig.kit)
            (db,) = fig.kit
            assert isinstance(db, Dumbbell), "one dumbbell"
            # The standing leg is the near one, so the opposite hand is the far one.
            assert db.hand == fig.load_at == "far_hand", "in the hand opposite the standing leg"
    (_, kick), (_, single) = drawn
    j = joints(kick.pose)
    toe, heel = j["free_toe"], j["free_heel"]
    assert abs(toe[1] - BODY_SIZE.foot_width / 2) < 0.5, "back toes on the floor"
    assert heel[1] > toe[1] + 5, "back heel up"
    assert toe[0] < j["heel"][0], "back foot behind the front foot"
    com = centre_of_mass_x(kick.pose, kick.load_kg, kick.load_at)
    front = (com - toe[0]) / (midfoot_x() - toe[0])
    assert 0.8 <= front <= 1.0, f"{front:.0%} of the weight on the front leg"
    for fig in (kick, single):
        assert fig.pose.hip > 45, "hinged"
    j = joints(single.pose)
    assert min(j["free_toe"][1], j["free_heel"][1]) > 10, "back foot off the floor"
    assert single.pose.free_leg is not None
    assert abs(single.pose.free_leg[0]) <= 10, "back leg in line with the torso"


def css_px(sketch: Sketch, shown: float) -> float:
    """The smallest text size in ``sketch`` in CSS px when the image is shown ``shown`` px wide."""
    return min(sketch.text_sizes) * shown / sketch.size[0]


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_text_is_legible_on_phones_and_desktops(name: str) -> None:
    phone = drawing(PHONE.path(name))
    desktop = drawing(name)
    assert phone.text_sizes, "every picture has text"
    assert css_px(phone, PHONE_CONTENT) >= MIN_TEXT
    assert css_px(desktop, DESKTOP_CONTENT) >= MIN_TEXT
    assert css_px(desktop, NARROWEST_DESKTOP) >= MIN_TEXT
    assert phone.size[0] < desktop.size[0], "a phone version is narrower"


def test_phone_versions_use_the_name_the_site_looks_for() -> None:
    for name in DIAGRAMS:
        assert PHONE.path(name) == phone_key(name) in PICTURES
        assert DESKTOP.path(name) == name in PICTURES


def test_wrap_fills_even_lines_within_the_width() -> None:
    text = "Bar just below the knees, close to the legs"
    lines = wrap(text, 42, 432).split("\n")
    greedy = greedy_lines(text.split(), 42, 432)
    assert " ".join(lines) == text
    assert len(lines) == len(greedy) == 3, "no more lines than needed"

    def widths(rows: list[str]) -> list[float]:
        return [font(42).getlength(row) / SUPERSAMPLE for row in rows]

    assert max(widths(lines)) <= 432
    assert max(widths(lines)) - min(widths(lines)) < max(widths(greedy)) - min(widths(greedy))


def dark(colour: str) -> tuple[float, float, float]:
    """``colour`` through the dark scheme's filter (invert, then hue-rotate, in sRGB)."""
    rule = re.search(
        r"filter:\s*invert\(([\d.]+)\)\s*hue-rotate\(([\d.]+)deg\)", DARK_CSS.read_text()
    )
    assert rule, f"{DARK_CSS.name}: no 'filter: invert(...) hue-rotate(...deg)'"
    amount, turn = float(rule[1]), math.radians(float(rule[2]))
    c, s = math.cos(turn), math.sin(turn)
    matrix = (  # Filter Effects 1, hue-rotate
        (
            0.213 + c * 0.787 - s * 0.213,
            0.715 - c * 0.715 - s * 0.715,
            0.072 - c * 0.072 + s * 0.928,
        ),
        (
            0.213 - c * 0.213 + s * 0.143,
            0.715 + c * 0.285 + s * 0.140,
            0.072 - c * 0.072 - s * 0.283,
        ),
        (
            0.213 - c * 0.213 - s * 0.787,
            0.715 - c * 0.715 + s * 0.715,
            0.072 + c * 0.928 + s * 0.072,
        ),
    )
    rgb = [amount + (1 - 2 * amount) * int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (
        min(1.0, max(0.0, sum(m * v for m, v in zip(row, rgb, strict=True)))) for row in matrix
    )
    return (r, g, b)


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (channels 0 to 1)."""

    def luminance(rgb: tuple[float, float, float]) -> float:
        linear = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_dark_scheme_keeps_aa_contrast() -> None:
    ground = dark(WHITE)
    page = (0x1E / 255, 0x21 / 255, 0x29 / 255)  # Material's slate background
    assert contrast(ground, page) < 1.2, "the diagram's ground blends into the dark page"
    for text in (TEXT, MUTED, ACCENT):
        assert contrast(dark(text), ground) >= 4.5, f"text colour {text}"
    for shape in (BODY, *MUSCLE_COLOURS.values()):
        assert contrast(dark(shape), ground) >= 3, f"figure colour {shape}"


# Loops (issue 19): the pose model's checks hold on every frame, not only at the key poses.
HINGES = [name for name in LOOPS if name != loop_name("hinge-vs-squat.png")]
RDLS = ["wall-hip-hinge", "dowel-hip-hinge", "dumbbell-rdl", "barbell-rdl", "single-leg-rdl"]
RDLS = [f"progression/{name}.loop.webp" for name in [*RDLS, "advanced-rdl-variations"]]
SHIN_TO_BOX = "cues/shin-to-box.loop.webp"
RDLS.append(SHIN_TO_BOX)


def every_figure(name: str) -> list[Figure]:
    """Every figure of every frame of loop ``name``."""
    return [fig for figures, _ in frames(LOOPS[name]) for fig in figures]


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_every_frame_of_a_loop_is_a_plausible_balanced_pose(name: str) -> None:
    for i, fig in enumerate(every_figure(name)):
        j = joints(fig.pose)
        assert fig.pose.knee >= 0, f"frame {i}: knees never bend backwards"
        assert j["hip"][1] > j["knee"][1] > j["ankle"][1], f"frame {i}: hip, knee, ankle"
        com = centre_of_mass_x(fig.pose, fig.load_kg, fig.load_at)
        assert abs(com - midfoot_x()) < 8, f"frame {i}: centre of mass {com:.1f} cm off mid-foot"
        for a, b, length in (
            ("ankle", "knee", BODY_SIZE.shank),
            ("knee", "hip", BODY_SIZE.thigh),
            ("hip", "shoulder", BODY_SIZE.trunk),  # the back keeps its shape: one rigid trunk
            ("shoulder", "elbow", BODY_SIZE.upper_arm),
        ):
            assert math.dist(j[a], j[b]) == pytest.approx(length), f"frame {i}: {a} to {b}"


@pytest.mark.parametrize("name", HINGES)
def test_a_hinge_keeps_the_shins_near_vertical_on_every_frame(name: str) -> None:
    limit = 5 if name in RDLS else 12  # the kettlebell lifts start lower, knees a bit forward
    shins = [abs(fig.pose.ankle) for fig in every_figure(name)]
    assert max(shins) <= limit, f"shin {max(shins):.1f} degrees from vertical"


def test_the_hinge_and_the_squat_part_ways_on_every_frame() -> None:
    for i, (hinge, squat) in enumerate(
        f for f, _ in frames(LOOPS[loop_name("hinge-vs-squat.png")])
    ):
        assert abs(hinge.pose.ankle) <= 5, f"frame {i}: hinge shins near vertical"
        assert hinge.pose.trunk >= squat.pose.trunk - 1, f"frame {i}: squat torso more upright"
        assert squat.pose.knee >= hinge.pose.knee, f"frame {i}: the squat bends the knees more"


def test_the_dowel_touches_three_points_on_every_frame() -> None:
    for fig in every_figure("progression/dowel-hip-hinge.loop.webp"):
        assert_dowel_touches_three_points(fig)


def to_segment(p: Point, a: Point, b: Point) -> float:
    """Distance (cm) from ``p`` to the segment from ``a`` to ``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy or 1)
    t = min(1.0, max(0.0, t))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def to_rectangle(a: Point, b: Point, rect: tuple[float, float, float, float]) -> float:
    """Distance (cm) from the segment ``a``-``b`` to a rectangle (left, bottom, right, top);
    0 if they meet. The segment is sampled every few millimetres."""
    left, bottom, right, top = rect
    steps = max(1, math.ceil(math.dist(a, b) / 0.2))
    out = []
    for i in range(steps + 1):
        x, y = a[0] + (b[0] - a[0]) * i / steps, a[1] + (b[1] - a[1]) * i / steps
        out.append(math.hypot(max(left - x, 0, x - right), max(bottom - y, 0, y - top)))
    corners = [(left, bottom), (left, top), (right, bottom), (right, top)]
    return min(*out, *(to_segment(c, a, b) for c in corners))


def leg_clearance(fig: Figure, box: Box) -> dict[str, float]:
    """How far (cm) the near foot, shin and thigh, drawn as rounded limbs, stay from the box."""
    j = figure_joints(fig)
    limbs = {
        "foot": (j["heel"], j["toe"], BODY_SIZE.foot_width),
        "shin": (j["ankle"], j["knee"], BODY_SIZE.shank_width),
        "thigh": (j["knee"], j["hip"], BODY_SIZE.thigh_width),
    }
    return {
        part: min(to_rectangle(a, b, rect) for rect in box.parts()) - width / 2
        for part, (a, b, width) in limbs.items()
    }


def test_the_box_never_touches_the_shins_on_any_frame() -> None:
    """The shin-to-box check: a low box a small gap in front of the shins, which stay upright
    all the way down, so neither they nor the foot under the box ever touch it."""
    (box,) = BOX
    assert isinstance(box, Box)
    assert 25 <= box.height <= 35, "a low box, about 30 cm (1 ft)"
    shins = []
    for i, fig in enumerate(every_figure(SHIN_TO_BOX)):
        assert fig.kit == BOX, f"frame {i}: the box stays put"
        clear = leg_clearance(fig, box)
        assert min(clear.values()) > 0.5, f"frame {i}: {clear}"
        shins.append(clear["shin"])
    assert max(shins) <= 6, "a small gap: a knee drifting forward would touch the box"
    knees_forward = Figure(POSES["squat"], BOX)
    assert leg_clearance(knees_forward, box)["shin"] <= 0, "a squat's shins would hit it"


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_a_loop_holds_each_key_position_and_starts_at_the_first(name: str) -> None:
    loop = LOOPS[name]
    shown = frames(loop)
    keys = [
        i for i, (figures, _) in enumerate(shown) if any(figures is k.figures for k in loop.keys)
    ]
    assert keys[0] == 0, "the loop starts at its first key (its still fallback)"
    for index, key in zip(keys, loop.keys, strict=True):
        figures, ms = shown[index]
        assert figures == key.figures
        assert ms == max(round(key.hold * 1000), 67), "each key held for its hold"
    total = sum(ms for _, ms in shown) / 1000
    assert total == pytest.approx(sum(loop.moves) + sum(k.hold for k in loop.keys), abs=0.15)


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_blending_key_poses_starts_and_ends_on_them(name: str) -> None:
    """Angles a pose leaves out (a plumb arm, a hidden far arm or leg) blend without a jump."""
    keys = LOOPS[name].keys
    for a, b in zip(keys, keys[1:] + keys[:1], strict=True):
        for fa, fb in zip(a.figures, b.figures, strict=True):
            for t, pose in ((0, fa.pose), (1, fb.pose)):
                blended, expected = joints(blend(fa.pose, fb.pose, t)), joints(pose)
                for joint, at in blended.items():
                    hidden = joint.replace("far_", "").replace("free_", "")
                    target = expected.get(joint, expected.get(hidden))
                    assert at == pytest.approx(target), f"t={t}: {joint}"


def test_ease_starts_and_ends_at_rest() -> None:
    steps = [ease(i / 100) for i in range(101)]
    assert (steps[0], steps[-1]) == (0, 1)
    assert steps == sorted(steps), "never goes back"
    assert steps[1] - steps[0] < 0.001 > steps[-1] - steps[-2], "no speed at either end"


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_committed_loop_matches_its_frames_and_description(name: str) -> None:
    with Image.open(ROOT / "images" / name) as image:
        about = image.getexif()[ExifTags.Base.ImageDescription]
        durations = []
        for frame in ImageSequence.Iterator(image):
            frame.load()  # WebP frames learn their duration as they load
            durations.append(frame.info["duration"])
    assert about == describe(LOOPS[name])
    assert about.isascii()
    assert durations == [ms for _, ms in frames(LOOPS[name])]
    assert "second" in about
    assert "Start:" in about


def test_a_changed_loop_description_or_timing_is_stale(tmp_path: Path) -> None:
    name = "progression/kettlebell-swing.loop.webp"
    path = tmp_path / "loop.webp"
    pictures, durations = draw_loop(LOOPS[name])
    first, *rest = pictures
    first.save(path, save_all=True, append_images=rest, duration=durations, lossless=True)
    assert not same_picture(path, render(name)), "no description"
    path.write_bytes(render(name))
    assert same_picture(path, render(name))
    first.save(path, save_all=True, append_images=rest, duration=[*durations[:-1], 999])
    assert not same_picture(path, render(name)), "a frame shown longer"


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_loops_share_one_scale_and_legible_titles(name: str) -> None:
    assert SCALE / LOOP_DENSITY == 1.5, "1.5 CSS px per cm on every page"
    pictures, _ = draw_loop(LOOPS[name])
    assert len({picture.size for picture in pictures}) == 1, "the canvas never changes"
    shown = min(pictures[0].width / LOOP_DENSITY, PHONE_CONTENT)
    if LOOPS[name].titles:
        assert TITLE * shown / pictures[0].width >= MIN_TEXT


def test_the_site_pairs_each_loop_with_its_still() -> None:
    stills = [*STEPS, "hinge-vs-squat.png"]
    alone = [name for name in LOOPS if name.startswith("cues/")]  # the cue drills: no still
    assert sorted(loop_name(still) for still in stills) == sorted(set(LOOPS) - set(alone))
    for still in stills:
        images = {name: {"kind": "animated-diagram"} for name in LOOPS}
        assert loop_key(still, images) == loop_name(still)
    cues = (ROOT / "docs" / "cues.md").read_text(encoding="utf-8")
    for name in alone:
        assert f"](../images/{name})" in cues, f"{name}: no still, so the cues page names it"
