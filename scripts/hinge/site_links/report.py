"""Link problems in `hinge.report`'s formats: text grouped by the file to edit, JSON, GitHub."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict

from hinge.report import annotation, plural
from hinge.site_links.model import Problem

SITE_WIDE = 5  # a theme link broken on this many pages is listed once


def render(problems: list[Problem], form: str, site: str, checked: str) -> str:
    """Render `problems` in `form`; `site` prefixes page paths, `checked` summarises the run."""
    if form == "json":
        return json.dumps([asdict(problem) for problem in problems], indent=2, ensure_ascii=False)
    if form == "github":
        return "\n".join(github_line(problem, site) for problem in problems)
    return text(problems, site, checked)


def text(problems: list[Problem], site: str, checked: str) -> str:
    """One line per problem, grouped by the file to edit, then a summary line."""
    groups: dict[str, list[str]] = defaultdict(list)
    spread = Counter((p.url, p.reason) for p in problems if not p.source)
    wide: dict[tuple[str, str], list[str]] = defaultdict(list)
    for problem in problems:
        label = "warning: " if problem.severity == "warning" else ""
        if not problem.source and spread[problem.url, problem.reason] >= SITE_WIDE:
            wide[problem.url, problem.reason].append(problem.page)
            continue
        if problem.source:
            where, line = problem.source.rsplit(":", 1)
            where = f"{where} (built as {site}/{problem.page})"
        else:
            where, line = f"{site}/{problem.page}", str(problem.line)
        groups[where].append(f"  {line}: {label}{problem.kind}: {problem.url}: {problem.reason}")
    out = []
    for where in sorted(groups):
        out += [where, *groups[where]]
    if wide:
        out.append("On many pages (theme or template markup):")
        for (url, reason), pages in sorted(wide.items()):
            out.append(f"  {url}: {reason} (on {len(pages)} pages, e.g. {site}/{pages[0]})")
    out.append(summary(problems, checked))
    return "\n".join(out)


def summary(problems: list[Problem], checked: str) -> str:
    """E.g. "3 broken links (2 internal, 1 fragment) and 1 warning; checked 120 links ..."."""
    errors = Counter(p.kind for p in problems if p.severity == "error")
    warnings = sum(p.severity == "warning" for p in problems)
    total = sum(errors.values())
    if not total and not warnings:
        return f"No broken links; {checked}."
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(errors.items()))
    head = plural(total, "broken link") + (f" ({kinds})" if kinds else "")
    tail = f" and {plural(warnings, 'warning')}" if warnings else ""
    return f"{head}{tail}; {checked}."


def github_line(problem: Problem, site: str) -> str:
    """A workflow command that annotates the Markdown line (or the built page)."""
    if problem.source:
        path, line = problem.source.rsplit(":", 1)
    else:
        path, line = f"{site}/{problem.page}", str(problem.line)
    message = f"{problem.url}: {problem.reason} (in {site}/{problem.page})"
    return annotation(problem.severity, message, path, int(line), f"{problem.kind} link")
