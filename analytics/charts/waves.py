"""Attack-wave composition: launched, destroyed, not reached (electronic warfare), the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import polars as pl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from analytics.charts.credits import resolve_credit
from analytics.charts.frames import (
    Frame,
    as_floats,
    collect_frame,
    is_temporal,
    period_step,
    x_values,
)
from analytics.charts.style import (
    GREY,
    OKABE_ITO,
    REPORT_SIZE,
    chart_footer,
    format_dates,
    new_axes,
    no_data,
    pin_fonts,
    styled,
)

__all__ = ["attack_composition", "neutralised_rate"]


def neutralised_rate(
    launched: np.ndarray, destroyed: np.ndarray, not_reached: np.ndarray
) -> np.ndarray:
    """``(destroyed + not_reached) / launched`` in percent; NaN where unknown or nothing launched.

    NULL (NaN) in any of the three gives NaN: a missing ``not_reached`` is unknown, not zero.

    Examples
    --------
    >>> neutralised_rate(np.array([1247.0]), np.array([654.0]), np.array([436.0])).round(1)
    array([87.4])
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(launched > 0, (destroyed + not_reached) / launched * 100, np.nan)


@styled
def attack_composition(
    waves: Frame,
    *,
    period_col: str = "period",
    launched_col: str = "launched",
    destroyed_col: str = "destroyed",
    not_reached_col: str = "not_reach_goal",
    title: str = "Missiles and drones: launched, destroyed, lost to electronic warfare",
    xlabel: str = "Week starting (Monday)",
    ylabel: str = "Missiles and drones (count)",
    source: str | None = None,
    sources: Sequence[str] | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = REPORT_SIZE,
) -> Figure:
    """Stacked bars of what happened to what was launched, with the neutralised rate.

    Each bar is one period's ``launched`` split into destroyed (dark blue), not reached
    (``not_reach_goal``: lost, mostly to electronic warfare; light blue) and the rest
    (launched - destroyed - not reached: reached a target or not accounted for; orange-red
    outline). The line on the right axis is the neutralised rate, (destroyed + not reached)
    / launched. Where ``not_reached`` is NULL the bar shows destroyed only, the rest is drawn
    hatched as "not reported" and the rate is left out (unknown, not destroyed / launched).
    """
    source = resolve_credit(source, sources)
    cols = [period_col, launched_col, destroyed_col, not_reached_col]
    df = (
        collect_frame(waves, cols, "waves")
        .filter(pl.col(period_col).is_not_null())
        .sort(period_col)
    )
    fig, ax, own = new_axes(ax, figsize)
    ax.set_title(title, y=1.0)  # a fixed y skips measuring the tick labels at every draw
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    launched = as_floats(df[launched_col])
    destroyed = as_floats(df[destroyed_col])
    not_reached = as_floats(df[not_reached_col])
    if df.height == 0 or np.isnan(launched).all():
        no_data(ax)
        chart_footer(ax, source=source, synthetic=synthetic, own=own,
                notes=["No attack waves reported in this period."])  # fmt: skip
        pin_fonts(fig)
        return fig
    notes = _draw_bars(ax, df[period_col], launched, destroyed, not_reached)
    rate = neutralised_rate(launched, destroyed, not_reached)
    twin = ax.twinx()
    twin.spines["right"].set_visible(True)
    twin.grid(False)
    twin.plot(x_values(df[period_col]), rate, color=OKABE_ITO["black"], lw=1.2, marker="o",
              ms=2.5, label="Neutralised rate")  # fmt: skip
    twin.set_ylim(0, 130)  # head room for the legend
    twin.set_yticks(np.arange(0, 101, 20))
    twin.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    twin.set_ylabel("Neutralised: (destroyed + not reached) / launched")
    if is_temporal(df[period_col]):
        format_dates(ax)
    ax.grid(axis="x", visible=False)
    top = float(np.nanmax(launched))
    ax.set_ylim(0, top * 1.35 if top > 0 else 1.0)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = twin.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper left", ncols=3, fontsize=7)
    chart_footer(ax, source=source, synthetic=synthetic, own=own, notes=notes)
    pin_fonts(fig)
    return fig


def _draw_bars(
    ax: Axes,
    periods: pl.Series,
    launched: np.ndarray,
    destroyed: np.ndarray,
    not_reached: np.ndarray,
) -> list[str]:
    """Stack destroyed, not reached and the rest; return notes on inconsistent or unknown parts."""
    x = x_values(periods)
    width = period_step(periods)
    width = width * 0.8 if isinstance(width, dt.timedelta) else 0.8 * width
    known = np.isfinite(not_reached)
    nr = np.where(known, not_reached, 0.0)
    d = np.nan_to_num(destroyed)
    rest = launched - d - nr
    over = rest < 0
    rest = np.where(over, 0.0, rest)
    ax.bar(x, d, width=width, color=OKABE_ITO["blue"], label="Destroyed", lw=0)
    ax.bar(x, np.where(known, nr, np.nan), width=width, bottom=d, color=OKABE_ITO["sky_blue"],
           label="Not reached (electronic warfare)", lw=0)  # fmt: skip
    ax.bar(x, np.where(known, rest, np.nan), width=width, bottom=d + nr, facecolor="white",
           edgecolor=OKABE_ITO["vermilion"], lw=0.8, label="Rest (reached or unaccounted)")  # fmt: skip
    ax.bar(x, np.where(known, np.nan, rest), width=width, bottom=d, facecolor="white",
           edgecolor=GREY, hatch="////", lw=0.6, label="Not reached: not reported")  # fmt: skip
    notes = []
    if (~known & np.isfinite(launched)).any():
        notes.append(f"{int((~known & np.isfinite(launched)).sum())} period(s) without a "
                     "not-reached count: hatched, no rate (unknown, not zero).")  # fmt: skip
    if (over & np.isfinite(launched)).any():
        notes.append(f"{int((over & np.isfinite(launched)).sum())} period(s) where destroyed + "
                     "not reached exceed launched (as reported).")  # fmt: skip
    return notes
