"""Process many sources on a few threads, one task per encode, biggest encodes first.

Per-image tasks leave one core idle at the end while the last big image runs alone; here a
source is decoded and resized once (`prepare`), then each (width, format) encode is its own
task. Workers always take the costliest queued encode, and prepare the next source only when
no encode is waiting, so both cores stay busy to the end and few images are held in memory.
Threads, not processes: Pillow releases the GIL while it decodes, resizes and encodes, and
resized images are shared instead of pickled.
"""

from __future__ import annotations

import heapq
import itertools
import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from PIL import Image

from hinge.image_pipeline import encode
from hinge.image_pipeline.config import PROFILES
from hinge.image_pipeline.manifest import write_atomic

COST = {"avif": 1.0, "webp": 0.2, "jpeg": 0.05, "png": 0.05}
"""Rough CPU cost per pixel of each format, relative to AVIF: orders the encode tasks."""

Result = tuple[str, dict | None, str | None]


class Pool:
    """Worker threads that always run the queued task with the smallest priority."""

    def __init__(self, workers: int) -> None:
        self._heap: list[tuple[tuple[float, ...], int, Callable[[], None]]] = []
        self._order = itertools.count()
        self._ready = threading.Condition()
        self._closed = self._cancelled = False
        self._threads = [threading.Thread(target=self._work) for _ in range(workers)]
        for thread in self._threads:
            thread.start()

    def submit(self, priority: tuple[float, ...], task: Callable[[], None]) -> None:
        """Queue `task` (which must not raise); equal priorities run first come, first served."""
        with self._ready:
            if self._cancelled:
                return
            heapq.heappush(self._heap, (priority, next(self._order), task))
            self._ready.notify()

    def close(self, cancel: bool = False) -> None:
        """Wait for the queued tasks (or with `cancel`, only the running ones) to finish."""
        with self._ready:
            self._closed, self._cancelled = True, cancel
            if cancel:
                self._heap.clear()
            self._ready.notify_all()
        for thread in self._threads:
            thread.join()

    def _work(self) -> None:
        while True:
            with self._ready:
                while not self._heap and not self._closed:
                    self._ready.wait()
                if not self._heap:
                    return
                task = heapq.heappop(self._heap)[2]
            task()


def run(sources: dict[str, Path], output: Path, jobs: int) -> Iterator[Result]:
    """Yield (key, entry, error) for each source as it finishes, using `jobs` threads."""
    results: queue.Queue[Result] = queue.Queue()
    pool = Pool(jobs)
    try:
        # Biggest files first: they have the most work to spread over the others.
        for key, path in sorted(sources.items(), key=lambda item: -item[1].stat().st_size):
            pool.submit(
                (1.0,), lambda key=key, path=path: _prepare(pool, key, path, output, results)
            )
        for _ in sources:
            yield results.get()
    except BaseException:
        pool.close(cancel=True)
        raise
    pool.close()


def _prepare(pool: Pool, key: str, path: Path, output: Path, results: queue.Queue) -> None:
    """Decode and resize one source, then queue its encodes."""
    try:
        prepared = encode.prepare(path)
    except Exception as error:  # A bug or an exotic file must not stop the other images.
        results.put((key, None, encode.describe(error)))
        return
    profile = PROFILES[prepared.kind]
    tasks = [(image, name) for image in prepared.sizes for name in encode.formats(profile)]
    left, failed, lock = [len(tasks)], [], threading.Lock()

    def write(image: Image.Image, name: str) -> None:
        if not failed:
            try:
                data = encode.encode(image, name, profile, max_threads=1)
                write_atomic(output / encode.variant_path(key, image.width, name), data)
            except Exception as error:
                failed.append(encode.describe(error))
        with lock:
            left[0] -= 1
            if left[0]:
                return
        results.put((key, None, failed[0]) if failed else (key, encode.entry(prepared, key), None))

    for image, name in tasks:
        cost = -image.width * image.height * COST[name]
        pool.submit((0.0, cost), lambda image=image, name=name: write(image, name))
