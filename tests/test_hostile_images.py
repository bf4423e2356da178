"""scripts/hinge/process_images.py with hostile input (issue 15): clashing names, a kill mid-run,
refused sources in a clash, and symbolic links, all on temporary copies."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageOps

import test_process_images
from hinge.image_pipeline import manifest as pipeline_manifest
from test_process_images import manifest, photo, run_json

dirs = test_process_images.dirs  # The fixture: pytest finds it as a module attribute.

IMAGES = Path(__file__).parents[1] / "images"
UNREADABLE = (
    "not an image format we can read: export it as JPEG, PNG or WebP, or move it out of the "
    "source folder"
)


def diagram(path: Path, colour: str = "#1f4e79") -> None:
    """Save a small flat-colour diagram at `path`."""
    Image.new("RGB", (120, 80), colour).save(path)


def snapshot(folder: Path) -> dict[str, str]:
    """The SHA-256 of every regular file under `folder` and the target of every link."""
    state = {}
    for parent, folders, files in os.walk(folder):  # Does not follow links to folders.
        for path in (Path(parent, name) for name in folders + files):
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                state[key] = f"-> {os.readlink(path)}"
            elif path.is_file():
                state[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return state


def test_clash_blames_the_newcomer_and_keeps_the_published_image(capsys, dirs) -> None:
    source, output = dirs
    diagram(source / "posterior-chain.png")
    assert run_json(capsys, source, output)[0] == 0
    published = snapshot(output)
    photo((120, 80)).save(source / "Posterior-Chain.jpg")
    sources = snapshot(source)
    for extra in ([], ["--check"], [], ["--force"]):
        code, report, stderr = run_json(capsys, source, output, *extra)
        assert code == 1
        assert list(report["failed"]) == ["Posterior-Chain.jpg"]
        assert stderr.startswith(f"error: {source / 'Posterior-Chain.jpg'}: same output names as ")
        assert "posterior-chain.png" in stderr
        assert "rename this file" in stderr
        assert snapshot(output) == published, "the published image must stay as it was"
    assert snapshot(source) == sources


def test_clash_between_new_sources_keeps_the_lower_case_then_the_first_name(capsys, dirs) -> None:
    source, output = dirs
    photo((120, 80)).save(source / "Posterior-Chain.jpg")  # Sorts first, but is not lower case.
    diagram(source / "posterior-chain.png")
    diagram(source / "hinge.png")
    photo((120, 80)).save(source / "hinge.jpg")
    code, report, _ = run_json(capsys, source, output)
    assert code == 1
    assert report["processed"] == ["hinge.jpg", "posterior-chain.png"]
    assert sorted(report["failed"]) == ["Posterior-Chain.jpg", "hinge.png"]
    assert "same output names as hinge.jpg" in report["failed"]["hinge.png"]
    assert sorted(manifest(output)) == ["hinge.jpg", "posterior-chain.png"]


def test_refused_source_takes_no_part_in_a_clash(capsys, dirs) -> None:
    source, output = dirs
    diagram(source / "a.png")
    (source / "a.gif").write_bytes(b"GIF89a")  # a header and nothing else
    (source / "a.webp").write_bytes(b"")
    for processed in (["a.png"], []):  # Again once a.png is published.
        code, report, stderr = run_json(capsys, source, output)
        assert (code, report["processed"]) == (1, processed)
        assert report["failed"] == {
            "a.gif": UNREADABLE,
            "a.webp": "the file is empty (0 bytes): export or copy it again",
        }
        assert f"error: {source / 'a.gif'}: {UNREADABLE}" in stderr.splitlines()
        assert list(manifest(output)) == ["a.png"]


def test_links_that_leave_the_repository_are_refused_by_name(capsys, tmp_path: Path) -> None:
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    source, output = repo / "images", repo / "docs" / "img"
    for folder in (source / "inner", output, repo / "assets", outside):
        folder.mkdir(parents=True)
    (repo / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    diagram(outside / "secret.png")
    diagram(source / "inner" / "in.png")
    diagram(repo / "assets" / "logo.png")
    links = {
        "secret.png": outside / "secret.png",
        "ext": Path("../../outside"),
        "broken.png": Path("nowhere.png"),
        "generated": Path("../docs/img"),
        "logo.png": Path("../assets/logo.png"),
        "alias": Path("inner"),
        "inner/loop": Path(".."),
    }
    for name, target in links.items():
        (source / name).symlink_to(target)
    before = [snapshot(folder) for folder in (source, repo / "assets", outside)]
    code, report, stderr = run_json(capsys, source, output)
    assert code == 1
    assert report["processed"] == ["alias/in.png", "inner/in.png", "logo.png"]
    failed = report["failed"]
    assert sorted(failed) == [
        "alias/loop",
        "broken.png",
        "ext",
        "generated",
        "inner/loop",
        "secret.png",
    ]
    assert failed["secret.png"] == (
        f"is a symbolic link to {outside.resolve() / 'secret.png'}, outside the repository "
        f"({repo.resolve()}): copy what it points to into the repository instead of linking to it"
    )
    assert f"error: {source / 'ext'}: is a symbolic link to {outside.resolve()}, outside" in stderr
    assert "which does not exist" in failed["broken.png"]
    assert "in the generated output folder" in failed["generated"]
    assert "(a loop)" in failed["inner/loop"]
    assert not [path for path in output.rglob("*") if "secret" in path.name or "ext" in path.parts]
    assert [snapshot(folder) for folder in (source, repo / "assets", outside)] == before


def test_unreadable_folder_is_named_and_the_rest_processed(capsys, dirs, monkeypatch) -> None:
    source, output = dirs
    (source / "locked").mkdir()
    diagram(source / "locked" / "x.png")
    diagram(source / "ok.png")
    scandir = os.scandir

    def refuse_locked(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(pipeline_manifest.os, "scandir", refuse_locked)
    code, report, _ = run_json(capsys, source, output)
    assert (code, report["processed"]) == (1, ["ok.png"])
    assert report["failed"] == {
        "locked": "cannot read this folder (Permission denied): check its permissions"
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project's images with their outputs, made once for this module."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(IMAGES, root / "images")
    subprocess.run([*command(root), "--jobs", "2"], check=True, capture_output=True)
    return root


def command(root: Path) -> list[str]:
    """`python -m hinge images` on the copy at `root`."""
    return [
        sys.executable,
        "-m",
        "hinge",
        "images",
        "--source",
        str(root / "images"),
        "--output",
        str(root / "out"),
    ]


def mtimes(output: Path) -> dict[str, int]:
    """The modification time of every output file, temp files aside."""
    found = {}
    for path in output.rglob("[!.]*"):
        with contextlib.suppress(FileNotFoundError):  # Deleted while we look.
            found[path.relative_to(output).as_posix()] = path.stat().st_mtime_ns
    return found


def assert_consistent(output: Path, keys: set[str], before: dict[str, int]) -> None:
    """Every source has an entry, every file listed exists, and those written since `before`
    decode."""
    images = manifest(output)
    assert set(images) == keys, "an interrupted run must not drop published images"
    now = mtimes(output)
    for entry in images.values():
        for variant in entry["variants"]:
            assert variant["path"] in now, variant["path"]
            if now[variant["path"]] != before.get(variant["path"]):
                with Image.open(output / variant["path"]) as written:
                    written.load()


@pytest.mark.parametrize(
    "sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda sig: sig.name
)
def test_a_kill_during_force_keeps_manifest_and_disk_consistent(built, tmp_path, sig) -> None:
    root = tmp_path / "project"
    shutil.copytree(built, root)
    source, output = root / "images", root / "out"
    keys = set(manifest(output))
    changed = max(source.rglob("*.png"), key=lambda path: path.stat().st_size)
    with Image.open(changed) as image:  # Processed first; its new outputs show the run working.
        ImageOps.mirror(image).save(changed)
    before = mtimes(output)
    child = subprocess.Popen([*command(root), "--force", "--jobs", "2"], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while mtimes(output) == before and time.monotonic() < deadline:
        time.sleep(0.01)
    child.send_signal(sig)
    stderr = child.communicate()[1].decode()
    assert_consistent(output, keys, before)
    if sig != signal.SIGKILL:
        assert child.returncode == 130, stderr
        assert stderr.endswith("interrupted: the images finished so far are kept; run again\n")
        assert not list(output.rglob(".*.tmp"))

    rerun = subprocess.run(command(root), capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert_consistent(output, keys, before)
    assert not list(output.rglob(".*.tmp"))
    key = changed.relative_to(source).as_posix()
    assert manifest(output)[key]["cache"]["sha256"] == pipeline_manifest.sha256(changed)
