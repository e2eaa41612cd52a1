"""A global model across series: combination weights learned on every series of a panel.

The oblast series of one metric share their dynamics, so one set of combination weights
estimated on all of them at once rests on many times more past forecasts than a per-series
stack. ``global_combo`` forecasts, at origin ``T`` of series ``k``,

``log1p(median) = sum_m w_m * log1p(median of member m on series k)``

with ``w`` on the simplex (non-negative, summing to 1, so a constant series stays constant),
the members being the baselines, the level models and the NB autoregression already scored
on every series (``GLOBAL_MEMBERS``; a member missing on any pooled series is left out). The
weights minimise the absolute ``log1p`` error (a median regression, fitted by iteratively
reweighted non-negative least squares) over the forecasts of **every pooled series** whose
target precedes ``T`` and whose origin is in the last ``window`` periods before it: nested,
no value from ``T`` on is used. Being fitted on the log scale, errors are relative, so large
and small series weigh alike.

Intervals: the current weights applied to the series' own past forecasts (same pairs) give
its past log errors at steps ``h - 1 .. h + 1``, centred on their median; the predictive
samples are the median times ``exp`` of those errors, each past error once (a split-conformal
interval). Rows are in the time order of the errors, so rows drawn with shared uniforms pick
the same past periods on every series and summed paths keep the series' co-movement. ``global_combo`` is then one more *model* among the candidates of
each series: :func:`analytics.modelling.selection.publish` publishes it only where its
rolling-origin CRPS on that series' past beats the best baseline's. A single series (the
national one) has no panel to pool: it keeps the per-series choice. Series never positive
stay out of the pool.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
from scipy.optimize import nnls

from analytics.modelling.selection import (
    MIN_PAIRS,
    Scores,
    honest_baseline_crps,
    inner_mask,
    score_samples,
)

__all__ = [
    "GLOBAL_MEMBERS",
    "GLOBAL_NAME",
    "MIN_SERIES",
    "lad_simplex_weights",
    "with_global",
    "panel_choices",
]

#: Name of the global candidate.
GLOBAL_NAME: Final = "global_combo"
#: Candidates the global weights combine (those scored on every pooled series).
GLOBAL_MEMBERS: Final[tuple[str, ...]] = (
    "naive", "mean_4", "mean_8", "mean_13", "local_drift", "ets_level", "ets_damped", "nb_ar",
)  # fmt: skip
#: Fewest series for a global fit (fewer: the per-series choice only).
MIN_SERIES: Final = 3
_MIN_PAIRS_PER_SERIES: Final = 8
_MIN_ERRORS: Final = 10
_IRLS_STEPS: Final = 8
_IRLS_FLOOR: Final = 0.05


def lad_simplex_weights(features: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Weights on the simplex minimising ``sum |target - features @ w|`` (rows x members).

    Iteratively reweighted non-negative least squares, the sum-to-one constraint entering as
    one heavily weighted extra row; residuals below ``0.05`` (on the log scale) are weighted
    as if they were 0.05, which keeps the iteration stable.

    Examples
    --------
    >>> x = np.array([[1.0, 5.0], [2.0, 7.0], [3.0, 1.0], [4.0, 0.0]])
    >>> np.round(lad_simplex_weights(x, x[:, 0]), 3).tolist()
    [1.0, 0.0]
    """
    n, m = features.shape
    penalty = 1e3 * np.sqrt(max(n, 1))
    weights = np.ones(n)
    w = np.full(m, 1.0 / m)
    for _ in range(_IRLS_STEPS):
        root = np.sqrt(weights)
        a = np.vstack([features * root[:, None], np.full((1, m), penalty)])
        b = np.concatenate([target * root, [penalty]])
        w, _ = nnls(a, b)
        weights = 1.0 / np.maximum(np.abs(target - features @ w), _IRLS_FLOOR)
    return w / w.sum() if w.sum() > 0 else np.full(m, 1.0 / m)


def _features(scores: Scores, members: tuple[str, ...]) -> np.ndarray:
    """log1p of every member's median: (origins x horizon x members), NaN where none."""
    return np.stack(
        [np.log1p(np.maximum(scores.median[scores.names.index(m)], 0.0)) for m in members],
        axis=-1,
    )


def _samples(
    x: np.ndarray, y: np.ndarray, past: np.ndarray, i: int, w: np.ndarray, levels: np.ndarray,
    target: np.ndarray,
) -> np.ndarray | None:  # fmt: skip
    """Calibrated samples (levels x horizon) of one series from origin index ``i``.

    ``x`` (origins x horizon x members) and ``y`` (origins x horizon, log1p of the targets)
    are the series' features and targets; ``past`` marks the pairs known before the origin,
    ``target`` their target periods. Row ``j`` takes the past error at position ``levels[j]``
    of the errors in time order, so series sharing the pairs pick the same past periods.
    """
    horizon = y.shape[1]
    if not np.all(np.isfinite(x[i])):
        return None
    point = x[i] @ w
    err = y - np.where(np.all(np.isfinite(x), axis=-1), x @ w, np.nan)
    ok = past & np.isfinite(err)
    out = np.empty((len(levels), horizon))
    for h in range(horizon):
        near = np.zeros_like(ok)
        near[:, max(h - 1, 0) : h + 2] = True
        sel = ok & near
        e = err[sel][np.argsort(target[sel], kind="stable")]
        if len(e) < _MIN_ERRORS:
            return None
        e = e - np.median(e)  # the spread from the errors; the median stays the point
        out[:, h] = np.expm1(point[h] + e[np.minimum((levels * len(e)).astype(int), len(e) - 1)])
    return out


def with_global(
    panel: Mapping[str, Scores], window: int, *, n_sims: int = 400
) -> dict[str, Scores]:
    """Every series' scores with ``global_combo`` added (when at least ``MIN_SERIES`` pool).

    The series must share origins and length (one panel over the same periods); series
    never positive in their known history stay out of the pool and get no global forecast.
    """
    keys = [k for k, s in panel.items() if np.any(s.y[np.isfinite(s.y)] > 0)]
    if len(keys) < MIN_SERIES:
        return dict(panel)
    first = panel[keys[0]]
    if any(
        len(panel[k].y) != len(first.y) or not np.array_equal(panel[k].origins, first.origins)
        for k in keys
    ):
        raise ValueError("a global combination needs every series over the same periods")
    members = tuple(m for m in GLOBAL_MEMBERS if all(m in panel[k].names for k in keys))
    x = {k: _features(panel[k], members) for k in keys}
    y = {k: np.log1p(panel[k].actual()) for k in keys}
    origins, horizon = first.origins, first.horizon
    target = origins[:, None] + np.arange(horizon)[None, :]
    levels = (np.arange(n_sims) + 0.5) / n_sims
    shape = (len(origins), horizon)
    rows = {k: (np.full(shape, np.nan), np.full(shape, np.nan),
                np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)) for k in keys}  # fmt: skip
    paths: dict[str, dict[int, np.ndarray]] = {k: {} for k in keys}
    actual = {k: panel[k].actual() for k in keys}
    for i, t in enumerate(origins):
        past = (target <= t - 1) & (origins[:, None] >= t - window - horizon)
        a = np.vstack([x[k][past] for k in keys])
        b = np.concatenate([y[k][past] for k in keys])
        ok = np.isfinite(b) & np.all(np.isfinite(a), axis=1)
        if ok.sum() < _MIN_PAIRS_PER_SERIES * len(keys):
            continue
        w = lad_simplex_weights(a[ok], b[ok])
        for k in keys:
            p = _samples(x[k], y[k], past, i, w, levels, target)
            if p is None:
                continue
            p = panel[k].finish(p)
            paths[k][i] = p
            med, crps, in80, in95 = rows[k]
            med[i], crps[i], in80[i], in95[i] = score_samples(p, actual[k][i])
    out = dict(panel)
    for k in keys:
        out[k] = panel[k].with_candidate(GLOBAL_NAME, rows[k], paths[k], calibrated=True)
    return out


def panel_choices(panel: Mapping[str, Scores], window: int) -> dict[int, tuple[str, str] | None]:
    """Per origin, ``(GLOBAL_NAME, reason)`` when the global model is published for the panel.

    The decision is nested and made once for the whole panel: on the forecasts whose targets
    precede the origin, each pooled series' mean CRPS of ``global_combo`` is divided by that
    of the baseline an honest user would have published there (the best baseline on the
    forecasts before each of those origins, :func:`honest_baseline_crps`, on the same
    forecasts); the global model is published when the geometric mean of these ratios over
    the series is below 1. A series on which either scored 0 (perfect) is left out of the mean. Otherwise (``None``) each series keeps its own choice.
    """
    pooled = {k: s for k, s in panel.items() if GLOBAL_NAME in s.names}
    first = next(iter(pooled.values()), None)
    if first is None or len(pooled) < MIN_SERIES:
        return {}
    honest = {k: honest_baseline_crps(s, window) for k, s in pooled.items()}
    out: dict[int, tuple[str, str] | None] = {}
    for t in first.origins.tolist():
        logs = []
        for k, s in pooled.items():
            own = s.crps[s.names.index(GLOBAL_NAME)]
            m = inner_mask(s, t, window) & np.isfinite(own) & np.isfinite(honest[k])
            # A series both scored perfectly (a run of zeros) says nothing about the ratio.
            if m.sum() >= MIN_PAIRS and own[m].mean() > 0 and honest[k][m].mean() > 0:
                logs.append(np.log(own[m].mean() / honest[k][m].mean()))
        ratio = float(np.exp(np.mean(logs))) if len(logs) >= MIN_SERIES else float("nan")
        out[t] = (
            (GLOBAL_NAME, f"{GLOBAL_NAME} (weights learned on {len(pooled)} series): its "
             f"rolling-origin CRPS is {ratio:.3g}x the honestly chosen baseline's over the "
             f"{len(logs)} series (geometric mean), so it is published for the panel")
            if ratio < 1 else None
        )  # fmt: skip
    return out
