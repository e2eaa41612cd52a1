"""The negative binomial autoregression: design, fit with guards, and path simulation.

``log mu_t = b0 + b1 log1p(y_{t-1}) + b2 log1p(mean of the last L counts) + annual Fourier
terms (+ weekday for daily data)``, NB2 with alpha by ML (Poisson when the LR test finds no
overdispersion). Paths draw the coefficients and alpha from their estimated sampling
distribution and feed simulated counts back into the lags.

Guards: a fit whose lag coefficients sum to ``MAX_LAG_SUM`` or more is explosive or has a unit
root on the log scale (paths wander without bound): it is refused with a reason, as is a fit
that fails (singular design, no convergence). Callers fall back to another model.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Final

import numpy as np
import polars as pl

from analytics.modelling.counts import NBFit, as_dates, design, fit_nb

__all__ = [
    "LAGS",
    "STEP",
    "MAX_LAG_SUM",
    "ARSpec",
    "ar_spec",
    "simulate_paths",
    "future_dates",
    "clean_series",
    "missing_note",
    "fit_single",
    "FitCache",
    "FIT_CACHE",
    "refit_base",
    "lag_sum",
    "eb_levels",
    "ARCandidate",
]

#: Length of the "recent mean" lag by frequency.
LAGS: Final[dict[str, int]] = {"day": 7, "week": 4, "acled_week": 4, "month": 3}
STEP: Final[dict[str, str]] = {"day": "1d", "week": "1w", "acled_week": "1w", "month": "1mo"}
#: Lag coefficients summing to this or more make a fit explosive (refused).
MAX_LAG_SUM: Final = 0.95


# -- the autoregressive NB model --------------------------------------------------------------
@dataclass(frozen=True)
class ARSpec:
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


def ar_spec(freq: str, y: np.ndarray, days: np.ndarray, model: str) -> tuple[ARSpec, str]:
    lag = LAGS[freq]
    span = float((days[-1] - days[0]).astype(float)) / 365.25 if len(days) > 1 else 0.0
    fourier = 1 if span >= 2 else 0
    known = y[np.isfinite(y)]
    if model == "mean" or len(known) < 2 * lag + 8 or np.count_nonzero(known) < 3:
        why = "requested" if model == "mean" else "series too short or sparse for dynamics"
        return ARSpec(freq, lag, 0, False, ar=False), f"historical mean ({why})"
    parts = [f"lags 1 and mean of {lag}"]
    if fourier:
        parts.append("annual Fourier K=1 (>= 2 years of history)")
    else:
        parts.append("no annual terms (< 2 years of history)")
    if freq == "day":
        parts.append("day-of-week")
    return ARSpec(freq, lag, fourier, freq == "day", ar=True), "autoregression: " + ", ".join(parts)


def simulate_paths(
    fit: NBFit,
    spec: ARSpec,
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
    if spec.ar:  # columns: intercept, log1p(lag 1), log1p(mean of lag), the other terms
        fixed = beta[:, 0][None, :] + det[:, 1:] @ beta[:, 3:].T  # (H x sims)
        buf = np.empty((n_sims, spec.lag + horizon))  # the lags, then the simulated counts
        buf[:, : spec.lag] = np.asarray(history[-spec.lag :], dtype=float)
    else:
        fixed = det @ beta.T
    out = np.empty((n_sims, horizon), dtype=np.int64)
    for h in range(horizon):
        eta = fixed[h] + offset
        if spec.ar:
            window = buf[:, h : h + spec.lag]
            eta = eta + beta[:, 1] * np.log1p(window[:, -1]) + beta[:, 2] * np.log1p(window.mean(1))
        mu = np.exp(np.clip(eta, -30, 20))
        lam = np.where(alpha > 0, rng.gamma(1 / np.maximum(alpha, 1e-12), alpha * mu), mu)
        out[:, h] = rng.poisson(lam)
        if spec.ar:
            buf[:, spec.lag + h] = out[:, h]
    return out


def future_dates(last: dt.date, freq: str, horizon: int) -> np.ndarray:
    nxt = pl.select(pl.lit(last).dt.offset_by(STEP[freq])).item()
    dates = pl.date_range(nxt, nxt, STEP[freq], eager=True)
    while len(dates) < horizon:
        end = pl.select(pl.lit(dates[-1]).dt.offset_by(STEP[freq])).item()
        dates = pl.date_range(nxt, end, STEP[freq], eager=True)
    return dates.to_numpy().astype("datetime64[D]")


def clean_series(
    series: pl.DataFrame, period_col: str, value_col: str
) -> tuple[np.ndarray, np.ndarray]:
    """Values (NULL -> NaN, i.e. unknown, never 0) and period dates, sorted by period."""
    s = series.sort(period_col)
    if s[period_col].is_duplicated().any():
        raise ValueError(f"{period_col} has duplicates: pass one series (filter by oblast)")
    if s.height == 0 or s[value_col].null_count() == s.height:
        raise ValueError(f"no known {value_col} to fit (every period is NULL or none given)")
    return s[value_col].cast(pl.Float64).fill_null(np.nan).to_numpy(), as_dates(s[period_col])


def missing_note(y: np.ndarray, days: np.ndarray) -> str:
    """What the fit left out because it was NULL (empty when nothing was)."""
    gone = np.flatnonzero(~np.isfinite(y))
    if not len(gone):
        return ""
    last = days[gone[-1]].astype(dt.date).isoformat()
    return (
        f"; {len(gone)} of {len(y)} periods unknown (NULL: e.g. incidents but no reported "
        f"count, last {last}) were left out of the fit, not counted as 0"
    )


def lag_sum(fit: NBFit) -> float:
    """Sum of the two lag coefficients of an autoregressive fit (0 without lags)."""
    return float(sum(p for p, n in zip(fit.params, fit.names, strict=True) if "lag" in n or
                     n.startswith("log1p_mean")))  # fmt: skip


def _try_fit(
    spec: ARSpec, y: np.ndarray, days: np.ndarray, warm: NBFit | None = None
) -> tuple[NBFit | None, str]:
    exog, resp, names = spec.rows(y, days)
    try:
        fit = fit_nb(resp, exog, names=names, warm=warm)
    except (np.linalg.LinAlgError, ValueError) as err:
        return None, f"the fit failed ({err})"
    if not (np.all(np.isfinite(fit.params)) and np.all(np.isfinite(fit.cov))):
        return None, "the fit is singular (non-finite estimates)"
    if spec.ar and lag_sum(fit) >= MAX_LAG_SUM:
        return None, (
            f"the lag coefficients sum to {lag_sum(fit):.2f} (>= {MAX_LAG_SUM}: explosive or "
            "unit root, paths would wander without bound)"
        )
    return fit, ""


def fit_single(
    y: np.ndarray, days: np.ndarray, freq: str, model: str, warm: NBFit | None = None
) -> tuple[NBFit | None, ARSpec, str]:
    """Fit the autoregression (or the historical mean) to one series, with guards.

    Returns ``(None, spec, reason)`` when every known value is 0 (the forecast is 0). An
    explosive or failed autoregression falls back to the historical mean and the reason says
    why; a failed historical mean raises ``ValueError``. ``warm``: an earlier fit on a shorter
    prefix of the same series, whose estimates start the optimiser (see ``fit_nb``).
    """
    spec, reason = ar_spec(freq, y, days, model)
    if spec.ar and not np.all(np.isfinite(y[-spec.lag :])):
        spec, reason = ar_spec(freq, y, days, "mean")
        reason = reason.replace("requested", f"a period among the last {spec.lag} is unknown")
    reason += missing_note(y, days)
    if not np.any(y > 0):
        return None, spec, reason + "; all known values are 0 in training: forecast is 0"
    fit, why = _try_fit(spec, y, days, warm)
    if fit is None and spec.ar:
        spec, _ = ar_spec(freq, y, days, "mean")
        reason = f"historical mean (fallback: {why})" + missing_note(y, days)
        fit, why = _try_fit(spec, y, days, warm)
    if fit is None:
        raise ValueError(f"no count model could be fitted: {why}")
    return fit, spec, reason


FitResult = tuple[NBFit | None, ARSpec, str] | ValueError


class FitCache:
    """Refits of the autoregression on series prefixes, kept by content (least recent out).

    Rolling-origin selection, the surge checks and a report's several forecasts of one series
    refit the same prefixes; the cache makes each prefix one fit. The key is the prefix itself
    (values, dates, frequency, model), so a hit is the fit of exactly those data; a fit that
    raised is kept as its error. Warm starts do not enter the key: they change where the
    optimiser starts, not the maximum likelihood it reaches.
    """

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[object, ...], FitResult] = OrderedDict()

    def fit(
        self, y: np.ndarray, days: np.ndarray, freq: str, model: str, warm: NBFit | None = None
    ) -> tuple[NBFit | None, ARSpec, str]:
        """``fit_single(y, days, freq, model, warm)``, computed once per distinct prefix."""
        key = (freq, model, np.asarray(y, dtype=float).tobytes(), np.asarray(days).tobytes())
        got = self.entries.get(key)
        if got is None:
            try:
                got = fit_single(y, days, freq, model, warm)
            except ValueError as err:
                got = err
            self.entries[key] = got
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)
        else:
            self.entries.move_to_end(key)
        if isinstance(got, ValueError):
            raise got
        return got


#: The process-wide cache of prefix refits (pure memoisation: same data, same fit).
FIT_CACHE: Final = FitCache()


def eb_levels(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
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


def refit_base(origin: int, refit_every: int, freq: str) -> int:
    """The prefix length refitted for ``origin``: the last multiple of ``refit_every`` at or
    before it (the origin itself while that is too short for dynamics).

    Every user of the autoregression that refits every k periods refits the same prefixes
    (multiples of k), so :data:`FIT_CACHE` shares them.
    """
    base = origin - (origin % refit_every)
    return base if base >= 2 * LAGS[freq] + 8 else origin


class ARCandidate:
    """The guarded autoregression as a rolling-origin candidate on one series.

    The model is refitted at every ``refit_every``-th origin (see ``refit_base``); origins in
    between simulate with the latest fit made on data before them (still out of sample),
    starting from their own latest values. Each refit starts the optimiser from the previous
    refit's estimates (a warm start) and is shared through :data:`FIT_CACHE`.
    """

    def __init__(
        self, y: np.ndarray, days: np.ndarray, freq: str, horizon: int, refit_every: int = 4
    ) -> None:
        self.name = "nb_ar"
        self.y, self.freq, self.horizon, self.refit_every = y, freq, horizon, refit_every
        extra = future_dates(days[-1].astype(dt.date), freq, horizon)[:horizon]
        self.dates = np.concatenate([days, extra])
        self.days = days
        self._fits: dict[int, tuple[NBFit | None, ARSpec]] = {}

    def _fit_at(self, origin: int) -> tuple[NBFit | None, ARSpec] | None:
        base = refit_base(origin, self.refit_every, self.freq)
        if base not in self._fits:
            earlier = [b for b in self._fits if b < base]
            warm = self._fits[max(earlier)][0] if earlier else None
            try:
                fit, spec, _ = FIT_CACHE.fit(
                    self.y[:base], self.days[:base], self.freq, "auto", warm
                )
            except ValueError:
                return None
            self._fits[base] = (fit, spec)
        return self._fits[base]

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        """Samples (n_sims x horizon) from ``y[:origin]`` (None when no fit or lags unknown)."""
        if origin < 2 or not np.any(self.y[:origin] > 0):
            return None
        got = self._fit_at(origin)
        if got is None:
            return None
        fit, spec = got
        if fit is None:
            return None
        if spec.ar and not np.all(np.isfinite(self.y[origin - spec.lag : origin])):
            return None
        future = self.dates[origin : origin + self.horizon]
        return simulate_paths(fit, spec, self.y[:origin], future, n_sims=n_sims, rng=rng).astype(
            float
        )
