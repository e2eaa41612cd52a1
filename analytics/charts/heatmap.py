"""Oblast x period heatmap: every oblast a row, every period a column; cells with no data
and periods a source does not cover are hatched, never drawn as zero."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final, Literal

import numpy as np
import polars as pl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from analytics.charts.credits import resolve_credit, text_width
from analytics.charts.frames import Frame, collect_frame, drop_null_keys
from analytics.charts.gazetteer import chart_gazetteer, check_codes, order_codes
from analytics.charts.layout import EDGE, Margins, bar_boxes, line_height, tick_label_width
from analytics.charts.style import (
    DPI,
    NA_FACE,
    SEQUENTIAL_CMAP,
    TEXT_GREY,
    chart_footer,
    new_axes,
    no_data,
    pin_fonts,
    styled,
)

__all__ = ["heatmap"]

_TICK_ROOM: Final = (2 + 3.5) / 72  # tick length and label pad, inches


@styled
def heatmap(
    panel: Frame,
    *,
    period_col: str = "period",
    group_col: str = "oblast_code",
    value_col: str = "alerts",
    order: Literal["name", "value", "code", "geographic"] = "name",
    all_oblasts: bool = True,
    covered_col: str = "covered",
    coverage: Frame | None = None,
    gazetteer: pl.DataFrame | None = None,
    cmap: Any = SEQUENTIAL_CMAP,
    title: str = "Air-raid alerts per week by oblast",
    xlabel: str = "Week starting (Monday)",
    units: str = "Alerts (count per week)",
    source: str | None = None,
    sources: Sequence[str] | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (7.5, 5.5),
) -> Figure:
    """Oblast x period heatmap with a colourbar; missing and not-covered cells are hatched.

    A cell absent from ``panel`` or NULL is "no data", not zero (grey, hatched ``//``): zero-fill
    the panel first (``aggregate.complete_panel``) only where absence means zero. A cell whose
    ``covered_col`` is False (a column of ``panel``, or of ``coverage``: a frame of
    ``period_col``, ``group_col``, ``covered_col``) is "not covered" by the source: it is
    hatched ``\\\\`` whatever value it holds (a zero-filled gap week is not a quiet week).
    Rows are all gazetteer oblasts (``all_oblasts=True``) or only those in ``panel``, in
    alphabetical order of short name (``order="name"``), by total value, largest first
    (``"value"``), by code or by tile position (``"geographic"``). At most a handful of period
    labels are written, as many as fit the width without overlapping.
    """
    source = resolve_credit(source, sources)
    df = collect_frame(panel, [period_col, group_col, value_col], "panel")
    if coverage is not None:
        cov = collect_frame(coverage, [period_col, group_col, covered_col], "coverage")
        df = df.drop(covered_col, strict=False).join(
            cov.select(period_col, group_col, covered_col), on=[period_col, group_col], how="left"
        )
    gaz = chart_gazetteer(gazetteer)
    check_codes(df[group_col], gaz, "heatmap")
    notes: list[str] = []
    df = drop_null_keys(df, group_col, "oblast", notes)
    df = df.filter(pl.col(period_col).is_not_null())
    gaz = _row_order(gaz, df, order, group_col, value_col)
    if not all_oblasts:
        gaz = gaz.filter(pl.col("code").is_in(df[group_col].unique().implode()))
    own = ax is None
    if ax is None:  # fixed boxes (_heat_boxes) once the footer is known: no layout pass
        fig = Figure(figsize=figsize, dpi=DPI)
        ax = fig.add_subplot()
    else:
        fig, ax, _ = new_axes(ax, figsize)
    ax.set_title(title, y=1.0)  # a fixed y skips measuring the tick labels at every draw
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Oblast")
    if df.height == 0 or df[value_col].null_count() == df.height or gaz.height == 0:
        no_data(ax)
        foot = chart_footer(ax, source=source, synthetic=synthetic, own=own, notes=notes)
        if own:
            ax.set_position(_heat_boxes(fig, foot, [], None)[0])
        pin_fonts(fig)
        return fig
    dup = df.select(period_col, group_col).is_duplicated()
    if dup.any():
        raise ValueError("heatmap: more than one row per (period, oblast)")
    periods = df[period_col].unique().sort()
    codes = gaz["code"].to_list()
    grid, uncovered = _grid(df, periods, codes, period_col, group_col, value_col, covered_col)
    finite = grid[np.isfinite(grid)]
    mesh = ax.pcolormesh(
        np.arange(periods.len() + 1) - 0.5,
        np.arange(len(codes) + 1) - 0.5,
        np.ma.masked_invalid(grid),
        cmap=cmap,
        vmin=min(0.0, float(finite.min())) if finite.size else 0.0,
        vmax=float(finite.max()) if finite.size and finite.max() > 0 else 1.0,
        shading="flat",
    )
    ax.patch.set_facecolor(NA_FACE)
    ax.patch.set_hatch("////")
    _hatch_runs(ax, uncovered)
    ax.set_ylim(len(codes) - 0.5, -0.5)
    ax.set_yticks([])
    _row_names(ax, gaz["_short"].to_list())
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    _period_ticks(ax, periods, width_pt=fig.get_figwidth() * 72 * 0.7)
    cax = fig.add_axes((0.0, 0.0, 1.0, 1.0)) if own else None  # placed by _heat_boxes
    if cax is not None:
        fig.colorbar(mesh, cax=cax, label=units)
    else:
        fig.colorbar(mesh, ax=ax, pad=0.01, fraction=0.04, aspect=30, label=units)
    if (np.isnan(grid) & ~uncovered).any():
        notes.append("Grey hatched cells: no data (unknown, not zero).")
    if uncovered.any():
        notes.append(
            "Cross-hatched cells: the source does not cover that period (unknown, not zero)."
        )
    if not finite.size:
        notes.insert(0, "No value in any covered cell.")
    foot = chart_footer(ax, source=source, synthetic=synthetic, own=own, notes=notes)
    if cax is not None:
        ax_box, bar_box = _heat_boxes(fig, foot, gaz["_short"].to_list(), cax)
        ax.set_position(ax_box)
        cax.set_position(bar_box)
    pin_fonts(fig)
    return fig


_HEAT_YTICKS: Final = 6.5  # oblast names on a heatmap's y axis
_HEAT_BAR: Final = (0.06, 0.15)  # colour bar: gap to the cells, width (inches)


def _heat_boxes(
    fig: Figure, foot: float, names: Sequence[str], cax: Axes | None
) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]]:
    """Boxes of a heatmap and its colour bar from fixed text heights and measured labels
    (oblast names left, the bar's values right): the same cells whatever the title, credit
    or notes say (``foot``: the footer strip, figure fraction)."""
    pad = 3.5 / 72  # tick label pad (the y ticks have no length)
    names_w = max((text_width(n, _HEAT_YTICKS) for n in names), default=0.0) / 72
    bar_w = 0.0 if cax is None else tick_label_width([cax], 8, side="right")
    margins = Margins(
        left=EDGE + line_height(9) + 4 / 72 + names_w + pad,
        bottom=foot * fig.get_figheight() + EDGE + line_height(9) + 4 / 72 + _TICK_ROOM
        + line_height(8),
        right=EDGE + line_height(9) + 4 / 72 + bar_w + _TICK_ROOM,
        top=EDGE + line_height(11) + 6 / 72,
    )  # fmt: skip
    gap, width = _HEAT_BAR
    return bar_boxes(fig, margins, gap=gap, width=width)


def _row_names(ax: Axes, names: Sequence[str]) -> None:
    """Each row's oblast name left of the cells, where a tick label would be (no tick mark),
    and the y label left of the widest name (its 4 pt pad), as the axis would place it.

    Plain texts (``gid="row-label"``), not tick labels: 27 tick objects (two marks, a
    gridline and two labels each) were most of a heatmap's drawing time.
    """
    scale = ax.figure.figure.dpi_scale_trans  # type: ignore[union-attr]
    pad = 3.5 / 72
    to = blended_transform_factory(ax.transAxes, ax.transData) + ScaledTranslation(-pad, 0, scale)
    for r, name in enumerate(names):
        ax.text(0, r, name, transform=to, ha="right", va="center_baseline",
                fontsize=_HEAT_YTICKS, gid="row-label", clip_on=False)  # fmt: skip
    widest = max((text_width(n, _HEAT_YTICKS) for n in names), default=0.0) / 72
    shift = ScaledTranslation(-(widest + pad + 4 / 72), 0, scale)
    ax.yaxis.set_label_coords(0, 0.5, transform=ax.transAxes + shift)


def _row_order(
    gaz: pl.DataFrame, df: pl.DataFrame, order: str, group_col: str, value_col: str
) -> pl.DataFrame:
    """Gazetteer rows in the requested order; ``"value"``: largest total first, then by name."""
    if order != "value":
        return order_codes(gaz, order)
    totals = df.group_by(group_col).agg(pl.col(value_col).sum().alias("_total"))
    return (
        gaz.join(totals, left_on="code", right_on=group_col, how="left")
        .sort(["_total", "_short"], descending=[True, False], nulls_last=True)
        .drop("_total")
    )


def _grid(
    df: pl.DataFrame,
    periods: pl.Series,
    codes: list[str],
    period_col: str,
    group_col: str,
    value_col: str,
    covered_col: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Values (NaN: no data or not covered) and the not-covered mask, oblast x period."""
    grid = np.full((len(codes), periods.len()), np.nan)
    uncovered = np.zeros(grid.shape, dtype=bool)
    pindex = {p: i for i, p in enumerate(periods.to_list())}
    rindex = {c: i for i, c in enumerate(codes)}
    cov = df[covered_col] if covered_col in df.columns else pl.repeat(True, df.height, eager=True)
    rows = zip(df[period_col], df[group_col], df[value_col], cov, strict=True)
    for p, g, v, c in rows:
        if g not in rindex:
            continue
        r, j = rindex[g], pindex[p]
        if c is False:
            uncovered[r, j] = True
        else:
            grid[r, j] = np.nan if v is None else v
    return grid, uncovered


def _hatch_runs(ax: Axes, uncovered: np.ndarray) -> None:
    """Cross-hatch each horizontal run of not-covered cells (one rectangle per run)."""
    for r, row in enumerate(uncovered):
        j = 0
        while j < row.size:
            if not row[j]:
                j += 1
                continue
            k = j
            while k < row.size and row[k]:
                k += 1
            ax.add_patch(
                Rectangle(
                    (j - 0.5, r - 0.5),
                    k - j,
                    1.0,
                    facecolor="white",
                    edgecolor=TEXT_GREY,
                    hatch="\\\\",
                    lw=0,
                    zorder=2,
                )
            )
            j = k


def _period_ticks(ax: Axes, periods: pl.Series, *, width_pt: float, fontsize: float = 8) -> None:
    """Label as many evenly spaced periods as fit ``width_pt`` without overlap (at most 8)."""
    n = periods.len()
    values = periods.to_list()
    monthly = all(isinstance(v, dt.date) and v.day == 1 for v in values)
    labels_all = [
        (v.strftime("%Y-%m") if monthly else v.isoformat()) if isinstance(v, dt.date) else str(v)
        for v in values
    ]
    widest = max(text_width(s, fontsize) for s in labels_all)
    fit = max(2, int(width_pt // (widest * 1.5)))
    max_ticks = min(8, fit)
    step = max(1, -(-n // max_ticks))
    idx = list(range(0, n, step))
    ax.set_xticks(idx, [labels_all[i] for i in idx])
    ax.tick_params(axis="x", labelsize=fontsize)
    ax.set_xlim(-0.5, n - 0.5)
