"""The NB2 boundary rule of ``fit_nb``: with a score for alpha at the Poisson fit at or below 0
the NB2 fit is not run when that is proof (one mean: Levin and Reeds) or when the grid check
``profile_rise`` sees no NB2 likelihood above the Poisson fit's; with regressors a negative score
can hide an interior maximum, which must still be fitted. A refit warm-started at the boundary
must reach the cold fit's maximum (not stop at its start, where the gradient vanishes)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import statsmodels.api as sm
from scipy.optimize import minimize_scalar
from scipy.special import gammaln
from statsmodels.discrete.discrete_model import NegativeBinomial, Poisson

import analytics.modelling.counts as counts
import analytics.modelling.nb_boundary as nb_boundary
from analytics.modelling.counts import boundary_score, design, fit_nb
from analytics.modelling.nb_boundary import profile_rise

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


def test_underdispersed_series_is_poisson_without_an_nb_fit(
    nb_fits: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # one mean: the score's sign is proof (Levin and Reeds), no grid check is needed
    def unused(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the grid check ran on a one-mean design")

    monkeypatch.setattr(nb_boundary, "profile_rise", unused)
    fit = fit_nb(UNDER, _const(30), names=["const"])
    assert nb_fits == []  # no NB2 fit ran
    assert fit.family == "poisson"
    direct = Poisson(UNDER, _const(30)).fit(method="newton", maxiter=100, disp=0)
    assert fit.params == pytest.approx(direct.params, abs=1e-12)  # the Poisson MLE, log 5
    assert fit.params[0] == pytest.approx(np.log(5.0))
    assert fit.lr_stat == 0.0 and fit.lr_p_value == 1.0 and fit.alpha == 0.0
    assert "score for alpha at the Poisson fit is -65" in fit.reason
    assert "with one mean" in fit.reason and "Levin and Reeds" in fit.reason
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
    # with regressors the score is no proof: the reason says what was checked
    assert "stays below the Poisson fit's on a grid of alpha" in fit.reason
    assert "LR is taken as 0" in fit.reason


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


def _profile_lr(y: np.ndarray, exog: np.ndarray) -> tuple[float, float]:
    """(LR, alpha) of the NB2 profile likelihood's maximum, found independently of ``fit_nb``:
    statsmodels' GLM (IRLS at a fixed alpha) maximised over log alpha by a bounded search."""
    pois = sm.GLM(y, exog, family=sm.families.Poisson()).fit()

    def minus(log_alpha: float) -> float:
        family = sm.families.NegativeBinomial(alpha=float(np.exp(log_alpha)))
        return -float(sm.GLM(y, exog, family=family).fit().llf)

    res = minimize_scalar(minus, bounds=(-8.0, 6.0), method="bounded", options={"xatol": 1e-6})
    return 2 * (-float(res.fun) - float(pois.llf)), float(np.exp(res.x))


#: The reviewer's counterexamples: a group of equal large counts (its own dummy, fitted
#: exactly) and a group of zeros with one count. (large count, its periods, the one count,
#: zeros beside it).
GROUPS = [(20, 2, 6, 9), (20, 2, 6, 5), (20, 3, 8, 19)]


@pytest.mark.parametrize(("large", "n_large", "one", "zeros"), GROUPS)
def test_a_negative_score_with_regressors_can_hide_an_nb_maximum(
    large: int, n_large: int, one: int, zeros: int, nb_fits: list[str]
) -> None:
    y = np.array([large] * n_large + [0] * zeros + [one], dtype=float)
    exog = np.column_stack([np.ones(len(y)), np.arange(len(y)) < n_large]).astype(float)
    # with a dummy per group both fits' means are the group means, for every alpha
    mu = np.where(exog[:, 1] == 1, large, one / (zeros + 1))
    score = boundary_score(y, mu)
    assert score < 0  # (20, 2, 6, 9): 1/2 (9 x 0.6^2 + 5.4^2 - 46) = -6.8, by hand
    poisson = float(np.sum(y * np.log(mu) - mu - gammaln(y + 1)))
    best = minimize_scalar(
        lambda la: -_nb2_loglike(y, mu, float(np.exp(la))), bounds=(-8, 6), method="bounded"
    )
    lr = 2 * (-float(best.fun) - poisson)
    assert lr > 2.7  # the profile falls at alpha = 0, then rises well above Poisson
    fit = fit_nb(y, exog, names=["const", "group"])
    assert nb_fits  # the NB2 fit ran
    assert fit.family == "negative_binomial"
    assert fit.lr_stat == pytest.approx(lr, abs=1e-3)
    assert fit.alpha == pytest.approx(float(np.exp(best.x)), rel=1e-2)
    forced = fit_nb(y, exog, names=["const", "group"], family="negative_binomial")
    assert np.array_equal(fit.params, forced.params)  # as the fit ran before the rule


def test_the_scoring_steps_catch_a_maximum_the_poisson_coefficients_hide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # hand-built: four periods of 50 (own dummy), seven zeros, an 8 last, with a trend; under
    # NB2 the trend moves (the 8 weighs less), so at the Poisson coefficients no grid alpha
    # beats Poisson, but after scoring steps of the coefficients one does
    y = np.array([50.0] * 4 + [0.0] * 7 + [8.0])
    t = np.arange(12) / 12
    exog = np.column_stack([np.ones(12), t, t < 4 / 12])
    pois = Poisson(y, exog).fit(method="newton", maxiter=100, disp=0)
    mu = pois.predict(exog)
    assert boundary_score(y, mu) < 0
    lr, alpha = _profile_lr(y, exog)
    assert lr > 2.71  # p < 0.05 with the boundary mixture: NB must be kept
    monkeypatch.setattr(nb_boundary, "SCORING_STEPS", 0)
    assert profile_rise(y, exog, mu) is None  # the Poisson coefficients alone hide it
    monkeypatch.undo()
    rise = profile_rise(y, exog, mu)
    assert rise is not None
    fit = fit_nb(y, exog, names=["const", "trend", "group"])
    assert fit.family == "negative_binomial"
    assert fit.lr_stat == pytest.approx(lr, abs=1e-3)
    assert fit.alpha == pytest.approx(alpha, rel=1e-2)


def test_a_far_maximum_needs_several_scoring_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    # hand-built: four periods of 200 (own dummy), zeros, an 8 in period 15 of 24, with a
    # trend: under NB2 the zeros' mean heads far towards 0, two scoring steps do not get there
    y = np.zeros(24)
    y[:4], y[14] = 200.0, 8.0
    t = np.arange(24) / 24
    exog = np.column_stack([np.ones(24), t, t < 4 / 24])
    mu = Poisson(y, exog).fit(method="newton", maxiter=100, disp=0).predict(exog)
    assert boundary_score(y, mu) < 0
    lr, alpha = _profile_lr(y, exog)
    assert lr > 0.01  # small (p 0.43), but not 0: the reported LR must say so
    monkeypatch.setattr(nb_boundary, "SCORING_STEPS", 2)
    assert profile_rise(y, exog, mu) is None
    monkeypatch.undo()
    assert profile_rise(y, exog, mu) is not None
    fit = fit_nb(y, exog, names=["const", "trend", "group"])
    assert fit.family == "poisson"  # LR below the 5% level: Poisson, from the NB2 fit run
    assert fit.lr_stat == pytest.approx(lr, abs=2e-3)
    assert "LR vs Poisson 0.03" in fit.reason


def _weak_chain(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """120 periods of Poisson counts around a trend, the last 40 mildly overdispersed (gamma
    mixing, alpha 0.6): a rolling refit's early origins end at the boundary, later ones not."""
    rng = np.random.default_rng(seed)
    t = np.arange(120) / 120
    exog = np.column_stack([np.ones(120), t, np.sin(8 * np.pi * t)])
    mu = np.exp(1.0 + 0.5 * t)
    lam = mu.copy()
    lam[80:] = rng.gamma(1 / 0.6, 0.6 * mu[80:])
    return rng.poisson(lam).astype(float), exog


@pytest.mark.parametrize("seed", [0, 2, 5])
def test_a_weakly_overdispersed_rolling_refit_reaches_the_cold_fit(seed: int) -> None:
    # an origin at the boundary (skipped NB2, alpha 0 on the Poisson coefficients), then one
    # with a small positive score: the warm NB2 must not stop at its start
    y, exog = _weak_chain(seed)
    warm: counts.NBFit | None = None
    from_boundary = 0
    for end in range(40, 121, 4):
        offset = np.full(end, 0.1)
        fit = fit_nb(y[:end], exog[:end], names=["c", "t", "s"], offset=offset, warm=warm)
        cold = fit_nb(y[:end], exog[:end], names=["c", "t", "s"], offset=offset)
        assert fit.family == cold.family
        # BFGS's tolerance: LRs agree to 1e-4; p moves fast in LR near 0 (half the chi2(1)
        # tail), so 1e-3 for p (the stuck fit of before was 0.07 off: 0.492 vs 0.4185)
        assert fit.lr_stat == pytest.approx(cold.lr_stat, abs=1e-4)
        assert fit.lr_p_value == pytest.approx(cold.lr_p_value, abs=1e-3)
        assert warm is None or warm.estimates is not None
        if warm is not None and warm.estimates is not None and warm.estimates[1] is not None:
            mu = fit.result.predict(exog[:end], offset=offset)
            if warm.estimates[1][-1] == 0.0 and boundary_score(y[:end], mu) > 0:
                from_boundary += 1
                assert fit.lr_stat > 0  # the interior maximum was reached
                assert cold.estimates is not None and cold.estimates[1] is not None
                assert fit.estimates is not None and fit.estimates[1] is not None
                # off the floor, near the cold fit's alpha (the likelihood is flat there: LRs
                # of 1e-4 to 1e-2, so alpha agrees only roughly where the LR agrees to 1e-4)
                assert fit.estimates[1][-1] > 10 * counts.WARM_ALPHA_FLOOR
                assert fit.estimates[1][-1] == pytest.approx(cold.estimates[1][-1], rel=0.5)
        warm = fit
    assert from_boundary >= 1  # the path under test was taken
