"""Structural breaks drawn on their series: inside the data's range, never a negative count."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analytics.charts.credits import resolve_credit
from analytics.charts.frames import Frame, as_floats, collect_frame, is_temporal, x_values
from analytics.charts.style import (
    OKABE_ITO,
    REPORT_SIZE,
    chart_footer,
    format_dates,
    new_axes,
    no_data,
    pin_fonts,
    styled,
)

__all__ = ["structural_breaks", "count_level"]


def count_level(level: float | None) -> float | None:
    """A fitted level shown as a count: never below zero (``expm1`` of a log fit can be -0.1).

    Examples
    --------
    >>> count_level(-0.1), count_level(3.2), count_level(None)
    (0.0, 3.2, None)
    """
    if level is None or not np.isfinite(level):
        return None
    return max(0.0, float(level))


@styled
def structural_breaks(
    history: Frame,
    breaks: Frame,
    *,
    fitted: Frame | None = None,
    period_col: str = "period",
    value_col: str = "value",
    title: str = "Structural breaks",
    xlabel: str = "Week starting (Monday)",
    ylabel: str = "Count per week",
    source: str | None = None,
    sources: Sequence[str] | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = REPORT_SIZE,
) -> Figure:
    """The series with each break (``models.find_breaks``) and its 95% date interval.

    ``breaks`` needs ``period``, ``ci_low``, ``ci_high``, ``level_before``, ``level_after``.
    Intervals are cut at the first and last period of ``history`` (a break can only be
    located inside the data) and the cut is noted; breaks outside the data are not drawn and
    are counted in a note. Levels are written as counts, never below zero. ``fitted`` (the
    ``Breaks.fitted`` frame: ``period``, ``fitted`` on the log1p scale) adds the fitted regimes
    as a dashed line, back-transformed and floored at zero.
    """
    source = resolve_credit(source, sources)
    hist = collect_frame(history, [period_col, value_col], "history")
    hist = hist.filter(pl.col(period_col).is_not_null()).sort(period_col)
    cols = ["period", "ci_low", "ci_high", "level_before", "level_after"]
    brk = collect_frame(breaks, cols, "breaks").sort("period")
    fig, ax, own = new_axes(ax, figsize)
    ax.set_title(title, y=1.0)  # a fixed y skips measuring the tick labels at every draw
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    y = as_floats(hist[value_col])
    if hist.height == 0 or not np.isfinite(y).any():
        no_data(ax)
        chart_footer(ax, source=source, synthetic=synthetic, own=own,
                notes=["No series to search for breaks."])  # fmt: skip
        pin_fonts(fig)
        return fig
    x = x_values(hist[period_col])
    ax.plot(x, y, color="#222222", lw=1.3, label="Observed", zorder=4)
    if fitted is not None:
        ft = collect_frame(fitted, ["period", "fitted"], "fitted").sort("period")
        level = np.maximum(np.expm1(as_floats(ft["fitted"])), 0.0)
        ax.plot(x_values(ft["period"]), level, color=OKABE_ITO["blue"], lw=1.2, ls="--",
                label="Fitted regimes", zorder=3)  # fmt: skip
    notes = _draw_breaks(ax, brk, hist[period_col])
    top = float(np.nanmax(y))
    ax.set_ylim(min(0.0, float(np.nanmin(y))), top * 1.25 if top > 0 else 1.0)
    if is_temporal(hist[period_col]):
        format_dates(ax)
    ax.legend(loc="upper left", ncols=3)
    if brk.height == 0:
        notes.insert(0, "No structural break found.")
    chart_footer(ax, source=source, synthetic=synthetic, own=own, notes=notes)
    pin_fonts(fig)
    return fig


def _draw_breaks(ax: Axes, brk: pl.DataFrame, periods: pl.Series) -> list[str]:
    """Vertical lines, intervals cut at the data's range, and level labels; return notes."""
    first, last = periods.min(), periods.max()
    outside = cut = 0
    for i, row in enumerate(brk.iter_rows(named=True)):
        if row["period"] is None or not (first <= row["period"] <= last):  # type: ignore[operator]
            outside += 1
            continue
        lo = max(row["ci_low"] or row["period"], first)  # type: ignore[type-var]
        hi = min(row["ci_high"] or row["period"], last)  # type: ignore[type-var]
        cut += int((row["ci_low"] or first) < first or (row["ci_high"] or last) > last)  # type: ignore[operator]
        xs = x_values(pl.Series([lo, row["period"], hi], dtype=periods.dtype))
        ax.axvspan(xs[0], xs[2], color=OKABE_ITO["orange"], alpha=0.18, lw=0,
                   label="95% interval of the break date" if i == 0 else None)  # fmt: skip
        ax.axvline(xs[1], color=OKABE_ITO["vermilion"], lw=1.2,
                   label="Break" if i == 0 else None)  # fmt: skip
        before, after = count_level(row["level_before"]), count_level(row["level_after"])
        if before is not None and after is not None:
            ax.annotate(f"{before:,.1f} \u2192 {after:,.1f}", (xs[1], 0.0),
                        xycoords=("data", "axes fraction"), xytext=(3, 4),
                        textcoords="offset points", fontsize=7, color=OKABE_ITO["vermilion"],
                        bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 1.0})  # fmt: skip
    notes = []
    if cut:
        notes.append(f"{cut} break interval(s) cut at the first or last period of the data.")
    if outside:
        notes.append(f"{outside} break(s) outside the data's range not drawn.")
    if brk.height:
        notes.append("Labels: fitted level (count per period) just before \u2192 just after.")
    return notes
