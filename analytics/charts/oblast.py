"""Oblast charts: small multiples and the tile-grid map (the oblast x period heatmap is in
:mod:`~analytics.charts.heatmap`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import polars as pl
from matplotlib.axes import Axes
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analytics.charts.credits import resolve_credit, text_width
from analytics.charts.frames import (
    Frame,
    as_floats,
    collect_frame,
    drop_null_keys,
    is_temporal,
    x_values,
)
from analytics.charts.gazetteer import chart_gazetteer, check_codes, order_codes
from analytics.charts.layout import (
    Margins,
    grid_boxes,
    line_height,
    place,
)
from analytics.charts.panels import (
    TICK_LEN,
    TICK_PAD,
    TICK_SIZE,
    TITLE_PAD,
    TITLE_SIZE,
    Panel,
    Ticks,
    date_ticks,
    draw_panels,
    value_ticks,
)
from analytics.charts.style import (
    DPI,
    NA_FACE,
    SEQUENTIAL_CMAP,
    chart_footer,
    figure_footer,
    pin_fonts,
    styled,
    text_colour,
)

__all__ = ["small_multiples", "tile_map"]


@styled
def small_multiples(
    panel: Frame,
    *,
    period_col: str = "period",
    group_col: str = "oblast_code",
    value_col: str = "incidents",
    sharey: bool = True,
    ncols: int = 6,
    order: Literal["name", "code", "geographic"] = "name",
    gazetteer: pl.DataFrame | None = None,
    title: str = "Incidents per week by oblast",
    xlabel: str = "Week starting (Monday)",
    ylabel: str = "Incidents (count per week)",
    source: str | None = None,
    sources: Sequence[str] | None = None,
    synthetic: bool = False,
    figsize: tuple[float, float] = (7.5, 7.5),
    note: str | None = None,
) -> Figure:
    """One small line panel per oblast (all 27 in the gazetteer), titled with short names.

    Oblasts absent from ``panel`` (or all NULL) get a panel saying "no data"; a NULL value
    breaks its panel's line (``note``, printed under the chart, can say why). With
    ``sharey=False`` each panel has its own scale, and the chart says so in a note.
    ``gazetteer`` defaults to :func:`analytics.reference.oblasts.oblasts`.
    """
    source = resolve_credit(source, sources)
    df = collect_frame(panel, [period_col, group_col, value_col], "panel")
    gaz = order_codes(chart_gazetteer(gazetteer), order)
    check_codes(df[group_col], gaz, "small_multiples")
    notes: list[str] = []
    df = drop_null_keys(df, group_col, "oblast", notes)
    df = df.filter(pl.col(period_col).is_not_null()).sort(period_col)
    if not sharey:
        notes.append("Each panel has its own y scale: compare shapes, not heights.")
    if note:
        notes.append(note)
    n = gaz.height
    nrows = -(-n // ncols)
    fig = Figure(figsize=figsize, dpi=DPI)  # fixed boxes (_panel_boxes), no layout pass
    temporal = is_temporal(df[period_col])
    if not any(_series(df, code, period_col, group_col, value_col) for code in gaz["code"]):
        notes.insert(0, "No data for any oblast.")
    height = fig.get_figheight()
    fig.suptitle(title, x=0.01, y=1 - _EDGE / height, ha="left", va="top", fontsize=11,
                 fontweight="bold")  # fmt: skip
    fig.supylabel(ylabel, x=_EDGE / fig.get_figwidth(), ha="left", fontsize=9)
    foot = figure_footer(fig, xlabel=xlabel, source=source, synthetic=synthetic, notes=notes)
    grid = _PanelGrid(fig, nrows, ncols, foot=foot, temporal=temporal)
    lines = {c: _series(df, c, period_col, group_col, value_col) for c in gaz["code"]}
    width = fig.get_figwidth() / ncols
    xlim, xticks = (
        _x_axis(df[period_col], temporal, width) if any(lines.values()) else (None, _NONE)
    )
    panels = _panels(gaz, lines, df[value_col], grid.panel_height, sharey=sharey, ncols=ncols)
    draw_panels(fig, grid.boxes(panels), panels, xlim=xlim, xticks=xticks)
    pin_fonts(fig)
    return fig


_NONE: Final = Ticks((), ())


def _series(
    df: pl.DataFrame, code: str, period_col: str, group_col: str, value_col: str
) -> tuple[np.ndarray, np.ndarray] | None:
    """An oblast's line (x as matplotlib numbers, y with NaN for NULL); None: no value."""
    sub = df.filter(pl.col(group_col) == code)
    if sub.height == 0 or sub[value_col].null_count() == sub.height:
        return None
    x = x_values(sub[period_col])
    if is_temporal(sub[period_col]):
        x = mdates.date2num(x)
    return np.asarray(x, dtype=float), as_floats(sub[value_col])


def _x_axis(
    periods: pl.Series, temporal: bool, width_in: float
) -> tuple[tuple[float, float], Ticks]:
    """The x range every panel shares (the periods, padded by 3% or a day) and its ticks
    (numbers: as many as a panel about ``width_in`` inches wide holds)."""
    x = x_values(periods)
    x = np.asarray(mdates.date2num(x) if temporal else x, dtype=float)
    lo, hi = float(x.min()), float(x.max())
    pad = (hi - lo) * 0.03 if hi > lo else 1.0
    xlim = (lo - pad, hi + pad)
    if temporal:
        return xlim, date_ticks(*xlim, maxticks=4)
    return xlim, value_ticks(*xlim, length_in=width_in, per_label=3 * _PANEL_TICKS)


def _panels(
    gaz: pl.DataFrame, lines: dict[str, tuple[np.ndarray, np.ndarray] | None], values: pl.Series,
    panel_height: float, *, sharey: bool, ncols: int,
) -> list[Panel]:  # fmt: skip
    """Each oblast's panel: the shared y scale (from zero, 8% headroom; labels on the left
    column), or with ``sharey=False`` its own (from zero, 5% headroom, 3 bins, whole-number
    ticks for counts; labels on every panel that has data)."""
    values = values.drop_nulls()
    whole = bool((values.cast(pl.Float64) % 1 == 0).all())
    shared = (0.0, 1.0)
    if values.len():
        top = max(float(values.max()), 0.0) * 1.08 or 1.0  # type: ignore[arg-type]
        shared = (min(float(values.min()), 0.0) * 1.08, top)  # type: ignore[arg-type]
    shared_ticks = value_ticks(*shared, length_in=panel_height, per_label=2 * _PANEL_TICKS)
    n = gaz.height
    out = []
    for i, (code, short) in enumerate(zip(gaz["code"], gaz["_short"], strict=True)):
        line = lines[code]
        ylim, ticks = shared, shared_ticks
        if not sharey:
            ylim = _own_range(line[1] if line else None, whole)
            ticks = value_ticks(*ylim, length_in=panel_height, per_label=0, nbins=3,
                                integer=whole)  # fmt: skip
        out.append(
            Panel(
                name=short,
                x=line[0] if line else None,
                y=line[1] if line else None,
                ylim=ylim,
                yticks=ticks if (sharey or line) else _NONE,
                ylabels=(i % ncols == 0) if sharey else line is not None,
                xlabels=i + ncols >= n,
            )
        )
    return out


def _own_range(y: np.ndarray | None, whole: bool) -> tuple[float, float]:
    """A panel's own y range: from min(0, lowest) to the highest plus 5% of the data's span
    (matplotlib's autoscale margin), at least 1 for counts."""
    if y is None or not np.isfinite(y).any():
        return (0.0, 1.0)
    lo, hi = float(np.nanmin(y)), float(np.nanmax(y))
    top = hi + 0.05 * (hi - lo) if hi > lo else (hi + abs(hi) * 0.05 or 0.05)
    return (min(lo, 0.0), max(top, 1.0 if whole else top))


_EDGE: Final = 0.06  # inches between the figure's edge and its outermost text
_PANEL_TICKS: Final = TICK_SIZE  # tick label size of a panel
_TICK_ROOM: Final = (TICK_LEN + TICK_PAD) / 72  # tick length and label pad, inches


class _PanelGrid:
    """A fixed grid of panels: title and y label above and left, footer below.

    Margins are fixed text heights (title, panel titles, two lines of date ticks below the
    last row) plus the widest y tick label any panel writes (measured from font metrics), so
    no layout pass is needed and a long title or credit cannot move a panel. A panel whose x
    labels are on above an empty slot of the last row writes them into that slot.
    """

    def __init__(self, fig: Figure, nrows: int, ncols: int, *, foot: float, temporal: bool):
        self.fig, self.nrows, self.ncols = fig, nrows, ncols
        self.panel_title = line_height(TITLE_SIZE) + TITLE_PAD / 72
        below = _TICK_ROOM + line_height(_PANEL_TICKS) + (line_height(8) if temporal else 0.0)
        self.bottom = foot + below + _EDGE
        self.top = line_height(11) + _EDGE + _EDGE + self.panel_title
        hspace = self.panel_title + 0.1
        room = fig.get_figheight() - self.bottom - self.top - (nrows - 1) * hspace
        self.panel_height = room / nrows

    def boxes(self, panels: Sequence[Panel]) -> list[tuple[float, float, float, float]]:
        """The panels' boxes (figure fractions, row-major), left margin from their labels."""
        labels = [s for p in panels if p.ylabels for s in p.yticks.labels]
        ytick = max((text_width(s, _PANEL_TICKS) for s in labels), default=0.0) / 72
        ytick += _TICK_ROOM
        margins = Margins(
            left=_EDGE + line_height(9) + _EDGE + ytick, bottom=self.bottom, right=0.15,
            top=self.top,
        )  # fmt: skip
        return grid_boxes(self.fig, self.nrows, self.ncols, margins, wspace=ytick + 0.1,
                          hspace=self.panel_title + 0.1)  # fmt: skip


@styled
def tile_map(
    values: Frame,
    *,
    code_col: str = "oblast_code",
    value_col: str = "rate",
    gazetteer: pl.DataFrame | None = None,
    title: str = "Incidents per 100,000 residents",
    units: str = "Incidents per 100,000 residents (2022 population)",
    value_format: str = "{:,.1f}",
    vmin: float | None = None,
    vmax: float | None = None,
    cmap: Any = SEQUENTIAL_CMAP,
    source: str | None = None,
    sources: Sequence[str] | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (7.5, 4.6),
) -> Figure:
    """Tile-grid map of the oblasts (``tile_row``, ``tile_col`` from the gazetteer).

    Each tile shows its short name and value (text black or white for contrast). A NULL value,
    or an oblast missing from ``values``, is drawn grey and hatched with "n/a": unknown is not
    zero. Codes not in the gazetteer or repeated codes raise ``ValueError``.
    """
    source = resolve_credit(source, sources)
    df = collect_frame(values, [code_col, value_col], "values")
    gaz = chart_gazetteer(gazetteer)
    if not {"tile_row", "tile_col"} <= set(gaz.columns):
        raise ValueError("gazetteer lacks tile_row/tile_col")
    check_codes(df[code_col], gaz, "tile_map")
    notes: list[str] = []
    df = drop_null_keys(df, code_col, "oblast", notes)
    dupes = df.filter(pl.col(code_col).is_duplicated())[code_col].unique().sort().to_list()
    if dupes:
        raise ValueError(f"tile_map: one value per oblast expected; repeated: {dupes}")
    lookup = dict(zip(df[code_col].to_list(), as_floats(df[value_col]).tolist(), strict=True))
    vals = np.array([lookup.get(c, np.nan) for c in gaz["code"].to_list()], dtype=float)
    finite = vals[np.isfinite(vals)]
    own = ax is None
    if ax is None:  # a fixed box, placed by _map_boxes once the footer is known
        fig = Figure(figsize=figsize, dpi=DPI)
        ax = fig.add_subplot()
    else:
        fig = ax.figure.figure  # type: ignore[assignment]
    ax.set_title(title, y=1.0)  # a fixed y skips measuring the tick labels at every draw
    norm = None
    if finite.size:
        lo = vmin if vmin is not None else min(0.0, float(finite.min()))
        hi = vmax if vmax is not None else float(finite.max())
        norm = Normalize(lo, hi if hi > lo else lo + 1)
    else:
        notes.insert(0, "No data: every value is missing.")
    colormap = mpl.colormaps[cmap] if isinstance(cmap, str) else cmap
    _draw_tiles(ax, gaz, vals, norm, colormap, value_format)
    cols, rows = gaz.select(pl.col("tile_col", "tile_row").cast(pl.Int64).max()).row(0)
    ax.set_xlim(-0.05, cols + 1.05)
    ax.set_ylim(rows + 1.05, -0.05)
    ax.set_axis_off()
    sm = None if norm is None else mpl.cm.ScalarMappable(norm=norm, cmap=colormap)
    if not own:
        ax.set_aspect("equal")
        if sm is not None:
            fig.colorbar(sm, ax=ax, shrink=0.75, pad=0.02, label=units)
    if np.isnan(vals).any():
        notes.append("Grey hatched tiles (n/a): no value reported, which is unknown, not zero.")
    foot = chart_footer(
        ax, source=source, synthetic=synthetic, own=own, notes=notes, below_axis=False
    )
    if own:
        map_box, bar_box = _map_boxes(fig, (cols + 1.1) / (rows + 1.1), foot)
        ax.set_position(map_box)
        if sm is not None:
            fig.colorbar(sm, cax=fig.add_axes(bar_box), label=units)
    pin_fonts(fig)
    return fig


def _draw_tiles(
    ax: Axes, gaz: pl.DataFrame, vals: np.ndarray, norm: Normalize | None, colormap: Any,
    value_format: str,
) -> None:  # fmt: skip
    """One square per oblast at its tile position, with its short name and value (or n/a)."""
    for row, v in zip(gaz.iter_rows(named=True), vals, strict=True):
        r, c = row["tile_row"], row["tile_col"]
        if np.isfinite(v) and norm is not None:
            face, hatch, label = colormap(norm(v)), None, value_format.format(v)
        else:
            face, hatch, label = NA_FACE, "////", "n/a"
        ax.add_patch(
            Rectangle(
                (c + 0.03, r + 0.03),
                0.94,
                0.94,
                facecolor=face,
                hatch=hatch,
                edgecolor="white",
                lw=0.8,
            )
        )
        ink = text_colour(face) if hatch is None else "#333333"
        name_bbox = None if hatch is None else {"fc": NA_FACE, "ec": "none", "pad": 0.5}
        ax.text(
            c + 0.5,
            r + 0.3,
            _wrap_name(row["_short"]),
            ha="center",
            va="center",
            fontsize=6,
            color=ink,
            linespacing=1.0,
            bbox=name_bbox,
        )
        ax.text(
            c + 0.5,
            r + 0.7,
            label,
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold",
            color=ink,
            bbox=name_bbox,
        )


_BAR: Final = (0.15, 0.12, 0.75)  # colour bar: gap to the map, width (in), share of map height
_BAR_TEXT: Final = 0.6  # colour bar tick labels and label, inches


def _map_boxes(
    fig: Figure, aspect: float, foot: float
) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]]:
    """Boxes of the map (``aspect``: width over height in data units, drawn 1:1) and its
    colour bar: the largest map that fits between the title and the footer strip (``foot``,
    figure fraction), centred with its bar; fixed whatever the title or credit say."""
    w_in, h_in = fig.get_figwidth(), fig.get_figheight()
    gap, bar_w, bar_share = _BAR
    room_w = w_in - 2 * _EDGE - gap - bar_w - _BAR_TEXT
    bottom = foot * h_in + _EDGE
    room_h = h_in - bottom - (line_height(11) + 2 * _EDGE)
    height = min(room_h, room_w / aspect)
    width = height * aspect
    x0 = max(_EDGE, (w_in - (width + gap + bar_w + _BAR_TEXT)) / 2)
    y0 = bottom + (room_h - height) / 2
    bar_h = height * bar_share
    bar = place(fig, x0 + width + gap, y0 + (height - bar_h) / 2, bar_w, bar_h)
    return place(fig, x0, y0, width, height), bar


def _wrap_name(name: str, width: int = 10) -> str:
    """Break a long tile name in two lines (after a hyphen, else mid-word with a hyphen)."""
    if len(name) <= width:
        return name
    if "-" in name:
        head, tail = name.split("-", 1)
        return f"{head}-\n{tail}"
    if " " in name:
        head, tail = name.rsplit(" ", 1)
        return f"{head}\n{tail}"
    cut = (len(name) + 1) // 2
    return f"{name[:cut]}-\n{name[cut:]}"
