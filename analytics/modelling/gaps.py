"""What was published at each past origin, so that misses after gaps reach the calibration.

A candidate that needs the last period known (the NB autoregression) makes no forecast from
the origin right after an uncovered period; another candidate is published there. With few
past origins (monthly series) a miss there is exactly the error the next intervals should
remember, yet it was in no candidate's calibration pool but the fallback's. ``published_medians``
replays the nested choice (``choice.rank`` and ``choice.choose`` on the forecasts whose
targets precede each past origin) and gives the median of the candidate published there;
``fill_unforecast`` puts it where a candidate made no forecast, so each candidate's pool of
past errors becomes the errors of what was published at the origins it could not serve.
"""

from __future__ import annotations

import numpy as np

from analytics.modelling.choice import ScoredOrigins, choice_span, choose, inner_mask, rank

__all__ = ["fill_unforecast", "published_errors", "published_medians"]


def published_medians(scores: ScoredOrigins, window: int) -> np.ndarray:
    """(origins x horizon): the median of the candidate the nested choice publishes at each
    origin (among those with a forecast from it), NaN where none could forecast.

    At origin ``t`` the candidates are ranked on the last ``choice_span(window)`` origins'
    forecasts whose targets precede ``t`` (as ``selection.publish`` ranks them) and
    ``choice.choose`` picks among those with a median at step 1 from ``t``. The 10x guard's
    fallbacks and a panel's choice are not replayed.
    """
    out = np.full(scores.median.shape[1:], np.nan)
    have = np.isfinite(scores.median[:, :, 0])
    for i, t in enumerate(scores.origins):
        available = {n for c, n in enumerate(scores.names) if have[c, i]}
        if not available:
            continue
        name, _ = choose(rank(scores, inner_mask(scores, int(t), choice_span(window))), available)
        if name:
            out[i] = scores.median[scores.names.index(name), i]
    return out


def fill_unforecast(median: np.ndarray, published: np.ndarray) -> np.ndarray:
    """Medians (candidates x origins x horizon) with every origin where a candidate made no
    forecast (no median at any step) taken from ``published`` (origins x horizon).

    Examples
    --------
    >>> med = np.array([[[1.0, 2.0], [np.nan, np.nan]], [[3.0, 4.0], [5.0, 6.0]]])
    >>> fill_unforecast(med, np.array([[3.0, 4.0], [5.0, 6.0]]))[0].tolist()
    [[1.0, 2.0], [5.0, 6.0]]
    """
    none = np.all(~np.isfinite(median), axis=2, keepdims=True)
    return np.where(none, published[None], median)


def published_errors(scores: ScoredOrigins, window: int) -> np.ndarray:
    """``scores.median`` with every origin where a candidate made no forecast filled with
    the median published there (``fill_unforecast`` of ``published_medians``): calibrated on
    these, a candidate's past errors include the misses of the fallbacks that served for it.
    Its own forecasts, and so the choice's CRPS and MAE, are unchanged."""
    return fill_unforecast(scores.median, published_medians(scores, window))
