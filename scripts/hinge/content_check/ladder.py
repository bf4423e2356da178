"""The ladder: the step pages' front matter read as data, and the rules that keep it whole.

Each page in docs/progression/ (but its index) is a rung: its `step`, `title`, `equipment` and
`description`; optionally `ready` (what a reader must manage before starting it) and `after`
(the file of the page it follows, when the step before offers several). Pages that share a
step number are options at that step, and each of them must say `ready`: otherwise the shared
number is a clash. `read_ladder` is the one reader of this data: `check_ladder` checks it and
site_markdown/ladder.py (the ``/// ladder`` block on the home and progression pages) renders
it; overrides/main.html says "Step N of M" from the same front matter. So adding a step is one
new page and one nav line.

`check_ladder` reports, as ``file:line: what — how to fix``: steps that do not run 1, 2, 3 …
without a gap; pages that share a step without each saying `ready`; an `after` that names no
page at the step before; a title or description that names another step number; step pages
listed out of ladder order in the nav of mkdocs.yml (the footer's previous and next links
follow the nav; content_check/nav.py reports a page the nav leaves out). Field types are not
checked here: front_matter.py reports those, and a page whose `step` is not a whole number is
left out of the ladder.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode

from hinge import front_matter, safe_yaml
from hinge.content_check.nav import CONFIG, _entries, _value
from hinge.content_check.schema import PROGRESSION, is_step_page
from hinge.front_matter import FIRST_LINE
from hinge.report import Finding

_STEP_NUMBER = re.compile(r"\bstep (\d+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Rung:
    """One step page: where it is (inside docs/), its front matter, and the lines of its keys."""

    src: str  # e.g. progression/barbell-rdl.md
    step: int
    title: str
    description: str = ""
    equipment: tuple[str, ...] = ()
    ready: str = ""
    after: str = ""  # a file name in the same folder, e.g. barbell-rdl.md
    lines: tuple[tuple[str, int], ...] = ()  # (key, line in the file)

    def line(self, key: str) -> int:
        """The file line of `key` in the front matter (1 when it is not there)."""
        return dict(self.lines).get(key, 1)

    @property
    def name(self) -> str:
        """The file name, as `after` and links within the folder write it."""
        return self.src.rsplit("/", 1)[-1]


def read_ladder(docs: Path) -> list[Rung]:
    """Every step page under `docs` with a whole-number step, in ladder order.

    Ladder order: by step, then options at one step by title. Pages that cannot be read, or
    whose step is not a whole number, are left out (the front-matter check reports them).
    """
    rungs = []
    for file in sorted((docs / PROGRESSION).glob("*.md")):
        src = f"{PROGRESSION}/{file.name}"
        if is_step_page(src) and (rung := _read_rung(file, src)) is not None:
            rungs.append(rung)
    return sorted(rungs, key=lambda rung: (rung.step, rung.title.casefold(), rung.src))


def steps(rungs: list[Rung]) -> list[list[Rung]]:
    """The rungs grouped by step, in ladder order: one list per step, its options inside."""
    grouped: dict[int, list[Rung]] = {}
    for rung in rungs:
        grouped.setdefault(rung.step, []).append(rung)
    return [grouped[step] for step in sorted(grouped)]


def check_ladder(root: Path, docs: str = "docs") -> list[Finding]:
    """Problems with the ladder of the project at `root`; paths in findings start at `root`."""
    rungs = read_ladder(root / docs)
    findings = _check_numbers(rungs, docs) + _check_after(rungs, docs)
    return findings + _check_wording(rungs, docs) + _check_nav(rungs, root)


def _check_numbers(rungs: list[Rung], docs: str) -> list[Finding]:
    """Steps run 1, 2, 3 … without gaps; a shared step is a choice only if all say `ready`."""
    findings = []
    expected = 1
    for options in steps(rungs):
        first = options[0]
        if first.step != expected:
            if first.step < expected:  # only step 0 can come before step 1
                problem = "steps start at 1"
            elif first.step == expected + 1:
                problem = f"no page has step {expected}"
            else:
                problem = f"no page has steps {expected} to {first.step - 1}"
            message = (
                f"this is step {first.step}, but {problem} — number the steps 1, 2, 3 … "
                "without gaps (change `step:` here and on the pages after it)"
            )
            findings.append(Finding(f"{docs}/{first.src}", first.line("step"), message))
        expected = first.step + 1
        if len(options) > 1:
            for rung in options:
                if rung.ready:
                    continue
                others = ", ".join(other.name for other in options if other is not rung)
                message = (
                    f"step {rung.step} is also the step of {others} — give this page its own "
                    f'step number; or, to offer a choice at step {rung.step}, add "ready:" '
                    "(what a reader must manage first) to every page at that step"
                )
                findings.append(Finding(f"{docs}/{rung.src}", rung.line("step"), message))
    return findings


def _check_after(rungs: list[Rung], docs: str) -> list[Finding]:
    """Each `after` names a page at the step just before this one."""
    findings = []
    by_name = {rung.name: rung for rung in rungs}
    for rung in rungs:
        if not rung.after:
            continue
        before = [other.name for other in rungs if other.step == rung.step - 1]
        target = by_name.get(rung.after)
        if target is not None and target.step == rung.step - 1:
            continue
        where = f"is step {target.step}" if target else "is not a step page"
        fix = (
            f"write the file name of a page at step {rung.step - 1}: {', '.join(before)}"
            if before
            else 'remove "after": no step comes before this one'
        )
        message = f'"after: {rung.after}" names a page that {where} — {fix}'
        findings.append(Finding(f"{docs}/{rung.src}", rung.line("after"), message))
    return findings


def _check_wording(rungs: list[Rung], docs: str) -> list[Finding]:
    """A title or description names no other step number than the page's own."""
    findings = []
    for rung in rungs:
        for key in ("title", "description"):
            text = rung.title if key == "title" else rung.description
            for match in _STEP_NUMBER.finditer(text):
                if int(match[1]) != rung.step:
                    message = (
                        f'{key} says "{match[0]}", but this page is step {rung.step} — leave '
                        "the number out: the page and the ladder show it from `step:`"
                    )
                    findings.append(Finding(f"{docs}/{rung.src}", rung.line(key), message))
    return findings


def _check_nav(rungs: list[Rung], root: Path) -> list[Finding]:
    """The nav lists the step pages in ladder order (content_check/nav.py reports a page that
    it leaves out, and a config it cannot read)."""
    try:
        config = safe_yaml.compose(safe_yaml.read_text(root / CONFIG))
    except (OSError, ValueError, yaml.YAMLError):
        return []
    nav = _value(config, "nav")
    listed = dict(_entries(nav)) if nav is not None else {}
    in_nav = sorted((rung for rung in rungs if rung.src in listed), key=lambda r: listed[r.src])
    order = {rung.src: index for index, rung in enumerate(rungs)}
    findings = []
    for before, rung in itertools.pairwise(in_nav):
        if order[rung.src] < order[before.src]:
            message = (
                f"{rung.src} (step {rung.step}) is listed after {before.src} (step {before.step})"
                " — list step pages in step order, and options at one step by title, so each "
                "page's previous and next links follow the ladder"
            )
            findings.append(Finding(CONFIG, listed[rung.src], message))
    return findings


def _read_rung(file: Path, src: str) -> Rung | None:
    """The rung for one step page; None if its front matter or step cannot be read."""
    try:
        root = front_matter.compose(front_matter.split(safe_yaml.read_text(file)).yaml, src)
    except (OSError, ValueError):  # not UTF-8, or front_matter.Unreadable
        return None
    if root is None:
        return None
    fields = {
        key.value: value
        for key, value in root.value
        if isinstance(key, ScalarNode) and isinstance(key.value, str)
    }
    step = fields.get("step")
    if not (isinstance(step, ScalarNode) and step.tag.endswith(":int") and step.value.isdigit()):
        return None
    equipment = fields.get("equipment")
    items = equipment.value if isinstance(equipment, SequenceNode) else []
    return Rung(
        src=src,
        step=int(step.value),
        title=_text(fields.get("title")) or file.stem,
        description=_text(fields.get("description")),
        equipment=tuple(text for item in items if (text := _text(item))),
        ready=_text(fields.get("ready")),
        after=_text(fields.get("after")),
        lines=tuple((key, node.start_mark.line + FIRST_LINE) for key, node in fields.items()),
    )


def _text(node: Node | None) -> str:
    """A scalar's text on one line ('' for anything else)."""
    if isinstance(node, ScalarNode) and isinstance(node.value, str):
        return " ".join(node.value.split())
    return ""
