"""Start a new page from the template, with front matter, and add it to the site's nav.

    python -m hinge new-page "Hip thrust" --kind step
    python -m hinge new-page "Hinge myths" --kind article [--section "Learn the hinge"]

A step page goes to docs/progression/<slug>.md with the next step number and the 11 sections
of STYLE.md, and at the end of "The progression" in the nav; an article goes to
docs/<slug>.md, at the end of --section (default "Learn the hinge"). Every prompt starts with
"TODO", the description too: the page builds at once, and `scripts/hinge/check_content.py` warns
(without failing) until an editor has replaced every prompt. mkdocs.yml is edited as text,
so its comments and `!ENV` tags stay as they are.

Run by `make new-page TITLE="..." KIND=step|article [SECTION="..."]` from the project root:
make passes TITLE, KIND and SECTION unexpanded in the environment, read when no argument is
given, so no shell ever reads a title (quotes, `$` and backticks stay text).
Exit codes: 0 created, 1 refused (the page exists, or the nav section is missing),
2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import yaml

from hinge import atomic, front_matter, safe_yaml
from hinge.content_check.schema import PROGRESSION, STEP_SECTIONS, is_step_page

SECTIONS = {"step": "The progression", "article": "Learn the hinge"}
DESCRIPTION = (
    "TODO: say what this page teaches in one or two plain sentences, 50 to 160 characters."
)
STEP_PROMPTS = {
    "Goal": "TODO: one or two sentences: what this step teaches.",
    "Equipment": "- TODO: what you need, and what you can use instead.",
    "Setup": "1. TODO: one action per step, six steps or fewer: stance, grip, brace, start.",
    "Step by step": (
        "TODO: numbered steps for lowering, then rising, with one checkpoint each.\n"
        'End the lowering with a stop rule: "stop when your back starts to change shape".'
    ),
    "Cues": (
        '!!! cue "TODO: a few words to think of mid-rep"\n'
        "    TODO: what to feel. Use up to three cues."
    ),
    "Common faults and fixes": (
        '!!! fault "TODO: the fault, as you would see it on video"\n'
        "    TODO: describe it.\n\n"
        '!!! fix "TODO: the fix, as an action"\n'
        "    TODO: what to do instead."
    ),
    "Dose": (
        "| Level | Sets | Reps | Tempo | Rest |\n|---|---|---|---|---|\n"
        "| Beginner | TODO | TODO | TODO | TODO |\n\n"
        "These are general numbers; a coach can tailor them to you."
    ),
    "When to move on": (
        "Move on when all of these are true:\n\n"
        "- You can do about 3 sets of 8 to 10 controlled reps, meeting every checkpoint.\n"
        "- Any pain stays green on the [pain rule](#pain-rule).\n"
        "- TODO: the checkpoints of this step, and a link to the next step."
    ),
    "When to step back": (
        "Go back to {previous} if your form breaks down.\n"
        "Amber pain: ease off and step back. Red pain: stop and get advice (see the "
        "[pain rule](#pain-rule)).\n"
        "TODO: what to look out for on this step."
    ),
    "Muscles worked": (
        "- **Main movers:** TODO.\n- **Helpers:** TODO.\n\n"
        "Muscle-activity studies show which muscles work hard.\n"
        "They do not show which muscles grow the most."
    ),
    "Safety notes": (
        "- Warm up, clear the floor around you and start light.\n"
        "- TODO: collars, breathing, and what is normal to feel on this step.\n\n"
        '--8<-- "safety.md"'
    ),
}
ARTICLE_BODY = """\
TODO: two or three short sentences: what this page covers and who it is for.

## The main idea

TODO: one idea per paragraph, in plain words. See STYLE.md.

## How to use it

TODO: what the reader can do with it, in a few numbered steps.
"""


ENVIRONMENT = ("TITLE", "KIND", "SECTION")  # from `make new-page`


class Refused(Exception):
    """The page cannot be added; the message says why and what to do."""


def slugify(title: str) -> str:
    """File name stem: ASCII lower case, words joined by hyphens ("Single-leg RDL" -> ...)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower().replace("'", "")).strip("-")


def yaml_text(value: str) -> str:
    """`value` as a YAML key or value: bare when that reads back the same, else double-quoted."""
    try:
        plain = safe_yaml.load(f"{value}: x") == {value: "x"}
        plain = plain and safe_yaml.load(f"key: {value}") == {"key": value}
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def new_front_matter(title: str, today: dt.date, step: int | None = None) -> str:
    """The page's front matter, in the schema's order."""
    lines = [
        "---",
        f"title: {yaml_text(title)}",
        f"description: {yaml_text(DESCRIPTION)}",
        f"date: {today}",
        f"reviewed: {today}",
        "author: example-writer  # TODO: your id in data/people.yml",
        "reviewer: example-reviewer  # TODO: the clinical reviewer's id in data/people.yml",
    ]
    if step is not None:
        lines += [f"step: {step}", "equipment: [TODO]"]
    return "\n".join([*lines, "---", ""])


def step_page(title: str, today: dt.date, step: int, previous: tuple[str, str]) -> str:
    """A step page: front matter, H1, intro and the 11 template sections with prompts."""
    link = f"[{previous[0]}]({previous[1]})"
    sections = "".join(
        f"## {name}\n\n{STEP_PROMPTS[name].format(previous=link)}\n\n" for name in STEP_SECTIONS
    )
    intro = "TODO: two or three sentences: what this step adds to the one before."
    page = f"{new_front_matter(title, today, step)}\n# {title}\n\n{intro}\n\n{sections}"
    return page.removesuffix("\n")  # previous/next links come from the footer


def article_page(title: str, today: dt.date) -> str:
    """An article: front matter, H1, an intro prompt and two H2 prompts."""
    return f"{new_front_matter(title, today)}\n# {title}\n\n{ARTICLE_BODY}"


def last_step(docs: Path) -> tuple[int, tuple[str, str]]:
    """The highest step number so far and (title, file name) of that step's page."""
    best = (0, ("the progression", "index.md"))
    for path in sorted((docs / PROGRESSION).glob("*.md")):
        if not is_step_page(f"{PROGRESSION}/{path.name}"):
            continue
        try:
            meta = front_matter.read(path)
        except front_matter.Unreadable as exc:
            raise Refused(str(exc)) from None
        if isinstance(meta.get("step"), int) and meta["step"] > best[0]:
            best = (meta["step"], (str(meta.get("title", path.stem)), path.name))
    return best


class _AnyTagLoader(safe_yaml.Loader):
    """Reads mkdocs.yml's `!ENV` (and any other) tags as null."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def add_to_nav(config: str, section: str, title: str, path: str) -> str:
    """`config` (mkdocs.yml's text) with `title: path` added to the end of nav section `section`
    (a step page after the last step page, so a closing page such as finish.md stays last)."""
    lines = config.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "nav:"), None)
    if start is None:
        raise Refused("mkdocs.yml has no nav: — add one, then run this again")
    header = None
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and not line[0].isspace() and not line.startswith("#"):
            break  # the next top-level key
        match = re.match(r"^(\s*)- (.+?):\s*(#.*)?$", line)
        if match and _unquote(match[2]) == section:
            header = index, len(match[1])
            break
    if header is None:
        names = ", ".join(f'"{name}"' for name in _sections(config))
        raise Refused(f'no nav section "{section}" in mkdocs.yml — use one of: {names}')
    index, indent = header
    last, child, step = index, None, path.startswith(f"{PROGRESSION}/")
    for number in range(index + 1, len(lines)):
        line = lines[number]
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip())
        if depth <= indent:
            break
        if child is None and line.lstrip().startswith("- "):
            child = depth
        if not step or f": {PROGRESSION}/" in line:
            last = number  # a step goes after the last step, before the finish page
    entry = f"{' ' * (indent + 4 if child is None else child)}- {yaml_text(title)}: {path}\n"
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    new = "".join([*lines[: last + 1], entry, *lines[last + 1 :]])
    if {title: path} not in _nav_section(new, section):
        raise Refused(f'could not add the page to "{section}" — add "{title}: {path}" by hand')
    return new


def _unquote(key: str) -> str:
    try:
        value = safe_yaml.load(key)
    except yaml.YAMLError:
        return key
    return value if isinstance(value, str) else key


def _nav(config: str) -> list:
    nav = safe_yaml.load(config, _AnyTagLoader).get("nav")
    return nav if isinstance(nav, list) else []


def _sections(config: str) -> list[str]:
    """The names of the nav's sections (entries holding a list)."""
    return [
        key
        for item in _nav(config)
        if isinstance(item, dict)
        for key, value in item.items()
        if isinstance(value, list)
    ]


def _nav_section(config: str, section: str) -> list:
    for item in _nav(config):
        if isinstance(item, dict) and isinstance(item.get(section), list):
            return item[section]
    return []


def create(
    title: str, kind: str, section: str, config: Path, docs: Path, today: dt.date
) -> tuple[Path, str]:
    """Write the page and the nav entry; return the page's path and its nav section."""
    slug = slugify(title)
    inside = f"{PROGRESSION}/{slug}.md" if kind == "step" else f"{slug}.md"
    page = docs / inside
    if page.exists():
        raise Refused(f"{page} already exists — open it, or choose another title")
    try:
        config_text = safe_yaml.read_text(config)
    except safe_yaml.NotUtf8 as exc:
        raise Refused(f"{config}:{exc.line}: {exc}") from None
    if re.search(rf":\s*{re.escape(inside)}\s*(#.*)?$", config_text, re.MULTILINE):
        raise Refused(f"{inside} is already in the nav of {config} — choose another title")
    try:
        new_config = add_to_nav(config_text, section, title, inside)
    except yaml.YAMLError as exc:
        line, message = safe_yaml.describe(exc, "check quotes and indentation")
        raise Refused(f"{config}:{line}: {message}") from None
    if kind == "step":
        number, previous = last_step(docs)
        text = step_page(title, today, number + 1, previous)
    else:
        text = article_page(title, today)
    try:
        atomic.write(page, text, fsync=True, exclusive=True)
    except FileExistsError:
        raise Refused(f"{page} already exists — open it, or choose another title") from None
    atomic.write(config, new_config, fsync=True)
    return page, section


def env_args(environ: Mapping[str, str]) -> list[str]:
    """The arguments `make new-page` passes in the environment, as a command line."""
    title, kind, section = (environ.get(name, "") for name in ENVIRONMENT)
    args = [title]
    if kind:
        args += ["--kind", kind]
    if section:
        args += ["--section", section]
    return args


def main(argv: list[str] | None = None) -> int:
    """Create the page; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("title", help='the page title, e.g. "Hip thrust"')
    parser.add_argument("--kind", choices=tuple(SECTIONS), required=True)
    parser.add_argument("--section", help="nav section (default: by kind)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    if argv is None:
        argv = sys.argv[1:] or env_args(os.environ)
    args = parser.parse_args(argv)
    title = " ".join(args.title.split())
    if not slugify(title):
        parser.error('the title needs a letter or digit — e.g. make new-page TITLE="Hip thrust"')
    if not args.config.is_file() or not args.docs.is_dir():
        parser.error(f"{args.config} or {args.docs}/ not found: run from the project root")
    if args.kind == "step" and args.section not in (None, SECTIONS["step"]):
        parser.error(f'step pages always go in "{SECTIONS["step"]}"; leave out --section')
    section = args.section or SECTIONS[args.kind]
    try:
        page, section = create(title, args.kind, section, args.config, args.docs, dt.date.today())
    except Refused as exc:
        print(f"new_page: {exc}", file=sys.stderr)
        return 1
    print(f'Created {page}, added to the nav under "{section}".')
    print('Next: replace every "TODO", then run make check.')
    return 0


if __name__ == "__main__":
    sys.exit(main())
