"""A global direct quantile model: one quantile regression over every series of a panel.

``global_qr`` forecasts, at origin ``T`` of series ``k`` and step ``h``, the quantiles of
``log1p(y_{T+h})`` directly: with ``L = log1p(median of mean_4)`` (the reference level),

``q_tau = L + b_tau . (1, log1p(median_m) - L for m in QR_MEMBERS, h)``

one coefficient vector per level ``tau`` of ``QR_LEVELS``, fitted by quantile regression
(check loss, iteratively reweighted least squares) on the forecasts of **every pooled series**
whose target precedes ``T`` and whose origin is in the last ``window`` periods before it
(nested, as ``global_combo``'s weights). Being relative to the level on the log scale, large
and small series weigh alike. The quantiles are sorted (monotone in ``tau``) and the predictive
samples are the quantile function at evenly spaced levels, interpolated linearly in the normal
score of the level (and extrapolated so beyond ``0.05`` and ``0.95``): rows in level order,
so shared draws pick the same level on every series. Series never positive stay out.
It is one more candidate, calibrated when built; a panel publishes it only through the
nested panel decision (:func:`analytics.modelling.global_combination.panel_choices`).
"""

from __future__ import annotations

from collections.abc import Mapping
from statistics import NormalDist
from typing import Final

import numpy as np

from analytics.modelling.global_combination import GLOBAL_NAME
from analytics.modelling.selection import Scores, score_samples

__all__ = [
    "GLOBAL_MODELS",
    "QR_NAME",
    "QR_MEMBERS",
    "QR_LEVELS",
    "quantile_coefficients",
    "with_global_quantile",
]

#: Name of the global quantile candidate.
QR_NAME: Final = "global_qr"
#: The global candidates a panel may publish (``panel_choices(..., names=GLOBAL_MODELS)``).
GLOBAL_MODELS: Final[tuple[str, ...]] = (GLOBAL_NAME, QR_NAME)
#: Candidates whose medians (relative to ``mean_4``'s) are the regressors (the six of the
#: brief alone scored CRPS 15323 on the real oblasts; with ets_damped and nb_ar 14735).
QR_MEMBERS: Final[tuple[str, ...]] = (
    "naive",
    "mean_8",
    "mean_13",
    "local_drift",
    "ets_level",
    "ets_damped",
    "nb_ar",
)
#: Quantile levels fitted.
QR_LEVELS: Final[tuple[float, ...]] = (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95)
_REFERENCE: Final = "mean_4"
_MIN_SERIES: Final = 3
_MIN_PAIRS_PER_SERIES: Final = 8
_STEPS: Final = 25
_FLOOR: Final = 1e-3


def quantile_coefficients(
    x: np.ndarray, y: np.ndarray, levels: tuple[float, ...], start: np.ndarray | None = None
) -> np.ndarray:
    """Quantile-regression coefficients (levels x columns) of ``y`` on ``x`` (rows x columns).

    Iteratively reweighted least squares of the check loss (residuals below ``1e-3`` weighted
    as ``1e-3``); ``start``: coefficients to start from (e.g. the previous origin's).

    Examples
    --------
    >>> x = np.column_stack([np.ones(101), np.arange(101.0)])
    >>> y = 2.0 * np.arange(101.0) + np.tile([-1.0, 0.0, 1.0, 0.0], 26)[:101]
    >>> (np.round(quantile_coefficients(x, y, (0.5,))[0], 2) + 0.0).tolist()
    [0.0, 2.0]
    """
    out = np.empty((len(levels), x.shape[1]))
    ridge = 1e-9 * np.eye(x.shape[1])
    for j, tau in enumerate(levels):
        b = np.linalg.lstsq(x, y, rcond=None)[0] if start is None else start[j]
        for _ in range(_STEPS):
            r = y - x @ b
            w = np.where(r >= 0, tau, 1 - tau) / np.maximum(np.abs(r), _FLOOR)
            xw = x * w[:, None]
            b = np.linalg.solve(x.T @ xw + ridge, xw.T @ y)
        out[j] = b
    return out


def _design(scores: Scores) -> tuple[np.ndarray, np.ndarray]:
    """(reference level L: origins x horizon, regressors: origins x horizon x columns)."""
    med = {m: np.log1p(np.maximum(scores.median[scores.names.index(m)], 0.0))
           for m in (_REFERENCE, *QR_MEMBERS)}  # fmt: skip
    level = med[_REFERENCE]
    steps = np.broadcast_to(np.arange(1, scores.horizon + 1, dtype=float), level.shape)
    cols = [np.ones_like(level), *(med[m] - level for m in QR_MEMBERS), steps]
    return level, np.stack(cols, axis=-1)


def _interpolation(n_sims: int) -> tuple[np.ndarray, np.ndarray]:
    """(segment, fraction) of ``n_sims`` evenly spaced levels among ``QR_LEVELS``, linear in
    the normal score of the level, the end segments extended beyond ``0.05`` and ``0.95``."""
    z = np.array([NormalDist().inv_cdf(t) for t in QR_LEVELS])
    u = np.array([NormalDist().inv_cdf((i + 0.5) / n_sims) for i in range(n_sims)])
    k = np.clip(np.searchsorted(z, u) - 1, 0, len(z) - 2)
    return k, (u - z[k]) / (z[k + 1] - z[k])


def with_global_quantile(
    panel: Mapping[str, Scores], window: int, *, n_sims: int = 400
) -> dict[str, Scores]:
    """Every series' scores with ``global_qr`` added (when at least three series pool).

    The series must share origins and length (one panel over the same periods) and hold
    ``mean_4`` and every member of ``QR_MEMBERS``; otherwise the panel is returned as it is.
    Series never positive in their known history stay out of the fit and get no forecast.
    """
    keys = [k for k, s in panel.items() if np.any(s.y[np.isfinite(s.y)] > 0)]
    if len(keys) < _MIN_SERIES:
        return dict(panel)
    first = panel[keys[0]]
    need = (_REFERENCE, *QR_MEMBERS)
    if any(len(panel[k].y) != len(first.y) or not np.array_equal(panel[k].origins, first.origins)
           or panel[k].horizon != first.horizon or any(m not in panel[k].names for m in need)
           for k in keys):  # fmt: skip
        return dict(panel)
    design = {k: _design(panel[k]) for k in keys}
    resp = {k: np.log1p(panel[k].actual()) - design[k][0] for k in keys}
    lasts = first.origins - 1
    target = first.origins[:, None] + np.arange(first.horizon)[None, :]
    reach = window + first.horizon
    out = dict(panel)
    rows = {k: (np.full(target.shape, np.nan), np.full(target.shape, np.nan),
                np.zeros(target.shape, bool), np.zeros(target.shape, bool)) for k in keys}  # fmt: skip
    paths: dict[str, dict[int, np.ndarray]] = {k: {} for k in keys}
    coef: np.ndarray | None = None
    seg, frac = _interpolation(n_sims)
    for i, last in enumerate(lasts.tolist()):
        past = (target <= last) & (lasts[:, None] >= last - reach)
        a = np.concatenate([design[k][1][past] for k in keys])
        b = np.concatenate([resp[k][past] for k in keys])
        ok = np.isfinite(b) & np.all(np.isfinite(a), axis=1)
        if ok.sum() < _MIN_PAIRS_PER_SERIES * len(keys):
            continue
        coef = quantile_coefficients(a[ok], b[ok], QR_LEVELS, coef)
        for k in keys:
            level, x = design[k][0][i], design[k][1][i]
            if not np.all(np.isfinite(x)) or not np.all(np.isfinite(level)):
                continue
            q = np.sort(level[None, :] + coef @ x.T, axis=0)  # levels x horizon, monotone
            p = panel[k].finish(np.expm1(q[seg] + frac[:, None] * (q[seg + 1] - q[seg])))
            paths[k][i] = p
            med, crps, in80, in95 = rows[k]
            med[i], crps[i], in80[i], in95[i] = score_samples(p, panel[k].actual()[i])
    for k in keys:
        out[k] = panel[k].with_candidate(QR_NAME, rows[k], paths[k], calibrated=True)
    return out
