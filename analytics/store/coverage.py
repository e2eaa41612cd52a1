"""Coverage calendar in polars: which source covers which oblast on which day.

The same rules as ``sql/coverage.sql`` (the tests assert parity). An incident source covers,
from its first to its last incident (its own range), every day outside its internal gaps (runs
of ``min_gap_weeks`` or more ISO weeks without one of its incidents) and only the units it
names at least once. A count of 0 is a zero only where some source covers the cell; elsewhere
the figure is unknown (NULL), never 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final, Literal, cast

import polars as pl

__all__ = [
    "MIN_GAP_WEEKS",
    "NATIONAL",
    "source_gaps",
    "source_day_coverage",
    "incident_coverage",
    "day_coverage",
    "period_coverage",
]

#: A source is taken to have stopped covering during a run of this many empty ISO weeks.
MIN_GAP_WEEKS: Final[int] = 4
#: The oblast_code of national rows.
NATIONAL: Final[str] = "UA"

Frame = pl.DataFrame | pl.LazyFrame


def _week(expr: pl.Expr) -> pl.Expr:
    return expr - pl.duration(days=expr.dt.weekday() - 1)


def source_gaps(
    frame: Frame,
    *,
    date_col: str = "occurred_on",
    source_col: str = "source",
    min_weeks: int = MIN_GAP_WEEKS,
) -> pl.DataFrame:
    """Runs of ``min_weeks`` or more ISO weeks without an incident, inside each source's range.

    Returns ``source``, ``first_empty_week``, ``last_empty_week``, ``empty_weeks`` (view
    ``source_gaps``).
    """
    weeks = (
        frame.lazy()
        .select(pl.col(source_col).alias("source"), _week(pl.col(date_col)).alias("week"))
        .unique()
        .collect()
    )
    out = []
    for (source,), grp in weeks.group_by("source"):
        have = set(grp["week"].to_list())
        first, last = cast(dt.date, grp["week"].min()), cast(dt.date, grp["week"].max())
        cal = pl.date_range(first, last, "1w", eager=True)
        empty = pl.DataFrame({"week": cal}).with_columns(empty=~pl.col("week").is_in(list(have)))
        runs = (
            empty.with_columns(run=pl.col("empty").rle_id())
            .filter(pl.col("empty"))
            .group_by("run")
            .agg(
                pl.col("week").min().alias("first_empty_week"),
                pl.col("week").max().alias("last_empty_week"),
                pl.len().cast(pl.Int64).alias("empty_weeks"),
            )
            .filter(pl.col("empty_weeks") >= min_weeks)
            .with_columns(pl.lit(source).alias("source"))
        )
        out.append(runs.select("source", "first_empty_week", "last_empty_week", "empty_weeks"))
    schema = {
        "source": pl.String,
        "first_empty_week": pl.Date,
        "last_empty_week": pl.Date,
        "empty_weeks": pl.Int64,
    }
    if not out:
        return pl.DataFrame(schema=schema)
    return pl.concat(out).cast(schema).sort("source", "first_empty_week")  # type: ignore[arg-type]


def source_day_coverage(
    frame: Frame, *, date_col: str = "occurred_on", source_col: str = "source"
) -> pl.DataFrame:
    """``source, day, covered``: every day of each source's range; False inside its gaps."""
    lf = frame.lazy().select(pl.col(source_col).alias("source"), pl.col(date_col).alias("d"))
    spans = lf.group_by("source").agg(pl.col("d").min().alias("lo"), pl.col("d").max().alias("hi"))
    days = (
        spans.with_columns(day=pl.date_ranges("lo", "hi", "1d"))
        .explode("day")
        .select("source", "day")
        .collect()
    )
    gaps = source_gaps(frame, date_col=date_col, source_col=source_col)
    in_gap = (
        days.with_columns(week=_week(pl.col("day")))
        .join(gaps, on="source", how="inner")
        .filter(pl.col("week").is_between("first_empty_week", "last_empty_week"))
        .select("source", "day")
        .unique()
        .with_columns(pl.lit(True).alias("gap"))
    )
    return (
        days.join(in_gap, on=["source", "day"], how="left")
        .select("source", "day", pl.col("gap").is_null().alias("covered"))
        .sort("source", "day")
    )


def incident_coverage(
    frame: Frame,
    oblast_codes: Sequence[str] | pl.Series,
    *,
    date_col: str = "occurred_on",
    source_col: str = "source",
) -> pl.DataFrame:
    """The calendar source x oblast x day (view ``incident_coverage``).

    Columns ``source``, ``oblast_code``, ``day``, ``covered`` and ``not_covered_because``
    (``'gap'``, ``'unit never listed'`` or NULL).
    """
    days = source_day_coverage(frame, date_col=date_col, source_col=source_col)
    listed = (
        frame.lazy()
        .filter(pl.col("oblast_code").is_not_null())
        .select(pl.col(source_col).alias("source"), "oblast_code", pl.lit(True).alias("listed"))
        .unique()
        .collect()
    )
    units = pl.DataFrame({"oblast_code": sorted(set(oblast_codes))})
    return (
        days.join(units, how="cross")
        .join(listed, on=["source", "oblast_code"], how="left")
        .select(
            "source",
            "oblast_code",
            "day",
            (pl.col("covered") & pl.col("listed").is_not_null()).alias("covered"),
            pl.when(pl.col("listed").is_null())
            .then(pl.lit("unit never listed"))
            .when(~pl.col("covered"))
            .then(pl.lit("gap"))
            .alias("not_covered_because"),
        )
    )


def day_coverage(
    frame: Frame,
    oblast_codes: Sequence[str] | pl.Series,
    *,
    date_col: str = "occurred_on",
    source_col: str = "source",
) -> pl.DataFrame:
    """``oblast_code, day, covered``: covered by at least one source; ``'UA'`` = national."""
    cal = incident_coverage(frame, oblast_codes, date_col=date_col, source_col=source_col)
    nat = source_day_coverage(frame, date_col=date_col, source_col=source_col)
    regional = cal.group_by("oblast_code", "day").agg(pl.col("covered").any())
    national = (
        nat.group_by("day")
        .agg(pl.col("covered").any())
        .select(pl.lit(NATIONAL).alias("oblast_code"), "day", "covered")
    )
    return pl.concat([regional, national]).sort("oblast_code", "day")


def period_coverage(
    days: Frame, *, freq: Literal["day", "week", "acled_week", "month"]
) -> pl.DataFrame:
    """``period, oblast_code, covered, covered_days`` from :func:`day_coverage`.

    ``covered`` is True when EVERY day of the period is covered (a partly covered period is a
    lower bound, not a figure to model); ``covered_days`` says how much of it is.
    """
    d = pl.col("day")
    if freq == "day":
        start, length = d, pl.lit(1)
    elif freq == "week":
        start, length = _week(d), pl.lit(7)
    elif freq == "acled_week":
        start, length = d - pl.duration(days=(d.dt.weekday() + 1) % 7), pl.lit(7)
    else:
        start, length = d.dt.month_start(), d.dt.days_in_month()
    return (
        days.lazy()
        .group_by(start.alias("period"), "oblast_code")
        .agg(
            pl.col("covered").sum().cast(pl.Int64).alias("covered_days"),
            length.first().cast(pl.Int64).alias("_days"),
        )
        .select(
            "period",
            "oblast_code",
            (pl.col("covered_days") == pl.col("_days")).alias("covered"),
            "covered_days",
        )
        .sort("period", "oblast_code")
        .collect()
    )
