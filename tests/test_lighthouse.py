"""The Lighthouse budget: 100 in all four categories (performance, accessibility, best
practices, SEO) on Lighthouse 12's mobile preset, for one page of each kind (page_audit.PAGES),
against the built site served with gzip on 127.0.0.1. Reports go to test-artifacts/lighthouse/.

Performance is simulated from a trace, so this machine's CPU load moves it: a page under the
bar gets up to two more runs, and the best run counts (on this 2-core machine, 30 runs in a
row scored 100, TBT 2 to 56 ms; 100 holds to about 90 ms). A page that falls short in three
runs has lost speed for real. The other categories do not depend on timing.
axe-core (test_browser.py) and the SEO tests (test_site.py) cover every page.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from page_audit import CATEGORIES, LIGHTHOUSE, PAGES, failed_audits, lighthouse, summarize

BUDGET = dict(zip(CATEGORIES, (100, 100, 100, 100), strict=True))
RUNS = 3  # at most, while performance is under budget
REPORTS = ROOT / "test-artifacts" / "lighthouse"


@pytest.fixture(scope="module")
def reports() -> Path:
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: run `npm ci` in the project folder (needs Node.js)")
    shutil.rmtree(REPORTS, ignore_errors=True)
    REPORTS.mkdir(parents=True)
    return REPORTS


def audit(url: str, out: Path) -> dict:
    """A mobile Lighthouse report: the best of up to RUNS, stopping at one within budget."""
    best = lighthouse(url, "mobile", out)
    for again in range(2, RUNS + 1):
        if summarize(best)["scores"][0] >= BUDGET["performance"]:
            break
        report = lighthouse(url, "mobile", out.with_name(f"{out.stem}-{again}.json"))
        best = max(best, report, key=lambda r: summarize(r)["scores"][0])
    return best


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page or "home")
def test_page_meets_the_lighthouse_budget(base_url: str, reports: Path, page: str) -> None:
    report = audit(base_url + page, reports / f"{page.replace('/', '_') or 'home'}.json")
    summary = summarize(report)
    short = {
        category: (score, failed_audits(report, category))
        for category, score in zip(CATEGORIES, summary["scores"], strict=True)
        if score < BUDGET[category]
    }
    assert not short, (
        f"/{page} is under the Lighthouse budget {BUDGET} (host benchmark index "
        f"{summary['benchmark_index']:.0f}; a slower host raises the simulated phone's TBT):\n"
        + json.dumps(short, indent=2)
    )
    assert summary["cls"] == 0, f"/{page} shifts its layout: CLS {summary['cls']:.3f}"
