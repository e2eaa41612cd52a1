"""The charts of a report, drawn with :mod:`analytics.charts` and kept as PNG bytes.

Which charts: a forecast fan per primary series (incidents, alerts, missiles and drones
launched), a tile map of incidents per 100,000, an oblast x period heatmap of incidents, the
strike-type mix, an alerts heatmap and launched vs destroyed (the composition of what was
launched when the attack series carries ``not_reach_goal``), each only when the data cover
the period. Recent windows never start before the first period the data fully cover.

Each chart credits only the sources it draws (:func:`chart_sources`): incident charts the
incident sources, the alerts heatmap the alerts dataset, wave charts the attack-wave source.
Heatmap rows are ordered by value (incidents) or by name (alerts), and periods a source does
not cover are cross-hatched (:func:`period_coverage`). Fan captions are read from the drawn
figure (:func:`analytics.charts.fan_caption`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import polars as pl

import analytics.charts as ch
from analytics.aggregate import complete_panel
from analytics.reference.citations import describe_sources
from analytics.report.chart_cache import ChartCache
from analytics.report.content import (
    PERMANENT_ALERTS,
    PRIMARY_SERIES,
    Chart,
    Period,
    ReportData,
    SeriesData,
    period_containing,
    recent_start,
)  # fmt: skip
from analytics.report.drawing import Caption, ChartJob, Drawn, draw_order, draw_pngs

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "report_charts", "fan_charts", "data_charts", "data_chart_jobs", "draw_jobs", "draw_order",
    "ChartJob", "as_charts",
    "chart_jobs", "number_charts",
    "omitted_charts", "chart_sources", "source_families", "period_coverage",
]  # fmt: skip

_HISTORY: Final = {"week": 52, "month": 24}
#: Ingest kinds (adapter names) and source-name prefixes of the non-incident families.
_FAMILY_KINDS: Final = {
    "alerts": ("alerts", "air_raid_alerts"),
    "waves": ("missiles", "missile_attacks"),
}


def _family(source: str, kinds: set[str]) -> str:
    """``alerts``, ``waves`` or ``incidents``: the chart family a stored source feeds."""
    for family, (kind, prefix) in _FAMILY_KINDS.items():
        if kind in kinds or source == prefix or source.startswith(prefix + ":"):
            return family
    return "incidents"


def source_families(data: ReportData) -> dict[str, tuple[str, ...]]:
    """The stored source names of each chart family (``incidents``, ``alerts``, ``waves``).

    A source belongs to a family by the kind it was ingested with (``alerts``, ``missiles``)
    or its stored name (``air_raid_alerts:...``, ``missile_attacks``), else to incidents.
    """
    kinds: dict[str, set[str]] = {}
    by = data.ingests_by_source
    if {"source", "kind"} <= set(by.columns):
        for source, kind in by.select("source", "kind").iter_rows():
            kinds.setdefault(source, set()).add(kind)
    names: dict[str, list[str]] = {"incidents": [], "alerts": [], "waves": []}
    for source in data.sources:
        names[_family(source, kinds.get(source, set()))].append(source)
    return {f: tuple(v) for f, v in names.items()}


def chart_sources(data: ReportData) -> dict[str, tuple[str, ...]]:
    """The credit names of the sources each chart family draws (see :func:`source_families`).

    Examples
    --------
    >>> by = pl.DataFrame({"source": ["ucdp", "air_raid_alerts:official:en"],
    ...                    "kind": ["ucdp", "alerts"]})
    >>> d = ReportData({}, ("air_raid_alerts:official:en", "ucdp"), pl.DataFrame(), None, None,
    ...                None, by, pl.DataFrame(), pl.DataFrame(), pl.DataFrame(),
    ...                pl.DataFrame(), {}, None, {})
    >>> credits = chart_sources(d)
    >>> credits["incidents"], credits["alerts"][0][:23], credits["waves"]
    (('UCDP GED (CC BY 4.0)',), 'air-raid sirens dataset', ())
    """
    return {
        f: tuple(n.short for n in describe_sources(v)) for f, v in source_families(data).items()
    }


def period_coverage(
    periods: pl.Series, s: SeriesData, kind: str, gaps: pl.DataFrame | None = None,
    sources: tuple[str, ...] = (),
) -> pl.DataFrame:  # fmt: skip
    """``period`` and ``covered``: whether the data of ``s`` cover each period in full.

    A period is not covered when ``s`` covers it only in part or not at all, or when it lies
    inside a coverage gap (``gaps``: ``source``, ``first_empty_week``, ``last_empty_week``) of
    every one of ``sources`` (the stored names of the sources the chart draws).

    Examples
    --------
    >>> s = SeriesData("x", pl.DataFrame({"period": []}), dt.date(2024, 1, 3),
    ...                dt.date(2024, 3, 31), "v", "period")
    >>> weeks = pl.Series([dt.date(2024, 1, 1), dt.date(2024, 1, 8)])
    >>> period_coverage(weeks, s, "week")["covered"].to_list()
    [False, True]
    """
    gap_spans: dict[str, list[tuple[dt.date, dt.date]]] = {}
    if gaps is not None and gaps.height and sources:
        for src, lo, hi in gaps.select("source", "first_empty_week", "last_empty_week").iter_rows():
            gap_spans.setdefault(src, []).append((lo, hi + dt.timedelta(days=6)))
    covered = []
    for start in periods.to_list():
        q = period_containing(start, kind)
        in_gap = bool(sources) and all(
            any(lo <= q.start and q.end <= hi for lo, hi in gap_spans.get(src, ()))
            for src in sources
        )
        covered.append(s.covers(q) == "full" and not in_gap)
    return pl.DataFrame({"period": periods, "covered": covered},
                        schema_overrides={"covered": pl.Boolean})  # fmt: skip


_Add = Callable[..., None]  # add(key, title, caption, draw, **kwargs) of _drawing
_Kw = Callable[[str], dict[str, Any]]


def report_charts(
    data: ReportData,
    p: Period,
    extra: dict[str, Any],
    oblast_tab: pl.DataFrame,
    source_line: str,
    synthetic: bool,
    cache: ChartCache | None = None,
) -> list[Chart]:
    """The report's charts for ``p`` as PNG bytes (only those whose data cover ``p``).

    ``source_line`` carries the package version for the credit lines; each chart names only
    the sources it draws (:func:`chart_sources`). The forecast fans (from the models' ``extra``)
    come first, then :func:`data_charts`; the same charts :func:`analytics.report.gather`
    draws with the data charts in a worker process while the models run. With a ``cache``,
    a chart drawn before from the same inputs is read back (the same bytes).
    """
    fans = fan_charts(data, p, extra, source_line, synthetic, cache)
    drawn = data_charts(data, p, oblast_tab, source_line, synthetic, cache)
    return number_charts(fans, [c for _, c in drawn])


def number_charts(*groups: list[Chart]) -> list[Chart]:
    """The charts of ``groups`` in order, file names numbered ``fig01_<key>.png``, ``fig02_``...

    Examples
    --------
    >>> c = Chart("map", "Map", "A map.", "", b"")
    >>> [x.filename for x in number_charts([c], [c, c])]
    ['fig01_map.png', 'fig02_map.png', 'fig03_map.png']
    """
    out = [c for group in groups for c in group]
    return [replace(c, filename=f"fig{i:02d}_{c.key}.png") for i, c in enumerate(out, 1)]


def chart_jobs(
    data: ReportData, p: Period, source_line: str, synthetic: bool,
    plan: Callable[[_Add, _Kw, str], None],
) -> list[ChartJob]:  # fmt: skip
    """The charts ``plan(add, kw, xlabel)`` asks for, each ``add(key, title, caption, func,
    **kwargs)`` one :class:`ChartJob`, in order, nothing drawn yet."""
    credits = chart_sources(data)
    xlabel = "Week starting (Monday)" if p.kind == "week" else "Month"
    jobs: list[ChartJob] = []

    def kw(family: str) -> dict[str, Any]:
        return {"source": source_line, "sources": credits[family], "synthetic": synthetic}

    def add(key: str, title: str, caption: Caption, func: Callable[..., Figure], /,
            **kwargs: Any) -> None:  # fmt: skip
        jobs.append(ChartJob(key, title, caption, func, kwargs))

    plan(add, kw, xlabel)
    return jobs


def as_charts(drawn: dict[int, Drawn]) -> dict[int, Chart]:
    """Drawn charts (:func:`analytics.report.drawing.draw_pngs`) as unnumbered
    :class:`~analytics.report.content.Chart` objects, by the same index."""
    return {i: Chart(d.key, d.title, d.caption, "", d.png) for i, d in drawn.items()}


def draw_jobs(
    jobs: list[ChartJob], cache: ChartCache | None = None, *, claims: Path | None = None,
    backwards: bool = False,
) -> dict[int, Chart]:  # fmt: skip
    """Draw ``jobs`` (or read them back from ``cache``): the charts by their index in ``jobs``
    (:func:`analytics.report.drawing.draw_pngs`, which the chart worker runs: the costliest
    first; with ``claims``, shared with another process going the other way)."""
    return as_charts(draw_pngs(jobs, cache, claims, backwards))


def _drawing(
    data: ReportData, p: Period, source_line: str, synthetic: bool,
    plan: Callable[[_Add, _Kw, str], None], cache: ChartCache | None,
) -> list[Chart]:  # fmt: skip
    """The charts of ``plan`` (see :func:`chart_jobs`), drawn here, in order."""
    drawn = draw_jobs(chart_jobs(data, p, source_line, synthetic, plan), cache)
    return [drawn[i] for i in sorted(drawn)]


def fan_charts(
    data: ReportData, p: Period, extra: dict[str, Any], source_line: str, synthetic: bool,
    cache: ChartCache | None = None,
) -> list[Chart]:  # fmt: skip
    """One forecast fan per primary series the models drew (``extra``), unnumbered."""
    return _drawing(
        data, p, source_line, synthetic,
        lambda add, kw, xlabel: _fans(add, p, extra, xlabel, kw), cache,
    )  # fmt: skip


def data_charts(
    data: ReportData, p: Period, oblast_tab: pl.DataFrame, source_line: str, synthetic: bool,
    cache: ChartCache | None = None, claims: Path | None = None,
) -> list[tuple[int, Chart]]:  # fmt: skip
    """The charts that need no model (map, heatmaps, panels, strike mix, attack waves),
    unnumbered, with their index among :func:`data_chart_jobs`; picklable arguments and
    result, so it runs in a worker process as well. With ``claims``, only the charts this
    process claims, going forward (see :func:`draw_jobs`; the caller goes backwards)."""
    jobs = data_chart_jobs(data, p, oblast_tab, source_line, synthetic)
    return sorted(draw_jobs(jobs, cache, claims=claims).items())


def data_chart_jobs(
    data: ReportData, p: Period, oblast_tab: pl.DataFrame, source_line: str, synthetic: bool
) -> list[ChartJob]:
    """The charts that need no model, as jobs (:func:`draw_jobs` draws them, in a worker
    process or here)."""

    def plan(add: _Add, kw: _Kw, xlabel: str) -> None:
        _incident_charts(add, data, p, oblast_tab, xlabel, kw)
        _alert_chart(add, data, p, oblast_tab, xlabel, kw)
        _wave_chart(add, data.series.get("waves"), p, xlabel, kw)

    return chart_jobs(data, p, source_line, synthetic, plan)


def _fans(add: _Add, p: Period, extra: dict[str, Any], xlabel: str, kw: _Kw) -> None:
    """One forecast fan per primary series, its caption read from what was drawn."""
    unit = p.kind
    for family, col, label in PRIMARY_SERIES:
        if col not in extra:
            continue
        hist, fc, flagged = extra[col]
        hist = hist.filter(pl.col("period") > p.shift(-_HISTORY[unit]).start)
        surges = None
        if flagged is not None and flagged.height:
            surges = flagged.select("period", pl.col("observed").alias("value"),
                                    pl.col("p_upper").alias("p_value"))  # fmt: skip
        title = f"{label} per {unit}, with forecast"
        what = label if label.isupper() else label[0].lower() + label[1:]
        add(f"forecast_{col}", title, (_fan_caption, (label, what, unit, p.end)),
            ch.forecast_fan, history=hist, forecast=fc, surges=surges, title=title,
            xlabel=xlabel, center_col="median", ylabel=f"{col.capitalize()} (count per {unit})",
            **kw(family))  # fmt: skip


def _fan_caption(fig: Figure, label: str, what: str, unit: str, end: dt.date) -> str:
    """A fan's caption, read from the drawn figure."""
    return f"{label} per {unit} up to {end}, then the forecast. " + ch.fan_caption(
        fig, what=what, unit=unit
    )


def _incident_charts(
    add: _Add, data: ReportData, p: Period, oblast_tab: pl.DataFrame, xlabel: str, kw: _Kw
) -> None:
    """Tile map, heatmap (by value, gaps hatched), small multiples and the strike-type mix."""
    inc = data.series["oblasts"]
    if inc.covers(p) == "none":
        return
    unit = p.kind
    window_start = recent_start(inc.first_day, p)
    no_pop = oblast_tab.filter(pl.col("population_2022").is_null())["name_en"].to_list()
    pop_note = (
        f" No rate for {', '.join(sorted(no_pop))}: the gazetteer has no population estimate."
        if no_pop
        else ""
    )
    rates = oblast_tab.select(
        "oblast_code",
        (pl.col("incidents") / pl.col("population_2022") * 100_000).alias("rate"),
    )
    add("map_incidents", f"Incidents per 100,000 residents, {p.short}",
        "Incidents in the period per 100,000 residents (2022 population), by oblast." + pop_note,
        ch.tile_map, values=rates, title=f"Incidents per 100,000 residents, {p.short}",
        value_format="{:,.2f}", **kw("incidents"))  # fmt: skip
    codes = oblast_tab["oblast_code"].to_list()
    panel = inc.frame.filter(
        (pl.col("period") >= window_start) & (pl.col("period") <= p.start)
        & pl.col("oblast_code").is_not_null()
    ).select("period", "oblast_code", "incidents")  # fmt: skip
    panel = complete_panel(panel, freq=unit, keys=codes, start=window_start, end=p.start)
    cover = period_coverage(panel["period"].unique().sort(), inc, unit, data.gaps,
                            source_families(data)["incidents"])  # fmt: skip
    heat = panel.join(cover, on="period", how="left")
    if "covered_days" in inc.frame.columns:  # units a source never lists are not covered either
        days = inc.frame.select("period", "oblast_code", "covered_days")
        heat = (
            heat.join(days, on=["period", "oblast_code"], how="left")
            .with_columns(
                (pl.col("covered") & (pl.col("covered_days").fill_null(0) > 0)).alias("covered")
            )
            .drop("covered_days")
        )
    gap_note = (
        " Cross-hatched: periods or oblasts no incident source covers in full (unknown, not zero)."
        if not heat["covered"].all()
        else ""
    )
    add("oblasts_incidents", f"Incidents per {unit} by oblast",
        f"Incidents per {unit} in each oblast from {window_start} to {p.end}; oblasts with the "
        "most incidents first." + gap_note,
        ch.heatmap, panel=heat, value_col="incidents", order="value",
        title=f"Incidents per {unit} by oblast", xlabel=xlabel,
        units=f"Incidents (count per {unit})", **kw("incidents"))  # fmt: skip
    # as in the heatmap, a period or oblast no source covers is unknown: a break in the line
    # (a panel of no covered period says "no data"), never a run of zeros
    covered = heat.select(
        "period", "oblast_code",
        pl.when(pl.col("covered")).then(pl.col("incidents")).alias("incidents"),
    )  # fmt: skip
    breaks = (
        'Breaks in a line, and "no data": periods or oblasts no incident source covers in full'
        " (unknown, not zero)."
        if gap_note
        else None
    )
    add("oblasts_small_multiples", f"Incidents per {unit}, one panel per oblast",
        f"Incidents per {unit} in each of the 27 oblasts from {window_start} to {p.end}; "
        "each panel has its own y scale (compare shapes; the heatmap compares levels)."
        + ("" if breaks is None else " " + breaks),
        ch.small_multiples, panel=covered, value_col="incidents", sharey=False, note=breaks,
        order="geographic", xlabel=xlabel, title=f"Incidents per {unit}, one panel per oblast",
        ylabel=f"Incidents (count per {unit})", figsize=(7.5, 8.0), **kw("incidents"))  # fmt: skip
    mix = data.strike_mix
    assert mix is not None
    gaps = cover.filter(~pl.col("covered"))["period"].to_list()
    add("strike_types", "Incidents by strike type",
        f"Share of incidents by strike type from {window_start} to {p.end}.",
        ch.mix_over_time, frame=mix, kind="bar", title="Incidents by strike type",
        xlabel=xlabel, uncovered=gaps, **kw("incidents"))  # fmt: skip


def _alert_chart(
    add: _Add, data: ReportData, p: Period, oblast_tab: pl.DataFrame, xlabel: str, kw: _Kw
) -> None:
    """Alerts heatmap, oblasts alphabetical, periods the alert data do not cover hatched."""
    alerts = data.series.get("oblast_alerts")
    if alerts is None or alerts.covers(p) == "none":
        return
    unit = p.kind
    codes = sorted(oblast_tab["oblast_code"].to_list())
    window_start = recent_start(alerts.first_day, p)
    a = alerts.frame.filter((pl.col("period") >= window_start) & (pl.col("period") <= p.start))
    a = complete_panel(a.select("period", "oblast_code", "alerts"), freq=unit, keys=codes,
                       start=window_start, end=p.start, zero_cols=("alerts",))  # fmt: skip
    hidden = pl.lit(False)
    for code, day in sorted(PERMANENT_ALERTS.items()):
        hidden = hidden | ((pl.col("oblast_code") == code) & (pl.col("period") >= day))
    a = a.with_columns(pl.when(~hidden).then(pl.col("alerts")).alias("alerts"))
    cover = period_coverage(a["period"].unique().sort(), alerts, unit)
    a = a.join(cover, on="period", how="left")
    gap_note = (
        " Cross-hatched: periods the alert data cover only in part (unknown, not zero)."
        if not cover["covered"].all()
        else ""
    )
    add("alerts_heatmap", f"Air-raid alerts per {unit} by oblast",
        f"Oblast-level air-raid alerts per {unit} ({alerts.note}), oblasts in alphabetical "
        "order. Grey: Luhansk and Crimea under a permanent alert the source does not list "
        "(unknown, not zero)." + gap_note,
        ch.heatmap, panel=a, title=f"Air-raid alerts per {unit} by oblast",
        xlabel=xlabel, units=f"Alerts (count per {unit})", order="name",
        **kw("alerts"))  # fmt: skip


def _wave_chart(add: _Add, waves: SeriesData | None, p: Period, xlabel: str, kw: _Kw) -> None:
    """What happened to what was launched (composition) when the attack series carries
    ``not_reach_goal``; otherwise launched versus destroyed."""
    if waves is None or waves.covers(p) == "none":
        return
    window_start = recent_start(waves.first_day, p)
    w = waves.frame.filter((pl.col("period") >= window_start) & (pl.col("period") <= p.start))
    if "not_reach_goal" in w.columns:
        unknown = w.filter(pl.col("launched").is_not_null() & pl.col("not_reach_goal").is_null())
        add("attack_composition", "Missiles and drones: launched, destroyed, not reached",
            "What happened to what was launched, national reports: destroyed, lost to "
            "electronic warfare (not reached) and the rest; line: the neutralised rate, "
            "(destroyed + not reached) / launched."
            + (f" Hatched: {unknown.height} period(s) without a not-reached count (unknown, "
               "no rate)." if unknown.height else ""),
            ch.attack_composition, waves=w, period_col="period", xlabel=xlabel,
            **kw("waves"))  # fmt: skip
        return
    add("interceptions", "Missiles and drones launched and destroyed",
        "Launched and reported destroyed, national reports; line: destroyed / launched.",
        ch.interceptions, weekly=w, period_col="period", xlabel=xlabel, **kw("waves"))  # fmt: skip


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
