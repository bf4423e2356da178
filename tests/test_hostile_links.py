"""Hostile conditions around the build: concurrent `mkdocs build` runs into one site/.

hooks/build_lock.py serialises builds into the same site directory. The tests build a tiny
project in tmp_path that uses the real hook by absolute path, plus a probe hook that marks
the site after it is cleaned and checks the mark is still its own at the end of the build:
any overlap with another build into the same folder fails the probe's build.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from conftest import ROOT

HOOK = ROOT / "hooks" / "build_lock.py"
PAGES = ("index.md", "one.md", "two.md")
WAITING = "waiting for another build of"
PROBE = '''
import os
import time
from pathlib import Path


def on_env(env, config, files):
    """The site was just cleaned: mark it as this build's."""
    Path(config.site_dir).mkdir(exist_ok=True)
    Path(config.site_dir, "built-by").write_text(str(os.getpid()))
    return env


def on_post_build(config):
    """Hold the finished site a moment; no other build may have touched it meanwhile."""
    time.sleep(0.2)
    if Path(config.site_dir, "built-by").read_text() != str(os.getpid()):
        raise RuntimeError("another build wrote into the site during this one")
'''


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tiny MkDocs project using the real build-lock hook and the overlap probe."""
    (tmp_path / "docs").mkdir()
    for page in PAGES:
        (tmp_path / "docs" / page).write_text(f"# {page}\n", encoding="utf-8")
    (tmp_path / "probe.py").write_text(PROBE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Lock test\ntheme: {{name: mkdocs}}\nhooks: [probe.py, {HOOK}]\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.fixture
def hook() -> Iterator[ModuleType]:
    """A fresh copy of hooks/build_lock.py, its lock released afterwards."""
    spec = importlib.util.spec_from_file_location("build_lock_under_test", HOOK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    module.release()


def locked_elsewhere(lock: Path) -> bool:
    """Whether another open file (as another process would) finds `lock` locked."""
    with lock.open("ab") as other:
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False


def start_build(project: Path, site: Path) -> subprocess.Popen[str]:
    """A real `mkdocs build --strict` of `project` into `site`, running in the background."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent)},
    )


def read_until(build: subprocess.Popen[str], text: str, timeout: float) -> str:
    """What `build` wrote to stderr up to `text`; fail after `timeout` seconds."""
    assert build.stderr is not None
    seen, deadline = "", time.monotonic() + timeout
    while text not in seen:
        ready, _, _ = select.select([build.stderr], [], [], deadline - time.monotonic())
        chunk = os.read(build.stderr.fileno(), 4096).decode() if ready else ""
        if not chunk:
            build.kill()
            pytest.fail(f"no {text!r} within {timeout} s:\n{seen}")
        seen += chunk
    return seen


def test_concurrent_builds_into_one_site_all_succeed(project: Path) -> None:
    site = project / "site"
    for _round in range(3):
        builds = [start_build(project, site) for _ in range(2)]
        for build in builds:
            log = build.communicate(timeout=60)[1]
            assert build.returncode == 0, log
            assert log.count(WAITING) <= 1, log
        expected = {"index.html", "one/index.html", "two/index.html", "404.html", "sitemap.xml"}
        assert {path for path in expected if (site / path).is_file()} == expected
    assert (project / "site.lock").is_file()
    assert not list(site.glob("*.lock"))


def test_a_build_waits_for_the_lock_and_says_so_once(project: Path, hook: ModuleType) -> None:
    site = project / "site"
    held = hook.acquire(site)  # As another build into the same site would.
    build = start_build(project, site)
    try:
        log = read_until(build, f"{WAITING} {site} to finish", timeout=30)
        assert build.poll() is None  # Still waiting, not failed.
    finally:
        held.close()
    log += build.communicate(timeout=60)[1]
    assert build.returncode == 0, log
    assert log.count(WAITING) == 1
    assert (site / "index.html").is_file()


def test_build_error_releases_the_lock(hook: ModuleType, tmp_path: Path) -> None:
    config = SimpleNamespace(site_dir=str(tmp_path / "out" / "site"))
    hook.on_startup(command="build", dirty=False)
    hook.on_pre_build(config=config)
    lock = tmp_path / "out" / "site.lock"
    assert locked_elsewhere(lock)
    hook.on_build_error(error=RuntimeError("boom"))
    assert not locked_elsewhere(lock)
    hook.on_build_error(error=RuntimeError("strict"))  # Again, as after post-build: harmless.


def test_serve_takes_no_lock(hook: ModuleType, tmp_path: Path) -> None:
    hook.on_startup(command="serve", dirty=False)
    hook.on_pre_build(config=SimpleNamespace(site_dir=str(tmp_path / "mkdocs_temp")))
    assert not list(tmp_path.iterdir())
