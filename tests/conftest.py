"""Shared fixtures: the real site, built once per test session."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.config import load_config
from playwright.sync_api import Browser, sync_playwright

from page_audit import CHROME, CHROME_ARGS
from serve_site import serve

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(str(ROOT / "mkdocs.yml"))


def nav_files(nav: list) -> list[str]:
    """Every Markdown file named in the nav, in order."""
    files: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files.extend(nav_files(value) if isinstance(value, list) else [value])
    return files


def page_url(md: str) -> str:
    """The URL path, relative to the site root, of the page built from ``md``."""
    stem = md.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


NAV = nav_files(CONFIG["nav"])


def build_site(out: Path) -> subprocess.CompletedProcess[str]:
    """Run the pre-build scripts as `make build` does, build strictly into ``out``, then add
    the Content-Security-Policy."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)}
    for script in ("process_images.py", "social_cards.py", "critical_css.py"):
        step = subprocess.run(
            [sys.executable, f"scripts/{script}"], cwd=ROOT, capture_output=True, text=True
        )
        if step.returncode != 0:
            return step
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if built.returncode != 0:
        return built
    return subprocess.run(
        [sys.executable, "scripts/csp.py", str(out)], cwd=ROOT, capture_output=True, text=True
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's real site, built strictly once for the whole session."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(out)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return out


BASE_PATH = urlsplit(CONFIG["site_url"]).path or "/"


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    """The built site served with gzip on 127.0.0.1 under its base path."""
    with serve(site, BASE_PATH) as url:
        yield url


# Module scope: Playwright's sync API keeps an event loop running until it stops, which
# would break asyncio.run() in test files collected after a browser test file.
@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium (the system one; never downloaded)."""
    if not Path(CHROME).exists():
        pytest.fail("Chromium is missing: install it with `sudo apt install chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME, args=CHROME_ARGS)
        yield browser
        browser.close()
