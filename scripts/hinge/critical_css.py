"""Inline the site's stylesheet into every built page: the theme rules our pages can use, then ours.

    python -m hinge css [SITE_DIR]

A step of `python -m hinge build` after MkDocs and before csp (whose policy allows inline
styles); the live preview (hooks/preview.py) runs it after every rebuild, so an edited
stylesheet shows on save. overrides/partials/critical-css.html leaves two empty ``<style>``s in
each page's head (``SLOT``); this fills them, alike on every page (but for the way to the icon
sprite, ``page_root``). The first gets the rules of
the theme's ``main.css`` and ``palette.css`` (as the build published them) whose selectors can
match: every class, id, tag and attribute they name is on a built page or is a word the
scripts that run there can write into it (the pages' inline scripts and the theme's bundle,
which spell every class, id and attribute they add in a string, whole or as a prefix such as
``md-tooltip2--``; ``WRITTEN``). So the states the scripts create (search results, drawer,
scroll lock) are styled from the first paint, with no stylesheet request, and nothing is styled
later. Custom properties nothing
refers to are dropped. The second gets our own stylesheets (``OURS``) whole, minified, then the
icon placeholders (``icon_placeholders``). A page is rewritten only when its bytes change, so a
second run changes nothing.

Icons after the first image (issue 14). The theme draws its icons (navigation chevrons,
admonitions, ours from mkdocs.yml's theme.icon.admonition) as CSS masks from custom properties
holding ``url(data:…)``; each one a page shows is a request that Lighthouse's simulated
throttling (Lantern) counts against the bandwidth of the picture it loads beside, at the same
time: 8 of them made the step pages' LCP 0.1 s slower. So while the page has JavaScript and
``<html>`` lacks the class ``PAINTED``, those properties hold a fully transparent gradient
(no request, nothing drawn, the same box); overrides/partials/speed-scripts.html adds the class
once the first image is painted, before the theme's scripts run (or at a reader's first tap or
key). Without JavaScript (``no-js``) the icons show from the first paint. The placeholders sit
on the elements that draw an icon (``icon_hosts``), not on ``:root``: a custom property changed
on the root restyles every element of the page, and with the icons' SVG images that cost 57 ms
(median, a step page, no throttling) at the class change; on their elements alone, 33 ms.
``main`` then points every icon to one SVG file that Chromium reads once (hinge/icon_sprite.py):
20 → 6 ms at the class change, 37 → 22 ms of main-thread work until the icons show. The icons
mkdocs.yml gives admonitions come after ours (``admonition_icons``), as the theme's
partials/icons.html writes them; the pages leave that partial out (overrides/main.html), where
each would come twice, as its data URL and as the sprite's view (367 B gzip a page).
tests/test_interactions.py compares every reader state with the theme's full CSS.

Parsing and matching are our own (about 150 lines). tinycss2 + cssselect2 were tried instead
(issue 18): they kept exactly the same selectors with 31 lines fewer, but took 3 to 4 times as
long (about 90 ms against 280 to 340) and are not byte-faithful: tinycss2 writes the theme's
escapes back unescaped (``\\3c`` as ``<``, escaped so the CSS is safe inside HTML).

Exit codes: 0 written, 1 no page has the slot, 2 usage error.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import rcssmin
from lxml import html

from hinge import atomic, icon_sprite, settings
from hinge.built_site import parse_site
from hinge.settings import ROOT

# Ours, whole, after the theme's (they override it). Not in mkdocs.yml's extra_css, which
# would add a render-blocking <link> for each (and a print stylesheet's request would still
# count against the first view).
OURS = [
    "docs/assets/stylesheets/theme.css",
    "docs/assets/stylesheets/testimonials.css",
    "docs/assets/stylesheets/diagrams.css",
    "docs/assets/stylesheets/motion.css",
    "docs/assets/stylesheets/offline.css",
    "docs/assets/stylesheets/print.css",  # all inside @media print
]
# What overrides/partials/critical-css.html writes, empty or filled by an earlier run.
SLOT = re.compile(r"<style data-theme-subset>.*?</style>\s*<style>.*?</style>", re.S)
# At-rules whose blocks hold rules (filtered); any other block is kept as it is.
NESTED = ("@media", "@supports", "@layer", "@container")
# The class speed-scripts.html puts on <html> once the first image is painted: the icons (see the
# docstring) and the exercise loops (motion.css) wait for it.
PAINTED = "course-painted"
# What a script can write into a page: the words of its strings (quoted or template), and any
# word with a hyphen (no JavaScript name has one, so it is in a string even where STRING loses
# track, as it may at a regular expression). A word right after "." or "#" is a selector the
# script reads (`closest(".highlight")`), not a class or id it adds. The minified code's own
# names (`k`, `n`, `s`) would otherwise keep rules such as the code highlighter's `.highlight .k`.
STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`')
WRITTEN = re.compile(r"(?<![\w.#-])[A-Za-z_][\w-]*")
# Attributes whose values only the pages set: the scripts read the page's direction
# (`getAttribute("dir")==="rtl"`), never write it, so `[dir=rtl]` rules go on a left-to-right site.
VALUES_FROM_PAGES = {"dir"}
# Attributes the theme's scripts write whose rules we leave out, because ours do the job more
# cheaply. `[data-md-color-switching] *` turns transitions off while the colour scheme switches,
# but the scripts also set and remove the attribute when they start, and each time every element
# of the page is styled again (two of the start-up's full style recalculations, a third of its
# style work). theme.css's `.course-switching` rule and overrides/partials/palette-system.html
# turn transitions off only when a reader switches. tests/test_critical_css.py checks the
# bundle still writes it.
REPLACED_ATTRS = {"data-md-color-switching"}
# A tag that must have no class, as the theme's Markdown tables do (`table:not([class])`). Chromium
# reads `[class]` as "any class change may matter here", and where the rule's subject has nothing
# to narrow it (`td>:first-child`), a class added to any element restyles its whole subtree: each
# class the theme's scripts put on <html> restyled the page. Where no built page has that tag with
# a class, `:not(:root)` says the same (a table is never the root) with the same specificity.
CLASSLESS = re.compile(r"(?<![\w-])([a-z][a-z0-9]*):not\(\[class\]\)")
# A custom property whose value is an image: the theme's and our icons.
IMAGE_PROPERTY = re.compile(r"(--[\w-]+)\s*:\s*url\(")
# A pseudo-element ending a selector: the element it belongs to is what draws it.
PSEUDO_ELEMENT = re.compile(r"::?(?:before|after|marker)$")
log = logging.getLogger("critical_css")

Node = tuple[str, "str | list[Node] | None"]


@dataclass
class Tokens:
    """What the pages can contain, for matching selectors: the classes, ids, tags and attributes
    of the built pages, and the words the scripts that run on them can write (``WRITTEN``: a
    class, id or attribute a script adds is spelled in it, whole or as a prefix such as
    ``md-tooltip2--``)."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=lambda: {"html", "body"})
    attrs: set[str] = field(default_factory=set)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    prefixes: tuple[str, ...] = ()
    classed_tags: set[str] = field(default_factory=set)  # tags some page gives a class
    config: dict = field(default_factory=dict)  # the theme's __config, keys and features

    def add_page(self, text: bytes) -> None:
        """The page's classes, ids, tags and attributes, and the words of its inline scripts."""
        for element in html.fromstring(text).iter():
            if not isinstance(element.tag, str):
                continue
            self.tags.add(element.tag.lower())
            if element.tag == "script":
                if element.get("id") == "__config":
                    self.config = json.loads(element.text or "{}")
                elif "json" not in element.get("type", ""):  # data (__config, JSON-LD) adds nothing
                    self.add_script(element.text or "")
            for name, value in element.attrib.items():
                self.attrs.add(name)
                self.pairs.add((name, value))
                if name == "class":
                    self.classes.update(value.split())
                    self.classed_tags.add(element.tag.lower())
                elif name == "id":
                    self.ids.add(value)

    def add_script(self, text: str) -> None:
        """The words a script can write (``WRITTEN``); those ending in - or _ are prefixes too."""
        self.words.update(word for word in WRITTEN.findall(text) if "-" in word)
        self.words.update(WRITTEN.findall(" ".join(STRING.findall(text))))
        self.prefixes = tuple(sorted(w for w in self.words if len(w) > 4 and w[-1] in "-_"))

    def scripted(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)

    def has_class(self, name: str) -> bool:
        return name in self.classes or (self.scripted(name) and self.drawn(name))

    def drawn(self, name: str) -> bool:
        """Whether the theme's scripts can draw class `name` here: ungated, or its gate open."""
        gate = next((gate for prefix, gate in GATES.items() if name.startswith(prefix)), None)
        return gate is None or gate(self)

    def feature(self, *names: str) -> bool:
        """Whether mkdocs.yml turns on one of the theme features `names`."""
        return bool(set(names) & set(self.config.get("features", [])))

    def has_id(self, name: str) -> bool:
        return name in self.ids or self.scripted(name)

    def has_tag(self, name: str) -> bool:
        return name in self.tags or name in self.words

    def has_attr(self, name: str, value: str | None = None) -> bool:
        if name in REPLACED_ATTRS:
            return False
        if value is None:
            return name in self.attrs or self.scripted(name)
        if (name, value) in self.pairs:
            return True
        return name not in VALUES_FROM_PAGES and self.has_attr(name) and self.scripted(value)


# Parts of the theme its scripts draw only when a setting turns them on (Material for MkDocs 9.x,
# read from its bundle): a class they add counts only when the built pages show the setting.
# Without the first six, every page carried 2.7 KB (gzip) of rules no reader can reach; the
# tooltips' gate took 0.6 KB more, and reading a null extra.version as unset 0.5 KB.
# tests/test_critical_css.py checks each gate both ways and that the bundle still reads it.
GATES: dict[str, Callable[[Tokens], bool]] = {
    "md-source": lambda t: ("data-md-component", "source") in t.pairs,  # repo_url
    "md-version": lambda t: bool(t.config.get("version")),  # extra.version (else null)
    "md-annotation": lambda t: t.feature("content.code.annotate") or "annotate" in t.classes,
    "md-code__button": lambda t: (
        t.feature("content.code.copy", "content.code.select")
        or bool({"copy", "select"} & t.classes)
    ),
    "md-code__nav": lambda t: t.drawn("md-code__button"),
    # Tag icons in search results: only for tags given icons in mkdocs.yml (extra.tags).
    "md-tag-icon": lambda t: bool(t.config.get("tags")),
    "tabbed-": lambda t: "tabbed-set" in t.classes,  # pymdownx.tabbed on a page
    "mermaid": lambda t: "mermaid" in t.classes,  # a mermaid fence on a page
    # Both tooltip families (md-tooltip, md-tooltip2): for titles, footnotes, link previews and
    # code annotations, each behind its setting (our glossary terms are not theirs).
    "md-tooltip": lambda t: (
        t.feature(
            "content.tooltips",
            "content.footnote.tooltips",
            "navigation.instant.preview",
            "content.code.annotate",
        )
        or "annotate" in t.classes
        or "data-preview" in t.attrs
    ),
}


def _block_end(css: str, start: int) -> int:
    """The index just after the ``}`` closing the block that opens at ``start``."""
    depth, quote, i = 0, "", start
    while i < len(css):
        char = css[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced braces in CSS")


def parse(css: str) -> list[Node]:
    """Minified CSS as (prelude, body) nodes: body is text, a list for nested at-rules,
    or None for statements such as ``@charset``."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    nodes: list[Node] = []
    i = 0
    while i < len(css):
        brace = css.find("{", i)
        semi = css.find(";", i)
        if brace == -1 and semi == -1:
            break
        if semi != -1 and (brace == -1 or semi < brace) and css[i:semi].lstrip().startswith("@"):
            nodes.append((css[i:semi].strip(), None))
            i = semi + 1
            continue
        end = _block_end(css, brace)
        prelude, body = css[i:brace].strip(), css[brace + 1 : end - 1]
        nodes.append((prelude, parse(body) if prelude.startswith(NESTED) else body))
        i = end
    return nodes


def split_top(text: str, sep: str) -> list[str]:
    """``text`` split on ``sep`` outside brackets and strings."""
    parts, depth, quote, current = [], 0, "", []
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == sep and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _strip_functional_pseudos(selector: str) -> str:
    """The selector without ``:not(…)``, ``:is(…)`` and the like: conservative, since what
    they hold is not required to match."""
    out, i = [], 0
    while i < len(selector):
        match = re.match(r"::?[\w-]+\(", selector[i:])
        if not match:
            out.append(selector[i])
            i += 1
            continue
        depth, i = 1, i + match.end()
        while depth and i < len(selector):
            depth += {"(": 1, ")": -1}.get(selector[i], 0)
            i += 1
    return "".join(out)


def matches(selector: str, tokens: Tokens) -> bool:
    """Whether every class, id, tag and attribute the selector requires is on the site."""
    plain = _strip_functional_pseudos(selector)
    for name, op, value in re.findall(
        r"\[\s*([\w-]+)\s*(?:([~|^$*]?=)\s*[\"']?([^\"'\]]*)[\"']?)?\s*\]", plain
    ):
        if not tokens.has_attr(name, value if op == "=" else None):
            return False
    plain = re.sub(r"::?[\w-]+", " ", re.sub(r"\[[^\]]*\]", " ", plain))
    if not all(map(tokens.has_class, re.findall(r"\.(-?[_a-zA-Z][\w-]*)", plain))):
        return False
    if not all(map(tokens.has_id, re.findall(r"#([\w-]+)", plain))):
        return False
    plain = re.sub(r"[.#]-?[_a-zA-Z][\w-]*", " ", plain)
    tags = re.findall(r"(?:^|[\s>+~])([a-zA-Z][\w-]*)", plain)
    return all(tokens.has_tag(tag.lower()) for tag in tags)


def map_rules(nodes: list[Node], rule: Callable[[str, str], Node | None]) -> list[Node]:
    """Replace every style rule by ``rule(prelude, body)``, dropping it on None, recursing into
    nested at-rules (dropped once empty); statements and other at-rules stay as they are."""
    kept: list[Node] = []
    for prelude, body in nodes:
        if isinstance(body, list):
            inner = map_rules(body, rule)
            if inner:
                kept.append((prelude, inner))
        elif body is None or prelude.startswith("@"):
            kept.append((prelude, body))
        elif (node := rule(prelude, body)) is not None:
            kept.append(node)
    return kept


def select(nodes: list[Node], tokens: Tokens) -> list[Node]:
    """The nodes whose selectors can match, each selector list reduced to those that can (and
    its class tests no page needs dropped: ``unclassed``)."""

    def rule(prelude: str, body: str) -> Node | None:
        selectors = [s for s in split_top(prelude, ",") if matches(s.strip(), tokens)]
        return (",".join(unclassed(s, tokens) for s in selectors), body) if selectors else None

    return map_rules(nodes, rule)


def unclassed(selector: str, tokens: Tokens) -> str:
    """``selector`` with each ``tag:not([class])`` that no page gives a class written as
    ``tag:not(:root)`` (``CLASSLESS``)."""
    return CLASSLESS.sub(
        lambda m: m[0] if m[1] in tokens.classed_tags else f"{m[1]}:not(:root)", selector
    )


def _bodies(nodes: list[Node]) -> list[str]:
    out: list[str] = []
    for _, body in nodes:
        if isinstance(body, list):
            out.extend(_bodies(body))
        elif body:
            out.append(body)
    return out


def prune_variables(nodes: list[Node], extra: str = "") -> list[Node]:
    """Drop custom-property declarations that no kept rule (nor ``extra``) refers to."""
    while True:
        used = set(re.findall(r"var\((--[\w-]+)", "".join(_bodies(nodes)) + extra))
        pruned = _prune(nodes, used)
        if pruned == nodes:
            return nodes
        nodes = pruned


def _prune(nodes: list[Node], used: set[str]) -> list[Node]:
    def rule(prelude: str, body: str) -> Node | None:
        declarations = [
            d
            for d in split_top(body, ";")
            if d.strip()
            and not (d.strip().startswith("--") and d.split(":")[0].strip() not in used)
        ]
        return (prelude, ";".join(declarations)) if declarations else None

    return map_rules(nodes, rule)


def serialize(nodes: list[Node]) -> str:
    out = []
    for prelude, body in nodes:
        if body is None:
            out.append(prelude + ";")
        else:
            out.append(prelude + "{" + (serialize(body) if isinstance(body, list) else body) + "}")
    return "".join(out)


def icon_hosts(nodes: list[Node], names: list[str]) -> list[str]:
    """The selectors of the elements that use one of the custom properties ``names``: those of
    every rule referring to one, each without its pseudo-element."""
    hosts: set[str] = set()

    def rule(prelude: str, body: str) -> None:
        if any(f"var({name}{end}" in body for name in names for end in ",)"):
            hosts.update(PSEUDO_ELEMENT.sub("", s.strip()) for s in split_top(prelude, ","))

    map_rules(nodes, rule)
    return sorted(hosts)


def icon_placeholders(css: str) -> str:
    """A rule giving every image-valued custom property in ``css`` a transparent placeholder
    on the elements that use one, while JavaScript runs and ``<html>`` lacks ``PAINTED`` (""
    when there are none)."""
    names = sorted(set(IMAGE_PROPERTY.findall(css)))
    hosts = icon_hosts(parse(css), names)
    if not hosts:
        return ""
    gate = f":root.js:not(.{PAINTED})"
    selectors = ",".join(gate if host == ":root" else f"{gate} {host}" for host in hosts)
    blank = "linear-gradient(#0000,#0000)"
    return f"{selectors}{{{';'.join(f'{name}:{blank}' for name in names)}}}"


def admonition_icons(icons: dict[str, str], theme_dirs: list[Path]) -> str:
    """A rule giving each admonition type in ``icons`` its icon (``{"cue":
    "material/bullhorn-variant"}``, mkdocs.yml's theme.icon.admonition) as the theme's
    partials/icons.html does: the SVG from ``.icons/`` in the first theme folder that has it,
    as a data URL in ``--md-admonition-icon--<type>`` ("" for none). Raises ValueError naming
    an icon no folder has."""
    declarations = []
    for kind, name in icons.items():
        files = [d / ".icons" / f"{name}.svg" for d in theme_dirs]
        svg = next((f for f in files if f.is_file()), None)
        if svg is None:
            raise ValueError(
                f"mkdocs.yml: theme.icon.admonition.{kind}: no icon {name!r} in the theme's "
                f"{', '.join(str(d / '.icons') for d in theme_dirs)}; use a name from "
                "https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/"
            )
        data = quote(svg.read_text(encoding="utf-8").replace("\n", ""))
        declarations.append(f"--md-admonition-icon--{kind}:url('data:image/svg+xml,{data}')")
    return f":root{{{';'.join(declarations)}}}" if declarations else ""


def theme_dirs(config: settings.Settings) -> list[Path]:
    """The theme's template folders, ours first, as MkDocs searches them."""
    from mkdocs.theme import Theme

    custom = {"custom_dir": str(config.root / config.theme_dir)} if config.theme_dir else {}
    return [Path(d) for d in Theme(name=config.theme_name, **custom).dirs]


def mkdocs_icons(config: settings.Settings) -> str:
    """``admonition_icons`` for mkdocs.yml's theme.icon.admonition."""
    return admonition_icons(dict(config.admonition_icons), theme_dirs(config))


def critical_css(site: Path, theme_css: list[Path], ours: list[Path], icons: str = "") -> str:
    """The pure core: the filled slot, a ``<style data-theme-subset>`` of the theme rules the
    built ``site`` and its scripts can use, then a ``<style>`` of ``ours`` whole, minified,
    and ``icons`` (``admonition_icons``)."""
    tokens = Tokens()
    pages = [page.read_bytes() for page in sorted(site.rglob("*.html"))]
    for page in pages:
        tokens.add_page(page)
    for bundle in sorted((site / "assets" / "javascripts").glob("bundle.*.js")):
        tokens.add_script(bundle.read_text(encoding="utf-8"))
    own = rcssmin.cssmin("\n".join(path.read_text(encoding="utf-8") for path in ours))
    nodes = [n for css in theme_css for n in parse(css.read_text(encoding="utf-8"))]
    # Style attributes and inline <style>s on the pages may refer to theme variables too
    # (not the slot: a filled one would keep alive what it kept before).
    inline = SLOT.sub("", b"".join(pages).decode("utf-8", errors="replace"))
    subset = serialize(prune_variables(select(nodes, tokens), own + inline))
    placeholders = icon_placeholders(subset + own + icons)
    return f"<style data-theme-subset>{subset}</style>\n<style>{own}{icons}{placeholders}</style>"


def theme_stylesheets(site: Path, variant: str = "classic") -> list[Path]:
    """The theme's main and palette stylesheets, as the build published them (their hashed
    names change on upgrades): Material puts them in assets/stylesheets/, Zensical in a folder
    for each look, of which mkdocs.yml's theme.variant is used (assets/stylesheets/classic/)."""
    folder = site / "assets" / "stylesheets"
    if (folder / variant).is_dir():
        folder /= variant
    return [p for name in ("main", "palette") for p in folder.glob(f"{name}.*.min.css")]


def page_root(site: Path, page: Path, base_path: str) -> str:
    """How ``page`` reaches the site's root: relative (``""``, ``"../../"``), as the theme's
    asset URLs do, so the site works under any base path; the 404 page, served at any depth, by
    ``base_path``, as the theme's 404 page does."""
    if page == site / "404.html":
        return base_path
    return "../" * (len(page.relative_to(site).parts) - 1)


def fill(site: Path, styles: Callable[[str], str], base_path: str) -> int:
    """Put ``styles(root)`` in the slot of every page of ``site``, ``root`` being how the page
    reaches the site's root (``page_root``); return how many pages have one."""
    filled = 0
    for path in sorted(site.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        if slot := SLOT.search(page):
            text = styles(page_root(site, path, base_path))
            # atomic.write leaves a page alone when its bytes are the same.
            atomic.write(path, page[: slot.start()] + text + page[slot.end() :])
            filled += 1
    return filled


def main(argv: list[str] | None = None) -> int:
    site = parse_site(argv, __doc__.split("\n\n")[0])
    config = settings.load()
    theme = theme_stylesheets(site, config.theme_variant)
    if len(theme) != 2:
        log.error(
            "error: %s/assets/stylesheets: expected the theme's main.*.min.css and "
            "palette.*.min.css, found %s",
            site,
            sorted(p.name for p in theme),
        )
        return 2
    if config.other_css_icons:
        log.error(
            "error: mkdocs.yml: theme.icon.%s is not drawn: the pages leave out the theme's "
            "partials/icons.html; draw it in hinge/critical_css.py as admonition_icons does",
            config.other_css_icons[0],
        )
        return 1
    try:
        icons = mkdocs_icons(config)
    except ValueError as error:
        log.error("error: %s", error)
        return 1
    css = critical_css(site, theme, [ROOT / path for path in OURS], icons)
    sprite = icon_sprite.make(css)
    if sprite:
        atomic.write(site / sprite.path, sprite.data)

    def styles(root: str) -> str:
        return sprite.linked(css, root) if sprite else css

    if not fill(site, styles, config.base_path):
        log.error(
            "error: %s: no page has the inline-style slot — overrides/main.html's styles block "
            "must include partials/critical-css.html",
            site,
        )
        return 1
    log.info("css: %d bytes of inline CSS on every page", len(styles("").encode()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
