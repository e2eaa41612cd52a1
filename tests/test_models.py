"""Models on simulated series with known truth, and the backtest on real alerts and attacks."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from analytics.backtest import backtest, crps_sample
from analytics.forecast import FORECAST_COLUMNS, forecast, forecast_pooled, surge_alerts
from analytics.models import decompose, find_breaks, fit_counts

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
    n, reps, covered, poisson = 400, 60, 0, 0
    for _ in range(reps):
        exposure = rng.uniform(0.5, 5.0, n)  # e.g. population in millions
        y = rng.poisson(2.0 * exposure)
        model = fit_counts(y, _weeks(n), exposure=exposure, trend=False, fourier=0)
        poisson += model.family == "poisson"
        row = model.coefficients.row(0, named=True)  # the rate per unit of exposure
        covered += row["irr_low"] < 2.0 < row["irr_high"]
    assert "no evidence of overdispersion" in model.reason or model.family != "poisson"
    assert poisson >= 0.85 * reps  # the LR test keeps Poisson unless p < 0.05 (boundary: ~2.5%)
    lo, hi = _binomial_band(0.95, reps)
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
        res = forecast(frame, horizon=horizon, n_sims=500, seed=i)
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
    assert "historical mean" in forecast(sparse, horizon=2).reason
    with pytest.raises(ValueError, match="NULL"):
        forecast(pl.DataFrame({"period": _weeks(3), "value": [1.0, None, 2.0]}))


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
    assert set(t["model"]) == {"nb_ar", "naive", "seasonal_naive", "mean"}
    assert (t["n"] == 30).all()
    model = t.filter(pl.col("model") == "nb_ar").row(0, named=True)
    naive = t.filter(pl.col("model") == "naive").row(0, named=True)
    assert model["crps"] < naive["crps"]
    assert 0.5 <= model["coverage80"] <= 1.0
    rows = res.forecasts.filter(pl.col("model") == "naive")
    first = rows.row(0, named=True)
    assert first["point"] == frame["value"][frame["period"].to_list().index(first["origin"])]
    assert "<table>" in res._repr_html_()


# -- real data ------------------------------------------------------------------------------
DRONES = ("attack_drone", "decoy_or_recon_drone")
MISSILES = ("cruise_missile", "ballistic_missile", "sam_ground_attack")


@pytest.mark.realdata
@pytest.mark.slow
def test_backtest_on_real_alerts_and_attacks(shared_data: Path, tmp_path: Path) -> None:
    """Weekly official alerts per oblast (pooled model) and weekly launched drones and
    missiles (national reports), ingested through the store like a user would."""
    from analytics.aggregate import metric_panel
    from analytics.store import Store

    with Store(tmp_path / "real.duckdb") as store:
        store.ingest_file("alerts", shared_data / "air-raid-sirens" / "official_data_en.csv")
        store.ingest_file("missiles", shared_data / "missile-attacks" / "missile_attacks_daily.csv")
        alerts = metric_panel(store, "alerts").filter(pl.col("oblast_code") != "UA")
        drones = metric_panel(store, "launched", weapon_classes=DRONES)
        missiles = metric_panel(store, "launched", weapon_classes=MISSILES)
    assert alerts["oblast_code"].n_unique() == 27
    assert alerts["period"].max() == dt.date(2023, 12, 11)  # the week of Dec 18 is incomplete
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
    model = table.filter(pl.col("model").is_in(["pooled_nb_ar", "nb_ar"]))
    assert model.height == active.height + 2 == 26
    assert (model["mase"] < 1).mean() > 0.5  # most series
    assert (model["rel_mae"] < 1).mean() > 0.8  # beats seasonal naive on the same forecasts
    rows = pl.concat([res_alerts.forecasts, res_attacks.forecasts]).filter(
        pl.col("model").is_in(["pooled_nb_ar", "nb_ar"])
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
    assert frame.columns == ["metric", "oblast_code", "period_start", "mean", "lo80", "hi80",
                             "lo95", "hi95"]  # fmt: skip
    assert frame.height == 27 * 3
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
    assert set(table["model"]) == {"pooled_nb_ar", "naive", "mean"}
    assert table["rel_mae"].null_count() == table.height
    assert set(table["oblast_code"]) == {"UA-14"} and (table["n"] == 8).all()


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
