"""Findings, and how every checker prints them: text for people, JSON for tools, GitHub annotations.

A `Finding` is one problem (or warning) at ``path:line``. A command adds ``--format`` with
`add_format_option` (GitHub annotations by default when ``GITHUB_ACTIONS=true``), prints with
`emit`, which returns the exit code (1 when any finding is an error), and may end with
`tally`'s count. `annotation` is the one writer of GitHub workflow commands, escaped as GitHub
reads them, so a message or path with a newline, ``%``, ``:`` or ``,`` cannot break one.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

FORMATS = ("text", "json", "github")


@dataclass(frozen=True)
class Finding:
    """One problem (or warning) at `path:line`; `line` is None when it concerns the whole file."""

    path: str
    line: int | None
    message: str
    warning: bool = False

    @property
    def severity(self) -> str:
        """ "error" or "warning": GitHub's word, and JSON's."""
        return "warning" if self.warning else "error"

    def text(self) -> str:
        """``path:line: message``, with ``warning:`` before the message of a warning."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {'warning: ' if self.warning else ''}{self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the file and line."""
        return annotation(self.severity, self.message, self.path, self.line)


def annotation(
    severity: str, message: str, path: str, line: int | None = None, title: str | None = None
) -> str:
    """``::error file=…,line=…,title=…::message`` (or ``::warning``), escaped for GitHub."""
    properties = {"file": path, "line": line, "title": title}
    where = ",".join(f"{key}={_property(str(value))}" for key, value in properties.items() if value)
    return f"::{severity} {where}::{_data(message)}"


def default_format() -> str:
    """GitHub annotations on GitHub Actions, plain lines elsewhere."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """Give a command ``--format text|json|github`` (default: `default_format`)."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=default_format(),
        help="findings as plain lines, JSON or GitHub annotations (default: %(default)s)",
    )


def render(findings: Sequence[Finding], form: str) -> str:
    """The findings as lines of text or annotations, or as one JSON list (``[]`` when none)."""
    if form == "json":
        rows = [
            {"path": f.path, "line": f.line, "severity": f.severity, "message": f.message}
            for f in findings
        ]
        return json.dumps(rows, indent=2, ensure_ascii=False)
    return "\n".join(f.github() if form == "github" else f.text() for f in findings)


def emit(findings: Sequence[Finding], form: str, stream: TextIO | None = None) -> int:
    """Print the findings in `form` (on stdout unless `stream`); 1 if any is an error, else 0."""
    if shown := render(findings, form):
        print(shown, file=stream or sys.stdout)
    return 1 if any(not finding.warning for finding in findings) else 0


def tally(findings: Sequence[Finding]) -> str:
    """E.g. "2 problems, 1 warning"."""
    errors = sum(not finding.warning for finding in findings)
    return f"{plural(errors, 'problem')}, {plural(len(findings) - errors, 'warning')}"


def plural(count: int, noun: str) -> str:
    """E.g. "1 page", "3 pages"."""
    return f"{count:,} {noun}{'s' * (count != 1)}"


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
