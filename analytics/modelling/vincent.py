"""Quantile averages of calibrated forecasts, and the nested choice of how many to average.

A published forecast is a candidate's median times its own past ``log1p`` errors (see
:mod:`analytics.modelling.selection`). Averaging, level by level, the calibrated predictive
distributions of the best ``k`` candidates ("Vincentisation") can score a lower CRPS than the
best one alone, or a higher one (a second candidate far off, intervals widened). ``k`` is
therefore chosen per origin, nested: ``past_crps`` scores each ``k`` on the past forecasts
whose targets precede the origin, each past forecast calibrated with the errors known before
its own origin (as the measured coverage is), the CRPS read from ``LEVELS`` quantiles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import numpy as np

from analytics.modelling.choice import ScoredOrigins

__all__ = [
    "AVERAGE_MAX", "AVERAGE_SKIP", "LEVELS", "MIN_CAL", "MIN_ORIGINS", "T_MIN", "average_with",
    "past_crps", "prefix_quantiles", "residual_pools", "vincent",
]  # fmt: skip

#: Fewest past errors that calibrate a step.
MIN_CAL: Final = 10
#: Quantile levels the past CRPS is read from (mid-points of 40 equal bins).
LEVELS: Final = (np.arange(40) + 0.5) / 40
#: Candidates averaged at most (the chosen one and the next best; 3 met fewer targets).
AVERAGE_MAX: Final = 2
#: Candidates never averaged in: ``stack`` is itself an average of the best three.
AVERAGE_SKIP: Final = frozenset({"stack"})
#: The average replaces the chosen candidate only when its past CRPS is lower by this many
#: standard errors of the per-origin mean differences (a lower past mean alone chased noise).
T_MIN: Final = 2.0
#: Fewest past origins the choice to average is made on.
MIN_ORIGINS: Final = 8


def residual_pools(
    scores: ScoredOrigins, c: int, mask: np.ndarray, every_step: bool = False
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per step h: candidate ``c``'s past log errors at steps h-1..h+1 (``every_step``: at
    every step) in ``mask`` and their target indices, time-ordered."""
    actual = scores.actual()
    err = np.log1p(actual) - np.log1p(scores.median[c])
    target = scores.origins[:, None] + np.arange(scores.horizon)[None, :]
    ok = mask & np.isfinite(err)
    pools = []
    for h in range(scores.horizon):
        near = np.zeros_like(ok)
        near[:, 0 if every_step else max(h - 1, 0) : None if every_step else h + 2] = True
        sel = ok & near
        order = np.argsort(target[sel], kind="stable")
        pools.append((err[sel][order], target[sel][order]))
    return pools


def vincent(samples: list[np.ndarray]) -> np.ndarray:
    """The quantile average of ``samples`` (each sims x H), laid out in the rank order of
    the first: sim ``j`` of the first keeps its rank at every step, so draws shared between
    series (joint simulation) stay joint.

    Examples
    --------
    >>> a = np.array([[3.0], [1.0], [2.0]])
    >>> b = np.array([[10.0], [30.0], [20.0]])
    >>> vincent([a, b]).ravel().tolist()
    [16.5, 5.5, 11.0]
    """
    avg = np.mean([np.sort(s, axis=0) for s in samples], axis=0)
    rank = np.argsort(np.argsort(samples[0], axis=0, kind="stable"), axis=0, kind="stable")
    return np.take_along_axis(avg, rank, axis=0)


def average_with(
    scores: ScoredOrigins,
    members: list[int],
    mask: np.ndarray,
    finish: Callable[[np.ndarray], np.ndarray],
) -> tuple[list[int], np.ndarray] | None:
    """The members to average with ``members[0]`` (the chosen candidate) and the past mean
    CRPS of each ``k``, or None when it is published alone.

    Per ``k``, the mean CRPS on the past pairs in ``mask`` (``past_crps``). The best ``k > 1``
    is taken when the per-origin mean of its CRPS differences with ``k = 1`` (steps of one
    origin averaged: they share their origin's errors) is positive by ``T_MIN`` standard
    errors over at least ``MIN_ORIGINS`` past origins.
    """
    if len(members) < 2:
        return None
    losses, at = past_crps(scores, members, mask, finish)
    if len(np.unique(at)) < MIN_ORIGINS:
        return None
    past = losses.mean(axis=0)
    k = int(np.argmin(past)) + 1
    if k == 1 or not np.all(np.isfinite(past)):
        return None
    _, inv = np.unique(at, return_inverse=True)
    gain = np.bincount(inv, weights=losses[:, 0] - losses[:, k - 1]) / np.bincount(inv)
    se = gain.std(ddof=1) / np.sqrt(len(gain))
    if not se > 0 or gain.mean() < T_MIN * se:
        return None
    return members[1:k], past


def past_crps(
    scores: ScoredOrigins,
    members: list[int],
    mask: np.ndarray,
    finish: Callable[[np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """CRPS, for ``k = 1 .. len(members)``, of the quantile average of the first ``k``
    members' calibrated forecasts on each past (origin, step) pair in ``mask``: (pairs x
    members) and the origin index of each pair.

    Each past forecast from origin ``t`` is calibrated on the member's errors (its pool over
    ``mask``) whose target precedes ``t``; pairs where a member has fewer than ``MIN_CAL``
    such errors or no median are left out for every ``k`` (one common set of pairs). The
    CRPS is twice the mean pinball loss over ``LEVELS``.
    """
    actual = scores.actual()
    pools = [residual_pools(scores, c, mask) for c in members]
    losses, at = [], []
    for h in range(scores.horizon):
        rows = np.flatnonzero(mask[:, h] & np.isfinite(actual[:, h]))
        q = np.empty((len(members), len(rows), len(LEVELS)))
        ok = np.ones(len(rows), dtype=bool)
        for m, c in enumerate(members):
            errs, targets = pools[m][h]
            size = np.searchsorted(targets, scores.origins[rows] - 1, side="right")
            med = scores.median[c, rows, h]
            ok &= (size >= MIN_CAL) & np.isfinite(med)
            spread = prefix_quantiles(errs, np.maximum(size, 1), np.append(LEVELS, 0.5))
            spread = spread[:, :-1] - spread[:, -1:]
            with np.errstate(invalid="ignore"):
                q[m] = finish(np.expm1(np.log1p(med)[:, None] + spread))
        mean_q = np.cumsum(q[:, ok], axis=0) / np.arange(1, len(members) + 1)[:, None, None]
        d = actual[rows[ok], h][None, :, None] - mean_q
        pin = np.maximum(LEVELS * d, (LEVELS - 1.0) * d)
        losses.append(2.0 * pin.mean(axis=2).T)
        at.append(rows[ok])
    return np.concatenate(losses), np.concatenate(at).astype(int)


def prefix_quantiles(x: np.ndarray, sizes: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """(len(sizes) x len(levels)): the quantiles of ``x[:size]`` for each size (>= 1), linearly
    interpolated as ``np.quantile``'s default method.

    Examples
    --------
    >>> x = np.array([5.0, 1.0, 3.0, 2.0])
    >>> prefix_quantiles(x, np.array([2, 4]), np.array([0.5])).ravel().tolist()
    [3.0, 2.5]
    """
    if len(x) == 0:
        return np.full((len(sizes), len(levels)), np.nan)
    grid = np.where(np.arange(len(x))[None, :] < sizes[:, None], x[None, :], np.inf)
    grid = np.sort(grid, axis=1)
    pos = levels[None, :] * (sizes[:, None] - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, sizes[:, None] - 1)
    low, high = np.take_along_axis(grid, lo, axis=1), np.take_along_axis(grid, hi, axis=1)
    return low + (pos - lo) * np.where(hi > lo, high - low, 0.0)
