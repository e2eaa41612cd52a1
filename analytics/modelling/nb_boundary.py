"""The NB2 likelihood at its boundary alpha = 0: the score there, when it settles the fit, a
check of the profile likelihood inside alpha > 0, and a method-of-moments start for alpha.

``fit_nb`` (:mod:`analytics.modelling.counts`) skips the NB2 fit only where these show that it
would find nothing: a score at or below 0 settles it for one mean (Levin and Reeds 1977); with
regressors a score at or below 0 is only the slope at alpha = 0, and the profile likelihood may
fall first and rise to a higher maximum further in, so the grid check of ``profile_rise`` must
also find no rise.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from scipy.special import gammaln

__all__ = [
    "GRID_ALPHAS",
    "SCORING_STEPS",
    "boundary_score",
    "one_mean",
    "profile_rise",
    "moment_alpha",
    "shown_at_boundary",
    "boundary_start",
]

#: The alphas at which ``profile_rise`` bounds the NB2 profile likelihood: 1e-4 to 1e4, four
#: to a decade (a variance from 1.0001 mu to 10^4 mu^2).
GRID_ALPHAS: Final = 10.0 ** np.linspace(-4.0, 4.0, 33)
#: Fisher-scoring steps of the coefficients taken at each grid alpha from the Poisson fit.
SCORING_STEPS: Final = 6


def boundary_score(y: np.ndarray, mu: np.ndarray) -> float:
    """The NB2 score for alpha at alpha = 0 and the Poisson MLE: ``1/2 sum((y - mu)^2 - y)``.

    The derivative of the NB2 log-likelihood in alpha at the boundary (Cameron and Trivedi's
    score test of overdispersion); with the coefficients at the Poisson MLE (their score 0) it
    is also the slope of the profile likelihood in alpha there. Its sign settles where the NB2
    maximum is only for one mean (``one_mean``); with regressors see ``profile_rise``.

    Examples
    --------
    >>> boundary_score(np.array([4.0, 6.0]), np.array([5.0, 5.0]))  # variance 1 < mean 5
    -4.0
    """
    return 0.5 * float(np.sum((y - mu) ** 2 - y))


def one_mean(exog: np.ndarray, offset: np.ndarray | None) -> bool:
    """Whether the design fits one mean for every period: a constant single column and no (or
    a constant) offset.

    Then the NB2 MLE of the mean is the sample mean for every alpha, and the profile likelihood
    in alpha has an interior maximum if and only if the variance (n denominator) exceeds the
    mean (Levin and Reeds 1977), i.e. if and only if ``boundary_score`` is above 0.

    Examples
    --------
    >>> one_mean(np.ones((3, 1)), None), one_mean(np.ones((3, 1)), np.array([0.0, 0.0, 1.0]))
    (True, False)
    """
    column_constant = exog.shape[1] == 1 and bool(np.ptp(exog[:, 0]) == 0)
    return column_constant and (offset is None or bool(np.ptp(offset) == 0))


def profile_rise(
    y: np.ndarray, exog: np.ndarray, mu: np.ndarray, *, alphas: np.ndarray = GRID_ALPHAS
) -> float | None:
    """The grid alpha at which the NB2 likelihood is seen above the Poisson maximum, else None.

    ``mu`` is the Poisson fit's mean (offset included). At each alpha of ``alphas`` the NB2
    log-likelihood is evaluated at the Poisson coefficients and after each of
    ``SCORING_STEPS`` Fisher-scoring steps of the coefficients (NB2 weights ``mu / (1 + alpha
    mu)``) from there. Each value is a lower bound of the profile likelihood at that alpha, so
    one above the Poisson log-likelihood proves an NB2 maximum inside alpha > 0 (the NB2 fit
    must run); the alpha of the largest such value is returned as a start for it. None proves
    nothing: a rise between grid points, beyond the grid, or at coefficients the steps do not
    reach is not seen. An evaluation that fails (singular information, a NaN) counts as a
    rise at the first alpha (the NB2 fit then runs, as without this check).
    """
    a = alphas[:, None]
    r = 1.0 / a
    # NB2(m) - Poisson(mu), per observation, m = mu exp(shift): the lgamma terms minus y log r
    # are sum_j log(1 + j alpha) for integer y; the rest is written to cancel nothing large
    const = gammaln(y + r) - gammaln(r) - y * np.log(r) + mu
    shift = np.zeros((len(alphas), len(y)))
    best = np.full(len(alphas), -np.inf)
    with np.errstate(all="ignore"):
        for step in range(SCORING_STEPS + 1):
            m = mu * np.exp(shift)
            gain = np.sum(const - (r + y) * np.log1p(a * m) + y * shift, axis=1)
            if np.any(np.isnan(gain)):
                return float(alphas[0])
            best = np.maximum(best, gain)
            if step == SCORING_STEPS:
                break
            weight = m / (1 + a * m)
            grad = ((y - m) / (1 + a * m)) @ exog
            info = np.matmul((weight[:, :, None] * exog).transpose(0, 2, 1), exog)
            try:
                delta = np.linalg.solve(info, grad[:, :, None])[:, :, 0]
            except np.linalg.LinAlgError:
                return float(alphas[0])
            if not np.max(np.abs(delta)) > 1e-8:  # converged at every alpha: the profile
                break
            shift = np.clip(shift + delta @ exog.T, -50.0, 50.0)
    if not np.any(best > 0):
        return None
    return float(alphas[int(np.argmax(best))])


def moment_alpha(score: float, mu: np.ndarray) -> float:
    """The method-of-moments alpha from the boundary score: ``2 score / sum(mu^2)``.

    NB2 has ``E[(y - mu)^2 - y] = alpha mu^2``; summed, ``2 score = alpha sum(mu^2)``. It is
    also one Newton step in alpha from 0 (the information for alpha at 0 is ``sum(mu^2) / 2``
    at the Poisson means), so near the NB2 maximum when that is small: a warm refit starts
    there, where the likelihood's gradient is not yet 0.

    Examples
    --------
    >>> moment_alpha(300.0, np.full(30, 5.0))  # 0, 10 alternating: 25 = 5 + alpha 25
    0.8
    """
    return 2.0 * score / float(np.sum(mu**2))


def shown_at_boundary(
    y: np.ndarray, exog: np.ndarray, offset: np.ndarray | None, mu: np.ndarray, score: float
) -> tuple[str | None, float | None]:
    """What shows that an automatic choice's NB2 fit would find nothing (None: it must run),
    and the grid alpha where ``profile_rise`` saw its likelihood above Poisson's (else None).

    A score at or below 0 proves it for one mean (``one_mean``); with regressors the grid
    check must also see no rise, which is checked, not proved."""
    if score > 0:
        return None, None
    if one_mean(exog, offset):
        return (
            "and with one mean the NB2 maximum is then the Poisson fit (Levin and Reeds): LR 0",
            None,
        )
    rise = profile_rise(y, exog, mu)
    if rise is not None:
        return None, rise
    return (
        "and the NB2 likelihood stays below the Poisson fit's on a grid of alpha from 1e-4 "
        "to 1e4 (at the Poisson coefficients and six scoring steps from them): the NB2 fit "
        "was not run and its LR is taken as 0"
    ), None


def boundary_start(
    nb_start: np.ndarray | None, pois_params: np.ndarray, mu: np.ndarray, score: float,
    rise: float | None,
) -> np.ndarray | None:  # fmt: skip
    """The NB2 start of a refit warm-started at the boundary: the new Poisson coefficients with
    alpha at ``moment_alpha`` (score above 0) or at ``rise``, else the floored warm start."""
    if score > 0:
        return np.append(pois_params, moment_alpha(score, mu))
    if rise is not None:
        return np.append(pois_params, rise)
    return nb_start
