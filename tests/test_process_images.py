"""scripts/hinge/process_images.py on real, small images made in tmp_path."""

from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from hinge import process_images
from hinge.image_pipeline import parallel


def photo(size: tuple[int, int]) -> Image.Image:
    """A photo-like RGB image: noise over a gradient, so it is not classed as a diagram."""
    noise = Image.effect_noise(size, 60).convert("RGB")
    return Image.blend(Image.linear_gradient("L").resize(size).convert("RGB"), noise, 0.5)


def run_json(capsys: pytest.CaptureFixture[str], source: Path, output: Path, *extra: str):
    """Run main() with --format json; return (exit code, report, stderr)."""
    capsys.readouterr()
    argv = ["--source", str(source), "--output", str(output), "--jobs", "1", "--format", "json"]
    code = process_images.main([*argv, *extra])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def manifest(output: Path) -> dict:
    """The images table of the manifest."""
    return json.loads((output / "manifest.json").read_text(encoding="utf-8"))["images"]


def open_variant(output: Path, entry: dict, fmt: str = "fallback") -> Image.Image:
    """The largest variant of one format (default: the JPEG or PNG fallback), decoded."""
    if fmt == "fallback":
        fmt = "png" if entry["kind"] != "photo" else "jpeg"
    variant = max((v for v in entry["variants"] if v["format"] == fmt), key=lambda v: v["width"])
    with Image.open(output / variant["path"]) as image:
        image.load()
        return image


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    """An empty source folder and an output folder path."""
    (tmp_path / "images").mkdir()
    return tmp_path / "images", tmp_path / "out"


def test_exif_rotated_photo_comes_out_upright_without_metadata(capsys, dirs) -> None:
    source, output = dirs
    image = photo((600, 300))
    ImageDraw.Draw(image).rectangle((0, 0, 60, 60), fill=(255, 0, 0))  # Stored top-left.
    exif = Image.Exif()
    exif[0x0112] = 6  # Display rotated 90° clockwise.
    exif[0x010F] = "SecretCam"
    exif[0x8825] = {2: (51.0, 30.0, 0.0)}  # GPS latitude.
    image.save(source / "rotated.jpg", quality=95, exif=exif, icc_profile=b"")
    code, report, _ = run_json(capsys, source, output)
    assert (code, report["processed"]) == (0, ["rotated.jpg"])
    entry = manifest(output)["rotated.jpg"]
    assert (entry["width"], entry["height"]) == (300, 600)
    upright = open_variant(output, entry, "jpeg")
    red, green, blue = upright.getpixel((upright.width - 10, 10))
    assert red > 200, "the top-left corner must turn to the top right"
    assert max(green, blue) < 60
    for variant in entry["variants"]:
        data = (output / variant["path"]).read_bytes()
        assert b"SecretCam" not in data
        with Image.open(output / variant["path"]) as written:
            assert not {"exif", "icc_profile", "xmp"} & set(written.info)
            assert not written.getexif()


def test_widths_never_upscale(capsys, dirs) -> None:
    source, output = dirs
    photo((300, 200)).save(source / "small.jpg")
    photo((700, 350)).save(source / "medium.jpg")
    photo((2000, 100)).save(source / "wide.jpg")
    assert run_json(capsys, source, output)[0] == 0
    images = manifest(output)
    widths = {key: sorted({v["width"] for v in entry["variants"]}) for key, entry in images.items()}
    assert widths == {"small.jpg": [300], "medium.jpg": [480, 700], "wide.jpg": [480, 960, 1600]}
    for entry in images.values():
        assert {v["format"] for v in entry["variants"]} == {"avif", "webp", "jpeg"}
        for variant in entry["variants"]:
            with Image.open(output / variant["path"]) as written:
                assert written.size == (variant["width"], variant["height"])
                assert written.format.lower() == variant["format"]


def test_wide_sources_list_each_width_once_and_diagram_png_is_exact(capsys, dirs) -> None:
    source, output = dirs
    photo((3300, 1000)).save(source / "wide.jpg")  # Decoded at half scale: still >= 1600.
    diagram = Image.new("RGB", (1600, 900), "white")
    ImageDraw.Draw(diagram).rectangle((100, 100, 700, 500), fill="#1f4e79")
    diagram.save(source / "diagram.png")
    assert run_json(capsys, source, output)[0] == 0
    images = manifest(output)
    for entry in images.values():
        pairs = [(v["format"], v["width"]) for v in entry["variants"]]
        assert sorted(pairs) == sorted(set(pairs))
        assert {width for _, width in pairs} == {480, 960, 1600}
    assert (images["wide.jpg"]["width"], images["wide.jpg"]["height"]) == (3300, 1000)
    assert images["diagram.png"]["kind"] == "diagram"
    assert open_variant(output, images["diagram.png"]).tobytes() == diagram.tobytes()


def test_cmyk_16_bit_and_palette_transparency(capsys, dirs) -> None:
    source, output = dirs
    Image.new("CMYK", (100, 80), (0, 255, 255, 0)).save(source / "cmyk.jpg")
    Image.new("I;16", (100, 80), 32768).save(source / "grey16.png")
    palette = Image.new("P", (100, 80), 1)
    palette.putpalette([0, 0, 0, 0, 0, 255] + [0] * 762)
    ImageDraw.Draw(palette).rectangle((0, 0, 49, 79), fill=0)
    palette.save(source / "palette.png", transparency=0)
    photo((100, 80)).convert("RGBA").save(source / "opaque-alpha.png")
    assert run_json(capsys, source, output)[0] == 0
    images = manifest(output)
    red, green, blue = open_variant(output, images["cmyk.jpg"]).getpixel((50, 40))
    assert red > 200
    assert max(green, blue) < 60
    grey_out = open_variant(output, images["grey16.png"]).convert("L").getpixel((50, 40))
    assert 120 <= grey_out <= 136, "16-bit must be scaled, not clipped to white"
    assert images["palette.png"]["kind"] == "transparent"
    fallback = open_variant(output, images["palette.png"], "png")
    assert fallback.mode == "RGBA"
    assert fallback.getpixel((10, 40))[3] == 0
    assert fallback.getpixel((90, 40)) == (0, 0, 255, 255)
    assert open_variant(output, images["palette.png"], "webp").mode == "RGBA"
    assert images["opaque-alpha.png"]["kind"] == "photo", "an unused alpha channel is dropped"


def test_rerun_does_nothing_and_changes_are_incremental(capsys, dirs) -> None:
    source, output = dirs
    (source / "sub dir").mkdir()
    photo((200, 100)).save(source / "a.jpg")
    photo((200, 100)).save(source / "sub dir" / "ünïcode b.jpg")
    assert run_json(capsys, source, output)[1]["processed"] == ["a.jpg", "sub dir/ünïcode b.jpg"]
    stamps = {p: p.stat().st_mtime_ns for p in output.rglob("*")}

    code, report, _ = run_json(capsys, source, output)
    assert (code, report["processed"], report["fresh"]) == (0, [], 2)
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*")} == stamps

    os.utime(source / "a.jpg")  # Touched, not changed: re-hashed, not re-processed.
    assert run_json(capsys, source, output)[1]["processed"] == []

    photo((300, 100)).save(source / "a.jpg")
    assert run_json(capsys, source, output)[1]["processed"] == ["a.jpg"]
    assert manifest(output)["a.jpg"]["width"] == 300
    assert not (output / "a-200.avif").exists(), "variants of the old version are removed"

    images = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    images["images"]["a.jpg"]["cache"]["settings"] = "old"  # As if made with other settings.
    (output / "manifest.json").write_text(json.dumps(images), encoding="utf-8")
    assert run_json(capsys, source, output)[1]["processed"] == ["a.jpg"]

    variant = output / manifest(output)["a.jpg"]["variants"][0]["path"]
    variant.unlink()
    assert run_json(capsys, source, output)[1]["processed"] == ["a.jpg"]
    assert variant.is_file()

    (source / "sub dir" / "ünïcode b.jpg").unlink()
    code, report, _ = run_json(capsys, source, output)
    assert report["removed"] == ["sub dir/ünïcode b.jpg"]
    assert list(manifest(output)) == ["a.jpg"]
    assert not (output / "sub dir").exists()


def bomb_png() -> bytes:
    """A valid PNG header claiming 30000 x 30000 pixels: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_bad_inputs_fail_alone(capsys, dirs) -> None:
    source, output = dirs
    photo((200, 100)).save(source / "good.jpg")
    (source / "truncated.jpg").write_bytes((source / "good.jpg").read_bytes()[:600])
    (source / "empty.png").write_bytes(b"")
    (source / "notes.png").write_text("not an image", encoding="utf-8")
    (source / "bomb.png").write_bytes(bomb_png())
    code, report, stderr = run_json(capsys, source, output)
    assert code == 1
    assert report["processed"] == ["good.jpg"]
    assert set(report["failed"]) == {
        "truncated.jpg", "empty.png", "notes.png", "bomb.png"
    }  # fmt: skip
    lines = stderr.strip().splitlines()
    assert len(lines) == 4
    for name, words in [
        ("truncated.jpg", "truncated"),
        ("empty.png", "empty"),
        ("notes.png", "not an image"),
        ("bomb.png", "too large"),
    ]:
        assert any(name in line and words in line for line in lines), name
    assert list(manifest(output)) == ["good.jpg"]


def test_parallel_run_matches_serial(dirs) -> None:
    source, output = dirs
    for index in range(3):
        photo((150 + index, 100)).save(source / f"p{index}.jpg")
    assert (
        process_images.main(["--source", str(source), "--output", str(output), "--jobs", "2"]) == 0
    )
    assert len(manifest(output)) == 3


def test_threads_write_the_same_bytes_as_one_thread(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    photo((1200, 1600)).save(tmp_path / "images" / "tall.jpg")  # Its encodes overlap.
    for jobs in ("1", "2"):
        argv = ["--source", str(tmp_path / "images"), "--output", str(tmp_path / jobs)]
        assert process_images.main([*argv, "--jobs", jobs]) == 0
    files = sorted(path.name for path in (tmp_path / "1").iterdir())
    assert files == sorted(path.name for path in (tmp_path / "2").iterdir())
    for name in files:
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_stopping_early_drops_the_queue_and_leaves_no_thread_writing(dirs) -> None:
    source, output = dirs
    sources = {}
    for index in range(8):
        photo((800, 500)).save(source / f"p{index}.jpg")
        sources[f"p{index}.jpg"] = source / f"p{index}.jpg"
    threads = threading.active_count()
    results = parallel.run(sources, output, jobs=2)
    key, entry, error = next(results)
    results.close()  # What a Ctrl-C in the caller does.
    assert key in sources
    assert (error, entry["width"]) == (None, 800)
    assert threading.active_count() == threads, "every worker has stopped"
    written = {path: path.stat().st_mtime_ns for path in output.rglob("*")}
    assert not [path for path in written if path.name.startswith(".")], "no temp file is left"
    assert len({path.name.split("-")[0] for path in written}) < len(sources), "queue dropped"
    time.sleep(0.5)
    assert {path: path.stat().st_mtime_ns for path in output.rglob("*")} == written


def test_interrupted_run_leaves_no_partial_file_and_a_rerun_repairs(dirs) -> None:
    source, output = dirs
    for index in range(3):
        photo((800, 500)).save(source / f"big{index}.jpg")
    argv = [
        sys.executable,
        "-m",
        "hinge",
        "images",
        "--source",
        str(source),
        "--output",
        str(output),
    ]
    child = subprocess.Popen([*argv, "--jobs", "1"], stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not any(output.rglob("*.avif")) and time.monotonic() < deadline:
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()
    for path in output.rglob("*"):
        if path.is_file() and not path.name.startswith(".") and path.name != "manifest.json":
            with Image.open(path) as written:
                written.load()  # A half-written file would fail here.
    assert subprocess.run(argv, capture_output=True, check=False).returncode == 0
    assert not list(output.rglob(".*.tmp"))
    assert len(manifest(output)) == 3


def test_check_writes_nothing_and_reports_stale(capsys, dirs) -> None:
    source, output = dirs
    photo((200, 100)).save(source / "a.jpg")
    code, report, _ = run_json(capsys, source, output, "--check")
    assert (code, report["stale"]) == (1, {"a.jpg": "new"})
    assert not output.exists()
    run_json(capsys, source, output)
    assert run_json(capsys, source, output, "--check")[:2] == (
        0,
        {"stale": {}, "fresh": 1, "failed": {}},
    )
    (source / "a.jpg").unlink()
    assert run_json(capsys, source, output, "--check")[1]["stale"] == {"a.jpg": "source deleted"}
    assert (output / "a-200.avif").exists()


@pytest.mark.parametrize(
    "argv", [["--jobs", "0"], ["--format", "xml"], ["--source", "/nonexistent"]]
)
def test_usage_errors_exit_2(argv: list[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        process_images.main([*argv, "--output", str(tmp_path)])
    assert raised.value.code == 2
