"""What was published at each past origin, charged to the candidates that had no forecast.

A candidate that needs the last period known (the NB autoregression) makes no forecast from
the origins right after an uncovered period; another candidate is published there. With few
past origins (monthly series) the misses there, the jumps that follow gaps, are exactly what
the next choice and intervals should remember, yet they reached neither: the choice compares
candidates on the pairs every eligible one scored, and a candidate's calibration pool holds
only its own errors. ``published_fill`` replays the nested choice at each past origin
(``choice.rank`` and ``choice.choose`` on the forecasts whose targets precede it) and, where a
candidate made no forecast, puts the median and CRPS of what was published there: a candidate
is scored and calibrated as the forecast a user relying on it would have had (its own where it
could forecast, the fallback's where it could not).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analytics.modelling.choice import ScoredOrigins, choice_span, choose, inner_mask, rank

__all__ = ["Filled", "published_fill"]


@dataclass(frozen=True)
class Filled:
    """Rolling-origin scores (``choice.ScoredOrigins``) whose ``median`` and ``crps`` are
    filled, origin by origin, by ``published_fill``."""

    names: tuple[str, ...]
    kinds: tuple[str, ...]
    origins: np.ndarray
    horizon: int
    median: np.ndarray
    crps: np.ndarray
    targets: np.ndarray
    chosen: np.ndarray

    def actual(self) -> np.ndarray:
        """Targets (origins x horizon), NaN beyond the series."""
        return self.targets


def published_fill(scores: ScoredOrigins, window: int) -> Filled:
    """``scores`` with every origin where a candidate made no forecast (no median at step 1)
    filled with the median and CRPS of what was published there (``chosen``: its index, -1
    where no candidate could forecast, the values then NaN).

    Origin by origin in time order, the nested choice is replayed as ``selection.publish``
    makes it: ``rank`` on the last ``choice_span(window)`` origins' forecasts whose targets
    precede the origin (those of earlier origins, already filled), ``choose`` among the
    candidates with a forecast there. The 10x guard's fallbacks and a panel's choice are not
    replayed. Ranked on these values, a candidate that could not forecast after a gap answers
    for the fallback's CRPS there; calibrated on them, its past errors include that miss.
    Where it forecast, its own values are unchanged.
    """
    median, crps = scores.median.copy(), scores.crps.copy()
    have = np.isfinite(scores.median[:, :, 0])
    chosen = np.full(len(scores.origins), -1)
    out = Filled(scores.names, scores.kinds, scores.origins, scores.horizon, median, crps,
                 scores.actual(), chosen)  # fmt: skip
    for i, t in enumerate(scores.origins):
        available = {n for c, n in enumerate(scores.names) if have[c, i]}
        if not available:  # nothing published: left NaN
            continue
        name, _ = choose(rank(out, inner_mask(out, int(t), choice_span(window))), available)
        chosen[i] = c = scores.names.index(name) if name else -1
        for v in (median, crps):
            v[~have[:, i], i] = v[c, i] if c >= 0 else np.nan
    return out
