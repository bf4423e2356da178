"""hooks/preview.py: `mkdocs serve` re-makes images, shows stylesheet edits, survives errors.

A real server on 127.0.0.1 serves a copy of the project in tmp_path; the test edits the copy
as an editor would and polls the pages and the server's log (no fixed sleeps).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOK = "hooks/preview.py"
COPY = ("docs", "images", "includes", "data", "overrides", "scripts", "hooks")
FILES = ("mkdocs.yml", "pyproject.toml")
BROKEN_ENTRY = "\n- name: Broken entry\n  date: 2026-11-30\n"


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> object:
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def fetch(url: str) -> str | None:
    """The page's text, or None while the server cannot answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project with the hook enabled and only up-to-date images.

    Sources whose outputs are stale (a colleague mid-edit) are left out, so the first build
    never re-encodes every image.
    """
    root = tmp_path / "project"
    for name in dict.fromkeys(COPY):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in FILES:
        shutil.copy2(ROOT / name, root / name)
    assert HOOK in (root / "mkdocs.yml").read_text(encoding="utf-8")
    sys.path.insert(0, str(root / "scripts"))
    try:
        from hinge import process_images

        stale = process_images.check(root / "images", root / "docs/img")["stale"]
    finally:
        sys.path.remove(str(root / "scripts"))
    for key in stale:
        (root / "images" / key).unlink(missing_ok=True)
    return root


@pytest.fixture
def server(project: Path) -> Iterator[tuple[str, Callable[[], str], subprocess.Popen]]:
    """`mkdocs serve --no-strict` (as `make serve`) on a spare port: (base URL, log, process).
    Its temporary site goes in project/../tmp; it stops as an editor stops it, with Ctrl-C."""
    log_path = project.parent / "serve.log"
    temp = project.parent / "tmp"
    temp.mkdir()
    env = os.environ | {
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(project / "scripts"),
        "TMPDIR": str(temp),
    }
    address = f"127.0.0.1:{free_port()}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-a", address]
    with log_path.open("w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            command, cwd=project, env=env, stdout=log_file, stderr=subprocess.STDOUT
        )

    def log() -> str:
        return log_path.read_text(encoding="utf-8", errors="replace")

    try:
        found = wait_for(
            lambda: process.poll() is None and re.search(r"Serving on (http://\S+)", log()),
            30,
            "the server to start",
        )
        yield found.group(1), log, process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        print(log())  # Shown when the test fails.


def builds(log: str) -> tuple[int, int]:
    """How many builds the server started and finished (the first one reloads no browser).

    Not "Documentation built in": MkDocs drops a log line that repeats the previous one.
    """
    finished = 1 + log.count("Reloading browsers") + log.count("An error happened during")
    return log.count("Building documentation"), finished


def settle(log: Callable[[], str], quiet: float = 2.0, timeout: float = 20) -> int:
    """Wait until no build runs or starts for `quiet` s (no rebuild loop); return the count."""
    last, since = builds(log()), time.monotonic()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = builds(log())
        if now != last:
            last, since = now, time.monotonic()
        elif now[0] == now[1] and time.monotonic() - since >= quiet:
            return now[0]
        time.sleep(0.1)
    pytest.fail(f"the server kept rebuilding for {timeout} s: a rebuild loop")


def test_serve_remakes_images_and_survives_errors(
    project: Path, server: tuple[str, Callable[[], str], subprocess.Popen]
) -> None:
    from PIL import Image

    base, log, process = server
    settle(log)

    # A new image, referenced from a page, shows up as a <picture> after the rebuild.
    Image.new("RGB", (320, 200), (200, 80, 40)).save(project / "images/preview-test.png")
    with (project / "docs/glossary.md").open("a", encoding="utf-8") as page:
        page.write("\n![An orange test rectangle](../images/preview-test.png)\n")
    html = wait_for(
        lambda: (text := fetch(base + "glossary/")) and "preview-test-320.avif" in text and text,
        30,
        "the new image's <picture> on the glossary page",
    )
    assert re.search(r"<picture>(?:(?!</picture>).)*preview-test-320\.webp", html, re.S)
    assert "images: processed: preview-test.png" in log()
    before = settle(log)  # The image outputs cause one more rebuild, which writes nothing.

    # A corrupt image and a broken testimonial: warnings with the message, still serving.
    (project / "images/corrupt.png").write_bytes(b"this is not a PNG")
    with (project / "data/testimonials.yml").open("a", encoding="utf-8") as data:
        data.write(BROKEN_ENTRY)
    wait_for(
        lambda: (
            re.search(r"WARNING.*images/corrupt\.png", log())
            and re.search(r'WARNING.*data/testimonials\.yml:\d+: missing "quote"', log())
        ),
        30,
        "warnings about the corrupt image and the broken testimonial",
    )
    settle(log)
    assert process.poll() is None, "the server stopped"
    assert builds(log())[0] > before
    assert "preview-test-320.avif" in (fetch(base + "glossary/") or "")
    assert "An error happened during the rebuild" not in log()


def test_serve_shows_a_stylesheet_edit(
    project: Path, server: tuple[str, Callable[[], str], subprocess.Popen]
) -> None:
    base, log, _ = server
    settle(log)
    home = fetch(base) or ""
    assert re.search(r"<style data-theme-subset>.+?</style>", home, re.S), (
        "the served page's inline theme subset is empty: the css step did not run"
    )
    rule = ".md-typeset h1{color:#a1b2c3}"
    assert rule not in home

    # Ours are inlined whole after the theme's subset: the edit shows in the second <style>.
    with (project / "docs/assets/stylesheets/theme.css").open("a", encoding="utf-8") as css:
        css.write("\n.md-typeset h1 {\n  color: #a1b2c3;\n}\n")
    wait_for(
        lambda: rule in (fetch(base) or ""),
        30,
        "the edited stylesheet in the served page's inline <style>",
    )
    ours = re.search(r"</style>\s*<style>(.*?)</style>", fetch(base) or "", re.S)
    assert ours, "no <style> of ours after the theme subset"
    assert rule in ours.group(1)
    settle(log)  # One rebuild for the edit, and no loop.


def test_ctrl_c_stops_the_preview_and_removes_its_temporary_site(
    project: Path, server: tuple[str, Callable[[], str], subprocess.Popen]
) -> None:
    _, log, process = server
    settle(log)
    temp = project.parent / "tmp"
    assert [path.name[:7] for path in temp.iterdir()] == ["mkdocs_"], "no temporary site"
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0, log()
    assert not list(temp.iterdir()), "the preview left its temporary site behind"


def test_hook_does_nothing_in_mkdocs_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # No __pycache__ in the theme folder.
    spec = importlib.util.spec_from_file_location("preview_hook", ROOT / HOOK)
    assert spec is not None
    assert spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    hook.on_startup(command="build", dirty=False)
    assert hook.on_pre_build(config=None) is None  # Touches no config: it returned at once.
