"""Say under each page's H1 who wrote it, who clinically reviewed it, and when it is next due.

From the page's front matter (``author`` and ``reviewer``: ids in data/people.yml;
``reviewed``: a date) it adds, right after the H1::

    Written by NAME · Clinically reviewed by NAME, CREDENTIALS
    Last reviewed DATE · Next review due DATE

In mkdocs.yml: ``- site_markdown.byline: {people: data/people.yml, review_months: 12}``;
`review_months` is the one setting for the review interval.

Why a Markdown extension and not a template: templates cannot read data/people.yml, copying
people into ``extra:`` by hand would drift, and hooks do not run under Zensical; a Markdown
extension runs under MkDocs and Zensical alike. It reads the front matter from the page's
source file (`site_markdown.pictures.page_path`), so it needs no page object.

Honesty: with no real reviewer (none named, or an example person in a production build,
`testimonials.production`) the byline says the clinical review is not yet assigned; an
example writer is left out in production. Locally, example people show with an "example"
label (scripts/hinge/people.py warns while they remain). An unknown id is a warning, which fails
strict builds. Every value is escaped text (`site_markdown.testimonials._add`).

Search: the byline is left out of the search index (``data-search-exclude``, which the
theme's search reads), so a result shows the page's first words, not who wrote it.

Photos: a person's ``photo`` (a source under images/, through the image pipeline) shows as
a small round picture before their name (`site_markdown.thumbnails`); a photo not processed
yet is a warning. The image folders are those of `site_markdown.pictures`.

Structured data: under MkDocs the extension also puts the people shown into
``page.meta["people"]`` as schema.org Persons (``author``, ``reviewedBy``), which
overrides/partials/structured-data.html adds to the JSON-LD. Zensical gives extensions no
page object, so there the JSON-LD keeps the organisation as author.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import logging
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from hinge import front_matter
from hinge.people import DEFAULT_FILE, Person, load
from hinge.site_markdown.pictures import image_folders, page_path
from hinge.site_markdown.testimonials import _add, _data, long_date
from hinge.site_markdown.thumbnails import thumbnail_urls
from hinge.testimonials import production

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

EXAMPLE_LABEL = "(example person — not real)"
NOT_ASSIGNED = "Clinical review: not yet assigned"
SEPARATOR = " · "
PHOTO_SIZE = "32"  # CSS px: the photo beside a name


def review_due(reviewed: dt.date, months: int) -> dt.date:
    """The date `months` after `reviewed`, on the month's last day when it is shorter."""
    index = reviewed.month - 1 + months
    year, month = reviewed.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(reviewed.day, calendar.monthrange(year, month)[1]))


@functools.lru_cache(maxsize=4)
def people_by_id(path: str, mtime: int) -> dict[str, Person]:
    """The valid people in `path` by id, warning once per version of the file (`mtime`)."""
    people, findings = load(Path(path))
    for finding in findings:
        log.warning(finding.text())
    return {person.id: person for person in people}


def page_meta(path: Path) -> dict[str, Any]:
    """The page's front matter; empty when it cannot be read (the content check says why)."""
    try:
        return front_matter.read(path)
    except (OSError, front_matter.Unreadable):
        return {}


def as_date(value: Any) -> dt.date | None:
    """`value` as a date (YAML gives a date, or text when quoted); None otherwise."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def schema_person(person: Person) -> dict[str, Any]:
    """The person as a schema.org Person for JSON-LD."""
    found: dict[str, Any] = {"@type": "Person", "name": person.name, "jobTitle": person.role}
    if person.credentials:
        credential = {"@type": "EducationalOccupationalCredential", "name": person.credentials}
        found["hasCredential"] = credential
    return found


def add_byline(
    parent: etree.Element,
    index: int,
    author: Person | None,
    reviewer: Person | None,
    reviewed: dt.date | None,
    months: int,
    photos: dict[str, str] | None = None,
) -> None:
    """Insert the byline at `index` of `parent`; `author`/`reviewer` are the people to show,
    `photos` maps a person's photo (its source path) to the URL of the processed picture."""
    photos = photos or {}
    byline = etree.Element("div", {"class": "byline", "data-search-exclude": ""})
    parent.insert(index, byline)
    who = _add(byline, "p", {"class": "byline__people"})
    if author:
        _say(who, "Written by ")
        _name(who, author, photos)
        _say(who, SEPARATOR)
    if reviewer:
        _say(who, "Clinically reviewed by ")
        _name(who, reviewer, photos, reviewer.credentials)
    else:
        _say(who, NOT_ASSIGNED)
    if reviewed:
        due = review_due(reviewed, months)
        dates = _add(byline, "p", {"class": "byline__dates"})
        _say(dates, "Last reviewed ")
        _add(dates, "time", {"datetime": reviewed.isoformat()}, long_date(reviewed))
        _say(dates, f"{SEPARATOR}Next review due ")
        _add(dates, "time", {"datetime": due.isoformat()}, long_date(due))


def _say(parent: etree.Element, text: str) -> None:
    """Append `text` (escaped already) after `parent`'s last child, or as its text."""
    if len(parent):
        parent[-1].tail = AtomicString((parent[-1].tail or "") + text)
    else:
        parent.text = AtomicString((parent.text or "") + text)


def _name(
    parent: etree.Element, person: Person, photos: dict[str, str], credentials: str | None = None
) -> None:
    """Append the person's photo if processed, their name, `credentials` if given, and an
    example label for an example person."""
    if person.photo in photos:
        attrs = {"class": "byline__photo", "src": photos[person.photo], "alt": ""}
        attrs |= {"width": PHOTO_SIZE, "height": PHOTO_SIZE, "loading": "lazy"}
        _add(parent, "img", attrs)
    _add(parent, "span", {"class": "byline__name"}, person.name)
    if credentials:
        _say(parent, f", {_data(credentials)}")
    if person.example:
        _say(parent, " ")
        _add(parent, "span", {"class": "byline__example"}, EXAMPLE_LABEL)


class BylineTreeprocessor(Treeprocessor):
    """Insert the byline after the page's first top-level H1."""

    def __init__(self, md: Markdown, config: dict[str, Any]) -> None:
        super().__init__(md)
        self.config = config

    def run(self, root: etree.Element) -> None:
        """Add the byline, warn about unknown ids, and hand the people to the templates."""
        page = page_path(self.md)
        h1 = next((i for i, child in enumerate(root) if child.tag == "h1"), None)
        if page is None or h1 is None:
            return
        source = Path(self.config["docs_dir"]) / page
        meta = page_meta(source)
        path = self.config["people"]
        try:
            known = people_by_id(path, Path(path).stat().st_mtime_ns)
        except FileNotFoundError:
            known = {}
        shown = {field: self.person(meta, field, known, source) for field in ("author", "reviewer")}
        reviewed = as_date(meta.get("reviewed"))
        months = int(self.config["review_months"])
        photos = self.photos([p for p in shown.values() if p and p.photo], page)
        add_byline(root, h1 + 1, shown["author"], shown["reviewer"], reviewed, months, photos)
        self.publish(shown)

    def person(
        self, meta: dict[str, Any], field: str, known: dict[str, Person], source: Path
    ) -> Person | None:
        """The person `field` names, if known and (in production) not an example."""
        ident = meta.get(field)
        if ident is None:
            return None
        person = known.get(str(ident))
        if person is None:
            fix = f"use an id from {self.config['people']}"
            log.warning(f'{source.as_posix()}: unknown person "{ident}" in "{field}" — {fix}')
            return None
        return None if person.example and self.config["production"] else person

    def photos(self, people: list[Person], page: str) -> dict[str, str]:
        """The URLs of the people's photos, processed by the image pipeline; a warning (which
        fails strict builds) for a photo not processed yet."""
        if not people:
            return {}
        folders = image_folders(self.md)
        urls, missing = thumbnail_urls(
            [p.photo for p in people], folders, self.config["docs_dir"], page
        )
        for person in people:
            if person.photo in missing:
                where = f"{self.config['people']}:{person.line}"
                log.warning(
                    f'{where}: photo "{person.photo}" is not processed yet — run `make images`'
                )
        return urls

    def publish(self, shown: dict[str, Person | None]) -> None:
        """Under MkDocs, put the people shown into page.meta["people"] for the JSON-LD."""
        if "relpath" not in self.md.treeprocessors:
            return
        page = getattr(getattr(self.md.treeprocessors["relpath"], "file", None), "page", None)
        if page is None or not isinstance(getattr(page, "meta", None), dict):
            return
        names = {"author": "author", "reviewer": "reviewedBy"}
        page.meta["people"] = {names[f]: schema_person(p) for f, p in shown.items() if p}


class BylineExtension(Extension):
    """Register the byline tree processor."""

    def __init__(self, **kwargs: Any) -> None:
        """Declare the options: the people file, the docs folder, the review interval."""
        self.config = {
            "people": [DEFAULT_FILE, "YAML file with the people bylines name"],
            "docs_dir": ["docs", "The Markdown folder, relative to the project root"],
            "review_months": [12, "Months from one review to the next review due"],
            "production": [production(), "Never show example people (default: deploy build)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Run after the tree is built; the H1 is already there."""
        md.treeprocessors.register(BylineTreeprocessor(md, self.getConfigs()), "byline", 6)


def makeExtension(**kwargs: Any) -> BylineExtension:
    """Return the extension (Python-Markdown's entry point)."""
    return BylineExtension(**kwargs)
