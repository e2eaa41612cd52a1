"""Count regression and seasonal-trend decomposition for period series (structural breaks:
:mod:`analytics.modelling.breaks`).

Counts are modelled as negative binomial (NB2, variance mu + alpha mu^2) with alpha estimated
by maximum likelihood; a likelihood-ratio test against Poisson decides whether the
overdispersion is real, and the result says which family was kept and why. Results are tidy
polars frames plus the fitted statsmodels object.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

import numpy as np
import polars as pl
from scipy import stats
from statsmodels.discrete.discrete_model import NegativeBinomial, Poisson

from analytics.modelling.nb_boundary import boundary_score, boundary_start, shown_at_boundary

__all__ = [
    "SEASONAL_PERIOD",
    "NBFit",
    "WARM_NEWTON_ITER",
    "WARM_ALPHA_FLOOR",
    "boundary_score",
    "fit_nb",
    "newton_nb",
    "AlphaOutside",
    "newey_west_cov",
    "newey_west_lags",
    "design",
    "CountModel",
    "fit_counts",
    "decompose",
    "as_dates",
    "html_table",
]

#: Periods per year (the seasonal lag of seasonal-naive forecasts and MASE) by frequency.
SEASONAL_PERIOD: Final[dict[str, int]] = {"day": 7, "week": 52, "acled_week": 52, "month": 12}
_DAYS_PER_YEAR: Final = 365.25
#: Newton iterations allowed to a warm-started NB refit before BFGS takes over.
WARM_NEWTON_ITER: Final = 20
#: A warm start from a fit whose alpha was at the boundary starts BFGS at this alpha
#: (log alpha -10) when the new data show no rise into alpha > 0 (score not above 0, no grid
#: rise: a requested NB2); otherwise at the moment (or grid) alpha, see ``fit_nb``.
WARM_ALPHA_FLOOR: Final = math.exp(-10.0)


def html_table(frame: pl.DataFrame, caption: str) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>"
        for row in frame.iter_rows()
    )
    return f"<table><caption>{html.escape(caption)}</caption><tr>{head}</tr>{body}</table>"


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.4g}"
    return "" if value is None else str(value)


# -- NB / Poisson fitting ------------------------------------------------------------------
@dataclass(frozen=True)
class NBFit:
    """A fitted log-linear count model (NB2 or Poisson) with what simulation needs.

    ``params`` are the regression coefficients (log scale); ``cov`` their covariance, extended
    by one row/column for ``log(alpha)`` when the family is negative binomial.
    """

    family: str
    reason: str
    names: tuple[str, ...]
    params: np.ndarray
    cov: np.ndarray
    alpha: float
    alpha_se: float
    llf: float
    llf_poisson: float
    lr_stat: float
    lr_p_value: float
    pearson_chi2_df: float
    pearson_chi2_df_poisson: float
    nobs: int
    converged: bool
    result: Any = field(repr=False, default=None)
    #: (Poisson estimates, NB estimates with alpha last or None): warm starts for a refit.
    estimates: tuple[np.ndarray, np.ndarray | None] | None = field(repr=False, default=None)

    def draw(self, rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
        """``n`` draws of (coefficients, alpha) from the estimates' asymptotic normal law."""
        k = len(self.params)
        mean, root = self.normal_law
        z = mean + rng.standard_normal((n, len(mean))) @ root.T
        if self.family == "negative_binomial":
            return z[:, :k], np.exp(z[:, k])
        return z, np.zeros(n)

    @cached_property
    def normal_law(self) -> tuple[np.ndarray, np.ndarray]:
        """(mean, root) of the estimates' asymptotic normal law (``log alpha`` last for the
        negative binomial): a draw is ``mean + z @ root.T`` for standard normal ``z``.

        Computed once per fit (an eigendecomposition of ``cov``): a rolling origin simulates
        from the same refit at several origins, and the surge check draws from it too.
        """
        if self.family == "negative_binomial":
            return np.append(self.params, math.log(self.alpha)), _mvn_root(self.cov)
        return self.params, _mvn_root(self.cov)

    def mean(self, exog: np.ndarray, offset: np.ndarray | None = None) -> np.ndarray:
        """Expected counts at the estimates."""
        eta = exog @ self.params + (0.0 if offset is None else offset)
        return np.exp(np.clip(eta, -50, 30))


def _mvn_root(cov: np.ndarray) -> np.ndarray:
    """A square root of the (symmetrised, clipped at 0) covariance: ``root @ root.T``."""
    cov = (cov + cov.T) / 2
    vals, vecs = np.linalg.eigh(cov)
    return vecs * np.sqrt(np.clip(vals, 0, None))  # type: ignore[no-any-return]


class AlphaOutside(ValueError):
    """Newton's method stepped the NB2 dispersion alpha to 0 or below (outside the model)."""


def newton_nb(model: NegativeBinomial, start: np.ndarray, iters: int) -> Any | None:
    """Newton's method on an NB2 likelihood from ``start`` (alpha last, stepped itself); None
    when a step takes alpha to 0 or below, where the model is not defined.

    Stopped there rather than carried on: the Hessian at alpha < 0 needs the trigamma of
    ``1/alpha + y`` at negative arguments, which scipy sums term by term up to ``-1/alpha``
    (seconds per evaluation when alpha is near 0), and the steps that follow start from a
    point outside the model. The caller redoes such a fit by BFGS on ``log alpha``.
    """
    full = model.hessian

    def hessian(params: np.ndarray) -> np.ndarray:
        if not params[-1] > 0:
            raise AlphaOutside(f"Newton stepped alpha to {params[-1]:.3g}")
        return np.asarray(full(params))

    model.hessian = hessian
    try:
        return model.fit(start_params=start, method="newton", maxiter=iters, disp=0)
    except AlphaOutside:
        return None
    finally:
        model.hessian = full


def fit_nb(
    y: np.ndarray,
    exog: np.ndarray,
    *,
    names: Sequence[str],
    offset: np.ndarray | None = None,
    level: float = 0.05,
    family: str = "auto",
    warm: NBFit | None = None,
) -> NBFit:
    """Fit Poisson and NB2 (alpha by ML) and keep NB only when the LR test finds overdispersion.

    The LR statistic for alpha = 0 lies on the boundary, so its p-value is half the chi2(1)
    upper tail. ``family`` forces ``"poisson"`` or ``"negative_binomial"``.

    With ``family="auto"`` the NB2 fit is not run when its score for alpha at the Poisson fit
    (``boundary_score``) is at or below 0 (a converged Poisson fit) and either the design has
    one mean (``one_mean``: then the NB2 maximum is the Poisson fit, LR 0, proved by Levin and
    Reeds) or the grid check ``profile_rise`` sees no NB2 likelihood above the Poisson fit's
    (checked, not proved: a score at or below 0 is the profile's slope at alpha = 0 only, and
    with regressors it may fall first and rise further in). The result is then the Poisson fit
    with LR 0, p = 1, and the reason says which of the two was shown. Its estimates still mark
    the boundary (the Poisson coefficients with alpha 0) for a refit warm-started from this one.

    ``warm``: a fit of the same design on nearly the same data (a rolling origin's previous
    refit): both likelihoods start from its estimates. Newton from a warm start gets
    ``WARM_NEWTON_ITER`` iterations; unless it converged with finite standard errors the NB fit
    is redone by BFGS from the same start (the warm start changes where the optimiser starts,
    not the maximum it must reach). When the earlier fit's alpha was at the boundary (no
    overdispersion), Newton, which steps alpha itself, is skipped for BFGS, which steps
    ``log alpha``: from the new Poisson coefficients with alpha at its method-of-moments value
    (``moment_alpha``) when the new score is above 0, at the grid alpha ``profile_rise`` found
    when it saw a rise, else from the earlier estimates with ``log alpha`` floored at -10
    (``WARM_ALPHA_FLOOR``). Not from the floor when the likelihood rises: at the Poisson
    coefficients and alpha near 0 its gradient vanishes and BFGS would stop where it started.
    Newton may not step alpha to 0 or below (outside the model); a fit whose Newton step
    does is redone by BFGS from the same start too (see ``newton_nb``).
    """
    y = np.asarray(y, dtype=float)
    pois_start, nb_start, boundary = _warm_starts(warm, exog.shape[1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pois = Poisson(y, exog, offset=offset).fit(
            start_params=pois_start, method="newton", maxiter=100, disp=0
        )
        mu_p = pois.predict(exog, offset=offset) if offset is not None else pois.predict(exog)
        dof = max(len(y) - exog.shape[1], 1)
        pearson_p = float(np.sum((y - mu_p) ** 2 / np.maximum(mu_p, 1e-12)) / dof)
        score = boundary_score(y, mu_p)
        shown, rise = None, None
        if family == "auto" and bool(pois.mle_retvals.get("converged", True)):
            shown, rise = shown_at_boundary(y, exog, offset, mu_p, score)
        at_boundary = shown is not None
        nb = None
        if family != "poisson" and not at_boundary:
            if boundary:  # the earlier fit ended at alpha 0: not from there if it rises
                nb_start = boundary_start(nb_start, pois.params, mu_p, score, rise)
            nb = _fit_nb2(NegativeBinomial(y, exog, loglike_method="nb2", offset=offset),
                          pois.params, nb_start, boundary)  # fmt: skip
        llf_p = float(pois.llf)  # a degenerate fit warns here (log 0): it is judged below
        llf_nb = float(nb.llf) if nb is not None else float("nan")
    if nb is not None and np.isfinite(llf_nb):
        lr = max(2.0 * (llf_nb - llf_p), 0.0)
        p_lr = 0.5 * float(stats.chi2.sf(lr, 1)) if lr > 0 else 1.0
    else:
        lr, p_lr = 0.0, 1.0
    alpha_hat = float(nb.params[-1]) if nb is not None else 0.0
    use_nb = (
        nb is not None
        and alpha_hat > 1e-8
        and (family == "negative_binomial" or (family == "auto" and p_lr < level))
    )
    if use_nb:
        assert nb is not None
        return _nb_result(nb, y=y, exog=exog, offset=offset, pois=pois, lr=lr, p_lr=p_lr,
                          pearson_p=pearson_p, names=names, family=family)  # fmt: skip
    if family == "poisson":
        reason = "poisson: requested"
    elif at_boundary:
        reason = (
            f"poisson: no evidence of overdispersion (the NB2 score for alpha at the Poisson "
            f"fit is {score:.3g}, not above 0, {shown}; Pearson chi2/df {pearson_p:.2f})"
        )
    elif nb is None or not np.isfinite(nb.llf):  # say so rather than claim no overdispersion
        reason = (
            f"poisson: the negative binomial fit failed, overdispersion not tested (Pearson "
            f"chi2/df under Poisson {pearson_p:.2f}: above 1 means intervals are too narrow)"
        )
    else:
        reason = (
            f"poisson: no evidence of overdispersion (LR vs Poisson {lr:.2f}, p={p_lr:.2g} "
            f"from the 50:50 chi2(0)/chi2(1) boundary mixture; Pearson chi2/df {pearson_p:.2f})"
        )
    pois_est = np.asarray(pois.params, dtype=float)
    nb_est = np.append(pois_est, 0.0) if at_boundary else None if nb is None else nb.params
    return NBFit(
        family="poisson", reason=reason, names=tuple(names),
        params=pois_est, cov=np.asarray(pois.cov_params(), dtype=float),
        alpha=0.0, alpha_se=float("nan"), llf=llf_p, llf_poisson=llf_p, lr_stat=lr,
        lr_p_value=p_lr, pearson_chi2_df=pearson_p, pearson_chi2_df_poisson=pearson_p,
        nobs=len(y), converged=bool(pois.mle_retvals.get("converged", True)), result=pois,
        estimates=(pois_est, None if nb_est is None else np.asarray(nb_est, dtype=float)),
    )  # fmt: skip


def _fit_nb2(
    model: NegativeBinomial, pois_params: np.ndarray, nb_start: np.ndarray | None, boundary: bool
) -> Any | None:
    """The NB2 fit of ``fit_nb`` (None when it fails): Newton from the Poisson estimates (alpha
    0.5) or from a warm start, BFGS on ``log alpha`` where Newton is unsure or cannot work."""
    start = np.append(pois_params, 0.5) if nb_start is None else nb_start
    iters = 100 if nb_start is None else WARM_NEWTON_ITER
    try:
        if boundary:  # Newton steps alpha out of (0, inf) there: BFGS works on log alpha
            return model.fit(start_params=start, method="bfgs", maxiter=500, disp=0)
        nb = newton_nb(model, start, iters)  # None: a Newton step took alpha to 0 or below
        unsure = (
            nb is None
            or (nb_start is not None and not nb.mle_retvals.get("converged", True))
            or not np.all(np.isfinite(nb.bse))
        )
        if unsure:
            nb = model.fit(start_params=start, method="bfgs", maxiter=500, disp=0)
    except (np.linalg.LinAlgError, ValueError):
        return None
    return nb


def _nb_result(
    nb: Any, *, y: np.ndarray, exog: np.ndarray, offset: np.ndarray | None, pois: Any, lr: float,
    p_lr: float, pearson_p: float, names: Sequence[str], family: str,
) -> NBFit:  # fmt: skip
    """The ``NBFit`` of a kept NB2 fit (covariance of ``log alpha`` by the delta method)."""
    k = exog.shape[1]
    alpha_hat = float(nb.params[-1])
    dof = max(len(y) - k, 1)
    cov = np.asarray(nb.cov_params(), dtype=float)
    jac = np.ones(k + 1)
    jac[k] = 1.0 / alpha_hat  # delta method: cov of log(alpha)
    cov = cov * np.outer(jac, jac)
    mu = np.exp(exog @ nb.params[:k] + (0.0 if offset is None else offset))
    pearson_nb = float(np.sum((y - mu) ** 2 / (mu + alpha_hat * mu**2)) / dof)
    reason = (
        f"negative binomial: overdispersion (alpha={alpha_hat:.3g}, LR vs Poisson "
        f"{lr:.1f}, p={p_lr:.2g}; Pearson chi2/df under Poisson {pearson_p:.2f})"
        if family == "auto"
        else "negative binomial: requested"
    )
    return NBFit(
        family="negative_binomial", reason=reason, names=tuple(names),
        params=np.asarray(nb.params[:k], dtype=float), cov=cov, alpha=alpha_hat,
        alpha_se=float(nb.bse[-1]), llf=float(nb.llf), llf_poisson=float(pois.llf), lr_stat=lr,
        lr_p_value=p_lr, pearson_chi2_df=pearson_nb, pearson_chi2_df_poisson=pearson_p,
        nobs=len(y), converged=bool(nb.mle_retvals.get("converged", True)), result=nb,
        estimates=(np.asarray(pois.params, dtype=float), np.asarray(nb.params, dtype=float)),
    )  # fmt: skip


def _warm_starts(warm: NBFit | None, k: int) -> tuple[np.ndarray | None, np.ndarray | None, bool]:
    """Poisson and NB start values from an earlier fit with ``k`` regressors (else None), and
    whether that fit's alpha was at the boundary (no overdispersion: alpha <= 1e-6; its NB
    start then has alpha floored at ``WARM_ALPHA_FLOOR``)."""
    if warm is None or warm.estimates is None or len(warm.estimates[0]) != k:
        return None, None, False
    pois, nb = warm.estimates
    if nb is None or not np.all(np.isfinite(nb)):
        return pois, None, False
    alpha = float(nb[-1])
    if alpha <= 1e-6:  # at the boundary: BFGS (on log alpha) from there, log alpha floored
        return pois, np.append(nb[:-1], max(alpha, WARM_ALPHA_FLOOR)), True
    return pois, nb if alpha < 1e3 else None, False


# -- Newey-West (HAC) covariance ----------------------------------------------------------------
def newey_west_lags(nobs: int) -> int:
    """The Newey-West (1994) rule of thumb for the Bartlett bandwidth: floor(4 (n/100)^(2/9)).

    Examples
    --------
    >>> newey_west_lags(100), newey_west_lags(200)
    (4, 4)
    """
    return int(math.floor(4 * (nobs / 100) ** (2 / 9)))


def newey_west_cov(result: Any, maxlags: int) -> np.ndarray:
    """Heteroskedasticity- and autocorrelation-consistent covariance of an ML fit's parameters.

    ``H^-1 S H^-1`` with ``H`` the Hessian of the log-likelihood and ``S`` the Bartlett-weighted
    (``1 - l / (maxlags + 1)``) sum of the autocovariances of the per-observation scores up to
    ``maxlags``; observations are taken in their order (time order). No small-sample factor.
    """
    params = np.asarray(result.params, dtype=float)
    scores = np.asarray(result.model.score_obs(params), dtype=float)
    hess_inv = np.linalg.inv(np.asarray(result.model.hessian(params), dtype=float))
    s = scores.T @ scores
    for lag in range(1, min(maxlags, len(scores) - 1) + 1):
        gamma = scores[lag:].T @ scores[:-lag]
        s += (1 - lag / (maxlags + 1)) * (gamma + gamma.T)
    return hess_inv @ s @ hess_inv


# -- design matrices -------------------------------------------------------------------------
def as_dates(periods: Sequence[dt.date] | pl.Series | np.ndarray) -> np.ndarray:
    if isinstance(periods, pl.Series):
        return periods.cast(pl.Date).to_numpy().astype("datetime64[D]")
    return np.asarray(periods, dtype="datetime64[D]")


def design(
    periods: Sequence[dt.date] | pl.Series | np.ndarray,
    *,
    origin: dt.date,
    trend: bool = True,
    fourier: int = 2,
    day_of_week: bool = False,
) -> tuple[np.ndarray, list[str]]:
    """Regressors for a period series: intercept, trend, weekday dummies, annual Fourier terms.

    ``trend`` is in years since ``origin``; weekday dummies are relative to Monday; Fourier
    terms are ``sin/cos(2 pi k t)`` with ``t`` the fraction of the year, ``k = 1..fourier``.
    """
    days = as_dates(periods)
    t_years = (days - np.datetime64(origin, "D")).astype(float) / _DAYS_PER_YEAR
    cols, names = [np.ones(len(days))], ["intercept"]
    if trend:
        cols.append(t_years)
        names.append("trend_per_year")
    if day_of_week:
        wd = (days.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
        for d, label in enumerate(("tue", "wed", "thu", "fri", "sat", "sun"), start=1):
            cols.append((wd == d).astype(float))
            names.append(f"dow_{label}")
    year_frac = (days - days.astype("datetime64[Y]")).astype(float) / _DAYS_PER_YEAR
    for k in range(1, fourier + 1):
        cols.append(np.sin(2 * np.pi * k * year_frac))
        cols.append(np.cos(2 * np.pi * k * year_frac))
        names += [f"sin_annual_{k}", f"cos_annual_{k}"]
    return np.column_stack(cols), names


@dataclass(frozen=True)
class CountModel:
    """A count regression of one series: tidy coefficients, dispersion diagnostics, the fit.

    ``coefficients`` columns: term, estimate, std_error, irr, ci_low, ci_high (log scale),
    irr_low, irr_high, p_value (model-based errors, which assume independent periods), then
    std_error_hac, irr_low_hac, irr_high_hac, p_value_hac (Newey-West errors robust to
    autocorrelated periods, Bartlett kernel, ``hac_lags`` lags; NULL when they cannot be
    computed). ``diagnostics`` is one row: family, reason, alpha,
    alpha_ci_low, alpha_ci_high, pearson_chi2_df, pearson_chi2_df_poisson, lr_stat,
    lr_p_value, nobs, converged.
    """

    family: str
    reason: str
    coefficients: pl.DataFrame
    diagnostics: pl.DataFrame
    fit: NBFit
    origin: dt.date
    fourier: int
    day_of_week: bool
    hac_lags: int = 0

    def _repr_html_(self) -> str:
        return (
            f"<p><b>{html.escape(self.family)}</b>: {html.escape(self.reason)}</p>"
            + html_table(self.coefficients, "coefficients (irr = exp(estimate))")
            + html_table(self.diagnostics.drop("reason"), "dispersion diagnostics")
        )


def fit_counts(
    y: Sequence[float] | np.ndarray | pl.Series,
    periods: Sequence[dt.date] | pl.Series,
    *,
    freq: str = "week",
    exposure: Sequence[float] | np.ndarray | pl.Series | None = None,
    trend: bool = True,
    fourier: int | None = None,
    family: str = "auto",
    level: float = 0.95,
) -> CountModel:
    """Negative binomial (or Poisson) regression of counts on trend and seasonality.

    Parameters
    ----------
    y, periods
        Counts and the start date of their periods (a complete series: quiet periods are 0).
    freq
        ``day`` adds day-of-week dummies.
    exposure
        E.g. population: enters as ``log(exposure)`` offset, so the intercept is a rate.
    fourier
        Annual harmonics; default 2 when the series spans two years, 1 for one year, else 0.
    family
        ``auto`` (NB when the LR test finds overdispersion, else Poisson), ``poisson`` or
        ``negative_binomial``.
    level
        Confidence level of the intervals.
    """
    y_arr = np.asarray(y, dtype=float)
    days = as_dates(periods)
    span = (days.max() - days.min()).astype(float) / _DAYS_PER_YEAR if len(days) else 0.0
    if fourier is None:
        fourier = 2 if span >= 2 else (1 if span >= 1 else 0)
    origin = days.min().astype(dt.date)
    exog, names = design(
        days, origin=origin, trend=trend, fourier=fourier, day_of_week=freq == "day"
    )
    offset = None if exposure is None else np.log(np.asarray(exposure, dtype=float))
    fit = fit_nb(y_arr, exog, names=names, offset=offset, level=0.05, family=family)
    z = float(stats.norm.ppf(0.5 + level / 2))
    k = len(names)
    se = np.sqrt(np.clip(np.diag(fit.cov)[:k], 0, None))
    est = fit.params
    coefs = pl.DataFrame(
        {
            "term": names,
            "estimate": est,
            "std_error": se,
            "irr": np.exp(est),
            "ci_low": est - z * se,
            "ci_high": est + z * se,
            "irr_low": np.exp(est - z * se),
            "irr_high": np.exp(est + z * se),
            "p_value": 2 * stats.norm.sf(np.abs(est / np.where(se > 0, se, np.nan))),
        }
    )
    hac_lags = newey_west_lags(fit.nobs)
    coefs = coefs.with_columns(**_hac_columns(fit, z, hac_lags))
    if fit.family == "negative_binomial":
        sd_log = fit.alpha_se / fit.alpha
        a_lo, a_hi = fit.alpha * math.exp(-z * sd_log), fit.alpha * math.exp(z * sd_log)
    else:
        a_lo = a_hi = float("nan")
    diag = pl.DataFrame(
        {
            "family": [fit.family],
            "reason": [fit.reason],
            "alpha": [fit.alpha],
            "alpha_ci_low": [a_lo],
            "alpha_ci_high": [a_hi],
            "pearson_chi2_df": [fit.pearson_chi2_df],
            "pearson_chi2_df_poisson": [fit.pearson_chi2_df_poisson],
            "lr_stat": [fit.lr_stat],
            "lr_p_value": [fit.lr_p_value],
            "nobs": [fit.nobs],
            "converged": [fit.converged],
        }
    )
    return CountModel(
        fit.family, fit.reason, coefs, diag, fit, origin, fourier, freq == "day", hac_lags
    )


def _hac_columns(fit: NBFit, z: float, lags: int) -> dict[str, pl.Series]:
    """Newey-West standard errors, IRR bounds and p-values (NULL when singular)."""
    k = len(fit.names)
    try:
        cov = newey_west_cov(fit.result, lags)[:k, :k]
        se = np.sqrt(np.diag(cov))
    except (np.linalg.LinAlgError, ValueError, AttributeError):
        se = np.full(k, np.nan)
    se = np.where(np.isfinite(se) & (se > 0), se, np.nan)
    est = fit.params
    cols = {
        "std_error_hac": se,
        "irr_low_hac": np.exp(est - z * se),
        "irr_high_hac": np.exp(est + z * se),
        "p_value_hac": 2 * stats.norm.sf(np.abs(est / se)),
    }
    return {
        name: pl.Series(name, v, dtype=pl.Float64, nan_to_null=True) for name, v in cols.items()
    }


# -- decomposition ---------------------------------------------------------------------------
def decompose(
    values: Sequence[float] | np.ndarray | pl.Series,
    periods: Sequence[dt.date] | pl.Series,
    *,
    freq: str = "week",
    log: bool = True,
    robust: bool = True,
) -> pl.DataFrame:
    """Seasonal-trend decomposition (STL; MSTL with weekly and annual cycles for long daily data).

    Works on ``log1p(values)`` by default (multiplicative seasonality of counts). Needs two full
    seasonal cycles. Returns ``period``, ``observed``, ``trend``, ``seasonal`` (sum of seasonal
    components), one ``seasonal_<m>`` per cycle for MSTL, and ``resid``, on the model scale.
    """
    from statsmodels.tsa.seasonal import MSTL, STL

    x = np.asarray(values, dtype=float)
    x = np.log1p(x) if log else x
    m = SEASONAL_PERIOD[freq]
    if len(x) < 2 * m:
        raise ValueError(f"decompose needs two seasonal cycles ({2 * m} {freq}s), got {len(x)}")
    out: dict[str, Any] = {"period": as_dates(periods).astype(dt.date).tolist(), "observed": x}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if freq == "day" and len(x) >= 2 * 365:
            res = MSTL(x, periods=(7, 365), stl_kwargs={"robust": robust}).fit()
            seas = np.asarray(res.seasonal)
            out["trend"] = np.asarray(res.trend)
            out["seasonal"] = seas.sum(axis=1)
            out["seasonal_7"], out["seasonal_365"] = seas[:, 0], seas[:, 1]
        else:
            res = STL(x, period=m, robust=robust).fit()
            out["trend"], out["seasonal"] = np.asarray(res.trend), np.asarray(res.seasonal)
    out["resid"] = np.asarray(res.resid)
    return pl.DataFrame(out).with_columns(pl.col("period").cast(pl.Date))
