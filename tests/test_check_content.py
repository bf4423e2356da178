"""hinge/check_content.py: each rule fails and passes in a tiny project built in tmp_path."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import ROOT
from hinge import check_content
from hinge.content_check.schema import STEP_SECTIONS

INDEX = """\
---
title: Home
description: A plain page about the hip hinge, long enough to pass the check.
date: 2025-01-10
reviewed: 2025-02-01
author: ana-writer
reviewer: ben-physio
---

# Home

Some prose about the hinge, with `code` and a [link](https://example.com/teh).

![A person hinging at the hips](../images/pic.png)

## Part

```sh
# a comment, not a heading; teh
```
"""
# Line numbers: front matter 1-10, H1 12, then each section's H2 every 4 lines from 12.
STEP = (
    """\
---
title: Step
description: One step of the ladder, with every section that the template asks for.
date: 2025-01-10
reviewed: 2025-01-10
author: ana-writer
reviewer: ben-physio
step: 1
equipment: [wall]
---

# Step

"""
    + "".join(f"## {name}\n\nText.\n\n" for name in STEP_SECTIONS)
    + '--8<-- "safety.md"\n'
)
GLOSSARY = """\
---
title: Glossary
description: Plain definitions of the words used in this course, from A to Z.
date: 2025-01-10
reviewed: 2025-01-10
author: ana-writer
reviewer: ben-physio
---

# Glossary

RDL
:   Romanian deadlift.
"""
FILES = {
    "docs/index.md": INDEX,
    "docs/progression/step.md": STEP,
    "docs/glossary.md": GLOSSARY,
    "includes/abbreviations.md": "*[RDL]: Romanian deadlift.\n",
    "includes/safety.md": "**Pain rule.** Sharp pain: stop.\n",
    "data/testimonials.yml": (
        "- quote: Coaching was clear and friendly.\n"
        "  name: Jordan P.\n"
        "  date: 2025-11-01\n"
        "  consent: {given: 2025-11-03, method: email}\n"
    ),
    "data/people.yml": (
        "- id: ana-writer\n  name: Ana W.\n  role: Strength coach\n"
        "  bio: Writes the pages.\n  consent: 2025-01-02\n"
        "- id: ben-physio\n  name: Ben P.\n  role: Physiotherapist\n"
        "  bio: Reviews the pages.\n  consent: 2025-01-02\n"
    ),
    ".codespell-ignore": "delt\n",
}
FIELDS = "title, description, date, reviewed, tags, author, reviewer"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid project, used as the current directory."""
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "images").mkdir()
    Image.new("RGB", (8, 8), "teal").save(tmp_path / "images/pic.png")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def edit(name: str, old: str, new: str) -> None:
    """Replace `old` (which must be there) with `new` in the project file `name`."""
    path = Path(name)
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    """Run the checker; return its exit code and stdout lines."""
    code = check_content.main(list(args))
    return code, capsys.readouterr().out.splitlines()


def test_valid_project_passes(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = check_content.main([])
    out, err = capsys.readouterr()
    assert (code, out) == (0, "")
    assert err == "check_content: 5 pages, 0 problems, 0 warnings\n"


FAILING = {
    # front matter
    "no front matter": (
        "docs/index.md",
        INDEX[: INDEX.index("# Home")],
        "",
        [
            "docs/index.md:1: no front matter — start the page with --- and title, description, "
            "date, reviewed, author, reviewer"
        ],
    ),
    "invalid yaml": (
        "docs/index.md",
        "title: Home",
        "title: [Home",
        [
            'docs/index.md:2: the "[" on this line is never closed — end it with "]": '
            'title: [Home] (if "[" is part of the text, put the whole value in quotes instead)'
        ],
    ),
    "missing title": (
        "docs/index.md",
        "title: Home\n",
        "",
        ['docs/index.md:1: missing "title" — add e.g. "title: Barbell RDL"'],
    ),
    "title not text": (
        "docs/index.md",
        "title: Home",
        "title: 2025",
        ['docs/index.md:2: "title" must be text — put it in quotes: title: Barbell RDL'],
    ),
    "description too short": (
        "docs/index.md",
        "description: A plain page about the hip hinge, long enough to pass the check.",
        "description: Too short.",
        [
            'docs/index.md:3: "description" is 10 characters — write 50 to 160: '
            "one or two plain sentences"
        ],
    ),
    "description too long": (
        "docs/index.md",
        "long enough to pass the check.",
        "long enough to pass the check." + " More words." * 9,
        [
            'docs/index.md:3: "description" is 172 characters — write 50 to 160: '
            "one or two plain sentences"
        ],
    ),
    "date not real": (
        "docs/index.md",
        "date: 2025-01-10",
        "date: 2025-02-30",
        ['docs/index.md:4: "date" must be a real date — write YYYY-MM-DD, e.g. 2026-11-25'],
    ),
    "reviewed before date": (
        "docs/index.md",
        "reviewed: 2025-02-01",
        "reviewed: 2024-12-31",
        [
            'docs/index.md:5: "reviewed" (2024-12-31) is before "date" (2025-01-10) — '
            "set reviewed to the day you last checked the page"
        ],
    ),
    "unknown field with a hint": (
        "docs/index.md",
        "title: Home\n",
        "title: Home\ndescripton: x\n",
        ['docs/index.md:3: unknown field "descripton" — did you mean "description"?'],
    ),
    "unknown field without a hint": (
        "docs/index.md",
        "title: Home\n",
        "title: Home\ncolour: red\n",
        [f'docs/index.md:3: unknown field "colour" — use one of: {FIELDS}'],
    ),
    "duplicate field": (
        "docs/index.md",
        "title: Home\n",
        "title: Home\ntitle: Again\n",
        ['docs/index.md:3: "title" appears twice — keep one'],
    ),
    "step field on an article": (
        "docs/index.md",
        "title: Home\n",
        "title: Home\nstep: 2\n",
        ['docs/index.md:3: "step" is only for step pages in docs/progression/ — remove it'],
    ),
    "unknown tag": (
        "docs/index.md",
        "title: Home\n",
        "title: Home\ntags: [beginners, begginers, cardio]\n",
        [
            'docs/index.md:3: unknown tag "begginers" — did you mean "beginners"?',
            'docs/index.md:3: unknown tag "cardio" — use one of: beginners, technique, strength, '
            "equipment, safety, research",
        ],
    ),
    "step page without step and equipment": (
        "docs/progression/step.md",
        "step: 1\nequipment: [wall]\n",
        "",
        [
            'docs/progression/step.md:1: missing "step" — add e.g. "step: 3"',
            'docs/progression/step.md:1: missing "equipment" — '
            'add e.g. "equipment: [kettlebell, mat]"',
        ],
    ),
    "step not a whole number": (
        "docs/progression/step.md",
        "step: 1",
        "step: one",
        ['docs/progression/step.md:8: "step" must be a whole number — e.g. step: 3'],
    ),
    "equipment not a list": (
        "docs/progression/step.md",
        "equipment: [wall]",
        "equipment: wall",
        [
            'docs/progression/step.md:9: "equipment" must be a list of words — '
            "e.g. equipment: [kettlebell, mat]"
        ],
    ),
    # images
    "image without alt text": (
        "docs/index.md",
        "![A person hinging at the hips]",
        "![ ]",
        [
            'docs/index.md:14: image "../images/pic.png" has no alt text — '
            "describe what it shows inside ![...]"
        ],
    ),
    "image file missing": (
        "docs/index.md",
        "../images/pic.png",
        "../images/hinge.png",
        [
            'docs/index.md:14: image "../images/hinge.png" not found — '
            "save the picture as images/hinge.png, or correct the path"
        ],
    ),
    "image path one ../ short": (
        "docs/progression/step.md",
        "Text.",
        "![A person hinging at the hips](../images/pic.png)",
        [
            'docs/progression/step.md:16: image "../images/pic.png" not found — '
            "images/pic.png exists: write ../../images/pic.png"
        ],
    ),
    "image name misspelt": (
        "docs/index.md",
        "../images/pic.png",
        "../images/pics.png",
        [
            'docs/index.md:14: image "../images/pics.png" not found — '
            "images/pic.png exists: write ../images/pic.png"
        ],
    ),
    "image outside images/": (
        "docs/progression/step.md",
        "Text.",
        "![A person hinging at the hips](hinge.png)",
        [
            'docs/progression/step.md:16: image "hinge.png" not found — '
            "save the picture as images/progression/hinge.png and write "
            "../../images/progression/hinge.png"
        ],
    ),
    # headings
    "no H1": (
        "docs/index.md",
        "# Home\n",
        "Home\n",
        ["docs/index.md:9: no H1 — start the page with '# ' and its title"],
    ),
    "two H1s": (
        "docs/index.md",
        "## Part",
        "# Part",
        ["docs/index.md:16: second H1 (first on line 10) — make it '## '"],
    ),
    "skipped level": (
        "docs/index.md",
        "## Part",
        "### Part",
        [
            'docs/index.md:16: heading "Part" skips a level (H1 to H3) — '
            "make it '## ' or add the missing level above it"
        ],
    ),
    "heading before the H1": (
        "docs/index.md",
        "# Home\n",
        "## Intro\n\n# Home\n",
        ['docs/index.md:10: "Intro" comes before the H1 — start the page with "# " and the title'],
    ),
    # step-page sections
    "missing section": (
        "docs/progression/step.md",
        "## Dose\n\nText.\n\n",
        "",
        [
            'docs/progression/step.md:38: missing section "## Dose" — '
            'add it before "## When to move on"'
        ],
    ),
    "no writer named": (
        "docs/index.md",
        "author: ana-writer\n",
        "",
        ['docs/index.md:1: missing "author" — add e.g. "author: example-writer"'],
    ),
    "no safety block": (
        "docs/progression/step.md",
        '--8<-- "safety.md"\n',
        "",
        [
            "docs/progression/step.md:11: the safety block is missing — add the line "
            "--8<-- \"safety.md\" under '## Safety notes' (includes/safety.md: the pain rule "
            "and red flags, written once)"
        ],
    ),
    "safety block twice": (
        "docs/progression/step.md",
        "## Goal\n",
        '## Goal\n\n--8<-- "safety.md"\n',
        [
            "docs/progression/step.md:60: the safety block is included twice (also line 16) — "
            "keep one"
        ],
    ),
    "missing last section": (
        "docs/progression/step.md",
        "\n\n## Safety notes\n\nText.",
        "",
        ['docs/progression/step.md:54: missing section "## Safety notes" — add it at the end'],
    ),
    "section out of order": (
        "docs/progression/step.md",
        "## Goal\n\nText.\n\n## Equipment",
        "## Equipment\n\nText.\n\n## Goal",
        ['docs/progression/step.md:18: "## Goal" is out of order — move it first'],
    ),
    "unexpected section": (
        "docs/progression/step.md",
        "## Cues",
        "## Tips\n\n## Cues",
        [
            'docs/progression/step.md:30: unexpected section "## Tips" — step pages use only '
            "the template's sections (see STYLE.md); make it a '### ' sub-section or rename it"
        ],
    ),
    "duplicate section": (
        "docs/progression/step.md",
        "## Cues",
        "## Cues\n\n## Cues",
        ['docs/progression/step.md:32: "## Cues" appears twice (also line 30) — merge them'],
    ),
    # glossary
    "tooltip without a glossary entry": (
        "includes/abbreviations.md",
        "\n",
        "\n*[EMG]: Electromyography.\n",
        [
            'includes/abbreviations.md:2: "EMG" has no entry in docs/glossary.md — '
            "add it there, same definition"
        ],
    ),
    "glossary entry without a tooltip": (
        "docs/glossary.md",
        "deadlift.\n",
        "deadlift.\n\nEMG\n:   Electromyography.\n",
        [
            'docs/glossary.md:15: "EMG" has no tooltip — add "*[EMG]: Electromyography." '
            "to includes/abbreviations.md"
        ],
    ),
    "definitions differ": (
        "docs/glossary.md",
        "Romanian deadlift.",
        "A Romanian deadlift.",
        [
            'docs/glossary.md:13: the definition of "RDL" differs from '
            "includes/abbreviations.md:1 — make the two the same"
        ],
    ),
    # testimonials
    "testimonial problem": (
        "data/testimonials.yml",
        "  name: Jordan P.\n",
        "",
        ['data/testimonials.yml:1: missing "name" — add the name as the member agreed to be shown'],
    ),
    # spelling
    "misspelling": (
        "docs/index.md",
        "Some prose",
        "Teh prose",
        [
            'docs/index.md:12: "Teh" looks misspelled — write "The", '
            "or add the word to .codespell-ignore if it is right"
        ],
    ),
    "misspelling with several fixes": (
        "docs/progression/step.md",
        "## Goal\n\nText.",
        "## Goal\n\nThs text.",
        [
            'docs/progression/step.md:16: "Ths" looks misspelled — write one of: The, This, '
            "or add the word to .codespell-ignore if it is right"
        ],
    ),
}


@pytest.mark.parametrize(("name", "old", "new", "expected"), FAILING.values(), ids=FAILING)
def test_rule_fails(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    old: str,
    new: str,
    expected: list[str],
) -> None:
    edit(name, old, new)
    assert run(capsys) == (1, expected)


PASSING = {
    "known tags": ("docs/index.md", "title: Home\n", "title: Home\ntags: [beginners, safety]\n"),
    "web image": ("docs/index.md", "../images/pic.png", "https://example.com/x.png"),
    "image in code": ("docs/index.md", "Some prose", "Write `![](x.png)` for a picture, not"),
    "word in the word list": ("docs/index.md", "Some prose", "The rear delt and prose"),
    "sub-sections on a step page": ("docs/progression/step.md", "## Cues", "### Option\n\n## Cues"),
    "admonition fence": ("docs/index.md", "```sh", '!!! note "Code"\n    ```sh'),
}


@pytest.mark.parametrize(("name", "old", "new"), PASSING.values(), ids=PASSING)
def test_rule_passes(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, old: str, new: str
) -> None:
    edit(name, old, new)
    assert run(capsys) == (0, [])


# Links, anchors and the nav: what `mkdocs build --strict` stops on, caught by the checker too.

SITE = """\
site_name: Test
theme: {name: mkdocs}
strict: true
validation: {omitted_files: warn, absolute_links: warn, unrecognized_links: warn, anchors: warn}
markdown_extensions:
  - attr_list
  - def_list
  - toc
  - pymdownx.snippets: {base_path: [includes], check_paths: true}
nav:
  - Home: index.md
  - Steps:
      - Step: progression/step.md
  - Glossary: glossary.md
"""
LINK = "[link](https://example.com/teh)"  # on line 12 of docs/index.md
LINKS = {
    "page missing": (
        "docs/index.md",
        LINK,
        "[the words](glosary.md)",
        [
            'docs/index.md:12: link "glosary.md" goes to docs/glosary.md, which does not '
            'exist — did you mean "glossary.md"?'
        ],
    ),
    "page one folder off": (
        "docs/progression/step.md",
        "Text.",
        "[the words](glossary.md#glossary)",
        [
            'docs/progression/step.md:16: link "glossary.md#glossary" goes to '
            "docs/progression/glossary.md, which does not exist — did you mean "
            '"../glossary.md#glossary"?'
        ],
    ),
    "heading missing": (
        "docs/index.md",
        LINK,
        "[RDL](glossary.md#rdl)",
        [
            'docs/index.md:12: link "glossary.md#rdl": docs/glossary.md has no heading or id '
            '"#rdl" — link to one of its headings: the heading in lower case, hyphens for spaces'
        ],
    ),
    "heading misspelt on the same page": (
        "docs/index.md",
        LINK,
        "[below](#prt)",
        [
            'docs/index.md:12: link "#prt": this page has no heading or id "#prt" — '
            'did you mean "#part"?'
        ],
    ),
    "link to a folder": (
        "docs/index.md",
        LINK,
        "[the words](glossary/)",
        [
            'docs/index.md:12: link "glossary/" names no file, so MkDocs cannot check it — '
            "write glossary.md"
        ],
    ),
    "absolute link": (
        "docs/progression/step.md",
        "Text.",
        "[the words](/glossary.md)",
        [
            'docs/progression/step.md:16: link "/glossary.md" starts with "/", which breaks '
            "under the site's address — write it relative to this page: ../glossary.md"
        ],
    ),
    "link out of docs/": (
        "docs/index.md",
        LINK,
        "[the notes](../README.md)",
        [
            'docs/index.md:12: link "../README.md" goes outside docs/ — link to a page in docs/, '
            "or to a web address"
        ],
    ),
    "page left out of the nav": (
        "mkdocs.yml",
        "  - Glossary: glossary.md\n",
        "",
        [
            "docs/glossary.md:1: not in the nav, so readers cannot reach it from the menu — "
            "add it to nav in mkdocs.yml, under its section: - Glossary: glossary.md"
        ],
    ),
    "nav names no page": (
        "mkdocs.yml",
        "Step: progression/step.md",
        "Step: progression/steps.md",
        [
            "docs/progression/step.md:1: not in the nav, so readers cannot reach it from the "
            "menu — add it to nav in mkdocs.yml, under its section: - Step: progression/step.md",
            'mkdocs.yml:13: the nav names "progression/steps.md", which is not a page in docs/ '
            '— did you mean "progression/step.md"?',
        ],
    ),
}


@pytest.fixture
def site_project(project: Path) -> Path:
    """The tiny project as a MkDocs site: a mkdocs.yml, and no image from outside docs/."""
    (project / "mkdocs.yml").write_text(SITE, encoding="utf-8")
    edit("docs/index.md", "![A person hinging at the hips](../images/pic.png)\n", "")
    return project


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `project`, as CI runs it."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_links_and_nav_pass_as_mkdocs_does(
    site_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        "docs/index.md",
        "## Part",
        "## Part\n\nText.\n{ #text }\n\n## Part: *why*, & how?\n\n## Part",
    )
    edit("docs/index.md", LINK, "[a](#part-why-how) [b](#text) [c](progression/step.md#goal)")
    edit("docs/progression/step.md", "Text.", "[d](../index.md#part_1) [e](../glossary.md)")
    assert run(capsys) == (0, [])
    result = mkdocs_build(site_project)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("name", "old", "new", "expected"), LINKS.values(), ids=LINKS)
def test_links_and_nav_fail_as_mkdocs_does(
    site_project: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    old: str,
    new: str,
    expected: list[str],
) -> None:
    edit(name, old, new)
    assert run(capsys) == (1, expected)
    result = mkdocs_build(site_project)
    assert result.returncode == 1, "MkDocs let through what the checker stops"
    assert "WARNING" in result.stderr


def test_future_date(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today, tomorrow = dt.date.today(), dt.date.today() + dt.timedelta(days=1)
    edit("docs/index.md", "reviewed: 2025-02-01", f"reviewed: {tomorrow}")
    assert run(capsys) == (
        1,
        [
            f'docs/index.md:5: "reviewed" ({tomorrow}) is in the future — '
            f"use today ({today}) or earlier"
        ],
    )


def test_warnings_do_not_fail(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit("docs/index.md", "Some prose", "TODO: prose")
    edit("docs/index.md", "## Part\n", "## Part\n\nTODO: more.\n")
    edit("data/testimonials.yml", "consent: {given: 2025-11-03, method: email}", "consent: example")
    Path("data/testimonials.yml").write_text(
        Path("data/testimonials.yml").read_text(encoding="utf-8") + "  example: true\n",
        encoding="utf-8",
    )
    assert run(capsys) == (
        0,
        [
            "data/testimonials.yml:1: warning: 1 example testimonial is still shown — "
            "replace them with real reviews given with consent; see STYLE.md",
            "docs/index.md:12: warning: 2 lines still say TODO — replace each prompt with your "
            "own words before you ask for a review",
        ],
    )


def test_reports_every_problem(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit("docs/index.md", "title: Home\n", "")
    edit("docs/index.md", "## Part", "#### Part")
    edit("docs/progression/step.md", "## Dose", "## Dosage")
    code, lines = run(capsys)
    assert code == 1
    assert [line.split(": ", 1)[0] for line in lines] == [
        "docs/index.md:1",
        "docs/index.md:15",
        "docs/progression/step.md:38",
        "docs/progression/step.md:42",
    ]


def test_github_format(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit("docs/index.md", "title: Home\n", "")
    edit("docs/index.md", "Some prose", "TODO prose")
    expected = [
        '::error file=docs/index.md,line=1::missing "title" — add e.g. "title: Barbell RDL"',
        "::warning file=docs/index.md,line=11::1 line still says TODO — replace each prompt "
        "with your own words before you ask for a review",
    ]
    assert run(capsys, "--format", "github") == (1, expected)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run(capsys) == (1, expected)


def test_json_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit("docs/index.md", "title: Home\n", "")
    code, lines = run(capsys, "--format", "json")
    assert code == 1
    assert json.loads("\n".join(lines)) == [
        {
            "path": "docs/index.md",
            "line": 1,
            "severity": "error",
            "message": 'missing "title" — add e.g. "title: Barbell RDL"',
        }
    ]


@pytest.mark.parametrize("args", [["--format", "xml"], ["extra"]])
def test_usage_error(project: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        check_content.main(args)
    assert exit_info.value.code == 2
    assert capsys.readouterr().out == ""


def test_outside_a_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        check_content.main([])
    assert exit_info.value.code == 2
    assert "no docs/ folder here" in capsys.readouterr().err


def test_real_project_passes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, lines = run(capsys)
    assert code == 0, "\n".join(lines)
    assert all(re.match(r"^[^:]+:\d+: warning: ", line) for line in lines), lines


def test_pre_commit_config() -> None:
    """The hooks file is well-formed, pins every repo, and runs the same ruff as the lock."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    revs = {repo["repo"]: repo.get("rev") for repo in config["repos"]}
    assert all(rev for name, rev in revs.items() if name != "local"), revs
    lock = (ROOT / "requirements/test.txt").read_text(encoding="utf-8")
    ruff = re.search(r"^ruff==(\S+)", lock, re.MULTILINE)
    assert ruff, "ruff is not pinned in requirements/test.txt"
    assert revs["https://github.com/astral-sh/ruff-pre-commit"] == f"v{ruff[1]}"
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "check-content", "images-up-to-date"} <= set(hooks)
    assert hooks["trailing-whitespace"]["args"] == ["--markdown-linebreak-ext=md"]
    assert hooks["check-yaml"]["args"] == ["--unsafe"]
    clientlib = pytest.importorskip("pre_commit.clientlib")
    clientlib.load_config(ROOT / ".pre-commit-config.yaml")  # raises InvalidConfigError
