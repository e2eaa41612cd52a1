"""Models on simulated series with known truth, and the backtest on real alerts and attacks."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from scipy import stats

from analytics.modelling.backtest import backtest
from analytics.modelling.baselines import BASELINE_NAMES, point_matrix
from analytics.modelling.breaks import find_breaks
from analytics.modelling.counts import decompose, fit_counts
from analytics.modelling.forecast import FORECAST_COLUMNS, forecast, forecast_pooled
from analytics.modelling.sample_scores import crps_sample
from analytics.modelling.surge import surge_alerts

START = dt.date(2021, 1, 4)  # a Monday


def _weeks(n: int) -> pl.Series:
    return pl.date_range(START, START + dt.timedelta(weeks=n - 1), "1w", eager=True)


def _nb(rng: np.random.Generator, mu: np.ndarray, alpha: float) -> np.ndarray:
    return rng.poisson(rng.gamma(1 / alpha, alpha * mu))


def _binomial_band(p: float, n: int, z: float = 3.0) -> tuple[float, float]:
    sd = math.sqrt(p * (1 - p) / n)
    return p - z * sd, p + z * sd


def test_nb_regression_recovers_known_trend_season_and_alpha() -> None:
    rng = np.random.default_rng(11)
    n = 3000
    days = pl.date_range(
        dt.date(2016, 1, 1), dt.date(2016, 1, 1) + dt.timedelta(days=n - 1), "1d", eager=True
    )
    t = np.arange(n) / 365.25
    true = {"intercept": 1.2, "trend_per_year": 0.15, "sin_annual_1": 0.3, "alpha": 0.6}
    year_frac = np.array([(d - dt.date(d.year, 1, 1)).days for d in days]) / 365.25
    mu = np.exp(
        true["intercept"] + true["trend_per_year"] * t + 0.3 * np.sin(2 * np.pi * year_frac)
    )
    model = fit_counts(_nb(rng, mu, true["alpha"]), days, freq="day", fourier=1)
    assert model.family == "negative_binomial"
    assert model.fit.result.model.__class__.__name__ == "NegativeBinomial"  # alpha by ML
    coefs = {r["term"]: r for r in model.coefficients.iter_rows(named=True)}
    for term in ("intercept", "trend_per_year", "sin_annual_1"):
        assert coefs[term]["ci_low"] < true[term] < coefs[term]["ci_high"], term
    assert coefs["trend_per_year"]["irr"] == pytest.approx(
        math.exp(coefs["trend_per_year"]["estimate"])
    )
    d = model.diagnostics.row(0, named=True)
    assert d["alpha_ci_low"] < true["alpha"] < d["alpha_ci_high"]
    assert d["lr_p_value"] < 1e-6 and d["pearson_chi2_df_poisson"] > 2
    assert 0.85 < d["pearson_chi2_df"] < 1.15  # NB absorbs the overdispersion
    assert "overdispersion" in model.reason and "<table>" in model._repr_html_()


def test_poisson_data_is_modelled_as_poisson_and_exposure_is_a_rate() -> None:
    rng = np.random.default_rng(3)
    n, reps, covered, poisson, at_zero = 400, 60, 0, 0, 0
    for _ in range(reps):
        exposure = rng.uniform(0.5, 5.0, n)  # e.g. population in millions
        y = rng.poisson(2.0 * exposure)
        model = fit_counts(y, _weeks(n), exposure=exposure, trend=False, fourier=0)
        poisson += model.family == "poisson"
        if model.family == "poisson":
            assert "no evidence of overdispersion" in model.reason
        row = model.coefficients.row(0, named=True)  # the rate per unit of exposure
        covered += row["irr_low"] < 2.0 < row["irr_high"]
        d = model.diagnostics.row(0, named=True)
        at_zero += d["lr_stat"] < 1e-3
        # alpha = 0 is on the boundary: the LR statistic is a 50:50 mixture of 0 and chi2(1),
        # so the p-value is half the chi2(1) tail
        if d["lr_stat"] > 0:
            assert d["lr_p_value"] == pytest.approx(0.5 * stats.chi2.sf(d["lr_stat"], 1))
    # under the null about half the statistics sit at 0 (P(LR < 1e-3) = 0.5 + 0.5 * 0.025)
    lo, hi = _binomial_band(0.5125, reps)
    assert lo <= at_zero / reps <= hi
    # the test rejects at 5% (not 2.5% as the naive chi2(1) would): Poisson kept ~95%
    lo, hi = _binomial_band(0.95, reps)
    assert lo <= poisson / reps <= min(hi, 1.0)
    assert lo <= covered / reps


def _ar_series(rng: np.random.Generator, n: int, level: float, alpha: float) -> np.ndarray:
    """Known NB autoregression: log mu = log(level) (1 - 0.5) + 0.5 log1p(y_{t-1})."""
    y = np.zeros(n)
    prev = level
    for t in range(n):
        mu = math.exp(0.5 * math.log(level) + 0.5 * math.log1p(prev))
        y[t] = _nb(rng, np.array([mu]), alpha)[0]
        prev = y[t]
    return y


def test_forecast_intervals_cover_held_back_values() -> None:
    rng = np.random.default_rng(2024)
    n_series, n, horizon = 100, 80, 3
    inside80 = inside95 = total = 0
    for i in range(n_series):
        y = _ar_series(rng, n + horizon, level=12.0, alpha=0.15)
        frame = pl.DataFrame({"period": _weeks(n), "value": y[:n]})
        res = forecast(frame, horizon=horizon, n_sims=500, seed=i, model="nb_ar")
        f = res.forecasts
        actual = y[n:]
        lo80, hi80 = f["lo80"].to_numpy(), f["hi80"].to_numpy()
        lo95, hi95 = f["lo95"].to_numpy(), f["hi95"].to_numpy()
        inside80 += int(np.sum((lo80 <= actual) & (actual <= hi80)))
        inside95 += int(np.sum((lo95 <= actual) & (actual <= hi95)))
        total += horizon
    lo, hi = _binomial_band(0.95, total)
    assert lo <= inside95 / total <= min(hi, 1.0) + 0.01
    lo, hi = _binomial_band(0.80, total)
    # integer quantiles can only widen an interval: allow the upper side a little more
    assert lo <= inside80 / total <= hi + 0.03
    assert tuple(f.columns) == FORECAST_COLUMNS
    assert f["lo95"].dtype == pl.Int64 and (f["lo95"] <= f["lo80"]).all()


def test_forecast_states_model_choice_and_handles_sparse_series() -> None:
    zeros = pl.DataFrame({"period": _weeks(30), "value": [0.0] * 30})
    res = forecast(zeros, horizon=2)
    assert res.model == "zero" and res.forecasts["hi95"].to_list() == [0, 0]
    sparse = pl.DataFrame({"period": _weeks(12), "value": [0.0] * 10 + [1.0, 2.0]})
    assert "historical mean" in forecast(sparse, horizon=2, model="nb_ar").reason
    with pytest.raises(ValueError, match="NULL"):
        forecast(pl.DataFrame({"period": _weeks(3), "value": [None, None, None]}))


def test_unknown_values_are_left_out_of_the_fit_not_counted_as_zero() -> None:
    rng = np.random.default_rng(12)
    n, hole = 60, 30
    y = _ar_series(rng, n, level=10.0, alpha=0.1)
    values = [None if t == hole else float(v) for t, v in enumerate(y)]
    res = forecast(pl.DataFrame({"period": _weeks(n), "value": values}), horizon=2, model="nb_ar")
    assert res.fit is not None and "not counted as 0" in res.reason
    # rows t = 4..n-1 (lag 4); the NULL removes its own row and the 4 whose lags hold it
    assert res.fit.nobs == (n - 4) - 1 - 4
    zero = forecast(pl.DataFrame({"period": _weeks(n), "value": np.where(
        np.arange(n) == hole, 0.0, y)}), horizon=2, model="nb_ar")  # fmt: skip
    assert zero.fit is not None and zero.fit.nobs == n - 4
    # an unknown among the last 4 periods: no path can start from it, so the model says why
    tail = [*map(float, y[:-1]), None]
    late = forecast(pl.DataFrame({"period": _weeks(n), "value": tail}), horizon=2, model="nb_ar")
    assert "historical mean" in late.reason and "unknown" in late.reason
    assert late.forecasts["lo80"].null_count() == 0
    panel = pl.concat(
        [pl.DataFrame({"period": _weeks(n), "oblast_code": "UA-01", "value": values}),
         pl.DataFrame({"period": _weeks(n), "oblast_code": "UA-02", "value": tail})]
    )  # fmt: skip
    pooled = forecast_pooled(panel, horizon=2, n_sims=200)
    blocked = pooled.forecasts.filter(pl.col("oblast_code") == "UA-02")
    assert (
        blocked["mean"].null_count() == 2 and "no forecast (NULL rows) for UA-02" in pooled.reason
    )
    assert pooled.forecasts.filter(pl.col("oblast_code") == "UA-01")["mean"].null_count() == 0


def test_pooled_model_shrinks_sparse_oblast_levels() -> None:
    rng = np.random.default_rng(5)
    n, frames = 60, []
    for k, level in enumerate([30, 20, 10, 5, 2, 0.3]):
        frames.append(
            pl.DataFrame(
                {"period": _weeks(n), "oblast_code": f"UA-{k:02d}",
                 "value": _ar_series(rng, n, level, 0.2)}
            )
        )  # fmt: skip
    res = forecast_pooled(pl.concat(frames), horizon=4, n_sims=400)
    assert res.forecasts.height == 6 * 4
    assert res.model.startswith("pooled_") and "empirical-Bayes" in res.reason
    lv = res.levels
    assert lv is not None
    common = lv["observed"].sum() / lv["expected"].sum()
    for raw, shrunk in lv.select("raw_ratio", "shrunk_ratio").iter_rows():
        assert min(raw, common) - 1e-9 <= shrunk <= max(raw, common) + 1e-9
    top = res.forecasts.filter(pl.col("oblast_code") == "UA-00")["mean"].mean()
    low = res.forecasts.filter(pl.col("oblast_code") == "UA-05")["mean"].mean()
    assert top > 10 * low


def test_surge_flags_a_spike_and_rarely_fires_on_quiet_history() -> None:
    rng = np.random.default_rng(8)
    y = _ar_series(rng, 90, level=10.0, alpha=0.1)
    frame = pl.DataFrame({"period": _weeks(90), "value": y})
    quiet = surge_alerts(frame, history=52, refit_every=6)
    assert quiet.alarm_rate <= 0.06
    assert quiet.history.height == 53
    y[-1] = 80.0
    spike = surge_alerts(frame.with_columns(value=pl.Series(y)), history=30, refit_every=6)
    assert spike.latest_flagged and spike.latest_p < 0.01
    assert spike.summary()["flagged"].to_list() == [True]
    assert "SURGE" in spike._repr_html_()


def test_break_found_inside_its_interval() -> None:
    rng = np.random.default_rng(4)
    y = np.concatenate([rng.poisson(5, 70), rng.poisson(25, 50)])
    res = find_breaks(y, _weeks(120), n_boot=99)
    assert res.breaks.height == 1
    row = res.breaks.row(0, named=True)
    true_date = _weeks(120)[70]
    assert row["ci_low"] <= true_date <= row["ci_high"]
    assert row["level_after"] > 3 * row["level_before"]
    flat = find_breaks(rng.poisson(8, 120), _weeks(120), n_boot=19)
    assert flat.breaks.height == 0


def test_decompose_recovers_annual_cycle() -> None:
    n = 52 * 4
    t = np.arange(n)
    season = 0.5 * np.sin(2 * np.pi * t / 52)
    rng = np.random.default_rng(1)
    y = np.exp(2.0 + 0.003 * t + season) * rng.uniform(0.97, 1.03, n)
    got = decompose(y, _weeks(n), freq="week", log=False)
    got_log = decompose(y, _weeks(n), freq="week")
    assert np.corrcoef(got_log["seasonal"].to_numpy(), season)[0, 1] > 0.95
    assert got["trend"].is_sorted()  # rising trend
    with pytest.raises(ValueError, match="two seasonal cycles"):
        decompose(y[:60], _weeks(60), freq="week")


def test_crps_matches_closed_forms_and_the_pairwise_definition() -> None:
    # point mass at c: CRPS = |c - y| exactly
    point = np.full((50, 3), 4.0)
    assert crps_sample(point, np.array([4.0, 1.0, 10.5])).tolist() == [0.0, 3.0, 6.5]
    # normal N(mu, s^2): CRPS = s (z (2 Phi(z) - 1) + 2 phi(z) - 1 / sqrt(pi)), z = (y - mu) / s
    mu, s, k = 3.0, 2.0, 20_000
    samples = (mu + s * stats.norm.ppf((np.arange(k) + 0.5) / k))[:, None]  # quantile grid
    for y in (3.0, 4.5, -2.0):
        z = (y - mu) / s
        closed = s * (
            z * (2 * stats.norm.cdf(z) - 1) + 2 * stats.norm.pdf(z) - 1 / math.sqrt(math.pi)
        )
        assert crps_sample(samples, np.array([y]))[0] == pytest.approx(closed, abs=2e-3)
    # the sorted-sample shortcut equals the O(n^2) energy form E|X-y| - E|X-X'| / 2
    rng = np.random.default_rng(0)
    x = rng.poisson(5, size=(300, 2)).astype(float)
    obs = np.array([2.0, 9.0])
    brute = [np.abs(x[:, j] - obs[j]).mean()
             - 0.5 * np.abs(x[:, j, None] - x[None, :, j]).mean() for j in range(2)]  # fmt: skip
    assert crps_sample(x, obs) == pytest.approx(brute, rel=1e-12)


def test_crps_matches_closed_form_for_uniform_samples() -> None:
    samples = np.arange(0, 1001, dtype=float)[:, None] / 1000  # ~U(0,1)
    # CRPS of U(0,1) at y: y^2 - y + 1/3 for y in [0, 1]
    for y in (0.2, 0.5, 0.9):
        assert crps_sample(samples, np.array([y]))[0] == pytest.approx(y * y - y + 1 / 3, abs=2e-3)


def test_backtest_table_on_simulated_series() -> None:
    rng = np.random.default_rng(9)
    frame = pl.DataFrame({"period": _weeks(100), "value": _ar_series(rng, 100, 15.0, 0.1)})
    res = backtest(frame, horizon=3, n_origins=10, n_sims=400, metric="incidents")
    t = res.table
    assert set(t["model"]) == {
        "nb_ar",
        "ets_level",
        "ets_damped",
        "combo",
        "combo_median",
        "stack",
        "published",
        "naive",
        "seasonal_naive",
        "mean_4",
        "mean_8",
        "mean_13",
        "local_drift",
    }
    assert (t["n"] == 30).all()
    model = t.filter(pl.col("model") == "nb_ar").row(0, named=True)
    naive = t.filter(pl.col("model") == "naive").row(0, named=True)
    assert model["crps"] < naive["crps"]  # the simulated series is an NB autoregression
    assert 0.5 <= model["coverage80"] <= 1.0
    best = t.filter(pl.col("model").is_in(BASELINE_NAMES))["crps"].min()
    assert t.filter(pl.col("model") == "published")["crps_vs_best_baseline"][0] == pytest.approx(
        t.filter(pl.col("model") == "published")["crps"][0] / best
    )
    # the naive rule's point from origin t is y[t-1] (its predictive median adds its errors)
    y = frame["value"].cast(pl.Float64).to_numpy()
    assert point_matrix("naive", y, 3, 52)[50].tolist() == [y[49]] * 3
    assert "<table>" in res._repr_html_()


# -- real data ------------------------------------------------------------------------------
DRONES = ("attack_drone", "decoy_or_recon_drone")
MISSILES = ("cruise_missile", "ballistic_missile", "sam_ground_attack")


SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="module")
def real_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real official alerts and missile/drone attack waves ingested like a user would."""
    from analytics.store import Store

    if not SHARED_DATA.is_dir():
        pytest.skip(f"real datasets not found at {SHARED_DATA}")
    db = tmp_path_factory.mktemp("real") / "real.duckdb"
    with Store(db) as store:
        store.ingest_file("alerts", SHARED_DATA / "air-raid-sirens" / "official_data_en.csv")
        store.ingest_file("missiles", SHARED_DATA / "missile-attacks" / "missile_attacks_daily.csv")
    return db


def _last_complete_week(path: Path, column: str) -> dt.date:
    """Monday of the last ISO week the file covers in full (plain csv, independent of the
    package): the week of the latest Kyiv-local day is complete only if that day is a Sunday."""
    import csv
    from zoneinfo import ZoneInfo

    kyiv = ZoneInfo("Europe/Kyiv")
    with path.open(encoding="utf-8") as fh:
        last = max(
            dt.datetime.fromisoformat(r[column]).astimezone(kyiv).date()
            for r in csv.DictReader(fh)
            if r[column]
        )
    monday = last - dt.timedelta(days=last.weekday())
    return monday if last.weekday() == 6 else monday - dt.timedelta(weeks=1)


@pytest.mark.realdata
@pytest.mark.slow
def test_backtest_on_real_alerts_and_attacks(real_db: Path) -> None:
    """Weekly official alerts per oblast (pooled model) and weekly launched drones and
    missiles (national reports)."""
    from analytics.aggregate import metric_panel
    from analytics.store import Store

    with Store(real_db, read_only=True) as store:
        alerts = metric_panel(store, "alerts").filter(pl.col("oblast_code") != "UA")
        drones = metric_panel(store, "launched", weapon_classes=DRONES)
        missiles = metric_panel(store, "launched", weapon_classes=MISSILES)
    assert alerts["oblast_code"].n_unique() == 27
    # the incomplete last week is not in the panel
    last_week = _last_complete_week(
        SHARED_DATA / "air-raid-sirens" / "official_data_en.csv", "finished_at"
    )
    assert alerts["period"].max() == last_week
    # oblasts with alerts listed (Luhansk and Crimea have permanent alerts, not listed)
    active = alerts.group_by("oblast_code").agg(pl.col("value").sum()).filter(pl.col("value") > 50)
    alerts = alerts.filter(pl.col("oblast_code").is_in(active["oblast_code"].implode()))
    attacks = pl.concat(
        [drones.with_columns(oblast_code=pl.lit("drones")),
         missiles.with_columns(oblast_code=pl.lit("missiles"))]
    )  # fmt: skip
    res_alerts = backtest(alerts, horizon=4, n_origins=8, n_sims=400, metric="alerts")
    res_attacks = backtest(attacks, horizon=4, n_origins=8, n_sims=400, metric="launched",
                           pooled=False)  # fmt: skip
    table = pl.concat([res_alerts.table, res_attacks.table])
    model = table.filter(pl.col("model") == "published")
    assert model.height == active.height + 2 == 26
    assert (model["mase"] < 1).mean() > 0.5  # most series
    assert (model["rel_mae"] < 1).mean() > 0.8  # beats seasonal naive on the same forecasts
    rows = pl.concat([res_alerts.forecasts, res_attacks.forecasts]).filter(
        pl.col("model") == "published"
    )
    assert 0.70 <= rows["in80"].mean() <= 0.90
    assert rows["in95"].mean() >= 0.85


# -- the command line -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding 140 days of the package's SYNTHETIC demo incidents (ends on a Sunday)."""
    from analytics.demo import demo_incidents
    from analytics.store import Store

    folder = tmp_path_factory.mktemp("demo")
    path = folder / "incidents.csv"
    demo_incidents(days=140, seed=7).write_csv(path)
    db = folder / "demo.duckdb"
    with Store(db) as store:
        store.ingest_file("csv", path)
    return db


@pytest.mark.cli
def test_cli_forecast_csv_columns_and_train_end(demo_db: Path) -> None:
    from typer.testing import CliRunner

    from analytics.cli import app

    args = ["forecast", "--metric", "incidents", "--oblast", "all", "--horizon", "3",
            "--train-end", "2026-10-31", "--format", "csv", "--db", str(demo_db)]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    frame = pl.read_csv(result.stdout.encode(), try_parse_dates=True)
    assert frame.columns == ["metric", "oblast_code", "period_start", "mean", "median", "lo80",
                             "hi80", "lo95", "hi95", "model"]  # fmt: skip
    assert frame.height == 27 * 3 + 3  # every oblast, and the coherent national sum
    ua = frame.filter(pl.col("oblast_code") == "UA")
    assert ua["model"].unique().to_list() == ["coherent_sum"]
    # the national mean is the mean of the summed oblast paths: the sum of the oblast means (each
    # printed to 2 decimals, so within 27 half-cents)
    summed = frame.filter(pl.col("oblast_code") != "UA").group_by("period_start").agg(
        pl.col("mean").sum()).sort("period_start")["mean"]  # fmt: skip
    assert ((ua.sort("period_start")["mean"] - summed).abs() <= 27 * 0.005 + 1e-9).all()
    # the last week ending on or before Oct 31 (a Saturday) is Oct 19-25, so forecasts start Oct 26
    assert sorted(set(frame["period_start"])) == [dt.date(2026, 10, 26), dt.date(2026, 11, 2),
                                                 dt.date(2026, 11, 9)]  # fmt: skip
    assert (frame["lo95"] <= frame["lo80"]).all() and (frame["hi80"] <= frame["hi95"]).all()
    assert frame["lo80"].dtype == pl.Int64
    national = CliRunner().invoke(app, ["forecast", "--metric", "killed", "--format", "json",
                                        "--horizon", "2", "--db", str(demo_db)])  # fmt: skip
    assert national.exit_code == 0, national.output
    assert pl.read_json(national.stdout.encode())["oblast_code"].to_list() == ["UA", "UA"]
    bad = CliRunner().invoke(app, ["forecast", "--metric", "deaths", "--db", str(demo_db)])
    assert bad.exit_code == 2


@pytest.mark.cli
def test_cli_backtest_table(demo_db: Path) -> None:
    from typer.testing import CliRunner

    from analytics.cli import app

    args = ["backtest", "--metric", "incidents", "--oblast", "UA-14", "--horizon", "2",
            "--origins", "4", "--format", "csv", "--db", str(demo_db)]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    table = pl.read_csv(result.stdout.encode())
    # 20 weeks are too short for a 52-week seasonal naive: it is left out, not faked
    assert "seasonal_naive" not in set(table["model"])
    assert {"pooled_nb_ar", "naive", "mean_4", "published"} <= set(table["model"])
    assert table["rel_mae"].null_count() == table.height
    assert set(table["oblast_code"]) == {"UA-14"} and (table["n"] <= 8).all()


def test_metric_panel_national_counts_match_sql(demo_db: Path) -> None:
    from analytics.aggregate import metric_panel
    from analytics.store import Store

    with Store(demo_db, read_only=True) as store:
        panel = metric_panel(store, "incidents")
        expected = store.query(
            "select cast(date_trunc('week', occurred_on) as date) as period, count(*) as n "
            "from incidents group by all order by period"
        )
    nat = panel.filter(pl.col("oblast_code") == "UA").sort("period")
    assert nat["period"].to_list() == expected["period"].to_list()  # 20 complete weeks
    assert nat["value"].to_list() == [float(v) for v in expected["n"]]
    assert panel.filter(pl.col("oblast_code") != "UA")["oblast_code"].n_unique() == 27


@pytest.mark.cli
def test_cli_train_end_excludes_a_period_that_ends_after_it(demo_db: Path) -> None:
    from typer.testing import CliRunner

    from analytics.cli import app

    def first(train_end: str, freq: str) -> dt.date:
        args = ["forecast", "--metric", "incidents", "--freq", freq, "--horizon", "1",
                "--train-end", train_end, "--format", "csv", "--db", str(demo_db)]  # fmt: skip
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        return pl.read_csv(result.stdout.encode(), try_parse_dates=True)["period_start"][0]

    # October ends on the 31st: with --train-end Oct 30 it is not fitted, so it is forecast
    assert first("2026-10-30", "month") == dt.date(2026, 10, 1)
    assert first("2026-10-31", "month") == dt.date(2026, 11, 1)
    # the week Oct 26 - Nov 1 ends on Sunday Nov 1
    assert first("2026-10-31", "week") == dt.date(2026, 10, 26)
    assert first("2026-11-01", "week") == dt.date(2026, 11, 2)


@pytest.mark.cli
@pytest.mark.parametrize(
    ("args", "message"),
    [(["--train-end", "2026-13-01"], "not a date"), (["--format", "xml"], "--format"),
     (["--horizon", "0"], "--horizon"), (["--metric", "deaths"], "--metric"),
     (["--oblast", "UA-99"], "unknown oblast")],
)  # fmt: skip
def test_cli_bad_options_exit_2_with_a_message(
    demo_db: Path, args: list[str], message: str
) -> None:
    from typer.testing import CliRunner

    from analytics.cli import app

    base = {"--metric": "incidents"} | dict(zip(args[::2], args[1::2], strict=True))
    argv = ["forecast", *[x for kv in base.items() for x in kv], "--db", str(demo_db)]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output


@pytest.mark.cli
@pytest.mark.realdata
def test_cli_every_metric_forecasts_and_missing_data_is_a_clear_error(
    demo_db: Path, real_db: Path
) -> None:
    from typer.testing import CliRunner

    from analytics.aggregate import METRICS
    from analytics.cli import app

    has = {"incidents": demo_db, "killed": demo_db, "injured": demo_db}
    for metric in METRICS:
        db = has.get(metric, real_db)
        args = ["forecast", "--metric", metric, "--horizon", "2", "--format", "csv",
                "--db", str(db)]  # fmt: skip
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, (metric, result.output)
        frame = pl.read_csv(result.stdout.encode())
        assert frame["metric"].to_list() == [metric, metric]
        assert frame["oblast_code"].to_list() == ["UA", "UA"]
        assert (frame["lo95"] <= frame["hi95"]).all()
        if metric == "alerts":  # the national alerts are the oblasts' sum: chosen, reason said
            table = CliRunner().invoke(app, [*args[:5], "--db", str(db)])
            # either way the reason gives both past scores
            assert "direct national model" in table.stderr, table.stderr
            assert "coherent sum" in table.stderr or "coherent_sum" in table.stderr, table.stderr
        other = real_db if db == demo_db else demo_db  # the database without that data
        missing = CliRunner().invoke(app, [*args[:-1], str(other)])
        assert missing.exit_code == 3, (metric, missing.output)
        assert "no " in missing.stderr and "in the database" in missing.stderr
        assert missing.exception is None or isinstance(missing.exception, SystemExit)
