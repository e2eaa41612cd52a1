"""Periods: day, ISO week, ACLED week (Saturday-Friday) and month, labelled by their first day."""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

import polars as pl

__all__ = [
    "FREQS",
    "Freq",
    "Frame",
    "as_lazy",
    "check_freq",
    "period_start",
    "period_end",
    "align",
    "ending_by",
    "period_range",
]

Freq = Literal["day", "week", "acled_week", "month"]


FREQS: Final[tuple[str, ...]] = ("day", "week", "acled_week", "month")


Frame = pl.DataFrame | pl.LazyFrame


def as_lazy(frame: Frame) -> pl.LazyFrame:
    return frame.lazy() if isinstance(frame, pl.DataFrame) else frame


def check_freq(freq: str) -> None:
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")


def period_start(expr: pl.Expr | str, freq: Freq) -> pl.Expr:
    """First day of the period containing each date.

    Examples
    --------
    >>> df = pl.DataFrame({"d": [dt.date(2024, 3, 15)]})  # a Friday
    >>> [df.select(period_start("d", f))[0, 0].isoformat() for f in FREQS]
    ['2024-03-15', '2024-03-11', '2024-03-09', '2024-03-01']
    """
    check_freq(freq)
    d = (pl.col(expr) if isinstance(expr, str) else expr).cast(pl.Date)
    if freq == "day":
        return d
    if freq == "week":
        return d - pl.duration(days=d.dt.weekday() - 1)
    if freq == "acled_week":  # Saturday .. Friday; polars weekday: Monday=1 .. Sunday=7
        return d - pl.duration(days=(d.dt.weekday() + 1) % 7)
    return d.dt.month_start()


def period_end(start: dt.date, freq: Freq) -> dt.date:
    """Last day of the period that starts on ``start``."""
    check_freq(freq)
    if freq == "day":
        return start
    if freq in ("week", "acled_week"):
        return start + dt.timedelta(days=6)
    nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def align(day: dt.date, freq: Freq) -> dt.date:
    return pl.select(period_start(pl.lit(day, dtype=pl.Date), freq)).item()


def ending_by(
    frame: pl.DataFrame, end: dt.date, freq: Freq, *, period_col: str = "period"
) -> pl.DataFrame:
    """The rows whose whole period ends on or before ``end`` (a period that ends after it is
    left out entirely).

    Examples
    --------
    >>> df = pl.DataFrame({"period": [dt.date(2024, 3, 4), dt.date(2024, 3, 11)]})
    >>> ending_by(df, dt.date(2024, 3, 16), "week")["period"].to_list()
    [datetime.date(2024, 3, 4)]
    """
    return frame.filter(pl.col(period_col) < align(end + dt.timedelta(days=1), freq))


def period_range(start: dt.date, end: dt.date, freq: Freq) -> pl.Series:
    """Every period start from the period containing ``start`` to the one containing ``end``."""
    first, last = align(start, freq), align(end, freq)
    interval = {"day": "1d", "week": "1w", "acled_week": "1w", "month": "1mo"}[freq]
    return pl.date_range(first, last, interval=interval, eager=True).alias("period")
