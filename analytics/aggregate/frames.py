"""Aggregates as frames in, frames out: counts by period and oblast, panels, rates, mixes.

Every function takes a frame (``pl.DataFrame`` or ``pl.LazyFrame``) plus keyword options naming
its columns and returns a tidy ``pl.DataFrame``; nothing here reads the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final, Literal, cast

import polars as pl

from analytics.aggregate.periods import (
    Frame,
    Freq,
    as_lazy,
    period_range,
    period_start,
)
from analytics.store.coverage import NATIONAL, day_coverage, period_coverage

__all__ = [
    "COUNT_COLUMNS",
    "count_by",
    "complete_panel",
    "incident_panel",
    "national_series",
    "per_100k",
    "rolling",
    "weapon_mix",
    "alert_panel",
    "attack_series",
    "flag_incomplete",
]

#: Count columns of an incident aggregate (zero-filled in panels).
COUNT_COLUMNS: Final[tuple[str, ...]] = ("incidents", "killed_reported", "injured_reported")


def count_by(
    frame: Frame,
    *,
    freq: Freq = "week",
    by: Sequence[str] = ("oblast_code",),
    date_col: str = "occurred_on",
    killed_col: str = "killed",
    injured_col: str = "injured",
    killed_low_col: str = "killed_low",
    killed_high_col: str = "killed_high",
    coverage: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Incidents and casualty sums per period and group.

    Returns columns ``period``, ``*by``, ``incidents``, ``killed``, ``injured`` (sums of
    reported values, NULL where none was reported), ``killed_reported``, ``injured_reported``
    (incidents with a value), ``killed_low``, ``killed_high`` (sums of each incident's range;
    an incident without one -- or a frame without the columns -- contributes its ``killed``
    to both, so ``killed_low <= killed <= killed_high``) and ``killed_reported_share``,
    ``injured_reported_share``. A NULL group key (e.g. an unresolved oblast) is its own group.
    With ``coverage`` (a :func:`~analytics.store.coverage.day_coverage` frame) and
    ``by=("oblast_code",)``, adds ``covered`` and ``covered_days`` of each cell as the SQL
    period views do (a NULL oblast takes the national coverage). Sorted by period, then keys.
    """
    by = list(by)
    if coverage is not None:
        counts = count_by(
            frame, freq=freq, by=by, date_col=date_col, killed_col=killed_col,
            injured_col=injured_col, killed_low_col=killed_low_col,
            killed_high_col=killed_high_col,
        )  # fmt: skip
        cov = period_coverage(coverage, freq=freq).rename({"oblast_code": "_cov_key"})
        return (
            counts.with_columns(pl.col("oblast_code").fill_null(NATIONAL).alias("_cov_key"))
            .join(cov, on=["period", "_cov_key"], how="left")
            .with_columns(pl.col("covered").fill_null(False), pl.col("covered_days").fill_null(0))
            .drop("_cov_key")
        )
    lf = as_lazy(frame)
    names = lf.collect_schema().names()
    low, high = (
        pl.coalesce(pl.col(c), pl.col(killed_col)) if c in names else pl.col(killed_col)
        for c in (killed_low_col, killed_high_col)
    )
    return (
        lf.group_by(period_start(date_col, freq).alias("period"), *by)
        .agg(
            pl.len().cast(pl.Int64).alias("incidents"),
            pl.col(killed_col).sum().cast(pl.Int64).alias("killed"),
            pl.col(injured_col).sum().cast(pl.Int64).alias("injured"),
            pl.col(killed_col).count().cast(pl.Int64).alias("killed_reported"),
            pl.col(injured_col).count().cast(pl.Int64).alias("injured_reported"),
            low.sum().cast(pl.Int64).alias("killed_low"),
            high.sum().cast(pl.Int64).alias("killed_high"),
            low.count().alias("_low_n"),
            high.count().alias("_high_n"),
        )
        .with_columns(  # polars sums an all-null group to 0: restore NULL = "not reported"
            pl.when(pl.col("killed_reported") > 0).then(pl.col("killed")).alias("killed"),
            pl.when(pl.col("injured_reported") > 0).then(pl.col("injured")).alias("injured"),
            pl.when(pl.col("_low_n") > 0).then(pl.col("killed_low")).alias("killed_low"),
            pl.when(pl.col("_high_n") > 0).then(pl.col("killed_high")).alias("killed_high"),
            (pl.col("killed_reported") / pl.col("incidents")).alias("killed_reported_share"),
            (pl.col("injured_reported") / pl.col("incidents")).alias("injured_reported_share"),
        )
        .drop("_low_n", "_high_n")
        .sort(["period", *by], nulls_last=True)
        .collect()
    )


def complete_panel(
    frame: Frame,
    *,
    freq: Freq,
    keys: Sequence[str] | pl.Series,
    key_col: str = "oblast_code",
    period_col: str = "period",
    start: dt.date | None = None,
    end: dt.date | None = None,
    zero_cols: Sequence[str] = COUNT_COLUMNS,
) -> pl.DataFrame:
    """Every key in ``keys`` x every period from ``start`` to ``end``, quiet cells included.

    Columns in ``zero_cols`` are counts and become 0 where the cell had no row; every other
    value column stays NULL there (a casualty sum nobody reported is unknown, not zero). Rows
    whose key is not in ``keys`` (e.g. NULL oblast) are dropped: use :func:`national_series`
    for totals. ``start``/``end`` default to the data's range.
    """
    data = as_lazy(frame).filter(pl.col(key_col).is_in(list(keys)))
    if start is None or end is None:
        lo, hi = (
            as_lazy(frame)
            .select(pl.col(period_col).min().alias("lo"), pl.col(period_col).max().alias("hi"))
            .collect()
            .row(0)
        )
        start, end = start or lo, end or hi
    if start is None or end is None:
        raise ValueError("empty frame: pass start= and end= to build a panel")
    grid = (
        period_range(start, end, freq)
        .alias(period_col)
        .to_frame()
        .lazy()
        .join(pl.LazyFrame({key_col: sorted(set(keys))}), how="cross")
    )
    names = data.collect_schema().names()
    fills = [pl.col(c).fill_null(0) for c in zero_cols if c in names]
    return (
        grid.join(data, on=[period_col, key_col], how="left")
        .with_columns(fills)
        .sort([period_col, key_col])
        .collect()
    )


def incident_panel(
    frame: Frame,
    oblasts: pl.DataFrame,
    *,
    freq: Freq = "week",
    start: dt.date | None = None,
    end: dt.date | None = None,
    date_col: str = "occurred_on",
    population_col: str = "population_2022",
    coverage: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Complete oblast x period panel of incidents and casualties, with rates per 100,000.

    ``oblasts`` has ``oblast_code`` (or ``code``) and ``population_2022``. Output columns:
    ``period``, ``oblast_code``, ``incidents``, ``killed``, ``injured``, ``killed_reported``,
    ``injured_reported``, ``killed_reported_share``, ``injured_reported_share``,
    ``population``, ``incidents_per_100k``, ``killed_per_100k``, ``injured_per_100k``,
    ``killed_low``, ``killed_high``, ``covered`` and ``covered_days``.

    Counts are zero-filled only where some source covers at least one day of the cell
    (``covered_days > 0``); where nothing covers, every figure is NULL (unknown, not zero).
    ``coverage`` is a :func:`~analytics.store.coverage.day_coverage` frame; by default it is
    computed from ``frame`` itself (which then needs a ``source`` column), as the SQL view
    ``weekly_oblast_panel`` does.
    """
    if "oblast_code" not in oblasts.columns:
        oblasts = oblasts.rename({"code": "oblast_code"})
    counts = count_by(frame, freq=freq, date_col=date_col)
    if start is None or end is None:
        lo, hi = (
            as_lazy(frame)
            .select(pl.col(date_col).min().alias("lo"), pl.col(date_col).max().alias("hi"))
            .collect()
            .row(0)
        )
        start, end = start or lo, end or hi
    if coverage is None:
        coverage = day_coverage(frame, oblasts["oblast_code"], date_col=date_col)
    cov = period_coverage(coverage, freq=freq)
    panel = complete_panel(counts, freq=freq, keys=oblasts["oblast_code"], start=start, end=end)
    watched = pl.col("covered_days") > 0
    panel = (
        panel.join(cov, on=["period", "oblast_code"], how="left")
        .with_columns(pl.col("covered").fill_null(False), pl.col("covered_days").fill_null(0))
        .with_columns(
            pl.when(watched | (pl.col("incidents") > 0)).then(pl.col(c)).alias(c)
            for c in COUNT_COLUMNS
        )
    )
    pop = oblasts.select("oblast_code", pl.col(population_col).alias("population"))
    return per_100k(
        panel.join(pop, on="oblast_code", how="left"),
        value_cols=("incidents", "killed", "injured"),
        population_col="population",
    )


def national_series(
    frame: Frame, *, value_cols: Sequence[str], period_col: str = "period"
) -> pl.DataFrame:
    """Sum a panel over all rows per period (NULL only where every row is NULL); ``oblast_code='UA'``."""
    aggs = [pl.when(pl.col(c).count() > 0).then(pl.col(c).sum()).alias(c) for c in value_cols]
    return (
        as_lazy(frame)
        .group_by(period_col)
        .agg(aggs)
        .with_columns(pl.lit("UA").alias("oblast_code"))
        .select(period_col, "oblast_code", *value_cols)
        .sort(period_col)
        .collect()
    )


def per_100k(
    frame: Frame, *, value_cols: Sequence[str], population_col: str = "population"
) -> pl.DataFrame:
    """Add ``<col>_per_100k`` = value / population * 100,000 (NULL stays NULL)."""
    return (
        as_lazy(frame)
        .with_columns(
            (pl.col(c) / pl.col(population_col) * 100_000).alias(f"{c}_per_100k")
            for c in value_cols
        )
        .collect()
    )


def rolling(
    frame: Frame,
    *,
    value_cols: Sequence[str],
    window: int,
    by: Sequence[str] = ("oblast_code",),
    period_col: str = "period",
    how: Literal["mean", "sum"] = "mean",
) -> pl.DataFrame:
    """Trailing rolling mean or sum over ``window`` periods within each group.

    Use it on a complete panel so that the window counts periods, not rows with data. Adds
    ``<col>_roll<window>``; NULL until a full window is available (NULLs inside a window are
    skipped, so a casualty window averages only reported periods).
    """

    def roll(c: str) -> pl.Expr:
        col = pl.col(c).cast(pl.Float64)
        expr = (
            col.rolling_mean(window, min_samples=1)
            if how == "mean"
            else col.rolling_sum(window, min_samples=1)
        )
        full = pl.int_range(pl.len()) >= window - 1
        out = pl.when(full).then(expr)
        return (out.over(list(by)) if by else out).alias(f"{c}_roll{window}")

    return (
        as_lazy(frame)
        .sort([*by, period_col])
        .with_columns(roll(c) for c in value_cols)
        .sort([period_col, *by])
        .collect()
    )


def weapon_mix(
    frame: Frame,
    *,
    freq: Freq = "month",
    category_col: str = "strike_type",
    by: Sequence[str] = (),
    date_col: str = "occurred_on",
) -> pl.DataFrame:
    """Share of incidents by category (strike type, weapon class, source) per period and group.

    Returns ``period``, ``*by``, ``<category_col>``, ``incidents``, ``share`` (shares sum to 1
    within each period and group).
    """
    by = list(by)
    return (
        as_lazy(frame)
        .group_by(period_start(date_col, freq).alias("period"), *by, category_col)
        .agg(pl.len().cast(pl.Int64).alias("incidents"))
        .with_columns(
            (pl.col("incidents") / pl.col("incidents").sum().over(["period", *by])).alias("share")
        )
        .sort(["period", *by, category_col], nulls_last=True)
        .collect()
    )


def alert_panel(
    daily_alerts: Frame,
    oblast_codes: Sequence[str] | pl.Series,
    *,
    freq: Freq = "week",
    period_col: str = "period",
    start: dt.date | None = None,
    end: dt.date | None = None,
    coverage: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Alerts and alert minutes per oblast and period from the ``daily_alerts`` view.

    Input columns ``period`` (day), ``oblast_code``, ``alerts``, ``alert_minutes`` (and
    optionally ``imputed_minutes``). A covered day with no alert is a true zero (the alert
    feeds list every alert), so covered cells are zero-filled. With ``coverage`` (``oblast_code,
    day, covered``, the ``alert_day_coverage`` view) a cell no dataset covers on any day is NULL
    (Luhansk, Crimea and Sevastopol, whose permanent alerts no dataset lists) and the output
    carries ``covered`` (every day covered) and ``covered_days``. Output: ``period``,
    ``oblast_code``, ``alerts``, ``alert_minutes``, ``alert_hours``, ``imputed_minutes`` and
    ``imputed_share`` when the input has imputed minutes.
    """
    lf = as_lazy(daily_alerts)
    has_imputed = "imputed_minutes" in lf.collect_schema().names()
    sums = ["alerts", "alert_minutes"] + (["imputed_minutes"] if has_imputed else [])
    agg = (
        lf.group_by(period_start(period_col, freq).alias("period"), "oblast_code")
        .agg(pl.col(c).sum().cast(pl.Int64 if c == "alerts" else pl.Float64) for c in sums)
        .collect()
    )
    panel = complete_panel(
        agg, freq=freq, keys=oblast_codes, start=start, end=end, zero_cols=tuple(sums)
    )
    if coverage is not None:
        cov = period_coverage(coverage, freq=freq)
        watched = pl.col("covered_days") > 0
        panel = (
            panel.join(cov, on=["period", "oblast_code"], how="left")
            .with_columns(pl.col("covered").fill_null(False), pl.col("covered_days").fill_null(0))
            .with_columns(
                pl.when(watched | (pl.col("alerts") > 0)).then(pl.col(c)).alias(c) for c in sums
            )
        )
    panel = panel.with_columns((pl.col("alert_minutes") / 60).alias("alert_hours"))
    if has_imputed:
        panel = panel.with_columns(
            (pl.col("imputed_minutes") / pl.col("alert_minutes")).alias("imputed_share")
        )
    return panel


def attack_series(
    weekly_attacks: Frame,
    *,
    freq: Literal["week", "month"] = "week",
    by: Sequence[str] = (),
    period_col: str = "week",
) -> pl.DataFrame:
    """Waves, launched, destroyed and not reached per period from the ``weekly_attacks`` view.

    Input columns ``week`` (Monday), ``weapon_class``, ``waves``, ``launched``, ``destroyed``
    and optionally ``not_reach_goal`` (lost to electronic warfare).
    ``by=("weapon_class",)`` keeps classes apart. Monthly figures assign each ISO week to the
    month of its Monday (weeks are not split). Weeks with no wave are zero-filled; a period
    whose waves all left ``launched`` (or ``destroyed``) unreported keeps it NULL. Output:
    ``period``, ``*by``, ``waves``, ``launched``, ``destroyed``, ``interception_rate``
    (destroyed / launched, recomputed from the sums; NULL when nothing was launched) and, with
    ``not_reach_goal`` in the input, ``not_reach_goal`` and ``neutralised_rate`` ((destroyed +
    not_reach_goal) / launched, a blank not_reach_goal counting none lost; a lower bound).
    Rates from the summed columns equal the views' only where every wave reports both launched
    and destroyed (the views restrict each rate to such waves).
    """
    by = list(by)
    lf = as_lazy(weekly_attacks).with_columns(period_start(period_col, freq).alias("period"))
    counts = ["launched", "destroyed"]
    if "not_reach_goal" in lf.collect_schema().names():
        counts.append("not_reach_goal")
    nullable = [  # a sum over waves none of which reported the figure is unknown, not 0
        pl.when(pl.col(c).count() > 0).then(pl.col(c).sum()).alias(c) for c in counts
    ]
    agg = lf.group_by("period", *by).agg(pl.col("waves").sum(), *nullable).collect()
    if agg.height:
        keys = by or ["_all"]
        if not by:
            agg = agg.with_columns(pl.lit("all").alias("_all"))
        first, last = (cast(dt.date, v) for v in (agg["period"].min(), agg["period"].max()))
        grid = period_range(first, last, freq).to_frame()
        for k in keys:
            grid = grid.join(agg.select(k).unique(), how="cross")
        agg = (
            grid.join(agg, on=["period", *keys], how="left")
            .with_columns(  # zero only where there was no wave at all
                pl.when(pl.col("waves").is_null()).then(0).otherwise(pl.col(c)).alias(c)
                for c in (*counts, "waves")
            )
            .drop("_all", strict=False)
        )
    rates = [
        pl.when(pl.col("launched") > 0)
        .then(pl.col("destroyed") / pl.col("launched"))
        .alias("interception_rate")
    ]
    if "not_reach_goal" in counts:
        rates.append(
            pl.when(pl.col("launched") > 0)
            .then(
                (pl.col("destroyed") + pl.col("not_reach_goal").fill_null(0)) / pl.col("launched")
            )
            .alias("neutralised_rate")
        )
    return agg.with_columns(rates).sort(["period", *by])


def flag_incomplete(
    frame: Frame,
    *,
    freq: Freq,
    through: dt.date | None = None,
    period_col: str = "period",
) -> pl.DataFrame:
    """Add ``complete``: False for a period that ends after ``through`` (default: today, UTC).

    Pass the last date the data cover as ``through`` to flag a period the data only partly
    cover. Charts should grey such periods out and models should not train on them.
    """
    through = through or dt.datetime.now(dt.UTC).date()
    start = pl.col(period_col).cast(pl.Date)
    if freq == "day":
        end = start
    elif freq in ("week", "acled_week"):
        end = start + pl.duration(days=6)
    else:
        end = start.dt.month_end()
    return as_lazy(frame).with_columns((end <= pl.lit(through)).alias("complete")).collect()
