"""Tests for the one findings reporter (scripts/hinge/report.py)."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from hinge import report
from hinge.report import Finding

ERROR = Finding("docs/a.md", 3, 'missing "title" — add e.g. "title: Barbell RDL"')
WARNING = Finding("data/people.yml", None, "1 example person is still listed", warning=True)


def test_text() -> None:
    assert ERROR.text() == 'docs/a.md:3: missing "title" — add e.g. "title: Barbell RDL"'
    assert WARNING.text() == "data/people.yml: warning: 1 example person is still listed"


def test_github_annotation() -> None:
    assert ERROR.github() == (
        '::error file=docs/a.md,line=3::missing "title" — add e.g. "title: Barbell RDL"'
    )
    assert WARNING.github() == "::warning file=data/people.yml::1 example person is still listed"


def test_github_escapes_what_would_end_or_split_a_command() -> None:
    odd = Finding("docs/a,b:c%.md", 7, "50% done\r\nnext line: ::error::fake")
    assert odd.github() == (
        "::error file=docs/a%2Cb%3Ac%25.md,line=7::50%25 done%0D%0Anext line: ::error::fake"
    )
    assert report.annotation("warning", "m", "p", 2, title="image link, 1:") == (
        "::warning file=p,line=2,title=image link%2C 1%3A::m"
    )


def test_json_lists_every_field() -> None:
    rows = json.loads(report.render([ERROR, WARNING], "json"))
    assert rows == [
        {"path": "docs/a.md", "line": 3, "severity": "error", "message": ERROR.message},
        {"path": WARNING.path, "line": None, "severity": "warning", "message": WARNING.message},
    ]
    assert report.render([], "json") == "[]"


@pytest.mark.parametrize(
    ("findings", "code", "counted"),
    [
        ([], 0, "0 problems, 0 warnings"),
        ([WARNING], 0, "0 problems, 1 warning"),
        ([ERROR, ERROR, WARNING], 1, "2 problems, 1 warning"),
    ],
)
def test_emit_prints_and_returns_the_exit_code(
    findings: list[Finding], code: int, counted: str
) -> None:
    stream = io.StringIO()
    assert report.emit(findings, "text", stream) == code
    assert stream.getvalue() == "".join(f"{finding.text()}\n" for finding in findings)
    assert report.tally(findings) == counted


def test_plural() -> None:
    assert [report.plural(n, "page") for n in (0, 1, 2, 1200)] == [
        "0 pages",
        "1 page",
        "2 pages",
        "1,200 pages",
    ]


@pytest.mark.parametrize(("value", "form"), [("true", "github"), ("false", "text"), (None, "text")])
def test_default_format_follows_github_actions(
    monkeypatch: pytest.MonkeyPatch, value: str | None, form: str
) -> None:
    if value is None:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    else:
        monkeypatch.setenv("GITHUB_ACTIONS", value)
    parser = argparse.ArgumentParser()
    report.add_format_option(parser)
    assert parser.parse_args([]).format == form
    assert parser.parse_args(["--format", "json"]).format == "json"


def test_a_command_prints_json(tmp_path: Path) -> None:
    data = tmp_path / "people.yml"
    data.write_text("- id: Sam K\n", encoding="utf-8")
    command = [sys.executable, "-m", "hinge", "people", "--file", str(data), "--format", "json"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    rows = json.loads(done.stdout)
    assert {row["severity"] for row in rows} == {"error"}
    assert {row["path"] for row in rows} == {str(data)}
    assert rows[0]["line"] == 1
