"""Sharing cards from scripts/hinge/social_cards.py: one per page, sized, small, deterministic,
incremental, left alone by the image pipeline, and named by the built pages' og:image.

Every test draws into a temporary folder, never into the project's docs/.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from lxml import html
from PIL import Image

from conftest import CONFIG, NAV, ROOT, page_url
from hinge import process_images
from hinge import social_cards as sc

DOCS = ROOT / "docs"
MAX_BYTES = 60_000

PAGES = {
    "index.md": "---\ntitle: Home\ndescription: The home page of a tiny test site.\n---\n# Home\n",
    "guide/index.md": "---\ntitle: Guide\ndescription: A section index.\n---\n# Guide\n",
    "guide/step.md": "---\ntitle: A step with a title long enough to wrap\n---\n# Step\n",
    "plain.md": "# Only a heading\n\nNo front matter here.\n",
}


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A tiny docs folder with an index page, a section index and pages without metadata."""
    for name, text in PAGES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's pages with their cards drawn, as `make build` draws them."""
    docs = tmp_path_factory.mktemp("project") / "docs"
    docs.mkdir()
    for page in DOCS.rglob("*.md"):
        (docs / page.relative_to(DOCS)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, docs / page.relative_to(DOCS))
    assert sc.main(["--docs", str(docs)]) == 0
    return docs


def test_card_path_rule() -> None:
    assert sc.card_path("index.md") == "img/social/index.png"
    assert sc.card_path("progression/index.md") == "img/social/progression.png"
    assert sc.card_path("progression/barbell-rdl.md") == "img/social/progression/barbell-rdl.png"


def test_cards_for_every_page_sized_and_small(docs: Path) -> None:
    assert sc.main(["--docs", str(docs)]) == 0
    for name in PAGES:
        card = docs / sc.card_path(name)
        with Image.open(card) as image:
            assert image.size == (sc.WIDTH, sc.HEIGHT) == (1200, 630), name
        assert card.stat().st_size < MAX_BYTES, f"{name}: {card.stat().st_size} bytes"
    titles = {c.src: c.title for c in sc.read_cards(docs)}
    assert titles["plain.md"] == "Only a heading", "no front matter: the first heading"


def test_output_is_deterministic(docs: Path) -> None:
    card = sc.read_cards(docs)[0]
    first = sc.png_bytes(sc.draw(card), sc.card_key(card))
    assert sc.png_bytes(sc.draw(card), sc.card_key(card)) == first
    assert sc.main(["--docs", str(docs), "--force"]) == 0
    assert (docs / card.path).read_bytes() == first


def test_runs_are_incremental(docs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert sc.main(["--docs", str(docs)]) == 0
    assert capsys.readouterr().out.count("drew ") == len(PAGES)
    mtimes = {p: p.stat().st_mtime_ns for p in (docs / sc.SOCIAL).rglob("*.png")}
    assert sc.main(["--check", "--docs", str(docs)]) == 0
    assert sc.main(["--docs", str(docs)]) == 0
    assert "drew " not in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes, "unchanged cards are rewritten"

    step = docs / "guide/step.md"
    step.write_text(step.read_text(encoding="utf-8").replace("long", "lengthy"), encoding="utf-8")
    (docs / "plain.md").unlink()
    assert sc.main(["--check", "--docs", str(docs)]) == 1
    err = capsys.readouterr().err
    assert "guide/step.png" in err
    assert "plain.png" in err
    assert (docs / "img/social/plain.png").exists(), "--check must not write"
    assert sc.main(["--docs", str(docs)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["drew img/social/guide/step.png", "removed img/social/plain.png"]
    assert not list((docs / sc.SOCIAL).rglob(".*")), "no temporary files left behind"


def test_missing_docs_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        sc.main(["--docs", str(tmp_path / "missing")])
    assert exit_info.value.code == 2


def test_image_pipeline_keeps_the_cards(tmp_path: Path, docs: Path) -> None:
    """process_images.py deletes only what its manifest listed; our cards share docs/img/."""
    assert sc.main(["--docs", str(docs)]) == 0
    source = tmp_path / "images"
    source.mkdir()
    Image.new("RGB", (64, 32), "#0b5560").save(source / "old.png")
    assert not process_images.run(source, docs / "img", jobs=1)["failed"]
    (source / "old.png").unlink()
    assert process_images.run(source, docs / "img", jobs=1)["removed"] == ["old.png"]
    assert sc.main(["--check", "--docs", str(docs)]) == 0, "the pipeline removed a card"


def test_every_project_page_has_a_small_card(project: Path) -> None:
    cards = sc.read_cards(project)
    assert {c.src for c in cards} >= set(NAV)
    for card in cards:
        path = project / card.path
        with Image.open(path) as image:
            assert image.size == (1200, 630), card.path
        assert path.stat().st_size < MAX_BYTES, f"{card.path}: {path.stat().st_size} bytes"


def test_check_names_the_stale_project_card_and_no_fresh_one(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    docs = shutil.copytree(project, tmp_path / "docs")
    total = len(sc.read_cards(docs))
    capsys.readouterr()
    assert sc.main(["--check", "--docs", str(docs)]) == 0
    assert capsys.readouterr() == (f"0 stale, {total} up to date\n", "")
    page = docs / "progression/barbell-rdl.md"
    text = page.read_text(encoding="utf-8")
    assert "\ntitle: " in text, f"{page.name}: no title to change"
    page.write_text(text.replace("\ntitle: ", "\ntitle: Changed ", 1), encoding="utf-8")
    card = docs / "img/social/progression/barbell-rdl.png"
    before = card.read_bytes()
    assert sc.main(["--check", "--docs", str(docs)]) == 1
    out, err = capsys.readouterr()
    assert out == f"1 stale, {total - 1} up to date\n"
    assert err.splitlines() == [f"{card}: stale card — run python -m hinge cards"]
    assert card.read_bytes() == before, "--check must not write"


def test_settings_hash_covers_every_diagrams_module() -> None:
    loaded = {
        Path(module.__file__).resolve()
        for name, module in sys.modules.items()
        if name.startswith("hinge.diagrams") and module.__file__
    }
    assert loaded, "social_cards draws with hinge.diagrams"
    assert loaded <= {path.resolve() for path in sc.drawing_code()}


@pytest.mark.parametrize("md", NAV)
def test_built_page_og_image_is_its_card(project: Path, site: Path, md: str) -> None:
    tree = html.fromstring((site / page_url(md) / "index.html").read_bytes())
    og_image = tree.xpath("string(//meta[@property='og:image']/@content)")
    assert og_image == CONFIG["site_url"] + sc.card_path(md), "template and script disagree"
    built = site / og_image.removeprefix(CONFIG["site_url"])
    assert built.is_file(), (
        f"{md}: {og_image} is not in the built site; conftest.build_site must run "
        "scripts/hinge/social_cards.py before MkDocs"
    )
    assert built.read_bytes() == (project / sc.card_path(md)).read_bytes(), "not the card drawn"
    assert tree.xpath("string(//meta[@name='twitter:card']/@content)") == "summary_large_image"
    assert tree.xpath("string(//meta[@name='twitter:image']/@content)") == og_image
    assert tree.xpath("string(//meta[@property='og:image:width']/@content)") == "1200"
    assert tree.xpath("string(//meta[@property='og:image:height']/@content)") == "630"
    assert tree.xpath("string(//meta[@property='og:image:alt']/@content)")
    blocks = [json.loads(s) for s in tree.xpath("//script[@type='application/ld+json']/text()")]
    article = next(b for b in blocks if b["@type"] in ("Article", "WebSite"))
    assert article["image"]["url"] == og_image
