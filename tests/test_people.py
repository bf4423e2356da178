"""Tests for data/people.yml (scripts/hinge/people.py), the front-matter ids and the page byline."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as etree
from pathlib import Path

import pytest
from lxml import html as lxml_html
from markdown.serializers import to_html_string
from PIL import Image

from hinge import people as check
from hinge.content_check.front_matter import check_front_matter
from hinge.content_check.page import parse
from hinge.site_markdown import byline

ROOT = Path(__file__).resolve().parents[1]
DATA = "data/people.yml"

# One valid, real person; each case below changes one line. Lines: id 1, name 2, role 3,
# credentials 4, bio 5, consent 6.
REAL = """\
- id: sam-k
  name: Sam K.
  role: Physiotherapist
  credentials: MCSP & HCPC registered
  bio: Sam treats lifters and checks our safety advice.
  consent: 2026-11-03
"""
EXAMPLE = """\
- id: example-reviewer
  name: Example reviewer
  role: Physiotherapist (example)
  credentials: Example credential
  bio: Example person.
  consent: example
  example: true
"""
FIELDS = "id, name, role, credentials, bio, photo, consent, example"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root with data/, used as the current directory."""
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, str, str]:
    """Write the data file, run the CLI; return (exit code, stdout, stderr)."""
    Path(DATA).write_text(text, encoding="utf-8")
    code = check.main(["--file", DATA, "--format", "text"])
    out, err = capsys.readouterr()
    return code, out, err


FAILING = {
    "missing id": ("- id: sam-k\n  name:", "- name:", 1, 'missing "id" — add a short id'),
    "missing bio": ("  bio: Sam treats lifters and checks our safety advice.\n", "", 1, "bio"),
    "bad id": ("sam-k", "Sam K", 1, '"id" must be lowercase letters, digits and hyphens'),
    "unknown field": (
        "  consent:",
        "  website: x\n  consent:",
        6,
        f'unknown field "website" — use one of: {FIELDS}',
    ),
    "html in name": ("Sam K.", '"<b>Sam</b>"', 2, '"name" contains HTML ("<b")'),
    "credentials not text": ("MCSP & HCPC registered", "[a, b]", 4, '"credentials" must be text'),
    "bad consent": ("2026-11-03", "yes", 6, '"consent" must be a real date'),
    "example consent": ("2026-11-03", "example", 6, '"consent: example" is only for'),
    "photo outside images": (
        "  consent:",
        "  photo: docs/sam.jpg\n  consent:",
        6,
        '"photo" must be a path under images/',
    ),
    "long bio": (
        "Sam treats",
        "x" * 300 + " Sam treats",
        5,
        '"bio" is 349 characters — keep it to 300',
    ),
    "not a list": (REAL, "id: sam\n", 1, "expected a list of people"),
}


@pytest.mark.parametrize(("old", "new", "line", "start"), FAILING.values(), ids=FAILING)
def test_rule_fails_with_file_and_line(
    project: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, line: int, start: str
) -> None:
    assert old in REAL
    code, out, _ = run(capsys, REAL.replace(old, new, 1))
    assert code == 1
    assert len(out.splitlines()) == 1
    assert out.startswith(f"{DATA}:{line}: ")
    assert start in out


def test_duplicate_id(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, REAL + REAL.replace("Sam K.", "Sam L."))
    assert code == 1
    assert out == f'{DATA}:7: id "sam-k" is also used on line 1 — give each person their own\n'


def test_examples_warn_but_pass(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, REAL + EXAMPLE)
    assert (code, err) == (0, f"{DATA}: 2 checked, 0 problems, 1 warning\n")
    assert out.startswith(f"{DATA}:7: warning: 1 example person is still listed")


def test_shipped_file_holds_only_labelled_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    found, problems = check.load(Path(DATA))
    assert problems == []
    assert found
    assert all(person.example and person.name.startswith("Example") for person in found)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("sam-l", 'unknown person "sam-l" in "author" — did you mean "sam-k"?'),
        ("zed", 'unknown person "zed" in "author" — use an id from data/people.yml: sam-k'),
        ("[sam-k]", '"author" must be text — put it in quotes: author: example-writer'),
    ],
)
def test_front_matter_person_ids(value: str, message: str) -> None:
    text = (
        "---\ntitle: T\ndescription: " + "d" * 60 + "\ndate: 2026-11-01\n"
        f"reviewed: 2026-11-01\nauthor: {value}\nreviewer: sam-k\n---\n# T\n"
    )
    findings = check_front_matter(
        parse("docs/t.md", text), "t.md", dt.date(2026, 12, 1), frozenset({"sam-k"})
    )
    assert [(f.path, f.line, f.message) for f in findings] == [("docs/t.md", 6, message)]


@pytest.mark.parametrize(
    ("reviewed", "months", "due"),
    [
        (dt.date(2026, 11, 25), 12, dt.date(2027, 11, 25)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),
        (dt.date(2026, 1, 15), 1, dt.date(2026, 2, 15)),
    ],
)
def test_review_due(reviewed: dt.date, months: int, due: dt.date) -> None:
    assert byline.review_due(reviewed, months) == due


def test_byline_text_is_escaped() -> None:
    person = check.Person("x", "<b>Jo</b> & Sam", "Coach", "Bio.", 1, credentials="R&D <i>")
    root = etree.Element("div")
    byline.add_byline(root, 0, person, person, dt.date(2026, 11, 25), 12)
    html = to_html_string(root)
    assert "<b>" not in html
    assert "<i>" not in html
    assert 'Written by <span class="byline__name">&lt;b&gt;Jo&lt;/b&gt; &amp; Sam</span>' in html
    assert "</span>, R&amp;D &lt;i&gt;</p>" in html


# A real MkDocs build of a copy of the project

SKIP = shutil.ignore_patterns(".venv*", "node_modules", "site", ".git", "test-artifacts", ".cache")


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project, copied, with a real reviewer and an example writer on the hinge page (the
    other pages keep their example writer and reviewer)."""
    root = tmp_path_factory.mktemp("people") / "project"
    shutil.copytree(ROOT, root, ignore=SKIP)
    data = root / DATA
    with_photo = REAL.replace("  consent:", "  photo: images/people/sam.png\n  consent:")
    data.write_text(data.read_text(encoding="utf-8") + "\n" + with_photo, encoding="utf-8")
    (root / "images/people").mkdir(parents=True)
    Image.new("RGB", (256, 256), "teal").save(root / "images/people/sam.png")
    env = {**os.environ, "PYTHONPATH": str(root / "scripts")}
    command = [sys.executable, "-m", "hinge", "images"]
    subprocess.run(command, cwd=root, env=env, check=True, capture_output=True)
    page = root / "docs/hip-hinge.md"
    text = page.read_text(encoding="utf-8")
    assert "\nreviewer: example-reviewer\n" in text
    page.write_text(text.replace("\nreviewer: example-reviewer\n", "\nreviewer: sam-k\n"), "utf-8")
    return root


def build(root: Path, out: str, production: bool) -> subprocess.CompletedProcess[str]:
    """Build the copy strictly into root/out."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HINGE_PRODUCTION": "1" if production else ""}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", out]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, check=False)


def article(html: str) -> dict:
    """The page's Article JSON-LD."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(item for item in map(json.loads, blocks) if item["@type"] == "Article")


def byline_of(html: str) -> str:
    """The byline's HTML."""
    return re.search(r'<div class="byline"[^>]*>.*?</div>', html, re.S)[0]


@pytest.fixture(scope="module")
def local(copy: Path) -> Path:
    """The copy built as on an editor's machine."""
    result = build(copy, "site-local", production=False)
    assert result.returncode == 0, result.stderr
    return copy / "site-local"


@pytest.fixture(scope="module")
def published(copy: Path) -> Path:
    """The copy built as the deploy job builds it (HINGE_PRODUCTION=1)."""
    result = build(copy, "site-prod", production=True)
    assert result.returncode == 0, result.stderr
    return copy / "site-prod"


def test_byline_in_a_real_build(local: Path) -> None:
    html = (local / "hip-hinge/index.html").read_text(encoding="utf-8")
    h1 = html.index("<h1")
    assert h1 < html.index('<div class="byline"') < html.index("<p>", h1 + 1) + 1
    assert byline_of(html) == (
        '<div class="byline" data-search-exclude=""><p class="byline__people">Written by '
        '<span class="byline__name">Example writer</span> '
        '<span class="byline__example">(example person — not real)</span> · '
        'Clinically reviewed by <img alt="" class="byline__photo" height="32" loading="lazy" '
        'src="../img/people/sam-256.webp" width="32" /><span class="byline__name">Sam K.</span>, '
        "MCSP &amp; HCPC registered</p>"
        '<p class="byline__dates">Last reviewed <time datetime="2026-12-02">December 2, 2026'
        '</time> · Next review due <time datetime="2027-12-02">December 2, 2027</time></p></div>'
    )


def test_search_results_show_the_page_not_its_byline(site: Path) -> None:
    """Every page has a byline, and a search result shows a section's first words: they must
    be the page's, not "Written by … Clinically reviewed by …" on every result."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert len(index["docs"]) > 100
    for doc in index["docs"]:
        for words in ("Written by", "Clinically reviewed by", "Last reviewed"):
            assert words not in doc["text"], f"{doc['location'] or 'home'}: {doc['text'][:80]}"


def test_a_photo_comes_through_the_image_pipeline(local: Path) -> None:
    html = (local / "hip-hinge/index.html").read_text(encoding="utf-8")
    photo = lxml_html.fromstring(byline_of(html)).find(".//img[@class='byline__photo']")
    assert photo is not None, "no photo beside the reviewer's name"
    assert photo.getnext().text == "Sam K."
    assert photo.get("src").startswith("../img/people/sam-")
    assert photo.get("src").endswith(".webp")
    assert (local / "hip-hinge" / photo.get("src")).resolve().is_file()
    assert (photo.get("alt"), photo.get("width"), photo.get("height")) == ("", "32", "32")


def test_structured_data(local: Path) -> None:
    data = article((local / "hip-hinge/index.html").read_text(encoding="utf-8"))
    assert data["author"] == {
        "@type": "Person",
        "name": "Example writer",
        "jobTitle": "Strength coach (example)",
    }
    assert data["mainEntityOfPage"]["lastReviewed"] == "2026-12-02"
    assert data["mainEntityOfPage"]["reviewedBy"] == {
        "@type": "Person",
        "name": "Sam K.",
        "jobTitle": "Physiotherapist",
        "hasCredential": {
            "@type": "EducationalOccupationalCredential",
            "name": "MCSP & HCPC registered",
        },
    }


def test_production_never_shows_an_example_person(published: Path) -> None:
    html = (published / "hip-hinge/index.html").read_text(encoding="utf-8")
    assert "Written by" not in byline_of(html)
    assert "Clinically reviewed by" in byline_of(html)
    data = article(html)
    assert data["author"] == {"@type": "Organization", "name": "Hinge Course coaching team"}
    assert data["mainEntityOfPage"]["reviewedBy"]["name"] == "Sam K."
    cues = (published / "cues/index.html").read_text(encoding="utf-8")
    assert "Clinical review: not yet assigned" in byline_of(cues)
    assert "reviewedBy" not in article(cues)["mainEntityOfPage"]
    for page in published.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Example writer" not in text, page
        assert "Example reviewer" not in text, page
        assert "example person" not in text, page


def test_local_build_labels_example_reviewer(local: Path) -> None:
    cues = byline_of((local / "cues/index.html").read_text(encoding="utf-8"))
    assert (
        'Example reviewer</span>, Example credential <span class="byline__example">'
        "(example person — not real)</span>"
    ) in cues


def test_unknown_id_fails_the_strict_build(copy: Path) -> None:
    page = copy / "docs/glossary.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original.replace("author: example-writer", "author: nobody"), "utf-8")
    try:
        result = build(copy, "site-bad", production=False)
    finally:
        page.write_text(original, encoding="utf-8")
    assert result.returncode == 1
    expected = 'docs/glossary.md: unknown person "nobody" in "author" — use an id from'
    assert expected in result.stderr
