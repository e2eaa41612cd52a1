"""Level-following forecasts: exponential smoothing of counts on the log1p scale.

Two models track the current level instead of reverting to the whole-history mean:

- ``ets_level``: simple exponential smoothing of ``x = log1p(y)``: the level moves by
  ``alpha`` times each one-step error;
- ``ets_damped``: Holt's linear trend with damping (``phi`` = 0.9): level and slope, the slope
  fading geometrically so long horizons flatten out.

The smoothing weights are chosen per origin from a grid by the one-step-ahead squared error of
``x`` over the history before the origin (an out-of-sample criterion: each one-step forecast is
made before its value is seen). All grid recursions run once over the whole series; the state
at origin ``t`` only depends on ``y[:t]``, so every origin reads its state without refitting.
Predictive paths run the state equations forward with one-step errors resampled from the last
``ERROR_WINDOW`` periods before the origin (a residual bootstrap: no normality assumed), then
``expm1`` and rounding give counts. Unknown (NaN) periods leave the state unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from analytics.modelling.baselines import ERROR_WINDOW

__all__ = ["LEVEL_MODELS", "LevelModel", "level_model", "DAMPING"]

#: The level-following models.
LEVEL_MODELS: Final[tuple[str, ...]] = ("ets_level", "ets_damped")
#: Slope damping of ``ets_damped``.
DAMPING: Final = 0.9
_ALPHAS: Final = np.array([0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
_BETAS: Final = np.array([0.02, 0.05, 0.1, 0.2])
_BURN_IN: Final = 4
_MIN_ERRORS: Final = 8


def _run(x: np.ndarray, alpha: np.ndarray, beta: np.ndarray, phi: float) -> tuple[np.ndarray, ...]:
    """One-step forecasts, errors, levels and slopes for every grid point and origin.

    Arrays have shape (n + 1, G): row t holds the state after seeing ``x[:t]``.
    """
    n, g = len(x), len(alpha)
    first = np.flatnonzero(np.isfinite(x))
    start = x[first[0]] if len(first) else 0.0
    level, slope = np.full(g, start), np.zeros(g)
    levels, slopes = np.empty((n + 1, g)), np.empty((n + 1, g))
    errors = np.full((n, g), np.nan)
    for t in range(n):
        levels[t], slopes[t] = level, slope
        if not np.isfinite(x[t]):
            level, slope = level + phi * slope, phi * slope
            continue
        pred = level + phi * slope
        e = x[t] - pred
        errors[t] = e
        level, slope = pred + alpha * e, phi * slope + beta * e
    levels[n], slopes[n] = level, slope
    return levels, slopes, errors


@dataclass(frozen=True)
class LevelModel:
    """A level model prepared on one series: ``paths(origin, n_sims, rng)`` gives samples."""

    name: str
    horizon: int
    alpha: np.ndarray
    beta: np.ndarray
    phi: float
    levels: np.ndarray
    slopes: np.ndarray
    errors: np.ndarray
    sse: np.ndarray
    count: np.ndarray
    continuous: bool = False

    def choice(self, origin: int) -> int | None:
        """Grid index with the smallest one-step MSE before ``origin`` (None: too little)."""
        if self.count[origin] < _MIN_ERRORS:
            return None
        return int(np.argmin(self.sse[origin] / self.count[origin]))

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        """Predictive samples (n_sims x horizon) from ``y[:origin]``, None when impossible."""
        g = self.choice(origin)
        if g is None:
            return None
        err = self.errors[max(origin - ERROR_WINDOW, 0) : origin, g]
        err = err[np.isfinite(err)]
        if len(err) < _MIN_ERRORS:
            return None
        err = err - err.mean()  # the bootstrap draws errors, not a bias
        level = np.full(n_sims, self.levels[origin, g])
        slope = np.full(n_sims, self.slopes[origin, g])
        a, b, phi = self.alpha[g], self.beta[g], self.phi
        out = np.empty((n_sims, self.horizon))
        shocks = err[rng.integers(0, len(err), size=(self.horizon, n_sims))]  # one draw call
        for h, e in enumerate(shocks):  # the state recursion itself is sequential
            pred = level + phi * slope
            out[:, h] = pred + e
            level, slope = pred + a * e, phi * slope + b * e
        values = np.expm1(np.clip(out, -1.0, 50.0))
        return np.maximum(values if self.continuous else np.round(values), 0.0)

    def describe(self, origin: int) -> str:
        """The chosen weights at ``origin``, for reasons."""
        g = self.choice(origin)
        if g is None:
            return f"{self.name}: too short"
        extra = f", beta={self.beta[g]:.2f}, phi={self.phi}" if self.name == "ets_damped" else ""
        return f"{self.name} (alpha={self.alpha[g]:.2f}{extra})"


def level_model(name: str, y: np.ndarray, horizon: int, *, continuous: bool = False) -> LevelModel:
    """Prepare level model ``name`` on series ``y`` (NaN = unknown) for ``horizon`` steps.

    ``continuous``: samples of a duration, not rounded to counts.
    """
    x = np.log1p(np.asarray(y, dtype=float))
    if name == "ets_level":
        alpha, beta, phi = _ALPHAS, np.zeros(len(_ALPHAS)), 0.0
    elif name == "ets_damped":
        a, b = np.meshgrid(_ALPHAS, _BETAS, indexing="ij")
        keep = b <= a
        alpha, beta, phi = a[keep], b[keep], DAMPING
    else:
        raise ValueError(f"unknown level model {name!r}; expected one of {LEVEL_MODELS}")
    levels, slopes, errors = _run(x, alpha, beta, phi)
    sq = np.where(np.isfinite(errors), errors**2, 0.0)
    sq[:_BURN_IN] = 0.0
    used = np.isfinite(errors)
    used[:_BURN_IN] = False
    zero = np.zeros((1, len(alpha)))
    sse = np.concatenate([zero, np.cumsum(sq, axis=0)])
    count = np.concatenate([[0], np.cumsum(used[:, 0])])
    return LevelModel(
        name, horizon, alpha, beta, phi, levels, slopes, errors, sse, count, continuous
    )
