"""The report's table of all 27 oblasts: incidents, casualties, rates, alerts, attack waves."""

from __future__ import annotations

from typing import Any

import polars as pl

from analytics.report.content import (
    NOT_COVERED,
    NOT_REPORTED,
    PERMANENT_ALERTS,
    Period,
    ReportData,
    SeriesData,
    Table,
    fmt_change,
    fmt_count,
)  # fmt: skip

__all__ = ["oblast_table"]


def oblast_table(data: ReportData, p: Period) -> tuple[Table, pl.DataFrame]:
    """All 27 oblasts: incidents and casualties (when the database has incidents) and alerts
    (when the alert data cover the period), with rates and the change vs the previous period."""
    series = data.series
    inc = series["oblasts"]
    with_inc = inc.present
    tab, cur, prv = _incident_frame(data, p)
    covered, prev_cov = inc.covers(p) != "none", inc.covers(p.shift(-1)) != "none"
    alerts = series.get("oblast_alerts")
    with_alerts = alerts is not None and alerts.covers(p) != "none"
    permanent: list[str] = []
    if alerts is not None and with_alerts:
        tab, permanent = _join_alerts(tab, alerts, data.gazetteer, p)
    waves = series.get("waves")
    with_waves = waves is not None and waves.covers(p) != "none"
    no_oblast = 0
    if with_waves:
        assert data.waves_named is not None
        tab = tab.join(data.waves_named, on="oblast_code", how="left").with_columns(
            pl.col("waves_named").fill_null(0)
        )
        no_oblast = data.waves_no_oblast or 0
    key = "incidents" if with_inc else "alerts" if with_alerts else "waves_named"
    if key not in tab.columns:
        key = "name_en"
    tab = tab.sort([key, "name_en"], descending=[True, False], nulls_last=True)
    cols = _columns(with_inc, with_alerts, with_waves)
    rows = [_oblast_row(r, with_inc, with_alerts, with_waves) for r in tab.iter_rows(named=True)]
    if covered:
        rows.append(_unresolved_row(cur, prv, prev_cov, len(cols)))
    notes = []
    if with_inc:
        notes.append(
            "n/r = not reported: no incident in the cell reported a count (never shown as 0). "
            "Rates per 100,000 residents use the 2022 population estimates in the gazetteer "
            f"(n/a where it has no estimate). Incidents: view {inc.view}."
        )
    if with_alerts:
        assert alerts is not None
        notes.append(_alerts_note(alerts.note, bool(permanent)))
    if with_waves:
        notes.append(_waves_note(p, no_oblast))
    if not (with_inc or with_alerts or with_waves):
        notes.append("No incidents, alerts or attack waves cover this period.")
    numeric = (False,) + (True,) * (len(cols) - 1)
    title = f"All oblasts, {p.label}"
    return Table(title, tuple(cols), tuple(rows), numeric, " ".join(notes)), tab


def _incident_frame(data: ReportData, p: Period) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The gazetteer joined to the period's and the previous period's incident counts.

    Returns the table, the period's rows and the previous period's rows of the oblast series.
    A unit the chosen sources cover in a covered period counts 0 where it has no incident;
    elsewhere the count stays null (not covered).
    """
    prev = p.shift(-1)
    inc = data.series["oblasts"]
    cur = inc.frame.filter(pl.col("period") == p.start)
    prv = inc.frame.filter(pl.col("period") == prev.start)
    tab = data.gazetteer.join(cur.drop("period"), on="oblast_code", how="left").join(
        prv.select("oblast_code", pl.col("incidents").alias("prev")), on="oblast_code", how="left"
    )
    covered, prev_cov = inc.covers(p) != "none", inc.covers(prev) != "none"
    watched = (  # a unit the chosen sources cover in the period (0 there is a zero)
        pl.col("covered_days").fill_null(0) > 0 if "covered_days" in tab.columns else pl.lit(True)
    )
    tab = tab.with_columns(
        pl.when(watched).then(pl.col("incidents").fill_null(0)).otherwise(pl.col("incidents"))
        if covered
        else pl.col("incidents"),
        pl.col("prev").fill_null(0) if prev_cov else pl.col("prev"),
    )
    return tab, cur, prv


def _join_alerts(
    tab: pl.DataFrame, alerts: SeriesData, gaz: pl.DataFrame, p: Period
) -> tuple[pl.DataFrame, list[str]]:
    """Join the period's alerts, alert hours and previous alerts to the table.

    Returns the table and the oblasts no alert dataset covers in the period (their alert
    cells stay null: not covered, not 0).
    """
    prev = p.shift(-1)
    a = alerts.frame.filter(pl.col("period").is_in([p.start, prev.start])).pivot(
        "period", index="oblast_code", values=["alerts", "alert_minutes"]
    )
    names = {f"alerts_{p.start}": "alerts", f"alerts_{prev.start}": "alerts_prev",
             f"alert_minutes_{p.start}": "alert_minutes"}  # fmt: skip
    a = a.rename({k: v for k, v in names.items() if k in a.columns})
    a = a.select(
        "oblast_code", *[pl.col(v) if v in a.columns else pl.lit(None).alias(v)
                         for v in ("alerts", "alerts_prev", "alert_minutes")]
    )  # fmt: skip
    prev_alerts = alerts.covers(prev) != "none"
    permanent = [c for c, since in sorted(PERMANENT_ALERTS.items()) if since <= p.end]
    unknown = pl.col("oblast_code").is_in(permanent)
    if "covered_days" in alerts.frame.columns:  # the alert coverage calendar decides
        seen = alerts.frame.filter((pl.col("period") == p.start) & (pl.col("covered_days") > 0))[
            "oblast_code"
        ]
        unknown = ~pl.col("oblast_code").is_in(seen.to_list())
        permanent = sorted(set(gaz["oblast_code"]) - set(seen.to_list()))
    tab = tab.join(a, on="oblast_code", how="left").with_columns(
        pl.when(~unknown).then(pl.col("alerts").fill_null(0)).alias("alerts"),
        pl.when(~unknown).then(pl.col("alert_minutes").fill_null(0) / 60).alias("alert_hours"),
        pl.when(~unknown).then(pl.col("alerts_prev").fill_null(0) if prev_alerts
                               else pl.col("alerts_prev")).alias("alerts_prev"),
    )  # fmt: skip
    return tab, permanent


def _columns(with_inc: bool, with_alerts: bool, with_waves: bool) -> list[str]:
    """The table's column headers for the data that cover the period."""
    cols = ["Oblast"]
    if with_inc:
        cols += ["Incidents", "Change vs previous", "Killed", "Injured", "Incidents per 100k",
                 "Killed per 100k", "Injured per 100k"]  # fmt: skip
    if with_alerts:
        cols += ["Alerts"] + ([] if with_inc else ["Change vs previous"]) + ["Alert hours"]
    if with_waves:
        cols += ["Attack waves naming it"]
    return cols


def _oblast_row(
    r: dict[str, Any], with_inc: bool, with_alerts: bool, with_waves: bool
) -> tuple[str, ...]:
    """One oblast's formatted cells."""
    pop = r["population_2022"]

    def rate(v: Any, pop: Any = pop) -> str:
        if not pop:
            return "n/a"
        return NOT_REPORTED if v is None else f"{v / pop * 100_000:.2f}"

    row = [f"{r['name_en']} / {r['name_uk']}"]
    if with_inc:
        inc_text = NOT_COVERED if r["incidents"] is None else fmt_count(r["incidents"])
        row += [inc_text, fmt_change(r["incidents"], r["prev"]), fmt_count(r["killed"]),
                fmt_count(r["injured"]), rate(r["incidents"]), rate(r["killed"]),
                rate(r["injured"])]  # fmt: skip
    if with_alerts:
        row.append(NOT_COVERED if r["alerts"] is None else fmt_count(r["alerts"]))
        if not with_inc:
            row.append(fmt_change(r["alerts"], r["alerts_prev"]))
        row.append(NOT_COVERED if r["alerts"] is None else fmt_count(r["alert_hours"]))
    if with_waves:
        row.append(fmt_count(r["waves_named"]))
    return tuple(row)


def _unresolved_row(
    cur: pl.DataFrame, prv: pl.DataFrame, prev_cov: bool, ncols: int
) -> tuple[str, ...]:
    """The row of incidents whose region was not resolved to a single oblast."""
    unres = cur.filter(pl.col("oblast_code").is_null())
    u = unres.row(0, named=True) if unres.height else {}
    pu = prv.filter(pl.col("oblast_code").is_null())
    prev_u = pu["incidents"][0] if pu.height else (0 if prev_cov else None)
    blank = [""] * (ncols - 5)
    return ("No single oblast (region not resolved)", fmt_count(u.get("incidents", 0)),
            fmt_change(u.get("incidents", 0), prev_u), fmt_count(u.get("killed")),
            fmt_count(u.get("injured")), *blank)  # fmt: skip


def _alerts_note(coverage: str, permanent: bool) -> str:
    """The note on the alert columns; ``permanent`` when some oblast has no alert data."""
    return (
        f"Alerts: oblast-level alerts starting in the period, view daily_alerts "
        f"({coverage}); alert hours are summed over the period's Kyiv days."
        + (" Not covered for alerts: no dataset lists the oblast in the period (a "
           "permanent alert: Luhansk from 2022-04-04, Crimea from 2022-12-10, and "
           "Sevastopol, which no dataset lists), so no figure, not 0." if permanent else "")
    )  # fmt: skip


def _waves_note(p: Period, no_oblast: int) -> str:
    """The note on the attack-wave column."""
    weeks = "" if p.kind == "week" else " (ISO weeks starting in the month)"
    return (
        "Attack waves naming it: national reports whose target names the oblast"
        f"{weeks}, view weekly_attacks_oblast; a wave naming several oblasts counts in each;"
        f" {no_oblast:,} waves name no oblast (e.g. the whole country or a macro-region)."
    )
