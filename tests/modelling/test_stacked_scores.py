"""Rolling-origin scoring stacked per candidate gives the numbers of scoring origin by origin.

The reference below is the per-origin loop ``score_origins`` ran before the scoring was
stacked (round 9): every candidate drawn from every origin on its own stream, the combination
built from its members' samples, guarded, then scored by ``score_samples``. Every median,
CRPS, hit, refusal and stored path must be equal to the last bit.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from analytics.modelling.baselines import known_max
from analytics.modelling.combination import Combination
from analytics.modelling.guards import GUARD_FACTOR, upper975
from analytics.modelling.sample_scores import crps_sample, crps_stacked
from analytics.modelling.selection import (
    Candidate,
    candidates,
    origin_stream,
    score_origins,
    score_samples,
)


class _Explodes:
    """A candidate whose samples blow up (or are not finite) from some origins."""

    name = "explodes"

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        x = rng.gamma(2.0, 5.0, (n_sims, 3))
        if origin % 7 == 0:
            return x * 1e6  # far above GUARD_FACTOR x the largest value seen
        if origin % 11 == 0:
            x[0, 1] = np.nan
        return None if origin % 13 == 0 else x


def _reference(
    y: np.ndarray, cands: dict[str, tuple[str, Candidate]], origins: np.ndarray, horizon: int,
    n_sims: int, seed: int,
) -> tuple[np.ndarray, ...]:  # fmt: skip
    """Origin-by-origin scoring, as before the stacking."""
    names = tuple(cands)
    shape = (len(names), len(origins), horizon)
    median, crps = np.full(shape, np.nan), np.full(shape, np.nan)
    in80, in95 = np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)
    refused = np.zeros(len(names), dtype=int)
    paths = np.full((*shape[:2], n_sims, horizon), np.nan, dtype=np.float32)
    idx = origins[:, None] + np.arange(horizon)[None, :]
    actual = np.where(idx < len(y), y[np.minimum(idx, len(y) - 1)], np.nan)
    for i, t in enumerate(origins):
        limit = GUARD_FACTOR * max(known_max(y[:t]), 1.0)
        drawn: dict[str, np.ndarray | None] = {}
        for c, name in enumerate(names):
            cand = cands[name][1]
            if isinstance(cand, Combination) and all(m.name in drawn for m in cand.members):
                p = cand.combine([drawn[m.name] for m in cand.members])
            else:
                p = cand.paths(int(t), n_sims, origin_stream(seed, name, int(t)))
            drawn[name] = p
            if p is None:
                continue
            x = np.sort(p, axis=0)
            if not np.all(np.isfinite(p)) or np.any(upper975(x) > limit):
                refused[c] += 1
                continue
            paths[c, i] = p
            median[c, i], crps[c, i], in80[c, i], in95[c, i] = score_samples(
                x, actual[i], presorted=True
            )
    return median, crps, in80, in95, refused, paths


def _series(n: int, seed: int, *, unknown: float, scale: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    y = rng.poisson(rng.gamma(3.0, 10.0 / 3.0, n)).astype(float) * scale
    y[rng.random(n) < unknown] = np.nan
    return y


@pytest.mark.parametrize(
    ("n", "freq", "horizon", "continuous", "unknown", "seed"),
    [
        (90, "week", 4, False, 0.1, 0),  # counts with unknown weeks (rounded samples)
        (60, "month", 3, True, 0.05, 1),  # a duration: unrounded samples, float CRPS sums
        (70, "week", 1, False, 0.0, 2),  # one step ahead
    ],
)
def test_stacked_scoring_equals_origin_by_origin(
    n: int, freq: str, horizon: int, continuous: bool, unknown: float, seed: int
) -> None:
    y = _series(n, seed, unknown=unknown, scale=1.37 if continuous else 1.0)
    step = dt.timedelta(days=7 if freq == "week" else 30)
    days = np.array([dt.date(2022, 3, 7) + k * step for k in range(n)], dtype="datetime64[D]")
    cands = candidates(y, days, freq, horizon, autoregression=False, continuous=continuous)
    if horizon == 3:
        cands["explodes"] = ("model", _Explodes())
    origins = np.arange(12, n + 1)  # ends on the series' end: targets beyond it are unknown
    got = score_origins(y, cands, origins, horizon, n_sims=300, seed=seed)
    ref = _reference(y, cands, origins, horizon, 300, seed)
    for mine, theirs in zip((got.median, got.crps, got.inside80, got.inside95), ref, strict=False):
        assert np.array_equal(mine, theirs, equal_nan=mine.dtype != bool)
    assert np.array_equal(got.refused, ref[4])
    stored = np.full_like(ref[5], np.nan)
    for (c, i), p in got.paths.items():
        stored[c, i] = p
    assert np.array_equal(stored, ref[5], equal_nan=True)
    assert np.isfinite(got.crps).sum() > len(origins)  # something was scored
    if horizon == 3:
        assert got.refused[got.names.index("explodes")] > 0


def test_crps_stacked_equals_crps_sample_bit_for_bit() -> None:
    rng = np.random.default_rng(5)
    x = np.sort(rng.gamma(2.0, 7.3, (9, 4, 401)), axis=2)  # unrounded: sum order shows
    obs = rng.gamma(2.0, 7.3, (9, 4))
    every = np.ones(4, dtype=bool)
    one = np.stack([crps_sample(x[b].T[:, every], obs[b], presorted=True) for b in range(9)])
    assert np.array_equal(crps_stacked(x, obs), one)
