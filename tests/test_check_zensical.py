"""scripts/hinge/check_zensical.py: the comparison of two built sites, on tiny hand-made trees;
and, where .venv-zensical holds the real Zensical, search on its site in Chromium."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from conftest import BASE_PATH, ROOT
from hinge import check_zensical
from hinge import zensical as zensical_build
from page_audit import THEME_MOUNTED, wait_until
from serve_site import serve

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"  # `make check-zensical` installs it

HEAD = """<head>
<meta name="description" content="A lesson.">
<link rel="canonical" href="https://example.org/a/">
<meta property="og:type" content="{og_type}">
<meta property="og:title" content="A">
{og_image}
<script type="application/ld+json">{{"@type": "{ld_type}"}}</script>
</head>"""

BODY = """<body>
<div class="md-search" data-md-component="search" role="dialog" aria-label="Search"></div>
<h1>{h1}</h1>
<div class="byline"><span class="byline__name">A writer</span></div>
{pictures}
<div class="table-scroll" role="region" tabindex="0"><table><tr><td>1</td></tr></table></div>
<ul class="testimonials"><li><figure class="testimonial"><p>Good.</p></figure></li></ul>
<p><abbr title="Romanian deadlift">RDL</abbr> and <abbr title="Kettlebell">KB</abbr></p>
<div class="admonition cue"><p>Hips back</p></div>
<div class="admonition fault"><p>Knees first</p></div>
{fix}
<p id="medical-disclaimer">Not medical advice.</p>
<footer><div class="md-copyright"><div class="md-copyright__highlight">Us.</div>
{disclaimer}</div></footer>
</body>"""


PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACw="  # the pages link to no file


def page(
    *,
    pictures: int = 1,
    fix: bool = True,
    og_image: bool = True,
    og_type: str = "article",
    ld_type: str = "Article",
    disclaimer: bool = True,
    h1: str = "A lesson",
) -> str:
    """One page with every feature, or with the named ones changed."""
    head = HEAD.format(
        og_type=og_type,
        ld_type=ld_type,
        og_image='<meta property="og:image" content="x.png">' if og_image else "",
    )
    body = BODY.format(
        h1=h1,
        pictures=f"<picture><img src='{PIXEL}' alt='x'></picture>" * pictures,
        fix='<div class="admonition fix"><p>Touch the wall</p></div>' if fix else "",
        disclaimer='<a href="#medical-disclaimer">Disclaimer</a>' if disclaimer else "",
    )
    return f"<!doctype html><html>{head}{body}</html>"


def write(site: Path, files: dict[str, str]) -> Path:
    """Write `files` (path: text) under `site`."""
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


@pytest.fixture
def sites(tmp_path: Path) -> tuple[Path, Path]:
    """An MkDocs-like site and a Zensical-like one that lacks several features."""
    robots = "User-agent: *\nSitemap: https://example.org/sitemap.xml\n"
    mkdocs = write(
        tmp_path / "mkdocs",
        {
            "index.html": page(og_type="website", ld_type="WebSite"),
            "a/index.html": page(pictures=2),
            "b/index.html": page(),
            "404.html": page(h1="Page not found"),
            "robots.txt": robots,
            "sitemap.xml.gz": "",
            "assets/javascripts/bundle.abc.min.js": "",
            "sitemap.xml": "<urlset><url><loc>a</loc></url><url><loc>b</loc></url></urlset>",
        },
    )
    zensical = write(
        tmp_path / "zensical",
        {
            "index.html": page(og_type="article", ld_type="Article", og_image=False),
            "a/index.html": page(pictures=0, fix=False, disclaimer=False),
            "c/index.html": page(),
            "404.html": page(h1="Page not found"),
            "robots.txt": "User-agent: *\nSitemap: {{ config.site_url }}sitemap.xml\n",
            "hooks/preview.py": "# a hook's source, published by mistake\n",
            "assets/javascripts/bundle.123.min.js": "",
            "sitemap.xml": "<urlset><url><loc>a</loc></url><url><loc>b</loc></url></urlset>",
        },
    )
    return mkdocs, zensical


def test_page_features_counts_everything() -> None:
    features = check_zensical.page_features(page(pictures=3))
    assert features["pictures"] == 3
    assert features["testimonials"] == 1
    assert features["table-scroll"] == features["tables"] == 1
    assert features["abbr tooltips"] == 2
    assert features["cue admonitions"] == features["fix admonitions"] == 1
    assert features["meta description"] is True
    assert features["canonical"] is True
    assert features["og: tags"] == ["og:image", "og:title", "og:type"]
    assert features["JSON-LD types"] == ["Article"]
    assert features["disclaimer link"] == 1
    assert features["search dialog name"] == "Search"
    assert features["bylines"] == 1
    assert features["h1"] == "A lesson"


def test_compare_reports_pages_and_features(sites: tuple[Path, Path]) -> None:
    report = check_zensical.compare(*sites)
    assert report["pages"] == {"mkdocs": 3, "zensical": 3}
    assert report["missing_in_zensical"] == ["b/index.html"]
    assert report["only_in_zensical"] == ["c/index.html"]
    a = {
        item["feature"]: (item["mkdocs"], item["zensical"])
        for item in report["differences"]["a/index.html"]
    }
    assert a == {"pictures": (2, 0), "fix admonitions": (1, 0), "disclaimer link": (1, 0)}
    home = {item["feature"] for item in report["differences"]["index.html"]}
    assert home == {"og: tags", "og:type", "JSON-LD types"}
    assert report["features"]["pictures"] == {"mkdocs": 3, "zensical": 1, "pages_differing": 1}
    assert report["site"] == [
        {
            "feature": "robots.txt",
            "mkdocs": "User-agent: *\nSitemap: https://example.org/sitemap.xml",
            "zensical": "User-agent: *\nSitemap: {{ config.site_url }}sitemap.xml",
        },
        {"feature": "other files", "mkdocs": ["sitemap.xml.gz"], "zensical": ["hooks/preview.py"]},
    ]
    assert check_zensical.has_differences(report)
    json.dumps(report)  # --format json can print it


def test_text_report_names_each_difference(sites: tuple[Path, Path]) -> None:
    text = check_zensical.render_text(check_zensical.compare(*sites))
    assert "missing in Zensical: b/index.html" in text
    assert "only in Zensical: c/index.html" in text
    assert "  pictures: MkDocs 2 | Zensical 0" in text
    assert "  og: tags: Zensical lacks og:image" in text
    assert "  JSON-LD types: Zensical lacks WebSite; Zensical adds Article" in text
    assert "robots.txt: MkDocs" in text
    assert "other files: Zensical lacks sitemap.xml.gz; Zensical adds hooks/preview.py" in text
    assert text.endswith("result: Zensical's site differs (see above)")


def test_identical_sites_have_no_differences(tmp_path: Path) -> None:
    files = {"index.html": page(), "404.html": page(h1="Page not found"), "robots.txt": "x"}
    left, right = write(tmp_path / "l", files), write(tmp_path / "r", files)
    report = check_zensical.compare(left, right)
    assert not check_zensical.has_differences(report)
    assert check_zensical.render_text(report).endswith("no differences in the checked features")


def test_missing_404_and_sitemap_are_reported(tmp_path: Path) -> None:
    left = write(tmp_path / "l", {"404.html": page(h1="Page not found"), "sitemap.xml": "<loc>"})
    right = write(tmp_path / "r", {"index.html": page()})
    site = {item["feature"]: item for item in check_zensical.compare(left, right)["site"]}
    assert site["404 page"]["zensical"] is None
    assert site["sitemap.xml URLs"] == {
        "feature": "sitemap.xml URLs",
        "mkdocs": 1,
        "zensical": None,
    }


def test_broken_links_are_compared_per_page(tmp_path: Path) -> None:
    # The ladder's links written relative to the docs folder on a page inside progression/,
    # and a data: favicon that a url filter turned into a path.
    steps = "<a href='{}wall-hip-hinge/'>Wall</a><a href='wall-hip-hinge/#why'>Why</a>"
    hub = "<link rel='icon' href='{}'><h1>Hub</h1>" + steps
    target = "<h2 id='why'>Why</h2>"
    left = write(
        tmp_path / "l",
        {
            "progression/index.html": hub.format(PIXEL, ""),
            "progression/wall-hip-hinge/index.html": target,
        },
    )
    right = write(
        tmp_path / "r",
        {
            "progression/index.html": hub.format("../" + PIXEL, "progression/"),
            "progression/wall-hip-hinge/index.html": target,
        },
    )
    report = check_zensical.compare(left, right)
    assert report["differences"] == {
        "progression/index.html": [
            {
                "feature": "broken links",
                "mkdocs": [],
                "zensical": [
                    "../data:image/gif;base64,R0lGODlhAQABAAAAACw=",
                    "progression/wall-hip-hinge/",
                ],
            }
        ]
    }
    assert report["features"]["broken links"] == {"mkdocs": 0, "zensical": 1, "pages_differing": 1}


def test_long_broken_links_are_cut_short(tmp_path: Path) -> None:
    icon = "./data:image/svg+xml," + "%3Csvg%3E" * 60
    site = write(tmp_path / "s", {"index.html": f"<link rel='icon' href=\"{icon}\">"})
    shown = check_zensical.broken_links(site, "/")["index.html"]
    assert shown == [icon[: check_zensical.SHOWN_URL - 1] + "…"]


def test_without_zensical_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    argv = ["--root", str(tmp_path), "--zensical", str(tmp_path / "no-such-zensical")]
    assert check_zensical.main(argv) == 2
    assert "Zensical is not installed" in capsys.readouterr().err


# A stand-in for Zensical that builds with MkDocs: what the check does around the generator
# (our build on one side; the other finished by the steps after the generator, whose csp step
# builds its empty pages with the stand-in too) is real.
STAND_IN = f"""#!{sys.executable}
import pathlib, subprocess, sys
if sys.argv[1:] == ["--version"]:
    print("zensical 0.0 (a stand-in that runs MkDocs)")
    sys.exit(0)
done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"]).returncode
home = pathlib.Path("site/index.html")
if pathlib.Path("docs/hip-hinge.md").exists():  # the project, not the csp step's empty pages
    home.write_text(home.read_text().replace("</body>", "SCRIPT_HERE</body>"))
sys.exit(done)
"""


def stand_in(folder: Path, script: str = "") -> list[str]:
    """The check's arguments with a stand-in Zensical that adds `script` to the home page."""
    path = folder / "zensical"
    path.write_text(STAND_IN.replace("SCRIPT_HERE", script), encoding="utf-8")
    path.chmod(0o755)
    return ["--root", str(ROOT), "--zensical", str(path), "--out", str(folder / "out")]


def test_the_other_site_is_finished_like_ours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = stand_in(tmp_path)
    assert check_zensical.main([*argv, "--format", "json", "--strict"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["zensical_version"].startswith("zensical 0.0")
    for name in ("mkdocs", "zensical"):
        site = Path(report["sites"][name])
        home = (site / "index.html").read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in home, f"{name}: no CSP"
        assert "<style data-theme-subset></style>" not in home, f"{name}: inline CSS not filled"
        assert (site / "service-worker.js").is_file(), f"{name}: no offline copy"


def test_a_step_that_fails_on_the_other_site_is_a_difference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = stand_in(tmp_path, "<script>alert(1)</script>")
    assert check_zensical.main([*argv, "--format", "json"]) == 0
    step = json.loads(capsys.readouterr().out)["site"][0]
    assert step["feature"] == "steps after the generator"
    assert step["mkdocs"] == "pass"
    assert "index.html: 1 inline script(s) that no template wrote" in step["zensical"]
    assert check_zensical.main([*argv, "--strict"]) == 1


ODD_MARKUP = [
    pytest.param(
        "<ul class='testimonials admonitions'><li class='admonition-title cue'>x</li></ul>"
        "<div class='md-copyright__highlight'><a href='#medical-disclaimer'>x</a></div>",
        {"testimonials": 0, "cue admonitions": 0, "disclaimer link": 0},
        id="class names that only contain a feature's class",
    ),
    pytest.param(
        "<figure class='\n\ttestimonial  card'></figure><div class='cue\nadmonition'></div>"
        "<DIV CLASS='TABLE-SCROLL'></DIV><div class=table-scroll><TABLE></TABLE></div>",
        {"testimonials": 1, "cue admonitions": 1, "table-scroll": 1, "tables": 1},
        id="class lists split by new lines and tabs, upper-case tags, unquoted values",
    ),
    pytest.param(
        "<PICTURE><IMG SRC=x.png></PICTURE><ABBR TITLE='Kettlebell'>KB</ABBR>"
        "<abbr title>RDL</abbr><abbr title=''>RDL</abbr><abbr>RDL</abbr>",
        {"pictures": 1, "abbr tooltips": 1},
        id="upper-case tags and abbr without a title",
    ),
    pytest.param(
        "<!-- <picture></picture> <h1>Old</h1> --><h1>Page &amp; <em>not</em>\n found</h1>"
        "<h1>Second</h1>",
        {"pictures": 0, "h1": "Page & not\n found"},
        id="markup in comments, entities and markup in the first heading",
    ),
    pytest.param(
        '<script type="application/ld+json">{"@type": "</b><picture>"}</script>'
        '<script type="application/ld+json">[{"@type": "A"}]</script>'
        '<script type="application/ld+json">{"@type": </script><script>"<h1>x</h1>"</script>',
        {
            "JSON-LD": 3,
            "JSON-LD types": ["</b><picture>", "(list)", "(invalid JSON)"],
            "pictures": 0,
            "h1": "",
        },
        id="markup inside scripts, a JSON-LD list and broken JSON",
    ),
    pytest.param(
        "<meta property=og:title content=T /><meta property='og:type'/>"
        "<link rel=canonical href=x /><meta name=description>",
        {"og: tags": ["og:title", "og:type"], "og:type": "", "canonical": True},
        id="unquoted and self-closed head tags, og:type without content",
    ),
    pytest.param(
        "<footer><div class='md-copyright'><p>Us.<a href='../about/#medical-disclaimer'>D</a>"
        "</div></footer><p><a href='../about/#medical-disclaimer'>after the footer</a>",
        {"disclaimer link": 1},
        id="an unclosed paragraph in the footer, a disclaimer link after it",
    ),
    pytest.param(
        "  \n<!-- nothing else -->\n",
        {"pictures": 0, "og:type": None, "search dialog name": None, "h1": "", "canonical": False},
        id="a page with only white space and a comment",
    ),
]


@pytest.mark.parametrize(("html", "expected"), ODD_MARKUP)
def test_page_features_read_odd_markup(html: str, expected: dict) -> None:
    features = check_zensical.page_features(html)
    assert {name: features[name] for name in expected} == expected


@pytest.fixture(scope="module")
def zensical_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built with the real Zensical and finished by our steps after the generator."""
    if not ZENSICAL.is_file():
        pytest.skip("Zensical is not installed: `make check-zensical` puts it in .venv-zensical")
    request.getfixturevalue("site")  # its build makes the images both generators read
    out = tmp_path_factory.mktemp("zensical") / "site"
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    zensical_build.build(ROOT, str(ZENSICAL), out, env)
    assert check_zensical.finish(ROOT, out, str(ZENSICAL), env) is None
    return out


# How a reader opens search: a tap on the header's button (phones: it toggles the search
# checkbox), or Zensical's "/" shortcut (desktop: it opens its dialog without that checkbox, so
# a shim that held the index request until the checkbox changed would leave it empty).
HINGE = re.compile("hinge", re.IGNORECASE)
OPENERS = {
    "phone, tap": ((360, 740), lambda page: page.locator("label[for='__search']").first.click()),
    "desktop, / key": ((1280, 800), lambda page: page.keyboard.press("/")),
}


@pytest.mark.parametrize("opener", OPENERS)
def test_search_answers_under_zensical(zensical_site: Path, browser: Browser, opener: str) -> None:
    # Zensical's search is its own (a dialog in a shadow root, its index in search.json), but
    # it starts the worker the theme's config names, which speed-scripts.html swaps for our
    # lazy shim: the shim must hand over, and search must answer, as under MkDocs.
    (width, height), open_search = OPENERS[opener]
    context = browser.new_context(
        viewport={"width": width, "height": height}, service_workers="block"
    )
    page = context.new_page()
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    with serve(zensical_site, BASE_PATH) as base:
        page.goto(base)
        wait_until(page, THEME_MOUNTED)
        open_search(page)
        page.keyboard.type("hinge", delay=20)
        # A result for the whole word (those for "h", "hi"... may show first); CSS locators
        # pierce the dialog's shadow root.
        result = page.locator("dialog[aria-label='Search'] a[href]", has_text=HINGE).first
        result.wait_for(state="visible", timeout=10_000)
        assert result.get_attribute("href").startswith(base)
    context.close()
    assert len(workers) == 1, workers
    assert "/workers/search-lazy.js?search." in workers[0], "the search worker is not our shim"
