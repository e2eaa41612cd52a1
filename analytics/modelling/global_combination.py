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
    "period_numbers",
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


def period_numbers(dates: np.ndarray) -> np.ndarray:
    """Consecutive integers for periods (months, or days/weeks by their smallest gap), so
    series on different calendars of one frequency can be lined up by period.

    Examples
    --------
    >>> d = np.array(["2024-01-01", "2024-01-08", "2024-01-22"], "datetime64[D]")
    >>> (period_numbers(d) - period_numbers(d)[0]).tolist()
    [0, 1, 3]
    """
    d = np.asarray(dates).astype("datetime64[D]")
    gaps = np.diff(d).astype(int)
    if len(gaps) and gaps.min() >= 28:
        return d.astype("datetime64[M]").astype(np.int64)
    step = int(gaps.min()) if len(gaps) else 1
    return d.astype(np.int64) // max(step, 1)


def _positive(s: Scores) -> bool:
    return bool(np.any(s.y[np.isfinite(s.y)] > 0))


def _timeline(s: Scores, numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(last period seen at each origin, target period of each pair) as period numbers."""
    n = len(s.y)
    pos = s.origins[:, None] + np.arange(s.horizon)[None, :]
    target = np.where(pos < n, numbers[np.minimum(pos, n - 1)], numbers[-1] + pos - n + 1)
    return numbers[np.maximum(s.origins - 1, 0)], target


def with_global(
    panel: Mapping[str, Scores],
    window: int,
    *,
    n_sims: int = 400,
    dates: Mapping[str, np.ndarray] | None = None,
    pool: Mapping[str, Scores] | None = None,
) -> dict[str, Scores]:
    """Every series' scores with ``global_combo`` added (when at least ``MIN_SERIES`` pool).

    Without ``dates`` the series must share origins and length (one panel over the same
    periods). ``pool``: more series whose past forecasts enter the fit of the weights but
    get no global forecast (e.g. the national weekly series, for the oblasts); with
    ``dates`` (period dates of every series of ``panel`` and ``pool``, one frequency) the
    series may cover different periods: pairs are lined up by period (a pair is past at an
    origin when its target period is at or before the last period seen there). Series
    never positive in their known history stay out of the pool and get no global forecast.
    """
    keys = [k for k, s in panel.items() if _positive(s)]
    extra = [k for k, s in (pool or {}).items() if k not in panel and _positive(s)]
    every = {**{k: panel[k] for k in keys}, **{k: (pool or {})[k] for k in extra}}
    if not keys or len(every) < MIN_SERIES:
        return dict(panel)
    first = panel[keys[0]]
    if any(s.horizon != first.horizon for s in every.values()):
        raise ValueError("a global combination needs one horizon for every series")
    if dates is None:
        if any(len(s.y) != len(first.y) or not np.array_equal(s.origins, first.origins)
               for s in every.values()):  # fmt: skip
            raise ValueError("a global combination needs every series over the same periods")
        times = {k: _timeline(s, np.arange(len(s.y))) for k, s in every.items()}
    else:
        times = {k: _timeline(s, period_numbers(dates[k])) for k, s in every.items()}
    members = tuple(m for m in GLOBAL_MEMBERS if all(m in s.names for s in every.values()))
    x = {k: _features(s, members) for k, s in every.items()}
    y = {k: np.log1p(s.actual()) for k, s in every.items()}
    reach = window + first.horizon
    fitted: dict[int, np.ndarray | None] = {}

    def weights(last: int) -> np.ndarray | None:
        if last not in fitted:
            past = {k: (t[1] <= last) & (t[0][:, None] >= last - reach) for k, t in times.items()}
            a = np.vstack([x[k][past[k]] for k in every])
            b = np.concatenate([y[k][past[k]] for k in every])
            ok = np.isfinite(b) & np.all(np.isfinite(a), axis=1)
            enough = ok.sum() >= _MIN_PAIRS_PER_SERIES * len(every)
            fitted[last] = lad_simplex_weights(a[ok], b[ok]) if enough else None
        return fitted[last]

    levels = (np.arange(n_sims) + 0.5) / n_sims
    out = dict(panel)
    for k in keys:
        s, (lasts, target) = panel[k], times[k]
        shape = (len(s.origins), s.horizon)
        rows = (np.full(shape, np.nan), np.full(shape, np.nan),
                np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool))  # fmt: skip
        paths: dict[int, np.ndarray] = {}
        actual = s.actual()
        for i, last in enumerate(lasts.tolist()):
            w = weights(last)
            if w is None:
                continue
            past = (target <= last) & (lasts[:, None] >= last - reach)
            p = _samples(x[k], y[k], past, i, w, levels, target)
            if p is None:
                continue
            paths[i] = p = s.finish(p)
            med, crps, in80, in95 = rows
            med[i], crps[i], in80[i], in95[i] = score_samples(p, actual[i])
        out[k] = s.with_candidate(GLOBAL_NAME, rows, paths, calibrated=True)
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
