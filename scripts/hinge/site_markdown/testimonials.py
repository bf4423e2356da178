"""Render member reviews from data/testimonials.yml as accessible cards, without JavaScript.

In Markdown::

    /// testimonials
    limit: 3
    tags: [coaching]
    ///

All options are optional: `limit` keeps the newest N reviews (0 or none: all), `tags` keeps
reviews with any of those tags, `heading` and `more` (a page, e.g. testimonials.md) give a
strip its H2 and a "See all testimonials" link. The same options also work pymdownx-style,
indented four spaces under the header. In mkdocs.yml:
``- site_markdown.testimonials: {data: data/testimonials.yml, contact: URL}`` (the path is
relative to the directory MkDocs runs in, the project root; `contact` is where a member
sends a review, an https: or mailto: address).

Honesty in production: when `testimonials.production()` is true (the deploy build), example
entries are never rendered. With no real review to show, a block with a `heading` (the home
strip) disappears entirely, heading and link included, and one without says that reviews
are being collected and how to send one; locally, that notice also says the cards are
examples. Disclosures (connection, incentive, typical results) print under the quote.

Why pymdownx.blocks: the ``///`` syntax, option parsing and nesting come from the same
block manager that pymdownx's own blocks (admonition, details, html, tab) share, so this
block coexists with them instead of competing for the same lines, as a second
BlockProcessor would.

Every card is built as an ElementTree, never as an HTML string: the serializer escapes all
text, and `AtomicString` keeps Markdown and abbreviations out of it (it is data, not markup).
Every data field, in text and attributes, is escaped (``&`` too) and its whitespace collapsed
and control characters dropped, so attr_list cannot read a trailing ``{...}`` as attributes
and no Markdown placeholder gets in, even for entries scripts/hinge/testimonials.py did not check.
A card links its source only when it is an http(s) URL (`testimonials.web_url`). Invalid
entries are left out, each with a warning on this module's logger, which fails strict builds.
That placeholders remain is not a warning here (strict builds would fail);
scripts/hinge/testimonials.py reports it before the build.

Avatars go through the image pipeline (scripts/hinge/process_images.py): the card shows the
smallest WebP variant its manifest lists, written relative to the Markdown file as
site_markdown.pictures does (so MkDocs or Zensical rewrite and check the link). An avatar not
processed yet gets a warning and the initials badge. The image folders are those of
site_markdown.pictures; `docs_dir` is the Markdown folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any, ClassVar

import yaml
from markdown import Markdown
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block, type_any

from hinge import safe_yaml
from hinge.site_markdown.pictures import image_folders, page_path
from hinge.site_markdown.thumbnails import thumbnail_urls
from hinge.testimonials import DEFAULT_FILE, KNOWN_TAGS, Testimonial, load, production, web_url

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

QUOTE_LIMIT = 220
AVATAR_SIZE = "48"
EXAMPLE_LABEL = "Example entry — not a real review"
MORE_LABEL = "See all testimonials"
COLLECTING = "We are collecting reviews from members. We do not show any yet."
EXAMPLES_NOTE = "The cards below are examples that show the layout; each one is labelled."
SEND_LABEL = "Send us your review"
DISCLOSURE_LABELS = {
    "connection": "Connection to us",
    "incentive": "Incentive",
    "typical_results": "Typical results",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # incl. Markdown's placeholder marks \x02, \x03


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Return `text`, or its whole words within `limit` characters followed by an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not text[limit].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:\u2013\u2014-") + "…"


def initials(name: str) -> str:
    """Return up to two capital letters: the first and last words' first letters."""
    letters = [word[0] for word in name.split() if word[0].isalpha()]
    return "".join(letters[:1] + letters[1:][-1:]).upper() or "?"


def long_date(date: dt.date) -> str:
    """Return a date as "November 20, 2026"."""
    return f"{date:%B} {date.day}, {date.year}"


def select(
    entries: list[Testimonial], limit: int = 0, tags: tuple[str, ...] = ()
) -> list[Testimonial]:
    """Return entries with any of `tags` (all if none), newest first, at most `limit` (0: all)."""
    chosen = [entry for entry in entries if not tags or set(tags) & set(entry.tags)]
    chosen.sort(key=lambda entry: entry.date, reverse=True)
    return chosen[:limit] if limit else chosen


def add_cards(
    parent: etree.Element, entries: list[Testimonial], avatars: dict[str, str] | None = None
) -> None:
    """Append one ``<li><figure class="testimonial">`` per entry to `parent`.

    `avatars` maps an entry's avatar (its source path) to the URL of the processed image;
    entries without one get an initials badge.
    """
    avatars = avatars or {}
    for entry in entries:
        classes = "testimonial testimonial--example" if entry.example else "testimonial"
        figure = _add(_add(parent, "li"), "figure", {"class": classes})
        if entry.example:
            _add(figure, "p", {"class": "testimonial__label"}, EXAMPLE_LABEL)
        source = entry.source if entry.source and web_url(entry.source) else None
        text = shorten(entry.quote) if source else entry.quote
        quote = _add(figure, "blockquote", {"class": "testimonial__quote"})
        if source:
            quote.set("cite", _data(source))
        _add(quote, "p", {}, text)
        for field, label in DISCLOSURE_LABELS.items():
            if value := getattr(entry, field):
                note = _add(figure, "p", {"class": "testimonial__disclosure"})
                _add(note, "strong", {}, f"{label}:").tail = AtomicString(f" {_data(value)}")
        if source:
            more = _add(figure, "p", {"class": "testimonial__more"})
            link = "Read the full review" if text != entry.quote else "See the original review"
            attrs = {"href": _data(source), "aria-label": _data(f"{link} by {entry.name}")}
            _add(more, "a", attrs, link)
        caption = _add(figure, "figcaption", {"class": "testimonial__caption"})
        if entry.avatar in avatars:
            attrs = {
                "class": "testimonial__avatar",
                "src": avatars[entry.avatar],
                "alt": "",
                "width": AVATAR_SIZE,
                "height": AVATAR_SIZE,
                "loading": "lazy",
                "decoding": "async",
            }
            _add(caption, "img", attrs)
        else:
            attrs = {"class": "testimonial__initials", "aria-hidden": "true"}
            _add(caption, "span", attrs, initials(entry.name))
        who = _add(caption, "span", {"class": "testimonial__who"})
        _add(who, "span", {"class": "testimonial__name"}, entry.name)
        attrs = {"class": "testimonial__date", "datetime": entry.date.isoformat()}
        _add(who, "time", attrs, long_date(entry.date))
        if entry.tags:
            tags = _add(caption, "ul", {"class": "testimonial__tags", "aria-label": "Topics"})
            for tag in entry.tags:
                _add(tags, "li", {}, tag)


def _add(
    parent: etree.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> etree.Element:
    """Append a child element; its text is atomic, so Markdown never parses it."""
    element = etree.SubElement(parent, tag, attrs or {})
    if text is not None:
        element.text = AtomicString(_data(text))
    return element


def _data(value: str) -> str:
    """`value` on one line, without control characters, with ``&`` escaped.

    The serializer escapes ``<``, ``>`` and quotes but keeps what looks like an entity, so
    ``&amp;`` in the data would show as ``&``.
    """
    return " ".join(_CONTROL.sub(" ", value).split()).replace("&", "&amp;")


class Testimonials(Block):
    """The ``/// testimonials`` block; its body holds the options."""

    NAME = "testimonials"
    ARGUMENT = False
    OPTIONS: ClassVar = {
        "limit": (0, type_any),
        "tags": ([], type_any),
        "heading": ("", type_any),
        "more": ("", type_any),
    }

    def on_markdown(self) -> str:
        """Keep the content as raw text: it holds the options, as YAML."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        """Create the section that holds the cards."""
        self.parent = parent
        return etree.SubElement(parent, "div", {"class": "testimonials-section"})

    def on_end(self, block: etree.Element) -> None:
        """Fill the section with the valid entries, warning about everything left out."""
        options = _options(block.text or "", self.options)
        block.text = None
        if options is None:
            return
        limit, tags, heading, more = options
        path = self.config["data"]
        entries, findings = load(Path(path))
        for finding in findings:
            log.warning(finding.text())
        if self.config["production"]:
            entries = [entry for entry in entries if not entry.example]
        chosen = select(entries, limit, tags)
        if heading:
            if not chosen:
                self.parent.remove(block)
                return
            _add(block, "h2", {}, heading)
        elif all(entry.example for entry in chosen):
            add_notice(block, self.config["contact"], examples=bool(chosen))
        if chosen:  # an empty role="list" is an accessibility error
            ul = _add(block, "ul", {"class": "testimonials", "role": "list"})
            add_cards(ul, chosen, avatar_urls(chosen, self.config, self.md))
        if more:
            link = {"href": _data(more)}
            _add(_add(block, "p", {"class": "testimonials__more"}), "a", link, MORE_LABEL)


def add_notice(parent: etree.Element, contact: str, examples: bool) -> None:
    """Say that reviews are being collected, how to send one, and that examples are examples."""
    _add(parent, "p", {"class": "testimonials__notice"}, COLLECTING)
    if web_url(contact) or re.fullmatch(r"mailto:[^\s@]+@[^\s@]+", contact):
        _add(_add(parent, "p"), "a", {"href": _data(contact)}, SEND_LABEL)
    elif contact:
        log.warning(f'testimonials: contact "{contact}" must be an https: or mailto: address')
    if examples:
        _add(parent, "p", {}, EXAMPLES_NOTE)


def avatar_urls(entries: list[Testimonial], config: dict[str, Any], md: Markdown) -> dict[str, str]:
    """Map each avatar to its smallest processed picture, relative to the page's Markdown file."""
    with_avatar = {entry.avatar: entry for entry in entries if entry.avatar}
    if not with_avatar:
        return {}
    folders, page = image_folders(md), page_path(md)
    urls, missing = thumbnail_urls(with_avatar, folders, config["docs_dir"], page)
    for avatar in missing:
        log.warning(
            f'{config["data"]}:{with_avatar[avatar].line}: avatar "{avatar}" is not processed '
            "yet — run `make images`"
        )
    return urls


def _options(body: str, header: dict[str, Any]) -> tuple[int, tuple[str, ...], str, str] | None:
    """Return (limit, tags, heading, more) from the body or indented header; None if invalid."""
    try:
        options = {**header, **(safe_yaml.load(body) or {})}
    except (yaml.YAMLError, TypeError, ValueError):
        options = None
    if options is None or not set(options) <= {"limit", "tags", "heading", "more", "attrs"}:
        log.warning('testimonials block: write options only, one a line — e.g. "limit: 3"')
        return None
    limit, tags = options.get("limit", 0), options.get("tags", [])
    tags = [tags] if isinstance(tags, str) else tags
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        log.warning("testimonials block: limit must be a whole number — e.g. limit: 3")
        return None
    if not isinstance(tags, list) or not all(tag in KNOWN_TAGS for tag in tags):
        log.warning(f"testimonials block: tags must be a list of: {', '.join(KNOWN_TAGS)}")
        return None
    heading, more = options.get("heading", ""), options.get("more", "")
    if not isinstance(heading, str) or not isinstance(more, str):
        log.warning("testimonials block: heading and more must be text — e.g. more: reviews.md")
        return None
    return limit, tuple(tags), heading, more


class TestimonialsExtension(BlocksExtension):
    """Register the testimonials block with pymdownx.blocks."""

    def __init__(self, **kwargs: Any) -> None:
        """Declare the `data` option: the YAML file to read."""
        self.config = {
            "data": [DEFAULT_FILE, "YAML file with the testimonials"],
            "docs_dir": ["docs", "The Markdown folder, relative to the working directory"],
            "contact": ["", "Where members send a review: an https: or mailto: address"],
            "production": [production(), "Leave example entries out (default: the deploy build)"],
        }
        super().__init__(**kwargs)

    def extendMarkdownBlocks(self, md: Markdown, block_mgr: BlocksProcessor) -> None:
        """Add the block."""
        block_mgr.register(Testimonials, self.getConfigs())


def makeExtension(**kwargs: Any) -> TestimonialsExtension:
    """Return the extension (Python-Markdown's entry point)."""
    return TestimonialsExtension(**kwargs)
