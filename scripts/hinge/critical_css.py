"""Generate the site's inline stylesheet: every rule of Material's CSS our pages can use, plus ours.

    python -m hinge css [--check] [--site DIR]

Builds the site into a temporary directory (or reads ``--site``) and keeps the rules of
Material's ``main.css`` and ``palette.css`` whose selectors can match: every class, id, tag and
attribute they name is on a built page or is a word of the scripts that run there (the pages'
inline scripts and the theme's bundle, which spell every class, id and attribute they add,
whole or as a prefix such as ``md-tooltip2--``). So the states the scripts create (search
results, drawer, scroll lock, tooltips) are styled from the first paint, with no stylesheet
request, and nothing is styled later. Custom properties nothing refers to are dropped. Our own
stylesheets (``OURS``) follow whole, minified, in a second ``<style>``; ``overrides/main.html``
inlines both. Run by ``make build`` before MkDocs; the output is rewritten only when its bytes
change. tests/test_interactions.py compares every reader state with the theme's full CSS.

Exit codes: 0 up to date or written, 1 stale (``--check``), 2 usage error or failed build.
"""

from __future__ import annotations

import argparse
import logging
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import material
import rcssmin
from lxml import html

ROOT = Path(__file__).resolve().parents[2]
# An .html partial: MkDocs publishes every other file in overrides/ as a static file.
OUTPUT = ROOT / "overrides" / "partials" / "critical-css.html"
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
# Ours, whole, after the theme's (they override it). Not in mkdocs.yml's extra_css, which
# would add a render-blocking <link> for each (and a print stylesheet's request would still
# count against the first view).
OURS = [
    "docs/assets/stylesheets/theme.css",
    "docs/assets/stylesheets/testimonials.css",
    "docs/assets/stylesheets/diagrams.css",
    "docs/assets/stylesheets/print.css",  # all inside @media print
]
# At-rules whose blocks hold rules (filtered); any other block is kept as it is.
NESTED = ("@media", "@supports", "@layer", "@container")
log = logging.getLogger("critical_css")

Node = tuple[str, "str | list[Node] | None"]


@dataclass
class Tokens:
    """What the pages can contain, for matching selectors: the classes, ids, tags and attributes
    of the built pages, and every word of the scripts that run on them (a class, id or attribute
    a script adds is spelled in it, whole or as a prefix such as ``md-tooltip2--``)."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=lambda: {"html", "body"})
    attrs: set[str] = field(default_factory=set)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    prefixes: tuple[str, ...] = ()

    def add_page(self, text: bytes) -> None:
        """The page's classes, ids, tags and attributes, and the words of its inline scripts."""
        for element in html.fromstring(text).iter():
            if not isinstance(element.tag, str):
                continue
            self.tags.add(element.tag.lower())
            if element.tag == "script":
                self.add_script(element.text or "")
            for name, value in element.attrib.items():
                self.attrs.add(name)
                self.pairs.add((name, value))
                if name == "class":
                    self.classes.update(value.split())
                elif name == "id":
                    self.ids.add(value)

    def add_script(self, text: str) -> None:
        """Every word of a script; words ending in - or _ also count as prefixes."""
        self.words.update(re.findall(r"[A-Za-z_][\w-]*", text))
        self.prefixes = tuple(sorted(w for w in self.words if len(w) > 4 and w[-1] in "-_"))

    def scripted(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)

    def has_class(self, name: str) -> bool:
        return name in self.classes or self.scripted(name)

    def has_id(self, name: str) -> bool:
        return name in self.ids or self.scripted(name)

    def has_tag(self, name: str) -> bool:
        return name in self.tags or name in self.words

    def has_attr(self, name: str, value: str | None = None) -> bool:
        if value is None:
            return name in self.attrs or self.scripted(name)
        return (name, value) in self.pairs or (self.has_attr(name) and self.scripted(value))


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
    """The nodes whose selectors can match, each selector list reduced to those that can."""

    def rule(prelude: str, body: str) -> Node | None:
        selectors = [s for s in split_top(prelude, ",") if matches(s.strip(), tokens)]
        return (",".join(selectors), body) if selectors else None

    return map_rules(nodes, rule)


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


def critical_css(site: Path, theme_css: list[Path], ours: list[Path]) -> str:
    """The pure core: a ``<style data-theme-subset>`` of the theme rules the built ``site`` and
    its scripts can use, then a ``<style>`` of ``ours`` whole, minified."""
    tokens = Tokens()
    pages = [page.read_bytes() for page in sorted(site.rglob("*.html"))]
    for page in pages:
        tokens.add_page(page)
    for bundle in sorted((site / "assets" / "javascripts").glob("bundle.*.js")):
        tokens.add_script(bundle.read_text(encoding="utf-8"))
    own = rcssmin.cssmin("\n".join(path.read_text(encoding="utf-8") for path in ours))
    nodes = [n for css in theme_css for n in parse(css.read_text(encoding="utf-8"))]
    # Style attributes and inline <style>s on the pages may refer to theme variables too.
    inline = b"".join(pages).decode("utf-8", errors="replace")
    subset = serialize(prune_variables(select(nodes, tokens), own + inline))
    return f"<style data-theme-subset>{subset}</style>\n<style>{own}</style>\n"


def theme_stylesheets() -> list[Path]:
    """Material's main and palette stylesheets (hashed names change on upgrades)."""
    return [next(MATERIAL_CSS.glob(f"{name}.*.min.css")) for name in ("main", "palette")]


def build_site(out: Path) -> None:
    """Build the site strictly into ``out`` (the tokens come from the real pages)."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the output is stale")
    parser.add_argument("--site", type=Path, help="a built site to read instead of building")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ours = [ROOT / path for path in OURS]
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp)
        if args.site is None:
            try:
                build_site(site)
            except subprocess.CalledProcessError:
                log.error("critical_css: the site did not build")
                return 2
        elif not (site / "index.html").is_file():
            parser.error(f"{site}/index.html not found")
        css = critical_css(site, theme_stylesheets(), ours)
    current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
    if css == current:
        return 0
    if args.check:
        log.error("%s is stale: run `python -m hinge css`", OUTPUT.relative_to(ROOT))
        return 1
    OUTPUT.write_text(css, encoding="utf-8")
    log.info("wrote %s (%d bytes)", OUTPUT.relative_to(ROOT), len(css.encode()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
