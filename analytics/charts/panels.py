"""Panel grids drawn on one canvas: many small line panels without one Axes per panel.

A matplotlib ``Axes`` costs its creation (spines, two axes, their tick machinery) and, at every
draw, one set of tick objects (marks, gridlines, labels) per tick: for the 27 panels of an
oblast grid that was most of the chart's CPU. Here the panels are drawn on **one** axes that
spans the figure (limits 0-1: data coordinates are figure fractions): each panel's line is a
``Line2D`` holding its own data values, placed in its box by an affine transform; the frames,
tick marks and gridlines of all panels are two ``LineCollection``; the tick labels are plain
texts, written only where a panel shows them. Each panel's box is an invisible ``Rectangle``
(``gid="panel"``, labelled with the panel's name); texts carry a ``gid`` saying what they are
(``"panel-title"``, ``"no-data"``, ``"ytick"``, ``"xtick"``) and each line is labelled with
its panel's name. Ticks are located and formatted once with
matplotlib's own locators and formatters (on a dummy axis), so the panels read as before.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import matplotlib.dates as mdates
import numpy as np
from matplotlib import ticker as mticker
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.transforms import Affine2D, Bbox, TransformedBbox

from analytics.charts.style import OKABE_ITO, TEXT_GREY

__all__ = ["Panel", "Ticks", "date_ticks", "draw_panels", "value_ticks"]

TICK_LEN: Final = 2.0  # tick mark length, points
TICK_PAD: Final = 3.5  # gap between a tick mark and its label, points
TICK_SIZE: Final = 6.5  # tick label size of a panel, points
TITLE_SIZE: Final = 7.5  # panel title size, points
TITLE_PAD: Final = 2.0  # gap between a panel's top and its title's baseline, points
_FRAME: Final = ("#444444", 0.8)  # colour and width of a panel's left and bottom edge
_GRID: Final = ("#DDDDDD", 0.6)  # colour and width of a gridline


@dataclass(frozen=True)
class Ticks:
    """Tick positions (data units) with their labels and the formatter's offset text."""

    locs: tuple[float, ...]
    labels: tuple[str, ...]
    offset: str = ""


@dataclass(frozen=True)
class Panel:
    """One panel: its name, line (``x``, ``y``; ``None``: "no data"), y range and ticks.

    ``yticks``: where gridlines and tick marks go; ``ylabels``: write their labels;
    ``xlabels``: write the shared x tick labels below this panel.
    """

    name: str
    x: np.ndarray | None
    y: np.ndarray | None
    ylim: tuple[float, float]
    yticks: Ticks
    ylabels: bool
    xlabels: bool


def _within(locs: Sequence[float], lo: float, hi: float) -> list[float]:
    """The ticks inside [lo, hi] (with matplotlib's tolerance of a millionth of the range)."""
    tol = (hi - lo) * 1e-6 if hi > lo else 0.0
    return [float(v) for v in locs if lo - tol <= v <= hi + tol]


def value_ticks(
    lo: float, hi: float, *, length_in: float, per_label: float, nbins: int | None = None,
    integer: bool = False,
) -> Ticks:  # fmt: skip
    """Ticks of a value axis from ``lo`` to ``hi`` as matplotlib's default axis places them.

    ``nbins=None``: as many bins as the axis length (inches) holds labels of ``per_label``
    points (at most 9; matplotlib's ``AutoLocator``); labels by ``ScalarFormatter`` without an
    offset or a power of ten (a panel has no room for one: the full number is written). A
    given ``nbins`` uses ``MaxNLocator``'s default steps, as ``MaxNLocator(nbins)`` does.

    Examples
    --------
    >>> value_ticks(0.0, 10.0, length_in=1.0, per_label=13.0).labels
    ('0', '2', '4', '6', '8', '10')
    """
    auto = nbins is None
    if nbins is None:
        space = int(math.floor(length_in * 72 / per_label)) if per_label > 0 else 9
        nbins = max(min(space, 9), 1)
    steps = [1, 2, 2.5, 5, 10] if auto else None  # AutoLocator's steps, else MaxNLocator's
    locator = mticker.MaxNLocator(nbins=nbins, steps=steps, integer=integer)
    locs = _within(locator.tick_values(lo, hi), lo, hi)
    fmt = mticker.ScalarFormatter(useOffset=False)
    fmt.set_powerlimits((-9, 12))
    fmt.create_dummy_axis()
    fmt.axis.set_view_interval(lo, hi)  # type: ignore[union-attr]
    return Ticks(tuple(locs), tuple(fmt.format_ticks(locs)))


def date_ticks(lo: float, hi: float, *, maxticks: int = 4) -> Ticks:
    """Date ticks (matplotlib date numbers) for an x range shared by every panel.

    The locator and the concise formatter of :func:`analytics.charts.style.format_dates`,
    run once on a dummy axis; ``offset`` is the concise formatter's offset (e.g. the year).
    """
    locator = mdates.AutoDateLocator(minticks=2, maxticks=maxticks)
    locator.intervald[mdates.MONTHLY] = [1, 2, 3, 4, 6, 12]
    locator.create_dummy_axis()
    locator.axis.set_view_interval(lo, hi)  # type: ignore[union-attr]
    locs = _within(locator(), lo, hi)
    fmt = mdates.ConciseDateFormatter(locator)
    labels = fmt.format_ticks(locs)
    return Ticks(tuple(locs), tuple(labels), fmt.get_offset())


def draw_panels(
    fig: Figure, boxes: Sequence[tuple[float, float, float, float]], panels: Sequence[Panel],
    *, xlim: tuple[float, float] | None, xticks: Ticks,
) -> Axes:  # fmt: skip
    """Draw ``panels`` into ``boxes`` (figure fractions) on one canvas axes; returns it.

    ``xlim=None``: no panel has data (frames and "no data" only, no ticks).
    """
    canvas = fig.add_axes((0.0, 0.0, 1.0, 1.0), zorder=-1)
    canvas.set_xlim(0.0, 1.0)
    canvas.set_ylim(0.0, 1.0)
    canvas.set_axis_off()
    canvas.patch.set_visible(False)
    w_in, h_in = float(fig.get_figwidth()), float(fig.get_figheight())
    px, py = 1 / 72 / w_in, 1 / 72 / h_in  # one point in figure fractions
    grid: list[list[tuple[float, float]]] = []
    frame: list[list[tuple[float, float]]] = []
    for panel, (x0, y0, w, h) in zip(panels, boxes, strict=False):
        frame += [[(x0, y0 + h), (x0, y0), (x0 + w, y0)]]
        # the panel's box, not drawn: where tests and readers of the figure find the panel
        canvas.add_patch(Rectangle((x0, y0), w, h, visible=False, label=panel.name, gid="panel"))
        canvas.text(x0, y0 + h + TITLE_PAD * py, panel.name, fontsize=TITLE_SIZE,
                    fontweight="bold", ha="left", va="baseline", gid="panel-title")  # fmt: skip
        if panel.y is None or panel.x is None:
            canvas.text(x0 + w / 2, y0 + h / 2, "no data", ha="center", va="center",
                        fontsize=7, color=TEXT_GREY, gid="no-data")  # fmt: skip
        if xlim is None:
            continue
        ylo, yhi = panel.ylim
        xlo, xhi = xlim
        for v in xticks.locs:
            fx = x0 + (v - xlo) / (xhi - xlo) * w
            grid.append([(fx, y0), (fx, y0 + h)])
            frame.append([(fx, y0), (fx, y0 - TICK_LEN * py)])
        for v, label in zip(panel.yticks.locs, panel.yticks.labels, strict=True):
            fy = y0 + (v - ylo) / (yhi - ylo) * h
            grid.append([(x0, fy), (x0 + w, fy)])
            frame.append([(x0, fy), (x0 - TICK_LEN * px, fy)])
            if panel.ylabels:
                canvas.text(x0 - (TICK_LEN + TICK_PAD) * px, fy, label, fontsize=TICK_SIZE,
                            ha="right", va="center_baseline", gid="ytick")  # fmt: skip
        if panel.xlabels:
            _x_labels(canvas, (x0, y0, w), xlim, xticks, py=py)
        if panel.y is not None and panel.x is not None:
            _line(canvas, panel, (x0, y0, w, h), xlim)
    canvas.add_collection(LineCollection(grid, colors=_GRID[0], linewidths=_GRID[1], zorder=0.5))
    edges = LineCollection(frame, colors=_FRAME[0], linewidths=_FRAME[1], zorder=2.5)
    edges.set_capstyle("projecting")
    canvas.add_collection(edges)
    return canvas


def _x_labels(
    canvas: Axes, where: tuple[float, float, float], xlim: tuple[float, float], xticks: Ticks,
    *, py: float,
) -> None:  # fmt: skip
    """The shared x tick labels below one panel, and the formatter's offset at its right."""
    x0, y0, w = where
    xlo, xhi = xlim
    top = y0 - (TICK_LEN + TICK_PAD) * py
    for v, label in zip(xticks.locs, xticks.labels, strict=True):
        fx = x0 + (v - xlo) / (xhi - xlo) * w
        canvas.text(fx, top, label, fontsize=TICK_SIZE, ha="center", va="top", gid="xtick")
    if xticks.offset:  # below the labels, at the panel's right edge (as an axis puts it)
        below = top - (1.17 * TICK_SIZE + 3.0) * py
        canvas.text(x0 + w, below, xticks.offset, fontsize=8, ha="right", va="top")


def _line(
    canvas: Axes, panel: Panel, box: tuple[float, float, float, float],
    xlim: tuple[float, float],
) -> None:  # fmt: skip
    """The panel's line, in its data units, mapped into its box and clipped to it."""
    x0, y0, w, h = box
    (xlo, xhi), (ylo, yhi) = xlim, panel.ylim
    to_box = (
        Affine2D().translate(-xlo, -ylo).scale(w / (xhi - xlo), h / (yhi - ylo)).translate(x0, y0)
    )
    line = Line2D(panel.x, panel.y, color=OKABE_ITO["blue"], lw=1.0, label=panel.name)  # type: ignore[arg-type]
    line.set_transform(to_box + canvas.transData)
    fig = canvas.figure.figure  # type: ignore[union-attr]
    line.set_clip_box(TransformedBbox(Bbox.from_bounds(x0, y0, w, h), fig.transFigure))
    canvas.add_line(line)
