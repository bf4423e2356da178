"""Turn the editors' source images into responsive AVIF, WebP and JPEG/PNG variants.

    python scripts/process_images.py [--source DIR] [--output DIR] [--jobs N] [--force]
                                     [--check] [--format text|json]

Folders default to `[tool.hinge.images]` in pyproject.toml. Each source is rotated upright,
converted to sRGB, stripped of metadata and written at several widths (never upscaled);
`manifest.json` in the output folder lists every variant for the `site_markdown.pictures`
Markdown extension. Runs are incremental (content hashes) and parallel; outputs are written
atomically. `make images` runs this before every build.

Exit codes: 0 all good; 1 some image failed, or `--check` found stale outputs; 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from image_pipeline import manifest
from image_pipeline.config import MANIFEST_NAME, find_pyproject, fingerprint, load_paths


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print a summary; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, help="source folder (default: from pyproject)")
    parser.add_argument("--output", type=Path, help="output folder (default: from pyproject)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel workers")
    parser.add_argument("--force", action="store_true", help="re-process every image")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    source, output = args.source, args.output
    if source is None or output is None:
        pyproject = find_pyproject(Path.cwd())
        if pyproject is None:
            parser.error("no pyproject.toml found: pass --source and --output")
        paths = load_paths(pyproject)
        source, output = source or paths.source, output or paths.output
    if not source.is_dir():
        parser.error(f"source folder {source} does not exist")
    if args.check:
        report = check(source, output)
    else:
        report = run(source, output, jobs=args.jobs, force=args.force)
    for key, message in report["failed"].items():
        error(source / key, message)
    if args.format == "json":
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        print(text(report))
    return 1 if report["failed"] or report.get("stale") else 0


def check(source: Path, output: Path) -> dict:
    """What a run would do, without writing anything."""
    plan, _ = manifest.make_plan(
        manifest.walk(source), manifest.read(output / MANIFEST_NAME)["images"], output
    )
    failed = clash_errors(plan.clashes)
    stale = {**plan.todo, **dict.fromkeys(plan.removed, "source deleted")}
    return {"stale": stale, "fresh": len(plan.fresh), "failed": failed}


def run(source: Path, output: Path, jobs: int, force: bool = False) -> dict:
    """Bring `output` up to date with `source`; return what was done and what failed."""
    manifest_path = output / MANIFEST_NAME
    old = manifest.read(manifest_path)["images"]
    sources = manifest.walk(source)
    plan, stamps = manifest.make_plan(sources, old, output, force)
    failed = clash_errors(plan.clashes)
    images = {key: old[key] | {"cache": stamps[key]} for key in plan.fresh}
    if not plan.stale and images == {key: old[key] for key in plan.fresh}:
        return {"processed": [], "fresh": len(plan.fresh), "removed": [], "failed": failed}
    try:
        for key, entry, message in process(sources, plan.todo, output, jobs) if plan.todo else ():
            if entry is not None:
                images[key] = entry
            else:
                failed[key] = message
                if key in old:  # Keep the last good version online until the source is fixed.
                    images[key] = old[key]
    finally:  # Also on Ctrl-C: keep what finished, so the next run resumes from there.
        if output.is_dir():
            manifest.remove_outputs(output, manifest.obsolete_files(old, images))
        manifest.write_atomic(manifest_path, manifest.dumps(images).encode())
    processed = sorted(key for key in plan.todo if key not in failed)
    return {
        "processed": processed,
        "fresh": len(plan.fresh),
        "removed": plan.removed,
        "failed": failed,
    }


def process(
    sources: dict[str, Path], todo: dict[str, str], output: Path, jobs: int
) -> Iterator[tuple[str, dict | None, str | None]]:
    """Yield (key, entry, error) for each source in `todo`, using up to `jobs` threads."""
    from image_pipeline import parallel  # Pillow only loads when there is work.

    for key, entry, message in parallel.run({key: sources[key] for key in todo}, output, jobs):
        yield key, finish(sources[key], entry), message


def clash_errors(clashes: dict[str, str]) -> dict[str, str]:
    """Error messages for sources whose outputs would overwrite another source's."""
    return {
        key: f"same output names as {other}: rename one of them" for key, other in clashes.items()
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
    sys.exit(main())
