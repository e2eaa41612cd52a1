"""Guards against explosive forecasts: the limit on published bounds and how it is applied.

A forecast's 95% upper bound may not exceed ``GUARD_FACTOR`` times the largest value seen in
its history. Candidate paths that break it when scored are refused (explosive). When
publishing, a chosen candidate whose median path stays within the limit is kept, its samples
capped at the limit (a wide calibrated band around a sound median, e.g. past errors of a
series that jumped by two orders of magnitude); only a median above the limit, or samples
that are not finite, refuse it.
"""

from __future__ import annotations

from typing import Final

import numpy as np

__all__ = ["GUARD_FACTOR", "guard_samples", "upper975"]

#: No 95% upper bound may exceed this multiple of the largest value in the history.
GUARD_FACTOR: Final = 10.0


def upper975(x: np.ndarray) -> np.ndarray:
    """The guard's 97.5% quantile of sorted samples (sims x H), linearly interpolated as
    ``np.quantile``'s default method.

    Examples
    --------
    >>> x = np.arange(41.0)[:, None]
    >>> float(upper975(x)[0]) == float(np.quantile(x, 0.975))
    True
    """
    pos = 0.975 * (x.shape[0] - 1)
    lo = int(np.floor(pos))
    hi = min(lo + 1, x.shape[0] - 1)
    return x[lo] + (pos - lo) * (x[hi] - x[lo])


def guard_samples(samples: np.ndarray, limit: float) -> np.ndarray | None:
    """Published samples (sims x H) under the guard.

    Returns None (refused) when a sample is not finite or the median path (the sample median,
    ``inverted_cdf`` as published) exceeds ``limit`` at some step; else the samples, capped at
    ``limit`` when their 95% upper bound exceeds it (the same array when it does not).

    Examples
    --------
    >>> x = np.array([[1.0], [2.0], [3.0], [500.0]])
    >>> guard_samples(x, 100.0).ravel().tolist()
    [1.0, 2.0, 3.0, 100.0]
    >>> guard_samples(x * 100, 100.0) is None
    True
    """
    if not np.all(np.isfinite(samples)):
        return None
    if np.quantile(samples, 0.5, axis=0, method="inverted_cdf").max() > limit:
        return None
    if np.quantile(samples, 0.975, axis=0).max() <= limit:
        return samples
    return np.minimum(samples, limit)
