"""Every page's front matter is complete and its prose reads at about grade 8."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import hinge.front_matter
from conftest import ROOT
from hinge.reading_level import DEFAULT_MAX, page_grades

PAGES = sorted((ROOT / "docs").rglob("*.md"))


def front_matter(page: Path) -> dict:
    meta = hinge.front_matter.read(page, page.relative_to(ROOT).as_posix())
    assert meta, f"{page.relative_to(ROOT)}:1: start with --- front matter"
    return meta


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_front_matter(page: Path) -> None:
    name = page.relative_to(ROOT)
    meta = front_matter(page)
    for field in ("title", "description", "date", "reviewed"):
        assert field in meta, f"{name}: front matter needs `{field}:`"
    assert 50 <= len(meta["description"]) <= 160, (
        f"{name}: description is {len(meta['description'])} characters; write 50 to 160"
    )
    for field in ("date", "reviewed"):
        assert isinstance(meta[field], dt.date), f"{name}: `{field}:` must be YYYY-MM-DD"
    assert meta["reviewed"] >= meta["date"], f"{name}: `reviewed` is before `date`"


def test_reading_level(site: Path) -> None:
    grades = page_grades(site)
    assert len(grades) >= 10
    too_hard = {page: g for page, g in grades.items() if g > DEFAULT_MAX}
    assert not too_hard, f"pages above grade {DEFAULT_MAX}: {too_hard}"
