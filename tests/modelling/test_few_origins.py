"""Few past origins (monthly series): errors of every step calibrate every step."""

from __future__ import annotations

import numpy as np

from analytics.modelling.selection import FEW_ORIGINS, WINDOW, Scores, publish


def _scores(n: int = 80, horizon: int = 3) -> Scores:
    """One baseline whose past log errors are small at step 1, large at step 3."""
    rng = np.random.default_rng(0)
    y = np.full(n, 20.0)
    origins = np.arange(1, n + 1)
    spread = np.array([0.05, 0.3, 0.6])
    median = 20.0 * np.exp(rng.normal(0.0, 1.0, (len(origins), horizon)) * spread)[None]
    crps = np.abs(median - 20.0)
    ok = np.ones_like(median, dtype=bool)
    paths = {(0, i): np.full((50, horizon), 20.0) for i in range(len(origins))}
    return Scores(("mean_4",), ("baseline",), y, origins, horizon, median, crps, ok, ok,
                  np.zeros(1, dtype=int), paths)  # fmt: skip


def _width(window: int) -> np.ndarray:
    pub = publish(_scores(), 70, window=window, n_sims=2000, rng=np.random.default_rng(1))
    assert "calibrated by its own rolling-origin errors" in pub.reason
    q = np.quantile(np.log1p(pub.samples), [0.1, 0.9], axis=0)
    return q[1] - q[0]


def test_few_origins_pool_the_errors_of_every_step() -> None:
    assert WINDOW["month"] < FEW_ORIGINS <= WINDOW["week"]
    few = _width(WINDOW["month"])  # every step's errors: one width at every step
    assert abs(few[0] - few[2]) < 0.05  # (up to rounding to counts around different medians)
    many = _width(WINDOW["week"])  # steps h-1..h+1: step 1 narrower than step 3
    assert many[0] < 0.5 * many[2]
