"""scripts/hinge/critical_css.py: which theme rules the inline subset keeps, and the build step.

The selection is checked on small stylesheets against what a site holds; the step on copies of
the real built site: it fills every page, a second run changes nothing, and a site whose
pages lack the slot fails with a message that says where the slot comes from.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from hinge.critical_css import SLOT, Tokens, main, parse, prune_variables, select, serialize

PAGE = b"""<!doctype html><html><head><title>t</title></head><body class="md-typeset">
<nav id="drawer" data-md-component="navigation"><a class="md-nav__link" hidden>x</a></nav>
<script>el.classList.add("md-search--active"); el.className = "md-tooltip2--" + side</script>
</body></html>"""


def subset(css: str, extra: str = "") -> str:
    tokens = Tokens()
    tokens.add_page(PAGE)
    return serialize(prune_variables(select(parse(css), tokens), extra))


@pytest.mark.parametrize(
    "rule",
    [
        ".md-nav__link{color:red}",  # a class on the page
        "#drawer .md-nav__link:hover{color:red}",  # an id and a pseudo-class
        "[data-md-component=navigation]{color:red}",  # an attribute and its value
        "a[hidden]{display:none}",  # a tag and an attribute
        ".md-search--active{color:red}",  # a class only a script adds
        ".md-tooltip2--bottom{color:red}",  # a class a script builds from a prefix
        ".md-nav__link:not(.md-absent){color:red}",  # what :not() holds is not required
        ".md-typeset::-webkit-scrollbar{width:0}",  # a vendor pseudo-element
    ],
)
def test_a_rule_that_can_match_is_kept(rule: str) -> None:
    assert subset(rule) == rule


@pytest.mark.parametrize(
    "rule",
    [
        ".md-absent{color:red}",
        "#absent .md-nav__link{color:red}",
        "[data-md-component=search]{color:red}",
        "table td{color:red}",
        "@media screen{.md-absent{color:red}}",  # an at-rule left empty goes too
    ],
)
def test_a_rule_that_cannot_match_is_dropped(rule: str) -> None:
    assert subset(rule) == ""


def test_a_selector_list_keeps_the_selectors_that_can_match() -> None:
    css = '@charset "UTF-8";@media print{.md-absent,.md-nav__link{color:red}}'
    assert subset(css) == '@charset "UTF-8";@media print{.md-nav__link{color:red}}'


def test_custom_properties_nothing_refers_to_are_dropped() -> None:
    css = ":root{--a:1px;--b:var(--a);--c:2px;--d:3px}.md-nav__link{margin:var(--b)}"
    assert subset(css, extra="width:var(--d)") == (
        ":root{--a:1px;--b:var(--a);--d:3px}.md-nav__link{margin:var(--b)}"
    )


def test_the_partial_is_an_empty_slot() -> None:
    """The committed partial holds no CSS: the build fills it (the stylesheet is generated)."""
    partial = (ROOT / "overrides/partials/critical-css.html").read_text(encoding="utf-8")
    slot = SLOT.search(partial)
    assert slot, "overrides/partials/critical-css.html lost the slot that SLOT finds"
    assert slot.group(0) == "<style data-theme-subset></style>\n<style></style>"


def test_a_second_run_changes_nothing(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    assert main([str(copy)]) == 0
    changed = [
        path.relative_to(copy).as_posix()
        for path in sorted(copy.rglob("*.html"))
        if path.read_bytes() != (site / path.relative_to(copy)).read_bytes()
    ]
    assert not changed, f"a second run rewrote {changed}"


def test_a_site_without_the_slot_fails_clearly(
    site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    for path in copy.rglob("*.html"):
        path.write_text(SLOT.sub("", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert main([str(copy)]) == 1
    assert "must include partials/critical-css.html" in caplog.text
