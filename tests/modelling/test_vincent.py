"""Quantile averages of calibrated forecasts and the nested choice to publish one."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.modelling.choice import inner_mask
from analytics.modelling.selection import Published, Scores, publish
from analytics.modelling.vincent import MIN_CAL, average_with, past_crps, vincent


def _scores(y: np.ndarray, medians: list[np.ndarray], horizon: int = 1) -> Scores:
    """Scores of a baseline and models with the given medians (origins x horizon) on ``y``,
    origins 1..len(y) - horizon; a duration (samples not rounded)."""
    origins = np.arange(1, len(y) - horizon + 1)
    median = np.stack(medians)
    c = len(medians)
    crps = np.ones_like(median)
    ok = np.ones_like(median, dtype=bool)
    paths = {(k, i): np.full((20, horizon), median[k, i, 0]) for k in range(c)
             for i in range(len(origins))}  # fmt: skip
    names = ("mean_4", *(f"m{k}" for k in range(1, c)))
    kinds = ("baseline", *("model" for _ in range(1, c)))
    return Scores(names, kinds, y, origins, horizon, median, crps, ok, ok,
                  np.zeros(c, dtype=int), paths, continuous=True)  # fmt: skip


def _identity(x: np.ndarray) -> np.ndarray:
    return x


def test_vincent_averages_quantiles_in_the_first_members_rank_order() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(50, 3)), rng.exponential(size=(50, 3))
    got = vincent([a, b])
    assert np.allclose(np.sort(got, axis=0), (np.sort(a, axis=0) + np.sort(b, axis=0)) / 2)
    assert np.array_equal(np.argsort(got, axis=0), np.argsort(a, axis=0))


def test_past_crps_of_point_masses_is_the_absolute_error_of_their_mean() -> None:
    # member 0's median is the actual (log errors 0), member 1's is 2y + 1 (log errors
    # -log 2 everywhere): both calibrate to point masses at their medians, so the CRPS is
    # 0 for k = 1 and |(y + 2y + 1) / 2 - y| = (y + 1) / 2 for k = 2
    y = np.arange(1.0, 41.0)
    n = len(y) - 1
    meds = [y[1:, None].copy(), 2 * y[1:, None] + 1]
    s = _scores(y, [meds[0], meds[0], meds[1]])
    mask = inner_mask(s, len(y), len(y))
    past = past_crps(s, [1, 2], mask, _identity)
    losses, at = past.crps, past.at
    # origin index i (origin i + 1, target y[i + 1]) has i earlier errors: i >= MIN_CAL
    assert at.tolist() == list(range(MIN_CAL, n))
    assert np.allclose(losses[:, 0], 0.0)
    assert np.allclose(losses[:, 1], (y[at + 1] + 1) / 2)


def test_average_with_needs_a_significant_gain() -> None:
    rng = np.random.default_rng(3)
    y = np.exp(rng.normal(4.0, 0.3, size=120))
    target = y[1:, None]
    good = target * np.exp(rng.normal(0.0, 0.05, size=target.shape))
    bad = target * np.exp(rng.normal(0.0, 0.6, size=target.shape))
    s = _scores(y, [good, bad, good, bad])
    mask = inner_mask(s, len(y), len(y))
    # a noisy model averaged with a sharp one: the average wins clearly
    got = average_with(s, [1, 2], mask, _identity)
    assert got is not None and got[0] == [2] and got[1][1] < got[1][0]
    # two identical members: no gain, published alone
    assert average_with(s, [2, 2], mask, _identity) is None
    # the sharp model averaged with a noisy one: worse, published alone
    assert average_with(s, [2, 1], mask, _identity) is None


def test_publish_averages_only_what_beat_the_chosen_model() -> None:
    rng = np.random.default_rng(5)
    y = np.exp(rng.normal(4.0, 0.3, size=160))
    target = y[1:, None]
    noisy = target * np.exp(rng.normal(0.0, 0.6, size=target.shape))
    sharp = target * np.exp(rng.normal(0.0, 0.05, size=target.shape))
    s = _scores(y, [target * 1.5, noisy, sharp])
    # m1 (noisy) scored the lowest raw CRPS: chosen; averaged with m2 (sharp) it did better
    s.crps[1] = 0.5
    s.crps[2] = 0.6
    pub = publish(s, 150, window=52, n_sims=200, rng=np.random.default_rng(0), coverage=False)
    assert pub.model == "m1" and "quantile average with m2" in pub.reason
    # the same with m2 chosen: averaging in the noisy m1 would be worse, so m2 stands alone
    s.crps[2] = 0.4
    alone = publish(s, 150, window=52, n_sims=200, rng=np.random.default_rng(0), coverage=False)
    assert alone.model == "m2" and "quantile average" not in alone.reason
    # its calibrated samples: m2's median times exp of its own past log errors (sd 0.05)
    # centred on their median; 200 draws put the sample median within 2% of m2's median
    assert np.median(alone.samples[:, 0]) == pytest.approx(sharp[149, 0], rel=0.02)


def _three_models(seed: int = 5) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """y and the medians of a baseline (1.5 y), a noisy model (log sd 0.6) and a sharp one
    (log sd 0.05), one step ahead on origins 1..159."""
    rng = np.random.default_rng(seed)
    y = np.exp(rng.normal(4.0, 0.3, size=160))
    target = y[1:, None]
    noisy = target * np.exp(rng.normal(0.0, 0.6, size=target.shape))
    sharp = target * np.exp(rng.normal(0.0, 0.05, size=target.shape))
    return y, target * 1.5, noisy, sharp


def _nested_coverage(s: Scores, members: list[int], origin: int, window: int) -> list[float]:
    """80% and 95% coverage of the quantile average of ``members``' calibrated forecasts on
    the past origins of the last ``window``, each member calibrated by its own errors whose
    target precedes the past origin (one step: no neighbouring steps), computed pair by pair
    as the published intervals are read (``inverted_cdf`` quantiles of the samples)."""
    mask = inner_mask(s, origin, window)[:, 0]
    actual = s.actual()[:, 0]
    err = {c: np.log1p(actual) - np.log1p(s.median[c, :, 0]) for c in members}
    hits: list[tuple[bool, bool]] = []
    for i in np.flatnonzero(mask & np.isfinite(actual)):
        bounds = []
        for c in members:
            ok = mask & np.isfinite(err[c]) & (s.origins < s.origins[i])  # target before t
            past = err[c][ok]
            if len(past) < MIN_CAL or not np.isfinite(s.median[c, i, 0]):
                break
            atoms = np.log1p(s.median[c, i, 0]) + past - np.median(past)
            levels = [0.1, 0.9, 0.025, 0.975]
            bounds.append(np.quantile(np.expm1(atoms), levels, method="inverted_cdf"))
        else:
            lo80, hi80, lo95, hi95 = np.mean(bounds, axis=0)
            hits.append((lo80 <= actual[i] <= hi80, lo95 <= actual[i] <= hi95))
    return [float(np.mean([h[0] for h in hits])), float(np.mean([h[1] for h in hits]))]


def _m1_alone(s: Scores) -> Published:
    """What is published from origin 150 when m1 is chosen for a panel (never averaged)."""
    panel = ("m1", "chosen for the panel")
    pub = publish(s, 150, window=52, n_sims=200, rng=np.random.default_rng(0), panel_choice=panel)
    assert pub.model == "m1" and "quantile average" not in pub.reason
    return pub


def test_publish_measures_the_coverage_of_the_intervals_it_publishes() -> None:
    y, base, noisy, sharp = _three_models()
    s = _scores(y, [base, noisy, sharp])
    s.crps[1], s.crps[2] = 0.5, 0.6  # m1 chosen, averaged with m2 (as above)
    pub = publish(s, 150, window=52, n_sims=200, rng=np.random.default_rng(0))
    assert "quantile average with m2" in pub.reason
    (row,) = pub.coverage
    want = _nested_coverage(s, [1, 2], 150, 52)
    assert [row["coverage80"], row["coverage95"]] == pytest.approx(want)
    # not m1's own coverage: its intervals are about twice as wide
    assert want != pytest.approx(_nested_coverage(s, [1], 150, 52))
    # m2 chosen and published alone: the same computation with one member
    s.crps[2] = 0.4
    (alone,) = publish(s, 150, window=52, n_sims=200, rng=np.random.default_rng(0)).coverage
    want = _nested_coverage(s, [2], 150, 52)
    assert [alone["coverage80"], alone["coverage95"]] == pytest.approx(want)


def test_a_refused_average_falls_back_to_the_chosen_models_own_samples() -> None:
    y, base, noisy, sharp = _three_models()
    sharp[149, 0] = 1e6  # m2's median explodes at the publishing origin (index 149)
    s = _scores(y, [base, noisy, sharp])
    s.crps[1], s.crps[2] = 0.5, 0.6
    pub = publish(s, 150, window=52, n_sims=200, rng=np.random.default_rng(0))
    # the average's median (about half of 1e6) is above 10x the history's maximum: refused;
    # m1 itself is sound and published on its own calibrated samples, the reason says so
    assert pub.model == "m1"
    assert "m1 refused" not in pub.reason and "quantile average with m2 refused" in pub.reason
    assert np.array_equal(pub.samples, _m1_alone(s).samples)
    # its coverage is m1's own
    (row,) = pub.coverage
    want = _nested_coverage(s, [1], 150, 52)
    assert [row["coverage80"], row["coverage95"]] == pytest.approx(want)


def test_a_partner_that_cannot_be_calibrated_is_not_averaged_in() -> None:
    y, base, noisy, sharp = _three_models()
    sharp[95:148, 0] = np.nan  # m2 forecast nothing over the last calibration window
    s = _scores(y, [base, noisy, sharp])
    s.paths[(2, 149)] = np.full((20, 1), 77.0)  # its raw paths: one value
    s.crps[1], s.crps[2] = 0.5, 0.6
    pub = publish(s, 150, window=52, n_sims=200, rng=np.random.default_rng(0))
    # past CRPS (over two windows) still favours the average, but m2 has fewer than MIN_CAL
    # errors in the last window: m1 is published alone and the reason says why
    assert pub.model == "m1" and "quantile average with m2 (" not in pub.reason
    assert "not averaged with m2" in pub.reason
    assert np.array_equal(pub.samples, _m1_alone(s).samples)
