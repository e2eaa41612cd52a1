"""Scores and summaries of predictive samples (sims x horizon): CRPS, quantiles, bounds.

Shared by the model choice (:mod:`analytics.modelling.selection`), the backtests and the
national choice; sample quantiles are ``inverted_cdf`` throughout, so a published bound is
always one of the simulated values.
"""

from __future__ import annotations

from typing import Final

import numpy as np

__all__ = ["QUANTILES", "crps_sample", "interval_bounds", "sorted_quantiles"]

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
