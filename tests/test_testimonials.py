"""Tests for the testimonials data check (scripts/hinge/testimonials.py) and its Markdown block."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

import markdown
import pytest
from markdown.serializers import to_html_string
from PIL import Image

from hinge import process_images
from hinge import testimonials as check
from hinge.site_markdown import testimonials as block

ROOT = Path(__file__).resolve().parents[1]
DATA = "data/testimonials.yml"
LOGGER = "mkdocs.plugins.hinge.site_markdown.testimonials"

# One valid, real entry; each case below changes one line. Line numbers: quote 1, name 2,
# date 3, source 4, tags 5, consent 6.
REAL = """\
- quote: Coaching was clear and friendly.
  name: Jordan P.
  date: 2026-11-01
  source: https://example.com/reviews/1
  tags: [coaching]
  consent: {given: 2026-11-03, method: email}
"""
EXAMPLE = """\
- quote: Example review. Replace this with a real member's words.
  name: Example member A
  date: 2026-11-02
  consent: example
  example: true
"""
TAGS = "beginners, coaching, technique, back-friendly, strength, community"
FIELDS = (
    "quote, name, avatar, source, date, tags, consent, example, connection, incentive, "
    "typical_results, results_claim"
)
DATE = '"date" must be a real date — write YYYY-MM-DD, e.g. 2026-11-25'
SOURCE = (
    '"source" must be the web address of the full review, starting with https:// '
    "— e.g. https://example.com/reviews/1"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root with data/ and images/avatars/jo.png, used as the current directory."""
    (tmp_path / "data").mkdir()
    (tmp_path / "images/avatars").mkdir(parents=True)
    Image.new("RGB", (96, 96), "teal").save(tmp_path / "images/avatars/jo.png")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], text: str, *args: str) -> tuple[int, str, str]:
    """Write the data file, run the CLI; return (exit code, stdout, stderr)."""
    Path(DATA).write_text(text, encoding="utf-8")
    code = check.main(["--file", DATA, *args])
    out, err = capsys.readouterr()
    return code, out, err


FAILING = {
    "missing quote": (
        "- quote: Coaching was clear and friendly.\n  name:",
        "- name:",
        1,
        'missing "quote" — add the member\'s words as plain text',
    ),
    "missing name": (
        "  name: Jordan P.\n",
        "",
        1,
        'missing "name" — add the name as the member agreed to be shown',
    ),
    "missing date": (
        "  date: 2026-11-01\n",
        "",
        1,
        'missing "date" — add the review date as YYYY-MM-DD',
    ),
    "missing consent": (
        "  consent: {given: 2026-11-03, method: email}\n",
        "",
        1,
        'missing "consent" — record written consent, or write "consent: example" for a placeholder',
    ),
    "unknown field": ("  tags:", "  tagz:", 5, 'unknown field "tagz" — did you mean "tags"?'),
    "unknown field, no close one": (
        "  tags:",
        "  colour:",
        5,
        f'unknown field "colour" — use one of: {FIELDS}',
    ),
    "duplicate field": (
        "  tags: [coaching]",
        "  tags: [coaching]\n  tags: [technique]",
        6,
        '"tags" appears twice — keep one',
    ),
    "results claim without typical results": (
        "  tags:",
        "  results_claim: true\n  tags:",
        5,
        '"results_claim: true" needs "typical_results" — say what most members can expect, '
        'e.g. "Results vary; most members take 8 to 12 weeks to learn the hinge"',
    ),
    "results claim not boolean": (
        "  tags:",
        "  results_claim: often\n  typical_results: Varies.\n  tags:",
        5,
        '"results_claim" must be true or false — e.g. results_claim: true',
    ),
    "connection with html": (
        "  tags:",
        '  connection: "<i>Coach</i>"\n  tags:',
        5,
        '"connection" contains HTML ("<i") — write plain text; it shows as text',
    ),
    "empty incentive": (
        "  tags:",
        '  incentive: ""\n  tags:',
        5,
        '"incentive" is empty — write it, e.g. incentive: "A free month of coaching", or remove it',
    ),
    "typical results not text": (
        "  tags:",
        "  typical_results: [a, b]\n  tags:",
        5,
        '"typical_results" must be text — put it in quotes: '
        'typical_results: "Results vary; most take 8 weeks"',
    ),
    "name not text": (
        "Jordan P.",
        "2024",
        2,
        '"name" must be text — put it in quotes: name: "Jordan P."',
    ),
    "empty quote": (
        "Coaching was clear and friendly.",
        '""',
        1,
        '"quote" is empty — write it, e.g. quote: "Clear, friendly coaching."',
    ),
    "html in quote": (
        "was clear",
        "was <b>clear</b>",
        1,
        '"quote" contains HTML ("<b") — write plain text; it shows as text',
    ),
    "entity in name": (
        "Jordan P.",
        '"Jordan &amp; Sam"',
        2,
        '"name" contains HTML ("&amp;") — write plain text; it shows as text',
    ),
    "date format": ("2026-11-01", "01/11/2026", 3, DATE),
    "date not real": (
        "2026-11-01",
        "2026-02-30",
        3,
        DATE,
    ),
    "source scheme": (
        "https://example.com/reviews/1",
        '"javascript:alert(1)"',
        4,
        SOURCE,
    ),
    "source absolute path": ("https://example.com/reviews/1", "/reviews/", 4, SOURCE),
    "source relative link": ("https://example.com/reviews/1", "about.md#reviews", 4, SOURCE),
    "unknown tag": (
        "[coaching]",
        "[coaching, cardio]",
        5,
        f'unknown tag "cardio" — use one of: {TAGS}',
    ),
    "tags not a list": (
        "[coaching]",
        "coaching",
        5,
        '"tags" must be a list — e.g. tags: [coaching, beginners]',
    ),
    "avatar missing": (
        "  tags:",
        "  avatar: images/avatars/sam.png\n  tags:",
        5,
        'avatar file "images/avatars/sam.png" not found — add the image or remove "avatar"',
    ),
    "avatar outside images": (
        "  tags:",
        "  avatar: docs/jo.png\n  tags:",
        5,
        '"avatar" must be a path under images/ — e.g. images/avatars/jordan.jpg',
    ),
    "avatar not an image": (
        "  tags:",
        "  avatar: images/avatars/jo.gif\n  tags:",
        5,
        '"avatar" must be an image (.avif, .jpeg, .jpg, .png, .webp) — convert it',
    ),
    "consent not recorded": (
        "{given: 2026-11-03, method: email}",
        "yes",
        6,
        '"consent" must record written consent — e.g. {given: 2026-11-01, method: email}',
    ),
    "consent without method": (
        "{given: 2026-11-03, method: email}",
        "{given: 2026-11-03}",
        6,
        'missing "consent.method" — say how they agreed, e.g. email or signed form',
    ),
    "consent bad date": (
        "given: 2026-11-03",
        "given: soon",
        6,
        '"consent.given" must be a real date — write YYYY-MM-DD, e.g. 2026-11-25',
    ),
    "example consent on a real entry": (
        "{given: 2026-11-03, method: email}",
        "example",
        6,
        '"consent: example" is only for placeholders '
        '— add "example: true", '
        "or record the member's written consent",
    ),
    "real consent on an example": (
        "consent: {given",
        "example: true\n  consent: {given",
        7,
        'an example testimonial takes "consent: example" — for a real testimonial, '
        'remove "example: true" and record the member\'s written consent',
    ),
    "example not boolean": (
        "  tags:",
        "  example: maybe\n  tags:",
        5,
        '"example" must be true or false — e.g. example: true',
    ),
    "invalid yaml": (
        "  tags: [coaching]",
        "  tags: [coaching",
        5,
        'the "[" on this line is never closed — end it with "]": tags: [coaching] '
        '(if "[" is part of the text, put the whole value in quotes instead)',
    ),
    "not a list": (
        REAL,
        "quote: hello\n",
        1,
        'expected a list of testimonials — start each with "- quote:"',
    ),
}


@pytest.mark.parametrize(("old", "new", "line", "message"), FAILING.values(), ids=FAILING)
def test_rule_fails_with_file_and_line(
    project: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, line: int, message: str
) -> None:
    assert old in REAL
    code, out, _ = run(capsys, REAL.replace(old, new, 1))
    assert (code, out) == (1, f"{DATA}:{line}: {message}\n")


PASSING = {
    "real entry": ("", ""),
    "quoted date": ("2026-11-01", '"2026-11-01"'),
    "avatar": ("  tags:", "  avatar: images/avatars/jo.png\n  tags:"),
    "all tags": ("[coaching]", f"[{TAGS}]"),
    "consent record": ("method: email}", 'method: signed form, record: "log 2026-014"}'),
    "disclosures": (
        "  tags:",
        "  connection: Works here as a coach.\n  incentive: None.\n"
        "  results_claim: true\n  typical_results: Results vary.\n  tags:",
    ),
    "no optional fields": ("  source: https://example.com/reviews/1\n  tags: [coaching]\n", ""),
    "folded quote": (
        "Coaching was clear and friendly.",
        ">-\n    Coaching was clear\n    and kind.",
    ),
}


@pytest.mark.parametrize(("old", "new"), PASSING.values(), ids=PASSING)
def test_rule_passes(project: Path, capsys: pytest.CaptureFixture[str], old: str, new: str) -> None:
    code, out, err = run(capsys, REAL.replace(old, new, 1))
    assert (code, out, err) == (0, "", f"{DATA}: 1 checked, 0 problems, 0 warnings\n")


def test_missing_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check.main(["--file", "data/none.yml"]) == 1
    assert capsys.readouterr().out == (
        "data/none.yml: file not found — create it or correct the path\n"
    )


def test_usage_error_exits_2(project: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        check.main(["--format", "xml"])
    assert exc.value.code == 2


def test_examples_warn_but_pass(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    second = EXAMPLE.replace("member A", "member B").replace("Example review.", "Example B.")
    code, out, err = run(capsys, REAL + EXAMPLE + second)
    assert code == 0
    assert err == f"{DATA}: 3 checked, 0 problems, 1 warning\n"
    assert out == (
        f"{DATA}:7: warning: 2 example testimonials are still shown — "
        "replace them with real reviews given with consent; see STYLE.md\n"
    )


def test_github_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, REAL.replace("2026-11-01", "soon") + EXAMPLE, "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        f"::error file={DATA},line=3::{DATE}",
        f"::warning file={DATA},line=7::1 example testimonial is still shown — "
        "replace them with real reviews given with consent; see STYLE.md",
    ]


def test_shipped_file_holds_only_labelled_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    entries, problems = check.load(Path(DATA))
    assert problems == []
    assert entries
    for entry in entries:
        assert entry.example
        assert entry.name.startswith("Example member")
        assert entry.quote.startswith("Example review")


# Rendering


def entry(**fields: object) -> check.Testimonial:
    """A valid Testimonial with `fields` overridden."""
    base: dict = {"quote": "Clear coaching.", "name": "Jordan P.", "date": dt.date(2026, 11, 1)}
    return check.Testimonial(**{"line": 1, **base, **fields})


def cards(*entries: check.Testimonial, avatars: dict[str, str] | None = None) -> str:
    root = etree.Element("div")
    block.add_cards(root, list(entries), avatars)
    return to_html_string(root)


def test_text_is_escaped() -> None:
    html = cards(entry(quote="<script>alert(1)</script> & &amp; {: onclick=x }", name="<b>Jo"))
    assert "<script>" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp;amp; {: onclick=x }" in html
    assert "onclick=" not in html.replace("{: onclick=x }", "")
    assert '<span class="testimonial__name">&lt;b&gt;Jo</span>' in html


def test_long_quote_with_source_is_shortened_with_a_link() -> None:
    quote = "word " * 60 + "end"
    html = cards(entry(quote=quote, source="https://example.com/r/1"))
    shown = html.split('<blockquote cite="https://example.com/r/1" class="testimonial__quote">')
    text = shown[1].split("<p>")[1].split("</p>")[0]
    assert text.endswith("word…")
    assert len(text) <= block.QUOTE_LIMIT + 1
    assert (
        '<a aria-label="Read the full review by Jordan P." href="https://example.com/r/1">'
        "Read the full review</a>"
    ) in html


def test_long_quote_without_source_is_shown_in_full() -> None:
    quote = "word " * 60 + "end"
    html = cards(entry(quote=quote))
    assert f"<p>{quote}</p>" in html
    assert "<a " not in html


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("aaa bbb ccc", 7, "aaa bbb…"),
        ("aaa bbb ccc", 9, "aaa bbb…"),
        ("aaa, bbb", 5, "aaa…"),
        ("abcdefghij", 4, "abcd…"),
    ],
)
def test_shorten_cuts_at_a_word(text: str, limit: int, expected: str) -> None:
    assert block.shorten(text, limit) == expected


def test_initials_fallback() -> None:
    html = cards(entry(name="Jordan P."))
    assert '<span aria-hidden="true" class="testimonial__initials">JP</span>' in html
    assert "<img" not in html
    assert block.initials("Example member A") == "EA"
    assert block.initials("Sam") == "S"


def test_avatar_markup() -> None:
    avatars = {"images/avatars/jo.png": "img/avatars/jo-96.webp"}
    html = cards(entry(avatar="images/avatars/jo.png"), avatars=avatars)
    assert (
        '<img alt="" class="testimonial__avatar" decoding="async" height="48" loading="lazy"'
        ' src="img/avatars/jo-96.webp" width="48">'
    ) in html
    assert "testimonial__initials" not in html


def test_card_markup() -> None:
    html = cards(entry(tags=("coaching",), example=True))
    assert '<figure class="testimonial testimonial--example">' in html
    assert '<p class="testimonial__label">Example entry — not a real review</p>' in html
    assert '<time class="testimonial__date" datetime="2026-11-01">November 1, 2026</time>' in html
    assert '<ul aria-label="Topics" class="testimonial__tags"><li>coaching</li></ul>' in html


def test_disclosures_render_escaped() -> None:
    html = cards(entry(connection="Coach's <b>brother</b> & friend", incentive="A free month"))
    assert (
        '<p class="testimonial__disclosure"><strong>Connection to us:</strong>'
        " Coach's &lt;b&gt;brother&lt;/b&gt; &amp; friend</p>"
    ) in html
    assert "<strong>Incentive:</strong> A free month</p>" in html
    assert "Typical results" not in html


def convert(project: Path, data: str, source: str) -> str:
    """Convert `source` with the extension (and the site's neighbours) over `data`."""
    (project / DATA).write_text(data, encoding="utf-8")
    md = markdown.Markdown(
        extensions=[
            "abbr",
            "attr_list",
            "md_in_html",
            "pymdownx.blocks.admonition",
            "pymdownx.superfences",
            block.makeExtension(data=DATA),
        ]
    )
    return md.convert(source)


def dated(day: int, name: str) -> str:
    """REAL by `name` on November `day`, in their own words (each quote appears once)."""
    real = REAL.replace("2026-11-01", f"2026-11-{day:02}").replace("Jordan P.", name)
    return real.replace("friendly.", f"friendly, says {name}.")


def test_limit_keeps_the_newest(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = dated(1, "Ann") + dated(9, "Bea") + dated(5, "Cy")
    html = convert(project, data, "/// testimonials\nlimit: 2\n///\n")
    names = [part.split("<")[0] for part in html.split('class="testimonial__name">')[1:]]
    assert names == ["Bea", "Cy"]
    assert caplog.records == []


def test_tags_option_and_pymdownx_header_form(project: Path) -> None:
    data = dated(1, "Ann") + dated(2, "Bea").replace("[coaching]", "[community]")
    html = convert(project, data, "/// testimonials\n    tags: [community]\n///\n")
    assert "Bea" in html
    assert "Ann" not in html


def test_block_coexists_with_other_blocks(project: Path) -> None:
    source = "/// admonition | Note\nHi\n///\n\n/// testimonials\n///\n\n*[Jordan]: abbr\n"
    html = convert(project, REAL, source)
    assert '<p class="admonition-title">Note</p>' in html
    assert '<span class="testimonial__name">Jordan P.</span>' in html
    assert "<abbr" not in html


def test_examples_render_labelled_without_warning(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    html = convert(project, EXAMPLE, "/// testimonials\n///\n")
    assert "Example entry — not a real review" in html
    assert caplog.records == []


def test_invalid_entry_warns_and_is_left_out(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = REAL + REAL.replace("Jordan P.", "Sam").replace("2026-11-01", "soon")
    html = convert(project, data, "/// testimonials\n///\n")
    assert "Jordan P." in html
    assert "Sam" not in html
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        (LOGGER, "WARNING", f"{DATA}:9: {DATE}")
    ]


def test_unprocessed_avatar_warns_and_shows_initials(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    data = REAL.replace("  tags:", "  avatar: images/avatars/jo.png\n  tags:")
    html = convert(project, data, "/// testimonials\n///\n")
    assert "testimonial__initials" in html
    assert [r.getMessage() for r in caplog.records] == [
        f'{DATA}:1: avatar "images/avatars/jo.png" is not processed yet — run `make images`'
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("limit: three", "testimonials block: limit must be a whole number — e.g. limit: 3"),
        ("tags: [cardio]", f"testimonials block: tags must be a list of: {TAGS}"),
        ("sort: name", 'testimonials block: write options only, one a line — e.g. "limit: 3"'),
    ],
)
def test_bad_block_options_warn(
    project: Path, caplog: pytest.LogCaptureFixture, options: str, message: str
) -> None:
    html = convert(project, REAL, f"/// testimonials\n{options}\n///\n")
    assert "<figure" not in html
    assert [r.getMessage() for r in caplog.records] == [message]


# A real MkDocs build


def build(
    project: Path,
    data: str,
    page: str = "index.md",
    body: str = "/// testimonials\n///\n",
    production: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Process the avatars, then build a Material site with `body` on `page`, strictly."""
    (project / DATA).write_text(data, encoding="utf-8")
    assert process_images.main(["--jobs", "1"]) == 0
    (project / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / page).write_text(f"# Reviews\n\n{body}", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Test\ntheme: {name: material}\nstrict: true\n"
        "markdown_extensions:\n  - hinge.site_markdown.testimonials:\n"
        "      {data: data/testimonials.yml, contact: https://example.org/send}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "HINGE_PRODUCTION": "1" if production else ""}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, check=False, env=env
    )


@pytest.mark.parametrize(
    ("page", "built", "src"),
    [
        ("index.md", "site/index.html", "img/avatars/jo-96.webp"),
        ("about/reviews.md", "site/about/reviews/index.html", "../../img/avatars/jo-96.webp"),
    ],
)
def test_mkdocs_build(project: Path, page: str, built: str, src: str) -> None:
    data = REAL.replace("  tags:", "  avatar: images/avatars/jo.png\n  tags:") + EXAMPLE
    result = build(project, data, page)
    assert result.returncode == 0, result.stderr
    html = (project / built).read_text(encoding="utf-8")
    assert '<ul class="testimonials" role="list">' in html
    assert html.count('<figure class="testimonial') == 2
    assert f'src="{src}"' in html
    assert '<p class="testimonial__label">Example entry — not a real review</p>' in html


def test_strict_mkdocs_build_fails_on_an_invalid_entry(project: Path) -> None:
    result = build(project, REAL.replace("[coaching]", "[cardio]"))
    assert result.returncode == 1
    assert f'WARNING -  {DATA}:5: unknown tag "cardio" — use one of: {TAGS}' in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout


STRIP = "/// testimonials\nlimit: 3\nheading: What members say\nmore: index.md\n///\n\n## Next\n"


def test_production_build_shows_no_example(project: Path) -> None:
    result = build(project, EXAMPLE, production=True)
    assert result.returncode == 0, result.stderr
    html = (project / "site/index.html").read_text(encoding="utf-8")
    assert "testimonial--example" not in html
    assert "Example" not in html
    assert "We are collecting reviews from members. We do not show any yet." in html
    assert '<a href="https://example.org/send">Send us your review</a>' in html
    assert "The cards below are examples" not in html
    assert 'role="list"' not in html.split("testimonials__notice")[1]


def test_local_build_labels_the_examples(project: Path) -> None:
    result = build(project, EXAMPLE)
    assert result.returncode == 0, result.stderr
    html = (project / "site/index.html").read_text(encoding="utf-8")
    assert "We are collecting reviews from members." in html
    assert "The cards below are examples that show the layout; each one is labelled." in html
    assert html.count('<figure class="testimonial testimonial--example">') == 1


def test_production_strip_is_absent_without_real_reviews(project: Path) -> None:
    result = build(project, EXAMPLE, body=STRIP, production=True)
    assert result.returncode == 0, result.stderr
    html = (project / "site/index.html").read_text(encoding="utf-8")
    assert "What members say" not in html
    assert "See all testimonials" not in html
    assert "testimonials-section" not in html
    assert 'id="next"' in html


def test_production_strip_shows_real_reviews(project: Path) -> None:
    result = build(project, REAL + EXAMPLE, body=STRIP, production=True)
    assert result.returncode == 0, result.stderr
    html = (project / "site/index.html").read_text(encoding="utf-8")
    assert '<h2 id="what-members-say">What members say' in html
    assert html.count('<figure class="testimonial') == 1
    assert '<a href="./">See all testimonials</a>' in html
    assert "We are collecting" not in html


@pytest.mark.parametrize(
    ("contact", "link"),
    [
        ("mailto:reviews@example.org", '<a href="mailto:reviews@example.org">'),
        ("https://example.org/send?a=1&b=2", '<a href="https://example.org/send?a=1&amp;b=2">'),
    ],
)
def test_notice_links_the_contact(project: Path, contact: str, link: str) -> None:
    (project / DATA).write_text(EXAMPLE, encoding="utf-8")
    md = markdown.Markdown(extensions=[block.makeExtension(data=DATA, contact=contact)])
    html = md.convert("/// testimonials\n///\n")
    assert f"{link}Send us your review</a>" in html


def test_notice_refuses_a_contact_that_is_not_a_web_or_mail_address(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / DATA).write_text(EXAMPLE, encoding="utf-8")
    md = markdown.Markdown(extensions=[block.makeExtension(data=DATA, contact="javascript:x")])
    html = md.convert("/// testimonials\n///\n")
    assert "javascript" not in html
    assert [r.getMessage() for r in caplog.records] == [
        'testimonials: contact "javascript:x" must be an https: or mailto: address'
    ]
