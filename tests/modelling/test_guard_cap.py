"""The publishing guard: a wide calibrated band around a sound median is capped, not replaced;
a candidate whose median is beyond the limit (or not finite) is still refused."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.modelling.guards import GUARD_FACTOR, guard_samples
from analytics.modelling.selection import Scores, publish, score_origins

H = 2


class _Naive:
    """The last value, as a point (every sample equal)."""

    name = "last"

    def __init__(self, y: np.ndarray) -> None:
        self.y = y

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        return np.full((n_sims, H), self.y[origin - 1])


class _Flat:
    """Always ``value``, as a point."""

    name = "flat"

    def __init__(self, value: float) -> None:
        self.value = value

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        return np.full((n_sims, H), self.value)


def _scores(y: np.ndarray) -> Scores:
    cands = {"last": ("baseline", _Naive(y)), "flat": ("baseline", _Flat(10.0))}
    origins = np.arange(5, len(y) + 1)
    return score_origins(y, cands, origins, H, n_sims=101, seed=0)  # type: ignore[arg-type]


def test_wide_calibrated_band_around_a_sound_median_is_capped_not_replaced() -> None:
    # Regimes of 5 periods at 10, then 5 at 1000, eight times; the last five are 1000.
    # `last` (naive) errs only at a switch: log1p(1000) - log1p(10) = +4.6 (or -4.6) on about
    # 1 step-1 and 2 step-2 forecasts in 10 switches up, as many down: the centred errors'
    # 97.5% quantile is +4.6, so from origin 80 its calibrated 95% bound is about
    # 1001 * e^4.6 = 99,600, far above the limit 10 x 1000 = 10,000, while its median is
    # 1000. `flat` (always 10) errs by 4.6 on every forecast in a 1000-regime: `last` has
    # the lower past CRPS, so it is chosen, and (before round 8) was refused for `flat`.
    y = np.tile(np.r_[np.full(5, 10.0), np.full(5, 1000.0)], 8)
    limit = GUARD_FACTOR * 1000.0
    pub = publish(_scores(y), 80, window=40, n_sims=500, rng=np.random.default_rng(1))
    assert pub.model == "last"
    assert f"95% bound capped at {limit:,.0f}" in pub.reason
    assert "refused" not in pub.reason
    assert pub.samples.max() == limit  # the band reached the cap ...
    assert np.all(np.quantile(pub.samples, 0.975, axis=0) <= limit)
    assert np.all(np.median(pub.samples, axis=0) == 1000.0)  # ... the median is the naive's


def _with_explosive(y: np.ndarray, value: float) -> Scores:
    """Scores plus `boom`, a model added as calibrated when built (as global models are, not
    guarded when scored) that was perfect on every past origin and forecasts ``value`` from
    the last origin."""
    scores = _scores(y)
    actual = scores.actual()
    rows = (actual, np.where(np.isfinite(actual), 0.0, np.nan), np.ones_like(actual, bool),
            np.ones_like(actual, bool))  # fmt: skip
    last = len(scores.origins) - 1
    paths = {last: np.full((101, H), value)}
    return scores.with_candidate("boom", rows, paths, calibrated=True)


@pytest.mark.parametrize("value", [1e6, np.inf])
def test_a_median_beyond_the_limit_is_still_refused(value: float) -> None:
    # 10 and 12 in turn: limit 120. `boom` has the lowest past CRPS (0), so it is chosen; its
    # median (1e6 or inf) is beyond the limit: refused, the best baseline is published.
    y = np.tile([10.0, 12.0], 30)
    scores = _with_explosive(y, value)
    pub = publish(scores, 60, window=40, n_sims=500, rng=np.random.default_rng(1))
    assert pub.reason.startswith("boom: rolling-origin CRPS 0")
    assert pub.model in {"last", "flat"}
    assert f"boom refused (median above {GUARD_FACTOR * 12:,.0f}" in pub.reason
    assert np.all(np.isfinite(pub.samples)) and pub.samples.max() <= GUARD_FACTOR * 12


def test_guard_samples_by_hand() -> None:
    x = np.array([[1.0, 5.0], [2.0, 6.0], [3.0, 7.0], [400.0, 8.0]])
    assert guard_samples(x, 500.0) is x  # within the limit: untouched
    capped = guard_samples(x, 100.0)  # median (inverted_cdf: 2 and 6) within, band above
    assert capped is not None and capped[:, 0].tolist() == [1.0, 2.0, 3.0, 100.0]
    assert capped[:, 1].tolist() == [5.0, 6.0, 7.0, 8.0]
    assert guard_samples(x, 5.0) is None  # median 6 above 5
    assert guard_samples(np.where(x == 400.0, np.nan, x), 500.0) is None
