"""What a page must contain: the one front-matter schema and the step-page template.

Change the rules here; the checker (`scripts/hinge/check_content.py`) and the scaffolder
(`scripts/hinge/new_page.py`) both read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Field:
    """A front-matter key: its kind of value, whether it is required, and an example."""

    name: str
    kind: str  # "text", "description", "date", "step", "list", "tags" or "person"
    required: bool
    example: str
    step_only: bool = False


FIELDS = (
    Field("title", "text", True, "title: Barbell RDL"),
    Field("description", "description", True, "description: One plain sentence, 50 to 160 ..."),
    Field("date", "date", True, "date: 2026-11-25"),
    Field("reviewed", "date", True, "reviewed: 2026-11-25"),
    Field("step", "step", True, "step: 3", step_only=True),
    Field("equipment", "list", True, "equipment: [kettlebell, mat]", step_only=True),
    Field("tags", "tags", False, "tags: [beginners, technique]"),
    # People by their id in data/people.yml; the byline names them.
    Field("author", "person", False, "author: jordan-p"),
    Field("reviewer", "person", False, "reviewer: sam-k"),
)
DESCRIPTION_LENGTH = (50, 160)
# Add a tag here before you use it on a page.
KNOWN_TAGS = ("beginners", "technique", "strength", "equipment", "safety", "research")

PROGRESSION = "progression"  # the step pages' folder inside docs/
STEP_SECTIONS = (
    "Goal",
    "Equipment",
    "Setup",
    "Step by step",
    "Cues",
    "Common faults and fixes",
    "Dose",
    "When to move on",
    "When to step back",
    "Muscles worked",
    "Safety notes",
)


def is_step_page(path: str) -> bool:
    """True for `progression/<slug>.md` (a path inside docs/), except the section's index."""
    parts = PurePosixPath(path).parts
    return len(parts) == 2 and parts[0] == PROGRESSION and parts[1] != "index.md"


def fields_for(path: str) -> tuple[Field, ...]:
    """The fields a page at `path` (inside docs/) may have."""
    step = is_step_page(path)
    return tuple(field for field in FIELDS if step or not field.step_only)
