"""A series' own jumps: a floor on the width of intervals calibrated on few origins.

With few past origins (monthly series) the calibration's past errors are few and may all come
from a calm stretch, so a series that once jumped 14 -> 6,548 in a month could get a band a
tenth as wide as its own history of changes. ``own_jumps`` gives the series' ``h``-step
``log1p`` changes before the origin (pairs with an unknown end are skipped, never read as 0);
``wider`` keeps the calibration errors unless these changes span a wider 95% range.
"""

from __future__ import annotations

from typing import Final

import numpy as np

__all__ = ["MIN_JUMPS", "own_jumps", "wider"]

#: Fewest known h-step changes that can widen a calibration.
MIN_JUMPS: Final = 10


def own_jumps(y: np.ndarray, origin: int, step: int) -> np.ndarray:
    """``log1p(y[t + step]) - log1p(y[t])`` for every ``t + step < origin`` with both known,
    in time order.

    Examples
    --------
    >>> own_jumps(np.array([0.0, np.nan, 3.0, 7.0, 100.0]), 4, 1).round(3).tolist()
    [0.693]
    """
    past = np.log1p(np.asarray(y[:origin], dtype=float))
    d = past[step:] - past[:-step] if 0 < step < len(past) else np.empty(0)
    return d[np.isfinite(d)]


def wider(errs: np.ndarray, jumps: np.ndarray) -> np.ndarray:
    """``errs``, or ``jumps`` when there are ``MIN_JUMPS`` of them and their 2.5-97.5%
    range is wider than the errors' (each centred on its median by the caller).

    Examples
    --------
    >>> e, j = np.linspace(-0.1, 0.1, 20), np.linspace(-2.0, 2.0, 12)
    >>> wider(e, j) is j, wider(j, e) is j
    (True, True)
    """
    if len(jumps) < MIN_JUMPS or len(errs) == 0:
        return errs
    span = np.subtract(*np.quantile(jumps, [0.975, 0.025]))
    return jumps if span > np.subtract(*np.quantile(errs, [0.975, 0.025])) else errs
