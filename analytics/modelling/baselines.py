"""Simple forecasting rules that every model must beat: naive, seasonal naive, recent means, drift.

Each rule gives a point forecast for every origin of a series at once (row ``t`` of the point
matrix uses only ``y[:t]``) and a predictive distribution built from its own past errors:

- ``naive``: the last known value;
- ``seasonal_naive``: the value one season (52 weeks, 12 months, 7 days) back;
- ``mean_4``, ``mean_8``, ``mean_13``: the mean of the last k periods (known values only; at
  least half of the window must be known);
- ``local_drift``: a count model around a local level with a damped drift: level = mean of the
  last 4 periods, drift = change of that level over the 13 periods before (log scale), damped
  by 0.8 per step, negative binomial counts with the dispersion estimated from the rule's own
  past errors at that horizon (for a continuous quantity, resampled log errors as below).

The empirical rules' predictive samples are the point times ``exp`` of resampled past log
errors of the same rule at the same horizon (``log1p`` scale, the last ``ERROR_WINDOW`` origins
before the forecast origin), so spread grows with the level. Unknown (NaN) values are never 0:
windows skip them and errors involving them are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import numpy as np

__all__ = [
    "BASELINE_NAMES",
    "ERROR_WINDOW",
    "DRIFT_DAMPING",
    "BaselineRule",
    "baseline_rule",
    "point_matrix",
    "known_max",
    "past_pairs",
]

#: Every baseline, in the order tables show them.
BASELINE_NAMES: Final[tuple[str, ...]] = (
    "naive", "seasonal_naive", "mean_4", "mean_8", "mean_13", "local_drift",
)  # fmt: skip
#: Past origins whose errors make a baseline's predictive distribution.
ERROR_WINDOW: Final = 104
#: Per-step damping of the local drift.
DRIFT_DAMPING: Final = 0.8
_MIN_ERRORS: Final = 4
_DRIFT_SPAN: Final = 13


def known_max(y: np.ndarray) -> float:
    """Largest known value (NaN when none is known)."""
    known = y[np.isfinite(y)]
    return float(known.max()) if len(known) else float("nan")


def _last_known(y: np.ndarray) -> np.ndarray:
    """``out[t]`` = last known value of ``y[:t]`` (NaN when none), length n + 1."""
    idx = np.where(np.isfinite(y), np.arange(len(y)), -1)
    idx = np.maximum.accumulate(idx)
    vals = np.where(idx >= 0, y[np.maximum(idx, 0)], np.nan)
    return np.concatenate([[np.nan], vals])


def _window_mean(y: np.ndarray, k: int) -> np.ndarray:
    """``out[t]`` = mean of the known values among ``y[t-k:t]`` (NaN if fewer than k/2)."""
    finite = np.isfinite(y)
    s = np.concatenate([[0.0], np.cumsum(np.where(finite, y, 0.0))])
    c = np.concatenate([[0], np.cumsum(finite)])
    t = np.arange(len(y) + 1)
    lo = np.maximum(t - k, 0)
    count = c[t] - c[lo]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (s[t] - s[lo]) / count
    return np.where(count * 2 >= k, mean, np.nan)


def point_matrix(name: str, y: np.ndarray, horizon: int, season: int) -> np.ndarray:
    """Point forecasts of a rule from every origin: shape (n + 1, horizon), row t uses y[:t]."""
    n = len(y)
    h = np.arange(1, horizon + 1)
    if name == "naive":
        return np.repeat(_last_known(y)[:, None], horizon, axis=1)
    if name == "seasonal_naive":
        idx = np.arange(n + 1)[:, None] - season + (h[None, :] - 1) % season
        ok = (idx >= 0) & (idx < n)
        return np.where(ok, y[np.clip(idx, 0, max(n - 1, 0))] if n else np.nan, np.nan)
    if name.startswith("mean_"):
        return np.repeat(_window_mean(y, int(name[5:]))[:, None], horizon, axis=1)
    if name == "local_drift":
        level = _window_mean(y, 4)
        before = np.full(len(level), np.nan)
        if len(level) > _DRIFT_SPAN:  # a shorter series has no drift yet (0 below)
            before[_DRIFT_SPAN:] = level[: len(level) - _DRIFT_SPAN]
        drift = (np.log1p(level) - np.log1p(before)) / _DRIFT_SPAN
        drift = np.where(np.isfinite(drift), drift, 0.0)
        steps = np.cumsum(DRIFT_DAMPING**h)
        return np.expm1(np.log1p(level)[:, None] + drift[:, None] * steps[None, :])
    raise ValueError(f"unknown baseline {name!r}; expected one of {BASELINE_NAMES}")


@dataclass(frozen=True)
class BaselineRule:
    """A baseline prepared on one series: ``paths(origin, n_sims, rng)`` gives samples."""

    name: str
    y: np.ndarray
    points: np.ndarray
    count_model: bool
    continuous: bool = False
    #: Every target and the rule's step-h forecast of it (n x horizon; see ``past_pairs``).
    targets: np.ndarray = field(init=False, repr=False)
    forecasts: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        actual, pred = past_pairs(self.y, self.points, len(self.y), window=len(self.y))
        object.__setattr__(self, "targets", actual)
        object.__setattr__(self, "forecasts", pred)

    def point(self, origin: int) -> np.ndarray:
        """Point forecasts (horizon) from ``y[:origin]``."""
        return self.points[origin]

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        """Predictive samples (n_sims x horizon) from ``y[:origin]``, None when impossible.

        Every step is drawn at once (one generator call for the whole sims x horizon block).
        """
        point = self.points[origin]
        if not np.all(np.isfinite(point)):
            return None
        lo = max(origin - ERROR_WINDOW, 0)  # the rows past_pairs(y, points, origin) builds
        actual, pred = self.targets[lo:origin], self.forecasts[lo:origin]
        ok = np.isfinite(actual) & np.isfinite(pred)
        if self.count_model:
            out = _nb_draws(actual, pred, ok, point, n_sims, rng)
        else:
            err = np.log1p(actual) - np.log1p(pred)
            out = _resampled(err, np.isfinite(err), point, n_sims, rng)
        if out is None:
            return None
        return np.maximum(out if self.continuous else np.round(out), 0.0)


def past_pairs(
    y: np.ndarray, points: np.ndarray, origin: int, *, window: int = ERROR_WINDOW
) -> tuple[np.ndarray, np.ndarray]:
    """Targets and the rule's forecasts of them at every step (window x horizon), from the
    origins whose target precedes ``origin`` (the last ``window`` targets; NaN where there is
    no such origin). Row ``j`` depends only on target ``j``, so a rule builds them once for
    every target and reads the last ``ERROR_WINDOW`` rows before each origin."""
    horizon = points.shape[1]
    j = np.arange(max(origin - window, 0), origin)[:, None]  # target index
    ts = j - np.arange(horizon)[None, :]  # origin index of the step-h forecast of y[j]
    pred = np.where(ts >= 0, points[np.maximum(ts, 0), np.arange(horizon)[None, :]], np.nan)
    return np.ascontiguousarray(np.broadcast_to(y[j], pred.shape)), pred


def _resampled(
    err: np.ndarray, ok: np.ndarray, point: np.ndarray, n_sims: int, rng: np.random.Generator
) -> np.ndarray | None:
    """The point times ``exp`` of the step's past log errors, resampled (sims x horizon)."""
    count = ok.sum(axis=0)
    if len(count) == 0 or count.min() < _MIN_ERRORS:
        return None
    if count.min() == len(ok):  # every error known (the usual case): already packed
        packed = err
    else:
        order = np.argsort(~ok, axis=0, kind="stable")  # each step's known errors first
        packed = np.take_along_axis(err, order, axis=0)
    pick = np.minimum((rng.random((n_sims, len(point))) * count).astype(int), count - 1)
    draws = np.take_along_axis(packed, pick, axis=0)
    return np.expm1(np.log1p(point)[None, :] + draws)


def _nb_draws(
    actual: np.ndarray, pred: np.ndarray, ok: np.ndarray, point: np.ndarray, n_sims: int,
    rng: np.random.Generator,
) -> np.ndarray | None:  # fmt: skip
    """Negative binomial counts around the point, alpha per step by moments of past errors."""
    if len(ok) == 0 or ok.sum(axis=0).min() < _MIN_ERRORS:
        return None
    a, p = np.where(ok, actual, 0.0), np.where(ok, pred, 0.0)
    denom = np.sum(p**2, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = np.maximum(np.sum((a - p) ** 2 - p, axis=0) / denom, 1e-6)
    alpha = np.where(denom > 0, alpha, 1e-6)
    mu = np.maximum(point, 0.0)
    lam = rng.gamma(1 / alpha, alpha * mu, size=(n_sims, len(point)))
    return rng.poisson(np.where(mu > 0, lam, 0.0)).astype(float)


def baseline_rule(
    name: str, y: np.ndarray, horizon: int, season: int, *, continuous: bool = False
) -> BaselineRule:
    """Prepare baseline ``name`` on series ``y`` (NaN = unknown) for ``horizon`` steps.

    ``continuous`` (a duration, not a count): samples are not rounded and the local drift
    takes its spread from its own past log errors instead of negative binomial counts.
    """
    points = point_matrix(name, y, horizon, season)
    count_model = name == "local_drift" and not continuous
    return BaselineRule(name, y, points, count_model=count_model, continuous=continuous)
