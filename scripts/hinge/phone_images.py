"""Which file of a responsive picture a phone loads: Chromium's own choice, worked out from
the markup, for the offline precache (scripts/hinge/offline.py).

The phones are those readers hold upright: 360 to 430 CSS px wide, at 2 and 3 device pixels
per CSS px, with motion allowed or reduced (a loop's still). For each ``<img>``, the first
``<source>`` of its ``<picture>`` whose type the browser reads and whose media query matches
gives the candidates, else the ``<img>`` itself; ``sizes`` gives the slot width; and
Chromium's rule picks among the ``srcset``. Media queries may use ``min-width``,
``max-width`` and ``prefers-reduced-motion``, lengths px, em, rem or vw; anything else is a
ValueError that names it. tests/test_offline.py checks the picks against Chromium's.
"""

from __future__ import annotations

import itertools
import math
import re

from lxml import html

# Phones the precache serves: CSS px wide, device pixels per CSS px.
PHONES = tuple((width, ratio) for width in (360, 430) for ratio in (2, 3))
# Settings a reader may choose, each way: with reduced motion (or a loop's pause button, which
# turns its moving sources off) the still <img> shows instead of the loop.
PREFERENCES = ({"prefers-reduced-motion": "no-preference"}, {"prefers-reduced-motion": "reduce"})
ROOT_EM = 16  # CSS px per em or rem in media queries and sizes: the initial font size
SUPPORTED = {"", "image/avif", "image/webp", "image/png", "image/jpeg", "image/svg+xml"}


def css_px(length: str, viewport: int) -> float:
    """A CSS length from ``sizes`` or a media query, in CSS px."""
    match = re.fullmatch(r"([\d.]+)(px|r?em|vw)", length.strip())
    if not match:
        raise ValueError(f"length {length!r}: only px, em, rem and vw are understood")
    number, unit = float(match.group(1)), match.group(2)
    return {"px": number, "em": number * ROOT_EM, "rem": number * ROOT_EM}.get(
        unit, number * viewport / 100
    )


def media_matches(query: str, viewport: int, preferences: dict[str, str]) -> bool:
    """Whether a media query of ``(min-width: …)``, ``(max-width: …)`` and ``(feature:
    value)`` parts joined by ``and`` matches, for a feature named in ``preferences``."""
    for part in re.split(r"\s+and\s+", query.strip()):
        match = re.fullmatch(r"\(\s*([a-z-]+)\s*:\s*([^)]+?)\s*\)", part.strip())
        feature, value = match.groups() if match else ("", "")
        if feature in ("min-width", "max-width"):
            limit = css_px(value, viewport)
            if (viewport < limit) if feature == "min-width" else (viewport > limit):
                return False
        elif feature in preferences:
            if preferences[feature] != value:
                return False
        else:
            known = ", ".join(["min-width", "max-width", *preferences])
            raise ValueError(f"media query {query!r}: only ({known}: …) parts are understood")
    return True


def slot(sizes: str, viewport: int) -> float:
    """The width an image's ``sizes`` gives it, in CSS px (100vw without ``sizes``)."""
    for item in (sizes or "100vw").split(","):
        condition, _, length = item.strip().rpartition(" ")
        if not condition or media_matches(condition, viewport, {}):
            return css_px(length, viewport)
    return float(viewport)


def pick(srcset: str, sizes: str, viewport: int, ratio: float) -> str:
    """The ``srcset`` candidate Chromium chooses: the first at least as dense as the screen,
    or the one before it when the screen's ratio is under the geometric mean of the two's
    densities (blink's html_srcset_parser.cc, SelectionLogic)."""
    width = slot(sizes, viewport)
    candidates = []
    for item in srcset.split(","):
        url, _, descriptor = item.strip().partition(" ")
        descriptor = descriptor.strip() or "1x"
        if not re.fullmatch(r"[\d.]+[wx]", descriptor):
            raise ValueError(f"srcset descriptor {descriptor!r}: only w and x are understood")
        value = float(descriptor[:-1])
        candidates.append((value / width if descriptor.endswith("w") else value, url))
    candidates.sort()
    for (density, url), (following, next_url) in itertools.pairwise(candidates):
        if following < ratio:
            continue
        if ratio >= math.sqrt(density * following) or density < ratio <= 1:
            return next_url
        return url
    return candidates[-1][1]


def phone_images(image: html.HtmlElement) -> set[str]:
    """The URLs (as written) an ``<img>`` loads on the phones in PHONES, with either of the
    PREFERENCES: from the first ``<source>`` of its ``<picture>`` whose media and type apply,
    else from itself."""
    picture = next(image.iterancestors("picture"), None)  # libxml2 may nest <img> in <source>
    sources = list(picture.iter("source")) if picture is not None else []
    chosen = set()
    for (viewport, ratio), preferences in itertools.product(PHONES, PREFERENCES):
        source = next(
            (
                s
                for s in sources
                if s.get("type", "") in SUPPORTED
                and (not s.get("media") or media_matches(s.get("media"), viewport, preferences))
            ),
            image,
        )
        srcset = source.get("srcset")
        sizes = source.get("sizes", "")  # a <source> without sizes is 100vw, as the browser
        chosen.add(pick(srcset, sizes, viewport, ratio) if srcset else image.get("src", ""))
    return chosen - {""}
