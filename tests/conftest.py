"""Shared fixtures: the real site, built once per test session."""

from __future__ import annotations

import os
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
    """Build the real site into ``out`` exactly as `make build` does (hinge.pipeline)."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "hinge", "build", "--site-dir", str(out)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, check=False)


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
