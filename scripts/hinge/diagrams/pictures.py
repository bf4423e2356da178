"""Every picture the diagrams command draws, in every version, and how each is drawn; and
every loop."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from hinge.diagrams.animation import loop_bytes
from hinge.diagrams.canvas import Sketch
from hinge.diagrams.equipment import AngleMarks
from hinge.diagrams.figure import Figure, draw_figure
from hinge.diagrams.layout import DESKTOP, PHONE, Layout, panels, two_panels
from hinge.diagrams.loops import LOOPS
from hinge.diagrams.muscles import posterior_chain
from hinge.diagrams.output import png_bytes
from hinge.diagrams.poses import POSES, STEPS


def hinge_vs_squat(layout: Layout) -> Sketch:
    """RDL-bottom hinge next to a deep squat, with shin, torso and knee angles marked."""
    marks = (AngleMarks(layout.label),)
    figs = (Figure(POSES["hinge"], marks), Figure(POSES["squat"], marks))
    headings = (("Hinge", "Hips back, shins near vertical"), ("Squat", "Hips down, knees forward"))
    behind = 4 * layout.label  # room for the knee and shin labels behind the legs
    sketch, views = panels(layout, figs, headings, 4.6, behind, stack=True)
    for view, fig in zip(views, figs, strict=True):
        draw_figure(view, fig)
    return sketch


DIAGRAMS: dict[str, Callable[[Layout], Sketch]] = {
    "posterior-chain.png": posterior_chain,
    "hinge-vs-squat.png": hinge_vs_squat,
    **{name: partial(two_panels, pair=pair) for name, pair in STEPS.items()},
}
"""Output path (relative to images/) of each picture's default version."""

LAYOUTS = (DESKTOP, PHONE)
PICTURES = {
    layout.path(name): (draw, layout) for name, draw in DIAGRAMS.items() for layout in LAYOUTS
}
"""Every file drawn: each picture in every layout."""


def drawing(name: str) -> Sketch:
    """The drawn (unfinished) sketch of one file in ``PICTURES``."""
    draw, layout = PICTURES[name]
    return draw(layout)


FILES = [*PICTURES, *LOOPS]
"""Every file the diagrams command writes: the stills, then the loops."""


def render(name: str) -> bytes:
    """The bytes of one file in ``FILES``: a still's PNG or a loop's animated WebP."""
    if name in LOOPS:
        return loop_bytes(LOOPS[name])
    return png_bytes(drawing(name).finish())
