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

import numpy as np

from analytics.modelling.choice import ScoredOrigins, choice_span, choose, inner_mask, rank

__all__ = ["fill_unforecast", "published_choice", "published_fill"]


def published_choice(scores: ScoredOrigins, window: int) -> np.ndarray:
    """The index of the candidate the nested choice publishes at each origin (among those
    with a median at step 1 from it), -1 where none could forecast.

    At origin ``t`` the candidates are ranked on the last ``choice_span(window)`` origins'
    forecasts whose targets precede ``t`` (as ``selection.publish`` ranks them). The 10x
    guard's fallbacks and a panel's choice are not replayed.
    """
    out = np.full(len(scores.origins), -1)
    have = np.isfinite(scores.median[:, :, 0])
    for i, t in enumerate(scores.origins):
        available = {n for c, n in enumerate(scores.names) if have[c, i]}
        if available:
            name, _ = choose(rank(scores, inner_mask(scores, int(t), choice_span(window))),
                             available)  # fmt: skip
            out[i] = scores.names.index(name) if name else -1
    return out


def fill_unforecast(values: np.ndarray, have: np.ndarray, published: np.ndarray) -> np.ndarray:
    """``values`` (candidates x origins x horizon) with the origins where a candidate made no
    forecast (``have`` False: candidates x origins) taken from ``published`` (origins x
    horizon).

    Examples
    --------
    >>> v = np.array([[[1.0, 2.0], [np.nan, np.nan]], [[3.0, 4.0], [5.0, 6.0]]])
    >>> have = np.array([[True, False], [True, True]])
    >>> fill_unforecast(v, have, np.array([[3.0, 4.0], [5.0, 6.0]]))[0].tolist()
    [[1.0, 2.0], [5.0, 6.0]]
    """
    return np.where(have[:, :, None], values, published[None])


def published_fill(scores: ScoredOrigins, window: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``median`` and ``crps`` (candidates x origins x horizon) of ``scores`` with every
    origin where a candidate made no forecast (no median at step 1) filled with the median and
    CRPS of what was published there (``published_choice``; NaN where nothing was).

    Ranked on these, a candidate that could not forecast after a gap answers for the
    fallback's miss there; calibrated on them, its past errors include that miss. Where it
    forecast, its own values are unchanged.
    """
    chosen = published_choice(scores, window)
    have = np.isfinite(scores.median[:, :, 0])
    at = np.arange(len(chosen))
    median, crps = (
        fill_unforecast(v, have, np.where((chosen >= 0)[:, None], v[chosen, at], np.nan))
        for v in (scores.median, scores.crps)
    )
    return median, crps
