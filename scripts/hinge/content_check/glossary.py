"""Every tooltip in includes/abbreviations.md has a glossary entry, and the other way round."""

from __future__ import annotations

import re

from hinge.report import Finding

_ABBR = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<text>.*)$")
_DEFINITION = re.compile(r"^:\s+(?P<text>.*)$")


def abbreviations(text: str) -> dict[str, tuple[int, str]]:
    """Term -> (line, definition) for each `*[TERM]: definition` line."""
    found = {}
    for number, line in enumerate(text.splitlines(), 1):
        if match := _ABBR.match(line):
            found.setdefault(match["term"].strip(), (number, " ".join(match["text"].split())))
    return found


def glossary_terms(text: str) -> dict[str, tuple[int, str]]:
    """Term -> (line, definition) for each definition-list entry (`term` then `:   text`)."""
    lines = text.splitlines()
    found = {}
    for index in range(len(lines) - 1):
        term, match = lines[index].strip(), _DEFINITION.match(lines[index + 1])
        if term and match and not lines[index].startswith((" ", "\t")):
            found.setdefault(term, (index + 1, " ".join(match["text"].split())))
    return found


def check_glossary(
    abbr_path: str, abbr_text: str, glossary_path: str, glossary_text: str
) -> list[Finding]:
    """Terms missing from either file, and definitions that differ between them."""
    tips, terms = abbreviations(abbr_text), glossary_terms(glossary_text)
    findings = []
    for term, (line, _) in tips.items():
        if term not in terms:
            message = f'"{term}" has no entry in {glossary_path} — add it there, same definition'
            findings.append(Finding(abbr_path, line, message))
    for term, (line, text) in terms.items():
        if term not in tips:
            message = f'"{term}" has no tooltip — add "*[{term}]: {text}" to {abbr_path}'
            findings.append(Finding(glossary_path, line, message))
        elif tips[term][1] != text:
            message = (
                f'the definition of "{term}" differs from {abbr_path}:{tips[term][0]} — '
                "make the two the same"
            )
            findings.append(Finding(glossary_path, line + 1, message))
    return findings
