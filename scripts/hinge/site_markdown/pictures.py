"""Turn `![alt](../images/x.png)` into a responsive `<picture>` from the image manifest.

Editors point ordinary Markdown images at the SOURCE file (so GitHub previews them); images
outside the source folder are left alone. `scripts/hinge/process_images.py` must have run first:
its `manifest.json` lists the AVIF, WebP and JPEG/PNG variants written into the docs.

Output: `<a href=largest><picture><source avif><source webp><img></picture></a>`; the `<img>`
has the fallback `srcset`, `sizes`, `width`/`height` (no layout shift), `decoding="async"` and
`loading="lazy"`, except the page's first still image (likely the LCP), which is eager with
`fetchpriority="high"`. Flat-colour images (the pipeline's kind "diagram") get
`class="diagram"`, which the dark scheme's stylesheet (docs/assets/stylesheets/diagrams.css)
darkens. A missing image or empty alt text logs a warning on a `mkdocs.*` logger, which fails
`mkdocs build --strict`.

Phone versions (art direction). A source `x.phone.png` next to `x.png` is a version drawn for
narrow screens (taller, larger text). When it exists, the picture starts with its AVIF, WebP
and fallback `<source>`s, each with `media` (`PHONE_MEDIA`) and its own `width`/`height`
(Chromium reserves that box, so no layout shift), so phones download only it. The `<img>`
keeps the default version's size and the alt text; without a phone version there are no
phone sources.

URL design. `srcset` must be relative to the built page (directory URLs: `docs/a/b.md` is
served at `a/b/`), but MkDocs' `relpath` treeprocessor (priority 0) rewrites only `img src`
and `a href`, and Zensical's `zrelpath` likewise. So this extension never computes page URLs:
1. A treeprocessor before them (priority 6) writes `src`/`href` as paths relative to the
   Markdown file, pointing at the generated fallback (`img/x-1600.jpg` from `docs/x.md`), just
   as an editor would link a file in the docs. The host rewrites (and, in MkDocs, validates)
   them like any other image.
2. A treeprocessor after them (priority -10) reads the rewritten `img src`, whose folder is the
   folder of every variant of that image, and fills in the `srcset`s from it.
This holds for MkDocs, Zensical and plain Python-Markdown alike (where nothing is rewritten
and the paths stay relative to the Markdown file). Rejected: absolute `/img/...` URLs (break
with a `site_url` sub-path, `file://` and `mkdocs serve`), a MkDocs hook (Zensical ignores
hooks), and computing page URLs ourselves (duplicates each host's URL rules).

To resolve the editor's path and name the file in warnings, the page's path inside the docs is
read, duck-typed, from the host's link treeprocessor (`relpath.file.src_uri` in MkDocs,
`zrelpath.path` in Zensical). Without either, a path is assumed to climb from the Markdown
file to the project root (`../images/x.png` from `docs/`, `../../images/...` one level down).

Options: `images` (the image folders ``source`` and ``output``, relative to the working
directory, the project root: the one place mkdocs.yml names them; our tools read them there
through `hinge.settings`, and `image_folders` gives them to our other extensions), `docs_dir`
(relative to the same), `sizes`, and `link` (wrap the picture in a link to its largest
fallback, so a click opens it full size).

Motion (issue 19). A loop `x.loop.webp` (any extension) next to `x.png` is an animation of the
same lift (scripts/hinge/diagrams/ draws one per exercise); wherever a page shows `x.png`, a
`<figure class="motion">` follows the paragraph holding it: the loop's `<picture>`, a pause
button and, as the figcaption, the loop's description (from its manifest entry, so no page
names the loop). An animated image a page names itself becomes such a figure in place of its
paragraph, its alt text on the `<img>`. In both, the animated AVIF and WebP `<source>`s carry
`media` `(prefers-reduced-motion: no-preference)`: with reduced motion, and while paused, the
`<img>` shows its fallback, the first frame as a still (the start of the rep). The `<img>` is
always lazy, so the still above stays the page's LCP, and has its shown size in `width` and
`height` (a loop, ``x.loop.*``, is drawn at `LOOP_DENSITY` pixels per CSS pixel, also where
a page names it), so nothing shifts; the `<picture>` holds that box in its `style` while the
`<img>` is not displayed, which keeps the loop's download from sharing the network with the
page's first image (motion.css). The
button swaps the sources' `media` (overrides/partials/motion.html; without JavaScript it and
the loop are hidden), its words come from CSS (docs/assets/stylesheets/motion.css), and print
leaves the figure out: the still shows the key poses.
"""

from __future__ import annotations

import json
import logging
import posixpath
import unicodedata
import xml.etree.ElementTree as etree
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from hinge.image_pipeline.config import FOLDERS, Paths, image_paths

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

MIME = {"avif": "image/avif", "webp": "image/webp"}
LOOP_SUFFIX = ".loop"
"""`images/x.loop.webp` (any extension) is the loop of `images/x.png`."""
LOOP_DENSITY = 2
"""Pixels per CSS pixel of a paired loop (scripts/hinge/diagrams/animation.py draws them so)."""
MOTION_MEDIA = "(prefers-reduced-motion: no-preference)"
"""When an animation's moving sources apply: never with reduced motion (the still instead)."""
PHONE_SUFFIX = ".phone"
"""`images/x.phone.png` is the phone version of `images/x.png`."""
PHONE_MAX_WIDTH = 660
"""Widest viewport (CSS px) that gets a phone version. Material's content column is the
viewport less 47 px up to 960 px, so below 647 px the default version's 32 px labels (at
1600 px wide) would be under 12 CSS px; landscape phones (667 px and up) get the default."""
PHONE_MEDIA = f"(max-width: {PHONE_MAX_WIDTH}px)"
_manifests: dict[Path, tuple[int, dict]] = {}


class PicturesExtension(Extension):
    """Register the two treeprocessors."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "images": [dict(FOLDERS), "Image folders: source, output (from the project root)"],
            "docs_dir": ["docs", "The Markdown folder, relative to the working directory"],
            "sizes": ["(min-width: 76.25em) 37rem, 100vw", "The sizes attribute"],
            "link": [True, "Link each picture to its largest fallback"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the picture builder before the hosts' link rewriting and srcset after it."""
        builder = PictureTreeprocessor(md, self.getConfigs())
        md.treeprocessors.register(builder, "pictures", 6)
        md.treeprocessors.register(SrcsetTreeprocessor(md, builder), "pictures_srcset", -10)


class PictureTreeprocessor(Treeprocessor):
    """Replace each source-folder `<img>` with a `<picture>` whose URLs are file-relative."""

    def __init__(self, md: Markdown, config: dict) -> None:
        super().__init__(md)
        self.config = config
        self.pending: list[tuple[etree.Element, list[tuple[etree.Element, list[dict]]], str]] = []

    def run(self, root: etree.Element) -> None:
        """Build the pictures; remember their variants for `SrcsetTreeprocessor`."""
        self.pending = []
        paths = image_paths(Path.cwd(), self.config["images"])
        docs = posixpath.relpath(paths.root / self.config["docs_dir"], paths.root)
        source = paths.source.relative_to(paths.root).as_posix()
        output = posixpath.relpath(paths.output.relative_to(paths.root).as_posix(), docs)
        page = page_path(self.md)
        images = None
        found = [(parent, i, img) for parent in root.iter() for i, img in enumerate(parent)]
        parents = {child: parent for parent, _, child in found}
        # Motion figures, placed once every image is done: (figure, holder, anchor, replace).
        figures: list[tuple[etree.Element, etree.Element, etree.Element, bool]] = []
        for parent, index, img in found:
            src = img.get("src")
            located = locate(src, page, docs, source) if img.tag == "img" and src else None
            if located is None:
                continue
            key, up = located
            where = f"Doc file '{page or '(unknown)'}'"
            if not (img.get("alt") or "").strip():
                log.warning("%s: image '%s' has no alt text: describe it in ![...]", where, src)
            if images is None:
                images = read_manifest(paths.manifest)
            entry = images.get(key)
            if entry is None:
                exists = (paths.source / key).is_file()
                problem = "is not processed yet: run `make images`" if exists else "is not found"
                log.warning("%s: image '%s' %s (%s/%s)", where, src, problem, source, key)
                continue
            prefix = posixpath.join(*([".."] * up), output) if up else output
            if animated(entry):
                if not alone(img, parent) or parent not in parents:
                    log.warning(
                        "%s: animated image '%s' needs a paragraph of its own (a blank line "
                        "before and after it, no link around it), where its pause button goes",
                        where, src,
                    )  # fmt: skip
                    continue
                drawn = posixpath.splitext(key)[0].endswith(LOOP_SUFFIX)  # by hinge.diagrams
                figure = self.motion(img, entry, prefix, LOOP_DENSITY if drawn else 1)
                figures.append((figure, parents[parent], parent, True))
                continue
            tail, img.tail = img.tail, None
            element = self.picture(img, entry, prefix, images.get(phone_key(key)))
            if self.config["link"] and parent.tag != "a":
                element = link(element, img.get("src", ""))
            element.tail = tail
            parent[index] = element
            if (loop := loop_key(key, images)) is None:
                continue
            if not (about := images[loop].get("description")):
                log.warning(
                    "%s: loop '%s/%s' has no description for readers who cannot watch it: "
                    "draw it with `python -m hinge diagrams`, which writes one",
                    where, source, loop,
                )  # fmt: skip
                continue
            figure = self.motion(
                etree.Element("img", alt=""), images[loop], prefix, LOOP_DENSITY, about
            )
            block = paragraph(parent, parents)
            if block is None or block not in parents:
                figures.append((figure, parent, element, False))
            else:
                figures.append((figure, parents[block], block, False))
        for figure, holder, anchor, replace in reversed(figures):
            at = list(holder).index(anchor)
            figure.tail, anchor.tail = anchor.tail, None
            if replace:
                holder[at] = figure
            else:
                holder.insert(at + 1, figure)

    def picture(
        self, img: etree.Element, entry: dict, prefix: str, phone: dict | None
    ) -> etree.Element:
        """The `<picture>` for one manifest entry (and its phone version's, if any); `img`
        becomes its fallback."""
        picture = etree.Element("picture")
        sources = [] if phone is None else phone_sources(picture, phone)
        for name, variants in by_format(entry).items():
            if name in MIME:
                element = etree.SubElement(picture, "source", type=MIME[name])
                sources.append((element, variants))
            else:
                sources.append((img, variants))
                largest = max(variants, key=lambda variant: variant["width"])
        fallback(img, entry, prefix, largest)
        if any(done.get("loading") == "eager" for done, _, _ in self.pending):
            img.set("loading", "lazy")
        else:  # The first still image of a page is the likely Largest Contentful Paint.
            img.set("loading", "eager")
            img.set("fetchpriority", "high")
        picture.append(img)
        self.pending.append((img, sources, self.config["sizes"]))
        return picture

    def motion(
        self, img: etree.Element, entry: dict, prefix: str, density: int, about: str = ""
    ) -> etree.Element:
        """The `<figure class="motion">` of an animation: its `<picture>` (moving sources only
        without reduced motion; `img`, lazy, its first frame), the pause button and `about`
        as the caption. `density`: pixels per CSS pixel."""
        figure = etree.Element("figure", {"class": "motion"})
        picture = etree.SubElement(figure, "picture")
        sources = []
        for name, variants in by_format(entry).items():
            if name in MIME:
                element = etree.SubElement(picture, "source", type=MIME[name], media=MOTION_MEDIA)
                sources.append((element, variants))
            else:
                sources.append((img, variants))
                largest = max(variants, key=lambda variant: variant["width"])
        fallback(img, entry, prefix, largest, density)
        img.set("loading", "lazy")
        # The loop's box, held while its <img> waits for the first image (motion.css).
        width, height = img.get("width"), img.get("height")
        picture.set("style", f"width:{width}px;aspect-ratio:{width}/{height}")
        picture.append(img)
        self.pending.append((img, sources, f"{width}px"))
        # Out of the search index (the theme's search reads data-search-exclude): results
        # read "PausePlay the movement" where a loop sits.
        button = etree.SubElement(
            figure,
            "button",
            {"type": "button", "class": "motion__toggle", "data-search-exclude": ""},
        )
        for state in ("pause", "play"):
            etree.SubElement(button, "span", {"class": f"motion__{state}"}).text = state.title()
        button[-1].tail = " the movement"
        if about:
            etree.SubElement(figure, "figcaption").text = about
        return figure


class SrcsetTreeprocessor(Treeprocessor):
    """Fill in `srcset` from each `<img src>` after the host made it page-relative."""

    def __init__(self, md: Markdown, builder: PictureTreeprocessor) -> None:
        super().__init__(md)
        self.builder = builder

    def run(self, root: etree.Element) -> None:
        """Every variant of an image sits in its fallback's folder: reuse that URL prefix."""
        for img, sources, sizes in self.builder.pending:
            folder = img.get("src", "").rpartition("/")[0]
            for element, variants in sources:
                urls = (
                    f"{posixpath.join(folder, quote(posixpath.basename(v['path'])))} {v['width']}w"
                    for v in variants
                )
                element.set("srcset", ", ".join(urls))
                element.set("sizes", sizes)
        self.builder.pending = []


def fallback(img: etree.Element, entry: dict, prefix: str, largest: dict, density: int = 1) -> None:
    """Make `img` a picture's fallback: `largest` as its file, its size in CSS px, the dark
    scheme's class for flat colours, and asynchronous decoding."""
    if entry.get("kind") in ("diagram", "animated-diagram"):
        img.set("class", " ".join(filter(None, (img.get("class"), "diagram"))))
    img.set("src", quote(posixpath.join(prefix, largest["path"])))
    img.set("width", str(largest["width"] // density))
    img.set("height", str(largest["height"] // density))
    img.set("decoding", "async")


def animated(entry: dict) -> bool:
    """Whether a manifest entry is an animation."""
    return entry.get("kind", "").startswith("animated-")


def loop_key(key: str, images: dict) -> str | None:
    """The manifest key of the loop of still `key` (`a/x.png` → `a/x.loop.webp`), if any."""
    stem = posixpath.splitext(key)[0] + LOOP_SUFFIX
    return next(
        (k for k, e in images.items() if posixpath.splitext(k)[0] == stem and animated(e)), None
    )


def alone(img: etree.Element, parent: etree.Element) -> bool:
    """Whether `img` is all its paragraph holds."""
    text = (parent.text or "") + (img.tail or "")
    return parent.tag == "p" and len(parent) == 1 and not text.strip()


def paragraph(parent: etree.Element, parents: dict) -> etree.Element | None:
    """The paragraph an image sits in (through any link around it), if any."""
    block: etree.Element | None = parent
    while block is not None and block.tag != "p":
        block = parents.get(block) if block.tag in ("a", "em", "strong", "span") else None
    return block


def by_format(entry: dict) -> dict[str, list[dict]]:
    """A manifest entry's variants grouped by format, in manifest order."""
    grouped: dict[str, list[dict]] = {}
    for variant in entry["variants"]:
        grouped.setdefault(variant["format"], []).append(variant)
    return grouped


def phone_sources(picture: etree.Element, entry: dict) -> list[tuple[etree.Element, list[dict]]]:
    """Add a phone-only `<source>` per format of the phone version `entry` to `picture`."""
    sources = []
    for name, variants in by_format(entry).items():
        largest = max(variants, key=lambda variant: variant["width"])
        element = etree.SubElement(picture, "source", media=PHONE_MEDIA)
        if name in MIME:
            element.set("type", MIME[name])
        element.set("width", str(largest["width"]))
        element.set("height", str(largest["height"]))
        sources.append((element, variants))
    return sources


def phone_key(key: str) -> str:
    """The manifest key of the phone version of source `key`: `a/x.png` → `a/x.phone.png`."""
    stem, ext = posixpath.splitext(key)
    return f"{stem}{PHONE_SUFFIX}{ext}"


def image_folders(md: Markdown) -> Paths:
    """The image folders of this Markdown's pictures extension (`FOLDERS` without one), for the
    extensions that show processed images too (avatars, byline photos)."""
    for extension in md.registeredExtensions:
        if isinstance(extension, PicturesExtension):
            return image_paths(Path.cwd(), extension.getConfig("images"))
    return image_paths(Path.cwd())


def page_path(md: Markdown) -> str | None:
    """The Markdown file's path inside the docs folder, from MkDocs or Zensical, if known."""
    if "relpath" in md.treeprocessors:  # MkDocs
        file = getattr(md.treeprocessors["relpath"], "file", None)
        return getattr(file, "src_uri", None)
    if "rendering_context" in md.preprocessors:  # Zensical: its page, path inside the docs
        return getattr(md.preprocessors["rendering_context"].page, "path", None)
    return None


def locate(src: str, page: str | None, docs: str, source: str) -> tuple[str, int] | None:
    """(manifest key, how many folders the page sits below the docs) for a source image.

    None when `src` is a URL or does not point into the source folder.
    """
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith(("/", "#")):
        return None
    path = unquote(parts.path)
    if page is not None:
        folder = posixpath.dirname(page)
        target = posixpath.normpath(posixpath.join(docs, folder, path))
        up = folder.count("/") + 1 if folder else 0
    else:
        normal = posixpath.normpath(path)
        up = 0
        while normal.startswith("../"):
            normal, up = normal[3:], up + 1
        target, up = normal, max(up - 1, 0)
    if not target.startswith(source + "/"):
        return None
    return unicodedata.normalize("NFC", target[len(source) + 1 :]), up


def link(picture: etree.Element, href: str) -> etree.Element:
    """Wrap `picture` in a link to `href` (the largest fallback): a click opens it full size."""
    anchor = etree.Element("a", {"class": "picture-link", "href": href})
    anchor.append(picture)
    return anchor


def read_manifest(path: Path) -> dict:
    """The manifest's images table, re-read only when the file changed (`mkdocs serve`)."""
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return {}
    if (cached := _manifests.get(path)) is None or cached[0] != mtime:
        images = json.loads(path.read_text(encoding="utf-8")).get("images", {})
        _manifests[path] = cached = (mtime, images)
    return cached[1]


def makeExtension(**kwargs: object) -> PicturesExtension:
    """Entry point for `markdown_extensions: [site_markdown.pictures]`."""
    return PicturesExtension(**kwargs)
