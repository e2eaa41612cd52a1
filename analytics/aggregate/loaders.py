"""Loaders: the store's views as the frames the aggregates and models take."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, cast

import polars as pl

from analytics.aggregate.frames import (
    alert_panel,
    attack_series,
    complete_panel,
    count_by,
    flag_incomplete,
    incident_panel,
    national_series,
)  # fmt: skip
from analytics.aggregate.periods import Freq
from analytics.store.coverage import NATIONAL, day_coverage, period_coverage
from analytics.store.selection import resolve_sources

if TYPE_CHECKING:
    from analytics.store import Store

__all__ = ["METRICS", "load_incidents", "load_oblasts", "metric_panel"]

#: Series the models forecast (see :func:`metric_panel`).
METRICS: Final[tuple[str, ...]] = (
    "incidents", "killed", "injured", "alerts", "alert_minutes", "waves", "launched",
)  # fmt: skip

_Parts = tuple[pl.DataFrame, pl.DataFrame, dt.date]


def load_incidents(store: Store, as_of: dt.datetime | str | None = None) -> pl.DataFrame:
    """Latest revision of every incident (or as known at ``as_of``), via Arrow from DuckDB."""
    return store.incidents(as_of=as_of)


def load_oblasts(store: Store) -> pl.DataFrame:
    """The 27 oblasts (code, name_en, population_2022, tile_row, tile_col) from the store."""
    return store.query(
        "select code as oblast_code, name_en, population_2022, tile_row, tile_col "
        "from oblasts order by code"
    )


def _casualty_value(panel: pl.DataFrame, metric: str) -> pl.DataFrame:
    """``period, oblast_code, value`` (+ coverage columns for casualties) of a count panel.

    ``value`` is NULL where the cell is not fully covered (``covered`` False): a period that no
    source, or only part of a source's range, watched is missing for the models, never zero.
    """
    covered = pl.col("covered")
    if metric == "incidents":
        return panel.select(
            "period", "oblast_code",
            pl.when(covered).then(pl.col("incidents").cast(pl.Float64)).alias("value"),
        )  # fmt: skip
    reported = pl.col(f"{metric}_reported")
    value = (
        pl.when(~covered)
        .then(None)  # nothing (or only part of the period) watched: missing, not zero
        .when(pl.col("incidents") == 0)
        .then(pl.lit(0.0))  # watched, no incident: no casualty from an incident (a true zero)
        .when(reported > 0)
        .then(pl.col(metric).cast(pl.Float64))
        .otherwise(None)  # incidents, none reported a count: unknown
    )
    return panel.select(
        "period", "oblast_code", value.alias("value"), "incidents", reported.alias("reported"),
        pl.when(pl.col("incidents") > 0).then(reported / pl.col("incidents"))
        .alias("reported_share"),
    )  # fmt: skip


def metric_panel(
    store: Store,
    metric: str,
    *,
    freq: Freq = "week",
    weapon_classes: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
) -> pl.DataFrame:
    """One metric as a complete panel ready for the models: every oblast plus the nation.

    ``sources`` (incident metrics): the incident sources to read; default ONE source by the
    documented precedence (:func:`analytics.store.selection.resolve_sources`), so two sources
    reporting the same strike are never summed silently.

    Returns ``period``, ``oblast_code`` (the 27 oblasts, and ``UA`` for the national series)
    and ``value`` (Float64) for complete periods only: a period that ends after the last date
    in the data is incomplete and dropped (see :func:`flag_incomplete`), so models never train
    on it. ``incidents``: national includes incidents without an oblast.

    ``killed``/``injured`` -- read this before using them. ``value`` is the sum of *reported*
    counts. It is NULL where the cell had incidents but none of them reported a count
    (unknown, not zero), and 0 only where the cell had no incident at all. Where some but
    not all incidents reported a count the sum is a lower bound: the extra columns
    ``incidents`` (incidents in the cell), ``reported`` (incidents with a count) and
    ``reported_share`` (``reported / incidents``, NULL when there was no incident) say how
    much of the cell the figure covers. The forecasting functions leave NULL periods out of
    their fits and say so in their ``reason``.

    Every metric is NULL (missing for the models, never zero) in a cell no source fully covers
    (see ``sql/coverage.sql`` and ``alert_coverage``).

    ``alerts``, ``alert_minutes``: from the ``daily_alerts`` view (the union of every alert
    dataset, so the series reaches the newest day any of them covers); national = sum over
    the covered oblasts. ``waves``, ``launched``: national only, from the ``weekly_attacks`` /
    ``monthly_attacks`` views, national reporters only (regional commands repeat national
    waves); restrict them to some weapon classes with ``weapon_classes`` (e.g.
    ``("attack_drone",)``).
    """
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}, not {metric!r}")
    codes = load_oblasts(store)
    if metric in ("incidents", "killed", "injured"):
        panel, nat, last = _incident_metric(store, metric, codes, freq, sources)
    elif metric in ("alerts", "alert_minutes"):
        panel, nat, last = _alert_metric(store, metric, codes, freq)
    else:
        panel, nat, last = _wave_metric(store, metric, freq, weapon_classes)
    both = pl.concat([panel, nat.select(panel.columns)])
    return (
        flag_incomplete(both, freq=freq, through=last)
        .filter(pl.col("complete"))
        .drop("complete")
        .sort("oblast_code", "period")
    )


def _incident_metric(
    store: Store, metric: str, codes: pl.DataFrame, freq: Freq, sources: Sequence[str] | None
) -> _Parts:
    """(regional panel, national panel, last day) of an incident metric."""
    chosen = list(resolve_sources(store, metric, sources))
    inc = store.query(
        "select source, occurred_on, oblast_code, killed, killed_low, killed_high, injured "
        "from incidents where list_contains(?, source)",
        [chosen],
    )
    if inc.height == 0:
        raise ValueError("no incidents in the database (ingest an incidents file first)")
    cover = day_coverage(inc, codes["oblast_code"])
    regional = incident_panel(inc, codes, freq=freq, coverage=cover)
    counts = count_by(inc, freq=freq, by=()).with_columns(pl.lit(NATIONAL).alias("oblast_code"))
    national = complete_panel(
        counts, freq=freq, keys=[NATIONAL], start=cast(dt.date, regional["period"].min()),
        end=cast(dt.date, regional["period"].max()),
    ).join(period_coverage(cover, freq=freq), on=["period", "oblast_code"], how="left")  # fmt: skip
    national = national.with_columns(pl.col("covered").fill_null(False))
    panel, nat = (_casualty_value(f, metric) for f in (regional, national))
    return panel, nat, cast(dt.date, inc["occurred_on"].max())


def _alert_metric(store: Store, metric: str, codes: pl.DataFrame, freq: Freq) -> _Parts:
    """(regional panel, national panel, last day) of an alert metric (the datasets' union)."""
    daily = store.query("select period, oblast_code, alerts, alert_minutes from daily_alerts")
    if daily.height == 0:
        raise ValueError("no alerts in the database (ingest an alerts file first)")
    cover = store.query("select oblast_code, day, covered from alert_day_coverage")
    panel = alert_panel(daily, codes["oblast_code"], freq=freq, coverage=cover).select(
        "period", "oblast_code",
        pl.when(pl.col("covered")).then(pl.col(metric).cast(pl.Float64)).alias("value"),
    )  # fmt: skip
    # the newest day any dataset covers (daily_alerts is the union of all of them)
    return panel, national_series(panel, value_cols=["value"]), cast(dt.date, daily["period"].max())


def _wave_metric(
    store: Store, metric: str, freq: Freq, weapon_classes: Sequence[str] | None
) -> _Parts:
    """(empty regional panel, national panel, last day) of an attack-wave metric."""
    if freq not in ("week", "month"):
        raise ValueError(f"{metric} is available by week or month, not {freq}")
    view, col = ("weekly_attacks", "week") if freq == "week" else ("monthly_attacks", "month")
    classes = list(weapon_classes) if weapon_classes else None
    waves = store.query(
        f"select {col} as week, weapon_class, waves, launched, destroyed, not_reach_goal "
        f"from {view} where reporter_level = 'national'"
        " and (cast(? as varchar[]) is null or list_contains(?, weapon_class))",
        [classes, classes],
    )
    if waves.height == 0:
        raise ValueError("no attack waves in the database (ingest a missiles file first)")
    last = store.query("select max(cast(time_start as date)) as d from attack_waves_latest")
    nat = attack_series(waves, freq=freq).select(
        "period", pl.lit(NATIONAL).alias("oblast_code"),
        pl.col(metric).cast(pl.Float64).alias("value"),
    )  # fmt: skip
    return nat.clear(), nat, last["d"][0]
