"""hinge/new_page.py: pages that pass the checker and build strictly, and a careful nav edit."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hinge import check_content, new_page
from hinge.content_check.ladder import read_ladder
from hinge.content_check.schema import STEP_SECTIONS

COPIED = (
    "docs",
    "images",
    "includes",
    "data",
    "overrides",
    "hooks",
    "mkdocs.yml",
    "pyproject.toml",
)


def copy_project(target: Path) -> Path:
    """Copy what a build needs (with the generated docs/img, so no image is re-encoded)."""
    for name in (*COPIED, ".codespell-ignore"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def strict_build(project: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in `project`, with our Markdown extensions from scripts/."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(ROOT / "scripts"),
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture(scope="module")
def created(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy with one new step page and one new article, made by the CLI."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    for args in (["Hip thrust", "--kind", "step"], ["Hinge myths: true?", "--kind", "article"]):
        result = subprocess.run(
            [sys.executable, "-m", "hinge", "new-page", *args],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    return project


def test_pages_pass_the_checker_and_build(
    created: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(created)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = check_content.main([])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0, lines
    assert "docs/progression/hip-thrust.md:3: warning: 21 lines still say TODO" in "\n".join(lines)
    assert "docs/hinge-myths-true.md:3: warning: 6 lines still say TODO" in "\n".join(lines)
    result = strict_build(created)
    assert result.returncode == 0, result.stderr
    assert (created / "site/progression/hip-thrust/index.html").is_file()


def test_step_page_content(created: Path) -> None:
    text = (created / "docs/progression/hip-thrust.md").read_text(encoding="utf-8")
    today = dt.date.today()
    top = max(rung.step for rung in read_ladder(ROOT / "docs"))  # the new page goes above it
    assert text.startswith(
        "---\ntitle: Hip thrust\n"
        'description: "TODO: say what this page teaches in one or two plain sentences, '
        '50 to 160 characters."\n'
        f"date: {today}\nreviewed: {today}\n"
        "author: example-writer  # TODO: your id in data/people.yml\n"
        "reviewer: example-reviewer  # TODO: the clinical reviewer's id in data/people.yml\n"
        f"step: {top + 1}\nequipment: [TODO]\n"
        "---\n\n# Hip thrust\n"
    )
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == list(STEP_SECTIONS)
    assert "Previous:" not in text, "previous/next come from the footer, not the page"


def test_nav_updated_with_comments_kept(created: Path) -> None:
    before = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    after = (created / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    step = "      - Advanced RDL variations: progression/advanced-rdl-variations.md"
    article = "      - Coaching cues: cues.md"
    expected = list(before)
    expected.insert(expected.index(step) + 1, "      - Hip thrust: progression/hip-thrust.md")
    expected.insert(
        expected.index(article) + 1, '      - "Hinge myths: true?": hinge-myths-true.md'
    )
    assert after == expected


def test_refuses_to_overwrite(
    created: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(created)
    page = created / "docs/progression/hip-thrust.md"
    page_before, config_before = page.read_bytes(), (created / "mkdocs.yml").read_bytes()
    assert new_page.main(["Hip thrust", "--kind", "step"]) == 1
    assert capsys.readouterr().err == (
        "new_page: docs/progression/hip-thrust.md already exists — "
        "open it, or choose another title\n"
    )
    assert page.read_bytes() == page_before
    assert (created / "mkdocs.yml").read_bytes() == config_before


def test_keeps_the_config_mode_and_reads_the_last_step(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("nav:\n  - The progression:\n      - Wall: progression/wall.md\n", "utf-8")
    config.chmod(0o644)
    (tmp_path / "docs/progression").mkdir(parents=True)
    (tmp_path / "docs/progression/wall.md").write_text(
        "---\ntitle: Wall hinge\nstep: 4\n...\n# Wall hinge\n", encoding="utf-8"
    )
    args = ["Hip thrust", "--kind", "step", "--config", str(config)]
    assert new_page.main([*args, "--docs", str(tmp_path / "docs")]) == 0
    assert oct(config.stat().st_mode & 0o777) == oct(0o644), "not tempfile's 0600"
    text = (tmp_path / "docs/progression/hip-thrust.md").read_text(encoding="utf-8")
    assert "\nstep: 5\n" in text
    assert "Go back to [Wall hinge](wall.md) if your form breaks down." in text


def test_refuses_a_page_already_in_the_nav(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("nav:\n  - Learn:\n      - Myths: myths.md\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    args = ["Myths", "--kind", "article", "--section", "Learn"]
    code = new_page.main([*args, "--config", str(config), "--docs", str(tmp_path / "docs")])
    assert code == 1
    assert "myths.md is already in the nav" in capsys.readouterr().err
    assert not (tmp_path / "docs/myths.md").exists()


def test_unknown_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("nav:\n  - Home: index.md\n  - Learn:\n      - A: a.md\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    args = ["New", "--kind", "article", "--section", "Nope"]
    code = new_page.main([*args, "--config", str(config), "--docs", str(tmp_path / "docs")])
    assert code == 1
    assert capsys.readouterr().err == (
        'new_page: no nav section "Nope" in mkdocs.yml — use one of: "Learn"\n'
    )
    assert list((tmp_path / "docs").iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["!!!", "--kind", "article"],
        ["Title", "--kind", "video"],
        ["Title"],
        ["Title", "--kind", "step", "--section", "About"],
    ],
)
def test_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        new_page.main(args)
    assert exit_info.value.code == 2


CONFIG = """\
site_url: !ENV [SITE_URL, "https://example.com/"]
nav:
  - Home: index.md
  # The lessons
  - Learn the hinge:
        # lessons in course order
      - The hip hinge: hip-hinge.md   # first lesson
      # more lessons go here

  - About:
    - About: about.md
extra:
  generator: false
"""


def test_add_to_nav_keeps_comments_and_tags() -> None:
    new = new_page.add_to_nav(CONFIG, "Learn the hinge", "Hinge: myths", "myths.md")
    assert new == CONFIG.replace(
        "      # more lessons go here\n",
        '      # more lessons go here\n      - "Hinge: myths": myths.md\n',
    )
    new = new_page.add_to_nav(CONFIG, "About", "Team", "team.md")
    assert new == CONFIG.replace(
        "    - About: about.md\n", "    - About: about.md\n    - Team: team.md\n"
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Single-leg RDL", "single-leg-rdl"),
        ("Hinge myths: what\u2019s true?", "hinge-myths-whats-true"),
        ("  Café   à la crème ", "cafe-a-la-creme"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert new_page.slugify(title) == slug
