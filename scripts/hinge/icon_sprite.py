"""The inline CSS's icons as one SVG file with a ``<view>`` for each (issue 14).

The theme draws its icons as CSS masks from custom properties holding SVG ``data:`` URLs, and
Chromium builds a document of its own for each distinct SVG image a page shows: about 5 ms
each on a step page, which shows 3 to 6, in the task that turns the icons on
(``critical_css.PAINTED``). From one file, ``url(…/assets/images/icons.<hash>.svg#i3)``,
Chromium builds one document for all of them (6 icons: 18.9 → 3.3 ms of style and layout in a
micro-benchmark). The view's ``viewBox`` shows one icon, its box in the file holding the icon's
own ``<svg>`` with the icon's own ``viewBox``, so it draws exactly as its data URL did. Views in
CSS images work in Chromium, Firefox and WebKit alike (caniuse "SVG fragment identifiers":
Safari 11.1+, Chrome 50+, Firefox 15+; checked here in Chromium 156, Firefox 153 and
WebKitGTK 2.50).

Each page reaches the file by a relative URL (``critical_css.page_root``), as it reaches the
theme's own files, so a build works under any base path; the 404 page, served at any depth, by
the base path, as the theme's 404 page does. The theme's instant navigation keeps the first
page's ``<style>``s, whose URLs the browser resolved against that first page. The file is named
by a hash of its bytes, so an icon that changes gets a new URL. The offline copy stores it with
the pages' other files (``offline.references`` reads ``url()``s in ``<style>``s). An icon whose
SVG cannot be read, or has no size, or holds ids that could clash with another's, stays a data
URL.
"""

from __future__ import annotations

import hashlib
import re
from base64 import b64decode
from copy import deepcopy
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

FOLDER = "assets/images"
SVG_NS = "http://www.w3.org/2000/svg"
# The icon's own geometry, which its box in the sprite sets anew; its other attributes (fill,
# stroke and the like) stay on the box.
GEOMETRY = {"x", "y", "width", "height", "viewBox"}
# A custom property holding an SVG data URL, quoted or not.
ICON = re.compile(
    r"""(--[\w-]+)(\s*:\s*)url\(\s*(?:"(data:image/svg\+xml[^"]*)"|'(data:image/svg\+xml[^']*)'"""
    r"""|(data:image/svg\+xml[^)\s"']*))\s*\)"""
)
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")


@dataclass(frozen=True)
class Icon:
    """One icon of the sprite: its view's id, the data URL it replaces, its SVG root and that
    root's box (``view_box``)."""

    name: str
    url: str
    svg: etree._Element
    box: tuple[float, float, float, float]


def decode(url: str) -> etree._Element | None:
    """The SVG a data URL as written in CSS holds (CSS escapes undone; percent-encoded or
    base64), or None when it is no well-formed SVG or holds ids."""
    try:
        url = CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else m[2], url)
        header, _, payload = url.partition(",")
        data = b64decode(payload) if header.endswith(";base64") else unquote(payload).encode()
        svg = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except (ValueError, etree.XMLSyntaxError):
        return None
    if svg.tag != f"{{{SVG_NS}}}svg" or svg.xpath("//@id"):
        return None
    return svg


def view_box(svg: etree._Element) -> tuple[float, float, float, float] | None:
    """The icon's viewBox, or its width and height; None when it has neither."""
    try:
        if box := svg.get("viewBox"):
            x, y, width, height = (float(n) for n in box.replace(",", " ").split())
            return x, y, width, height
        return 0.0, 0.0, float(svg.get("width", "")), float(svg.get("height", ""))
    except ValueError:
        return None


def icons(css: str) -> list[Icon]:
    """Each distinct SVG data URL a custom property holds in ``css``, in the order first met,
    named ``i0``, ``i1``… (the property naming it says which icon it is; the file's views under
    the properties' names took 100 B more gzip)."""
    found: dict[str, Icon] = {}
    for match in ICON.finditer(css):
        url = match[3] or match[4] or match[5]
        if url in found or (svg := decode(url)) is None or (box := view_box(svg)) is None:
            continue
        found[url] = Icon(f"i{len(found)}", url, svg, box)
    return list(found.values())


def sprite(found: list[Icon]) -> bytes:
    """One SVG holding every icon in a row, each in a box of its own size with an equal gap
    after it (no edge of a neighbour bleeds into a view), and a view per icon."""
    svg, view = f"{{{SVG_NS}}}svg", f"{{{SVG_NS}}}view"
    root = etree.Element(svg, nsmap={None: SVG_NS})
    x = 0.0
    for icon in found:
        left, top, width, height = icon.box
        etree.SubElement(root, view, id=icon.name, viewBox=f"{x:g} 0 {width:g} {height:g}")
        kept = {k: v for k, v in icon.svg.attrib.items() if k not in GEOMETRY}
        box = etree.SubElement(
            root, svg, kept, x=f"{x:g}", width=f"{width:g}", height=f"{height:g}"
        )
        box.set("viewBox", f"{left:g} {top:g} {width:g} {height:g}")
        box.extend(deepcopy(icon.svg))
        x += 2 * width
    return etree.tostring(root)


def link(css: str, found: list[Icon], href: str) -> str:
    """``css`` with each icon's data URL replaced by its view in the sprite at ``href``."""
    views = {icon.url: f"url({href}#{icon.name})" for icon in found}

    def swap(match: re.Match[str]) -> str:
        view = views.get(match[3] or match[4] or match[5])
        return f"{match[1]}{match[2]}{view}" if view else match[0]

    return ICON.sub(swap, css)


@dataclass(frozen=True)
class Sprite:
    """The sprite of a stylesheet's icons: its path in the site, its bytes and its icons."""

    path: str
    data: bytes
    icons: list[Icon]

    def linked(self, css: str, root: str) -> str:
        """``css`` pointing to this sprite from a page that reaches the site's root at
        ``root`` (``"../../"``, or the base path)."""
        return link(css, self.icons, root + self.path)


def make(css: str) -> Sprite | None:
    """The sprite of ``css``'s icons; None when it has none."""
    found = icons(css)
    if not found:
        return None
    data = sprite(found)
    return Sprite(f"{FOLDER}/icons.{hashlib.sha256(data).hexdigest()[:8]}.svg", data, found)
