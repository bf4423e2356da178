"""scripts/hinge/critical_css.py: which theme rules the inline subset keeps, and the build step.

The selection is checked on small stylesheets against what a site holds; the step on copies of
the real built site: it fills every page, a second run changes nothing, and a site whose
pages lack the slot fails with a message that says where the slot comes from.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from hinge import settings
from hinge.critical_css import (
    GATES,
    IMAGE_PROPERTY,
    PAINTED,
    REPLACED_ATTRS,
    SLOT,
    Tokens,
    admonition_icons,
    icon_hosts,
    icon_placeholders,
    main,
    parse,
    prune_variables,
    select,
    serialize,
    split_top,
    theme_dirs,
    theme_stylesheets,
)

PAGE = b"""<!doctype html><html><head><title>t</title></head><body class="md-typeset">
<nav id="drawer" data-md-component="navigation"><a class="md-nav__link" hidden>x</a></nav>
<script>el.classList.add("md-search--active"); el.className = "md-nav__link--" + side</script>
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
        ".md-nav__link--passed{color:red}",  # a class a script builds from a prefix
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


@pytest.mark.parametrize(
    ("rule", "script"),
    [
        # the minified code's own names are not classes
        (".highlight .k{color:red}", 'var k=1,n=k;e.classList.add("highlight"+n)'),
        # a selector the script reads is not a class it adds
        (".highlight{color:red}", 'e.closest(".highlight");e.querySelector("#top")'),
        ("#top{color:red}", 'e.querySelector("#top")'),
        # the scripts read the page's direction, never write it
        ("[dir=rtl] .md-nav__link{color:red}", 'e.getAttribute("dir")==="rtl"'),
    ],
)
def test_what_a_script_only_reads_or_names_keeps_no_rule(rule: str, script: str) -> None:
    tokens = Tokens()
    tokens.add_page(f'<html dir="ltr"><body><script>{script}</script></body></html>'.encode())
    assert serialize(select(parse(rule), tokens)) == ""


def test_data_scripts_write_nothing() -> None:
    """JSON (the theme's __config, JSON-LD) is read, never run: its words add no class."""
    tokens = Tokens()
    page = '<script type="application/ld+json">{"name": "example"}</script>'
    tokens.add_page(f"<html><body>{page}</body></html>".encode())
    assert serialize(select(parse(".example{color:red}"), tokens)) == ""


def test_a_hyphenated_word_counts_even_where_strings_lose_track() -> None:
    """A regular expression with a quote in it can throw the string scanner off; a class with a
    hyphen is still seen, since no JavaScript name holds one."""
    tokens = Tokens()
    tokens.add_script("""e.replace(/["']/g,x);e.className=s?"md-dialog--active":y""")
    assert tokens.has_class("md-dialog--active")


def test_a_selector_list_keeps_the_selectors_that_can_match() -> None:
    css = '@charset "UTF-8";@media print{.md-absent,.md-nav__link{color:red}}'
    assert subset(css) == '@charset "UTF-8";@media print{.md-nav__link{color:red}}'


def test_custom_properties_nothing_refers_to_are_dropped() -> None:
    css = ":root{--a:1px;--b:var(--a);--c:2px;--d:3px}.md-nav__link{margin:var(--b)}"
    assert subset(css, extra="width:var(--d)") == (
        ":root{--a:1px;--b:var(--a);--d:3px}.md-nav__link{margin:var(--b)}"
    )


def config(**settings: object) -> str:
    """The theme's __config script, as a page carries it."""
    return f'<script id="__config" type="application/json">{json.dumps(settings)}</script>'


# A rule for a part the theme's scripts draw only with a setting on, and a page with it on.
GATED = [
    (".md-source__facts{color:red}", '<div data-md-component="source"></div>'),
    (".md-version__current{color:red}", config(version={"provider": "mike"})),
    (".md-annotation__index{color:red}", config(features=["content.code.annotate"])),
    (".md-annotation__index{color:red}", '<pre class="annotate"></pre>'),
    (".md-code__button{color:red}", config(features=["content.code.copy"])),
    (".md-code__nav{color:red}", config(features=["content.code.select"])),
    (".tabbed-control{color:red}", '<div class="tabbed-set"></div>'),
    (".mermaid{color:red}", '<pre class="mermaid"></pre>'),
    (".md-tooltip2__inner{color:red}", config(features=["content.tooltips"])),
    (".md-tooltip2__inner{color:red}", config(features=["content.footnote.tooltips"])),
    (".md-tooltip2__inner{color:red}", '<a href="x" data-preview>x</a>'),
    (".md-tooltip__inner{color:red}", config(features=["navigation.instant.preview"])),
    (".md-tooltip--inline{color:red}", '<pre class="annotate"></pre>'),
    (".md-tag-icon{color:red}", config(tags={"strength": "lift"})),
]


def gated_subset(rule: str, markup: str) -> str:
    """``rule`` kept or not on a page with ``markup`` whose script spells the rule's class."""
    name = rule[1:].split("{")[0]
    tokens = Tokens()
    tokens.add_page(f"<html><body>{markup}<script>x('{name}')</script></body></html>".encode())
    return serialize(select(parse(rule), tokens))


@pytest.mark.parametrize(("rule", "markup"), GATED)
def test_a_gated_part_is_kept_only_with_its_setting(rule: str, markup: str) -> None:
    assert gated_subset(rule, markup) == rule
    assert gated_subset(rule, config(features=["navigation.instant"])) == ""


def test_a_null_version_keeps_the_version_selector_out() -> None:
    """Material writes ``"version": null`` when extra.version is unset."""
    assert gated_subset(".md-version__current{color:red}", config(version=None)) == ""


def test_the_gates_match_the_theme_bundle(site: Path) -> None:
    """The gates read Material's bundle: each part's class and each setting is still there (a
    theme upgrade that renames one shows here)."""
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).read_text(encoding="utf-8")
    spelled = ["md-source__facts", "md-version__current", "md-annotation__index"]
    spelled += ["md-code__button", "md-code__nav", "tabbed-control", "content.code.annotate"]
    spelled += ["content.code.copy", "content.code.select", "mermaid", "md-tooltip__inner"]
    spelled += ["md-tooltip2__inner", "content.tooltips", "content.footnote.tooltips"]
    spelled += ["navigation.instant.preview", "data-preview", "md-tag-icon"]
    assert [word for word in spelled if word not in bundle] == []
    assert {name for name in GATES} == {"md-source", "md-version", "md-annotation"} | {
        "md-code__button",
        "md-code__nav",
        "tabbed-",
        "mermaid",
        "md-tooltip",
        "md-tag-icon",
    }


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<table></table>", ".md-typeset table:not(:root) td>:first-child{margin-top:0}"),
        (
            '<table class="x"></table>',
            ".md-typeset table:not([class]) td>:first-child{margin-top:0}",
        ),
    ],
)
def test_a_class_test_no_page_needs_is_dropped(markup: str, expected: str) -> None:
    """`table:not([class])` made Chromium restyle the whole page for each class put on
    <html>; where no page has a `<table class>`, `:not(:root)` keeps the same tables and the
    same specificity."""
    tokens = Tokens()
    tokens.add_page(
        f"<html><body><div class=md-typeset>{markup}<td></td></div></body></html>".encode()
    )
    rule = ".md-typeset table:not([class]) td>:first-child{margin-top:0}"
    assert serialize(select(parse(rule), tokens)) == expected


def test_the_switching_rule_is_replaced_by_ours(site: Path) -> None:
    """The theme's `[data-md-color-switching] *` rule is left out: its bundle still writes the
    attribute (a theme upgrade that drops it shows here), and theme.css's `.course-switching`
    rule does the job (tests/test_browser.py switches the scheme in Chromium)."""
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).read_text(encoding="utf-8")
    assert all(f'"{name}"' in bundle for name in REPLACED_ATTRS)
    tokens = Tokens()
    tokens.add_script(bundle)
    rule = "[data-md-color-switching] *{transition-duration:0s!important}"
    assert serialize(select(parse(rule), tokens)) == ""
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "data-md-color-switching" not in page
    assert ".course-switching *" in page


@pytest.mark.parametrize(
    ("files", "variant", "expected"),
    [
        (["main.a.min.css", "palette.b.min.css"], "classic", ["main.a", "palette.b"]),
        (
            [f"{look}/{name}.{look[0]}.min.css" for look in ("classic", "modern")
             for name in ("main", "palette")],
            "modern",
            ["modern/main.m", "modern/palette.m"],
        ),
    ],
    ids=["Material", "Zensical's variant folders"],
)  # fmt: skip
def test_the_theme_stylesheets_are_found_as_each_theme_publishes_them(
    tmp_path: Path, files: list[str], variant: str, expected: list[str]
) -> None:
    folder = tmp_path / "assets/stylesheets"
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("a{}", encoding="utf-8")
    found = theme_stylesheets(tmp_path, variant)
    assert [p.relative_to(folder).as_posix().removesuffix(".min.css") for p in found] == expected


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


def test_icons_wait_behind_transparent_placeholders_on_their_elements() -> None:
    css = (
        ":root{--a-icon:url('data:image/svg+xml,x');--b:1px}:root{--c-icon:url(x.svg)}"
        ".x .y:after,.z::before{mask-image:var(--a-icon)}@media print{.w{mask:var(--c-icon)}}"
        ".v{width:var(--b)}.u:hover{mask:var(--c-icon,none)}"
    )
    blank = "linear-gradient(#0000,#0000)"
    gate = f":root.js:not(.{PAINTED})"
    assert icon_placeholders(css) == (
        f"{gate} .u:hover,{gate} .w,{gate} .x .y,{gate} .z{{--a-icon:{blank};--c-icon:{blank}}}"
    )
    # An icon passed on from the root waits on the root.
    assert icon_placeholders(":root{--a-icon:url(x.svg);--d:var(--a-icon)}") == (
        f"{gate}{{--a-icon:{blank}}}"
    )
    assert icon_placeholders(":root{--b:1px}") == ""


def test_admonition_icons_come_from_the_first_theme_folder_that_has_them(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "overrides", tmp_path / "theme"
    for folder, path in ((ours, "a/x"), (theirs, "a/x"), (theirs, "a/y")):
        (folder / ".icons" / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / ".icons" / f"{path}.svg").write_text(f"<svg>\n{folder.name}</svg>", "utf-8")
    css = admonition_icons({"cue": "a/x", "fix": "a/y"}, [ours, theirs])
    assert css == (
        ":root{--md-admonition-icon--cue:url('data:image/svg+xml,%3Csvg%3Eoverrides%3C/svg%3E');"
        "--md-admonition-icon--fix:url('data:image/svg+xml,%3Csvg%3Etheme%3C/svg%3E')}"
    )
    assert admonition_icons({}, [ours]) == ""
    with pytest.raises(ValueError, match=r"theme.icon.admonition.fault: no icon 'a/z' in .*"):
        admonition_icons({"fault": "a/z"}, [ours, theirs])


def test_the_admonition_icons_are_written_as_the_themes_partial_writes_them() -> None:
    """admonition_icons stands in for the theme's partials/icons.html, which the pages leave
    out: the partial still names the properties so, and finds icons in .icons/ folders."""
    config = settings.load()
    dirs = theme_dirs(config)
    assert dirs[0] == ROOT / "overrides"
    partial = next(d / "partials/icons.html" for d in dirs if (d / "partials/icons.html").is_file())
    source = partial.read_text(encoding="utf-8")
    assert '"--md-admonition-icon--" ~ type' in source
    assert '".icons/" ~ icon ~ ".svg"' in source
    assert config.admonition_icons, "mkdocs.yml gives no admonition icons"
    main_html = (ROOT / "overrides/main.html").read_text(encoding="utf-8")
    assert '{% include "partials/icons.html" %}' not in main_html


def test_every_icon_of_a_built_page_has_a_placeholder(site: Path) -> None:
    """Each image-valued custom property in a page's head (the theme's, ours, and those of the
    theme's icons partial) waits until speed-scripts.html adds PAINTED, which it does, on every
    element that draws one."""
    head = (site / "progression/kettlebell-deadlift/index.html").read_text("utf-8")
    head = head.split("</head>")[0]
    gate = f":root.js:not(.{PAINTED})"
    css = "".join(re.findall(r"<style[^>]*>(.*?)</style>", head, re.S))
    placeholders = [(p, body) for p, body in parse(css) if p.startswith(gate)]
    assert len(placeholders) == 1, "no icon placeholders in the inline CSS"
    selectors, body = placeholders[0]
    names = set(IMAGE_PROPERTY.findall(head))
    assert set(re.findall(r"(--[\w-]+):linear-gradient", body)) == names
    hosts = {selector.removeprefix(gate).strip() for selector in split_top(selectors, ",")}
    assert set(icon_hosts(parse(css), sorted(names))) == hosts
    assert ".md-nav__icon" in hosts
    speed = (ROOT / "overrides/partials/speed-scripts.html").read_text(encoding="utf-8")
    assert f'classList.add("{PAINTED}")' in speed
