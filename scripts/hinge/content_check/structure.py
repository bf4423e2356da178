"""Page body rules: headings, the step-page sections, images and leftover TODO prompts."""

from __future__ import annotations

import difflib
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from hinge.content_check.page import TARGET, Page
from hinge.content_check.schema import SAFETY_INCLUDE, STEP_SECTIONS
from hinge.report import Finding

_IMAGE = re.compile(f"!{TARGET}")
_TODO = re.compile(r"\bTODO\b")
IMAGES = "images"  # the image source folder: the pipeline makes the site's images from it


def check_headings(page: Page) -> list[Finding]:
    """Exactly one H1, and no heading more than one level below the one before it."""
    findings = []
    headings = page.headings()
    h1s = [number for number, level, _ in headings if level == 1]
    if not h1s:
        findings.append(
            Finding(page.path, page.body_start, "no H1 — start the page with '# ' and its title")
        )
    for number in h1s[1:]:
        findings.append(
            Finding(page.path, number, f"second H1 (first on line {h1s[0]}) — make it '## '")
        )
    previous = 0 if h1s else 1  # without an H1, report that alone, then go on from level 1
    for number, level, text in headings:
        if level > previous + 1:
            message = (
                f'heading "{text}" skips a level (H{previous} to H{level}) — '
                f"make it '{'#' * (previous + 1)} ' or add the missing level above it"
                if previous
                else f'"{text}" comes before the H1 — start the page with "# " and the title'
            )
            findings.append(Finding(page.path, number, message))
        previous = level
    return findings


def check_step_sections(page: Page) -> list[Finding]:
    """The step page's H2s are exactly `STEP_SECTIONS`, in that order."""
    findings = []
    h2s = [(number, text) for number, level, text in page.headings() if level == 2]
    seen: dict[str, int] = {}
    latest = -1
    for number, text in h2s:
        if text not in STEP_SECTIONS:
            findings.append(
                Finding(
                    page.path,
                    number,
                    f'unexpected section "## {text}" — step pages use only the template\'s '
                    "sections (see STYLE.md); make it a '### ' sub-section or rename it",
                )
            )
        elif text in seen:
            message = f'"## {text}" appears twice (also line {seen[text]}) — merge them'
            findings.append(Finding(page.path, number, message))
        else:
            seen[text] = number
            index = STEP_SECTIONS.index(text)
            if index < latest:
                after = STEP_SECTIONS[index - 1] if index else None
                where = f'after "## {after}"' if after else "first"
                message = f'"## {text}" is out of order — move it {where}'
                findings.append(Finding(page.path, number, message))
            latest = max(latest, index)
    for index, name in enumerate(STEP_SECTIONS):
        if name in seen:
            continue
        after = next((n for n in STEP_SECTIONS[index + 1 :] if n in seen), None)
        if after:
            line, where = seen[after], f'before "## {after}"'
        else:
            line, where = len(page.lines), "at the end"
        findings.append(Finding(page.path, line, f'missing section "## {name}" — add it {where}'))
    return findings


def check_images(page: Page, root: Path, images: str = IMAGES) -> list[Finding]:
    """Every Markdown image has alt text, and a local image file exists; for a missing one,
    the nearest real file in the `images` folder (relative to `root`)."""
    findings = []
    folder = posixpath.dirname(page.path)
    for number, line in page.prose():
        for match in _IMAGE.finditer(line):
            src = match["target"].strip("<>")
            if not match["text"].strip():
                findings.append(
                    Finding(
                        page.path,
                        number,
                        f'image "{src}" has no alt text — describe what it shows inside ![...]',
                    )
                )
            parts = urlsplit(src)
            if parts.scheme or parts.netloc or src.startswith("/"):
                continue
            target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
            if not (root / target).is_file():
                fix = image_fix(target, folder, root, images)
                findings.append(Finding(page.path, number, f'image "{src}" not found — {fix}'))
    return findings


def image_fix(target: str, folder: str, root: Path, images: str) -> str:
    """How to reach a missing image `target` from the page's `folder`: the nearest file in
    `images` (same path, same name, or a close spelling), or where to save the picture (the
    page's own folder inside `images`, as images/progression/ holds the step pages')."""
    mirror = posixpath.join(*folder.split("/")[1:], posixpath.basename(target))  # docs/x/ → x/
    wanted = _inside(target, images) or mirror
    known = sorted(
        path.relative_to(root / images).as_posix()
        for path in (root / images).rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )
    named = [path for path in known if posixpath.basename(path) == posixpath.basename(wanted)]
    stems = {posixpath.splitext(path)[0]: path for path in known}  # ".png" matches every file
    close = [stems[s] for s in difflib.get_close_matches(posixpath.splitext(wanted)[0], stems, 1)]
    found = wanted if wanted in known else (named or close or [None])[0]
    if found:
        path = f"{images}/{found}"
        return f"{path} exists: write {posixpath.relpath(path, folder)}"
    path = f"{images}/{wanted}"
    if target == path:
        return f"save the picture as {path}, or correct the path"
    return f"save the picture as {path} and write {posixpath.relpath(path, folder)}"


def _inside(target: str, images: str) -> str | None:
    """The path inside the `images` folder that `target` points at: what follows its last
    "images/" (docs/images/a/b.png gives a/b.png); None when it names no such folder."""
    parts, folder = target.split("/"), images.split("/")
    starts = [i for i in range(len(parts)) if parts[i : i + len(folder)] == folder]
    return "/".join(parts[starts[-1] + len(folder) :]) if starts else None


def check_safety(page: Page) -> list[Finding]:
    """The safety block included once (on a page that must carry it)."""
    lines = [
        n
        for n, line in enumerate(page.lines, 1)
        if n not in page.code and line.strip() == SAFETY_INCLUDE
    ]
    if not lines:
        where = (
            "under '## Safety notes'" if "Safety notes" in {h[2] for h in page.headings()} else ""
        )
        message = (
            f"the safety block is missing — add the line {SAFETY_INCLUDE} {where}".rstrip()
            + " (includes/safety.md: the pain rule and red flags, written once)"
        )
        return [Finding(page.path, page.body_start, message)]
    return [
        Finding(
            page.path, n, f"the safety block is included twice (also line {lines[0]}) — keep one"
        )
        for n in lines[1:]
    ]


def check_todo(page: Page) -> list[Finding]:
    """A warning, on the first one, while "TODO" prompts (e.g. from new_page.py) remain."""
    lines = [n for n, line in enumerate(page.lines, 1) if n not in page.code and _TODO.search(line)]
    if not lines:
        return []
    count = len(lines)
    message = (
        f"{count} {'lines still say' if count != 1 else 'line still says'} TODO — "
        "replace each prompt with your own "
        "words before you ask for a review"
    )
    return [Finding(page.path, lines[0], message, warning=True)]
