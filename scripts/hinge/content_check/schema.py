"""What a page must contain: its front-matter schema (`hinge.yaml_fields`) and the step template.

Change the rules here; the checker (`scripts/hinge/check_content.py`) and the scaffolder
(`scripts/hinge/new_page.py`) both read them.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from hinge.yaml_fields import Field

# Add a tag here before you use it on a page.
KNOWN_TAGS = ("beginners", "technique", "strength", "equipment", "safety", "research")
FIELDS = (
    Field("title", "text", True, "title: Barbell RDL"),
    Field("description", "description", True, "description: One plain sentence, 50 to 160 ..."),
    Field("date", "date", True, "date: 2026-11-25"),
    Field("reviewed", "date", True, "reviewed: 2026-11-25"),
    Field("tags", "choices", False, "tags: [beginners, technique]", choices=KNOWN_TAGS),
    # People by their id in data/people.yml; the byline names them (issue 16: every page says
    # who wrote it and who reviewed it; an example person shows as one, and never in production).
    Field("author", "person", True, "author: example-writer"),
    Field("reviewer", "person", True, "reviewer: example-reviewer"),
)
STEP_FIELDS = (  # step pages only; content_check/ladder.py reads them
    Field("step", "step", True, "step: 3"),
    Field("equipment", "words", True, "equipment: [kettlebell, mat]"),
    # At a step with several options: what to manage first, and the page this one follows.
    Field("ready", "text", False, 'ready: "You can hinge with a dowel on your back."'),
    Field("after", "text", False, "after: barbell-rdl.md"),
)
DESCRIPTION_LENGTH = (50, 160)
# The one safety block (includes/safety.md: the pain rule, red flags, who asks first), written
# once and included on every step page and these pages (inside docs/).
SAFETY_INCLUDE = '--8<-- "safety.md"'
SAFETY_PAGES = ("progression/index.md", "about.md")

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
    return FIELDS + STEP_FIELDS if is_step_page(path) else FIELDS
