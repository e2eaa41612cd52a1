"""Scores and summaries of predictive samples (sims x horizon): CRPS, quantiles, bounds.

Shared by the model choice (:mod:`analytics.modelling.selection`), the backtests and the
national choice; sample quantiles are ``inverted_cdf`` throughout, so a published bound is
always one of the simulated values.
"""

from __future__ import annotations

from typing import Final

import numpy as np

__all__ = [
    "QUANTILES",
    "crps_sample",
    "crps_stacked",
    "interval_bounds",
    "score_stacked",
    "sorted_quantiles",
]

#: The published interval bounds and their levels.
QUANTILES: Final = {"lo80": 0.1, "hi80": 0.9, "lo95": 0.025, "hi95": 0.975}


def crps_sample(
    samples: np.ndarray, observed: np.ndarray, *, presorted: bool = False
) -> np.ndarray:
    """Continuous ranked probability score of samples (sims x H) against H observations.

    ``CRPS = E|X - y| - E|X - X'| / 2``, with the second term from the sorted samples.
    ``presorted``: each column of ``samples`` is already in ascending order.

    Examples
    --------
    >>> float(crps_sample(np.array([[1.0], [1.0]]), np.array([3.0]))[0])
    2.0
    """
    x = np.asarray(samples, dtype=float)
    x = x if presorted else np.sort(x, axis=0)
    s = x.shape[0]
    first = np.abs(x - observed[None, :]).mean(axis=0)
    weights = (2 * np.arange(1, s + 1) - s - 1)[:, None]
    spread = 2.0 * (weights * x).sum(axis=0) / (s * s)
    return first - 0.5 * spread


def crps_stacked(x: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """:func:`crps_sample` of many sample blocks at once: ``x`` (blocks x H x sims), each row
    sorted ascending and contiguous, against ``observed`` (blocks x H); shape (blocks x H).

    Each sum runs along a contiguous row of sims, as :func:`crps_sample` sums the columns
    ``selection.score_samples`` hands it (a column selection, laid out column by column), so
    numpy adds in the same (pairwise) order and the results are equal to the last bit.

    Examples
    --------
    >>> x = np.sort(np.random.default_rng(0).random((3, 2, 5)), axis=2)
    >>> obs = np.ones((3, 2))
    >>> ok = np.ones(2, dtype=bool)
    >>> one = [crps_sample(x[b].T[:, ok], obs[b], presorted=True) for b in range(3)]
    >>> bool(np.array_equal(crps_stacked(x, obs), np.stack(one)))
    True
    """
    x = np.asarray(x, dtype=float)
    s = x.shape[2]
    first = np.abs(x - observed[:, :, None]).mean(axis=2)
    weights = (2 * np.arange(1, s + 1) - s - 1)[None, None, :]
    spread = 2.0 * (weights * x).sum(axis=2) / (s * s)
    return first - 0.5 * spread


def sorted_quantiles(x: np.ndarray, levels: list[float]) -> np.ndarray:
    """Sample quantiles (``inverted_cdf``: the smallest sample whose empirical CDF reaches the
    level) of ``x`` (sims x H) whose columns are sorted ascending; shape (levels x H).

    Equal to ``np.quantile(x, levels, axis=0, method="inverted_cdf")`` without sorting again.

    Examples
    --------
    >>> sorted_quantiles(np.array([[1.0], [2.0], [3.0], [4.0]]), [0.5, 0.9]).ravel().tolist()
    [2.0, 4.0]
    """
    n = x.shape[0]
    k = np.clip(np.ceil(np.asarray(levels) * n).astype(int) - 1, 0, n - 1)
    return x[k]


def interval_bounds(samples: np.ndarray, *, presorted: bool = False) -> dict[str, np.ndarray]:
    """Median and 80%/95% bounds of samples (sims x H), as sample quantiles (``inverted_cdf``).

    ``presorted``: each column of ``samples`` is already in ascending order.
    """
    x = samples if presorted else np.sort(samples, axis=0)  # one sort for all five quantiles
    got = sorted_quantiles(x, [0.5, *QUANTILES.values()])
    return dict(zip(("median", *QUANTILES), got, strict=True))


def score_stacked(x: np.ndarray, actual: np.ndarray) -> tuple[np.ndarray, ...]:
    """Median, CRPS (NaN where the target is unknown) and 80%/95% hits of many sample blocks
    at once: ``x`` (blocks x H x sims), each row sorted ascending and contiguous, against
    ``actual`` (blocks x H); each result (blocks x H), equal to the last bit to
    ``selection.score_samples`` of the blocks one by one."""
    b = interval_bounds(x.transpose(2, 0, 1), presorted=True)
    crps = np.where(np.isfinite(actual), crps_stacked(x, actual), np.nan)
    in80 = (b["lo80"] <= actual) & (actual <= b["hi80"])
    in95 = (b["lo95"] <= actual) & (actual <= b["hi95"])
    return b["median"], crps, in80, in95
