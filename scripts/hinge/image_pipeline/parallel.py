"""Process many sources on a few threads: one task per source, biggest files first.

A task decodes, resizes and encodes one source and writes its variants; a
`concurrent.futures.ThreadPoolExecutor` runs `jobs` of them at once, each thread holding one
source. Biggest first, the last tasks are small ones, so the cores stay busy almost to the end:
as busy as a scheduler of single encodes (the measured task times of images/, replayed on two
cores, give the same run time). Threads, not processes: Pillow releases the GIL while it
decodes, resizes and encodes; and a process pool's workers outlive a `kill -9` of the run and
go on writing into the output folder.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from hinge import atomic
from hinge.image_pipeline import encode
from hinge.image_pipeline.config import PROFILES

Result = tuple[str, dict | None, str | None]


def run(sources: dict[str, Path], output: Path, jobs: int) -> Iterator[Result]:
    """Yield (key, entry, error) for each source as it finishes, using `jobs` threads.

    When the caller stops early (Ctrl-C, an error), the sources not started are dropped, the
    running ones stop after their current encode, and this waits for them: no thread writes
    into `output` after it returns.
    """
    pool, stop = ThreadPoolExecutor(jobs, thread_name_prefix="image"), threading.Event()
    try:
        # Biggest files first: a big image left for the end would run alone on one core.
        order = sorted(sources.items(), key=lambda item: -item[1].stat().st_size)
        tasks = [pool.submit(process, key, path, output, stop) for key, path in order]
        for task in as_completed(tasks):
            yield task.result()
    finally:
        stop.set()
        pool.shutdown(cancel_futures=True)


def process(key: str, path: Path, output: Path, stop: threading.Event) -> Result:
    """Decode, resize and encode source `key` at `path`, write its variants into `output`;
    give up between two encodes once `stop` is set."""
    try:
        prepared = encode.prepare(path)
        profile = PROFILES[prepared.kind]
        for image in prepared.sizes:
            for name in encode.formats(profile):
                if stop.is_set():
                    return key, None, "stopped"
                data = encode.encode(image, name, profile, max_threads=1)
                atomic.write(output / encode.variant_path(key, image.width, name), data)
    except Exception as error:  # A bug or an exotic file must not stop the other images.
        return key, None, encode.describe(error)
    return key, encode.entry(prepared, key), None
