"""Lighthouse on one served page: its four scores, metrics, and bytes by type and by file.

Lighthouse is the project's Node tool (package.json; `npm ci` installs it). It drives the
system browser (CHROME_PATH, else chromium or google-chrome on the PATH). Used by
tests/test_lighthouse.py (the budget one page of each kind must meet) and bench/pages/run.py
(the comparison with other themes). Also the browser settings and a CSP-safe wait shared by
the browser tests and tests/screenshots.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# The system browser: Debian's chromium here and in CI, Google Chrome on GitHub's runners.
CHROME = os.environ.get("CHROME_PATH") or next(
    filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))),
    "/usr/bin/chromium",
)
# No sandbox (containers), and nothing in the background that could reach the network.
CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FLAGS = " ".join(["--headless", *CHROME_ARGS])
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# One page of each kind (home, article, coaching cues, the ladder, a step with a photo,
# testimonials): the pages issue 9 measures, in the budget test and the benchmark.
PAGES = [
    "",
    "hip-hinge/",
    "cues/",
    "progression/",
    "progression/kettlebell-deadlift/",
    "testimonials/",
]


def lighthouse(
    url: str, form: str, out: Path, profile: Path | None = None, options: Sequence[str] = ()
) -> dict:
    """One Lighthouse run of `url` as `form` ("mobile" or "desktop") with more command-line
    `options`; its JSON report. In a fresh profile unless given one (kept as it is)."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as fresh:
        cmd = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={FLAGS} --user-data-dir={profile or fresh}",
            *options,
        ]
        if form == "desktop":
            cmd.append("--preset=desktop")
        subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROME}, timeout=180)
    return json.loads(out.read_text(encoding="utf-8"))


def summarize(report: dict) -> dict:
    """Scores (0 to 100, in CATEGORIES order), metrics, the main thread's time in scripts
    (parse, compile, run), bytes by type and by file, and the host's speed (Lighthouse's
    benchmark index: higher is faster)."""
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    by_type: dict[str, int] = {}
    for item in requests:
        kind = item.get("resourceType", "Other")
        by_type[kind] = by_type.get(kind, 0) + item.get("transferSize", 0)
    return {
        "scores": [round(report["categories"][c]["score"] * 100) for c in CATEGORIES],
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "js_ms": audits["bootup-time"]["numericValue"],
        "bytes": sum(by_type.values()),
        "by_type": by_type,
        "files": [(i["url"], i.get("transferSize", 0)) for i in requests],
        "benchmark_index": report["environment"]["benchmarkIndex"],
    }


def failed_audits(report: dict, category: str) -> list[str]:
    """The audits that cost `category` points (weighted, scored under 1), worst first."""
    audits = report["audits"]
    failing = [
        (audits[ref["id"]]["score"], -ref["weight"], audits[ref["id"]])
        for ref in report["categories"][category]["auditRefs"]
        if ref.get("weight") and audits[ref["id"]].get("score") not in (None, 1)
    ]
    return [
        f"{audit['title']} ({audit.get('displayValue') or round(audit['score'] * 100)})"
        for *_, audit in sorted(failing, key=lambda row: row[:2])
    ]


def wait_until(page: Page, expression: str, timeout_ms: float = 10_000) -> None:
    """Poll a JavaScript expression until it is truthy. Playwright's wait_for_function compiles
    its predicate inside the page, which the site's Content-Security-Policy (no eval) refuses."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout_ms:.0f} ms: {expression}")
        page.wait_for_timeout(50)


# The theme's scripts have run and mounted their components: the palette component writes
# data-md-color-media on <body> as it mounts, in the same pass as search and the drawer. Before
# that, a tap toggles search's checkbox with nothing listening (no scroll lock, no results).
THEME_MOUNTED = "typeof document$ !== 'undefined' && 'mdColorMedia' in document.body.dataset"
