"""hinge/check_links.py on tiny sites: internal rules, source mapping, formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hinge import check_links
from hinge.site_links.check import POOL_THRESHOLD, check_site
from hinge.site_links.model import Problem
from hinge.site_links.parse import srcset_urls
from hinge.site_links.report import github_line
from hinge.site_links.sources import find_line

CONTENT = '<div class="md-content">{}</div>'


def page(body: str, ids: str = "") -> str:
    """A minimal page whose content area holds `body`."""
    return (
        f'<!doctype html><html><head><meta charset="utf-8"></head><body>{ids}{body}</body></html>'
    )


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def problems(site: Path, base_url: str = "/", **kwargs: object) -> list[tuple[str, str, str]]:
    outcome = check_site(site, base_url=base_url, **kwargs)
    return [(p.page, p.url, p.kind) for p in outcome.problems]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder as the working directory (no pyproject, no mkdocs.yml)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def test_valid_links_are_not_reported(tmp_path: Path) -> None:
    target = page(
        "",
        '<h2 id="übung">Ü</h2><h2 id="a b">sp</h2><a name="legacy"></a><h2 id="50%">p</h2>',
    )
    links = [
        '<a href="../b/#übung">unicode</a>',
        '<a href="../b/#%C3%BCbung">percent-encoded</a>',
        '<a href="../b/#a%20b">space</a>',
        '<a href="../b/#50%">literal percent</a>',
        '<a href="../b/#legacy">a name</a>',
        '<a href="../b/">directory</a>',
        '<a href="../b">directory without slash</a>',
        '<a href="../b/index.html?x=1#legacy">file, query</a>',
        '<a href="/repo/b/">root-relative under the base path</a>',
        '<a href="/repo">the base itself</a>',
        '<a href="https://owner.github.io/repo/b/#übung">own origin</a>',
        '<a href="#">top</a> <a href="#top">top</a> <a href="">self</a> <a href="?q=1">q</a>',
        '<a href="mailto:a@b.c">m</a> <a href="tel:+1">t</a> <img src="data:image/png,x" alt="">',
        '<a href="ftp://example.org/file">other scheme</a>',
        '<img src="../img/a%20b.png" srcset="../img/a%20b.png 1x, ../img/c.png 2x" alt="">',
        '<picture><source srcset="../img/c.png 480w, ../img/a%20b.png 960w"></picture>',
        '<video poster="../img/c.png"></video><link rel="preconnect" href="https://cdn.example">',
    ]
    site = write(
        tmp_path,
        {
            "index.html": page('<a href="a/">a</a>'),
            "a/index.html": page(CONTENT.format("".join(links))),
            "b/index.html": target,
            "img/a b.png": "",
            "img/c.png": "",
        },
    )
    assert problems(site, "https://owner.github.io/repo/") == []


@pytest.mark.parametrize(
    ("html", "kind", "reason"),
    [
        ('<a href="../nope/">x</a>', "internal", "no such file: nope/index.html"),
        ('<a href="../b/#missing">x</a>', "fragment", "no id 'missing' on b/index.html"),
        ('<a href="#%C3%A4">x</a>', "fragment", "no id 'ä' on a/index.html"),
        ('<img src="../img/none.png" alt="">', "image", "no such file: img/none.png"),
        ('<img srcset="../img/ok.png 1x, ../img/gone.png 2x" alt="">', "image", "img/gone.png"),
        ('<a href="/elsewhere/">x</a>', "internal", "outside the base path /repo/"),
        ('<a href="../B/">x</a>', "internal", "b/index.html exists: the host is case-sensitive"),
        ('<a href="../../../x">x</a>', "internal", "points outside the site"),
        ('<a href="javascript:alert(1)">x</a>', "unsafe", "javascript: URL in content"),
    ],
)
def test_broken_links_are_reported(tmp_path: Path, html: str, kind: str, reason: str) -> None:
    site = write(
        tmp_path,
        {
            "a/index.html": page(CONTENT.format(html)),
            "b/index.html": page(""),
            "img/ok.png": "",
        },
    )
    outcome = check_site(site, base_url="/repo/")
    assert [(p.page, p.kind) for p in outcome.problems] == [("a/index.html", kind)]
    assert reason in outcome.problems[0].reason
    assert outcome.problems[0].line == 1


def test_javascript_outside_the_content_area_is_the_themes_business(tmp_path: Path) -> None:
    share = '<a href="javascript:void(0)" class="md-search__icon">share</a>'
    site = write(tmp_path, {"index.html": page(share + CONTENT.format("text"))})
    assert problems(site) == []


def test_big_sites_are_parsed_in_a_pool(tmp_path: Path) -> None:
    files = {
        f"p{n}/index.html": page(f'<a href="../p{n + 1}/#x">next</a>', '<i id="x">')
        for n in range(POOL_THRESHOLD + 20)
    }
    site = write(tmp_path, files)
    last = f"p{POOL_THRESHOLD + 19}/index.html"
    assert problems(site) == [(last, f"../p{POOL_THRESHOLD + 20}/#x", "internal")]


def test_srcset_candidates() -> None:
    assert srcset_urls("a.png 1x,b.png 2x, c.png , d,e.png 100w, f(1).png") == [
        "a.png",
        "b.png",
        "c.png",
        "d,e.png",
        "f(1).png",
    ]


def test_markdown_line_is_found_for_the_forms_mkdocs_writes() -> None:
    text = "# T\n\nSee [b](../other/b.md#part).\n\n![x](img/a.png)\n[c](#here)\n"
    assert find_line(text, "../../other/b/#part") == 3
    assert find_line(text, "../img/a.png") == 5
    assert find_line(text, "#here") == 6
    assert find_line(text, "../../nowhere/") is None


def test_problems_name_the_markdown_line(project: Path, capsys: pytest.CaptureFixture) -> None:
    write(
        project,
        {
            "docs/guide/start.md": "# Start\n\nRead [the rest](../more.md#nope).\n",
            "docs/more.md": "# More\n",
            "site/guide/start/index.html": page(CONTENT.format('<a href="../../more/#nope">r</a>')),
            "site/more/index.html": page(""),
            "mkdocs.yml": "site_url: !ENV [NO_SUCH_VARIABLE, 'https://o.github.io/r/']\n",
        },
    )
    assert check_links.main(["--format", "json"]) == 1
    [problem] = json.loads(capsys.readouterr().out)
    assert problem == {
        "page": "guide/start/index.html",
        "url": "../../more/#nope",
        "kind": "fragment",
        "reason": "no id 'nope' on more/index.html",
        "line": 1,
        "severity": "error",
        "source": "docs/guide/start.md:3",
    }


def test_github_and_text_formats(project: Path, capsys: pytest.CaptureFixture) -> None:
    write(
        project,
        {
            "docs/index.md": "# Home\n\n![p](img/p.png)\n",
            "site/index.html": page(CONTENT.format('<img src="img/p.png" alt="p">')),
            "site/theme/index.html": page('<a href="../gone/">x</a>'),
        },
    )
    assert check_links.main(["site", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=docs/index.md,line=3,title=image link::img/p.png: no such file: img/p.png"
        " (in site/index.html)",
        "::error file=site/theme/index.html,line=1,title=internal link::../gone/: no such file:"
        " gone/index.html (in site/theme/index.html)",
    ]
    assert check_links.main(["site", "--format", "text"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:4] == [
        "docs/index.md (built as site/index.html)",
        "  3: image: img/p.png: no such file: img/p.png",
        "site/theme/index.html",
        "  1: internal: ../gone/: no such file: gone/index.html",
    ]
    assert lines[4].startswith("2 broken links (1 image, 1 internal); checked 2 links on 2 pages")


def test_github_lines_are_escaped_and_a_warning_stays_a_warning() -> None:
    moved = Problem("a,b/index.html", "https://x.org/50%", "external", "moved\nhere", 0, "warning")
    assert github_line(moved, "site") == (
        "::warning file=site/a%2Cb/index.html,title=external link::https://x.org/50%25: "
        "moved%0Ahere (in site/a,b/index.html)"
    )


def test_exit_codes(project: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as error:
        check_links.main([])
    assert error.value.code == 2
    assert "run `make build`" in capsys.readouterr().err
    write(project, {"site/index.html": page(CONTENT.format('<a href="#">top</a>'))})
    assert check_links.main([]) == 0
    assert capsys.readouterr().out.startswith("No broken links; checked 1 link on 1 page")
    assert check_links.main(["--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
