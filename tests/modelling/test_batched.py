"""Samples drawn for a block of origins at once equal each candidate's own per-origin draws.

``draw_block`` batches the arithmetic of the resampled baselines, the level models and the
combinations over origins while each (candidate, origin) keeps its own random stream; the
reference is ``candidate.paths(origin, n_sims, origin_stream(seed, name, origin))`` (a
combination: ``combine`` of its members' reference samples), compared to the last bit.
"""

from __future__ import annotations

import numpy as np
import pytest

from analytics.modelling.batched import draw_block, origin_stream
from analytics.modelling.combination import Combination
from analytics.modelling.selection import candidates


def _series(n: int, seed: int, *, unknown: int, zeros: int, scale: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    y = rng.poisson(rng.gamma(2.0, scale, n)).astype(float)
    y[:zeros] = 0.0
    if unknown:  # NULL periods: error windows with unknown values take the per-origin path
        y[rng.choice(np.arange(zeros, n), unknown, replace=False)] = np.nan
    return y


@pytest.mark.parametrize(
    ("freq", "n", "horizon", "unknown", "zeros", "continuous"),
    [
        ("week", 150, 8, 0, 0, False),
        ("week", 150, 1, 9, 20, False),
        ("month", 50, 3, 0, 0, True),
        ("day", 200, 7, 5, 0, False),
    ],
)
def test_block_equals_per_origin_draws(
    freq: str, n: int, horizon: int, unknown: int, zeros: int, continuous: bool
) -> None:
    y = _series(n, 7, unknown=unknown, zeros=zeros, scale=6.0 if continuous else 15.0)
    step = {"week": 7, "month": 30, "day": 1}[freq]
    days = (np.datetime64("2020-01-06") + np.arange(n) * step).astype("datetime64[D]")
    cands = candidates(y, days, freq, horizon, continuous=continuous, autoregression=False)
    names = list(cands)
    origins = list(range(2, n + 1, 3))  # from too short to forecast up to the series' end
    got = draw_block([cands[k][1] for k in names], origins, 60, 11)
    batched = 0
    for j, t in enumerate(origins):
        ref: dict[str, np.ndarray | None] = {}
        for c, name in enumerate(names):
            cand = cands[name][1]
            if isinstance(cand, Combination):
                ref[name] = cand.combine([ref[m.name] for m in cand.members])
            else:
                ref[name] = cand.paths(t, 60, origin_stream(11, name, t))
            want, have = ref[name], got[c][j]
            assert (want is None) == (have is None), (name, t)
            if want is not None and have is not None:
                assert have.shape == want.shape
                assert have.tobytes() == want.tobytes(), (name, t)
                batched += 1
    assert batched > len(origins)  # most origins forecast: the comparison is not vacuous
