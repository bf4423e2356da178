"""Hostile or broken editor input (issue 15): every tool names the file and line, says how to
fix it, goes on with the rest and exits non-zero; nothing hangs, runs or renders it."""

from __future__ import annotations

import itertools
import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from conftest import ROOT
from hinge import new_page, safe_yaml, social_cards, testimonials
from hinge.site_markdown import testimonials as block
from test_check_content import edit, project, run  # noqa: F401 (project is a fixture)
from test_preview import fetch, free_port, wait_for
from test_testimonials import DATA, REAL, cards, entry

GUARD = ROOT / "hooks/front_matter_guard.py"
TIMEOUT = 60  # seconds; each run below takes one or two


def bomb(names: str = "abcdefghi") -> str:
    """Front matter whose title is 9**9 strings once PyYAML follows its aliases."""
    lines = [f"{names[0]}: &{names[0]} [x, x, x, x, x, x, x, x, x]"]
    for before, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]")
    return "\n".join([*lines, f"title: *{names[-1]}", ""])


ANCHOR = (
    '"&a" is a YAML anchor, which we do not allow — remove "&a", '
    'or put the value in quotes if "&" is part of the text'
)
LATIN_1 = "---\ntitle: Café\n---\n\n# Café\n".encode("latin-1")  # é is byte 14


def not_utf8(byte: int = 0xE9, offset: int = 14) -> str:
    """The message for a file that is not UTF-8 (by default, LATIN_1)."""
    return (
        f"not UTF-8 (byte 0x{byte:02X} at offset {offset}) — save the file as UTF-8 "
        "(in your editor: Save As, encoding UTF-8)"
    )


def limited_memory() -> None:
    """Run in a child before it starts: at most 2 GB, so a bomb fails fast instead of swapping."""
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run_script(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """One of our scripts or MkDocs in a child process, bounded in time and memory."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=limited_memory,
        check=False,
    )


# make new-page: a title is text, whatever it holds


def make_new_page(folder: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """`make new-page VAR=value ...` in `folder`, as an editor types it (no shell between)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("MAKE", "MFLAGS")) and name not in new_page.ENVIRONMENT
    }
    command = ["make", "--no-print-directory", "-o", ".venv/.installed-site", "new-page"]
    return subprocess.run(
        [*command, *(f"{name}={value}" for name, value in variables.items())],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.fixture
def makeable(tmp_path: Path) -> Path:
    """A copy of the Makefile, mkdocs.yml and the pages, with our scripts and venv linked."""
    for name in ("Makefile", "mkdocs.yml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("img"))
    (tmp_path / "scripts").symlink_to(ROOT / "scripts")
    (tmp_path / ".venv").symlink_to(sys.prefix)
    return tmp_path


@pytest.mark.parametrize(
    ("title", "kind", "shown"),
    [
        ('x"; touch {marker}; echo "', "article", None),
        ("Who `touch {marker}` am", "article", None),
        ('Why "neutral" spine', "article", None),
        ("Line one\nline two", "step", "Line one line two"),
        ("Hip thrust for $5 (or $HOME) $(shell touch {marker})", "article", None),
        ("'Quoted' & #1: yes?", "article", None),
    ],
    ids=["double quote and command", "backticks", "quotes", "newline", "dollars", "yaml signs"],
)
def test_make_new_page_keeps_the_title_as_text(
    makeable: Path, title: str, kind: str, shown: str | None
) -> None:
    marker = makeable / "pwned"
    title = title.replace("{marker}", str(marker))
    shown = shown or title
    result = make_new_page(makeable, TITLE=title, KIND=kind)
    assert not marker.exists(), "the title ran a command"
    assert result.returncode == 0, result.stderr
    folder = "progression/" if kind == "step" else ""
    page = f"{folder}{new_page.slugify(shown)}.md"
    text = (makeable / "docs" / page).read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    assert safe_yaml.load(front)["title"] == shown
    assert f"\n# {shown}\n" in text
    config = (makeable / "mkdocs.yml").read_text(encoding="utf-8")
    assert {shown: page} in new_page._nav_section(config, new_page.SECTIONS[kind])


def test_make_new_page_without_a_title_says_how(makeable: Path) -> None:
    result = make_new_page(makeable, KIND="article")
    assert result.returncode == 2
    assert 'error: the title needs a letter or digit — e.g. make new-page TITLE="Hip thrust"' in (
        result.stderr
    )


# YAML: one safe loader for every reader


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: &a [x]\nb: *a\n", 1, ANCHOR),
        (
            "title: *bold\n",
            1,
            '"*bold" is a YAML alias, which we do not allow — write the value out in full, '
            'or put it in quotes if "*" is part of the text',
        ),
        (
            "a:\n  b: [" + "[" * 40 + "]" * 40 + "]\n",
            2,
            "nested more than 32 levels deep — flatten it: our files need a few levels at most",
        ),
        (
            "x: 1\n" * 3000,
            2001,
            "this YAML is 15,000 characters long — keep it to 10,000 characters or fewer",
        ),
        (
            "title: a\x07b\n",
            1,
            "U+0007 is not allowed — delete it (it may be invisible: retype the line)",
        ),
        (
            "date: 2026-02-30\n",
            1,
            "cannot read this value (day is out of range for month) — correct it, e.g. a real "
            "date as YYYY-MM-DD, or put it in quotes",
        ),
        (
            "title: [a\n",
            1,
            'the "[" on this line is never closed — end it with "]": title: [a] '
            '(if "[" is part of the text, put the whole value in quotes instead)',
        ),
    ],
    ids=["anchor", "alias", "deep", "long", "control character", "impossible date", "syntax"],
)
def test_safe_yaml_refuses_with_line_and_fix(text: str, line: int, message: str) -> None:
    with pytest.raises(yaml.YAMLError) as error:
        safe_yaml.load(text, limit=safe_yaml.FRONT_MATTER_CHARS)
    assert safe_yaml.describe(error.value, "fix") == (line, message)


def test_safe_yaml_reads_ordinary_yaml() -> None:
    text = "title: Hip thrust\ntags: [a, b]\nconsent: {given: 2026-11-03}\n"
    assert safe_yaml.load(text)["consent"]["given"].isoformat() == "2026-11-03"
    assert safe_yaml.compose(text) is not None


def test_check_content_refuses_an_alias_bomb(
    project: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    edit("docs/index.md", "title: Home\n", bomb())
    assert run(capsys) == (1, [f"docs/index.md:2: {ANCHOR}"])


def test_social_cards_refuse_an_alias_bomb_and_read_the_rest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "bomb.md").write_text(f"---\n{bomb()}---\n# Bomb\n", encoding="utf-8")
    (docs / "deep.md").write_text("---\ntitle: *deep\n---\n# Deep\n", encoding="utf-8")
    (docs / "latin.md").write_bytes(LATIN_1)
    (docs / "ok.md").write_text("---\ntitle: Fine\n---\n# Fine\n", encoding="utf-8")
    result = run_script(["-m", "hinge", "cards", "--docs", "docs"], tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"docs/bomb.md:2: {ANCHOR}",
        'docs/deep.md:2: "*deep" is a YAML alias, which we do not allow — write the value out '
        'in full, or put it in quotes if "*" is part of the text',
        f"docs/latin.md:2: {not_utf8()}",
    ]
    assert not (docs / social_cards.SOCIAL).exists(), "no card is drawn while a page is bad"


def test_testimonials_refuse_100000_aliases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "testimonials.yml"
    entry = "- &e0\n  quote: Clear coaching.\n  name: Jo\n  date: 2026-11-01\n  consent: example\n"
    data.write_text(entry + "- *e0\n" * 100_000, encoding="utf-8")
    assert testimonials.main(["--file", str(data)]) == 1
    assert capsys.readouterr() == (
        f'{data}:1: "&e0" is a YAML anchor, which we do not allow — remove "&e0", or put the '
        'value in quotes if "&" is part of the text\n',
        f"{data}: 0 checked, 1 problem, 0 warnings\n",
    )


# Files that are not UTF-8


def test_check_content_names_a_page_that_is_not_utf8_and_checks_the_rest(
    project: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("docs/latin.md").write_bytes(LATIN_1)
    Path("includes/abbreviations.md").write_bytes("*[RDL]: Romanian deadlift…\n".encode("cp1252"))
    edit("docs/index.md", "title: Home\n", "")
    assert run(capsys) == (
        1,
        [
            'docs/index.md:1: missing "title" — add e.g. "title: Barbell RDL"',
            f"docs/latin.md:2: {not_utf8()}",
            f"includes/abbreviations.md:1: {not_utf8(0x85, 25)}",
        ],
    )


def test_testimonials_name_a_file_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "testimonials.yml"
    data.write_bytes("- quote: Clear coaching.\n  name: Zoë\n".encode("latin-1"))
    assert testimonials.main(["--file", str(data)]) == 1
    assert capsys.readouterr().out == f"{data}:2: {not_utf8(0xEB, 35)}\n"


def test_new_page_names_a_step_page_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "nav:\n  - The progression:\n      - Wall: progression/wall.md\n", encoding="utf-8"
    )
    (tmp_path / "docs/progression").mkdir(parents=True)
    (tmp_path / "docs/progression/wall.md").write_bytes(LATIN_1)
    args = ["Hip thrust", "--kind", "step", "--config", str(tmp_path / "mkdocs.yml")]
    assert new_page.main([*args, "--docs", str(tmp_path / "docs")]) == 1
    page = tmp_path / "docs/progression/wall.md"
    assert capsys.readouterr().err == f"new_page: {page}:2: {not_utf8()}\n"
    assert not (tmp_path / "docs/progression/hip-thrust.md").exists()


# Pages: nothing that runs, and alt text on HTML images

SCRIPT = (
    "raw <script> element — remove it: pages must not run scripts "
    "(to show code, put it in backticks)"
)
ONCLICK = 'event-handler attribute "onclick" — remove it: pages must not run scripts'
JAVASCRIPT = '"javascript:" URL — link to a web page (https://…) or to a page of this site instead'
NO_ALT = (
    '<img> without alt text — add alt="what the picture shows", '
    "or use Markdown: ![what it shows](path)"
)
HOSTILE = {
    "script": ("<script>alert(1)</script>", [SCRIPT]),
    "script upper case": ('<SCRIPT src="https://evil.example/x.js"></SCRIPT>', [SCRIPT]),
    "script in svg": ("<svg><script>alert(1)</script></svg>", [SCRIPT]),
    "event handler": ('<b onclick="alert(1)">Hi</b>', [ONCLICK]),
    "any on attribute": (
        "<img src=x.png alt=x OnError=alert(1)>",
        ['event-handler attribute "onerror" — remove it: pages must not run scripts'],
    ),
    "handler in an attribute list": ("Hi { onclick=alert(1) }", [ONCLICK]),
    "javascript link": ("[Click](javascript:alert(1))", [JAVASCRIPT]),
    "mixed case and space": ("[Click](  JaVaScRiPt:alert(1))", [JAVASCRIPT]),
    "entities": ("[Click](&#106;ava&Tab;script&colon;alert(1))", [JAVASCRIPT]),
    "image": ("![A picture](javascript:alert(1))", [JAVASCRIPT]),
    "reference definition": ("[x]: javascript:alert(1)", [JAVASCRIPT]),
    "html attribute": ('<a href=" java\tscript:alert(1)">x</a>', [JAVASCRIPT]),
    "vbscript": (
        "<a href='VBScript:MsgBox(1)'>x</a>",
        ['"vbscript:" URL — link to a web page (https://…) or to a page of this site instead'],
    ),
    "img without alt": ('<img src="../images/pic.png">', [NO_ALT]),
    "tag over two lines": ('<a\nonclick="x" href="javascript:x">y</a>', [ONCLICK, JAVASCRIPT]),
}


@pytest.mark.parametrize(("markdown", "messages"), HOSTILE.values(), ids=HOSTILE)
def test_check_content_flags_what_could_run(
    project: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    markdown: str,
    messages: list[str],
) -> None:
    edit("docs/index.md", "Some prose", f"{markdown}\n\nSome prose")
    assert run(capsys) == (1, [f"docs/index.md:12: {message}" for message in messages])


SHOWN_AS_CODE = {
    "code span": "Never write `<script>alert(1)</script>` or `[x](javascript:x)`.",
    "fenced code": '```html\n<img src="x.png" onclick="alert(1)">\n```',
    "comment": "<!-- <script>alert(1)</script> -->",
    "web link": "[A page](https://example.com/javascript:x) about scripts.",
    "img with alt": '<img src="../images/pic.png" alt="A person hinging at the hips">',
    "decorative img": '<img src="../images/pic.png" alt="">',
}


@pytest.mark.parametrize("markdown", SHOWN_AS_CODE.values(), ids=SHOWN_AS_CODE)
def test_check_content_allows_code_and_safe_html(
    project: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
    markdown: str,
) -> None:
    edit("docs/index.md", "Some prose", f"{markdown}\n\nSome prose")
    assert run(capsys) == (0, [])


def test_check_content_flags_scripts_in_the_glossary_include(
    project: Path,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    with Path("includes/abbreviations.md").open("a", encoding="utf-8") as file:
        file.write("<script>alert(1)</script>\n")
    assert run(capsys) == (1, [f"includes/abbreviations.md:2: {SCRIPT}"])


# Testimonials: each once, not huge, linked only to web pages, escaped whatever the data


def check_testimonials(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> tuple[int, list[str]]:
    """Run scripts/hinge/testimonials.py on `text`; return the exit code and the problem lines."""
    data = tmp_path / "testimonials.yml"
    data.write_text(text, encoding="utf-8")
    code = testimonials.main(["--file", str(data)])
    return code, capsys.readouterr().out.replace(f"{data}:", "").splitlines()


def test_testimonials_refuse_a_duplicate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same_person = REAL.replace("clear and", "Clear  AND")
    other_person = REAL.replace("Jordan P.", "Sam K.")
    assert check_testimonials(tmp_path, capsys, REAL + same_person + other_person) == (
        1,
        [
            "7: the same quote as the entry on line 1 — keep one of the two",
            "13: the same quote as the entry on line 1 — keep one of the two",
        ],
    )


def test_testimonials_refuse_a_huge_quote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = REAL.replace("Coaching was clear and friendly.", "Great coaching. " * 1000)
    assert check_testimonials(tmp_path, capsys, text) == (
        1,
        [
            '1: "quote" is 15,999 characters — a card shows at most 500: copy a shorter passage '
            'word for word, and link the full review with "source"'
        ],
    )


@pytest.mark.parametrize(
    "source",
    [
        r"'\\evil.example\phish'",
        "'javascript:alert(1)'",
        "' JaVaScRiPt:alert(1)'",
        "file:///etc/passwd",
        "//evil.example/review",
        "https://example.com@evil.example/",
        "reviews.md",
        "'https://example.com/a b'",
    ],
)
def test_testimonials_refuse_a_source_that_is_not_a_web_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    text = REAL.replace("https://example.com/reviews/1", source)
    message = (
        '4: "source" must be the web address of the full review, starting with https:// '
        "— e.g. https://example.com/reviews/1"
    )
    assert check_testimonials(tmp_path, capsys, text) == (1, [message])


@pytest.mark.parametrize(
    "source", [r"\\evil.example\phish", "javascript:alert(1)", "file:///etc/passwd", "x.md"]
)
def test_cards_never_link_a_source_that_is_not_a_web_address(source: str) -> None:
    html = cards(entry(source=source, quote="word " * 60))
    assert "<a " not in html
    assert "cite=" not in html
    assert "word " * 59 + "word</p>" in html, "without a link the whole quote shows"


def test_cards_escape_every_field_even_unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    unchecked = entry(
        quote="Hi\n{: onclick=alert(1) }\x02wzxhzdk:0\x03",
        name='Jo &amp; "Sam"\n{: onclick=alert(2) }',
        source="https://example.com/r?a=1&b=<2>",
        tags=("<b>coaching</b>",),
    )
    monkeypatch.setattr(block, "load", lambda path: ([unchecked], []))
    md = markdown.Markdown(extensions=["attr_list", block.makeExtension(data=DATA)])
    html = md.convert("<b>stashed raw HTML</b>\n\n/// testimonials\n///\n")
    assert "onclick" not in html.replace("{: onclick=alert(1) }", "").replace(
        "{: onclick=alert(2) }", ""
    )
    assert html.count("stashed raw HTML") == 1, "a placeholder in the data pulled in page HTML"
    assert "<p>Hi {: onclick=alert(1) } wzxhzdk:0</p>" in html
    assert '<span class="testimonial__name">Jo &amp;amp; "Sam" {: onclick=alert(2) }</span>' in html
    assert 'href="https://example.com/r?a=1&amp;b=&lt;2&gt;"' in html
    assert 'aria-label="See the original review by Jo &amp;amp; &quot;Sam&quot;' in html
    assert "<li>&lt;b&gt;coaching&lt;/b&gt;</li>" in html


# MkDocs itself: hooks/front_matter_guard.py checks front matter before MkDocs parses it

TINY_SITE = {
    "mkdocs.yml": f"site_name: Test\ntheme: {{name: mkdocs}}\nhooks: [{GUARD}]\n",
    "docs/index.md": "---\ntitle: Home\n---\n# Home\n",
    "docs/bomb.md": f"---\n{bomb()}---\n# Bomb\n\nStill here.\n",
}


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    """A tiny MkDocs project with the guard hook and one bomb page."""
    for name, text in TINY_SITE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_mkdocs_build_stops_before_parsing_a_bomb(tiny_site: Path) -> None:
    (tiny_site / "docs/latin.md").write_bytes(LATIN_1)
    result = run_script(["-m", "mkdocs", "build"], tiny_site)
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [
        f"ERROR   -  docs/bomb.md:2: {ANCHOR}",
        f"ERROR   -  docs/latin.md:2: {not_utf8()}",
        "ERROR   -  2 pages with front matter MkDocs must not read — fix the lines above",
    ]
    assert "Aborted with a BuildError!" in result.stdout + result.stderr
    assert not (tiny_site / "site/bomb").exists()


def test_mkdocs_builds_good_pages_with_the_guard(tiny_site: Path) -> None:
    (tiny_site / "docs/bomb.md").write_text("---\ntitle: Fine\n---\n# Fine\n", encoding="utf-8")
    result = run_script(["-m", "mkdocs", "build", "--strict"], tiny_site)
    assert result.returncode == 0, result.stderr
    assert "<title>Fine - Test</title>" in (tiny_site / "site/bomb/index.html").read_text("utf-8")


def test_mkdocs_serve_shows_the_page_without_its_front_matter(tiny_site: Path) -> None:
    log = tiny_site / "serve.log"
    address = f"127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-a", address]
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "scripts")}
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            command, cwd=tiny_site, env=env, stdout=out, stderr=subprocess.STDOUT,
            preexec_fn=limited_memory,
        )  # fmt: skip
    try:
        page = wait_for(lambda: fetch(f"http://{address}/bomb/"), 30, "the bomb page")
        assert '<h1 id="bomb">Bomb</h1>' in page
        assert "Still here." in page
        assert f"ERROR   -  docs/bomb.md:2: {ANCHOR}" in log.read_text(encoding="utf-8")
        assert server.poll() is None, "the preview stopped"
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl-C: MkDocs removes its temporary site.
        server.wait(timeout=10)
