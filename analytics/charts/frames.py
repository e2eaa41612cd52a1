"""Chart input: tidy polars frames checked for columns and read as plottable arrays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import polars as pl

__all__ = ["Frame"]

Frame = pl.DataFrame | pl.LazyFrame
"""A chart input: an eager or lazy polars frame."""


def collect_frame(frame: Frame | None, columns: Sequence[str], what: str) -> pl.DataFrame:
    if frame is None:
        return pl.DataFrame({c: [] for c in columns})
    df = frame.collect() if isinstance(frame, pl.LazyFrame) else frame
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} frame lacks column(s) {missing}; it has {df.columns}")
    return df


def as_floats(s: pl.Series) -> np.ndarray:
    """Values as float64 with NULL -> NaN (a gap, never a zero)."""
    return s.cast(pl.Float64).to_numpy().astype(float)


def is_temporal(s: pl.Series) -> bool:
    return s.dtype == pl.Date or isinstance(s.dtype, pl.Datetime)


def x_values(s: pl.Series) -> np.ndarray:
    if is_temporal(s):
        return s.to_numpy()
    if s.dtype.is_numeric():
        return as_floats(s)
    return np.asarray(s.cast(pl.String).to_list(), dtype=object)


def period_step(s: pl.Series) -> dt.timedelta | float:
    """Typical spacing of sorted unique periods (bar widths); 7 days / 1.0 when unknown."""
    u = s.drop_nulls().unique().sort()
    if is_temporal(s):
        if u.len() < 2:
            return dt.timedelta(days=7)
        return u.diff().drop_nulls().min()  # type: ignore[return-value]
    if s.dtype.is_numeric() and u.len() >= 2:
        return float(u.diff().drop_nulls().min())  # type: ignore[arg-type]
    return 1.0


def drop_null_keys(df: pl.DataFrame, col: str, what: str, notes: list[str]) -> pl.DataFrame:
    n = df[col].null_count()
    if n:
        notes.append(f"Not shown: {n} row(s) with no {what}.")
        df = df.filter(pl.col(col).is_not_null())
    return df
