"""The diagrams drawn by scripts/draw_diagrams.py: up to date, deterministic, plausible poses,
legible on phones and desktops, and readable in the dark scheme."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

import draw_diagrams as dd
from conftest import ROOT
from site_markdown.pictures import PHONE_MAX_WIDTH, phone_key

MARGINS = 47  # CSS px: the viewport less Material's content column (measured in Chromium)
PHONE_CONTENT = 360 - MARGINS  # a 360 px wide phone
NARROWEST_DESKTOP = PHONE_MAX_WIDTH + 1 - MARGINS  # the narrowest that gets the default version
DESKTOP_CONTENT = 720  # a desktop (688 px at 1280 px wide, with the navigation beside it)
MIN_TEXT = 12  # CSS px, the smallest legible text size
DARK_CSS = ROOT / "docs/assets/stylesheets/diagrams.css"


def test_committed_images_are_up_to_date() -> None:
    assert dd.main(["--check"]) == 0, "run: .venv/bin/python scripts/draw_diagrams.py"


def test_check_reports_a_stale_image(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = "progression/wall-hip-hinge.png"
    assert dd.main(["--check", "--out", str(tmp_path), name]) == 1
    assert name in capsys.readouterr().err
    assert not (tmp_path / name).exists(), "--check must not write"


def test_output_is_deterministic(tmp_path: Path) -> None:
    name = "hinge-vs-squat.png"
    first = dd.render(name)
    assert dd.render(name) == first
    assert dd.main(["--out", str(tmp_path), name]) == 0
    assert (tmp_path / name).read_bytes() == first
    mtime = (tmp_path / name).stat().st_mtime_ns
    assert dd.main(["--out", str(tmp_path), name]) == 0
    assert (tmp_path / name).stat().st_mtime_ns == mtime, "unchanged files are not rewritten"


def test_hinge_pose_is_a_hinge_and_squat_is_a_squat() -> None:
    hinge, squat = dd.joints(dd.POSES["hinge"]), dd.joints(dd.POSES["squat"])
    assert hinge["hip"][0] < hinge["ankle"][0], "hinge: hips behind the ankles"
    assert hinge["hip"][1] > hinge["knee"][1] + 30, "hinge: hips well above the knees"

    def shin_tilt(j: dict[str, dd.Point]) -> float:
        return abs(j["knee"][0] - j["ankle"][0]) / (j["knee"][1] - j["ankle"][1])

    assert shin_tilt(hinge) < 0.1 < shin_tilt(squat), "hinge shins nearer vertical"
    assert dd.POSES["squat"].knee > 3 * dd.POSES["hinge"].knee
    assert dd.POSES["squat"].trunk < dd.POSES["hinge"].trunk, "squat torso more upright"
    assert 15 <= dd.POSES["hinge"].knee <= 25


@pytest.mark.parametrize("name", sorted(dd.POSES))
def test_poses_are_plausible(name: str) -> None:
    pose = dd.POSES[name]
    j = dd.joints(pose)
    assert pose.knee >= 0, "knees never bend backwards"
    assert j["hip"][1] > j["knee"][1] > j["ankle"][1], "hip above knee above ankle"
    assert j["heel"][1] == j["toe"][1], "standing foot flat"
    load = {"kb": dd.KB_KG, "sw": dd.KB_KG, "sl": dd.KB_KG, "db": dd.DB_KG}.get(name[:2], 0.0)
    load = dd.BB_KG if name.startswith(("bb", "deficit")) else load
    com = dd.centre_of_mass_x(pose, load)
    assert abs(com - dd.midfoot_x()) < 8, f"centre of mass {com:.1f} cm is off the mid-foot"


def test_barbell_stays_close_to_the_legs() -> None:
    j = dd.joints(dd.POSES["bb_rdl_end"])
    (hx, hy), (kx, ky) = j["hand"], j["knee"]
    assert ky - 10 < hy < ky, "bar just below the knees"
    shin_front = kx * (hy - j["ankle"][1]) / (ky - j["ankle"][1]) + dd.BODY_SIZE.shank_width / 2
    assert 0 < hx - shin_front < 6, "bar close to the shins"


def css_px(sketch: dd.Sketch, shown: float) -> float:
    """The smallest text size in ``sketch`` in CSS px when the image is shown ``shown`` px wide."""
    return min(sketch.text_sizes) * shown / sketch.size[0]


@pytest.mark.parametrize("name", sorted(dd.DIAGRAMS))
def test_text_is_legible_on_phones_and_desktops(name: str) -> None:
    phone = dd.drawing(dd.PHONE.path(name))
    desktop = dd.drawing(name)
    assert phone.text_sizes, "every picture has text"
    assert css_px(phone, PHONE_CONTENT) >= MIN_TEXT
    assert css_px(desktop, DESKTOP_CONTENT) >= MIN_TEXT
    assert css_px(desktop, NARROWEST_DESKTOP) >= MIN_TEXT
    assert phone.size[0] < desktop.size[0], "a phone version is narrower"


def test_phone_versions_use_the_name_the_site_looks_for() -> None:
    for name in dd.DIAGRAMS:
        assert dd.PHONE.path(name) == phone_key(name) in dd.PICTURES
        assert dd.DESKTOP.path(name) == name in dd.PICTURES


def test_wrap_fills_even_lines_within_the_width() -> None:
    text = "Bar just below the knees, close to the legs"
    lines = dd.wrap(text, 42, 432).split("\n")
    greedy = dd.greedy_lines(text.split(), 42, 432)
    assert " ".join(lines) == text
    assert len(lines) == len(greedy) == 3, "no more lines than needed"

    def widths(rows: list[str]) -> list[float]:
        return [dd.font(42).getlength(row) / dd.SUPERSAMPLE for row in rows]

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
    ground = dark(dd.WHITE)
    page = (0x1E / 255, 0x21 / 255, 0x29 / 255)  # Material's slate background
    assert contrast(ground, page) < 1.2, "the diagram's ground blends into the dark page"
    for text in (dd.TEXT, dd.MUTED, dd.ACCENT):
        assert contrast(dark(text), ground) >= 4.5, f"text colour {text}"
    for shape in (dd.BODY, *dd.MUSCLE_COLOURS.values()):
        assert contrast(dark(shape), ground) >= 3, f"figure colour {shape}"
