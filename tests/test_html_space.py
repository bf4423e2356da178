"""scripts/hinge/html_space.py: the templates' indentation comes out of every page, which a
browser draws exactly as before (full-page screenshots and text, phone and desktop), while
attributes and the elements that keep white space are untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser

from conftest import BASE_PATH, ROOT
from hinge import pipeline
from hinge.html_space import collapse, collapse_site
from page_audit import THEME_MOUNTED, wait_until
from serve_site import serve

TOLERANCE = 48  # a channel moving by more than this is a change, not anti-aliasing


def test_indentation_between_tags_becomes_one_line_break() -> None:
    html = '<ul>\n    <li>\n      <a href="/">Home</a>\n    </li>\n  </ul>\n'
    assert collapse(html) == '<ul>\n<li>\n<a href="/">Home</a>\n</li>\n</ul>\n'


def test_words_keep_their_spaces() -> None:
    html = "<p>Hips back,\n      soft knees</p><p>two  spaces stay</p>"
    assert collapse(html) == "<p>Hips back,\nsoft knees</p><p>two  spaces stay</p>"


@pytest.mark.parametrize("tag", ["pre", "code", "kbd", "textarea", "script", "style"])
def test_white_space_is_kept_where_it_counts(tag: str) -> None:
    html = f'<div>\n  <{tag} class="x">a\n    b\n\n  c</{tag}>\n  </div>'
    assert collapse(html) == f'<div>\n<{tag} class="x">a\n    b\n\n  c</{tag}>\n</div>'


def test_attributes_are_untouched() -> None:
    html = '<abbr title="one\n    two">x</abbr>\n   <img alt="a\n  b">'
    assert collapse(html) == '<abbr title="one\n    two">x</abbr>\n<img alt="a\n  b">'


def test_every_built_page_is_collapsed_and_a_second_run_changes_nothing(
    site: Path, tmp_path: Path
) -> None:
    copy = shutil.copytree(site, tmp_path / "site")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in copy.rglob("*.html")}
    size, size_after = collapse_site(copy)
    assert size == size_after
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in copy.rglob("*.html")} == before


@pytest.fixture(scope="module")
def indented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as MkDocs and the css step leave it, before this step."""
    out = tmp_path_factory.mktemp("indented") / "site"
    steps = [s for s in pipeline.STEPS if s.name in ("mkdocs", "css")]
    assert pipeline.run(steps, pipeline.Target(config=ROOT / "mkdocs.yml", site=out)) == 0
    return out


@pytest.mark.parametrize("path", ["", "progression/kettlebell-deadlift/"])
def test_a_collapsed_page_looks_and_reads_the_same(
    browser: Browser, indented: Path, tmp_path: Path, path: str
) -> None:
    collapsed = shutil.copytree(indented, tmp_path / "collapsed")
    before, after = collapse_site(collapsed)
    assert after < 0.95 * before
    for width, height in ((360, 740), (1280, 800)):
        seen = []
        for site in (indented, collapsed):
            with serve(site, BASE_PATH) as url:
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    reduced_motion="reduce",
                    service_workers="block",
                )
                page = context.new_page()
                page.goto(url + path, wait_until="load")
                wait_until(page, THEME_MOUNTED)
                page.wait_for_load_state("networkidle")
                shot = tmp_path / f"{len(seen)}.png"
                page.screenshot(path=shot, full_page=True)
                seen.append((page.evaluate("document.body.innerText"), shot))
                context.close()
        (text, first), (text_after, second) = seen
        assert text_after == text, f"/{path} reads differently at {width} px"
        a, b = Image.open(first).convert("RGB"), Image.open(second).convert("RGB")
        assert a.size == b.size, f"/{path} changed height at {width} px: {a.size} → {b.size}"
        moved = (
            ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > TOLERANCE else 0)
        )
        assert moved.getbbox() is None, f"/{path} looks different at {width} px"
