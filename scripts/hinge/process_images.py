"""Turn the editors' source images into responsive AVIF, WebP and JPEG/PNG variants.

    python -m hinge images [--source DIR] [--output DIR] [--jobs N] [--force]
                                     [--check] [--format text|json]

Folders default to mkdocs.yml's (the pictures extension's `images`). Each source is rotated upright,
converted to sRGB, stripped of metadata and written at several widths (never upscaled);
`manifest.json` in the output folder lists every variant for the `site_markdown.pictures`
Markdown extension. Runs are incremental (content hashes) and parallel; outputs are written
atomically. `make images` runs this before every build.

Bad input fails alone, by name: an unreadable file (animations are kept, as animated AVIF
and WebP: image_pipeline/encode.py), a symbolic link leaving the repository (the folder of
the nearest mkdocs.yml; links inside it are followed), or a source whose output names
clash with another's. In a clash, the source the manifest already
lists keeps its outputs; between new ones, a lower-case name wins, then sorted order. A
refused source takes no part in clashes. Outputs are deleted only with their source, after
the manifest stops listing them, and the manifest is rewritten as each image finishes: a
kill at any moment keeps every published image and a manifest that matches the disk.

Exit codes: 0 all good; 1 some image failed, or `--check` found stale outputs; 2 usage error;
130 interrupted (Ctrl-C or SIGTERM; the finished images are kept).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

from hinge import settings
from hinge.image_pipeline import manifest
from hinge.image_pipeline.config import MANIFEST_NAME, fingerprint


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print a summary; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, help="source folder (default: mkdocs.yml)")
    parser.add_argument("--output", type=Path, help="output folder (default: mkdocs.yml)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel workers")
    parser.add_argument("--force", action="store_true", help="re-process every image")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    source, output = args.source, args.output
    if source is None or output is None:
        paths = settings.load(Path.cwd()).images
        source, output = source or paths.source, output or paths.output
    if not source.is_dir():
        parser.error(f"source folder {source} does not exist")
    try:
        if args.check:
            report = check(source, output)
        else:
            report = run(source, output, jobs=args.jobs, force=args.force)
    except KeyboardInterrupt:
        print("interrupted: the images finished so far are kept; run again", file=sys.stderr)
        return 130
    for key, message in report["failed"].items():
        error(source / key, message)
    if args.format == "json":
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print(text(report))
    return 1 if report["failed"] or report.get("stale") else 0


def check(source: Path, output: Path) -> dict:
    """What a run would do, without writing anything."""
    _, plan, _, failed = survey(source, output, manifest.read(output / MANIFEST_NAME)["images"])
    stale = {**plan.todo, **dict.fromkeys(plan.removed, "source deleted")}
    return {"stale": stale, "fresh": len(plan.fresh), "failed": failed}


def run(source: Path, output: Path, jobs: int, force: bool = False) -> dict:
    """Bring `output` up to date with `source`; return what was done and what failed."""
    old = manifest.read(output / MANIFEST_NAME)["images"]
    sources, plan, stamps, failed = survey(source, output, old, force)
    # Until a new version replaces it, each entry stays, even one being redone or failing.
    images = {key: old[key] for key in old if key in sources}
    images |= {key: old[key] | {"cache": stamps[key]} for key in plan.fresh}
    report = {"processed": [], "fresh": len(plan.fresh), "removed": plan.removed, "failed": failed}
    if not plan.stale and images == old:
        return report
    try:
        manifest.publish(output, old, images)
        published = dict(images)
        for key, entry, message in process(sources, plan.todo, output, jobs):
            if entry is None:
                failed[key] = message
                continue
            images[key] = entry
            manifest.publish(output, published, images)  # Each finished image counts at once.
            published = dict(images)
    finally:
        if output.is_dir():
            manifest.tidy(output)
    report["processed"] = sorted(key for key in plan.todo if key not in failed)
    return report


def survey(
    source: Path, output: Path, old: dict, force: bool = False
) -> tuple[dict[str, Path], manifest.Plan, dict[str, dict], dict[str, str]]:
    """The usable sources, the plan and its cache stamps, and the errors found before encoding."""
    sources, failed = manifest.walk(source, repository(source), output)
    newcomers = [key for group in manifest.rivals(sources) for key in group if key not in old]
    failed |= refusals({key: sources[key] for key in newcomers})
    sources = {key: path for key, path in sources.items() if key not in failed}
    plan, stamps = manifest.make_plan(sources, old, output, force)
    return sources, plan, stamps, failed | clash_errors(plan.clashes)


def repository(source: Path) -> Path:
    """Where links in `source` may point: the nearest folder with a mkdocs.yml, else itself."""
    return settings.project_root(source.resolve()) or source.resolve()


def refusals(paths: dict[str, Path]) -> dict[str, str]:
    """Why each of `paths` is not a usable source (the usable ones are left out).

    Decodes the files now, so a refused one cannot take output names from a usable one.
    """
    if not paths:
        return {}
    from hinge.image_pipeline import encode  # Pillow only loads when there is a clash to settle.

    return {key: message for key, path in paths.items() if (message := encode.refusal(path))}


def process(
    sources: dict[str, Path], todo: dict[str, str], output: Path, jobs: int
) -> Iterator[tuple[str, dict | None, str | None]]:
    """Yield (key, entry, error) for each source in `todo`, using up to `jobs` threads."""
    if not todo:
        return
    from hinge.image_pipeline import parallel  # Pillow only loads when there is work.

    for key, entry, message in parallel.run({key: sources[key] for key in todo}, output, jobs):
        yield key, finish(sources[key], entry), message


def clash_errors(clashes: dict[str, str]) -> dict[str, str]:
    """Error messages for sources whose outputs would overwrite another source's."""
    return {
        key: f"same output names as {keeper} (names that differ only in upper/lower case or "
        f"extension clash): rename this file; {keeper} keeps its images"
        for key, keeper in clashes.items()
    }


def finish(path: Path, entry: dict | None) -> dict | None:
    """Add the cache stamp (content hash and settings) to a fresh manifest entry."""
    if entry is None:
        return None
    return entry | {"cache": manifest.stamp(path) | {"settings": fingerprint(entry["kind"])}}


def error(path: Path, message: str) -> None:
    """Report one failed image on stderr (and as a GitHub annotation in Actions)."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(f"::error file={path}::{message}", file=sys.stderr)
    else:
        print(f"error: {path}: {message}", file=sys.stderr)


def text(report: dict) -> str:
    """The human summary for stdout."""
    if "stale" in report:
        lines = [f"stale: {key} ({reason})" for key, reason in report["stale"].items()]
        lines.append(f"{len(report['stale'])} stale, {report['fresh']} up to date")
        return "\n".join(lines)
    lines = [f"processed: {key}" for key in report["processed"]]
    lines += [f"removed: {key}" for key in report["removed"]]
    lines.append(
        f"{len(report['processed'])} processed, {report['fresh']} unchanged, "
        f"{len(report['removed'])} removed, {len(report['failed'])} failed"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # Stop as tidily as on Ctrl-C.
    sys.exit(main())
