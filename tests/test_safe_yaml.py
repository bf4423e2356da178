"""hinge/safe_yaml.py: YAML mistakes an editor makes, told in plain words with the right form.

Each broken front matter is a real page in a tiny project, checked by the two real readers:
`python -m hinge check` and MkDocs with hooks/front_matter_guard.py. Data files go through
`python -m hinge check` too; the rarer shapes are checked on `describe` itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from hinge import safe_yaml
from test_check_content import project  # noqa: F401 (a fixture)

GUARD = ROOT / "hooks/front_matter_guard.py"
GOOD = (
    "title: Hip thrust\ndescription: A plain page about the hip thrust, long enough to pass.\n"
    "date: 2025-01-10\nreviewed: 2025-01-10\nauthor: ana-writer\nreviewer: ben-physio\n"
)
# name: (front matter, file line of the problem, message)
FRONT_MATTER = {
    "colon in a value": (
        "title: Hinge: the basics\n",
        2,
        'the value of "title" has a colon in it, which YAML reads as a new field — '
        'put the whole value in quotes: title: "Hinge: the basics"',
    ),
    "colon at the end": (
        "title: Step 1:\n",
        2,
        'the value of "title" has a colon in it, which YAML reads as a new field — '
        'put the whole value in quotes: title: "Step 1:"',
    ),
    "indented too far": (
        "title: Hip thrust\n  description: A plain page.\n",
        3,
        "this line is indented more than line 2, so YAML reads it as its value — start it "
        'in the same column as "title" on line 2, at the left edge: description: A plain page.',
    ),
    "tab indent": (
        "title: Hip thrust\ntags:\n\t- glutes\n",
        4,
        "a tab character, which YAML does not allow — indent with spaces instead, "
        "two for each level",
    ),
    "tab in a value": (
        "title:\tHip thrust\n",
        2,
        "a tab character, which YAML does not allow — use a space instead: title: Hip thrust",
    ),
    "unclosed double quote": (
        'title: "Hip thrust\ndescription: A plain page.\n',
        2,
        'the " that opens this value is never closed — end the value with " too: '
        'title: "Hip thrust"',
    ),
    "unclosed single quote": (
        "description: 'A plain page.\n",
        2,
        "the ' that opens this value is never closed — end the value with ' too: "
        "description: 'A plain page.'",
    ),
    "text after a quote": (
        'title: "Neutral" spine\n',
        2,
        'the value of "title" goes on after its closing " — put the whole value in quotes: '
        "title: '\"Neutral\" spine'",
    ),
    "apostrophe in single quotes": (
        "title: 'It's a hinge'\n",
        2,
        'the value of "title" goes on after its closing \' — put the whole value in quotes: '
        'title: "It\'s a hinge"',
    ),
    "unclosed bracket": (
        "tags: [glutes, hamstrings\ndate: 2025-01-10\n",
        2,
        'the "[" on this line is never closed — end it with "]": tags: [glutes, hamstrings] '
        '(if "[" is part of the text, put the whole value in quotes instead)',
    ),
    "list item where a field belongs": (
        "title: Hip thrust\n- glutes\n",
        3,
        'a list item ("- ...") where a field ("name: value") belongs — put the list under a '
        'field: a line such as "tags:" above it, then each item, two spaces in: - glutes',
    ),
    "list items not lined up": (
        "tags:\n    - glutes\n  - hamstrings\n",
        4,
        'this list item starts in another column than the one on line 3 — line up its "-" '
        "with that one, 4 spaces in: - hamstrings",
    ),
    "wrapped line": (
        "description: A plain page about the hip thrust,\nlong enough to pass.\n",
        3,
        'this line has no colon, so it is not a field ("name: value") — if it goes on from the '
        "line above, indent it by 2 spaces; if not, add the colon",
    ),
    "no space after the colon": (
        "title:Hip thrust\ndescription: A plain page.\n",
        2,
        "no space after the colon — YAML needs one after a field's name: title: Hip thrust",
    ),
    "reserved first character": (
        "title: *Bold* claims\n",
        2,
        'a value cannot start with "*", which YAML reserves — put the whole value in quotes: '
        'title: "*Bold* claims"',
    ),
    "first line indented": (
        "  title: Hip thrust\ndescription: A plain page.\n",
        2,
        "the first line is indented — start it at the left edge: title: Hip thrust",
    ),
}
# The guard reads front matter with `load`, which also refuses a key written twice.
TWICE = (f"{GOOD}title: Hip thrusts\n", 8, '"title" appears twice — keep one')


def page(front_matter: str) -> str:
    return f"---\n{front_matter}---\n\n# Hip thrust\n\nText.\n"


def child(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in `cwd`, with this checkout's package."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture
def broken(project: Path) -> Path:  # noqa: F811
    """The tiny valid project plus one page per broken front matter, docs/<name>.md."""
    for name, (front, _, _) in {**FRONT_MATTER, "twice": TWICE}.items():
        (project / f"docs/{name.replace(' ', '-')}.md").write_text(page(front), encoding="utf-8")
    return project


def test_hinge_check_explains_each_mistake(broken: Path) -> None:
    result = child(["-m", "hinge", "check"], broken)
    assert result.returncode == 1, result.stderr
    expected = {
        f"docs/{name.replace(' ', '-')}.md:{line}: {message}"
        for name, (_, line, message) in {**FRONT_MATTER, "twice": TWICE}.items()
    }
    assert set(result.stdout.splitlines()) == expected
    assert "expected" not in result.stdout, "parser words reached the editor"


def test_the_build_guard_explains_each_mistake(broken: Path) -> None:
    (broken / "mkdocs.yml").write_text(
        f"site_name: Test\ntheme: {{name: mkdocs}}\nhooks: [{GUARD}]\n", encoding="utf-8"
    )
    result = child(["-m", "mkdocs", "build", "--strict"], broken)
    assert result.returncode == 1, result.stderr
    errors = {line for line in result.stderr.splitlines() if line.startswith("ERROR")}
    pages = len(FRONT_MATTER) + 1
    assert errors == {
        *(
            f"ERROR   -  docs/{name.replace(' ', '-')}.md:{line}: {message}"
            for name, (_, line, message) in {**FRONT_MATTER, "twice": TWICE}.items()
        ),
        f"ERROR   -  {pages} pages with front matter MkDocs must not read — fix the lines above",
    }


def test_good_front_matter_passes_both(project: Path) -> None:  # noqa: F811
    (project / "docs/fine.md").write_text(page(GOOD), encoding="utf-8")
    assert child(["-m", "hinge", "check"], project).returncode == 0
    assert safe_yaml.load(GOOD)["title"] == "Hip thrust"


TESTIMONIAL = (
    "- quote: Coaching was clear and friendly.\n"
    "  name: Jordan P.\n"
    "  date: 2025-11-01\n"
    "  consent: {given: 2025-11-03, method: email}\n"
)


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "  name: Jordan P.",
            "  name: Jordan P.\n   role: Member",
            3,
            "this line is indented more than line 2, so YAML reads it as its value — start it "
            'in the same column as "name" on line 2, 2 spaces in: role: Member',
        ),
        (
            "  date: 2025-11-01",
            "date: 2025-11-01",
            3,
            'a field ("name: value") in the middle of a list — if it begins a new item, start it '
            "with a dash: - date: 2025-11-01; if not, line it up with its field above",
        ),
        (
            "  consent: {given: 2025-11-03, method: email}",
            "  consent: {given: 2025-11-03, method: email",
            4,
            'the "{" on this line is never closed — end it with "}": '
            "consent: {given: 2025-11-03, method: email} "
            '(if "{" is part of the text, put the whole value in quotes instead)',
        ),
    ],
    ids=["field indented too far", "field out of its item", "unclosed brace"],
)
def test_hinge_check_explains_data_file_mistakes(
    project: Path,  # noqa: F811
    old: str,
    new: str,
    line: int,
    message: str,
) -> None:
    data = project / "data/testimonials.yml"
    assert data.read_text(encoding="utf-8") == TESTIMONIAL
    data.write_text(TESTIMONIAL.replace(old, new), encoding="utf-8")
    result = child(["-m", "hinge", "check"], project)
    assert (result.returncode, result.stdout) == (1, f"data/testimonials.yml:{line}: {message}\n")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "- quote: a\n  name: b\n name2: c\n",
            3,
            "this line is indented 1 space, like no field above it — start it in the same "
            'column as "name" on line 2, 2 spaces in: name2: c',
        ),
        (
            "tags:\n-glutes\n",
            2,
            'no space after the "-" — a list item needs one: - glutes',
        ),
        (
            'source: "C:\\photos\\x.png"\n',
            1,
            'a "\\" inside double quotes starts a code YAML does not know — use single quotes '
            "instead: source: 'C:\\photos\\x.png'",
        ),
        (
            "- quote: a\n---\n- quote: b\n",
            2,
            'a second "---" line: a file holds one YAML document — remove it',
        ),
        (
            "- quote: a\n  consent:\n    given: 2025-11-03\n    given: 2025-11-04\n",
            4,
            '"given" appears twice — keep one',
        ),
        # No rule fits: the parser's words, and the reader's advice.
        ("tags: [a,, b]\n", 1, "invalid YAML (expected the node content, but found ',') — fix"),
    ],
    ids=["field lines up with nothing", "dash", "backslash", "two documents", "twice", "other"],
)
def test_describe_explains_data_file_shapes(text: str, line: int, message: str) -> None:
    with pytest.raises(yaml.YAMLError) as error:
        safe_yaml.load(text)
    assert safe_yaml.describe(error.value, "fix") == (line, message)
