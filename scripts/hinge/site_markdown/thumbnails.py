"""Small square pictures from the image pipeline: testimonial avatars and byline photos.

Both are shown at one small size, so each source image gives one URL: its smallest processed
WebP (or its smallest variant of any format), relative to the page's Markdown file, the way
`site_markdown.pictures` writes paths so that MkDocs or Zensical rewrite and check the link.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable

from hinge.image_pipeline.config import Paths
from hinge.site_markdown.pictures import read_manifest


def thumbnail_urls(
    sources: Iterable[str], paths: Paths, docs_dir: str, page: str | None
) -> tuple[dict[str, str], list[str]]:
    """Map each source (a path from the project root, e.g. ``images/people/sam.jpg``) to its
    smallest processed picture, relative to the Markdown file `page` (inside `docs_dir`);
    also list the sources the pipeline has not processed (`paths`: the image folders)."""
    images = read_manifest(paths.manifest)
    docs = paths.root / docs_dir
    prefix = posixpath.join(*[".."] * (page or "").count("/"), os.path.relpath(paths.output, docs))
    urls: dict[str, str] = {}
    missing: list[str] = []
    for source in dict.fromkeys(sources):
        path = paths.root / source
        key = path.relative_to(paths.source).as_posix() if path.is_relative_to(paths.source) else ""
        variants = images.get(key, {}).get("variants", [])
        webp = [variant for variant in variants if variant["format"] == "webp"] or variants
        if webp:
            smallest = min(webp, key=lambda variant: variant["width"])
            urls[source] = posixpath.join(prefix, smallest["path"])
        else:
            missing.append(source)
    return urls, missing
