"""Candidate samples from a block of origins at once, each origin on its own random stream.

The rolling-origin evaluation (:func:`analytics.modelling.selection.score_origins`) draws
every candidate's samples from every origin. Each (candidate, origin) has its own stream
(:func:`origin_stream`), so a forecast from an origin does not depend on which other origins
are scored; the draws themselves therefore stay one generator call per origin, in the order
the candidate's own ``paths`` makes them. What is batched is the arithmetic around them:
the resampled baselines and the level models compute their samples for all the origins of a
block as one array operation, and a combination whose members all forecast from every origin
of the block averages (or takes the median of) their sorted samples in one sort. Every
operation is elementwise or a reduction in the same order as the per-origin code, so the
samples are bit for bit those of ``candidate.paths(origin, n_sims, origin_stream(...))``
(``tests/modelling/test_batched.py`` checks it). The count models (the local drift's negative
binomial, the autoregression) are drawn origin by origin by the candidate itself.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from analytics.modelling.baselines import ERROR_WINDOW, BaselineRule
from analytics.modelling.combination import Combination
from analytics.modelling.levels import LevelModel

__all__ = ["origin_stream", "draw_block", "BlockCandidate"]

#: Fewest known errors a resampled baseline needs at every step (``baselines._MIN_ERRORS``).
_MIN_ERRORS = 4
#: Fewest errors a level model needs (``levels._MIN_ERRORS``).
_MIN_LEVEL_ERRORS = 8


class BlockCandidate(Protocol):
    """Anything that gives predictive samples (n_sims x horizon) from an origin."""

    @property
    def name(self) -> str:
        """The candidate's name."""
        ...

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        """Samples from ``y[:origin]`` (None when no forecast can be made)."""
        ...


def origin_stream(seed: int, name: str, origin: int) -> np.random.Generator:
    """The random stream of candidate ``name`` forecasting from ``origin`` (stable across runs
    and processes: the name enters by its CRC-32, not Python's salted hash).

    Examples
    --------
    >>> a = origin_stream(0, "naive", 10).random()
    >>> a == origin_stream(0, "naive", 10).random() != origin_stream(0, "naive", 11).random()
    True
    """
    return np.random.Generator(np.random.PCG64([seed, zlib.crc32(name.encode()), origin]))


Block = list[np.ndarray | None]


def draw_block(
    candidates: Sequence[BlockCandidate], origins: Sequence[int], n_sims: int, seed: int
) -> list[Block]:
    """Every candidate's samples from every origin of the block (``out[c][j]``: candidate
    ``c`` from ``origins[j]``; None where it cannot forecast), in ``candidates``' order.

    A :class:`~analytics.modelling.combination.Combination` whose members come before it
    combines their samples from the same origin (common random numbers), as
    ``selection.score_origins`` always did.
    """
    drawn: dict[str, Block] = {}
    out: list[Block] = []
    for cand in candidates:
        if isinstance(cand, Combination) and all(m.name in drawn for m in cand.members):
            got = _combined(cand, [drawn[m.name] for m in cand.members])
        elif isinstance(cand, BaselineRule) and not cand.count_model:
            got = _resampled_block(cand, origins, n_sims, seed)
        elif isinstance(cand, LevelModel):
            got = _level_block(cand, origins, n_sims, seed)
        else:
            got = [cand.paths(int(t), n_sims, origin_stream(seed, cand.name, int(t)))
                   for t in origins]  # fmt: skip
        drawn[cand.name] = got
        out.append(got)
    return out


def _combined(cand: Combination, members: list[Block]) -> Block:
    """``cand.combine`` at every origin; one sort for the block when every member's samples
    are usable (finite, of one shape) at every origin."""
    n = len(members[0])
    every = [g for got in members for g in got if g is not None and np.all(np.isfinite(g))]
    if (
        len(every) < len(members) * n
        or len(members) < 2
        or n == 0
        or any(g.shape != every[0].shape for g in every)
    ):
        return [cand.combine([got[j] for got in members]) for j in range(n)]
    stacked = np.sort(np.stack(every).reshape(len(members), n, *every[0].shape), axis=2)
    if cand.median:  # the members' median quantile (as quantile_median, per origin)
        ranked = np.sort(stacked, axis=0)
        half = len(members) // 2
        comb = ranked[half] if len(members) % 2 else np.mean(ranked[half - 1 : half + 1], axis=0)
    else:
        comb = np.mean(stacked, axis=0)
    comb = comb if cand.continuous else np.round(comb)
    return list(comb)


def _resampled_block(rule: BaselineRule, origins: Sequence[int], n_sims: int, seed: int) -> Block:
    """An empirical baseline's samples from every origin (``BaselineRule.paths``): its point
    times ``exp`` of its past log errors at each step, resampled from the known errors of the
    origin's window in their order (the ``k``-th known error of step ``h`` is found from the
    running count of known errors, for every origin at once)."""
    horizon = rule.points.shape[1]
    with np.errstate(invalid="ignore", divide="ignore"):
        err = np.log1p(rule.targets) - np.log1p(rule.forecasts)  # row j: target j
    known = np.isfinite(err)
    seen = np.concatenate([np.zeros((1, horizon), dtype=np.int64), np.cumsum(known, axis=0)])
    tops = np.array([int(t) for t in origins], dtype=np.int64)
    los = np.maximum(tops - ERROR_WINDOW, 0)
    base = seen[los]  # known errors before each window, per step
    count = seen[tops] - base  # known errors in each window, per step
    ok = np.isfinite(rule.points[tops]).all(axis=1) & (count.min(axis=1) >= _MIN_ERRORS)
    out: Block = [None] * len(origins)
    rows = np.flatnonzero(ok)
    if horizon == 0 or not len(rows):
        return out
    uniforms = np.stack(
        [origin_stream(seed, rule.name, int(tops[j])).random((n_sims, horizon)) for j in rows]
    )
    n = count[rows][:, None, :]
    pick = np.minimum((uniforms * n).astype(int), n - 1) + base[rows][:, None, :]
    draws = np.empty_like(uniforms)
    for h in range(horizon):  # the pick-th known error of step h in each window
        draws[:, :, h] = err[np.flatnonzero(known[:, h])[pick[:, :, h]], h]
    values = np.expm1(np.log1p(rule.points[tops[rows]])[:, None, :] + draws)
    values = np.maximum(values if rule.continuous else np.round(values), 0.0)
    for k, j in enumerate(rows):
        out[int(j)] = values[k]
    return out


def _level_block(model: LevelModel, origins: Sequence[int], n_sims: int, seed: int) -> Block:
    """A level model's samples from every origin (``LevelModel.paths``): the state recursion
    runs once for the block, each origin with its own weights, state and shocks."""
    out: Block = [None] * len(origins)
    rows: list[tuple[int, int, np.ndarray]] = []  # (block index, grid index, shocks H x sims)
    for j, t in enumerate(int(o) for o in origins):
        g = model.choice(t)
        if g is None:
            continue
        err = model.errors[max(t - ERROR_WINDOW, 0) : t, g]
        err = err[np.isfinite(err)]
        if len(err) < _MIN_LEVEL_ERRORS:
            continue
        err = err - err.mean()
        rng = origin_stream(seed, model.name, t)
        rows.append((j, g, err[rng.integers(0, len(err), size=(model.horizon, n_sims))]))
    if not rows:
        return out
    tops = np.array([int(origins[j]) for j, _, _ in rows])
    grid = np.array([g for _, g, _ in rows])
    shocks = np.stack([s for _, _, s in rows])  # (origins, H, sims)
    level = np.repeat(model.levels[tops, grid][:, None], n_sims, axis=1)
    slope = np.repeat(model.slopes[tops, grid][:, None], n_sims, axis=1)
    a, b, phi = model.alpha[grid][:, None], model.beta[grid][:, None], model.phi
    paths = np.empty((len(rows), n_sims, model.horizon))
    for h in range(model.horizon):
        e = shocks[:, h, :]
        pred = level + phi * slope
        paths[:, :, h] = pred + e
        level, slope = pred + a * e, phi * slope + b * e
    values = np.expm1(np.clip(paths, -1.0, 50.0))
    values = np.maximum(values if model.continuous else np.round(values), 0.0)
    for k, (j, _, _) in enumerate(rows):
        out[j] = values[k]
    return out
