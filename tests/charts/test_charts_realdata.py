"""Chart layout invariants on the real datasets in ../shared/data (skipped where absent).

Frames are built here with polars directly from the raw files (not through the store), with
general rules only: an oblast is covered by a dataset between the first and last week it is
listed (a unit never listed is not covered), and a month with no row at all inside a
dataset's range is not covered for any oblast.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from analytics import charts  # noqa: E402
from analytics.reference.oblasts import oblasts, resolve_oblast  # noqa: E402
from tests.charts.panel_view import row_labels  # noqa: E402

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

CREDITS = {
    "alerts": "air-raid sirens dataset by Vadym Klymenko (MIT)",
    "waves": "missile attacks dataset by Petro Ivaniuk (Kaggle)",
    "ucdp": "UCDP GED (CC BY 4.0)",
}
#: "No chart's y-range more than a few times its data's range."
MAX_RANGE_RATIO = 3.0


def texts(fig: Figure) -> list[str]:
    fig.draw_without_rendering()
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def monday(col: pl.Expr) -> pl.Expr:
    return col.dt.truncate("1w")  # polars weeks start on Monday


def alerts_weekly(root: Path) -> pl.DataFrame:
    """Oblast-level alerts per week and oblast, zero-filled only where the oblast is covered."""
    raw = pl.read_csv(
        root / "air-raid-sirens" / "volunteer_data_en.csv", columns=["region", "started_at"]
    )
    codes = {r: resolve_oblast(r) for r in raw["region"].unique().to_list()}
    df = raw.with_columns(
        oblast_code=pl.col("region").replace_strict(codes, return_dtype=pl.String),
        period=monday(pl.col("started_at").str.slice(0, 10).str.to_date("%Y-%m-%d")),
    ).filter(pl.col("oblast_code").is_not_null())
    days = df["started_at"].str.slice(0, 10).str.to_date("%Y-%m-%d")
    df = df.filter(  # complete weeks only: the first and last weeks of the file are partial
        (pl.col("period") >= days.min()) & (pl.col("period") + dt.timedelta(days=6) <= days.max())
    )
    counts = df.group_by("period", "oblast_code").agg(alerts=pl.len())
    span = df.group_by("oblast_code").agg(first=pl.col("period").min(), last=pl.col("period").max())
    weeks = pl.date_range(df["period"].min(), df["period"].max(), "1w", eager=True).alias("period")
    grid = pl.DataFrame(weeks).join(pl.DataFrame({"oblast_code": oblasts()["code"]}), how="cross")
    return (
        grid.join(span, on="oblast_code", how="left")
        .join(counts, on=["period", "oblast_code"], how="left")
        .with_columns(
            covered=pl.col("period").is_between(pl.col("first"), pl.col("last")).fill_null(False)
        )
        .with_columns(alerts=pl.when(pl.col("covered")).then(pl.col("alerts").fill_null(0)))
        .drop("first", "last")
        .sort("period", "oblast_code")
    )


def waves_weekly(root: Path) -> pl.DataFrame:
    """Launched, destroyed and not reached per week (a week's sum is NULL if no row reports)."""
    raw = pl.read_csv(
        root / "missile-attacks" / "missile_attacks_daily.csv",
        columns=["time_start", "launched", "destroyed", "not_reach_goal"],
        schema_overrides={"time_start": pl.String},
        infer_schema_length=0,
    )
    counts = [
        pl.col(c).cast(pl.Float64, strict=False)
        for c in ("launched", "destroyed", "not_reach_goal")
    ]
    when = pl.col("time_start").str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    df = raw.with_columns(*counts, period=monday(when)).filter(pl.col("period").is_not_null())

    def total(c: str) -> pl.Expr:
        return pl.when(pl.col(c).is_not_null().any()).then(pl.col(c).sum()).alias(c)

    return (
        df.group_by("period")
        .agg(total("launched"), total("destroyed"), total("not_reach_goal"))
        .sort("period")
    )


def ucdp_monthly(root: Path) -> pl.DataFrame:
    """UCDP best-estimate deaths per month and oblast, not covered in months with no row."""
    raw = pl.read_csv(
        root / "ucdp-ged" / "UCDP-Ukraine.csv",
        columns=["adm_1", "date_start", "best"],
        encoding="utf8-lossy",
        infer_schema_length=0,
    )
    codes = {r: resolve_oblast(r) for r in raw["adm_1"].drop_nulls().unique().to_list()}
    df = raw.with_columns(
        period=pl.col("date_start")
        .str.split(" ")
        .list.first()
        .str.to_date("%m/%d/%Y", strict=False)
        .dt.truncate("1mo"),
        oblast_code=pl.col("adm_1").replace_strict(codes, default=None, return_dtype=pl.String),
        killed=pl.col("best").cast(pl.Float64, strict=False),
    ).filter(pl.col("period") >= dt.date(2022, 1, 1))
    months = pl.date_range(df["period"].min(), df["period"].max(), "1mo", eager=True).alias(
        "period"
    )
    listed = df["period"].unique().implode()
    sums = (
        df.filter(pl.col("oblast_code").is_not_null())
        .group_by("period", "oblast_code")
        .agg(pl.col("killed").sum())
    )
    grid = pl.DataFrame(months).join(pl.DataFrame({"oblast_code": oblasts()["code"]}), how="cross")
    return (
        grid.join(sums, on=["period", "oblast_code"], how="left")
        .with_columns(covered=pl.col("period").is_in(listed))
        .with_columns(killed=pl.when(pl.col("covered")).then(pl.col("killed").fill_null(0.0)))
        .sort("period", "oblast_code")
    )  # fmt: skip


def assert_y_range_fits_data(fig: Figure, data: np.ndarray) -> None:
    ax = fig.axes[0]
    lo, hi = ax.get_ylim()
    finite = data[np.isfinite(data)]
    data_range = float(finite.max()) - min(0.0, float(finite.min()))
    assert data_range > 0
    assert (hi - lo) <= MAX_RANGE_RATIO * data_range, (ax.get_title(), (lo, hi), data_range)


def test_map_axes_box_identical_with_one_or_three_sources(shared_data: Path) -> None:
    a = alerts_weekly(shared_data)
    month = a.filter(pl.col("period").is_between(dt.date(2023, 3, 6), dt.date(2023, 3, 27)))
    per_oblast = month.group_by("oblast_code").agg(  # NULL unless every week is covered
        rate=pl.when(pl.col("covered").all()).then(pl.col("alerts").sum())
    )
    boxes = []
    for credit in ([CREDITS["alerts"]], list(CREDITS.values())):
        fig = charts.tile_map(per_oblast, title="Air-raid alerts, March 2023", units="Alerts (count)",
                              value_format="{:,.0f}", sources=credit)  # fmt: skip
        fig.draw_without_rendering()
        boxes.append([tuple(np.round(ax.get_position().bounds, 6)) for ax in fig.axes])
        assert "n/a" in texts(fig)  # units the dataset does not list are unknown, not zero
    assert boxes[0] == boxes[1]
    assert boxes[0][0][2] > 0.5  # the map is not squeezed into a corner


def test_alerts_heatmap_hatches_uncovered_units_and_ticks_do_not_overlap(shared_data: Path) -> None:
    a = alerts_weekly(shared_data)
    fig = charts.heatmap(a, value_col="alerts", sources=[CREDITS["alerts"]])
    ax = fig.axes[0]
    hatched_rows = {
        round(p.get_y() + 0.5) for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()
    }
    names = [t.get_text() for t in row_labels(ax)]
    never_listed = a.group_by("oblast_code").agg(pl.col("covered").any()).filter(~pl.col("covered"))
    stopped = a.filter(~pl.col("covered")).select("oblast_code").unique()
    assert stopped.height >= never_listed.height  # every uncovered unit ...
    assert len(hatched_rows) == stopped.height  # ... is cross-hatched on its own row
    assert names == sorted(names)  # alphabetical by default
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw_without_rendering()
    labels = sorted(
        (t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()),
        key=lambda b: b.x0,
    )
    assert 2 <= len(labels) <= 8
    assert all(left.x1 < right.x0 for left, right in zip(labels, labels[1:], strict=False))
    assert any("does not cover" in t for t in texts(fig))


def test_ucdp_heatmap_gap_months_are_not_zero(shared_data: Path) -> None:
    u = ucdp_monthly(shared_data)
    gap_months = u.filter(~pl.col("covered"))["period"].unique()
    assert gap_months.len() > 0  # the file has months without any event
    fig = charts.heatmap(u, value_col="killed", title="Killed per month (UCDP best estimate)",
                         units="Killed (count per month)", xlabel="Month", order="value",
                         sources=[CREDITS["ucdp"]])  # fmt: skip
    ax = fig.axes[0]
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert sum(p.get_width() for p in hatched) == gap_months.len() * 27  # every gap cell
    totals = u.group_by("oblast_code").agg(pl.col("killed").sum()).sort("killed", descending=True)
    assert row_labels(ax)[0].get_text() == oblasts().filter(pl.col("code") == totals["oblast_code"][0])["name_en"][0].removesuffix(" Oblast")  # fmt: skip


def test_empty_charts_carry_a_note(shared_data: Path) -> None:
    w = waves_weekly(shared_data)
    before = w.filter(pl.col("period") < w["period"].min())  # a window the dataset does not cover
    assert before.height == 0
    found = texts(charts.attack_composition(before, sources=[CREDITS["waves"]]))
    assert "No data" in found and any(t.startswith("No attack waves") for t in found)
    u = ucdp_monthly(shared_data)
    gap = u.filter(
        ~pl.col("covered") & (pl.col("period") == u.filter(~pl.col("covered"))["period"].min())
    )
    found = texts(charts.heatmap(gap, value_col="killed", sources=[CREDITS["ucdp"]]))
    assert "No data" in found


def test_wave_and_fan_charts_keep_y_range_near_data(shared_data: Path, tmp_path: Path) -> None:
    from analytics.modelling.forecast import forecast

    w = waves_weekly(shared_data)
    w = w.filter(pl.col("period") >= w["period"].max() - dt.timedelta(weeks=51))
    comp = charts.attack_composition(w, sources=[CREDITS["waves"]])
    assert_y_range_fits_data(comp, w["launched"].cast(pl.Float64).to_numpy())
    hist = w.filter(pl.col("period") < w["period"].max()).select("period", value=pl.col("launched"))
    fc = forecast(hist, freq="week", horizon=8, metric="launched", seed=0, n_sims=400)
    fan = charts.forecast_fan(hist, fc.forecasts, center_col="median", sources=[CREDITS["waves"]],
                              ylabel="Launched (count per week)")  # fmt: skip
    assert_y_range_fits_data(fan, hist["value"].cast(pl.Float64).to_numpy())
    assert fan.axes[0].get_ylim()[0] == 0.0
    caption = charts.fan_caption(fan, what="missiles and drones launched", unit="week")
    assert "median" in caption
    charts.save_figure(fan, tmp_path / "fan.png")
    charts.save_figure(comp, tmp_path / "composition.png")


def test_breaks_on_real_alerts_stay_in_range(shared_data: Path) -> None:
    from analytics.modelling.breaks import find_breaks

    a = alerts_weekly(shared_data)
    national = a.group_by("period").agg(value=pl.col("alerts").sum()).sort("period")
    national = national.filter(pl.col("period") < national["period"].max())  # last week partial
    br = find_breaks(national["value"], national["period"], seed=0, n_boot=99)
    fig = charts.structural_breaks(national, br.breaks, fitted=br.fitted, sources=[CREDITS["alerts"]],
                                   ylabel="Alerts (count per week)")  # fmt: skip
    assert_y_range_fits_data(fig, national["value"].cast(pl.Float64).to_numpy())
    assert fig.axes[0].get_ylim()[0] == 0.0
    assert not any(t.startswith("-") and "→" in t for t in texts(fig))
