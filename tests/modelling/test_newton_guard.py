"""Newton's method on the NB2 likelihood may not step alpha out of (0, inf): such a fit is
redone by BFGS (on log alpha) from the same start; fits that stay inside are unchanged."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.discrete.discrete_model import NegativeBinomial

from analytics.modelling.counts import fit_nb, newton_nb

#: statsmodels warns of convergence and of overflow while Newton wanders on these designs.
pytestmark = pytest.mark.filterwarnings("ignore")


def _model(y: np.ndarray) -> NegativeBinomial:
    return NegativeBinomial(y, np.ones((len(y), 1)), loglike_method="nb2")


@pytest.mark.parametrize("level", [50, 5000])
def test_a_step_to_alpha_at_most_zero_stops_newton(level: int) -> None:
    # binomial counts are underdispersed (variance below the mean): the NB2 likelihood rises
    # toward alpha = 0 and Newton, stepping alpha itself from 0.5, jumps past it
    y = np.random.default_rng(1).binomial(2 * level, 0.5, 40).astype(float)
    model = _model(y)
    full = model.hessian
    assert newton_nb(model, np.array([np.log(y.mean()), 0.5]), 100) is None
    assert model.hessian == full  # the model's own Hessian is back for the BFGS refit


def test_a_requested_nb_fit_on_an_underdispersed_series_is_redone_by_bfgs() -> None:
    # Newton steps alpha out of (0, inf) on underdispersed data; a requested NB2 fit is then
    # redone by BFGS from the same start (an "auto" fit skips NB2 there: see test_counts_boundary)
    y = np.random.default_rng(1).binomial(1000, 0.5, 40).astype(float)
    exog = np.ones((40, 1))
    fit = fit_nb(y, exog, names=["const"], family="negative_binomial")
    assert fit.estimates is not None and fit.estimates[1] is not None
    pois = fit.estimates[0]
    bfgs = _model(y).fit(start_params=np.append(pois, 0.5), method="bfgs", maxiter=500, disp=0)
    assert np.array_equal(fit.estimates[1], bfgs.params)  # the NB estimates are BFGS's


def test_newton_that_stays_inside_is_plain_newton() -> None:
    y = np.random.default_rng(2).negative_binomial(2, 2 / 32, 60).astype(float)
    start = np.array([np.log(y.mean()), 0.5])
    guarded = newton_nb(_model(y), start, 100)
    plain = _model(y).fit(start_params=start, method="newton", maxiter=100, disp=0)
    assert guarded is not None and guarded.params[-1] > 0.1  # overdispersed (alpha 0.5)
    assert np.array_equal(guarded.params, plain.params)  # the same steps, to the last bit
    assert np.array_equal(guarded.bse, plain.bse)
