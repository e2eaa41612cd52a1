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

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Final

import numpy as np

from analytics.modelling.choice import MIN_PAIRS, Choice, ScoredOrigins

__all__ = [
    "AVERAGE_MAX", "AVERAGE_SKIP", "BOUNDS", "LEVELS", "MIN_CAL", "MIN_ORIGINS", "T_MIN",
    "PastAverages", "average_partners", "average_with", "past_crps", "prefix_quantiles",
    "residual_pools", "vincent",
]  # fmt: skip

#: Fewest past errors that calibrate a step.
MIN_CAL: Final = 10
#: Quantile levels the past CRPS is read from (mid-points of 40 equal bins).
LEVELS: Final = (np.arange(40) + 0.5) / 40
#: Levels of the published intervals' bounds: 80% (0.1, 0.9) and 95% (0.025, 0.975).
BOUNDS: Final = np.array([0.1, 0.9, 0.025, 0.975])
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


def average_partners(
    rows: list[Choice], available: Collection[str], chosen: str, calibrated: Collection[str]
) -> list[str]:
    """The candidates the chosen one may be averaged with, best past CRPS first (at most
    ``AVERAGE_MAX - 1``): ranked on ``MIN_PAIRS`` pairs or more, with a forecast from the
    origin (``available``), neither calibrated when built nor in ``AVERAGE_SKIP``."""
    ranked = sorted((r for r in rows if r.n >= MIN_PAIRS and np.isfinite(r.crps)),
                    key=lambda r: r.crps)  # fmt: skip
    return [
        r.name for r in ranked
        if r.name in available and r.name != chosen
        and r.name not in calibrated and r.name not in AVERAGE_SKIP
    ][: AVERAGE_MAX - 1]  # fmt: skip


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
    scored = past_crps(scores, members, mask, finish)
    losses, at = scored.crps, scored.at
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


@dataclass(frozen=True)
class PastAverages:
    """Quantile averages of the first ``k = 1 .. members`` calibrated forecasts on past pairs.

    ``crps``, ``inside80``, ``inside95``: (pairs x members); ``at``: the origin index of each
    pair, ``step``: its step (0-based). The intervals are read as the published ones are
    (``inverted_cdf`` quantiles of the samples, averaged level by level over the members).
    """

    crps: np.ndarray
    at: np.ndarray
    step: np.ndarray
    inside80: np.ndarray
    inside95: np.ndarray

    def coverage(self, k: int, horizon: int) -> list[dict[str, object]]:
        """Per step: h, n, coverage80, coverage95 of the average of the first ``k`` (NaN
        where no pair)."""
        out: list[dict[str, object]] = []
        for h in range(horizon):
            on = self.step == h
            n = int(on.sum())
            out.append({"h": h + 1, "n": n,
                        "coverage80": float(self.inside80[on, k - 1].mean()) if n else np.nan,
                        "coverage95": float(self.inside95[on, k - 1].mean()) if n else np.nan})  # fmt: skip
        return out


def past_crps(
    scores: ScoredOrigins,
    members: list[int],
    mask: np.ndarray,
    finish: Callable[[np.ndarray], np.ndarray],
    every_step: bool = False,
) -> PastAverages:
    """CRPS and interval hits, for ``k = 1 .. len(members)``, of the quantile average of the
    first ``k`` members' calibrated forecasts on each past (origin, step) pair in ``mask``.

    Each past forecast from origin ``t`` is calibrated on the member's errors (its pool over
    ``mask``) whose target precedes ``t``; pairs where a member has fewer than ``MIN_CAL``
    such errors or no median are left out for every ``k`` (one common set of pairs). The
    CRPS is twice the mean pinball loss over ``LEVELS``. ``every_step``: each step's pool
    holds the errors of every step (``residual_pools``).
    """
    actual = scores.actual()
    pools = [residual_pools(scores, c, mask, every_step) for c in members]
    k = np.arange(1, len(members) + 1)[:, None, None]
    n_lv = len(LEVELS)
    got: list[list[np.ndarray]] = [[], [], [], [], []]
    for h in range(scores.horizon):
        rows = np.flatnonzero(mask[:, h] & np.isfinite(actual[:, h]))
        q = np.empty((len(members), len(rows), n_lv + len(BOUNDS)))
        ok = np.ones(len(rows), dtype=bool)
        for m, c in enumerate(members):
            errs, targets = pools[m][h]
            size = np.maximum(np.searchsorted(targets, scores.origins[rows] - 1, side="right"), 1)
            log_med = np.log1p(scores.median[c, rows, h])
            ok &= (size >= MIN_CAL) & np.isfinite(log_med)
            lin = prefix_quantiles(errs, size, np.append(LEVELS, 0.5))
            bounds = prefix_quantiles(errs, size, BOUNDS, inverted=True)
            with np.errstate(invalid="ignore"):  # bounds: as the published samples sum
                q[m, :, :n_lv] = finish(np.expm1(log_med[:, None] + (lin[:, :-1] - lin[:, -1:])))
                q[m, :, n_lv:] = finish(np.expm1(log_med[:, None] + bounds - lin[:, -1:]))
        mean_q = np.cumsum(q[:, ok], axis=0) / k
        a = actual[rows[ok], h][None, :, None]
        d = a - mean_q[:, :, :n_lv]
        pin = np.maximum(LEVELS * d, (LEVELS - 1.0) * d)
        lo80, hi80, lo95, hi95 = np.moveaxis(finish(mean_q[:, :, n_lv:]), 2, 0)
        a = a[..., 0]
        for out, v in zip(got, (2.0 * pin.mean(axis=2).T, rows[ok], np.full(ok.sum(), h),
                                ((lo80 <= a) & (a <= hi80)).T, ((lo95 <= a) & (a <= hi95)).T),
                          strict=True):  # fmt: skip
            out.append(v)
    crps, at, step, in80, in95 = (np.concatenate(v) for v in got)
    return PastAverages(crps, at.astype(int), step.astype(int), in80, in95)


def prefix_quantiles(
    x: np.ndarray, sizes: np.ndarray, levels: np.ndarray, *, inverted: bool = False
) -> np.ndarray:
    """(len(sizes) x len(levels)): the quantiles of ``x[:size]`` for each size (>= 1), linearly
    interpolated as ``np.quantile``'s default method (``inverted``: its ``inverted_cdf``, the
    smallest value whose empirical CDF reaches the level, as published intervals are read).

    Examples
    --------
    >>> x = np.array([5.0, 1.0, 3.0, 2.0])
    >>> prefix_quantiles(x, np.array([2, 4]), np.array([0.5])).ravel().tolist()
    [3.0, 2.5]
    >>> prefix_quantiles(x, np.array([2, 4]), np.array([0.5]), inverted=True).ravel().tolist()
    [1.0, 2.0]
    """
    if len(x) == 0:
        return np.full((len(sizes), len(levels)), np.nan)
    grid = np.where(np.arange(len(x))[None, :] < sizes[:, None], x[None, :], np.inf)
    grid = np.sort(grid, axis=1)
    if inverted:
        at = np.clip(np.ceil(levels[None, :] * sizes[:, None]).astype(int) - 1, 0, None)
        return np.take_along_axis(grid, np.minimum(at, sizes[:, None] - 1), axis=1)
    pos = levels[None, :] * (sizes[:, None] - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, sizes[:, None] - 1)
    low, high = np.take_along_axis(grid, lo, axis=1), np.take_along_axis(grid, hi, axis=1)
    return low + (pos - lo) * np.where(hi > lo, high - low, 0.0)
