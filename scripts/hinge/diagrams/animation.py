"""A loop drawn: every frame on one fixed canvas, the figures at one scale for every loop, and
the frames as a lossless animated WebP that carries the loop's description.

The canvas fits every frame of each panel (the camera never moves), with the floor near the
bottom. Loops are drawn at ``SCALE`` px per cm and shown at half that size in CSS px (the
site's ``LOOP_DENSITY``), so a figure is the same size on every page.
"""

from __future__ import annotations

from PIL import Image

from hinge.diagrams.canvas import TEXT, Box, Sketch, View
from hinge.diagrams.figure import draw_figure, figure_extent
from hinge.diagrams.layout import divider
from hinge.diagrams.motion import Frame, Loop, describe, frames
from hinge.diagrams.output import webp_loop_bytes

SCALE = 3.0  # px per cm: 1.5 CSS px per cm on the page
MARGIN = 8.0  # cm of room around the figures
FOOT = 14  # px below the floor line
TITLE = 36  # px: 12.5 CSS px on a 360 px phone even for the widest loop
HEAD = 64  # px above the panels when they have titles


def panel_boxes(loop_frames: list[Frame]) -> list[Box]:
    """For each panel, world bounds (cm) that hold its figure in every frame."""
    boxes = []
    for panel in zip(*(figures for figures, _ in loop_frames), strict=True):
        extents = [figure_extent(fig) for fig in panel]
        boxes.append(
            (
                min(box[0] for box in extents) - MARGIN,
                0.0,
                max(box[2] for box in extents) + MARGIN,
                max(box[3] for box in extents) + MARGIN,
            )
        )
    return boxes


def draw_loop(loop: Loop) -> tuple[list[Image.Image], list[int]]:
    """Every frame of ``loop`` as a picture, with how long each shows (ms)."""
    loop_frames = frames(loop)
    boxes = panel_boxes(loop_frames)
    head = HEAD if loop.titles else 0
    widths = [round((right - left) * SCALE) for left, _, right, _ in boxes]
    height = head + round(max(top for *_, top in boxes) * SCALE) + FOOT
    lefts = [sum(widths[:i]) for i in range(len(widths))]
    pictures = []
    for figures, _ in loop_frames:
        sketch = Sketch(sum(widths), height)
        for i, (fig, box) in enumerate(zip(figures, boxes, strict=True)):
            if i:
                divider(sketch, (lefts[i], head / 2), (lefts[i], height - FOOT - 40))
            if loop.titles:
                sketch.text((lefts[i] + widths[i] / 2, head / 2), loop.titles[i], TITLE, TEXT)
            view = View(sketch, (lefts[i] - box[0] * SCALE, height - FOOT), SCALE)
            draw_figure(view, fig)
        pictures.append(sketch.finish())
    return pictures, [ms for _, ms in loop_frames]


def loop_bytes(loop: Loop) -> bytes:
    """The loop as a lossless animated WebP, its description in EXIF ImageDescription."""
    pictures, durations = draw_loop(loop)
    return webp_loop_bytes(pictures, durations, describe(loop))
