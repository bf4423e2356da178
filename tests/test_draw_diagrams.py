"""The diagrams drawn by scripts/draw_diagrams.py: up to date, deterministic, plausible poses."""

from __future__ import annotations

from pathlib import Path

import pytest

import draw_diagrams as dd


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
