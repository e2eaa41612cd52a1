"""Probabilistic forecasts of count series, pooled across oblasts, and surge alerts.

The forecasting model is a log-linear negative binomial autoregression (NB2 with alpha by ML;
Poisson when the LR test finds no overdispersion): ``log mu_t = b0 + b1 log1p(y_{t-1}) +
b2 log1p(mean of the last L counts) + annual Fourier terms (+ weekday for daily data)``.
Prediction intervals come from simulation: every path draws the coefficients and alpha from
their estimated sampling distribution (parameter uncertainty), then counts from the NB law,
feeding simulated counts back into the lags (so multi-step uncertainty compounds). Intervals
are quantiles of integer paths. The pooled model fits shared dynamics and seasonality to all
oblasts at once and gives each oblast an empirical-Bayes (gamma) shrunken level factor, so
sparse oblasts borrow strength from the rest.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import polars as pl
from scipy import stats

from analytics.modelling.counts import NBFit, _as_dates, _html_table, design, fit_nb

__all__ = [
    "LAGS",
    "Forecast",
    "forecast",
    "forecast_pooled",
    "Surge",
    "surge_alerts",
    "simulate_paths",
    "FORECAST_COLUMNS",
]

#: Length of the "recent mean" lag by frequency.
LAGS: Final[dict[str, int]] = {"day": 7, "week": 4, "acled_week": 4, "month": 3}
_STEP: Final[dict[str, str]] = {"day": "1d", "week": "1w", "acled_week": "1w", "month": "1mo"}
#: Columns of every forecast frame.
FORECAST_COLUMNS: Final[tuple[str, ...]] = (
    "metric", "oblast_code", "period_start", "mean", "median", "lo80", "hi80", "lo95", "hi95",
    "model",
)  # fmt: skip


# -- the autoregressive NB model --------------------------------------------------------------
@dataclass(frozen=True)
class _Spec:
    freq: str
    lag: int
    fourier: int
    dow: bool
    ar: bool

    def deterministic(self, days: np.ndarray) -> tuple[np.ndarray, list[str]]:
        return design(
            days, origin=dt.date(2000, 1, 1), trend=False, fourier=self.fourier,
            day_of_week=self.dow,
        )  # fmt: skip

    def rows(
        self, y: np.ndarray, days: np.ndarray, *, drop_missing: bool = True
    ) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """Design rows for t = lag..n-1 and their responses.

        NaN marks an unknown (NULL) value: with ``drop_missing`` every row whose response or
        lags involve one is left out (never imputed).
        """
        det, names = self.deterministic(days)
        if not self.ar:
            exog, resp = det, y
        else:
            lag1 = np.log1p(y[self.lag - 1 : -1])
            windows = np.lib.stride_tricks.sliding_window_view(y[:-1], self.lag)
            recent = np.log1p(windows.mean(axis=1))  # NaN when the window holds a NULL
            exog = np.column_stack([det[self.lag :, :1], lag1, recent, det[self.lag :, 1:]])
            names = [names[0], "log1p_lag1", f"log1p_mean{self.lag}", *names[1:]]
            resp = y[self.lag :]
        if drop_missing:
            keep = np.isfinite(resp) & np.isfinite(exog).all(axis=1)
            exog, resp = exog[keep], resp[keep]
        return exog, resp, names


def _spec(freq: str, y: np.ndarray, days: np.ndarray, model: str) -> tuple[_Spec, str]:
    lag = LAGS[freq]
    span = float((days[-1] - days[0]).astype(float)) / 365.25 if len(days) > 1 else 0.0
    fourier = 1 if span >= 2 else 0
    known = y[np.isfinite(y)]
    if model == "mean" or len(known) < 2 * lag + 8 or np.count_nonzero(known) < 3:
        why = "requested" if model == "mean" else "series too short or sparse for dynamics"
        return _Spec(freq, lag, 0, False, ar=False), f"historical mean ({why})"
    parts = [f"lags 1 and mean of {lag}"]
    if fourier:
        parts.append("annual Fourier K=1 (>= 2 years of history)")
    else:
        parts.append("no annual terms (< 2 years of history)")
    if freq == "day":
        parts.append("day-of-week")
    return _Spec(freq, lag, fourier, freq == "day", ar=True), "autoregression: " + ", ".join(parts)


def simulate_paths(
    fit: NBFit,
    spec: _Spec,
    history: np.ndarray,
    future: np.ndarray,
    *,
    n_sims: int,
    rng: np.random.Generator,
    offset: float | np.ndarray = 0.0,
    draws: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Simulate ``n_sims`` integer paths over the ``future`` period dates (shape sims x H)."""
    beta, alpha = draws if draws is not None else fit.draw(rng, n_sims)
    det, _ = spec.deterministic(future)
    horizon = len(future)
    hist = np.tile(np.asarray(history[-spec.lag :], dtype=float), (n_sims, 1)) if spec.ar else None
    out = np.empty((n_sims, horizon), dtype=np.int64)
    for h in range(horizon):
        if spec.ar:
            assert hist is not None
            lags = np.column_stack([np.log1p(hist[:, -1]), np.log1p(hist[:, -spec.lag :].mean(1))])
            x = np.column_stack([np.ones(n_sims), lags, np.tile(det[h, 1:], (n_sims, 1))])
        else:
            x = np.tile(det[h], (n_sims, 1))
        mu = np.exp(np.clip(np.einsum("ij,ij->i", x, beta) + offset, -30, 20))
        lam = np.where(alpha > 0, rng.gamma(1 / np.maximum(alpha, 1e-12), alpha * mu), mu)
        out[:, h] = rng.poisson(lam)
        if hist is not None:
            hist = np.column_stack([hist[:, 1:], out[:, h]])
    return out


def _future_dates(last: dt.date, freq: str, horizon: int) -> np.ndarray:
    nxt = pl.select(pl.lit(last).dt.offset_by(_STEP[freq])).item()
    dates = pl.date_range(nxt, nxt, _STEP[freq], eager=True)
    while len(dates) < horizon:
        end = pl.select(pl.lit(dates[-1]).dt.offset_by(_STEP[freq])).item()
        dates = pl.date_range(nxt, end, _STEP[freq], eager=True)
    return dates.to_numpy().astype("datetime64[D]")


def _summarise(paths: np.ndarray) -> dict[str, np.ndarray]:
    q = {
        name: np.quantile(paths, p, axis=0, method="inverted_cdf")
        for name, p in (("median", 0.5), ("lo80", 0.1), ("hi80", 0.9), ("lo95", 0.025),
                        ("hi95", 0.975))
    }  # fmt: skip
    mean = paths.mean(axis=0).round(2)
    return {"mean": mean, **{k: v.astype(np.int64) for k, v in q.items()}}


def _frame(
    metric: str, key: str, dates: np.ndarray, paths: np.ndarray | None, model: str
) -> pl.DataFrame:
    if paths is None:  # no forecast possible: NULL, not 0
        nulls = np.full(len(dates), None)
        s = {"mean": pl.Series(nulls, dtype=pl.Float64)} | {
            c: pl.Series(nulls, dtype=pl.Int64) for c in ("median", "lo80", "hi80", "lo95", "hi95")
        }
    else:
        s = _summarise(paths)
    return pl.DataFrame(
        {
            "metric": metric,
            "oblast_code": key,
            "period_start": dates.astype(dt.date).tolist(),
            **s,
            "model": model,
        }
    ).with_columns(pl.col("period_start").cast(pl.Date))


@dataclass(frozen=True)
class Forecast:
    """Forecasts with 80% and 95% prediction intervals, and why this model.

    ``forecasts`` columns: metric, oblast_code, period_start, mean, median, lo80, hi80, lo95,
    hi95 (integer quantiles), model. ``paths`` maps oblast_code to the simulated integer paths
    (sims x horizon) for CRPS or custom summaries. ``levels`` (pooled only): oblast_code,
    observed, expected, raw_ratio, shrunk_ratio.
    """

    forecasts: pl.DataFrame
    model: str
    reason: str
    fit: NBFit | None
    paths: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    levels: pl.DataFrame | None = None

    def _repr_html_(self) -> str:
        fam = "" if self.fit is None else f" {self.fit.reason}."
        text = f"<p><b>{html.escape(self.model)}</b>: {html.escape(self.reason + '.' + fam)}</p>"
        return text + _html_table(self.forecasts, "forecasts (80% and 95% prediction intervals)")


def _clean(series: pl.DataFrame, period_col: str, value_col: str) -> tuple[np.ndarray, np.ndarray]:
    """Values (NULL -> NaN, i.e. unknown, never 0) and period dates, sorted by period."""
    s = series.sort(period_col)
    if s[period_col].is_duplicated().any():
        raise ValueError(f"{period_col} has duplicates: pass one series (filter by oblast)")
    if s.height == 0 or s[value_col].null_count() == s.height:
        raise ValueError(f"no known {value_col} to fit (every period is NULL or none given)")
    return s[value_col].cast(pl.Float64).fill_null(np.nan).to_numpy(), _as_dates(s[period_col])


def _missing_note(y: np.ndarray, days: np.ndarray) -> str:
    """What the fit left out because it was NULL (empty when nothing was)."""
    gone = np.flatnonzero(~np.isfinite(y))
    if not len(gone):
        return ""
    last = days[gone[-1]].astype(dt.date).isoformat()
    return (
        f"; {len(gone)} of {len(y)} periods unknown (NULL: e.g. incidents but no reported "
        f"count, last {last}) were left out of the fit, not counted as 0"
    )


def _fit_single(
    y: np.ndarray, days: np.ndarray, freq: str, model: str
) -> tuple[NBFit | None, _Spec, str]:
    spec, reason = _spec(freq, y, days, model)
    if spec.ar and not np.all(np.isfinite(y[-spec.lag :])):
        spec, reason = _spec(freq, y, days, "mean")
        reason = reason.replace("requested", f"a period among the last {spec.lag} is unknown")
    reason += _missing_note(y, days)
    if not np.any(y > 0):
        return None, spec, reason + "; all known values are 0 in training: forecast is 0"
    exog, resp, names = spec.rows(y, days)
    return fit_nb(resp, exog, names=names), spec, reason


def forecast(
    series: pl.DataFrame,
    *,
    freq: str = "week",
    horizon: int = 8,
    metric: str = "value",
    value_col: str = "value",
    period_col: str = "period",
    key: str = "UA",
    model: str = "auto",
    n_sims: int = 2000,
    seed: int = 0,
) -> Forecast:
    """Forecast one complete count series ``horizon`` periods ahead.

    ``model``: ``auto`` (NB/Poisson autoregression, historical mean for short or sparse
    series) or ``mean``. The last period must be complete (see ``aggregate.flag_incomplete``).
    """
    y, days = _clean(series, period_col, value_col)
    rng = np.random.default_rng(seed)
    future = _future_dates(days[-1].astype(dt.date), freq, horizon)[:horizon]
    fit, spec, reason = _fit_single(y, days, freq, model)
    if fit is None:
        paths = np.zeros((n_sims, horizon), dtype=np.int64)
        name = "zero"
    else:
        paths = simulate_paths(fit, spec, y, future, n_sims=n_sims, rng=rng)
        name = ("nb" if fit.family == "negative_binomial" else "poisson") + (
            "_ar" if spec.ar else "_mean"
        )
    frame = _frame(metric, key, future, paths, name)
    return Forecast(frame, name, reason, fit, {key: paths})


def _eb_levels(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Gamma empirical-Bayes shrinkage of O/E ratios (Marshall 1991 moment estimator)."""
    expected = np.maximum(expected, 1e-9)
    ratio = observed / expected
    m = observed.sum() / expected.sum()
    s2 = float(np.sum(expected * (ratio - m) ** 2) / expected.sum())
    var = max(s2 - m / expected.mean(), 0.0)
    if var == 0.0:
        return np.full_like(ratio, m)
    weight = var / (var + m / expected)
    return m + weight * (ratio - m)


def forecast_pooled(
    panel: pl.DataFrame,
    *,
    freq: str = "week",
    horizon: int = 8,
    metric: str = "value",
    value_col: str = "value",
    period_col: str = "period",
    key_col: str = "oblast_code",
    n_sims: int = 2000,
    seed: int = 0,
) -> Forecast:
    """Forecast every series of a complete panel with one pooled model.

    Shared coefficients (lags, seasonality) and a shared alpha are fitted to all oblasts
    stacked; each oblast's level factor is its observed/expected ratio shrunk toward the
    common ratio by empirical Bayes, entering as an offset in a second fit. Simulation uses
    the same parameter draws for every oblast, so the oblast paths can be summed coherently.
    The shrunken level factors enter the simulation as known offsets: their own estimation
    error is not propagated, so intervals of sparse oblasts may be somewhat narrow.
    Unknown (NULL) values are left out of the fit; a series whose last lags hold one gets
    NULL forecast rows, and ``reason`` names it.
    """
    panel = panel.sort(key_col, period_col)
    keys = panel[key_col].unique(maintain_order=True).to_list()
    series = {k: _clean(panel.filter(pl.col(key_col) == k), period_col, value_col) for k in keys}
    days = series[keys[0]][1]
    if any(len(s[1]) != len(days) or np.any(s[1] != days) for s in series.values()):
        raise ValueError("a pooled forecast needs every series over the same periods")
    envelope = np.fmax.reduce([s[0] for s in series.values()])
    spec, reason = _spec(freq, envelope, days, "auto")
    # a series whose latest lags are unknown cannot start an autoregressive path
    blocked = [k for k in keys if spec.ar and not np.all(np.isfinite(series[k][0][-spec.lag :]))]
    missing = sum(int(np.sum(~np.isfinite(series[k][0]))) for k in keys)
    if not spec.ar:
        reason = reason.replace("historical mean", "pooled historical mean")
    built = [spec.rows(series[k][0], days) for k in keys]
    exog = np.vstack([b[0] for b in built])
    resp = np.concatenate([b[1] for b in built])
    names = built[0][2]
    group = np.repeat(np.arange(len(keys)), [len(b[1]) for b in built])
    first = fit_nb(resp, exog, names=names)
    mu = first.mean(exog)
    observed = np.bincount(group, weights=resp, minlength=len(keys))
    expected = np.bincount(group, weights=mu, minlength=len(keys))
    shrunk = _eb_levels(observed, expected)
    offset = np.log(np.maximum(shrunk, 1e-6))
    fit = fit_nb(resp, exog, names=names, offset=offset[group])
    rng = np.random.default_rng(seed)
    draws = fit.draw(rng, n_sims)
    future = _future_dates(days[-1].astype(dt.date), freq, horizon)[:horizon]
    name = ("pooled_nb" if fit.family == "negative_binomial" else "pooled_poisson") + (
        "_ar" if spec.ar else "_mean"
    )
    frames, paths = [], {}
    for i, k in enumerate(keys):
        if k in blocked:
            frames.append(_frame(metric, k, future, None, name))
            continue
        p = simulate_paths(
            fit, spec, series[k][0], future, n_sims=n_sims, rng=rng, offset=offset[i], draws=draws
        )
        paths[k] = p
        frames.append(_frame(metric, k, future, p, name))
    levels = pl.DataFrame(
        {
            key_col: keys,
            "observed": observed,
            "expected": expected,
            "raw_ratio": observed / np.maximum(expected, 1e-9),
            "shrunk_ratio": shrunk,
        }
    )
    why = (
        f"pooled over {len(keys)} series ({reason}); oblast levels by empirical-Bayes gamma "
        "shrinkage of observed/expected"
    )
    if missing:
        why += (
            f"; {missing} series-periods unknown (NULL: e.g. incidents but no reported count) "
            "were left out of the fit, not counted as 0"
        )
    if blocked:
        why += (
            f"; no forecast (NULL rows) for {', '.join(map(str, blocked))}: a period among "
            f"their last {spec.lag} is unknown, so no path can start from it"
        )
    return Forecast(pl.concat(frames), name, why, fit, paths, levels)


# -- surge alerts -----------------------------------------------------------------------------
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
            + _html_table(self.summary(), "surge check")
        )


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
    on the periods before (refitted every ``refit_every`` periods) and the upper-tail
    probability ``P(Y >= y)`` of the observed count is averaged over parameter draws.
    A period is flagged when that probability is below ``threshold``.
    """
    y, days = _clean(series, period_col, value_col)
    if not np.isfinite(y[-1]):
        raise ValueError("the latest period is unknown (NULL): nothing to assess")
    n = len(y)
    start = max(n - history - 1, 2 * LAGS[freq] + 8)
    if start >= n:
        raise ValueError(f"surge_alerts needs more than {start} periods, got {n}")
    rng = np.random.default_rng(seed)
    rows, fit, spec, draws = [], None, None, None
    for i, t in enumerate(range(start, n)):
        if fit is None or i % refit_every == 0:
            fit, spec, _ = _fit_single(y[:t], days[:t], freq, "auto")
            draws = fit.draw(rng, n_draws) if fit is not None else None
        if fit is None or draws is None or spec is None:
            rows.append((days[t].astype(dt.date), y[t], 0.0, 1.0 if y[t] == 0 else 0.0))
            continue
        exog, _, _ = spec.rows(y[: t + 1], days[: t + 1], drop_missing=False)
        x = exog[-1]
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
    rate = float(past["flagged"].mean()) if past.height else math.nan
    last = hist.row(-1, named=True)
    model = "none" if fit is None else fit.family
    return Surge(
        hist, threshold, last["period"], last["p_upper"], bool(last["flagged"]), rate,
        past.height, model,
    )  # fmt: skip
