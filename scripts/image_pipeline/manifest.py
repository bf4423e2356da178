"""The manifest (also the cache) and the incremental plan: what to process, keep or remove.

A source is fresh when its manifest entry has the same content hash (re-hashed only when its
size or mtime changed), was made with the current settings for its kind, and every variant
file still exists. No Pillow here, so a no-change run costs a walk, some stats and one read.
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

from image_pipeline.config import fingerprint

MANIFEST_VERSION = 1


class Plan:
    """What a run has to do; keys are source paths relative to the source folder."""

    def __init__(self) -> None:
        self.todo: dict[str, str] = {}  # key -> why it needs processing
        self.fresh: list[str] = []
        self.removed: list[str] = []
        self.clashes: dict[str, str] = {}  # key -> the key whose output names it would take

    @property
    def stale(self) -> bool:
        """Whether outputs are out of date."""
        return bool(self.todo or self.removed)


def walk(source: Path) -> dict[str, Path]:
    """Every non-hidden file under `source`, keyed by its NFC, POSIX relative path."""
    found = {}
    for folder, dirs, files in os.walk(source):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(folder, name)
                key = path.relative_to(source).as_posix()
                found[unicodedata.normalize("NFC", key)] = path
    return found


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
    plan, stamps, stems = Plan(), {}, {}
    fingerprints: dict[str, str] = {}
    for key, path in sources.items():
        stem = key.rsplit(".", 1)[0].casefold()
        if stem in stems:
            plan.clashes[key] = stems[stem]
            continue
        stems[stem] = key
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


def remove_outputs(output: Path, paths: set[str]) -> None:
    """Delete generated files (and folders left empty) plus temp files of interrupted runs."""
    for relative in sorted(paths):
        (output / relative).unlink(missing_ok=True)
    for temp in output.rglob(".*.tmp"):
        temp.unlink(missing_ok=True)
    for folder in sorted((p for p in output.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def dumps(images: dict) -> str:
    """The manifest's text: stable key order, so unchanged content means unchanged bytes."""
    data = {"version": MANIFEST_VERSION, "images": dict(sorted(images.items()))}
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` via a hidden temp file; leave it alone if already equal."""
    try:
        if path.read_bytes() == data:
            return
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(data)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
