"""Tests for the one atomic writer (scripts/hinge/atomic.py), on real files."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from hinge import atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_bytes_and_text_and_makes_the_folder(tmp_path: Path) -> None:
    assert atomic.write(tmp_path / "a/b/page.html", "Zoë\n", fsync=True)
    assert (tmp_path / "a/b/page.html").read_bytes() == "Zoë\n".encode()
    assert atomic.write(tmp_path / "a/b/page.html", b"\x89PNG")
    assert (tmp_path / "a/b/page.html").read_bytes() == b"\x89PNG"
    assert sorted(p.name for p in (tmp_path / "a/b").iterdir()) == ["page.html"], "no temp file"


def test_leaves_a_file_that_already_holds_the_bytes_alone(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text("{}\n", encoding="utf-8")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.stat()
    assert not atomic.write(path, "{}\n")
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    config.chmod(0o640)
    atomic.write(config, "site_name: y\n")
    assert mode(config) == 0o640


def test_a_new_file_gets_the_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        atomic.write(tmp_path / "new.md", "# New\n")
    finally:
        os.umask(old)
    assert mode(tmp_path / "new.md") == 0o644


def test_exclusive_never_overwrites(tmp_path: Path) -> None:
    page = tmp_path / "docs/page.md"
    assert atomic.write(page, "first\n", exclusive=True)
    with pytest.raises(FileExistsError):
        atomic.write(page, "second\n", exclusive=True)
    assert page.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in page.parent.iterdir()] == ["page.md"], "no temp file left"


def test_a_reader_sees_the_old_bytes_or_the_new_never_a_mix(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    versions = [b"a" * 4_000_000, b"b" * 3_000_000]
    atomic.write(path, versions[0])
    seen: set[bool] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            data = path.read_bytes()
            seen.add(data[:1] * len(data) == data and data in versions)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for round_ in range(40):
            atomic.write(path, versions[round_ % 2])
    finally:
        done.set()
        reader.join()
    assert seen == {True}
