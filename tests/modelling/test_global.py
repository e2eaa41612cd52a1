"""The global combination: weights learned on every series of a panel, nested, and the
panel's honest decision to publish it."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest

from analytics.modelling.backtest import backtest
from analytics.modelling.baselines import point_matrix
from analytics.modelling.forecast import FORECAST_COLUMNS, forecast_panel
from analytics.modelling.global_combination import (
    GLOBAL_NAME,
    lad_simplex_weights,
    panel_choices,
    with_global,
)
from analytics.modelling.selection import (
    Scores,
    candidates,
    evaluation_origins,
    honest_baseline_crps,
    publish,
    score_origins,
)

START = dt.date(2021, 1, 4)  # a Monday
WINDOW = 20


def test_lad_weights_recover_a_convex_combination_despite_outliers() -> None:
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 4, size=(400, 3))
    target = 0.3 * x[:, 0] + 0.7 * x[:, 2]
    target[:20] += 50.0  # 5% gross errors: a median regression ignores them, least squares not
    w = lad_simplex_weights(x, target)
    assert w.sum() == pytest.approx(1.0, abs=1e-6)
    assert w == pytest.approx([0.3, 0.0, 0.7], abs=0.02)


def _panel(n_series: int, n: int, seed: int) -> dict[str, np.ndarray]:
    """Counts around a slowly wandering level per series (a shared kind of dynamics)."""
    rng = np.random.default_rng(seed)
    out = {}
    for k in range(n_series):
        level = np.exp(np.log(3.0 + 4 * k) + np.cumsum(rng.normal(0, 0.08, n)))
        out[f"S{k}"] = rng.poisson(level).astype(float)
    return out


def _scores(ys: dict[str, np.ndarray], horizon: int = 3) -> dict[str, Scores]:
    """Scores of the rolling-origin candidates (random samples, so medians vary by draw)."""
    out = {}
    for k, y in ys.items():
        days = np.array([START + dt.timedelta(weeks=i) for i in range(len(y))], "datetime64[D]")
        cands = candidates(y, days, "week", horizon, autoregression=False)
        origins = evaluation_origins(len(y), len(y) - 30, horizon, WINDOW)
        out[k] = score_origins(y, cands, origins, horizon, n_sims=200,
                               rng=np.random.default_rng(1))  # fmt: skip
    return out


def _point_scores(ys: dict[str, np.ndarray], horizon: int = 3) -> dict[str, Scores]:
    """Scores whose medians are the baselines' deterministic points (row t uses y[:t])."""
    names = ("naive", "mean_4", "mean_8", "mean_13")
    out = {}
    for k, y in ys.items():
        origins = evaluation_origins(len(y), len(y) - 30, horizon, WINDOW)
        median = np.stack([point_matrix(n, y, horizon, 52)[origins] for n in names])
        shape = median.shape
        out[k] = Scores(
            names, ("baseline",) * 4, y, origins, horizon, median, np.ones(shape),
            np.ones(shape, dtype=bool), np.ones(shape, dtype=bool), np.zeros(4, dtype=int), {},
        )  # fmt: skip
    return out


def test_global_forecast_from_an_origin_uses_no_value_from_that_origin_on() -> None:
    ys = _panel(4, 90, 2)
    t = 75
    changed = {k: np.concatenate([y[:t], y[t:] * 3 + 7]) for k, y in ys.items()}
    a = with_global(_point_scores(ys), WINDOW, n_sims=200)
    b = with_global(_point_scores(changed), WINDOW, n_sims=200)
    i = int(np.flatnonzero(a["S0"].origins == t)[0])
    c = a["S0"].names.index(GLOBAL_NAME)
    for k in ys:
        assert (c, i) in a[k].paths  # a global forecast was made there
        np.testing.assert_array_equal(a[k].paths[(c, i)], b[k].paths[(c, i)])
        assert GLOBAL_NAME in a[k].calibrated
    # and the later forecasts do change, so the comparison above could fail
    assert not np.array_equal(a["S0"].paths[(c, i + 5)], b["S0"].paths[(c, i + 5)])


def test_global_rows_pick_the_same_past_periods_on_every_series() -> None:
    # series whose log errors move together: a shared weekly factor
    rng = np.random.default_rng(4)
    shared = rng.normal(0, 0.4, 80)
    ys = {f"S{k}": rng.poisson(np.exp(np.log(5.0 + 5 * k) + shared)).astype(float)
          for k in range(3)}  # fmt: skip
    a = with_global(_point_scores(ys), WINDOW, n_sims=200)
    c = a["S0"].names.index(GLOBAL_NAME)
    i = max(i for (cc, i) in a["S0"].paths if cc == c)
    p0, p2 = a["S0"].paths[(c, i)], a["S2"].paths[(c, i)]
    assert np.all(p0 >= 0) and np.all(p0 == np.round(p0))
    # rows are past periods, not sorted quantiles: the rows of two series co-move
    assert np.corrcoef(p0[:, 0], p2[:, 0])[0, 1] > 0.5
    assert not np.all(np.diff(p0[:, 0]) >= 0)


def test_fewer_than_three_series_get_no_global_model() -> None:
    got = with_global(_scores(_panel(2, 60, 5)), WINDOW)
    assert all(GLOBAL_NAME not in s.names for s in got.values())


def _hand_scores(global_ratio: float) -> Scores:
    """Two baselines and the global model with CRPS fixed by hand on 16 origins x 2 steps.

    ``mean_4`` scores 2 everywhere and ``naive`` 4, so the honest baseline (the best on the
    past) is ``mean_4`` with CRPS 2; the global model scores ``2 * global_ratio``.
    """
    n_o, h = 16, 2
    origins = np.arange(20, 20 + n_o)
    y = np.full(40, 5.0)
    crps = np.stack([np.full((n_o, h), v) for v in (4.0, 2.0, 2.0 * global_ratio)])
    median = np.full((3, n_o, h), 5.0)
    hits = np.ones((3, n_o, h), dtype=bool)
    paths = {(c, i): np.full((50, h), 5.0) for c in range(3) for i in range(n_o)}
    return Scores(
        ("naive", "mean_4", GLOBAL_NAME), ("baseline", "baseline", "model"), y, origins, h,
        median, crps, hits, hits, np.zeros(3, dtype=int), paths, False, frozenset({GLOBAL_NAME}),
    )  # fmt: skip


def test_honest_baseline_is_the_best_baseline_on_the_past() -> None:
    honest = honest_baseline_crps(_hand_scores(0.9), window=20)
    # no baseline qualifies until 8 scored pairs precede the origin (origins 20, 21 -> the
    # pairs of origins 20..23 at two steps), then mean_4 (CRPS 2) is the honest choice
    assert np.isnan(honest[:5]).all()
    assert np.all(honest[5:] == 2.0)


@pytest.mark.parametrize(("ratio", "published"), [(0.9, True), (1.1, False)])
def test_panel_publishes_the_global_model_only_when_it_beat_the_honest_baselines(
    ratio: float, published: bool
) -> None:
    panel = {f"S{k}": _hand_scores(ratio) for k in range(3)}
    got = panel_choices(panel, window=20)
    late = got[35]
    assert (late is not None) == published
    if late is not None:
        assert late[0] == GLOBAL_NAME and f"{ratio:.3g}x" in late[1]
        pub = publish(panel["S0"], 35, window=20, n_sims=100, rng=np.random.default_rng(0),
                      panel_choice=late)  # fmt: skip
        assert pub.model == GLOBAL_NAME and "published for the panel" in pub.reason
        # calibrated when built: coverage read from its past hits (all inside here)
        assert all(row["coverage80"] == 1.0 for row in pub.coverage if row["n"])
    assert got[20] is None  # nothing scored before the first origin: no decision


def test_forecast_panel_keeps_its_columns_and_coherent_sum_with_the_global_model() -> None:
    ys = _panel(4, 100, 7)
    days = [START + dt.timedelta(weeks=i) for i in range(100)]
    frame = pl.concat(
        pl.DataFrame({"period": days, "oblast_code": k, "value": y}) for k, y in ys.items()
    )
    res = forecast_panel(frame, horizon=3, n_sims=300)
    assert res.forecasts.columns == list(FORECAST_COLUMNS)
    total = sum(res.paths[k] for k in ys)
    np.testing.assert_array_equal(res.paths["UA"], total)
    assert res.choice is not None and GLOBAL_NAME in res.choice["name"].to_list()


def test_backtest_scores_the_global_model_on_a_panel_and_not_on_one_series() -> None:
    ys = _panel(4, 100, 8)
    days = [START + dt.timedelta(weeks=i) for i in range(100)]
    frame = pl.concat(
        pl.DataFrame({"period": days, "oblast_code": k, "value": y}) for k, y in ys.items()
    )
    res = backtest(frame, horizon=3, n_origins=8, pooled=False, coherent="UA")
    f = res.forecasts
    scored = f.filter(pl.col("model") == GLOBAL_NAME)["oblast_code"].unique().sort().to_list()
    assert scored == sorted(ys)
    pub = f.filter(pl.col("model") == "published")
    assert pub.height == 4 * 8 * 3  # every series, origin and step
    assert f.filter(pl.col("model") == "coherent_sum").height == 8 * 3
    alone = backtest(frame.filter(pl.col("oblast_code") == "S0"), horizon=3, n_origins=8)
    assert GLOBAL_NAME not in alone.forecasts["model"].to_list()


def test_a_series_scored_perfectly_is_left_out_of_the_panel_decision() -> None:
    """A run of zeros scores CRPS 0 for every model: its ratio 0/0 must neither warn nor
    veto the panel; the decision rests on the other series (ratio 0.9 -> published)."""
    zeros = _hand_scores(0.9)
    zeros.crps[:] = 0.0
    panel = {**{f"S{k}": _hand_scores(0.9) for k in range(3)}, "Z": zeros}
    with np.errstate(all="raise"):
        got = panel_choices(panel, window=20)
    late = got[35]
    assert late is not None and "over the 3 series" in late[1]
