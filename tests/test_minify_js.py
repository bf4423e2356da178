"""scripts/hinge/minify_js.py: our scripts in the built site are minified, still run, and a
second run changes nothing; a script the build lost fails, named."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from hinge.minify_js import main, minify

OURS = sorted(p.relative_to(ROOT / "overrides") for p in (ROOT / "overrides").rglob("*.js"))


def test_our_scripts_ship_minified_and_parse(site: Path) -> None:
    for relative in OURS:
        written = (ROOT / "overrides" / relative).read_text(encoding="utf-8")
        shipped = (site / relative).read_text(encoding="utf-8")
        assert len(shipped) < 0.8 * len(written), f"{relative} is not minified"
        assert "\n  " not in shipped, f"{relative} keeps its indentation"
        check = subprocess.run(["node", "--check", site / relative], capture_output=True)
        assert check.returncode == 0, f"{relative} no longer parses:\n{check.stderr.decode()}"


def test_a_second_run_changes_nothing(site: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(site, tmp_path / "site")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in copy.rglob("*.js")}
    before_bytes, after_bytes, missing = minify(copy)
    assert before_bytes == after_bytes
    assert missing == []
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in copy.rglob("*.js")} == before


def test_a_lost_script_fails_by_name(
    site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = shutil.copytree(site, tmp_path / "site")
    (copy / "assets/javascripts/course.js").unlink()
    assert main([str(copy)]) == 1
    assert "assets/javascripts/course.js: not in the built site" in caplog.text
