"""Motion (issue 19): the image pipeline keeps animated sources (GIF, APNG, WebP), made in
tmp_path and run through `python -m hinge images` in-process; and on the built site, in
Chromium, every exercise page's loop: lazy, never the LCP, no layout shift, still with reduced
motion, in print and while paused, a keyboard-usable pause button, and no axe violations."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from lxml import html
from PIL import ExifTags, Image, ImageDraw, ImageSequence
from playwright.sync_api import Browser, Locator, Page

from conftest import NAV, page_url
from hinge.diagrams.loops import LOOPS
from hinge.image_pipeline.config import PROFILES
from page_audit import THEME_MOUNTED, wait_until
from test_process_images import manifest, photo, run_json

DURATIONS = [200, 80, 80, 80, 80, 300]


def frames(size: tuple[int, int] = (300, 160), mode: str = "RGB") -> list[Image.Image]:
    """A flat-colour ball rolling right, one frame per entry of DURATIONS."""
    out = []
    for i in range(len(DURATIONS)):
        image = Image.new(mode, size, "white" if mode == "RGB" else (0, 0, 0, 0))
        ImageDraw.Draw(image).ellipse((10 + 40 * i, 40, 90 + 40 * i, 120), fill="#0b5560")
        out.append(image)
    return out


def save(path: Path, pictures: list[Image.Image], **options: object) -> None:
    """Save ``pictures`` as one animation, in the format of ``path``'s extension."""
    first, *rest = pictures
    options = {"duration": DURATIONS, "loop": 0} | options
    first.save(path, save_all=True, append_images=rest, **options)


def decoded(path: Path) -> tuple[list[Image.Image], list[int]]:
    """Every frame of an image file, as RGB(A), and each frame's duration (ms)."""
    with Image.open(path) as image:
        pictures, durations = [], []
        for frame in ImageSequence.Iterator(image):
            pictures.append(frame.convert(image.mode if image.mode == "RGBA" else "RGB"))
            durations.append(frame.info.get("duration"))
    return pictures, durations


def close(a: Image.Image, b: Image.Image) -> bool:
    """Whether two pictures differ by no more than lossy coding does (mean channel error < 4)."""
    diff = [abs(x - y) for x, y in zip(a.tobytes(), b.tobytes(), strict=True)]
    return a.size == b.size and sum(diff) / len(diff) < 4


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    """An empty source folder and an output folder path."""
    (tmp_path / "images").mkdir()
    return tmp_path / "images", tmp_path / "out"


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("ball.gif", {}),
        ("ball.png", {}),  # APNG
        ("ball.webp", {"lossless": True}),
    ],
)
def test_an_animated_source_keeps_every_frame_in_avif_and_webp(
    capsys, dirs, name: str, options: dict
) -> None:
    source, output = dirs
    drawn = frames()
    save(source / name, drawn, **options)
    code, report, stderr = run_json(capsys, source, output)
    assert (code, report["processed"], stderr) == (0, [name], "")
    entry = manifest(output)[name]
    assert entry["kind"] == "animated-diagram"
    assert (entry["width"], entry["height"]) == (300, 160)
    assert (entry["frames"], entry["duration"]) == (len(DURATIONS), sum(DURATIONS))
    formats = [(v["format"], v["width"], v["height"]) for v in entry["variants"]]
    assert formats == [("avif", 300, 160), ("webp", 300, 160), ("png", 300, 160)]
    paths = {v["format"]: output / v["path"] for v in entry["variants"]}
    for fmt in ("avif", "webp"):
        pictures, durations = decoded(paths[fmt])
        assert durations == DURATIONS, fmt
        assert all(map(close, pictures, drawn)), f"{fmt}: frames differ from the source"
    (still,), _ = decoded(paths["png"])
    assert still.tobytes() == drawn[0].tobytes(), "the fallback is the first frame, exactly"
    assert not list(output.rglob(".*.tmp")), "written atomically, no temporary file left"
    code, report, _ = run_json(capsys, source, output)
    assert (code, report["processed"], report["fresh"]) == (0, [], 1), "cached like a still"


def test_frames_are_normalised_like_a_still(capsys, dirs) -> None:
    """A zero duration shows for 100 ms (as in browsers); an APNG's separate default image is
    not a frame; EXIF orientation turns every frame upright; a description is kept."""
    source, output = dirs
    drawn = frames()
    save(source / "zero.gif", drawn, duration=[0, *DURATIONS[1:]], comment="A ball rolls right")
    save(source / "default.png", [photo((300, 160)), *drawn], default_image=True)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # shown turned a quarter clockwise
    exif[ExifTags.Base.ImageDescription] = "Turned"
    save(source / "turned.webp", drawn, lossless=True, exif=exif.tobytes())
    assert run_json(capsys, source, output)[0] == 0
    images = manifest(output)
    assert images["zero.gif"]["duration"] == 100 + sum(DURATIONS[1:])
    assert images["zero.gif"]["description"] == "A ball rolls right"
    assert images["default.png"]["frames"] == len(DURATIONS)
    assert "description" not in images["default.png"]
    turned = images["turned.webp"]
    assert (turned["width"], turned["height"], turned["description"]) == (160, 300, "Turned")
    for variant in turned["variants"]:
        with Image.open(output / variant["path"]) as written:
            assert written.size == (160, 300)
            assert not written.getexif(), "no metadata in the outputs"


def test_transparent_and_photo_animations_keep_their_kind(capsys, dirs) -> None:
    source, output = dirs
    save(source / "ghost.gif", frames(mode="RGBA"), disposal=2)
    save(source / "film.webp", [photo((300, 160)) for _ in DURATIONS], quality=90)
    assert run_json(capsys, source, output)[0] == 0
    images = manifest(output)
    assert images["ghost.gif"]["kind"] == "animated-transparent"
    assert images["film.webp"]["kind"] == "animated-photo"
    assert [v["format"] for v in images["film.webp"]["variants"]] == ["avif", "webp", "jpeg"]
    for variant in images["ghost.gif"]["variants"]:
        with Image.open(output / variant["path"]) as written:
            assert written.mode == "RGBA", variant["format"]
            assert written.getpixel((299, 0))[3] == 0, "the clear corner stays clear"


def test_an_animation_too_large_to_hold_is_refused_by_name(capsys, dirs, monkeypatch) -> None:
    source, output = dirs
    save(source / "long.gif", frames())
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5 * 300 * 160)  # each frame fits, six do not
    code, report, stderr = run_json(capsys, source, output)
    assert (code, report["processed"]) == (1, [])
    message = report["failed"]["long.gif"]
    assert message.startswith("too many frames to process safely (6 frames of 300x160")
    assert "shorten it or scale it down" in message
    assert f"error: {source / 'long.gif'}: {message}" in stderr


def test_a_truncated_animation_is_refused_by_name(capsys, dirs) -> None:
    source, output = dirs
    buffer = io.BytesIO()
    frames()[0].save(buffer, "GIF", save_all=True, append_images=frames()[1:])
    (source / "cut.gif").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    code, report, _ = run_json(capsys, source, output)
    assert code == 1
    assert report["failed"]["cut.gif"].startswith("truncated or corrupt")


def test_animated_kinds_have_profiles() -> None:
    for kind in ("diagram", "photo", "transparent"):
        assert PROFILES[f"animated-{kind}"].fallback == PROFILES[kind].fallback


# The built site.
STEP = "progression/dumbbell-rdl/"
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}
EXERCISES = [md for md in NAV if md.startswith("progression/") or md == "hinge-vs-squat.md"]


@pytest.mark.parametrize("md", EXERCISES)
def test_every_exercise_page_has_its_loop_with_a_button_and_words(site: Path, md: str) -> None:
    doc = html.parse(str(site / page_url(md) / "index.html")).getroot()
    stills = doc.xpath("//a[@class='picture-link']//img/@src")
    motion = doc.xpath("//figure[@class='motion']")
    if not stills:
        assert not motion, "a page without a still has no loop"
        return
    (figure,) = motion
    assert figure.xpath(".//img/@src")[0].endswith(".png"), "the still first frame"
    assert figure.xpath("button[@class='motion__toggle']/@type") == ["button"]
    assert figure.findtext("figcaption").startswith("One rep, repeated. Start:")
    assert figure.xpath(".//img/@loading") == ["lazy"]


CUE_DRILLS = {
    "Drill: wall hip hinge": "progression/wall-hip-hinge.loop",
    "Drill: dowel hip hinge": "progression/dowel-hip-hinge.loop",
    "Drill: shin-to-box check": "cues/shin-to-box.loop",
}
"""Each drill box on the cues page and the loop it shows (its files' stem under img/)."""


def drill_boxes(doc: html.HtmlElement) -> dict[str, html.HtmlElement]:
    """The cues page's drill boxes by title."""
    boxes = doc.xpath("//div[contains(@class, 'admonition')]")
    titles = [box.findtext("p[@class='admonition-title']") or "" for box in boxes]
    return {t: box for t, box in zip(titles, boxes, strict=True) if t.startswith("Drill:")}


def test_the_cues_page_has_its_drill_loops_with_a_button_and_words(site: Path) -> None:
    doc = html.parse(str(site / page_url("cues.md") / "index.html")).getroot()
    drills = drill_boxes(doc)
    assert sorted(drills) == sorted(CUE_DRILLS), "every drill box, and only those, moves"
    assert len(doc.xpath("//figure[@class='motion']")) == len(CUE_DRILLS)
    for title, loop in CUE_DRILLS.items():
        (figure,) = drills[title].xpath(".//figure[@class='motion']")
        (img,) = figure.xpath("picture/img")
        assert img.get("src").endswith(".png"), f"{title}: the still first frame"
        srcsets = figure.xpath("picture/source/@srcset")
        assert len(srcsets) == 2, f"{title}: animated AVIF and WebP"
        assert all(f"img/{loop}-" in srcset for srcset in srcsets), f"{title}: {srcsets}"
        assert figure.xpath("button[@class='motion__toggle']/@type") == ["button"], title
        words = figure.findtext("figcaption") or img.get("alt") or ""
        assert len(words.split()) >= 20, f"{title}: the movement in words, not {words!r}"
        assert img.get("loading") == "lazy", title


def test_search_reads_the_loops_words_not_their_button(site: Path) -> None:
    """The search index (what the theme's search shows) holds each loop's caption, never its
    pause button: results once read "PausePlay the movementOne rep, repeated"."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Play the movement" not in text
    captions = [
        caption
        for md in NAV
        for caption in html.parse(str(site / page_url(md) / "index.html")).xpath(
            "//figure[@class='motion']/figcaption/text()"
        )
    ]
    assert captions, "no loop has a caption: nothing to check"
    for caption in captions:
        assert caption.split(".")[0] in text, f"{caption!r} is not searchable"


def loaded(img: Locator, ending: str = "") -> None:
    """Wait until the loop's <img> has loaded a file whose name ends with ``ending``."""
    for _ in range(200):
        if img.evaluate(f"el => el.complete && el.currentSrc.endsWith('{ending}')"):
            return
        img.page.wait_for_timeout(50)
    raise TimeoutError(f"no {ending or 'file'} loaded")


def test_the_drill_loops_fit_their_boxes_and_pause(browser: Browser, base_url: str) -> None:
    """On a phone, each drill's loop sits inside its box, moves, and its button pauses it."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(base_url + page_url("cues.md"), wait_until="load")
    wait_until(page, THEME_MOUNTED)
    for title in CUE_DRILLS:
        box = page.locator(".admonition", has=page.get_by_text(title, exact=True))
        figure = box.locator(".motion")
        figure.scroll_into_view_if_needed()
        img = figure.locator("img")
        loaded(img, ".avif")  # moving
        outer, inner = box.bounding_box(), img.bounding_box()
        assert outer is not None, title
        assert inner is not None, title
        assert outer["x"] < inner["x"], f"{title}: the loop sits inside the box"
        assert inner["x"] + inner["width"] < outer["x"] + outer["width"], title
        figure.locator(".motion__toggle").click()
        loaded(img, ".png")  # paused: the still first frame
        assert figure.locator(".motion__toggle").inner_text().startswith("Play"), title
    context.close()


def test_every_loop_is_on_a_page(site: Path) -> None:
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("index.html"))
    for name in LOOPS:
        assert name.removesuffix(".webp").rsplit("/", 1)[-1] in pages, name


def open_step(browser: Browser, base_url: str, viewport: str = "phone", **options: object) -> Page:
    """The dumbbell RDL page, loaded, the theme running and its loop scrolled into view."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    page = context.new_page()
    page.goto(base_url + STEP, wait_until="load")
    if options.get("java_script_enabled", True):
        wait_until(page, THEME_MOUNTED)
    return page


def shown(page: Page) -> str:
    """The file the loop's <img> shows: its extension (avif, webp or png)."""
    wait_until(page, "document.querySelector('.motion img').complete")
    return page.evaluate("document.querySelector('.motion img').currentSrc").rsplit(".", 1)[-1]


def label(page: Page) -> str:
    """The button's words as a reader gets them."""
    return page.locator(".motion__toggle").inner_text().replace("\n", " ")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_still_is_the_lcp_and_nothing_shifts(browser: Browser, base_url: str, viewport: str):
    page = open_step(browser, base_url, viewport)
    page.evaluate(
        """window.__lcp = []; window.__cls = 0;
           new PerformanceObserver(l => l.getEntries().forEach(e => __lcp.push(e)))
             .observe({type: 'largest-contentful-paint', buffered: true});
           new PerformanceObserver(l => l.getEntries().forEach(e => { __cls += e.value; }))
             .observe({type: 'layout-shift', buffered: true});"""
    )
    page.locator(".motion").scroll_into_view_if_needed()
    assert shown(page) == "avif", "the loop plays without reduced motion"
    page.wait_for_timeout(500)
    lcp = page.evaluate("__lcp.map(e => e.element && e.element.closest('.motion') !== null)")
    assert lcp, "no Largest Contentful Paint"
    assert not any(lcp), "the loop is never the Largest Contentful Paint"
    assert page.evaluate("__cls") == 0
    page.context.close()


def test_the_loop_waits_for_the_first_image(browser: Browser, base_url: str) -> None:
    """On a slow phone network the loop's file is fetched only once the page's first image has
    arrived, so the two do not share the connection (nothing shifts: the test above)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    slow = {"offline": False, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 0}
    network.send("Network.emulateNetworkConditions", slow)
    page.goto(base_url + STEP, wait_until="load")
    page.locator(".motion").scroll_into_view_if_needed()
    loaded(page.locator(".motion img"), ".avif")
    still_arrived, loop_asked = page.evaluate(
        """() => {
             const entry = img => performance.getEntriesByName(img.currentSrc)[0];
             return [entry(document.querySelector("img[fetchpriority=high]")).responseEnd,
                     entry(document.querySelector(".motion img")).startTime];
           }"""
    )
    assert loop_asked > still_arrived, "the loop is fetched after the first image"
    context.close()


def test_the_button_pauses_and_plays_by_keyboard(browser: Browser, base_url: str) -> None:
    page = open_step(browser, base_url)
    assert (shown(page), label(page)) == ("avif", "Pause the movement")
    button = page.locator(".motion__toggle")
    box = button.bounding_box() or {"width": 0, "height": 0}
    assert min(box["width"], box["height"]) >= 24, "a target at least 24 px"
    page.locator("a.picture-link").focus()  # the still, just before the loop
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.motion__toggle')"), "next stop"
    page.keyboard.press("Enter")
    assert (shown(page), label(page)) == ("png", "Play the movement"), "paused: the still"
    page.keyboard.press("Space")
    assert (shown(page), label(page)) == ("avif", "Pause the movement")
    page.context.close()


def test_reduced_motion_shows_the_still_until_play(browser: Browser, base_url: str) -> None:
    page = open_step(browser, base_url, reduced_motion="reduce")
    assert (shown(page), label(page)) == ("png", "Play the movement")
    page.locator(".motion__toggle").click()
    assert (shown(page), label(page)) == ("avif", "Pause the movement")
    page.context.close()


@pytest.mark.parametrize("state", ["playing", "paused"])
def test_the_loop_and_its_button_have_no_axe_violations(
    browser: Browser, base_url: str, state: str
) -> None:
    page = open_step(browser, base_url, color_scheme="dark")
    if state == "paused":
        page.locator(".motion__toggle").click()
    results = Axe().run(page, context=".motion", options={"resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
    page.context.close()


def test_print_and_no_javascript_leave_the_loop_out(browser: Browser, base_url: str) -> None:
    page = open_step(browser, base_url)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.motion')).display") == "none"
    page.context.close()
    page = open_step(browser, base_url, java_script_enabled=False)
    for hidden in ("picture", ".motion__toggle"):
        assert page.locator(f".motion {hidden}").is_hidden(), "no button without JS, so no loop"
    assert page.locator(".motion figcaption").is_visible(), "the words stay"
    page.context.close()
