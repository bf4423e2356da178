"""Where our CPU time goes: each pipeline stage timed on the benchmark corpus, in one thread.

    python bench/images/stages.py [--photos 12] [--diagrams 6] [--no-draft]

Times are thread CPU seconds (stable on a busy machine), summed over the corpus.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageOps
from run import make_corpus

from hinge import atomic
from hinge.image_pipeline import encode
from hinge.image_pipeline.config import PROFILES, WIDTHS


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, run every stage on every image, print the CPU budget."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--diagrams", type=int, default=6)
    parser.add_argument("--no-draft", action="store_true", help="decode JPEGs at full size")
    args = parser.parse_args(argv)
    spent: Counter[str] = Counter()

    @contextmanager
    def clock(stage: str) -> Iterator[None]:
        start = time.thread_time()
        yield
        spent[stage] += time.thread_time() - start

    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_corpus(root / "src", args.photos, args.diagrams)
        for path in sorted((root / "src").iterdir()):
            with clock("decode"), Image.open(path) as opened:
                if args.no_draft:
                    width, height = encode.upright_size(opened)
                else:
                    width, height = encode.draft(opened, WIDTHS[-1])
                opened.load()
            with clock("orientation"):
                image = ImageOps.exif_transpose(opened)
            with clock("colour conversion"):
                image = encode.to_srgb(image)
            with clock("classify"):
                kind = encode.classify(image)
            profile = PROFILES[kind]
            source = image
            for size in encode.sizes_for(width, height):
                if size != image.size:
                    with clock("resize"):
                        start = image if profile.cascade else source
                        image = start.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
                for name in encode.formats(profile):
                    with clock(name if name == "avif" else f"{name} ({kind})"):
                        data = encode.encode(image, name, profile, 1)
                    with clock("file writes"):
                        atomic.write(
                            root / "out" / encode.variant_path(path.name, size[0], name), data
                        )
    total = sum(spent.values())
    print(f"{'stage':24}{'CPU s':>8}{'share':>8}")
    for stage, seconds in spent.most_common():
        print(f"{stage:24}{seconds:8.2f}{seconds / total:8.1%}")
    print(f"{'total':24}{total:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
