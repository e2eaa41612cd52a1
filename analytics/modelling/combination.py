"""Forecast combinations: quantile averages of several candidates' predictive distributions.

A combination often beats each of its members, and in particular the member that looks best
in hindsight, because the members' errors partly cancel and no choice has to be made between
near-equals. ``combo`` averages the sorted samples (the quantile functions, "Vincentisation")
of the recent-mean baselines, the damped local drift and the log-scale exponential smoothing:
the combined median is the mean of the members' medians and the spread their mean spread.
The combination is a *model*: :mod:`analytics.modelling.selection` publishes it only when its
rolling-origin CRPS beats the best baseline's on the origins before the forecast origin, and
calibrates its intervals from its own past errors like any other candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Protocol

import numpy as np

__all__ = [
    "COMBO_MEMBERS", "MEDIAN_MEMBERS", "Combination", "quantile_average", "quantile_median",
]  # fmt: skip

#: Members of ``combo`` (those that can forecast from an origin are averaged).
COMBO_MEMBERS: Final[tuple[str, ...]] = ("mean_4", "mean_8", "mean_13", "local_drift", "ets_level")
#: Members of ``combo_median``: equal weights, the median of simple baselines' quantiles.
MEDIAN_MEMBERS: Final[tuple[str, ...]] = ("naive", "mean_4", "mean_13", "local_drift")
_MIN_MEMBERS: Final = 2


class Member(Protocol):
    """Anything that gives predictive samples (n_sims x horizon) from an origin."""

    @property
    def name(self) -> str:
        """The candidate's name (read-only: frozen dataclasses qualify)."""
        ...

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        """Samples from ``y[:origin]`` (None when no forecast can be made)."""
        ...


def quantile_average(samples: list[np.ndarray]) -> np.ndarray:
    """Average of the sorted samples (each sims x H): the mean of the quantile functions.

    Examples
    --------
    >>> a = np.array([[0.0], [2.0]])
    >>> b = np.array([[10.0], [4.0]])
    >>> quantile_average([a, b]).ravel().tolist()
    [2.0, 6.0]
    """
    return np.mean([np.sort(s, axis=0) for s in samples], axis=0)


def quantile_median(samples: list[np.ndarray]) -> np.ndarray:
    """Median of the sorted samples (each sims x H): at every level, the members' median
    quantile (robust to one member far off; the mean of the middle two with an even count).

    Examples
    --------
    >>> a, b, c = np.array([[0.0], [2.0]]), np.array([[10.0], [4.0]]), np.array([[1.0], [90.0]])
    >>> quantile_median([a, b, c]).ravel().tolist()
    [1.0, 10.0]
    """
    # the members' sorted samples stacked, then sorted across members: the middle one (the
    # mean of the middle two: numpy's median of the same values, bit for bit) without
    # np.median's partition along the strided first axis (several times slower at 4 x 400 x 8)
    ranked = np.sort(np.stack([np.sort(s, axis=0) for s in samples]), axis=0)
    half = len(samples) // 2
    return ranked[half] if len(samples) % 2 else np.mean(ranked[half - 1 : half + 1], axis=0)


@dataclass(frozen=True)
class Combination:
    """A quantile-average combination of member candidates prepared on one series.

    ``continuous``: samples are left unrounded (a duration), else rounded to counts.
    ``median``: the members' median quantile at every level instead of their mean.
    """

    name: str
    members: tuple[Member, ...]
    continuous: bool = False
    median: bool = False

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        """Combined samples (n_sims x horizon) from ``y[:origin]``; None with < 2 members."""
        return self.combine([m.paths(origin, n_sims, rng) for m in self.members])

    def combine(self, got: list[np.ndarray | None]) -> np.ndarray | None:
        """Combined samples from the members' samples (None where a member had none)."""
        usable = [g for g in got if g is not None and np.all(np.isfinite(g))]
        if len(usable) < _MIN_MEMBERS:
            return None
        # comonotone across steps: read per step
        out = quantile_median(usable) if self.median else quantile_average(usable)
        return out if self.continuous else np.round(out)

    def describe(self) -> str:
        """The member names, for reasons."""
        how = "quantile median" if self.median else "quantile average"
        return f"{self.name} ({how} of {', '.join(m.name for m in self.members)})"
