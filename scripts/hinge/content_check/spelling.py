"""Spelling of the Markdown prose, with codespell and the project's word list.

Code, URLs, link targets, HTML and front matter other than the title and description are
blanked first (keeping line numbers), then codespell reads the copies in a temporary folder.
Codespell knows common misspellings rather than every word, so it rarely flags jargon; a
correct word it flags goes in the word list (`.codespell-ignore`, one word a line).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from hinge.content_check.page import Page
from hinge.report import Finding

WORD_LIST = ".codespell-ignore"
_NOT_PROSE = re.compile(
    r"\]\([^)]*\)"  # link and image targets
    r"|<[^>\n]*>"  # HTML tags and autolinks
    r"|https?://\S+"  # bare URLs
    r"|\{[^}\n]*\}"  # attribute lists
    r"|^\s*\[[^\]]+\]:\s*\S+"  # reference definitions
)
_OUTPUT = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$")
_KEEP = ("title:", "description:")


def prose_text(page: Page) -> str:
    """The page with everything but prose blanked, line for line."""
    prose = dict(page.prose())
    lines = []
    for number, line in enumerate(page.lines, 1):
        if number < page.body_start:
            lines.append(line if line.startswith(_KEEP) else "")
        else:
            lines.append(_NOT_PROSE.sub(" ", prose.get(number, "")))
    return "\n".join(lines) + "\n"


def check_spelling(pages: list[Page], word_list: Path) -> list[Finding]:
    """Codespell's findings in the pages' prose; a warning if codespell cannot run."""
    if not pages:
        return []
    with tempfile.TemporaryDirectory(prefix="check-content-") as folder:
        for page in pages:
            copy = Path(folder, page.path)
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(prose_text(page), encoding="utf-8")
        command = [sys.executable, "-m", "codespell_lib", "--disable-colors"]
        if word_list.is_file():
            command += ["--ignore-words", str(word_list.resolve())]
        result = subprocess.run(
            [*command, "--", *(page.path for page in pages)],
            cwd=folder,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
    found = [_OUTPUT.match(line) for line in result.stdout.splitlines()]
    if result.returncode not in (0, 65) or (result.returncode and not any(found)):
        reason = (result.stderr.strip().splitlines() or ["codespell failed"])[-1]
        where = pages[0].path
        message = f"spelling not checked ({reason}) — install codespell: run make build"
        return [Finding(where, None, message, warning=True)]
    return [_finding(match) for match in found if match]


def _finding(match: re.Match[str]) -> Finding:
    fixes = [fix.strip() for fix in match["fix"].split(",") if fix.strip()]
    fix = f'write "{fixes[0]}"' if len(fixes) == 1 else f"write one of: {', '.join(fixes)}"
    message = (
        f'"{match["word"]}" looks misspelled — {fix}, or add the word to {WORD_LIST} if it is right'
    )
    return Finding(match["path"], int(match["line"]), message)
