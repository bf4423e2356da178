"""Follow CONTRIBUTING.md literally on a copy of the project; the site must still build.

The commands come from the guide's ```sh blocks, the image line and the paragraph left off
the printed sheet from its ```markdown blocks and the testimonial from its ```yaml block, so
this test breaks when the guide drifts from the tools. `make` targets run what the Makefile
runs (scripts/hinge/new_page.py, check_content.py, process_images.py, mkdocs build --strict);
`make hooks` runs the Makefile itself in the copy, a git repository, then each local pre-commit
hook's command; `make serve` and git are skipped (a server that never stops; a push needs a
remote), but every `make` target the guide names must exist, and the preview address it gives
must be the one `make serve` prints.
"""

from __future__ import annotations

import os
import posixpath
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import BASE_PATH, CONFIG, ROOT

GUIDE = ROOT / "CONTRIBUTING.md"
COPIED = ("docs", "images", "includes", "data", "overrides", "scripts", "hooks")
FILES = ("mkdocs.yml", "pyproject.toml", ".codespell-ignore", "Makefile", ".pre-commit-config.yaml")
SKIPPED = ("make serve", "git ")
_FENCE = re.compile(r"^(\s*)```(\w*)\s*$")
_IMAGE = re.compile(r"!\[[^\]]+\]\(([^)\s]+)\)")
_PATH = re.compile(r"`((?:docs|images|data|includes)/[^`\s]+|\.codespell-ignore)`")


@dataclass(frozen=True)
class Block:
    """A fenced block of the guide, and the guide's text between its section heading and it."""

    lang: str
    text: str
    before: str


def blocks(guide: str) -> list[Block]:
    """The guide's fenced blocks in order, dedented."""
    found, prose, code, fence = [], [], [], None
    for line in guide.splitlines():
        match = _FENCE.match(line)
        if fence is None and match:
            fence, code = match, []
        elif fence is not None and match and not match[2]:
            text = "".join(f"{row.removeprefix(fence[1])}\n" for row in code)
            found.append(Block(fence[2], text, "\n".join(prose)))
            fence = None
        elif fence is not None:
            code.append(line)
        else:
            prose = [] if line.startswith("## ") else [*prose, line]
    return found


def run(project: Path, *command: str) -> None:
    """Run a Python script or module in the copy, with the copy's scripts/ importable."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "scripts")}
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run(
        [sys.executable, *command], cwd=project, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}\n{result.stderr}"


def make(project: Path, line: str) -> None:
    """Do what the Makefile target in `line` does."""
    words = shlex.split(line)
    if words[:2] == ["make", "new-page"]:
        variables = dict(word.split("=", 1) for word in words[2:])
        args = [variables.pop("TITLE"), "--kind", variables.pop("KIND")]
        if "SECTION" in variables:
            args += ["--section", variables.pop("SECTION")]
        assert not variables, f"unknown make variables in {line!r}"
        run(project, "-m", "hinge", "new-page", *args)
    elif words == ["make", "check"]:
        run(project, "-m", "hinge", "check")
    elif words == ["make", "build"]:
        run(project, "-m", "hinge", "build")
    elif words == ["make", "hooks"]:
        install_hooks(project)
    else:
        pytest.fail(f"CONTRIBUTING.md shows a command this test cannot follow: {line}")


def install_hooks(project: Path) -> None:
    """`make hooks` in the copy (its dependencies taken as installed), then what the installed
    git hook would run: each local hook's command."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("MAKE")}
    env["PRE_COMMIT_HOME"] = str(project.parent / "pre-commit-home")  # not the user's cache
    command = ["make", "--no-print-directory", "-o", ".venv/.installed-test", "hooks"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, f"make hooks:\n{result.stdout}\n{result.stderr}"
    assert "pre-commit" in (project / ".git/hooks/pre-commit").read_text(encoding="utf-8")
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = [repo for repo in config["repos"] if repo["repo"] == "local"]
    for hook in (hook for repo in local for hook in repo["hooks"]):
        python, *args = shlex.split(hook["entry"])
        assert python == ".venv/bin/python", f"{hook['id']} does not run the project's Python"
        run(project, *args)


def target(block: Block) -> str:
    """The last project file the guide names before `block`: where the block goes."""
    names = [name for name in _PATH.findall(block.before) if "." in posixpath.basename(name)]
    assert names, f"the guide names no file for this block:\n{block.text}"
    return names[-1]


def add_image(project: Path, block: Block, named: set[str]) -> None:
    """Save the picture where the guide says, and put the line where the guide says."""
    page = target(block)
    for src in _IMAGE.findall(block.text):
        image = posixpath.normpath(posixpath.join(posixpath.dirname(page), src))
        assert image in named, f"the guide's image line points at {image}, a file it never names"
        (project / image).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (640, 400), "teal").save(project / image)
    path = project / page
    text = path.read_text(encoding="utf-8")
    where = re.search(r"above `(#+ [^`]+)`", block.before)
    assert where, "the guide does not say where the image line goes"
    assert f"\n{where[1]}\n" in text, f"{page} has no {where[1]!r}"
    text = text.replace(f"\n{where[1]}\n", f"\n{block.text}\n{where[1]}\n", 1)
    path.write_text(text, encoding="utf-8")


def append(project: Path, block: Block) -> None:
    """Add the block, after an empty line, at the end of the file the guide names."""
    path = project / target(block)
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\n{block.text}", encoding="utf-8")


def test_follow_the_editor_guide(tmp_path: Path) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    project = tmp_path / "project"
    for name in COPIED:
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in FILES:
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(sys.prefix)
    subprocess.run(["git", "init", "--quiet", str(project)], check=True)
    named = set(_PATH.findall(guide))
    followed = []
    for block in blocks(guide):
        if block.lang == "sh":
            for line in filter(None, (row.strip() for row in block.text.splitlines())):
                if not line.startswith(SKIPPED):
                    make(project, line)
                    followed.append(line)
        elif block.lang == "markdown" and _IMAGE.search(block.text):
            add_image(project, block, named)
            followed.append("image")
        elif block.lang == "markdown":
            append(project, block)
            followed.append("paragraph")
        elif block.lang == "yaml":
            append(project, block)
            followed.append("testimonial")
    assert {"make build", "make hooks", "image", "paragraph", "testimonial"} <= set(followed)
    assert sum(line.startswith("make new-page") for line in followed) >= 2, followed
    built = project / "site" / "progression" / "hip-thrust" / "index.html"
    assert 'class="no-print"' in built.read_text(encoding="utf-8")
    missing = sorted(name for name in named if not (project / name).exists())
    assert not missing, f"CONTRIBUTING.md names files that following it does not make: {missing}"


def test_the_guides_name_real_make_targets_and_the_preview_address() -> None:
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    preview = f"http://{CONFIG['dev_addr'].host}:{CONFIG['dev_addr'].port}{BASE_PATH}"
    for guide in (GUIDE, ROOT / "README.md"):
        text = guide.read_text(encoding="utf-8")
        named = set(re.findall(r"(?:`|^[ \t]*)make ([a-z][a-z-]*)", text, re.MULTILINE))
        assert named <= targets, f"{guide.name} names make targets that do not exist"
        addresses = set(re.findall(r"<(http://127\.0\.0\.1:\d+/[^>]*)>", text))
        assert addresses == {preview}, f"{guide.name} gives another preview address"
