"""Surge checks read each period's design row from the design of the whole series: the same
numbers as building the design of the series up to that period (the way it was written)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest
from scipy import stats

from analytics.modelling.autoregression import FIT_CACHE, LAGS, clean_series, refit_base
from analytics.modelling.baselines import BASELINE_NAMES, ERROR_WINDOW, baseline_rule, past_pairs
from analytics.modelling.surge import surge_alerts

START = np.datetime64("2021-01-04")


def _series(n: int, seed: int, unknown: tuple[int, ...] = ()) -> pl.DataFrame:
    """A negative binomial series following its own last count, weekly, NULL at ``unknown``."""
    rng = np.random.default_rng(seed)
    y, prev = np.zeros(n), 10.0
    for t in range(n):
        mu = np.exp(1.2 + 0.5 * np.log1p(prev))
        y[t] = rng.negative_binomial(4, 4 / (4 + mu))
        prev = y[t]
    values = [None if t in unknown else float(v) for t, v in enumerate(y)]
    return pl.DataFrame({"period": START + 7 * np.arange(n), "value": values})


Row = tuple[float | None, float | None, float | None]


def _by_prefix_designs(series: pl.DataFrame, history: int, n_draws: int, seed: int) -> list[Row]:
    """(observed, expected, p_upper) per assessed period, each period's design row built from
    the series up to it, as surge_alerts computed them before reading one whole design."""
    y, days = clean_series(series, "period", "value")
    n, rng = len(y), np.random.default_rng(seed)
    start = max(n - history - 1, 2 * LAGS["week"] + 8)
    out: list[Row] = []
    fitted, fit, spec, draws = -1, None, None, None
    for t in range(start, n):
        if (base := refit_base(t, 4, "week")) != fitted:
            fit, spec, _ = FIT_CACHE.fit(y[:base], days[:base], "week", "auto", fit)
            draws = fit.draw(rng, n_draws) if fit is not None else None
            fitted = base
        assert fit is not None and draws is not None and spec is not None
        x = spec.rows(y[: t + 1], days[: t + 1], drop_missing=False)[0][-1]
        if not (np.isfinite(y[t]) and np.all(np.isfinite(x))):
            out.append((None, None, None))
            continue
        beta, alpha = draws
        mu = np.exp(np.clip(beta @ x, -30, 20))
        if fit.family == "negative_binomial":
            size = 1 / alpha
            p = stats.nbinom.sf(y[t] - 1, size, size / (size + mu))
        else:
            p = stats.poisson.sf(y[t] - 1, mu)
        out.append((y[t], float(mu.mean()), float(np.mean(p))))
    return out


@pytest.mark.parametrize(
    ("n", "seed", "unknown"),
    [
        (70, 10, ()),
        # 130 weeks, 60 assessed: the early refits see < 2 years (no annual terms), the later
        # ones >= 2 years (annual terms): two designs; NULLs in the response and in the lags
        (130, 11, (90, 101, 117)),
    ],
)
def test_surge_rows_equal_the_design_of_each_prefix(
    n: int, seed: int, unknown: tuple[int, ...]
) -> None:
    series = _series(n, seed, unknown)
    got = surge_alerts(series, history=60, n_draws=150, seed=3).history
    want = _by_prefix_designs(series, 60, 150, 3)
    assert got.height == len(want)
    assert got.select("observed", "expected", "p_upper").rows() == want
    if unknown:  # a NULL period and the periods whose lags hold it are not assessed
        assert got.filter(pl.col("p_upper").is_null())["period"].to_list()[0] == (
            dt.date(2021, 1, 4) + dt.timedelta(weeks=unknown[0])
        )


@pytest.mark.parametrize(("n", "origin"), [(30, 12), (150, 150), (150, 40), (260, 200)])
def test_baseline_rows_read_from_every_target_equal_the_window_built_at_the_origin(
    n: int, origin: int
) -> None:
    # a rule reads each origin's past errors from the pairs of every target: the same rows
    # as building the last ERROR_WINDOW targets before that origin
    y = np.random.default_rng(n).poisson(8.0, n).astype(float)
    y[[3, 17, n - 5]] = np.nan
    for name in BASELINE_NAMES:
        rule = baseline_rule(name, y, 8, 52)
        want_actual, want_pred = past_pairs(y, rule.points, origin)
        lo = max(origin - ERROR_WINDOW, 0)
        assert want_actual.shape == (origin - lo, 8)
        np.testing.assert_array_equal(rule.targets[lo:origin], want_actual)
        np.testing.assert_array_equal(rule.forecasts[lo:origin], want_pred)
