"""The charts of a report, drawn with :mod:`analytics.charts` and kept as PNG bytes.

Which charts: a forecast fan per primary series (incidents, alerts, missiles and drones
launched), a tile map of incidents per 100,000, an oblast x period heatmap of incidents, the
strike-type mix, an alerts heatmap and launched vs destroyed, each only when the data cover
the period. Recent windows never start before the first period the data fully cover.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import polars as pl

import analytics.charts as ch
from analytics.aggregate import complete_panel
from analytics.report.content import (
    PERMANENT_ALERTS,
    PRIMARY_SERIES,
    Chart,
    Period,
    ReportData,
    SeriesData,
    recent_start,
)  # fmt: skip

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["report_charts", "omitted_charts"]

_HISTORY: Final = {"week": 52, "month": 24}


def _png(fig: Figure, tmp: Path, name: str) -> bytes:
    path = ch.save_figure(fig, tmp / name)
    return path.read_bytes()


def report_charts(
    data: ReportData,
    p: Period,
    extra: dict[str, Any],
    oblast_tab: pl.DataFrame,
    source_line: str,
    synthetic: bool,
) -> list[Chart]:
    """The report's charts for ``p`` as PNG bytes (only those whose data cover ``p``)."""
    series = data.series
    out: list[Chart] = []

    def since(s: SeriesData) -> dt.date:
        return recent_start(s.first_day, p)

    unit = p.kind
    xlabel = "Week starting (Monday)" if unit == "week" else "Month"
    kw = {"source": source_line, "synthetic": synthetic}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)

        def add(key: str, title: str, caption: str, make: Callable[[], Figure]) -> None:
            name = f"fig{len(out) + 1:02d}_{key}.png"
            out.append(Chart(key, title, caption, name, _png(make(), tmp, name)))

        for _family, col, label in PRIMARY_SERIES:
            if col not in extra:
                continue
            hist, fc, flagged = extra[col]
            hist = hist.filter(pl.col("period") > p.shift(-_HISTORY[unit]).start)
            surges = None
            if flagged is not None and flagged.height:
                surges = flagged.select("period", pl.col("observed").alias("value"),
                                        pl.col("p_upper").alias("p_value"))  # fmt: skip
            title = f"{label} per {unit}, with forecast"
            add(f"forecast_{col}", title,
                f"{label} per {unit} up to {p.end}, then the forecast: dashed line the median, "
                "bands the 80% and 95% intervals; red dots: periods flagged by the surge check.",
                lambda h=hist, f=fc, s=surges, t=title, c=col: ch.forecast_fan(
                    h, f, surges=s, title=t, xlabel=xlabel, center_col="median",
                    ylabel=f"{c.capitalize()} (count per {unit})", **kw))  # fmt: skip
        inc = series["oblasts"]
        if inc.covers(p) != "none":
            window_start = since(inc)
            no_pop = oblast_tab.filter(pl.col("population_2022").is_null())["name_en"].to_list()
            pop_note = (
                f" No rate for {', '.join(sorted(no_pop))}: the gazetteer has no population "
                "estimate."
                if no_pop
                else ""
            )
            rates = oblast_tab.select(
                "oblast_code",
                (pl.col("incidents") / pl.col("population_2022") * 100_000).alias("rate"),
            )
            add("map_incidents", f"Incidents per 100,000 residents, {p.short}",
                "Incidents in the period per 100,000 residents (2022 population), by oblast."
                + pop_note,
                lambda: ch.tile_map(rates, title=f"Incidents per 100,000 residents, {p.short}",
                                    value_format="{:,.2f}", **kw))  # fmt: skip
            codes = oblast_tab["oblast_code"].to_list()
            panel = inc.frame.filter(
                (pl.col("period") >= window_start) & (pl.col("period") <= p.start)
                & pl.col("oblast_code").is_not_null()
            ).select("period", "oblast_code", "incidents")  # fmt: skip
            panel = complete_panel(panel, freq=unit, keys=codes, start=window_start, end=p.start)
            add("oblasts_incidents", f"Incidents per {unit} by oblast",
                f"Incidents per {unit} in each oblast from {window_start} to {p.end}.",
                lambda: ch.heatmap(panel, value_col="incidents", order="geographic",
                                   title=f"Incidents per {unit} by oblast", xlabel=xlabel,
                                   units=f"Incidents (count per {unit})", **kw))  # fmt: skip
            add("oblasts_small_multiples", f"Incidents per {unit}, one panel per oblast",
                f"Incidents per {unit} in each of the 27 oblasts from {window_start} to {p.end}; "
                "each panel has its own y scale (compare shapes; the heatmap compares levels).",
                lambda: ch.small_multiples(panel, value_col="incidents", sharey=False,
                                           order="geographic", xlabel=xlabel,
                                           title=f"Incidents per {unit}, one panel per oblast",
                                           ylabel=f"Incidents (count per {unit})",
                                           figsize=(7.5, 8.0), **kw))  # fmt: skip
            mix = data.strike_mix
            assert mix is not None
            add("strike_types", "Incidents by strike type",
                f"Share of incidents by strike type from {window_start} to {p.end}.",
                lambda: ch.mix_over_time(mix, kind="bar", title="Incidents by strike type",
                                         xlabel=xlabel, **kw))  # fmt: skip
        alerts = series.get("oblast_alerts")
        if alerts is not None and alerts.covers(p) != "none":
            codes = sorted(oblast_tab["oblast_code"].to_list())
            window_start = since(alerts)
            a = alerts.frame.filter(
                (pl.col("period") >= window_start) & (pl.col("period") <= p.start)
            )
            a = complete_panel(a.select("period", "oblast_code", "alerts"), freq=unit, keys=codes,
                               start=window_start, end=p.start, zero_cols=("alerts",))  # fmt: skip
            hidden = pl.lit(False)
            for code, day in sorted(PERMANENT_ALERTS.items()):
                hidden = hidden | ((pl.col("oblast_code") == code) & (pl.col("period") >= day))
            a = a.with_columns(pl.when(~hidden).then(pl.col("alerts")).alias("alerts"))
            add("alerts_heatmap", f"Air-raid alerts per {unit} by oblast",
                f"Oblast-level air-raid alerts per {unit} ({alerts.note}). Grey: Luhansk and "
                "Crimea under a permanent alert the source does not list (unknown, not zero).",
                lambda: ch.heatmap(a, title=f"Air-raid alerts per {unit} by oblast",
                                   xlabel=xlabel, units=f"Alerts (count per {unit})",
                                   order="geographic", **kw))  # fmt: skip
        waves = series.get("waves")
        if waves is not None and waves.covers(p) != "none":
            window_start = since(waves)
            w = waves.frame.filter(
                (pl.col("period") >= window_start) & (pl.col("period") <= p.start)
            )
            add("interceptions", "Missiles and drones launched and destroyed",
                "Launched and reported destroyed, national reports; line: destroyed / launched.",
                lambda: ch.interceptions(w, period_col="period", xlabel=xlabel, **kw))  # fmt: skip
    return out


_FAMILIES: Final = (
    ("oblasts", "incidents", "incident charts (oblast map, heatmap and panels, strike-type mix)"),
    ("oblast_alerts", "air-raid alerts", "alert heatmap"),
    ("waves", "attack waves", "launched-versus-destroyed chart"),
)


def omitted_charts(series: dict[str, SeriesData], p: Period) -> list[str]:
    """Why a chart family is missing from the report of ``p`` (one sentence per family).

    Examples
    --------
    >>> from analytics.report.content import period_containing
    >>> s = SeriesData("waves", pl.DataFrame({"period": []}), dt.date(2022, 9, 1),
    ...                dt.date(2023, 1, 1), "weekly_attacks", "week")
    >>> notes = omitted_charts({"waves": s}, period_containing(dt.date(2025, 6, 1), "week"))
    >>> notes[2].startswith("No launched-versus-destroyed chart: the attack waves data cover")
    True
    >>> notes[2].endswith("2022-09-01 to 2023-01-01, not this period.")
    True
    """
    out = []
    for key, what, charts in _FAMILIES:
        s = series.get(key)
        if s is None or not s.present:
            out.append(f"No {charts}: the database holds no {what}.")
        elif s.covers(p) == "none":
            out.append(
                f"No {charts}: the {what} data cover {s.first_day} to {s.last_day}, "
                "not this period."
            )
    return out
