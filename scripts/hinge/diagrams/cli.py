"""Draw the site's exercise diagrams from code with Pillow.

    python -m hinge diagrams          # rewrite images that changed
    python -m hinge diagrams --check  # exit 1 if any image is stale

Each picture is drawn in two versions (``NAME.png`` and the narrower ``NAME.phone.png``) into
images/, where the image pipeline picks them up; each lift's loop as ``NAME.loop.webp``.
Exit codes: 0 up to date (or written); 1 ``--check`` found stale images; 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from hinge import atomic
from hinge.diagrams.output import same_picture
from hinge.diagrams.pictures import FILES, render

IMAGES = Path(__file__).resolve().parents[3] / "images"


def main(argv: Sequence[str] | None = None) -> int:
    """Draw every diagram into images/; with --check only report stale files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument("--out", type=Path, default=IMAGES, help="output folder (default images/)")
    parser.add_argument("names", nargs="*", help="only these pictures (paths under images/)")
    args = parser.parse_args(argv)
    names = args.names or FILES
    unknown = [n for n in names if n not in FILES]
    if unknown:
        parser.error(f"unknown picture(s): {', '.join(unknown)}")
    stale = []
    for name in names:
        path = args.out / name
        data = render(name)
        if same_picture(path, data):
            continue
        stale.append(path)
        if not args.check:
            atomic.write(path, data)
            print(f"wrote {path}")
    if args.check and stale:
        print("stale diagrams (run python -m hinge diagrams):", file=sys.stderr)
        for path in stale:
            print(f"  {path}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
