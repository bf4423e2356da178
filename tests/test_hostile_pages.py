"""Hostile pages in a real Chromium: no planted script runs, and the site works under its CSP.

A page whose front matter and body carry quotes, closing tags and scripts is built with the
site's real configuration, theme and extensions (not strict, as `make serve` renders it), given
the site's Content-Security-Policy (scripts/hinge/csp.py), served on 127.0.0.1 and opened. Every
planted script sets a flag; none may be set. Titles and descriptions must arrive as text, with
their quotes. The real site, under the same policy, must keep search, the colour toggle, the
drawer and instant navigation working, with no policy violation.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from hinge.csp import apply, build_pages, template_hashes
from page_audit import THEME_MOUNTED, wait_until
from serve_site import serve

TITLE = 'Why "neutral" spine</title></script><script>window.pwned = "title"</script>'
DESCRIPTION = 'A "quoted" page"><script>window.pwned = "description"</script><b x="'
HOSTILE = f"""---
title: '{TITLE}'
description: '{DESCRIPTION}'
---

# Hostile page

<script>window.pwned = "body script"</script>

<img src="missing.png" alt="" onerror="window.pwned = 'onerror'">

<p onmouseover="window.pwned = 'handler'" id="hover-me">Hover me.</p>

[A javascript: link](javascript:window.pwned='link')
"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("hostile") / "site"
    build_pages({"index.md": "# Home\n", "hostile.md": HOSTILE}, site)
    problems = apply(site, template_hashes(1))
    assert any("hostile" in problem for problem in problems), "the planted script was not named"
    with serve(site, "/") as url:
        yield url


def opened(browser: Browser, url: str) -> tuple[Page, list[str]]:
    """A page and the CSP violations it reports."""
    page = browser.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(url, wait_until="load")
    return page, violations


def test_no_planted_script_runs(browser: Browser, hostile_url: str) -> None:
    page, violations = opened(browser, hostile_url + "hostile/")
    page.hover("#hover-me")
    page.get_by_text("A javascript: link").click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.pwned") is None, (
        f"a planted script ran: {page.evaluate('window.pwned')}"
    )
    assert violations, "the policy reported nothing: was it applied?"
    page.close()


def test_front_matter_arrives_as_text(browser: Browser, hostile_url: str) -> None:
    page, _ = opened(browser, hostile_url + "hostile/")
    assert page.title() == f"{TITLE} - Hinge Course"
    meta = page.evaluate(
        """Object.fromEntries([...document.querySelectorAll('meta[name], meta[property]')]
             .map(m => [m.getAttribute('name') || m.getAttribute('property'), m.content]))"""
    )
    assert meta["description"] == DESCRIPTION
    assert meta["og:title"] == TITLE
    assert meta["og:description"] == DESCRIPTION
    assert meta["twitter:title"] == TITLE
    page.close()


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[tuple[Page, list[str]]]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if m.type == "error" else None)
    page.goto(base_url, wait_until="load")
    wait_until(page, THEME_MOUNTED)
    yield page, violations
    context.close()


def test_site_works_under_its_policy(phone: tuple[Page, list[str]], site: Path) -> None:
    page, errors = phone
    assert 'http-equiv="Content-Security-Policy"' in (site / "index.html").read_text("utf-8")
    page.locator(".md-header__button.course-menu").click()
    wait_until(page, "document.getElementById('__drawer').checked")
    page.keyboard.press("Escape")
    page.evaluate("document.getElementById('__drawer').checked = false")
    page.locator("label.md-header__button[for='__search']").click()
    page.keyboard.type("hinge", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.keyboard.press("Escape")
    page.locator(".md-header label.md-header__button[for^='__palette']:visible").click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.locator("a.md-footer__link--next").click()
    wait_until(page, "location.pathname.endsWith('/hip-hinge/')")
    wait_until(page, "document.querySelector('h1').textContent.includes('hip hinge')")
    navigations = page.evaluate("performance.getEntriesByType('navigation').length")
    assert navigations == 1, "the footer link reloaded the page instead of instant navigation"
    assert not errors, f"console errors under the policy: {errors}"
