"""Guards, baselines and honest choice of the published forecast, on hand-made series."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest

from analytics.modelling.autoregression import MAX_LAG_SUM, fit_single, lag_sum
from analytics.modelling.baselines import point_matrix
from analytics.modelling.counts import as_dates
from analytics.modelling.forecast import (
    FORECAST_COLUMNS,
    MAX_HORIZON,
    HorizonError,
    forecast,
    forecast_frame,
    forecast_panel,
)

START = dt.date(2021, 1, 4)


def _frame(values: list[float | None]) -> pl.DataFrame:
    n = len(values)
    days = pl.date_range(START, START + dt.timedelta(weeks=n - 1), "1w", eager=True)
    return pl.DataFrame({"period": days, "value": values}, schema_overrides={"value": pl.Float64})


def test_baseline_points_by_hand() -> None:
    y = np.array([1.0, 2.0, np.nan, 4.0, 6.0, 8.0])
    # mean of the last 4 from origin 6: known values 4, 6, 8 (NaN skipped) -> 6
    assert point_matrix("mean_4", y, 2, 52)[6].tolist() == [6.0, 6.0]
    # naive from origin 3 (y[2] unknown): the last known value, 2
    assert point_matrix("naive", y, 1, 52)[3].tolist() == [2.0]
    # seasonal naive with season 3 from origin 6: y[3], y[4] for steps 1, 2
    assert point_matrix("seasonal_naive", y, 2, 3)[6].tolist() == [4.0, 6.0]


def test_horizon_above_the_maximum_is_a_clear_error() -> None:
    frame = _frame([float(v) for v in range(1, 41)])
    with pytest.raises(HorizonError, match=str(MAX_HORIZON["week"])):
        forecast(frame, horizon=MAX_HORIZON["week"] + 1)
    with pytest.raises(HorizonError):
        forecast(frame, horizon=0)


def test_explosive_autoregression_falls_back_with_a_reason() -> None:
    # doubling every week: the lag coefficients of a log-linear autoregression sum above 1
    y = np.array([float(2 ** (t // 3)) for t in range(45)])
    frame = _frame(list(y))
    fit, spec, reason = fit_single(y, as_dates(frame["period"]), "week", "auto")
    assert fit is not None
    assert not spec.ar and "fallback" in reason and str(MAX_LAG_SUM) in reason
    assert lag_sum(fit) == 0.0


def test_published_bounds_stay_within_ten_times_the_history() -> None:
    rng = np.random.default_rng(3)
    y = np.concatenate([rng.poisson(2, 40), rng.poisson(300, 6)]).astype(float)
    res = forecast(_frame(list(y)), horizon=8, n_sims=500)
    assert res.forecasts["hi95"].max() <= 10 * y.max()
    assert tuple(forecast_frame(res).columns) == FORECAST_COLUMNS


def test_never_positive_series_forecasts_zero_and_gaps_are_not_zero() -> None:
    zero = forecast(_frame([0.0] * 40), horizon=3)
    assert zero.model == "zero" and zero.forecasts["hi95"].to_list() == [0, 0, 0]
    # a level of ~100 with a gap of NULLs: the forecast stays near 100, not dragged to 0
    rng = np.random.default_rng(4)
    vals: list[float | None] = [float(v) for v in rng.poisson(100, 60)]
    vals[30:45] = [None] * 15
    res = forecast(_frame(vals), horizon=2, n_sims=500)
    assert res.forecasts["median"].min() > 60


def test_panel_sum_is_coherent_and_zero_series_borrow_nothing() -> None:
    rng = np.random.default_rng(6)
    parts = []
    for code, level in (("UA-01", 20), ("UA-02", 5), ("UA-03", 0)):
        f = _frame([float(v) for v in rng.poisson(level, 60)])
        parts.append(f.with_columns(oblast_code=pl.lit(code)))
    res = forecast_panel(pl.concat(parts), horizon=3, n_sims=400)
    assert res.forecasts.filter(pl.col("oblast_code") == "UA-03")["hi95"].to_list() == [0, 0, 0]
    total = res.paths["UA-01"] + res.paths["UA-02"] + res.paths["UA-03"]
    assert np.array_equal(res.paths["UA"], total)
    national = res.forecasts.filter(pl.col("oblast_code") == "UA")
    assert national["mean"].to_list() == pytest.approx(total.mean(axis=0).round(2).tolist())


def test_panel_leaves_series_with_no_known_period_out_of_the_national_sum() -> None:
    """A unit the data never cover (e.g. Crimea in the alert datasets) gets NULL rows, not a
    pooled positive forecast, and the national sum is over the covered units, saying so."""
    rng = np.random.default_rng(7)
    known = _frame([float(v) for v in rng.poisson(30, 60)]).with_columns(
        oblast_code=pl.lit("UA-01")
    )
    never = _frame([None] * 60).with_columns(oblast_code=pl.lit("UA-43"))
    res = forecast_panel(pl.concat([known, never]), horizon=2, n_sims=400)
    crimea = res.forecasts.filter(pl.col("oblast_code") == "UA-43")
    assert crimea["median"].null_count() == 2 and crimea["model"].to_list() == ["not_covered"] * 2
    assert np.array_equal(res.paths["UA"], res.paths["UA-01"])
    assert "UA-43" in res.reason and "national sum is over the other series only" in res.reason
