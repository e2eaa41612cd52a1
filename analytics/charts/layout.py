"""Fixed axes boxes: chart geometry computed from the figure size, never from a layout pass.

A layout engine (constrained or tight layout) measures every text of a figure by drawing it,
moves the axes and measures again: for a 27-panel figure that costs as much as drawing it.
Here the boxes are computed in inches from fixed margins (title, tick labels, footer strip),
so they do not depend on how long a title or a credit line is, and drawing happens once, when
the figure is saved. Tick labels whose width depends on the data (a panel's y ticks) are
measured from font metrics (:func:`analytics.charts.credits.text_width`), without rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analytics.charts.credits import text_width

__all__ = [
    "Margins",
    "bar_boxes",
    "grid_boxes",
    "place",
    "single_box",
    "tick_label_width",
    "line_height",
]

#: Height of one line of text, as a multiple of its font size (DejaVu Sans, with leading).
LINE: Final = 1.25


def line_height(fontsize: float) -> float:
    """Height in inches of one line of ``fontsize``-point text.

    Examples
    --------
    >>> round(line_height(7.2), 3)
    0.125
    """
    return LINE * fontsize / 72


@dataclass(frozen=True)
class Margins:
    """Space in inches between the figure's edges and the block of axes."""

    left: float
    bottom: float
    right: float
    top: float


def grid_boxes(
    fig: Figure, nrows: int, ncols: int, margins: Margins, *, wspace: float, hspace: float
) -> list[tuple[float, float, float, float]]:
    """Axes boxes (figure fractions, row-major) of an ``nrows`` x ``ncols`` grid.

    ``wspace`` and ``hspace`` are the gaps between panels in inches.

    Examples
    --------
    >>> fig = Figure(figsize=(4.0, 2.0))
    >>> boxes = grid_boxes(fig, 1, 2, Margins(0.5, 0.5, 0.5, 0.5), wspace=1.0, hspace=0.0)
    >>> [tuple(round(v, 3) for v in b) for b in boxes]
    [(0.125, 0.25, 0.25, 0.5), (0.625, 0.25, 0.25, 0.5)]
    """
    w_in, h_in = float(fig.get_figwidth()), float(fig.get_figheight())
    pw = (w_in - margins.left - margins.right - (ncols - 1) * wspace) / ncols
    ph = (h_in - margins.bottom - margins.top - (nrows - 1) * hspace) / nrows
    if pw <= 0 or ph <= 0:
        raise ValueError(f"no room for a {nrows}x{ncols} grid in a {w_in}x{h_in} in figure")
    boxes = []
    for r in range(nrows):
        for c in range(ncols):
            x0 = margins.left + c * (pw + wspace)
            y0 = h_in - margins.top - (r + 1) * ph - r * hspace
            boxes.append((x0 / w_in, y0 / h_in, pw / w_in, ph / h_in))
    return boxes


def place(
    fig: Figure, x0: float, y0: float, width: float, height: float
) -> tuple[float, float, float, float]:
    """A box given in inches from the figure's bottom left, as figure fractions.

    Examples
    --------
    >>> place(Figure(figsize=(4.0, 2.0)), 1.0, 0.5, 2.0, 1.0)
    (0.25, 0.25, 0.5, 0.5)
    """
    w_in, h_in = float(fig.get_figwidth()), float(fig.get_figheight())
    return (x0 / w_in, y0 / h_in, width / w_in, height / h_in)


def bar_boxes(
    fig: Figure, margins: Margins, *, gap: float, width: float
) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]]:
    """Boxes (figure fractions) of one axes inside ``margins`` and of its colour bar.

    The bar is ``width`` inches wide, as tall as the axes, ``gap`` inches to its right;
    ``margins.right`` is the room right of the bar (its tick labels and label).

    Examples
    --------
    >>> fig = Figure(figsize=(4.0, 2.0))
    >>> ax, bar = bar_boxes(fig, Margins(0.5, 0.5, 0.5, 0.5), gap=0.25, width=0.25)
    >>> [round(v, 4) for v in ax], [round(v, 4) for v in bar]
    ([0.125, 0.25, 0.625, 0.5], [0.8125, 0.25, 0.0625, 0.5])
    """
    w_in, h_in = float(fig.get_figwidth()), float(fig.get_figheight())
    ax_w = w_in - margins.left - margins.right - gap - width
    ax_h = h_in - margins.bottom - margins.top
    if ax_w <= 0 or ax_h <= 0:
        raise ValueError(f"no room for an axes and its colour bar in a {w_in}x{h_in} in figure")
    return (
        place(fig, margins.left, margins.bottom, ax_w, ax_h),
        place(fig, margins.left + ax_w + gap, margins.bottom, width, ax_h),
    )


#: Space in inches between the figure's edge and its outermost text.
EDGE: Final = 0.06
#: Tick length and label pad of a full-size chart's axes (3.5 pt each), inches.
TICK_ROOM: Final = 7 / 72


def single_box(
    fig: Figure, *, foot: float, ytick: float, right: float, temporal: bool
) -> tuple[float, float, float, float]:
    """Box (figure fractions) of a figure's one axes, from fixed text heights.

    Above: a title (11 pt and its 6 pt pad). Left: the y label (9 pt) and ``ytick`` inches
    of tick labels. Below: one line of x tick labels (two when ``temporal``: a concise date
    axis writes the year under the months), the x label and the footer strip (``foot``,
    inches). ``right``: inches kept free on the right (a legend, a last tick label's overhang).

    Examples
    --------
    >>> box = single_box(Figure(figsize=(7.5, 4.0)), foot=0.3, ytick=0.2, right=0.2,
    ...                  temporal=False)
    >>> [round(v, 3) for v in box]
    [0.076, 0.202, 0.897, 0.714]
    """
    label = line_height(9) + 4 / 72  # an axis label and its pad
    left = EDGE + label + ytick + TICK_ROOM
    below = TICK_ROOM + line_height(8) * (2 if temporal else 1) + label
    bottom = foot + below + EDGE
    top = EDGE + line_height(11) + 6 / 72
    w_in, h_in = float(fig.get_figwidth()), float(fig.get_figheight())
    width, height = w_in - left - right, h_in - bottom - top
    if width <= 0 or height <= 0:
        raise ValueError(f"no room for an axes in a {w_in}x{h_in} in figure")
    return place(fig, left, bottom, width, height)


def tick_label_width(axes: Sequence[Axes], fontsize: float, *, side: str = "left") -> float:
    """Width in inches of the widest y tick label the ``axes`` will draw (0 when none).

    The ticks come from each axes' own locator and formatter on its current y limits, so set
    the limits and locators first; axes whose labels on ``side`` (``"left"`` or ``"right"``,
    as a colour bar's) are off count as none.
    """
    widest = 0.0
    for ax in axes:
        if not ax.yaxis.get_tick_params()[f"label{side}"]:
            continue
        lo, hi = sorted(ax.get_ylim())
        locs = [v for v in ax.yaxis.get_major_locator()() if lo <= v <= hi]
        labels = ax.yaxis.get_major_formatter().format_ticks(locs)
        widest = max([widest, *(text_width(s, fontsize) for s in labels)])
    return widest / 72
