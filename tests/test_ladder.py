"""The ladder is data: its check (content_check/ladder.py), its block (site_markdown/ladder.py)
and what the real site shows on the hub, the home page and every step page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html

from conftest import NAV, ROOT
from hinge.content_check.ladder import check_ladder, read_ladder, steps
from hinge.site_markdown import ladder as block

LOGGER = "mkdocs.plugins.hinge.site_markdown.ladder"
NAV_HEAD = "site_name: Test\nnav:\n  - Home: index.md\n  - The progression:\n"


def step_page(title: str, step: int, extra: str = "") -> str:
    """A step page's text: front matter (step on line 5), then an H1."""
    return (
        f"---\ntitle: {title}\ndescription: What the {title} teaches, in one plain sentence.\n"
        f"date: 2026-11-25\nstep: {step}\nequipment: [wall]\n{extra}---\n\n# {title}\n"
    )


def write_project(root: Path, pages: dict[str, str], nav: list[str] | None = None) -> Path:
    """docs/index.md, the step pages under docs/progression/ and, with `nav`, a mkdocs.yml."""
    (root / "docs/progression").mkdir(parents=True)
    (root / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    for name, text in pages.items():
        (root / "docs/progression" / name).write_text(text, encoding="utf-8")
    if nav is not None:
        lines = "".join(f"      - progression/{name}\n" for name in nav)
        (root / "mkdocs.yml").write_text(NAV_HEAD + lines, encoding="utf-8")
    return root


LINEAR = {"a.md": step_page("Wall", 1), "b.md": step_page("Dowel", 2)}
BRANCHED = {
    "a.md": step_page("Wall", 1),
    "b.md": step_page("Barbell", 2, "ready: You have a barbell.\n"),
    "c.md": step_page("Swing", 2, "ready: >-\n  You have a kettlebell\n  and room to swing it.\n"),
    "d.md": step_page("Advanced", 3, "after: b.md\n"),
}


def messages(root: Path) -> list[str]:
    return [finding.text() for finding in check_ladder(root)]


# The check -----------------------------------------------------------------------------------


def test_the_real_ladder_is_whole() -> None:
    assert messages(ROOT) == []


@pytest.mark.parametrize(
    ("pages", "nav"),
    [
        (LINEAR, ["a.md", "b.md"]),
        (BRANCHED, ["a.md", "b.md", "c.md", "d.md"]),
        (LINEAR, None),  # no mkdocs.yml: MkDocs lists the pages itself
    ],
    ids=["linear", "options at one step", "no mkdocs.yml"],
)
def test_a_whole_ladder_passes(tmp_path: Path, pages: dict[str, str], nav: list[str]) -> None:
    assert messages(write_project(tmp_path, pages, nav)) == []


def test_read_ladder_orders_steps_and_options() -> None:
    rungs = read_ladder(ROOT / "docs")
    assert [rung.step for rung in rungs] == sorted(rung.step for rung in rungs)
    for options in steps(rungs):
        assert [rung.title for rung in options] == sorted(rung.title for rung in options)


def test_read_ladder_fields(tmp_path: Path) -> None:
    rungs = read_ladder(write_project(tmp_path, BRANCHED) / "docs")
    swing = next(rung for rung in rungs if rung.name == "c.md")
    assert swing.ready == "You have a kettlebell and room to swing it."
    assert (swing.step, swing.equipment, swing.line("ready")) == (2, ("wall",), 7)
    assert next(rung for rung in rungs if rung.name == "d.md").after == "b.md"


CLASH = (
    "step 2 is also the step of {others} — give this page its own step number; or, to offer "
    'a choice at step 2, add "ready:" (what a reader must manage first) to every page at '
    "that step"
)
GAP = "number the steps 1, 2, 3 … without gaps (change `step:` here and on the pages after it)"


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (
            {**LINEAR, "c.md": step_page("Swing", 2)},
            [
                f"docs/progression/b.md:5: {CLASH.format(others='c.md')}",
                f"docs/progression/c.md:5: {CLASH.format(others='b.md')}",
            ],
        ),
        (
            {**LINEAR, "c.md": step_page("Swing", 2, "ready: You have a kettlebell.\n")},
            [f"docs/progression/b.md:5: {CLASH.format(others='c.md')}"],
        ),
        (
            {"a.md": step_page("Wall", 1), "c.md": step_page("Swing", 3)},
            [f"docs/progression/c.md:5: this is step 3, but no page has step 2 — {GAP}"],
        ),
        (
            {"a.md": step_page("Wall", 1), "c.md": step_page("Swing", 4)},
            [f"docs/progression/c.md:5: this is step 4, but no page has steps 2 to 3 — {GAP}"],
        ),
        (
            {"a.md": step_page("Wall", 0), "b.md": step_page("Dowel", 1)},
            [f"docs/progression/a.md:5: this is step 0, but steps start at 1 — {GAP}"],
        ),
        (
            {**BRANCHED, "d.md": step_page("Advanced", 3, "after: a.md\n")},
            [
                'docs/progression/d.md:7: "after: a.md" names a page that is step 1 — write '
                "the file name of a page at step 2: b.md, c.md"
            ],
        ),
        (
            {**BRANCHED, "d.md": step_page("Advanced", 3, "after: barbell.md\n")},
            [
                'docs/progression/d.md:7: "after: barbell.md" names a page that is not a step '
                "page — write the file name of a page at step 2: b.md, c.md"
            ],
        ),
        (
            {"a.md": step_page("Wall", 1, "after: a.md\n")},
            [
                'docs/progression/a.md:7: "after: a.md" names a page that is step 1 — remove '
                '"after": no step comes before this one'
            ],
        ),
        (
            {"a.md": step_page("Wall", 1).replace("What the", "Step 5 of the ladder. What")},
            [
                'docs/progression/a.md:3: description says "Step 5", but this page is step 1 — '
                "leave the number out: the page and the ladder show it from `step:`"
            ],
        ),
    ],
    ids=[
        "shared step without ready",
        "one option without ready",
        "gap",
        "wider gap",
        "step 0",
        "after names an earlier step",
        "after names no step page",
        "after on step 1",
        "description names another step",
    ],
)
def test_ladder_problems(tmp_path: Path, pages: dict[str, str], expected: list[str]) -> None:
    assert messages(write_project(tmp_path, pages)) == expected


def test_a_step_page_left_out_of_the_nav_is_for_the_nav_check(tmp_path: Path) -> None:
    """content_check/nav.py reports it, once; the order of the others is still checked."""
    pages = {**LINEAR, "c.md": step_page("Band", 3)}
    assert messages(write_project(tmp_path, pages, nav=["a.md", "c.md"])) == []
    assert len(messages(write_project(tmp_path / "x", pages, nav=["c.md", "a.md"]))) == 1


@pytest.mark.parametrize(
    ("pages", "nav", "line", "problem"),
    [
        (
            LINEAR,
            ["b.md", "a.md"],
            6,
            "progression/a.md (step 1) is listed after progression/b.md (step 2)",
        ),
        (
            BRANCHED,
            ["a.md", "c.md", "b.md", "d.md"],
            7,
            "progression/b.md (step 2) is listed after progression/c.md (step 2)",
        ),
    ],
    ids=["steps", "options by title"],
)
def test_nav_out_of_ladder_order(
    tmp_path: Path, pages: dict[str, str], nav: list[str], line: int, problem: str
) -> None:
    assert messages(write_project(tmp_path, pages, nav)) == [
        f"mkdocs.yml:{line}: {problem} — list step pages in step order, and options at one "
        "step by title, so each page's previous and next links follow the ladder"
    ]


def test_unreadable_pages_are_left_to_the_front_matter_check(tmp_path: Path) -> None:
    pages = {
        **LINEAR,
        "c.md": step_page("Swing", 2).replace("step: 2", "step: two"),
        "d.md": "---\ntitle: [unclosed\n---\n",
        "e.md": b"---\ntitle: \xff\n---\n",
    }
    root = write_project(tmp_path, {k: v for k, v in pages.items() if isinstance(v, str)})
    (root / "docs/progression/e.md").write_bytes(pages["e.md"])
    assert [rung.name for rung in read_ladder(root / "docs")] == ["a.md", "b.md"]
    assert messages(root) == []


# The block ------------------------------------------------------------------------------------


def convert(source: str) -> str:
    """`source` through the ladder block (and a neighbouring block), in the current directory."""
    md = markdown.Markdown(extensions=["pymdownx.blocks.admonition", block.makeExtension()])
    return md.convert(source)


def test_table_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(write_project(tmp_path, BRANCHED))
    page = lxml_html.fromstring(convert("/// admonition | Note\nHi\n///\n\n/// ladder\n///\n"))
    rows = [[cell.text_content() for cell in row] for row in page.findall(".//tbody/tr")]
    assert [row[:2] for row in rows] == [
        ["1", "Wall"],
        ["2 (choose one)", "Barbell"],
        ["2 (choose one)", "Swing"],
        ["3", "Advanced (after Barbell)"],
    ]
    assert rows[0][2:] == ["wall", "What the Wall teaches, in one plain sentence."]
    links = [a.get("href") for a in page.findall(".//tbody//a")]
    assert links == ["progression/a.md", "progression/b.md", "progression/c.md", "progression/d.md"]
    choice = page.find(".//div[@class='ladder']/p").text_content()
    assert choice == f"Step 2: choose one of two. {block.CHOICE_NOTE}"
    assert [li.text_content() for li in page.findall(".//div[@class='ladder']/ul/li")] == [
        "Barbell: You have a barbell.",
        "Swing: You have a kettlebell and room to swing it.",
    ]
    assert page.find(".//p[@class='admonition-title']").text == "Note"


def test_an_option_without_ready_is_still_linked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(write_project(tmp_path, {**LINEAR, "c.md": step_page("Swing", 2)}))
    page = lxml_html.fromstring(convert("/// ladder\n///\n"))
    assert [li.text_content() for li in page.xpath("//div[@class='ladder']/ul/li")] == [
        "Dowel",
        "Swing",
    ]


def test_list_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(write_project(tmp_path, BRANCHED))
    page = lxml_html.fromstring(convert("/// ladder\n    layout: list\n///\n"))
    items = page.findall(".//ol/li")
    assert [item.get("value") for item in items] == ["1", "2", "3"]
    assert items[0].text_content() == "Wall: What the Wall teaches, in one plain sentence."
    assert items[1].find("p").text == "Choose one of two:"
    assert [li.find("a").text for li in items[1].findall("ul/li")] == ["Barbell", "Swing"]
    assert items[2].text_content().startswith("Advanced (after Barbell): What the Advanced")


def test_text_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    title = "'<b>Bold</b> & *stars* <script>x()</script>'"
    monkeypatch.chdir(write_project(tmp_path, {"a.md": step_page(title, 1)}))
    html = convert("/// ladder\n///\n")
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; *stars* &lt;script&gt;x()&lt;/script&gt;" in html
    assert "<b>" not in html
    assert "<em>" not in html


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("layout: grid\n", "ladder block: layout must be one of: table, list"),
        ("limit: 3\n", 'ladder block: write one option only, e.g. "layout: list"'),
        ("- a list\n", 'ladder block: write one option only, e.g. "layout: list"'),
    ],
)
def test_bad_options_warn(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    options: str,
    message: str,
) -> None:
    monkeypatch.chdir(write_project(tmp_path, LINEAR))
    html = convert(f"/// ladder\n{options}///\n")
    assert [(record.name, record.getMessage()) for record in caplog.records] == [(LOGGER, message)]
    assert "<table" not in html


def test_number_words() -> None:
    assert [block.number(n) for n in (2, 3, 10, 11)] == ["two", "three", "ten", "11"]


def test_strict_mkdocs_build_links_each_step(tmp_path: Path) -> None:
    """In a real build, MkDocs rewrites and checks every link, from both folder depths."""
    root = write_project(tmp_path, BRANCHED, nav=["a.md", "b.md", "c.md", "d.md"])
    (root / "docs/index.md").write_text("# Home\n\n/// ladder\nlayout: list\n///\n", "utf-8")
    (root / "docs/progression/index.md").write_text("# Hub\n\n/// ladder\n///\n", "utf-8")
    config = (
        (root / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("  - The progression:\n", "  - The progression:\n      - progression/index.md\n")
    )
    (root / "mkdocs.yml").write_text(
        f"{config}strict: true\nmarkdown_extensions:\n  - hinge.site_markdown.ladder\n", "utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    home = lxml_html.parse(root / "site/index.html")
    hub = lxml_html.parse(root / "site/progression/index.html")
    assert [a.get("href") for a in home.findall(".//div[@class='ladder']//a")] == [
        "progression/a/",
        "progression/b/",
        "progression/c/",
        "progression/d/",
    ]
    assert [a.get("href") for a in hub.findall(".//tbody//a")] == ["a/", "b/", "c/", "d/"]


# The real site ------------------------------------------------------------------------------

STEP_PAGES = [md for md in NAV if md.startswith("progression/") and md != "progression/index.md"]


def built(site: Path, md: str) -> lxml_html.HtmlElement:
    """The built page of Markdown file `md` (a path inside docs/)."""
    stem = md.removesuffix(".md").removesuffix("index")
    return lxml_html.parse(site / stem / "index.html" if stem else site / "index.html").getroot()


def test_every_step_page_is_in_the_ladder_in_nav_order() -> None:
    assert [f"progression/{rung.name}" for rung in read_ladder(ROOT / "docs")] == STEP_PAGES


def test_hub_table_links_every_step(site: Path) -> None:
    table = built(site, "progression/index.md").find(".//div[@class='ladder']//table")
    links = [a.get("href") for a in table.findall(".//tbody//a")]
    assert links == [md.removeprefix("progression/").replace(".md", "/") for md in STEP_PAGES]
    assert {cell.get("data-label") for cell in table.findall(".//td")} == set(block.HEADERS)


def test_home_list_links_every_step(site: Path) -> None:
    ladder = built(site, "index.md").find(".//div[@class='ladder']")
    links = [a.get("href") for a in ladder.findall(".//a")]
    assert links == [md.replace(".md", "/") for md in STEP_PAGES]


@pytest.mark.parametrize("md", STEP_PAGES)
def test_step_page_says_where_it_sits(site: Path, md: str) -> None:
    """ "Step N of M", with M the number of steps (not pages); options name each other."""
    rungs = read_ladder(ROOT / "docs")
    rung = next(rung for rung in rungs if f"progression/{rung.name}" == md)
    options = [other for other in rungs if other.step == rung.step]
    header = built(site, md).find(".//div[@class='course-step']")
    count = header.find("p[@class='course-step__count']").text_content()
    choice = f" · one of {block.number(len(options))} options" if len(options) > 1 else ""
    assert count == f"Step {rung.step} of {len(steps(rungs))}{choice}"
    facts = {
        p.find("span").text: p.text_content().split(":", 1)[1].strip()
        for p in header.findall("p[@class='course-step__fact']")
    }
    assert facts["You need:"] == ", ".join(rung.equipment)
    assert facts.get("Ready when:", "") == rung.ready
    others = [other.title for other in options if other is not rung]
    assert facts.get("Other options:", "") == ", ".join(others)


def test_the_ladder_offers_options_after_the_dumbbell_rdl() -> None:
    """Issue 16: someone without a barbell is not stuck after the dumbbell RDL."""
    ladder = steps(read_ladder(ROOT / "docs"))
    after = next(i for i, options in enumerate(ladder) if options[0].name == "dumbbell-rdl.md")
    choice = ladder[after + 1]
    assert [rung.name for rung in choice] == [
        "barbell-rdl.md",
        "kettlebell-swing.md",
        "single-leg-rdl.md",
    ]
    assert all(rung.ready for rung in choice)
    assert {rung.after for rung in ladder[after + 2]} == {"barbell-rdl.md"}


def test_hub_says_what_each_option_asks_first(site: Path) -> None:
    ladder = built(site, "progression/index.md").find(".//div[@class='ladder']")
    rungs = read_ladder(ROOT / "docs")
    options = [rung for rung in rungs if sum(r.step == rung.step for r in rungs) > 1]
    items = [li.text_content() for li in ladder.findall("ul/li")]
    assert items == [f"{rung.title}: {rung.ready}" for rung in options]


FOOTER = "//a[contains(@class, 'md-footer__link--{}')]/@href"
HEAD = "//head/link[@rel = '{}']/@href"


def page_html(site: Path, src: str) -> lxml_html.HtmlElement:
    """The built page of the Markdown file `src` (index.md files too)."""
    folder = src.removesuffix(".md").removesuffix("index")
    return lxml_html.parse(str(site / folder / "index.html")).getroot()


def footer_neighbours(site: Path, src: str) -> dict[str, str]:
    """A step page's footer links, previous and next, as the Markdown files they lead to."""
    page = page_html(site, src)
    found = {}
    for direction in ("prev", "next"):
        for href in page.xpath(FOOTER.format(direction)):
            found[direction] = os.path.normpath(src.removesuffix(".md") + "/" + href) + ".md"
    return found


def test_the_footer_follows_the_menu(site: Path) -> None:
    """Previous and next never join two options of one step: an option goes back to the step
    below (or the page it follows) and on to the page that follows it, the step above, or the
    page after the ladder."""
    rungs = {rung.src: rung for rung in read_ladder(ROOT / "docs")}
    followers = {f"progression/{r.after}": src for src, r in rungs.items() if r.after}
    after_ladder = NAV[max(NAV.index(src) for src in rungs) + 1]
    for src, rung in rungs.items():
        near = footer_neighbours(site, src)
        back = rungs.get(near.get("prev", ""))
        if rung.after:
            assert near["prev"] == f"progression/{rung.after}", src
        elif rung.step > 1:
            assert back is not None, (src, near)
            assert back.step == rung.step - 1, (src, near)
        ahead = near["next"]
        if src in followers:
            assert ahead == followers[src], src
        elif ahead in rungs:
            assert rungs[ahead].step == rung.step + 1, (src, near)
            assert not rungs[ahead].after, (src, near)
        else:
            assert ahead == after_ladder, (src, near)


def test_the_head_links_follow_the_footer(site: Path) -> None:
    """rel=prev/next (browsers' "next page" keys and gestures) lead where the footer does,
    on every page: along the menu, not the nav's line through a step's options."""
    for src in NAV:
        page = page_html(site, src)
        for direction in ("prev", "next"):
            assert page.xpath(HEAD.format(direction)) == page.xpath(FOOTER.format(direction)), (
                src,
                direction,
            )
