"""Time-series charts: forecast fan, category mix over time and interceptions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Final, Literal

import matplotlib.dates as mdates
import numpy as np
import polars as pl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from analytics.charts.credits import resolve_credit, text_width
from analytics.charts.frames import (
    Frame,
    as_floats,
    collect_frame,
    is_temporal,
    period_step,
    x_values,
)
from analytics.charts.layout import single_box, tick_label_width
from analytics.charts.style import (
    CYCLE,
    GREY,
    OKABE_ITO,
    REPORT_SIZE,
    STRIKE_TYPE_COLOURS,
    TEXT_GREY,
    chart_footer,
    format_dates,
    new_axes,
    no_data,
    pin_fonts,
    styled,
)

__all__ = ["forecast_fan", "interceptions", "isolated", "mix_over_time"]


def _pretty(label: object) -> str:
    if label is None:
        return "(not recorded)"
    text = str(label).replace("_", " ")
    return text[:1].upper() + text[1:]


def isolated(y: np.ndarray) -> np.ndarray:
    """Known values whose neighbours are both unknown (or absent): a line through them draws
    nothing, so they need a marker.

    Examples
    --------
    >>> isolated(np.array([1.0, np.nan, 2.0, np.nan, 3.0, 4.0])).tolist()
    [True, False, True, False, False, False]
    >>> isolated(np.array([5.0])).tolist()
    [True]
    """
    known = np.isfinite(y)
    before = np.concatenate([[False], known[:-1]])
    after = np.concatenate([known[1:], [False]])
    return known & ~before & ~after


@styled
def forecast_fan(
    history: Frame,
    forecast: Frame | None = None,
    *,
    period_col: str = "period",
    value_col: str = "value",
    surges: Frame | None = None,
    p_value_col: str = "p_value",
    forecast_period_col: str = "period_start",
    complete_col: str = "complete",
    center_col: str = "mean",
    title: str = "Incidents per week, with forecast",
    xlabel: str = "Week starting (Monday)",
    ylabel: str = "Incidents (count per week)",
    source: str | None = None,
    sources: Sequence[str] | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = REPORT_SIZE,
) -> Figure:
    """Observed series with a forecast fan (80% and 95% intervals) and flagged surges.

    Parameters
    ----------
    history : DataFrame
        ``period_col`` and ``value_col`` (national or one oblast). NULL values leave gaps.
        When ``complete_col`` is present (see ``aggregate.flag_incomplete``), incomplete
        periods are drawn as hollow grey markers and not joined to the line.
    forecast : DataFrame, optional
        ``period_start``, ``center_col`` and ``lo80, hi80, lo95, hi95``.
    center_col : str
        The forecast column drawn as the dashed central line (``mean`` or ``median``; the
        median is the safer choice when a few simulated paths explode and drag the mean
        outside the 80% band).
    surges : DataFrame, optional
        Flagged periods with ``period_col``, ``value_col`` and ``p_value_col``; drawn as
        markers with a legend entry (p-values are written beside up to 8 markers).
    source, synthetic, ax, figsize
        Source line; draw the synthetic-data label; axes to draw into; size of a new figure.
    """
    source = resolve_credit(source, sources)
    hist = collect_frame(history, [period_col, value_col], "history")
    hist = hist.filter(pl.col(period_col).is_not_null()).sort(period_col)
    fc_cols = [forecast_period_col, center_col, "lo80", "hi80", "lo95", "hi95"]
    fc = collect_frame(forecast, fc_cols, "forecast").sort(forecast_period_col)
    fig, ax, own = new_axes(ax, figsize, fixed=True)
    ax.set_title(title, y=1.0)  # a fixed y skips measuring the tick labels at every draw
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    has_values = (
        hist[value_col].null_count() < hist.height or fc[center_col].null_count() < fc.height
    )
    if not has_values:
        no_data(ax)
        foot = chart_footer(ax, source=source, synthetic=synthetic, own=own)
        _place(fig, ax, foot, own=own, temporal=False)
        pin_fonts(fig)
        return fig

    incomplete = (
        ~hist[complete_col].fill_null(True)
        if complete_col in hist.columns
        else pl.Series([False] * hist.height, dtype=pl.Boolean)
    )
    y = as_floats(hist[value_col])
    y_line = np.where(incomplete.to_numpy(), np.nan, y)
    x = x_values(hist[period_col])
    ax.plot(x, y_line, color="#222222", lw=1.4, label="Observed", zorder=4)
    alone = isolated(y_line)
    if alone.any():  # a known period between two unknown ones draws no line: mark it
        ax.plot(x[alone], y_line[alone], ls="none", marker="o", color="#222222", ms=3.5, zorder=4)
    if incomplete.any():
        mask = incomplete.to_numpy()
        ax.plot(
            x[mask],
            y[mask],
            ls="none",
            marker="o",
            mfc="white",
            mec=GREY,
            ms=5,
            label="Incomplete period",
            zorder=4,
        )
    if fc.height:
        _draw_forecast(ax, fc, forecast_period_col, center_col)
    if surges is not None:
        sg = collect_frame(surges, [period_col, value_col, p_value_col], "surges").sort(period_col)
        _draw_surges(ax, sg, period_col, value_col, p_value_col)
    if is_temporal(hist[period_col]) or (fc.height and is_temporal(fc[forecast_period_col])):
        format_dates(ax)
    _scale_to_history(ax, y, fc, center_col)
    ax.legend(loc="upper left", ncols=2)
    foot = chart_footer(ax, source=source, synthetic=synthetic, own=own)
    _place(fig, ax, foot, own=own, temporal=is_temporal(hist[period_col]))
    pin_fonts(fig)
    return fig


#: Room right of a single chart's axes for half of its last x tick label, inches.
_OVERHANG: Final = 0.3


def _place(
    fig: Figure, ax: Axes, foot: float, *, own: bool, temporal: bool, right: float = _OVERHANG
) -> None:
    """Fix the box of the one axes of a figure this module made (``own``) above the footer
    strip (``foot``, figure fraction), sized by the y tick labels it will draw."""
    if own:
        ytick = tick_label_width([ax], 8)
        ax.set_position(
            single_box(fig, foot=foot * fig.get_figheight(), ytick=ytick, right=right,
                       temporal=temporal)
        )  # fmt: skip


def _draw_forecast(ax: Axes, fc: pl.DataFrame, period_col: str, center_col: str) -> None:
    """The 95% and 80% bands, the dashed centre line and a dotted line where the forecast starts."""
    fx = x_values(fc[period_col])
    band = OKABE_ITO["blue"]
    for level, alpha in (("95", 0.15), ("80", 0.30)):
        ax.fill_between(fx, as_floats(fc[f"lo{level}"]), as_floats(fc[f"hi{level}"]), color=band,
                        alpha=alpha, lw=0, label=f"{level}% interval")  # fmt: skip
    ax.plot(fx, as_floats(fc[center_col]), color=band, lw=1.4, ls="--",
            label=f"Forecast ({center_col})")  # fmt: skip
    ax.axvline(fx[0], color=GREY, lw=0.8, ls=":", zorder=1)


def _draw_surges(
    ax: Axes, sg: pl.DataFrame, period_col: str, value_col: str, p_value_col: str
) -> None:
    """Surge markers (vermilion dots) with their p-values written beside up to 8 of them.

    Of surges closer together than ``LABEL_GAP`` of the x-range drawn, only the most
    significant is labelled (neighbouring labels would print over each other).
    """
    if not sg.height:
        return
    sx, sy = x_values(sg[period_col]), as_floats(sg[value_col])
    ax.plot(sx, sy, ls="none", marker="o", ms=6, mfc=OKABE_ITO["vermilion"], mec="white",
            mew=0.8, label="Flagged surge", zorder=5)  # fmt: skip
    if sg.height > 8:
        return
    lo, hi = ax.dataLim.intervalx
    gap = LABEL_GAP * max(hi - lo, 1.0)
    at = mdates.date2num(sx) if np.issubdtype(np.asarray(sx).dtype, np.datetime64) else sx
    labelled: list[float] = []
    points = zip(np.asarray(at, dtype=float), sy, sg[p_value_col].to_list(), strict=True)
    for xi, yi, p in sorted(points, key=lambda t: np.inf if t[2] is None else t[2]):
        if p is None or not np.isfinite(yi) or any(abs(xi - x) < gap for x in labelled):
            continue
        labelled.append(xi)
        ax.annotate(f"p={p:.2g}", (xi, yi), xytext=(0, 6), textcoords="offset points",
                    ha="center", fontsize=6.5, color=OKABE_ITO["vermilion"])  # fmt: skip


#: Surges closer than this share of the chart's x-range share one p-value label.
LABEL_GAP = 0.06


#: A fan's y-axis reaches at most this multiple of the largest value drawn in the history.
HISTORY_HEADROOM = 1.6


def _scale_to_history(ax: Axes, y: np.ndarray, fc: pl.DataFrame, center_col: str) -> None:
    """Y from 0 to ``HISTORY_HEADROOM`` x the history's maximum; label any band cut off.

    Without history values, the forecast's centre line sets the scale instead. Forecast bands
    reaching above the top are clipped by the axes, and a label on the chart says how high
    the 95% interval reaches; negative levels are never shown for counts (bottom at 0 unless
    the history itself goes below 0).
    """
    center = as_floats(fc[center_col]) if fc.height else np.array([])
    ref_values = y[np.isfinite(y)] if np.isfinite(y).any() else center[np.isfinite(center)]
    ref = float(ref_values.max()) if ref_values.size else 0.0
    top = ref * HISTORY_HEADROOM if ref > 0 else 1.0
    bottom = min(0.0, float(ref_values.min())) if ref_values.size else 0.0
    ax.set_ylim(bottom, top)
    if not fc.height:
        return
    hi95 = as_floats(fc["hi95"])
    highest = float(np.nanmax(hi95)) if np.isfinite(hi95).any() else np.nan
    centre_high = float(np.nanmax(center)) if np.isfinite(center).any() else np.nan
    if not (highest > top or centre_high > top):
        return
    what = "forecast line and 95% interval reach" if centre_high > top else "95% interval reaches"
    ax.text(
        0.99,
        0.98,
        f"\u2191 off the scale: the {what} {highest:,.0f}",
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=7,
        color=OKABE_ITO["blue"],
        bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 1.0},
        gid="clip-note",
        zorder=6,
    )


@styled
def mix_over_time(
    frame: Frame,
    *,
    period_col: str = "period",
    category_col: str = "strike_type",
    value_col: str = "incidents",
    share: bool = True,
    kind: Literal["area", "bar"] = "area",
    categories: Sequence[str] | None = None,
    colours: Mapping[str, str] | None = None,
    title: str = "Incidents by strike type",
    xlabel: str = "Month",
    ylabel: str | None = None,
    value_label: str = "Incidents",
    source: str | None = None,
    sources: Sequence[str] | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = REPORT_SIZE,
    uncovered: Sequence[dt.date] = (),
) -> Figure:
    """Category mix over time as a stacked area (or stacked bars), as shares or counts.

    A category absent in a period counts as zero (tidy frames omit empty cells). A period with
    a NULL value is left blank (its mix is unknown) and a note says how many. NULL categories
    are drawn as "(not recorded)". ``categories`` fixes the stacking order (default: largest
    total first); strike types keep their colours from :data:`STRIKE_TYPE_COLOURS`.
    ``uncovered``: periods no source covers; with ``kind="bar"`` those without a value are
    drawn cross-hatched (unknown, not an empty period).
    """
    source = resolve_credit(source, sources)
    df = collect_frame(frame, [period_col, category_col, value_col], "mix")
    df = df.filter(pl.col(period_col).is_not_null())
    fig, ax, own = new_axes(ax, figsize, fixed=True)
    ax.set_title(title, y=1.0)  # a fixed y skips measuring the tick labels at every draw
    ax.set_xlabel(xlabel)
    ax.set_ylabel(
        ylabel or (f"Share of {value_label.lower()} (%)" if share else f"{value_label} (count)")
    )
    notes: list[str] = []
    if df.height == 0 or df[value_col].null_count() == df.height:
        no_data(ax)
        foot = chart_footer(ax, source=source, synthetic=synthetic, own=own)
        _place(fig, ax, foot, own=own, temporal=False)
        pin_fonts(fig)
        return fig
    cell = (
        df.group_by(period_col, category_col)
        .agg(pl.when(pl.col(value_col).null_count() == 0).then(pl.col(value_col).sum()).alias("v"))
        .with_columns(pl.col(category_col).cast(pl.String))
    )
    if categories is None:
        totals = (
            cell.group_by(category_col)
            .agg(pl.col("v").sum())
            .sort(["v", category_col], descending=[True, False], nulls_last=True)
        )
        cats = totals[category_col].to_list()
    else:
        cats = list(categories)
        extra = set(cell[category_col].to_list()) - set(cats)
        if extra:
            raise ValueError(f"mix_over_time: categories not listed: {sorted(extra, key=str)}")
    periods = cell[period_col].unique().sort()
    wide = np.zeros((periods.len(), len(cats)))
    pindex = {p: i for i, p in enumerate(periods.to_list())}
    cindex = {c: j for j, c in enumerate(cats)}
    blank = np.zeros(periods.len(), dtype=bool)
    for p, c, v in cell.select(period_col, category_col, "v").iter_rows():
        if v is None:
            blank[pindex[p]] = True
        else:
            wide[pindex[p], cindex[c]] = v
    if share:
        total = wide.sum(axis=1)
        empty = total == 0
        if (empty & ~blank).any():
            notes.append(
                f"{int((empty & ~blank).sum())} period(s) with nothing recorded left blank."
            )
        with np.errstate(invalid="ignore", divide="ignore"):
            wide = np.where(empty[:, None], np.nan, wide / total[:, None] * 100)
    if blank.any():
        notes.append(f"{int(blank.sum())} period(s) with unreported values left blank.")
    wide[blank] = np.nan
    palette = iter(CYCLE)
    cmap = dict(colours or {})
    cols = [cmap.get(c) or STRIKE_TYPE_COLOURS.get(c) or next(palette, GREY) for c in cats]
    cols = [GREY if c is None else col for c, col in zip(cats, cols, strict=True)]
    labels = [_pretty(c) for c in cats]
    x = x_values(periods)
    if kind == "area":
        ax.stackplot(x, wide.T, labels=labels, colors=cols, lw=0)
        ax.margins(x=0)
    elif kind == "bar":
        width = period_step(periods)
        width = width * 0.85 if isinstance(width, dt.timedelta) else 0.85 * width
        bottom = np.zeros(periods.len())
        for j, (lab, col) in enumerate(zip(labels, cols, strict=True)):
            ax.bar(x, wide[:, j], bottom=bottom, width=width, color=col, label=lab, lw=0)
            bottom = bottom + np.nan_to_num(wide[:, j])
        if _hatch_uncovered(ax, periods, uncovered, width, 100.0 if share else bottom.max()):
            notes.append("Cross-hatched: periods no source covers (unknown, not zero).")
    else:
        raise ValueError(f"kind must be 'area' or 'bar', not {kind!r}")
    if share:
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    if is_temporal(periods):
        format_dates(ax)
    handles, leg_labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], leg_labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.grid(axis="x", visible=False)
    foot = chart_footer(ax, source=source, synthetic=synthetic, own=own, notes=notes)
    _place(fig, ax, foot, own=own, temporal=is_temporal(periods), right=_legend_room(leg_labels))
    pin_fonts(fig)
    return fig


def _hatch_uncovered(
    ax: Axes, periods: pl.Series, uncovered: Sequence[dt.date], width: Any, height: float
) -> bool:
    """Cross-hatched bars at the ``uncovered`` periods that have no bar of their own."""
    drawn = set(periods.to_list())
    gaps = sorted(set(uncovered) - drawn)
    if not gaps or not is_temporal(periods) or not height > 0:
        return False
    x = x_values(pl.Series(gaps).cast(periods.dtype))
    ax.bar(x, height, width=width, facecolor="white", edgecolor=TEXT_GREY, hatch="\\\\",
           lw=0, zorder=0)  # fmt: skip
    return True


def _legend_room(labels: Sequence[str]) -> float:
    """Inches right of the axes for a legend at ``bbox_to_anchor=(1.01, 1)`` (8 pt labels:
    border pads 2 x 0.4 em, handle 2 em, its pad 0.8 em, the axes pad 0.5 em)."""
    widest = max((text_width(s, 8) for s in labels), default=0.0)
    return 0.07 + (4.1 * 8 + widest) / 72 + 0.06


@styled
def interceptions(
    weekly: Frame,
    *,
    period_col: str = "week",
    launched_col: str = "launched",
    destroyed_col: str = "destroyed",
    complete_col: str = "complete",
    title: str = "Missiles and drones launched and destroyed",
    xlabel: str = "Week starting (Monday)",
    ylabel: str = "Missiles and drones (count)",
    rate_label: str = "Interception rate (%)",
    source: str | None = None,
    sources: Sequence[str] | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = REPORT_SIZE,
) -> Figure:
    """Launched (light bars) versus destroyed (dark bars) with the interception rate line.

    The rate (destroyed / launched, %) is on a secondary axis and is NULL (a gap) where
    nothing was launched or either count is NULL. Periods flagged incomplete by
    ``complete_col`` (when present) are drawn paler and noted.
    """
    source = resolve_credit(source, sources)
    df = collect_frame(weekly, [period_col, launched_col, destroyed_col], "weekly")
    df = df.filter(pl.col(period_col).is_not_null()).sort(period_col)
    fig, ax, own = new_axes(ax, figsize)
    ax.set_title(title, y=1.0)  # a fixed y skips measuring the tick labels at every draw
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    notes: list[str] = []
    launched, destroyed = as_floats(df[launched_col]), as_floats(df[destroyed_col])
    if df.height == 0 or (np.isnan(launched).all() and np.isnan(destroyed).all()):
        no_data(ax)
        chart_footer(ax, source=source, synthetic=synthetic, own=own)
        pin_fonts(fig)
        return fig
    x = x_values(df[period_col])
    width = period_step(df[period_col])
    width = width * 0.8 if isinstance(width, dt.timedelta) else 0.8 * width
    alpha = np.ones(df.height)
    if complete_col in df.columns and (~df[complete_col].fill_null(True)).any():
        alpha = np.where(df[complete_col].fill_null(True).to_numpy(), 1.0, 0.4)
        notes.append("Pale bars: period not yet complete.")
    lb = ax.bar(x, launched, width=width, color=OKABE_ITO["sky_blue"], label="Launched", lw=0)
    db = ax.bar(x, destroyed, width=width * 0.6, color=OKABE_ITO["blue"], label="Destroyed", lw=0)
    for bars in (lb, db):
        for patch, a in zip(bars.patches, alpha, strict=True):
            patch.set_alpha(a)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(launched > 0, destroyed / launched * 100, np.nan)
    twin = ax.twinx()
    twin.spines["right"].set_visible(True)
    twin.grid(False)
    twin.plot(
        x, rate, color=OKABE_ITO["vermilion"], lw=1.4, marker="o", ms=2.5, label="Interception rate"
    )
    top = max(100.0, float(np.nanmax(rate))) if np.isfinite(rate).any() else 100.0
    twin.set_ylim(0, top * 1.3)  # head room for the legend
    twin.set_yticks(np.arange(0, top + 1, 20))
    twin.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    twin.set_ylabel(rate_label, color=OKABE_ITO["vermilion"])
    twin.tick_params(axis="y", colors=OKABE_ITO["vermilion"], labelsize=8)
    if is_temporal(df[period_col]):
        format_dates(ax)
    ax.grid(axis="x", visible=False)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = twin.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper left", ncols=3, bbox_to_anchor=(0.0, 1.0))
    ax.set_ylim(0, float(np.nanmax(np.fmax(launched, destroyed))) * 1.3)
    chart_footer(ax, source=source, synthetic=synthetic, own=own, notes=notes)
    pin_fonts(fig)
    return fig
