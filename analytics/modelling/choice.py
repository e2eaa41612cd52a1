"""The nested choice of the candidate to publish, and the span of past origins it looks at.

A candidate is chosen by its mean CRPS on the rolling-origin forecasts whose targets precede
the forecast origin (nested). Which past forecasts count matters: a short window makes the
choice chase noise, switching between candidates a few percent apart from origin to origin.
The choice therefore looks at ``CHOICE_WINDOWS`` calibration windows of past origins (see
``choice_span``), while the calibration of intervals stays on the last window (errors of the
recent past). A model is published only when its CRPS on those past forecasts is below the best
baseline's; otherwise the best baseline is, and the reason says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Protocol

import numpy as np

__all__ = [
    "CHOICE_WINDOWS",
    "FALLBACK_ORDER",
    "FEW_ORIGINS",
    "MIN_PAIRS",
    "Choice",
    "ScoredOrigins",
    "baseline_pairs",
    "choice_span",
    "choose",
    "inner_mask",
    "rank",
]

#: Fewest scored (origin, step) pairs on which a choice is made.
MIN_PAIRS: Final = 8
#: Calibration windows of past origins the choice looks back over (round 10: 1 -> 2).
CHOICE_WINDOWS: Final = 2
#: A window shorter than this (monthly series: 24 origins, two years) already spans years:
#: the choice keeps to it (doubling it reached back to another regime on the real UCDP file).
FEW_ORIGINS: Final = 30
#: Baselines published, in this order, when too little history scores any.
FALLBACK_ORDER: Final = ("mean_4", "naive", "mean_8", "mean_13")


class ScoredOrigins(Protocol):
    """Rolling-origin forecasts of candidates on one series (``selection.Scores`` qualifies).

    Arrays are (candidates, origins, horizon); ``origins[i]`` = t: the forecast used ``y[:t]``.
    """

    @property
    def names(self) -> tuple[str, ...]:
        """Candidate names."""
        ...

    @property
    def kinds(self) -> tuple[str, ...]:
        """``baseline`` or ``model`` per candidate."""
        ...

    @property
    def origins(self) -> np.ndarray:
        """Origins (one per row)."""
        ...

    @property
    def horizon(self) -> int:
        """Steps per forecast."""
        ...

    @property
    def median(self) -> np.ndarray:
        """Medians (candidates x origins x horizon)."""
        ...

    @property
    def crps(self) -> np.ndarray:
        """CRPS (candidates x origins x horizon), NaN where not scored."""
        ...

    def actual(self) -> np.ndarray:
        """Targets (origins x horizon), NaN beyond the series."""
        ...


def choice_span(window: int) -> int:
    """Past origins the choice looks back over, for a calibration ``window``: ``CHOICE_WINDOWS``
    windows, or the window itself when it is short in origins (``FEW_ORIGINS``: monthly).

    Examples
    --------
    >>> choice_span(52), choice_span(24)
    (104, 24)
    """
    return window if window < FEW_ORIGINS else CHOICE_WINDOWS * window


def inner_mask(scores: ScoredOrigins, origin: int, window: int) -> np.ndarray:
    """(origins x horizon) pairs whose target precedes ``origin``, in the last window."""
    o = scores.origins[:, None]
    h = np.arange(scores.horizon)[None, :]
    return (o + h <= origin - 1) & (o >= origin - window - scores.horizon)


@dataclass(frozen=True)
class Choice:
    """One candidate's score in the nested evaluation."""

    name: str
    kind: str
    crps: float
    mae: float
    n: int


def rank(scores: ScoredOrigins, mask: np.ndarray, *, refill: bool = False) -> list[Choice]:
    """Mean CRPS and MAE of each eligible candidate on the pairs every eligible one scored.

    A candidate is eligible when it scored at least 80% of the known pairs in ``mask``.
    ``refill``: when that leaves no baseline ranked on ``MIN_PAIRS`` pairs, rank again on the
    pairs where some baseline scored (``baseline_pairs``). At the start of a short or gappy
    series a model that forecasts from its first periods (``nb_ar``) otherwise makes every
    baseline ineligible, although the baselines had been scored on a hundred past forecasts
    (round 12; ``selection.honest_baseline_crps``, the panel decision's yardstick, uses it).
    """
    known = mask & np.isfinite(scores.actual())
    rows = _ranked(scores, known)
    if not refill or any(r.kind == "baseline" and r.n >= MIN_PAIRS for r in rows):
        return rows
    fewer = baseline_pairs(scores, known)
    return rows if np.array_equal(fewer, known) else _ranked(scores, fewer)


def _ranked(scores: ScoredOrigins, known: np.ndarray) -> list[Choice]:
    """``rank`` on the known (origin, step) pairs ``known``."""
    actual = scores.actual()
    have = np.isfinite(scores.crps) & known[None]
    total = int(known.sum())
    eligible = (have.sum(axis=(1, 2)) >= 0.8 * total) & (total > 0)
    common = known & np.all(have[eligible], axis=0) if eligible.any() else np.zeros_like(known)
    rows = []
    for c, name in enumerate(scores.names):
        n = int(common.sum()) if eligible[c] else 0
        crps = float(scores.crps[c][common].mean()) if n else float("nan")
        mae = float(np.abs(scores.median[c][common] - actual[common]).mean()) if n else np.nan
        rows.append(Choice(name, scores.kinds[c], crps, float(mae), n))
    return rows


def baseline_pairs(scores: ScoredOrigins, known: np.ndarray) -> np.ndarray:
    """The pairs of ``known`` (origins x horizon) on which at least one baseline scored.

    Examples
    --------
    >>> class Two:
    ...     kinds = ("baseline", "model")
    ...     crps = np.array([[[np.nan, 1.0, np.nan]], [[2.0, 2.0, np.nan]]])
    >>> baseline_pairs(Two(), np.array([[True, True, True]])).tolist()
    [[False, True, False]]
    """
    base = np.array([k == "baseline" for k in scores.kinds])
    return known & np.any(np.isfinite(scores.crps[base]), axis=0)


def choose(rows: list[Choice], available: set[str]) -> tuple[str, str]:
    """The candidate to publish among ``available`` ones, and why.

    The model with the lowest CRPS if it beats the best baseline's, else that baseline; with
    fewer than ``MIN_PAIRS`` scored pairs, the first of ``FALLBACK_ORDER`` available.

    Examples
    --------
    >>> rows = [Choice("mean_4", "baseline", 2.0, 2.5, 40), Choice("ets", "model", 1.9, 2.4, 40)]
    >>> choose(rows, {"mean_4", "ets"})[0], choose(rows, {"mean_4"})[0]
    ('ets', 'mean_4')
    """
    ok = [r for r in rows if r.n >= MIN_PAIRS and r.name in available]
    base = sorted((r for r in ok if r.kind == "baseline"), key=lambda r: r.crps)
    models = sorted((r for r in ok if r.kind == "model"), key=lambda r: r.crps)
    if not base:
        name = next((n for n in FALLBACK_ORDER if n in available), "")
        return name, (
            f"{name} (a baseline): too little history to evaluate models (fewer than "
            f"{MIN_PAIRS} scored past forecasts)"
        )
    b = base[0]
    if models and models[0].crps < b.crps:
        m = models[0]
        return m.name, (
            f"{m.name}: rolling-origin CRPS {m.crps:.3g} beats the best baseline {b.name} "
            f"({b.crps:.3g}) on {m.n} past forecasts"
        )
    tail = f"; best model {models[0].name} scored {models[0].crps:.3g}" if models else ""
    return b.name, (
        f"{b.name} (a baseline): no model beat its rolling-origin CRPS {b.crps:.3g} on "
        f"{b.n} past forecasts{tail}"
    )
