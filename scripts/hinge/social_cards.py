"""Draw a 1200x630 sharing card (Open Graph / Twitter) for every page under docs/.

    python -m hinge cards          # draw the cards that changed
    python -m hinge cards --check  # write nothing; exit 1 if any is stale

Each card shows the site name, the page's front-matter title and description and a hinge
figure posed with ``hinge.diagrams.model.joints``. The page at URL ``foo/bar/``
(``docs/foo/bar.md`` or ``docs/foo/bar/index.md``) gets ``docs/img/social/foo/bar.png``, the
home page ``index.png``; ``overrides/main.html`` applies the same rule (``card_path``). Runs
are incremental: each PNG carries a hash of its text and of the drawing code in a ``tEXt``
chunk (read back by Pillow without decoding the image), and only cards whose hash differs are
redrawn. Writes are atomic; cards of deleted pages are
removed. The image pipeline only deletes files its manifest lists, so it leaves
docs/img/social/ alone. `make build` runs this before MkDocs.

Pages are read with hinge.front_matter, the one front-matter reader; a page that is not
UTF-8, or whose front matter is refused (anchors, aliases, invalid YAML), is reported as
``file:line: what — how to fix`` after every page has been read, and no card is drawn.

Exit codes: 0 up to date; 1 ``--check`` found stale cards, or a page could not be read;
2 usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from hinge import atomic, diagrams, front_matter, report, safe_yaml, settings
from hinge.app_icon import LOGO, Figure, read_logo, view_side
from hinge.diagrams.canvas import font as diagram_font
from hinge.diagrams.canvas import greedy_lines
from hinge.diagrams.model import Pose, joints

SOCIAL = "img/social"  # under docs/; git-ignored with the rest of docs/img/
SITE_NAME = "Hinge Course"
KEY_CHUNK = "hinge-card"

# Canvas and style: flat brand colours, text sizes in output pixels.
WIDTH, HEIGHT = 1200, 630
SUPERSAMPLE = 2  # draw at 2x, then reduce: smooth lines and discs
COLOURS = 48  # palette size after drawing: flat colours keep cards small
MARGIN = 80
TEXT_RIGHT = 780  # text column ends here; the figure lives to the right
BG = "#0b5560"  # brand teal
BG_LIGHT = "#137380"
WHITE = "#ffffff"
SOFT = "#d7eaec"  # description text: 7:1 on the teal
ACCENT = "#a33b00"
ACCENT_LIGHT = "#ffb086"
TITLE_SIZES = (76, 68, 60, 54)  # the largest size that fits in TITLE_LINES wins
TITLE_LINES = 3
DESCRIPTION_SIZE = 32
DESCRIPTION_LINES = 3
HINGE = Pose(ankle=1, knee=28, trunk=62)  # an RDL at the bottom, arms hanging plumb


@dataclass(frozen=True)
class Card:
    """One page's card: its source path (POSIX, relative to docs/) and its text."""

    src: str
    title: str
    description: str

    @property
    def path(self) -> str:
        """The card's path relative to docs/."""
        return card_path(self.src)


def card_path(src: str) -> str:
    """The card of a page, named after its URL as overrides/main.html does (Zensical's
    templates know a page's URL but not its source): ``index.md`` -> ``img/social/index.png``,
    ``progression/index.md`` -> ``img/social/progression.png``, ``cues.md`` ->
    ``img/social/cues.png``."""
    stem = src.rsplit(".", 1)[0]
    slug = stem.removesuffix("/index") if stem != "index" else stem
    return f"{SOCIAL}/{slug}.png"


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


class Unreadable(Exception):
    """Pages whose text or front matter cannot be read, one ``file:line: message`` each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def read_card(docs: Path, path: Path) -> Card:
    """The card for one Markdown page; falls back to its first heading or file name.

    Raises safe_yaml.NotUtf8 or front_matter.Unreadable when the page cannot be read.
    """
    text = safe_yaml.read_text(path)
    meta = front_matter.parse(text, _shown(path))
    heading = next((ln[2:].strip() for ln in text.splitlines() if ln.startswith("# ")), "")
    title = str(meta.get("title") or heading or path.stem.replace("-", " ").capitalize())
    return Card(path.relative_to(docs).as_posix(), title, str(meta.get("description") or ""))


def read_cards(docs: Path) -> list[Card]:
    """A card for every non-hidden Markdown page under ``docs``, sorted by path.

    Raises Unreadable, naming every page that cannot be read, after reading them all.
    """
    paths = sorted(
        p
        for p in docs.rglob("*.md")
        if not any(part.startswith(".") for part in p.relative_to(docs).parts)
    )
    cards, problems = [], []
    for path in paths:
        try:
            cards.append(read_card(docs, path))
        except safe_yaml.NotUtf8 as exc:
            problems.append(f"{_shown(path)}:{exc.line}: {exc}")
        except front_matter.Unreadable as exc:
            problems.append(str(exc))
    if problems:
        raise Unreadable(problems)
    return cards


def _shown(path: Path) -> str:
    """`path` relative to the current directory (the project root) when inside it."""
    absolute = path.resolve()
    return (
        absolute.relative_to(Path.cwd()).as_posix()
        if absolute.is_relative_to(Path.cwd())
        else str(path)
    )


# --------------------------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------------------------


def font(size: int) -> ImageFont.FreeTypeFont:
    """The diagrams' font at ``size`` output pixels, for this canvas."""
    return diagram_font(size, SUPERSAMPLE)


def wrap(text: str, size: int, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap to ``width`` px; the last line ends in an ellipsis if text is cut."""
    lines = greedy_lines(text.split(), size, width, SUPERSAMPLE)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        while lines[-1] and font(size).getlength(lines[-1] + "…") > width * SUPERSAMPLE:
            lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
        lines[-1] = lines[-1].rstrip(" ,.;:-") + "…"
    return lines


def fit_title(title: str) -> tuple[int, list[str]]:
    """The largest title size whose wrapped lines fit; the smallest size otherwise."""
    width = TEXT_RIGHT - MARGIN
    for size in TITLE_SIZES:
        lines = wrap(title, size, width, TITLE_LINES + 1)
        if len(lines) <= TITLE_LINES:
            return size, lines
    return TITLE_SIZES[-1], wrap(title, TITLE_SIZES[-1], width, TITLE_LINES)


class Canvas:
    """The card, addressed in output pixels, drawn supersampled."""

    def __init__(self) -> None:
        self.image = Image.new("RGB", (WIDTH * SUPERSAMPLE, HEIGHT * SUPERSAMPLE), BG)
        self.draw = ImageDraw.Draw(self.image)

    def disc(self, x: float, y: float, r: float, fill: str) -> None:
        """A filled circle."""
        s = SUPERSAMPLE
        self.draw.ellipse(((x - r) * s, (y - r) * s, (x + r) * s, (y + r) * s), fill=fill)

    def line(self, points: Sequence[tuple[float, float]], width: float, fill: str) -> None:
        """A thick polyline with round ends and joints."""
        s = SUPERSAMPLE
        pts = [(x * s, y * s) for x, y in points]
        self.draw.line(pts, fill=fill, width=round(width * s), joint="curve")
        for x, y in (points[0], points[-1]):
            self.disc(x, y, width / 2, fill)

    def rect(self, box: tuple[float, float, float, float], fill: str) -> None:
        """A filled rectangle."""
        self.draw.rectangle(tuple(v * SUPERSAMPLE for v in box), fill=fill)

    def polygon(self, points: Sequence[tuple[float, float]], fill: str) -> None:
        """A filled polygon."""
        self.draw.polygon([(x * SUPERSAMPLE, y * SUPERSAMPLE) for x, y in points], fill=fill)

    def text(self, x: float, y: float, text: str, size: int, fill: str, bold: bool = False) -> None:
        """Text with its top-left at (x, y); ``bold`` thickens the strokes a little."""
        self.draw.text(
            (x * SUPERSAMPLE, y * SUPERSAMPLE),
            text,
            font=font(size),
            fill=fill,
            anchor="la",
            stroke_width=SUPERSAMPLE if bold else 0,
            stroke_fill=fill,
        )

    def finish(self) -> Image.Image:
        """Reduce to output size and to a small flat palette."""
        small = self.image.resize((WIDTH, HEIGHT), Image.Resampling.BOX)
        return small.quantize(COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


@cache
def header_logo() -> tuple[Figure, float]:
    """The header's logo (overrides/.icons/hinge/logo.svg), read as the app icons read it,
    and its viewBox side."""
    return read_logo(), view_side()


def draw_brand(canvas: Canvas) -> None:
    """The logo in a rounded tile, the site name beside it."""
    x, y, tile = MARGIN, 56, 56
    canvas.draw.rounded_rectangle(
        tuple(v * SUPERSAMPLE for v in (x, y, x + tile, y + tile)), 12 * SUPERSAMPLE, fill=WHITE
    )
    logo, side = header_logo()
    k = tile / side
    for (hx, hy), hr in logo.circles:
        canvas.disc(x + hx * k, y + hy * k, hr * k, BG)
    for polygon in logo.polygons:
        canvas.polygon([(x + px * k, y + py * k) for px, py in polygon], BG)
    canvas.text(x + tile + 20, y + 11, SITE_NAME, 34, WHITE, bold=True)


def draw_figure(canvas: Canvas) -> None:
    """A hinge stick figure holding a barbell, on a lighter disc to the right of the text."""
    cx, cy, r = 985, 330, 190
    canvas.disc(cx, cy, r, BG_LIGHT)
    j = joints(HINGE)
    scale, floor = 2.6, 500  # px per cm; the floor's pixel row
    mid = 14  # world x (cm) of the figure's middle, set on the disc's centre

    def px(name: str) -> tuple[float, float]:
        x, y = j[name]
        return (cx + (x - mid) * scale, floor - y * scale)

    canvas.line([(cx - 130, floor + 8), (cx + 130, floor + 8)], 6, SOFT)
    bx, by = px("hand")
    canvas.disc(bx, by, 22.5 * scale, ACCENT_LIGHT)  # the plate, behind the body
    canvas.disc(bx, by, 5 * scale, BG_LIGHT)
    limb = 16
    canvas.line([px("toe"), px("heel")], limb * 0.8, WHITE)
    canvas.line([px("ankle"), px("knee"), px("hip"), px("shoulder")], limb, WHITE)
    canvas.line([px("shoulder"), px("neck")], limb * 0.8, WHITE)
    hx, hy = px("head")
    canvas.disc(hx, hy, 11 * scale, WHITE)
    canvas.line([px("shoulder"), px("elbow"), px("hand")], limb * 0.8, WHITE)
    canvas.disc(bx, by, 2.6 * scale, BG)  # the bar end in the fist


def draw(card: Card) -> Image.Image:
    """The card's picture."""
    canvas = Canvas()
    draw_brand(canvas)
    draw_figure(canvas)
    size, lines = fit_title(card.title)
    y = 178.0
    for line in lines:
        canvas.text(MARGIN, y, line, size, WHITE, bold=True)
        y += size * 1.14
    canvas.rect((MARGIN, y + 18, MARGIN + 96, y + 26), ACCENT_LIGHT)
    y += 50
    for line in wrap(card.description, DESCRIPTION_SIZE, TEXT_RIGHT - MARGIN, DESCRIPTION_LINES):
        canvas.text(MARGIN, y, line, DESCRIPTION_SIZE, SOFT)
        y += DESCRIPTION_SIZE * 1.35
    canvas.rect((0, HEIGHT - 14, WIDTH, HEIGHT), ACCENT)
    return canvas.finish()


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def drawing_code() -> list[Path]:
    """The source files that decide how a card is drawn: this module, the logo, and every
    module of the diagrams package, whose pose model places the figure (all of them, so that
    no change that reaches the drawing is missed)."""
    return [Path(__file__), LOGO, *sorted(Path(diagrams.__file__).parent.glob("*.py"))]


@cache
def settings_hash() -> str:
    """A hash of everything besides the text that decides a card's bytes: Pillow's version
    and the drawing code."""
    h = hashlib.sha256(Image.__version__.encode())
    for module in drawing_code():
        h.update(module.name.encode() + b"\0" + module.read_bytes())
    return h.hexdigest()


def card_key(card: Card) -> str:
    """The content hash stored in the card: its text plus the drawing settings."""
    data = json.dumps([card.title, card.description, settings_hash()], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def png_bytes(image: Image.Image, key: str) -> bytes:
    """The PNG bytes, with only the content hash as metadata."""
    info = PngInfo()
    info.add_text(KEY_CHUNK, key)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True, pnginfo=info)
    return buf.getvalue()


def stored_key(path: Path) -> str | None:
    """The content hash in a card's ``tEXt`` chunk, or None if it has none or is no PNG.

    Opening a PNG, Pillow reads the chunks before the image data into ``info``; the pixels
    are not decoded (``Image.text`` would decode them, to find text after the image data).
    """
    try:
        with Image.open(path) as image:
            key = image.info.get(KEY_CHUNK)
    except OSError:
        return None
    return key if isinstance(key, str) else None


def plan(docs: Path, force: bool = False) -> tuple[list[Card], list[Card], list[Path]]:
    """(all cards, cards to draw, card files whose page is gone)."""
    cards = read_cards(docs)
    todo = [c for c in cards if force or stored_key(docs / c.path) != card_key(c)]
    wanted = {docs / c.path for c in cards}
    orphans = sorted(p for p in (docs / SOCIAL).rglob("*.png") if p not in wanted)
    return cards, todo, orphans


def update(docs: Path, force: bool = False) -> tuple[list[Card], list[Path]]:
    """Draw stale cards and remove orphans; return what was drawn and removed."""
    _, todo, orphans = plan(docs, force)
    for card in todo:
        atomic.write(docs / card.path, png_bytes(draw(card), card_key(card)))
    for path in orphans:
        path.unlink()
    return todo, orphans


def main(argv: Sequence[str] | None = None) -> int:
    """Bring docs/img/social/ up to date; with --check only report stale cards."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, help="docs folder (default: mkdocs.yml's docs_dir)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument("--force", action="store_true", help="redraw every card")
    args = parser.parse_args(argv)
    args.docs = args.docs or Path(settings.load(Path.cwd()).docs)
    if not args.docs.is_dir():
        parser.error(f"docs folder {args.docs} does not exist")
    try:
        if args.check:
            cards, todo, orphans = plan(args.docs, args.force)
            stale = [*(args.docs / c.path for c in todo), *orphans]
            message = "stale card — run python -m hinge cards"
            found = [report.Finding(str(path), None, message) for path in stale]
            report.emit(found, report.default_format(), sys.stderr)
            print(f"{len(todo) + len(orphans)} stale, {len(cards) - len(todo)} up to date")
            return 1 if todo or orphans else 0
        drawn, removed = update(args.docs, args.force)
    except Unreadable as exc:
        print(*exc.lines, sep="\n", file=sys.stderr)
        return 1
    for card in drawn:
        print(f"drew {card.path}")
    for path in removed:
        print(f"removed {path.relative_to(args.docs).as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
