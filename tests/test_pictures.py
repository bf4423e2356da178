"""site_markdown.pictures in a tiny real MkDocs site built in tmp_path."""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote, urljoin

import markdown
import pytest
from lxml import html
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from PIL import Image

from hinge import process_images
from hinge.content_check.project import image_source
from hinge.site_markdown.pictures import MOTION_MEDIA, PHONE_MEDIA, PicturesExtension

PAGES = {
    "index.md": "# Home\n\n![A hinge from the side](../images/side view.jpg)\n\n"
    "Text ![Second](../images/side%20view.jpg) and more.\n",
    "progression/barbell-rdl.md": "# RDL\n\n![A barbell RDL](../../images/progression/rdl.png)\n",
}


def make_site(root: Path, pages: dict[str, str]) -> Path:
    """Write a project (images, docs, mkdocs.yml), process its images; return it."""
    (root / "images" / "progression").mkdir(parents=True)
    Image.effect_noise((700, 400), 50).convert("RGB").save(root / "images" / "side view.jpg")
    Image.new("RGB", (300, 200), "navy").save(root / "images" / "progression" / "rdl.png")
    Image.new("RGB", (600, 900), "teal").save(root / "images" / "progression" / "rdl.phone.png")
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Test\nstrict: true\nmarkdown_extensions:\n  - hinge.site_markdown.pictures\n",
        encoding="utf-8",
    )
    argv = ["--source", str(root / "images"), "--output", str(root / "docs" / "img"), "--jobs", "1"]
    assert process_images.main(argv) == 0
    return root


def build_site(root: Path) -> None:
    """`mkdocs build --strict`, in-process, from the project folder."""
    build(load_config(str(root / "mkdocs.yml"), strict=True))


def built(root: Path) -> Path:
    """Build the project at `root` from its own folder; return its site folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        build_site(root)
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site folder of a good project."""
    return built(make_site(tmp_path_factory.mktemp("project"), PAGES))


def pictures(site: Path, page: str) -> list[html.HtmlElement]:
    """The <picture> elements of a built page."""
    return html.parse(str(site / page)).getroot().findall(".//picture")


@pytest.mark.parametrize(
    ("page", "count"), [("index.html", 2), ("progression/barbell-rdl/index.html", 1)]
)
def test_srcset_urls_resolve_to_files_relative_to_the_page(site: Path, page: str, count: int):
    found = pictures(site, page)
    assert len(found) == count
    page_url = "https://example.org/" + page.removesuffix("index.html")
    for picture in found:
        img = picture.find("img")
        urls = {img.get("src"): None, picture.getparent().get("href"): None}
        for element in [*picture.findall("source"), img]:
            assert element.get("sizes")
            for candidate in element.get("srcset").split(","):
                url, width = candidate.split()
                urls[url] = int(width.removesuffix("w"))
        for url, width in urls.items():
            path = site / unquote(urljoin(page_url, url).removeprefix("https://example.org/"))
            assert path.is_file(), url
            with Image.open(path) as image:
                assert width in (None, image.width)
        default = [s.get("type") for s in picture.findall("source") if not s.get("media")]
        assert default == ["image/avif", "image/webp"]


def test_img_has_size_and_loading_hints(site: Path) -> None:
    first, second = (p.find("img") for p in pictures(site, "index.html"))
    assert (first.get("width"), first.get("height")) == ("700", "400")
    assert first.get("alt") == "A hinge from the side"
    assert (first.get("loading"), first.get("fetchpriority")) == ("eager", "high")
    assert (second.get("loading"), second.get("fetchpriority")) == ("lazy", None)
    assert first.get("decoding") == second.get("decoding") == "async"
    (rdl,) = pictures(site, "progression/barbell-rdl/index.html")
    assert rdl.find("img").get("loading") == "eager", "each page's first image is eager"
    assert (rdl.find("img").get("width"), rdl.find("img").get("height")) == ("300", "200")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("![](../images/side view.jpg)", "has no alt text"),
        ("![ ](../images/side view.jpg)", "has no alt text"),
        ("![A photo](../images/missing.jpg)", "is not found"),
    ],
)
def test_strict_build_fails_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, text, problem
) -> None:
    root = make_site(tmp_path, {"index.md": "# Home\n", "lesson.md": f"# Lesson\n\n{text}\n"})
    monkeypatch.chdir(root)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(root)
    assert any("lesson.md" in m and problem in m for m in caplog.messages), caplog.messages


def test_unprocessed_image_asks_to_run_make_images(tmp_path, monkeypatch, caplog) -> None:
    root = make_site(tmp_path, {"index.md": "# Home\n\n![New](../images/new.png)\n"})
    Image.new("RGB", (10, 10)).save(root / "images" / "new.png")
    monkeypatch.chdir(root)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(root)
    assert any("index.md" in m and "make images" in m for m in caplog.messages)


def test_plain_markdown_keeps_paths_relative_to_the_markdown_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_site(tmp_path, {"index.md": "# Home\n"})
    monkeypatch.chdir(root)
    extension = PicturesExtension(link=False)
    text = "![RDL](../../images/progression/rdl.png)"
    out = html.fromstring(markdown.markdown(text, extensions=[extension]))
    img = out.find(".//img")
    assert img.get("src") == "../img/progression/rdl-300.png"
    assert img.get("srcset") == "../img/progression/rdl-300.png 300w"
    assert out.find(".//a") is None
    assert posixpath.normpath(posixpath.join("docs/progression", img.get("src"))) == (
        "docs/img/progression/rdl-300.png"
    )


def test_image_folders_are_one_setting_in_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pictures extension's `images` option names the folders once: the pipeline (without
    --source/--output) and the content check read them there too."""
    (tmp_path / "art").mkdir()
    Image.new("RGB", (300, 200), "navy").save(tmp_path / "art" / "rdl.png")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n![An RDL](../art/rdl.png)\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Test\nstrict: true\n"
        "markdown_extensions:\n"
        "  - hinge.site_markdown.pictures: {images: {source: art, output: docs/pics}}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert process_images.main(["--jobs", "1"]) == 0
    assert (tmp_path / "docs" / "pics" / "rdl-300.png").is_file()
    assert image_source(tmp_path) == "art"
    build_site(tmp_path)
    page = html.fromstring((tmp_path / "site" / "index.html").read_bytes())
    assert page.find(".//picture//img").get("src") == "pics/rdl-300.png"


def test_phone_version_comes_first_with_media_and_its_own_size(site: Path) -> None:
    (rdl,) = pictures(site, "progression/barbell-rdl/index.html")
    sources = rdl.findall("source")
    phone = [(s.get("media"), s.get("type"), s.get("width"), s.get("height")) for s in sources]
    assert phone[:3] == [
        (PHONE_MEDIA, "image/avif", "600", "900"),
        (PHONE_MEDIA, "image/webp", "600", "900"),
        (PHONE_MEDIA, None, "600", "900"),
    ], "phone sources first, one per format, each with the phone version's size"
    assert [s.get("media") for s in sources[3:]] == [None, None]
    for source, ext in zip(sources[:3], ("avif", "webp", "png"), strict=True):
        urls = [candidate.split()[0] for candidate in source.get("srcset").split(", ")]
        assert urls == [f"../../img/progression/rdl.phone-{w}.{ext}" for w in (480, 600)]
        assert source.get("sizes") == sources[3].get("sizes")
    img = rdl.find("img")
    assert (img.get("width"), img.get("height")) == ("300", "200"), "the <img> keeps the default"
    assert (img.get("alt"), img.get("loading"), img.get("fetchpriority")) == (
        "A barbell RDL",
        "eager",
        "high",
    )


def test_without_a_phone_version_there_is_no_media_source(site: Path) -> None:
    for picture in pictures(site, "index.html"):
        assert [s.get("media") for s in picture.findall("source")] == [None, None]


def test_flat_colour_images_are_marked_as_diagrams(site: Path) -> None:
    (rdl,) = pictures(site, "progression/barbell-rdl/index.html")
    assert rdl.find("img").get("class") == "diagram"
    photo, _ = pictures(site, "index.html")
    assert photo.find("img").get("class") is None


# Motion (issue 19): a loop next to a still, and an animated image named by a page.
MOTION_PAGES = {
    "index.md": "# Home\n\n![A ball rolls](../images/ball.gif)\n\n"
    "![An RDL](../images/progression/rdl.png)\n",
    "progression/barbell-rdl.md": "# RDL\n\nText.\n\n"
    "![A barbell RDL](../../images/progression/rdl.png)\n\nMore text.\n",
}


def animation(path: Path, size: tuple[int, int], comment: str = "") -> None:
    """Save a three-frame flat-colour animation at `path`."""
    frames = [Image.new("RGB", size, colour) for colour in ("white", "teal", "navy")]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, comment=comment)


def motion_site(root: Path, pages: dict[str, str], described: bool = True) -> Path:
    """A project whose still rdl.png has a loop (described or not) and a ball.gif; built."""
    make_site(root, pages)
    animation(root / "images" / "progression" / "rdl.loop.gif", (240, 160), "One rep." * described)
    animation(root / "images" / "ball.gif", (120, 80))
    argv = ["--source", str(root / "images"), "--output", str(root / "docs" / "img"), "--jobs", "1"]
    assert process_images.main(argv) == 0
    return root


@pytest.fixture(scope="module")
def moving(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site of a project with a loop and an animated image."""
    return built(motion_site(tmp_path_factory.mktemp("motion"), MOTION_PAGES))


def figures(site: Path, page: str) -> list[html.HtmlElement]:
    """The motion figures of a built page."""
    return html.parse(str(site / page)).getroot().findall(".//figure[@class='motion']")


def test_a_loop_follows_the_paragraph_of_its_still(moving: Path) -> None:
    article = html.parse(str(moving / "progression/barbell-rdl/index.html")).getroot()
    (figure,) = figures(moving, "progression/barbell-rdl/index.html")
    before = figure.getprevious()
    assert before.tag == "p", "after the paragraph, not inside it"
    assert before.find(".//img").get("alt") == "A barbell RDL"
    assert figure.getnext().text == "More text."
    picture, button, caption = figure
    sources = picture.findall("source")
    assert [(s.get("type"), s.get("media")) for s in sources] == [
        ("image/avif", MOTION_MEDIA),
        ("image/webp", MOTION_MEDIA),
    ], "moving sources only without reduced motion"
    assert [s.get("srcset") for s in sources] == [
        "../../img/progression/rdl.loop-240.avif 240w",
        "../../img/progression/rdl.loop-240.webp 240w",
    ]
    img = picture.find("img")
    assert img.get("src") == "../../img/progression/rdl.loop-240.png", "the still first frame"
    assert (img.get("width"), img.get("height"), img.get("sizes")) == ("120", "80", "120px")
    assert (img.get("loading"), img.get("fetchpriority"), img.get("alt")) == ("lazy", None, "")
    assert img.get("class") == "diagram"
    assert (button.tag, button.get("type"), button.get("class")) == (
        "button",
        "button",
        "motion__toggle",
    )
    assert button.text_content() == "PausePlay the movement"
    assert (caption.tag, caption.text) == ("figcaption", "One rep.")
    assert len(article.findall(".//picture")) == 2


def test_an_animated_image_becomes_a_motion_figure_in_place(moving: Path) -> None:
    body = html.parse(str(moving / "index.html")).getroot()
    ball, loop = figures(moving, "index.html")
    assert ball.getparent().tag != "p"
    img = ball.find("picture/img")
    assert (img.get("alt"), img.get("width"), img.get("loading")) == ("A ball rolls", "120", "lazy")
    assert ball.find("figcaption") is None, "its alt text describes it"
    still = body.xpath("//a[@class='picture-link']//img")[0]
    assert (still.get("loading"), still.get("fetchpriority")) == ("eager", "high"), (
        "the first still image stays the likely LCP, even after an animation"
    )
    assert loop.find("figcaption").text == "One rep."


@pytest.mark.parametrize(
    ("pages", "described", "problem"),
    [
        (
            {"lesson.md": "# L\n\nSee ![A ball](../images/ball.gif) here.\n"},
            True,
            "needs a paragraph of its own",
        ),
        (
            {"lesson.md": "# L\n\n![An RDL](../images/progression/rdl.png)\n"},
            False,
            "has no description",
        ),
    ],
)
def test_motion_problems_fail_the_strict_build(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    pages,
    described,
    problem,
) -> None:
    root = motion_site(tmp_path, {"index.md": "# Home\n", **pages}, described)
    monkeypatch.chdir(root)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(root)
    assert any("lesson.md" in m and problem in m for m in caplog.messages), caplog.messages
