"""The manifest (also the cache) and the incremental plan: what to process, keep or remove.

A source is fresh when its manifest entry has the same content hash (re-hashed only when its
size or mtime changed), was made with the current settings for its kind, and every variant
file still exists. No Pillow here, so a no-change run costs a walk, some stats and one read.

Published outputs are never lost to a crash: the manifest is rewritten (atomically) before the
files it stops listing are deleted, so a kill at any moment leaves it listing only files that
exist. An entry and its files go only when its source does (or is replaced by a new version).
"""

from __future__ import annotations

import json
import os
import posixpath
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from hinge import atomic
from hinge.image_pipeline.config import MANIFEST_NAME, fingerprint

MANIFEST_VERSION = 1


class Plan:
    """What a run has to do; keys are source paths relative to the source folder."""

    def __init__(self) -> None:
        self.todo: dict[str, str] = {}  # key -> why it needs processing
        self.fresh: list[str] = []
        self.removed: list[str] = []
        self.clashes: dict[str, str] = {}  # key -> the key that keeps their output names

    @property
    def stale(self) -> bool:
        """Whether outputs are out of date."""
        return bool(self.todo or self.removed)


def walk(source: Path, root: Path, output: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """Every non-hidden file under `source`, keyed by its NFC, POSIX relative path; also the
    symbolic links refused, with the reason.

    Links to files and folders are followed while they stay inside `root` (the repository) and
    out of `output`; a link to a folder that contains it (a loop) is refused too.
    """
    found: dict[str, Path] = {}
    refused: dict[str, str] = {}
    root, output = root.resolve(), output.resolve()

    def name(path: Path) -> str:
        return unicodedata.normalize("NFC", path.relative_to(source).as_posix())

    def visit(folder: Path, parents: tuple[Path, ...]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            refused[name(folder)] = (
                f"cannot read this folder ({error.strerror}): check its permissions"
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            key = name(path)
            if entry.is_symlink() and (problem := link_problem(path, root, output, parents)):
                refused[key] = problem
            elif entry.is_dir():
                visit(path, (*parents, path.resolve()))
            else:
                found[key] = path

    visit(source, (source.resolve(),))
    return found, refused


def link_problem(link: Path, root: Path, output: Path, parents: tuple[Path, ...]) -> str | None:
    """Why the symbolic link `link` must not be followed, or None if it may."""
    target = Path(os.path.realpath(link))
    where = f"is a symbolic link to {target}"
    if not target.exists():
        return f"{where}, which does not exist: fix the link or delete it"
    if not target.is_relative_to(root):
        return (
            f"{where}, outside the repository ({root}): copy what it points to into the repository "
            "instead of linking to it"
        )
    if target.is_relative_to(output):
        return f"{where}, in the generated output folder: link to the source image instead"
    if target in parents:
        return f"{where}, a folder that contains the link (a loop): delete the link"
    return None


def output_stem(key: str) -> str:
    """What the output names of source `key` start with, case-folded (see `variant_path`)."""
    return posixpath.splitext(key)[0].casefold()


def rivals(keys: Iterable[str]) -> list[list[str]]:
    """Groups of two or more sources that would write the same output names."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(output_stem(key), []).append(key)
    return [group for group in groups.values() if len(group) > 1]


def clashes(keys: Iterable[str], images: dict) -> dict[str, str]:
    """Each source whose outputs would overwrite another's, mapped to the one that keeps them.

    The source the manifest lists keeps its outputs; between newcomers, a name already in
    lower case wins, then the first in sorted order.
    """
    losers = {}
    for group in rivals(keys):
        keeper = min(group, key=lambda key: (key not in images, key != key.lower(), key))
        losers |= dict.fromkeys((key for key in group if key != keeper), keeper)
    return losers


def sha256(path: Path) -> str:
    """The hex SHA-256 of a file's bytes."""
    import hashlib  # Loading OpenSSL costs 15 ms: only when a source's stat changed.

    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def stamp(path: Path) -> dict:
    """The cache fields of a source: content hash plus the stat that lets us skip hashing."""
    stat = path.stat()
    return {"sha256": sha256(path), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def read(path: Path) -> dict:
    """The manifest at `path`, or an empty one if it is missing, unreadable or old."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": MANIFEST_VERSION, "images": {}}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {"version": MANIFEST_VERSION, "images": {}}
    return data


def make_plan(
    sources: dict[str, Path], images: dict, output: Path, force: bool = False
) -> tuple[Plan, dict[str, dict]]:
    """Compare sources with manifest entries; also return refreshed cache stamps of fresh ones."""
    plan, stamps = Plan(), {}
    fingerprints: dict[str, str] = {}
    plan.clashes = clashes(sources, images)
    for key, path in sources.items():
        if key in plan.clashes:
            continue
        entry = images.get(key)
        if force or entry is None:
            plan.todo[key] = "forced" if entry else "new"
            continue
        cache, stat = entry.get("cache", {}), path.stat()
        if (cache.get("size"), cache.get("mtime_ns")) == (stat.st_size, stat.st_mtime_ns):
            stamps[key] = cache
        else:
            stamps[key] = stamp(path)
            if stamps[key]["sha256"] != cache.get("sha256"):
                plan.todo[key] = "changed"
                continue
        kind = entry.get("kind", "")
        if kind not in fingerprints:
            fingerprints[kind] = fingerprint(kind) if kind else ""
        if cache.get("settings") != fingerprints[kind]:
            plan.todo[key] = "settings changed"
        elif not all((output / variant["path"]).is_file() for variant in entry["variants"]):
            plan.todo[key] = "output missing"
        else:
            plan.fresh.append(key)
    plan.removed = sorted(key for key in images if key not in sources)
    return plan, {key: stamps[key] for key in plan.fresh}


def obsolete_files(old: dict, new: dict) -> set[str]:
    """Variant paths listed in the old images table but no longer in the new one."""

    def paths(images: dict) -> set[str]:
        return {variant["path"] for entry in images.values() for variant in entry["variants"]}

    return paths(old) - paths(new)


def publish(output: Path, before: dict, after: dict) -> None:
    """Make `after` the manifest's images table, then delete the files only `before` listed."""
    atomic.write(output / MANIFEST_NAME, dumps(after))
    for relative in sorted(obsolete_files(before, after)):
        (output / relative).unlink(missing_ok=True)


def tidy(output: Path) -> None:
    """Delete temp files of interrupted runs and folders left empty (no writer may be running)."""
    for temp in output.rglob(".*.tmp"):
        temp.unlink(missing_ok=True)
    for folder in sorted((p for p in output.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def dumps(images: dict) -> str:
    """The manifest's text: stable key order, so unchanged content means unchanged bytes."""
    data = {"version": MANIFEST_VERSION, "images": dict(sorted(images.items()))}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
