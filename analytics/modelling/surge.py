"""Surge checks: how surprising each period's count is under a one-step-ahead forecast fitted
on the periods before it, with the false-alarm rate measured on history."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import cast

import numpy as np
import polars as pl
from scipy import stats

from analytics.modelling.autoregression import FIT_CACHE, LAGS, ARSpec, clean_series, refit_base
from analytics.modelling.counts import NBFit, html_table

__all__ = ["Surge", "surge_alerts"]


@dataclass(frozen=True)
class Surge:
    """Upper-tail probabilities of observed counts under one-step-ahead forecasts.

    ``history`` columns: period, observed, expected, p_upper (P(Y >= observed) given the past),
    flagged (p_upper < threshold), latest. A period whose value or lags are unknown (NULL) has
    NULL observed/expected/p_upper and is left out of the alarm rate. The summary fields say
    whether the latest period is a surge and how often the rule fired over the history (an
    upper bound on its false-alarm rate, since real surges are in the history too).
    """

    history: pl.DataFrame
    threshold: float
    latest_period: dt.date
    latest_p: float
    latest_flagged: bool
    alarm_rate: float
    n_history: int
    model: str

    def summary(self) -> pl.DataFrame:
        """One row: latest_period, observed, expected, p_upper, flagged, threshold,
        historical_alarm_rate, n_history, model."""
        last = self.history.filter(pl.col("latest"))
        return last.select(
            pl.col("period").alias("latest_period"), "observed", "expected", "p_upper", "flagged"
        ).with_columns(
            threshold=pl.lit(self.threshold),
            historical_alarm_rate=pl.lit(self.alarm_rate),
            n_history=pl.lit(self.n_history),
            model=pl.lit(self.model),
        )

    def _repr_html_(self) -> str:
        verdict = "SURGE" if self.latest_flagged else "no surge"
        return (
            f"<p><b>{verdict}</b> in {self.latest_period}: P(Y &gt;= observed) = "
            f"{self.latest_p:.3g} (threshold {self.threshold}); the rule fired in "
            f"{self.alarm_rate:.1%} of {self.n_history} past periods.</p>"
            + html_table(self.summary(), "surge check")
        )


def _design_row(
    designs: dict[ARSpec, np.ndarray], spec: ARSpec, y: np.ndarray, days: np.ndarray, t: int
) -> np.ndarray:
    """The design row of period ``t`` under ``spec`` (its lags read ``y[:t]`` only).

    Each row of a design depends only on its own period and lags, so the rows of the whole
    series are built once per spec (``designs``) and row ``t`` is read from them: the same
    numbers as building the design of ``y[: t + 1]`` and taking its last row.
    """
    if spec not in designs:
        exog, _, _ = spec.rows(y, days, drop_missing=False)
        designs[spec] = exog
    return designs[spec][t - (spec.lag if spec.ar else 0)]


def surge_alerts(
    series: pl.DataFrame,
    *,
    freq: str = "week",
    threshold: float = 0.01,
    history: int = 52,
    refit_every: int = 4,
    value_col: str = "value",
    period_col: str = "period",
    n_draws: int = 200,
    seed: int = 0,
) -> Surge:
    """Is the latest period's count surprisingly high given the model fitted on the past?

    For the latest period and each of the ``history`` periods before it, the model is fitted
    on the periods before (refitted every ``refit_every`` periods, on the prefixes whose
    length is a multiple of ``refit_every`` as the rolling-origin selection does, so both
    share :data:`~analytics.modelling.autoregression.FIT_CACHE`) and the upper-tail
    probability ``P(Y >= y)`` of the observed count is averaged over parameter draws.
    A period is flagged when that probability is below ``threshold``.
    """
    y, days = clean_series(series, period_col, value_col)
    if not np.isfinite(y[-1]):
        raise ValueError("the latest period is unknown (NULL): nothing to assess")
    n = len(y)
    start = max(n - history - 1, 2 * LAGS[freq] + 8)
    if start >= n:
        raise ValueError(f"surge_alerts needs more than {start} periods, got {n}")
    rng = np.random.default_rng(seed)
    rows: list[tuple[dt.date, float | None, float | None, float | None]] = []
    fit: NBFit | None = None
    spec: ARSpec | None = None
    draws: tuple[np.ndarray, np.ndarray] | None = None
    designs: dict[ARSpec, np.ndarray] = {}
    fitted = -1
    for t in range(start, n):
        if (base := refit_base(t, refit_every, freq)) != fitted:
            fit, spec, _ = FIT_CACHE.fit(y[:base], days[:base], freq, "auto", fit)
            draws = fit.draw(rng, n_draws) if fit is not None else None
            fitted = base
        if fit is None or draws is None or spec is None:
            rows.append((days[t].astype(dt.date), y[t], 0.0, 1.0 if y[t] == 0 else 0.0))
            continue
        x = _design_row(designs, spec, y, days, t)
        if not (np.isfinite(y[t]) and np.all(np.isfinite(x))):  # unknown: not assessed
            rows.append((days[t].astype(dt.date), None, None, None))
            continue
        beta, alpha = draws
        mu = np.exp(np.clip(beta @ x, -30, 20))
        if fit.family == "negative_binomial":
            size = 1 / alpha
            p = stats.nbinom.sf(y[t] - 1, size, size / (size + mu))
        else:
            p = stats.poisson.sf(y[t] - 1, mu)
        rows.append((days[t].astype(dt.date), y[t], float(mu.mean()), float(np.mean(p))))
    hist = pl.DataFrame(
        rows,
        schema={
            "period": pl.Date,
            "observed": pl.Float64,
            "expected": pl.Float64,
            "p_upper": pl.Float64,
        },
        orient="row",
    ).with_columns(  # fmt: skip
        pl.col("period").cast(pl.Date),
        flagged=pl.col("p_upper") < threshold,
        latest=pl.int_range(pl.len()) == pl.len() - 1,
    )
    past = hist.filter(~pl.col("latest") & pl.col("p_upper").is_not_null())
    # the mean of a non-empty Boolean column is a float
    rate = float(cast(float, past["flagged"].mean())) if past.height else math.nan
    last = hist.row(-1, named=True)
    model = "none" if fit is None else fit.family
    return Surge(
        hist, threshold, last["period"], last["p_upper"], bool(last["flagged"]), rate,
        past.height, model,
    )  # fmt: skip
