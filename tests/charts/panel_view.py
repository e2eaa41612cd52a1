"""Reading charts drawn without per-panel axes or tick labels back from their figures (tests)."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text


def panel_boxes(fig: Figure, digits: int = 6) -> dict[str, tuple[float, ...]]:
    """Each panel's box (figure fractions, rounded to ``digits``) by name, in drawing order."""
    canvas = fig.axes[0]
    return {
        str(p.get_label()): tuple(np.round(p.get_bbox().bounds, digits))
        for p in canvas.patches
        if isinstance(p, Rectangle) and p.get_gid() == "panel"
    }


def panel_texts(fig: Figure, gid: str) -> list[Text]:
    """The canvas texts of one kind (``"panel-title"``, ``"no-data"``, ``"ytick"``, ...)."""
    return [t for t in fig.axes[0].texts if t.get_gid() == gid]


def panel_line(fig: Figure, name: str) -> Line2D | None:
    """The line of panel ``name`` (None when the panel has none)."""
    return next((ln for ln in fig.axes[0].lines if ln.get_label() == name), None)


def y_scale(fig: Figure, name: str) -> tuple[float, float]:
    """Where the panel's line puts the values 0 and 1 in its box (fractions of its height):
    equal pairs mean an equal y scale; a first value of 0 means the scale starts at zero."""
    line = panel_line(fig, name)
    assert line is not None, name
    x0, y0, _, h = panel_boxes(fig, 15)[name]
    x = float(np.asarray(line.get_xdata(), dtype=float)[0])
    pixels = line.get_transform().transform([[x, 0.0], [x, 1.0]])
    fy = fig.transFigure.inverted().transform(pixels)[:, 1]
    return (round((fy[0] - y0) / h, 6), round((fy[1] - y0) / h, 6))


def row_labels(ax: Axes) -> list[Text]:
    """A heatmap's oblast names, top row first (texts left of the cells, not tick labels)."""
    return [t for t in ax.texts if t.get_gid() == "row-label"]
