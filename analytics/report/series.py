"""All the SQL a report runs, in one pass: the series by family and the period's frames.

:func:`load_series` reads the national and oblast series from the period views;
:func:`load_report_data` adds everything else the report of one period prints (gazetteer,
attack waves naming each oblast, the strike-type mix, data quality, the data state) and returns
one :class:`~analytics.report.content.ReportData`. Nothing after this module touches the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import polars as pl

from analytics.report.content import Period, ReportData, SeriesData, recent_start
from analytics.store.selection import resolve_sources
from analytics.store.snapshot import data_state

if TYPE_CHECKING:
    from analytics.store import Store

__all__ = [
    "INCIDENT_COLUMNS",
    "REPORT_VIEWS",
    "data_coverage",
    "load_series",
    "load_report_data",
    "load_chart_data",
    "load_quality_data",
    "load_gazetteer",
    "missing_and_late",
]

#: The columns of ``incidents`` that the report's queries and the views they read use
#: (``*_source_oblast``, coverage, ``source_gaps``, ``flagged_incidents``,
#: ``unresolved_regions``, the strike mix, :data:`MISSING_AND_LATE_SQL`): what a report pins
#: (:func:`analytics.store.pinned.pinned_incidents`). A view that reads another column fails
#: loudly inside the pin; ``tests/report`` checks the report's data equal to an unpinned run.
INCIDENT_COLUMNS: tuple[str, ...] = (
    "incident_id", "revision", "ingest_id", "recorded_at", "source", "occurred_on",
    "oblast_code", "region_raw", "strike_type", "killed", "killed_low", "killed_high", "injured",
)  # fmt: skip


#: The small views over ``incidents`` that several of the report's queries read (each
#: recomputing them from every latest revision): pinned once per report, in this order, each
#: from the ones before (:func:`analytics.store.pinned.pinned_views`).
REPORT_VIEWS: tuple[str, ...] = ("source_gaps", "source_day_coverage", "incident_coverage")


def data_coverage(store: Store) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    """First and last day of incidents, alerts (Kyiv days) and attack waves in the store."""
    out: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    queries = {
        "incidents": "select min(occurred_on) as lo, max(occurred_on) as hi from incidents",
        "alerts": "select min(period) as lo, max(period) as hi from daily_alerts",
        "waves": "select min(cast(time_start as date)) as lo, max(cast(time_start as date)) as hi "
        "from attack_waves_latest",
    }
    for key, sql in queries.items():
        try:
            lo, hi = store.query(sql).row(0)
        except Exception:  # a database without that source's tables  # noqa: BLE001
            lo = hi = None
        out[key] = (lo, hi)
    return out


def load_series(
    store: Store, kind: str, *, sources: Sequence[str] | None = None
) -> dict[str, SeriesData]:
    """The national series a report reads, by family: ``incidents``, ``alerts``, ``waves``.

    Also returns ``oblasts`` (period x oblast incidents from ``weekly_source_oblast`` or
    ``monthly_source_oblast``) and ``oblast_alerts`` (period x oblast alerts) as SeriesData.
    Incidents come from ``sources`` (default: ONE source by the documented precedence,
    :func:`analytics.store.selection.resolve_sources`); the series' ``where`` and ``note``
    name them. The incident frames carry ``killed_low``/``killed_high`` (ranges), and the
    national one ``covered`` (every day of the period covered by a chosen source), ``flagged``
    / ``flagged_killed`` (rows accepted with a data-quality flag, and the killed they hold) and
    ``quarantined`` / ``quarantined_killed`` (rows left out, and the killed they hold, as far as
    readable) of each period.
    """
    cov = data_coverage(store)
    chosen = list(resolve_sources(store, "killed", sources))
    name = "weekly" if kind == "week" else "monthly"
    trunc = "week" if kind == "week" else "month"
    view = f"{name}_source_oblast"
    where = "source IN (" + ", ".join("'" + c.replace("'", "''") + "'" for c in chosen) + ")"
    by_oblast = store.query(
        "select period, oblast_code, cast(sum(incidents) as bigint) as incidents, "
        "cast(sum(killed) as bigint) as killed, cast(sum(injured) as bigint) as injured, "
        "cast(sum(killed_reported) as bigint) as killed_reported, "
        "cast(sum(injured_reported) as bigint) as injured_reported, "
        "cast(sum(killed_low) as bigint) as killed_low, "
        "cast(sum(killed_high) as bigint) as killed_high "
        f"from {view} where list_contains(?, source) group by 1, 2 "
        "order by period, oblast_code nulls last",
        [chosen],
    )
    national = (
        by_oblast.group_by("period")
        .agg(
            pl.col("incidents").sum(),
            *(
                pl.when(pl.col(c).count() > 0).then(pl.col(c).sum()).alias(c)
                for c in ("killed", "injured", "killed_low", "killed_high")
            ),
            pl.col("killed_reported").sum(),
            pl.col("injured_reported").sum(),
        )
        .sort("period")
    )
    national = _with_quality(store, national, chosen, trunc, name)
    # per oblast: days a chosen source covers (0 = a unit the sources never list, or a gap)
    ob_cov = store.query(
        f"select cast(date_trunc('{trunc}', day) as date) as period, oblast_code, "
        "cast(count(distinct day) filter (where covered) as bigint) as covered_days "
        "from incident_coverage where list_contains(?, source) group by 1, 2",
        [chosen],
    )
    by_oblast = by_oblast.join(ob_cov, on=["period", "oblast_code"], how="full", coalesce=True)
    by_oblast = by_oblast.with_columns(
        pl.when(pl.col("covered_days") > 0)
        .then(pl.col(c).fill_null(0))
        .otherwise(pl.col(c))
        .alias(c)
        for c in ("incidents", "killed_reported", "injured_reported")
    ).sort("period", "oblast_code", nulls_last=True)
    lo, hi = _source_span(store, chosen) if chosen else cov["incidents"]
    note = f"sources: {', '.join(chosen) or 'none'}"
    out = {
        "incidents": SeriesData("incidents", national, lo, hi, view, "period", where, note),
        "oblasts": SeriesData("oblasts", by_oblast, lo, hi, view, "period", where, note),
    }
    lo, hi = cov["alerts"]
    if lo is not None and hi is not None:
        out.update(_alert_series(store, trunc, lo, hi))
    lo, hi = cov["waves"]
    if lo is not None and hi is not None:
        out["waves"] = _wave_series(store, kind, lo, hi)
    return out


def _alert_series(store: Store, trunc: str, lo: dt.date, hi: dt.date) -> dict[str, SeriesData]:
    """National and oblast alert series: the datasets' union, with coverage per oblast."""
    daily = store.query(
        f"select cast(date_trunc('{trunc}', period) as date) as period, oblast_code, "
        "string_agg(distinct dataset, ',') as dataset, cast(sum(alerts) as bigint) as alerts, "
        "cast(sum(alert_minutes) as double) as alert_minutes, "
        "cast(sum(imputed_minutes) as double) as imputed_minutes "
        "from daily_alerts group by 1, 2 order by period, oblast_code"
    )
    alert_cov = store.query(
        f"select cast(date_trunc('{trunc}', day) as date) as period, oblast_code, "
        "cast(count(distinct day) filter (where covered) as bigint) as covered_days "
        "from alert_day_coverage group by 1, 2"
    )
    daily = daily.join(alert_cov, on=["period", "oblast_code"], how="full", coalesce=True)
    daily = daily.with_columns(
        pl.col("dataset").fill_null(""),
        *(
            pl.when(pl.col("covered_days") > 0).then(pl.col(c).fill_null(0)).alias(c)
            for c in ("alerts", "alert_minutes", "imputed_minutes")
        ),
    ).sort("period", "oblast_code")
    datasets = sorted({d for ds in daily["dataset"].to_list() for d in ds.split(",") if d})
    nat = (
        daily.filter(pl.col("alerts").is_not_null())
        .group_by("period")
        .agg(pl.col("alerts").sum(), pl.col("alert_minutes").sum(),
             pl.col("imputed_minutes").sum())
        .with_columns(
            (pl.col("alert_minutes") / 60).alias("alert_hours"),
            (pl.col("imputed_minutes") / pl.col("alert_minutes")).alias("imputed_share"),
        )
        .sort("period")
    )  # fmt: skip
    note = (
        f"datasets: {', '.join(datasets)}, merged per oblast as a union of alert intervals "
        "(an alert in both counts once); imputed_share = alert minutes known only from an "
        "imputed end (volunteer alerts without an end message, end = start + 30 min); the "
        "permanent alerts in Luhansk and Crimea are not listed (not covered, not zero)"
    )
    return {
        "alerts": SeriesData("alerts", nat, lo, hi, "daily_alerts", "day", note=note),
        "oblast_alerts": SeriesData(
            "oblast_alerts", daily.drop("dataset"), lo, hi, "daily_alerts", "day", note=note
        ),
    }


def _wave_series(store: Store, kind: str, lo: dt.date, hi: dt.date) -> SeriesData:
    """National attack waves with not reached, interception and neutralised rates."""
    wview, wcol = ("weekly_attacks", "week") if kind == "week" else ("monthly_attacks", "month")
    waves = store.query(
        f"select {wcol} as period, cast(sum(waves) as bigint) as waves, "
        "cast(sum(launched) as bigint) as launched, cast(sum(destroyed) as bigint) "
        "as destroyed, cast(sum(not_reach_goal) as bigint) as not_reach_goal "
        f"from {wview} where reporter_level = 'national' "
        "group by all order by period"
    )
    rate = pl.col("launched") > 0
    waves = waves.with_columns(
        pl.when(rate).then(pl.col("destroyed") / pl.col("launched"))
        .alias("interception_rate"),
        pl.when(rate)
        .then((pl.col("destroyed") + pl.col("not_reach_goal").fill_null(0)) / pl.col("launched"))
        .alias("neutralised_rate"),
    )  # fmt: skip
    return SeriesData(
        "waves", waves, lo, hi, wview, wcol, where="reporter_level = 'national'",
        note="national reporters only (regional air commands repeat national waves); "
        "neutralised = (destroyed + not_reach_goal) / launched, not_reach_goal = lost to "
        "electronic warfare, a blank counting none",
    )  # fmt: skip


def load_gazetteer(store: Store) -> pl.DataFrame:
    """The oblasts' codes, English and Ukrainian names and 2022 populations, by code."""
    return store.query(
        "select code as oblast_code, name_en, name_uk, population_2022 from oblasts order by code"
    )


def load_report_data(store: Store, series: dict[str, SeriesData], p: Period) -> ReportData:
    """Every frame the report of ``p`` reads (one pass over the store): what the charts read
    (:func:`load_chart_data`), then the data-quality frames (:func:`load_quality_data`)."""
    return load_quality_data(store, load_chart_data(store, series, p), p)


def load_chart_data(
    store: Store,
    series: dict[str, SeriesData],
    p: Period,
    *,
    gazetteer: pl.DataFrame | None = None,
    state: dict[str, Any] | None = None,
) -> ReportData:
    """The frames the report's tables of oblasts and its charts read, and the data state;
    the data-quality frames (quarantine, unresolved regions, latest ingests, missing and late
    counts) are left empty for :func:`load_quality_data`, so the charts can start first.

    ``gazetteer`` (from :func:`load_gazetteer`) and ``state`` (from
    :func:`~analytics.store.snapshot.data_state`): when the caller read them already.
    """
    q = store.query
    waves = series.get("waves")
    with_waves = waves is not None and waves.covers(p) != "none"
    waves_named = waves_no_oblast = None
    if with_waves:
        waves_named = q(
            "select oblast_code, cast(sum(waves) as bigint) as waves_named "
            "from weekly_attacks_oblast where reporter_level = 'national' "
            "and oblast_code is not null and week between ? and ? group by all",
            [p.start, p.end],
        )
        waves_no_oblast = q(
            "select cast(coalesce(sum(waves), 0) as bigint) as n from weekly_attacks_oblast "
            "where reporter_level = 'national' and oblast_code is null and week between ? and ?",
            [p.start, p.end],
        )["n"][0]
    inc = series["oblasts"]
    mix = None
    if inc.covers(p) != "none":
        mix = q(
            f"select cast(date_trunc('{p.kind}', occurred_on) as date) as period, strike_type, "
            "cast(count(*) as bigint) as incidents from incidents "
            "where occurred_on between ? and ? group by all order by period, strike_type",
            [recent_start(inc.first_day, p), p.end],
        )
    gaps = _try(store, "select * from source_gaps order by source, first_empty_week")
    return ReportData(
        series=series,
        sources=tuple(q("select distinct source from ingests order by source")["source"]),
        gazetteer=load_gazetteer(store) if gazetteer is None else gazetteer,
        waves_named=waves_named,
        waves_no_oblast=waves_no_oblast,
        strike_mix=mix,
        ingests_by_source=q("select * from ingest_summary order by source, kind"),
        latest_ingests=pl.DataFrame(),
        quarantine=pl.DataFrame(),
        unresolved=pl.DataFrame(),
        gaps=gaps if gaps is not None else pl.DataFrame(),  # a database from an older version
        missing_late={},
        waves_by_level=_try(
            store,
            "select reporter_level, cast(count(*) as bigint) as n "
            "from attack_waves_latest group by all order by reporter_level",
        ),
        state=data_state(store) if state is None else state,
    )


def load_quality_data(
    store: Store, data: ReportData, p: Period, *, frames: bool = True
) -> ReportData:
    """``data`` (from :func:`load_chart_data`) with its data-quality frames: the latest
    ingests, quarantine by reason, unresolved regions and the missing-and-late counts.

    ``frames=False``: the missing-and-late counts only, for a caller that replaces the three
    frames at once (:func:`analytics.report.quality.with_quality`, as a report does): their
    queries are not run twice.
    """
    if not frames:
        return replace(data, missing_late=missing_and_late(store, p))
    q = store.query
    return replace(
        data,
        latest_ingests=q(
            """select ingest_id, source, file, sha256, finished_at, rows_read, rows_new,
                      rows_revised, rows_unchanged, rows_quarantined
               from ingests order by ingest_id desc limit 10"""
        ),
        quarantine=q(
            "select * from quarantine_by_reason order by rows desc, source, column_name, reason limit 20"
        ),
        unresolved=q(
            "select source, region_raw, incidents from unresolved_regions "
            "order by incidents desc, source, region_raw nulls first limit 15"
        ),
        missing_late=missing_and_late(store, p),
    )


def _source_span(store: Store, chosen: list[str]) -> tuple[dt.date | None, dt.date | None]:
    """First and last incident day of the chosen sources."""
    return store.query(
        "select min(occurred_on), max(occurred_on) from incidents where list_contains(?, source)",
        [chosen],
    ).row(0)


def _with_quality(
    store: Store, national: pl.DataFrame, chosen: list[str], trunc: str, name: str
) -> pl.DataFrame:
    """Add coverage, flagged and quarantined counts (with the killed they hold) per period."""
    params = [chosen]
    covered = store.query(
        f"select period, bool_or(covered) as covered, max(covered_days) as covered_days "
        f"from {name}_source_coverage "
        "where list_contains(?, source) group by 1",
        params,
    )
    flagged = _try(
        store,
        f"select cast(date_trunc('{trunc}', occurred_on) as date) as period, "
        "cast(count(*) as bigint) as flagged, cast(sum(killed) as bigint) as flagged_killed "
        "from flagged_incidents where list_contains(?, source) group by 1",
        params,
    )
    quarantined = _try(
        store,
        f"select cast(date_trunc('{trunc}', occurred_on) as date) as period, "
        "cast(count(*) as bigint) as quarantined, "
        "cast(sum(killed) as bigint) as quarantined_killed "
        "from quarantine_casualties where list_contains(?, source) group by 1",
        params,
    )
    empty = {"period": pl.Date, "flagged": pl.Int64, "flagged_killed": pl.Int64}
    if flagged is None:  # a read-only database written before data_flags existed
        flagged = pl.DataFrame(schema=empty)
    if quarantined is None:
        quarantined = pl.DataFrame(
            schema={"period": pl.Date, "quarantined": pl.Int64, "quarantined_killed": pl.Int64}
        )
    out = national
    for extra in (covered, flagged, quarantined):
        out = out.join(extra, on="period", how="full", coalesce=True)
    return out.with_columns(
        pl.col(
            "incidents", "killed_reported", "injured_reported", "flagged", "quarantined"
        ).fill_null(0),
        pl.col("covered").fill_null(False),
        pl.col("covered_days").fill_null(0),
    ).sort("period")


_MEASURES: dict[str, str] = {
    "n": "true",
    "no_oblast": "f.no_oblast",
    "no_killed": "f.no_killed",
    "no_injured": "f.no_injured",
    "late": "f.first_lag > 7",
    "revised": "f.revisions > 1",
}

#: Per incident, what its latest revision lacks (read from the ``incidents`` view, which a
#: report pins once, :func:`analytics.store.pinned.pinned_incidents`), the lag of its first
#: record (as in ``revision_lag``) and its number of revisions (revisions are numbered 1, 2,
#: ... per incident, so the latest one's number is the count). Only incidents revised at least
#: once look back at ``incident_revisions`` for their first record; the others are their own
#: first record. The booleans are never NULL.
MISSING_AND_LATE_SQL = """
    with latest as (
        select incident_id, occurred_on, oblast_code is null as no_oblast,
               killed is null as no_killed, injured is null as no_injured,
               revision as revisions,
               cast(date_diff('day', occurred_on, cast(recorded_at as date)) as bigint) as lag
        from incidents
    ),
    firsts as (
        select r.incident_id,
               min_by(cast(date_diff('day', r.occurred_on, cast(r.recorded_at as date))
                           as bigint), r.revision) as first_lag
        from incident_revisions r
        where r.incident_id in (select incident_id from latest where revisions > 1)
        group by r.incident_id
    )
    select l.incident_id, l.occurred_on, l.no_oblast, l.no_killed, l.no_injured,
           case when l.revisions > 1 then fi.first_lag else l.lag end as first_lag,
           l.revisions
    from latest l left join firsts fi using (incident_id)
"""


def missing_and_late(store: Store, p: Period) -> dict[str, Any]:
    """Counts of NULL values and late records, over all incidents and within ``p``
    (keys of ``_MEASURES``, and ``p_<key>`` for the period)."""
    cols = ", ".join(
        f"cast(count(*) filter ({cond}) as bigint) as {key}, "
        f"cast(count(*) filter ({cond} and f.occurred_on between ? and ?) as bigint) as p_{key}"
        for key, cond in _MEASURES.items()
    )
    sql = f"with f as ({MISSING_AND_LATE_SQL}) select {cols} from f"
    return store.query(sql, [p.start, p.end] * len(_MEASURES)).row(0, named=True)


def _try(store: Store, sql: str, params: list[Any] | None = None) -> pl.DataFrame | None:
    try:
        return store.query(sql, params)
    except Exception:  # a database without that table  # noqa: BLE001
        return None
