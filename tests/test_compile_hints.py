"""scripts/hinge/compile_hints.py: the theme's start-up scripts begin with V8's compile hint and
still parse, ours do not; their source maps still point at the same source; a second run
changes nothing; a theme script the site lacks fails, named."""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest

from hinge.compile_hints import HINT, main, theme_scripts

# Compares two source maps with Node's own reader: every 97th column of each generated line
# of the theme's map (as the theme package ships it) must find, one line further down in the
# built site's map, the same source, line, column and name. Prints the count compared.
SAME_SOURCE = """
const { SourceMap } = require("node:module");
const fs = require("node:fs");
const [before, after] = process.argv.slice(2).map(
  (file) => new SourceMap(JSON.parse(fs.readFileSync(file, "utf8"))),
);
const key = (e) => [e.originalSource, e.originalLine, e.originalColumn, e.name].join();
let compared = 0;
const lines = before.payload.mappings.split(";").length;
for (let line = 0; line < lines; line++) {
  for (let column = 0; column < 200000; column += 97) {
    const old = before.findEntry(line, column);
    if (!old.originalSource) continue;
    const now = after.findEntry(line + 1, column);
    if (key(old) !== key(now)) throw new Error(`${line}:${column}: ${key(old)} != ${key(now)}`);
    compared++;
  }
}
if (Object.keys(after.findEntry(0, 10)).length) throw new Error("the hint's line maps to code");
console.log(compared);
"""


def test_the_theme_scripts_start_with_the_hint_and_parse(site: Path) -> None:
    scripts, problems = theme_scripts(site)
    assert problems == []
    assert scripts, "no page starts a theme script: has main.html's scripts block changed?"
    for script in scripts:
        assert script.read_text(encoding="utf-8").startswith(HINT), script
        check = subprocess.run(["node", "--check", script], capture_output=True, text=True)
        assert check.returncode == 0, f"{script} no longer parses:\n{check.stderr}"
    ours = site / "assets/javascripts/course.js"
    assert not ours.read_text(encoding="utf-8").startswith(HINT)


def test_the_source_maps_still_point_at_the_same_source(site: Path, tmp_path: Path) -> None:
    shipped = Path(str(files("material") / "templates"))  # the theme package's own files
    compare = tmp_path / "compare.js"
    compare.write_text(SAME_SOURCE, encoding="utf-8")
    for script in theme_scripts(site)[0]:
        source_map = script.with_name(script.name + ".map")
        before = shipped / source_map.relative_to(site)
        result = subprocess.run(
            ["node", compare, before, source_map], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        assert int(result.stdout) > 500, "too few mappings compared to tell"


def test_a_second_run_changes_nothing(site: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(site, tmp_path / "site")
    scripts = [*copy.rglob("*.js"), *copy.rglob("*.js.map")]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in scripts}
    assert main([str(copy)]) == 0
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in scripts} == before
    for script in theme_scripts(copy)[0]:
        source_map = script.with_name(script.name + ".map")
        mappings = json.loads(source_map.read_bytes())["mappings"]
        assert mappings[0] == ";", "not shifted"
        assert mappings[1] != ";", "shifted twice"


def test_a_lost_theme_script_fails_by_name(
    site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = shutil.copytree(site, tmp_path / "site")
    (lost,) = theme_scripts(copy)[0]
    lost.unlink()
    assert main([str(copy)]) == 1
    name = lost.relative_to(copy).as_posix()
    assert f"{copy / 'index.html'}: starts {name}, which is not in the built site" in caplog.text
