"""The NB2 boundary rule of ``fit_nb``: when the score for alpha at the Poisson fit is at or
below 0 the NB2 likelihood does not rise into alpha > 0, so its maximum is the Poisson fit and
the NB2 fit is not run; otherwise (and when NB2 is requested) it runs as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from scipy.special import gammaln
from statsmodels.discrete.discrete_model import NegativeBinomial, Poisson

import analytics.modelling.counts as counts
from analytics.modelling.counts import boundary_score, design, fit_nb

#: statsmodels warns of convergence and of overflow while BFGS walks log alpha to -inf.
pytestmark = pytest.mark.filterwarnings("ignore")

#: 4, 5, 6 ten times: mean 5, sum of squared deviations 20, total 150 (counted by hand).
UNDER = np.tile([4.0, 5.0, 6.0], 10)
#: 0 and 10 alternating, 30 periods: mean 5, squared deviations 25 each (750), total 150.
OVER = np.tile([0.0, 10.0], 15)


@pytest.fixture
def nb_fits(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The optimiser methods of every NB2 fit ``fit_nb`` runs."""
    methods: list[str] = []
    fit = NegativeBinomial.fit

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        methods.append(kwargs.get("method", "newton"))
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(counts.NegativeBinomial, "fit", counted)
    yield methods


def _const(n: int) -> np.ndarray:
    return np.ones((n, 1))


def test_score_of_the_hand_built_series() -> None:
    # intercept only: the Poisson fit is the mean, so the score is 1/2 (SS - total)
    assert boundary_score(UNDER, np.full(30, 5.0)) == pytest.approx(0.5 * (20 - 150))
    assert boundary_score(OVER, np.full(30, 5.0)) == pytest.approx(0.5 * (750 - 150))


def test_underdispersed_series_is_poisson_without_an_nb_fit(nb_fits: list[str]) -> None:
    fit = fit_nb(UNDER, _const(30), names=["const"])
    assert nb_fits == []  # no NB2 fit ran
    assert fit.family == "poisson"
    direct = Poisson(UNDER, _const(30)).fit(method="newton", maxiter=100, disp=0)
    assert fit.params == pytest.approx(direct.params, abs=1e-12)  # the Poisson MLE, log 5
    assert fit.params[0] == pytest.approx(np.log(5.0))
    assert fit.lr_stat == 0.0 and fit.lr_p_value == 1.0 and fit.alpha == 0.0
    assert "score for alpha at the Poisson fit is -65" in fit.reason
    # the estimates still mark the boundary for a warm-started refit: alpha 0
    assert fit.estimates is not None and fit.estimates[1] is not None
    assert np.array_equal(fit.estimates[1], np.append(fit.params, 0.0))


def test_the_skipped_nb_fit_would_have_ended_at_the_boundary() -> None:
    # the fit the rule skips, run directly as fit_nb ran it before (Newton guard -> BFGS)
    model = NegativeBinomial(UNDER, _const(30), loglike_method="nb2")
    nb = model.fit(start_params=np.array([np.log(5.0), 0.5]), method="bfgs", maxiter=500, disp=0)
    pois = Poisson(UNDER, _const(30)).fit(disp=0)
    assert nb.params[-1] < 1e-6  # alpha walked to the boundary
    assert 2 * (nb.llf - pois.llf) < 0.01  # no likelihood gained (LR 0 up to rounding)
    assert nb.params[0] == pytest.approx(pois.params[0], abs=1e-4)


def test_overdispersed_series_still_fits_nb(nb_fits: list[str]) -> None:
    fit = fit_nb(OVER, _const(30), names=["const"])
    assert nb_fits  # the NB2 fit ran
    assert fit.family == "negative_binomial"
    assert fit.alpha > 0.1 and fit.lr_stat > 10
    assert "overdispersion (alpha=" in fit.reason


def test_requested_nb_is_fitted_even_below_the_boundary(nb_fits: list[str]) -> None:
    # the rule belongs to the automatic choice only; a requested NB2 fit runs (here Newton
    # steps alpha below 0 from 0.5, and the fit is redone by BFGS from the same start)
    y = np.random.default_rng(1).binomial(1000, 0.5, 40).astype(float)
    fit = fit_nb(y, _const(40), names=["const"], family="negative_binomial")
    assert nb_fits == ["newton", "bfgs"]
    assert fit.estimates is not None and fit.estimates[1] is not None
    bfgs = NegativeBinomial(y, _const(40), loglike_method="nb2").fit(
        start_params=np.append(fit.estimates[0], 0.5), method="bfgs", maxiter=500, disp=0
    )
    assert np.array_equal(fit.estimates[1], bfgs.params)  # the NB estimates are BFGS's


@pytest.mark.parametrize("seed", range(6))
def test_below_the_boundary_the_full_fit_gains_nothing(seed: int) -> None:
    # binomial counts around a trend and a season are underdispersed: where the score is not
    # above 0, the NB2 fit run to the end (BFGS on log alpha) finds no likelihood above the
    # Poisson fit's, so skipping it changes neither the family nor the estimates
    rng = np.random.default_rng(seed)
    days = np.datetime64("2022-01-03") + 7 * np.arange(104)
    exog, names = design(days, origin=days[0].astype(object), fourier=1)
    mean = 40 * np.exp(0.2 * exog[:, 1] + 0.3 * exog[:, 2])
    y = rng.binomial(np.ceil(mean * 1.5).astype(int), 1 / 1.5).astype(float)
    pois = Poisson(y, exog).fit(method="newton", maxiter=100, disp=0)
    score = boundary_score(y, pois.predict(exog))
    assert score < 0  # binomial variance is below the mean
    model = NegativeBinomial(y, exog, loglike_method="nb2")
    nb = model.fit(start_params=np.append(pois.params, 0.5), method="bfgs", maxiter=500, disp=0)
    # it ends at the boundary; its LR is rounding: near alpha = 0 statsmodels' NB2 likelihood
    # differences gammaln(y + 1/alpha) - gammaln(1/alpha) of numbers near 1/alpha
    assert nb.params[-1] < 1e-6 and 2 * (nb.llf - pois.llf) < 0.01
    fit = fit_nb(y, exog, names=names)
    assert fit.family == "poisson" and fit.lr_stat == 0.0
    assert np.array_equal(fit.params, np.asarray(pois.params))


def test_a_refit_warm_started_at_the_boundary_reaches_the_cold_fit() -> None:
    # the boundary mark (alpha 0) sends an overdispersed refit to BFGS on log alpha from the
    # floor; it must land where the cold fit does
    earlier = fit_nb(UNDER, _const(30), names=["const"])
    y = np.concatenate([UNDER, OVER])
    cold = fit_nb(y, _const(60), names=["const"])
    warm = fit_nb(y, _const(60), names=["const"], warm=earlier)
    assert cold.family == warm.family == "negative_binomial"
    assert warm.params == pytest.approx(cold.params, abs=1e-4)
    assert warm.alpha == pytest.approx(cold.alpha, rel=1e-3)


def _nb2_loglike(y: np.ndarray, mu: np.ndarray, alpha: float) -> float:
    """The NB2 log-likelihood written out (variance mu + alpha mu^2)."""
    r = 1 / alpha
    return float(
        np.sum(gammaln(y + r) - gammaln(r) - gammaln(y + 1) + y * np.log(alpha * mu / (1 + alpha * mu))
               - r * np.log1p(alpha * mu))
    )  # fmt: skip


@pytest.mark.parametrize(("y", "sign"), [(UNDER, -1), (OVER, 1)])
def test_the_score_is_the_likelihoods_slope_at_the_boundary(y: np.ndarray, sign: int) -> None:
    # the NB2 likelihood, at the Poisson estimates, steps away from alpha = 0 at the rate the
    # score gives (a step where the rounding of gammaln's difference is far below it)
    mu = np.full(len(y), y.mean())  # intercept only: the Poisson fit is the mean
    poisson = float(np.sum(y * np.log(mu) - mu - gammaln(y + 1)))
    step = 1e-5
    slope = (_nb2_loglike(y, mu, step) - poisson) / step
    score = boundary_score(y, mu)
    assert np.sign(slope) == sign == np.sign(score)
    assert slope == pytest.approx(score, rel=0.01)
