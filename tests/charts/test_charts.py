"""Tests for analytics.charts: structure, values read back from artists, determinism, images.

Baseline images live in tests/fixtures/charts/. They are never written by the tests; after an
intended visual change, regenerate them explicitly with
``.venv/bin/python tests/test_charts.py --update-baselines`` and review the PNGs.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402  (only to check pyplot's registry stays empty)
import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import QuadMesh  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.testing.compare import compare_images  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from analytics import charts  # noqa: E402
from tests.charts.panel_view import (
    panel_boxes,
    panel_line,
    panel_texts,
    row_labels,
    y_scale,
)  # noqa: E402

BASELINES = Path(__file__).parents[1] / "fixtures" / "charts"
SOURCE = "Source: hand-made test frame"

# A hand-made 27-unit gazetteer (ISO 3166-2:UA codes; tile positions invented for the test).
GAZ_ROWS = [
    ("UA-07", "Volyn Oblast", 0, 1), ("UA-56", "Rivne Oblast", 0, 2),
    ("UA-18", "Zhytomyr Oblast", 0, 3), ("UA-30", "Kyiv", 0, 4),
    ("UA-74", "Chernihiv Oblast", 0, 5), ("UA-59", "Sumy Oblast", 0, 6),
    ("UA-46", "Lviv Oblast", 1, 0), ("UA-61", "Ternopil Oblast", 1, 1),
    ("UA-68", "Khmelnytskyi Oblast", 1, 2), ("UA-05", "Vinnytsia Oblast", 1, 3),
    ("UA-32", "Kyiv Oblast", 1, 4), ("UA-53", "Poltava Oblast", 1, 5),
    ("UA-63", "Kharkiv Oblast", 1, 6), ("UA-09", "Luhansk Oblast", 1, 7),
    ("UA-21", "Zakarpattia Oblast", 2, 0), ("UA-26", "Ivano-Frankivsk Oblast", 2, 1),
    ("UA-77", "Chernivtsi Oblast", 2, 2), ("UA-35", "Kirovohrad Oblast", 2, 3),
    ("UA-71", "Cherkasy Oblast", 2, 4), ("UA-12", "Dnipropetrovsk Oblast", 2, 5),
    ("UA-14", "Donetsk Oblast", 2, 6), ("UA-51", "Odesa Oblast", 3, 3),
    ("UA-48", "Mykolaiv Oblast", 3, 4), ("UA-65", "Kherson Oblast", 3, 5),
    ("UA-23", "Zaporizhzhia Oblast", 3, 6), ("UA-40", "Sevastopol", 4, 4),
    ("UA-43", "Autonomous Republic of Crimea", 4, 5),
]  # fmt: skip
CODES = [r[0] for r in GAZ_ROWS]


@pytest.fixture
def gaz() -> pl.DataFrame:
    return pl.DataFrame(
        GAZ_ROWS, schema=["code", "name_en", "tile_row", "tile_col"], orient="row"
    ).with_columns(population_2022=pl.lit(1_000_000, pl.Int64))


def weeks(n: int, start: dt.date = dt.date(2024, 1, 1)) -> list[dt.date]:
    return [start + dt.timedelta(weeks=i) for i in range(n)]


HIST = pl.DataFrame({"period": weeks(6), "value": [10.0, 12.0, None, 15.0, 30.0, 14.0]})
FORECAST = pl.DataFrame(
    {
        "period_start": weeks(3, dt.date(2024, 2, 12)),
        "mean": [15.0, 16.0, 17.0],
        "lo80": [12.0, 12.0, 12.0],
        "hi80": [18.0, 20.0, 22.0],
        "lo95": [10.0, 9.0, 8.0],
        "hi95": [20.0, 23.0, 26.0],
    }
)
SURGES = pl.DataFrame({"period": [dt.date(2024, 1, 29)], "value": [30.0], "p_value": [0.003]})
MIX = pl.DataFrame(
    {
        "period": [dt.date(2024, 1, 1)] * 2 + [dt.date(2024, 2, 1)] * 3 + [dt.date(2024, 3, 1)],
        "strike_type": ["missile", "drone", "missile", "drone", "artillery", "drone"],
        "incidents": [3, 1, 2, 2, 4, 5],
    }
)
WEEKLY = pl.DataFrame({"week": weeks(4), "launched": [10, 0, 40, None], "destroyed": [8, 0, 30, 5]})


def panel_frame(codes: list[str] = CODES[:25], n_weeks: int = 3) -> pl.DataFrame:
    rows = [
        (w, c, float(i * 10 + j)) for i, c in enumerate(codes) for j, w in enumerate(weeks(n_weeks))
    ]
    return pl.DataFrame(rows, schema=["period", "oblast_code", "incidents"], orient="row")


def rates() -> pl.DataFrame:
    vals: list[float | None] = [float(i) * 2.5 for i in range(25)] + [None]  # UA-40 NULL
    return pl.DataFrame({"oblast_code": CODES[:26], "rate": vals})  # UA-43 absent


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


Builder = Callable[..., Figure]


def builders(gaz: pl.DataFrame) -> dict[str, Builder]:
    """Each chart with small data; extra keyword arguments (source, synthetic, ax) pass on."""
    return {
        "forecast_fan": lambda **k: charts.forecast_fan(HIST, FORECAST, surges=SURGES, **k),
        "small_multiples": lambda **k: charts.small_multiples(panel_frame(), gazetteer=gaz, **k),
        "tile_map": lambda **k: charts.tile_map(rates(), gazetteer=gaz, **k),
        "mix_over_time": lambda **k: charts.mix_over_time(MIX, **k),
        "heatmap": lambda **k: charts.heatmap(
            panel_frame().rename({"incidents": "alerts"}), gazetteer=gaz, **k
        ),
        "interceptions": lambda **k: charts.interceptions(WEEKLY, **k),
    }


CHARTS = list(builders(pl.DataFrame()).keys())
SINGLE_PANEL = [c for c in CHARTS if c != "small_multiples"]


# --------------------------------------------------------------------------- every chart


@pytest.mark.parametrize("name", CHARTS)
@pytest.mark.parametrize("synthetic", [True, False])
def test_chart_has_title_labels_source_and_synthetic_label(
    name: str, synthetic: bool, gaz: pl.DataFrame
) -> None:
    before = plt.get_fignums()
    fig = builders(gaz)[name](source=SOURCE, synthetic=synthetic)
    assert plt.get_fignums() == before  # nothing registered with pyplot
    assert isinstance(fig, Figure)
    found = texts(fig)
    assert SOURCE in found
    assert (charts.SYNTHETIC_TEXT in found) is synthetic
    ax = fig.axes[0]
    title = ax.get_title(loc="left") or (fig._suptitle.get_text() if fig._suptitle else "")
    assert title.strip()
    if name == "tile_map":  # no axes; units are on the colourbar
        assert "per 100,000" in fig.axes[1].get_ylabel()
    elif name == "heatmap":  # categorical y; the value's unit is on the colourbar
        assert ax.get_xlabel() and ax.get_ylabel() == "Oblast"
        assert "(count per week)" in fig.axes[1].get_ylabel()
    elif name == "small_multiples":
        assert "Week starting (Monday)" in found
        assert any("(count per week)" in t for t in found)
    else:
        assert ax.get_xlabel()
        assert "(" in ax.get_ylabel()  # a unit in brackets


@pytest.mark.parametrize("name", SINGLE_PANEL)
def test_ax_draws_into_given_axes(name: str, gaz: pl.DataFrame) -> None:
    host = Figure(figsize=(8, 8))
    ax_other, ax = host.subplots(2, 1)
    before = plt.get_fignums()
    fig = builders(gaz)[name](ax=ax, source=SOURCE)
    assert plt.get_fignums() == before
    assert fig is host
    assert ax.get_title(loc="left")
    assert ax.has_data() or ax.patches or ax.collections
    assert not ax_other.has_data() and not ax_other.get_title(loc="left")


BYTE_CASES = [(name, ".png") for name in CHARTS] + [
    ("forecast_fan", ".svg"), ("forecast_fan", ".pdf"), ("tile_map", ".svg"), ("heatmap", ".pdf"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "suffix"), BYTE_CASES)
def test_save_figure_is_byte_identical(
    name: str, suffix: str, gaz: pl.DataFrame, tmp_path: Path
) -> None:
    fig = builders(gaz)[name](source=SOURCE, synthetic=True)
    a = charts.save_figure(fig, tmp_path / f"a{suffix}")
    b = charts.save_figure(fig, tmp_path / f"b{suffix}")  # the same figure saved again
    rebuilt = builders(gaz)[name](source=SOURCE, synthetic=True)
    c = charts.save_figure(rebuilt, tmp_path / f"c{suffix}")  # the same input drawn again
    assert a.read_bytes() == b.read_bytes() == c.read_bytes()
    assert a.stat().st_size > 1000


def test_save_figure_strips_timestamps_and_software(tmp_path: Path) -> None:
    fig = charts.interceptions(WEEKLY)
    png = charts.save_figure(fig, tmp_path / "x.png").read_bytes()
    pdf = charts.save_figure(fig, tmp_path / "x.pdf").read_bytes()
    svg = charts.save_figure(fig, tmp_path / "x.svg").read_text()
    assert b"Software" not in png and b"matplotlib" not in png.lower()
    assert b"CreationDate" not in pdf
    assert "<dc:date>" not in svg
    assert "DejaVu" in svg or "<path" in svg  # text as paths, font pinned
    with pytest.raises(ValueError, match="unsupported"):
        charts.save_figure(fig, tmp_path / "x.jpg")


def test_save_figure_png_size_is_report_size(tmp_path: Path) -> None:
    from matplotlib.image import imread

    img = imread(charts.save_figure(charts.interceptions(WEEKLY), tmp_path / "r.png"))
    assert img.shape[:2] == (600, 1125)  # 4 x 7.5 inches at 150 dpi


# --------------------------------------------------------------------------- no data


EMPTY_CASES: dict[str, Builder] = {
    "fan_empty": lambda g: charts.forecast_fan(HIST.head(0), None),
    "fan_all_null": lambda g: charts.forecast_fan(
        pl.DataFrame(
            {"period": weeks(3), "value": [None, None, None]},
            schema_overrides={"value": pl.Float64},
        ),
        FORECAST.head(0),
    ),
    "mix_empty": lambda g: charts.mix_over_time(MIX.head(0)),
    "mix_all_null": lambda g: charts.mix_over_time(
        MIX.with_columns(incidents=pl.lit(None, pl.Int64))
    ),
    "heatmap_empty": lambda g: charts.heatmap(
        pl.DataFrame(schema={"period": pl.Date, "oblast_code": pl.String, "alerts": pl.Int64}),
        gazetteer=g,
    ),
    "interceptions_all_null": lambda g: charts.interceptions(
        WEEKLY.with_columns(launched=pl.lit(None, pl.Int64), destroyed=pl.lit(None, pl.Int64))
    ),
    "interceptions_empty": lambda g: charts.interceptions(WEEKLY.head(0)),
}


@pytest.mark.parametrize("case", list(EMPTY_CASES))
def test_no_data_figures(case: str, gaz: pl.DataFrame, tmp_path: Path) -> None:
    fig = EMPTY_CASES[case](gaz)
    assert "No data" in texts(fig)
    charts.save_figure(fig, tmp_path / "empty.png")  # draws without raising


def test_tile_map_all_null_draws_every_tile_na(gaz: pl.DataFrame) -> None:
    fig = charts.tile_map(pl.DataFrame({"oblast_code": CODES, "rate": [None] * 27}), gazetteer=gaz)
    assert texts(fig).count("n/a") == 27
    assert any(t.startswith("No data") for t in texts(fig))
    assert len(fig.axes) == 1  # no colourbar without a range


def test_small_multiples_empty_panel(gaz: pl.DataFrame) -> None:
    fig = charts.small_multiples(panel_frame().head(0), gazetteer=gaz)
    assert texts(fig).count("no data") == 27
    assert "No data for any oblast." in texts(fig)


# --------------------------------------------------------------------------- values


def test_forecast_fan_values(gaz: pl.DataFrame) -> None:
    fig = charts.forecast_fan(HIST, FORECAST, surges=SURGES)
    ax = fig.axes[0]
    observed, mean, _vline, surge = ax.lines
    np.testing.assert_array_equal(observed.get_ydata(), [10.0, 12.0, np.nan, 15.0, 30.0, 14.0])
    assert list(observed.get_xdata()) == list(np.array(weeks(6), dtype="datetime64[D]"))
    np.testing.assert_array_equal(mean.get_ydata(), [15.0, 16.0, 17.0])
    np.testing.assert_array_equal(surge.get_ydata(), [30.0])
    band95, band80 = ax.collections[:2]
    ys95 = band95.get_paths()[0].vertices[:, 1]
    assert {8.0, 26.0} <= set(ys95.tolist()) and ys95.min() == 8.0 and ys95.max() == 26.0
    ys80 = band80.get_paths()[0].vertices[:, 1]
    assert ys80.min() == 12.0 and ys80.max() == 22.0
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"Observed", "Forecast (mean)", "80% interval", "95% interval", "Flagged surge"} <= set(
        labels
    )
    assert "p=0.003" in texts(fig)


def test_neighbouring_surges_share_one_label_the_most_significant() -> None:
    # 60 weekly values; surges in weeks 30, 31 (adjacent: 1 week apart, under 6% of 59 weeks)
    # and 50 (far from both): labels for the smaller p of the pair and for week 50.
    hist = pl.DataFrame({"period": weeks(60), "value": [10.0] * 60})
    when = [weeks(60)[i] for i in (30, 31, 50)]
    surges = pl.DataFrame(
        {"period": when, "value": [40.0, 45.0, 41.0], "p_value": [0.02, 0.001, 0.03]}
    )
    fc = FORECAST.with_columns(period_start=pl.Series(weeks(3, weeks(61)[-1])))
    shown = [t for t in texts(charts.forecast_fan(hist, fc, surges=surges)) if t.startswith("p=")]
    assert sorted(shown) == ["p=0.001", "p=0.03"]


def test_forecast_fan_can_draw_the_median() -> None:
    fc = FORECAST.with_columns(median=pl.Series([14.0, 15.0, 15.0]), mean=pl.lit(1e6))
    ax = charts.forecast_fan(HIST, fc, center_col="median").axes[0]
    np.testing.assert_array_equal(ax.lines[1].get_ydata(), [14.0, 15.0, 15.0])
    assert "Forecast (median)" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.get_ylim()[1] < 100  # an exploding mean does not set the scale


def test_forecast_fan_incomplete_period_not_joined() -> None:
    hist = HIST.with_columns(complete=pl.Series([True] * 5 + [False]))
    ax = charts.forecast_fan(hist).axes[0]
    observed, incomplete = ax.lines[:2]
    assert np.isnan(observed.get_ydata()[-1])
    np.testing.assert_array_equal(incomplete.get_ydata(), [14.0])
    assert "Incomplete period" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_small_multiples_panels_titles_and_values(gaz: pl.DataFrame) -> None:
    # one canvas axes; each panel is a box (invisible Rectangle), a title and a line
    fig = charts.small_multiples(panel_frame(), gazetteer=gaz, sharey=True)
    boxes = panel_boxes(fig)
    assert len(boxes) == 27
    titles = list(boxes)
    assert titles == sorted(titles)  # order="name"
    assert [t.get_text() for t in panel_texts(fig, "panel-title")] == titles
    assert {"Kyiv city", "Kyiv obl.", "Crimea", "Sevastopol", "Ivano-Frankivsk"} <= set(titles)
    assert not any("Oblast" in t for t in titles)
    kharkiv = panel_line(fig, "Kharkiv")
    i = CODES.index("UA-63")
    assert kharkiv is not None
    np.testing.assert_array_equal(kharkiv.get_ydata(), [i * 10.0, i * 10 + 1, i * 10 + 2])
    no_data = panel_texts(fig, "no-data")
    for absent in ("Crimea", "Sevastopol"):
        assert panel_line(fig, absent) is None
        x0, y0, w, h = boxes[absent]
        centred = [np.allclose(t.get_position(), (x0 + w / 2, y0 + h / 2), atol=1e-5)
                   for t in no_data]  # fmt: skip
        assert sum(centred) == 1, absent
    assert len(no_data) == 2
    drawn = [name for name in titles if panel_line(fig, name) is not None]
    assert len({y_scale(fig, name) for name in drawn}) == 1  # shared scale
    assert not any("own y scale" in t for t in texts(fig))


def test_small_multiples_free_scale_says_so(gaz: pl.DataFrame) -> None:
    fig = charts.small_multiples(panel_frame(), gazetteer=gaz, sharey=False, order="code")
    drawn = [name for name in panel_boxes(fig) if panel_line(fig, name) is not None]
    assert drawn and all(y_scale(fig, name)[0] == 0 for name in drawn)  # own scale, from zero
    assert list(panel_boxes(fig))[:2] == ["Vinnytsia", "Volyn"]  # UA-05, UA-07
    assert len({y_scale(fig, name) for name in drawn}) > 1
    assert any("own y scale" in t for t in texts(fig))


def test_small_multiples_rejects_unknown_code_and_notes_null_code(gaz: pl.DataFrame) -> None:
    bad = panel_frame().with_columns(oblast_code=pl.lit("UA-99"))
    with pytest.raises(ValueError, match="UA-99"):
        charts.small_multiples(bad, gazetteer=gaz)
    nulls = pl.concat(
        [panel_frame(), panel_frame(["UA-05"]).with_columns(oblast_code=pl.lit(None, pl.String))]
    )
    assert "Not shown: 3 row(s) with no oblast." in texts(
        charts.small_multiples(nulls, gazetteer=gaz)
    )


def test_tile_map_tiles_values_and_na(gaz: pl.DataFrame) -> None:
    fig = charts.tile_map(rates(), gazetteer=gaz, value_format="{:.1f}")
    ax = fig.axes[0]
    tiles = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(tiles) == 27
    assert {(round(t.get_x()), round(t.get_y())) for t in tiles} == {
        (c, r) for _, _, r, c in GAZ_ROWS
    }
    found = [t.get_text() for t in ax.texts]
    for i in range(25):
        assert f"{i * 2.5:.1f}" in found  # every reported value is written in its tile
    assert found.count("n/a") == 2  # UA-40 NULL, UA-43 absent: unknown, not zero
    assert "0.0" in found  # a real zero is written as a number
    na_tiles = [t for t in tiles if t.get_hatch()]
    assert len(na_tiles) == 2
    assert {(round(t.get_x()), round(t.get_y())) for t in na_tiles} == {(4, 4), (5, 4)}
    assert "Kyiv city" in found and "Kyiv obl." in found
    assert fig.axes[1].get_ylabel() == "Incidents per 100,000 residents (2022 population)"


def test_tile_map_text_colour_contrasts_with_tile(gaz: pl.DataFrame) -> None:
    values = pl.DataFrame({"oblast_code": ["UA-63", "UA-14"], "rate": [0.0, 100.0]})
    ax = charts.tile_map(values, gazetteer=gaz, value_format="{:.0f}").axes[0]
    by_text = {t.get_text(): t for t in ax.texts}
    assert by_text["0"].get_color() == "black"  # palest tile
    assert by_text["100"].get_color() == "white"  # darkest tile


def test_tile_map_rejects_duplicates_and_unknown_codes(gaz: pl.DataFrame) -> None:
    dup = pl.DataFrame({"oblast_code": ["UA-63", "UA-63"], "rate": [1.0, 2.0]})
    with pytest.raises(ValueError, match="repeated"):
        charts.tile_map(dup, gazetteer=gaz)
    with pytest.raises(ValueError, match="UA-99"):
        charts.tile_map(pl.DataFrame({"oblast_code": ["UA-99"], "rate": [1.0]}), gazetteer=gaz)


def test_mix_over_time_shares_as_bars() -> None:
    ax = charts.mix_over_time(MIX, kind="bar", share=True).axes[0]
    # categories by total, largest first: drone (8), missile (5), artillery (4)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["Artillery", "Missile", "Drone"]  # legend top-down = stack top-down
    drone, missile, artillery = (np.array([b.get_height() for b in c]) for c in ax.containers)
    np.testing.assert_allclose(drone, [25.0, 25.0, 100.0])
    np.testing.assert_allclose(missile, [75.0, 25.0, 0.0])
    np.testing.assert_allclose(artillery, [0.0, 50.0, 0.0])
    np.testing.assert_allclose(drone + missile + artillery, 100.0)
    assert (
        to_hex(ax.containers[1][0].get_facecolor()) == charts.STRIKE_TYPE_COLOURS["missile"].lower()
    )
    assert ax.get_ylabel() == "Share of incidents (%)"


def test_mix_over_time_counts_and_null_period_left_blank() -> None:
    frame = pl.concat(
        [MIX, pl.DataFrame({"period": [dt.date(2024, 3, 1)], "strike_type": ["missile"], "incidents": [None]},
                           schema_overrides={"incidents": pl.Int64})]
    )  # fmt: skip
    fig = charts.mix_over_time(
        frame, kind="bar", share=False, categories=["missile", "drone", "artillery"]
    )
    ax = fig.axes[0]
    missile = np.array([b.get_height() for b in ax.containers[0]])
    np.testing.assert_array_equal(missile, [3.0, 2.0, np.nan])  # March unknown, not 5 drones only
    assert "1 period(s) with unreported values left blank." in texts(fig)
    assert ax.get_ylabel() == "Incidents (count)"
    with pytest.raises(ValueError, match="not listed"):
        charts.mix_over_time(MIX, categories=["missile"])


def test_mix_over_time_hatches_uncovered_periods_without_bars() -> None:
    """A period no source covers is a cross-hatched bar, not an empty slot; a covered one
    keeps its data bars and gets no hatch."""
    first, gap = dt.date(2024, 1, 1), dt.date(2023, 12, 1)  # the gap has no bar of its own
    fig = charts.mix_over_time(MIX, kind="bar", uncovered=[gap, first])
    ax = fig.axes[0]
    hatched = [b for c in ax.containers for b in c if b.get_hatch()]
    assert len(hatched) == 1  # the gap only: `first` has data bars
    assert hatched[0].get_height() == 100.0
    assert mdates.num2date(hatched[0].get_x() + hatched[0].get_width() / 2).date() == gap
    assert "Cross-hatched: periods no source covers (unknown, not zero)." in texts(fig)
    plain = charts.mix_over_time(MIX, kind="bar").axes[0]
    assert not [b for c in plain.containers for b in c if b.get_hatch()]


def test_mix_over_time_area_draws_one_polygon_per_category() -> None:
    ax = charts.mix_over_time(MIX, kind="area").axes[0]
    assert len(ax.collections) == 3
    top = ax.collections[-1].get_paths()[0].vertices[:, 1]
    assert np.isclose(top.max(), 100.0)


def test_heatmap_cells_equal_inputs_and_missing_is_masked(gaz: pl.DataFrame) -> None:
    panel = panel_frame().rename({"incidents": "alerts"})
    panel = panel.with_columns(
        alerts=pl.when(
            (pl.col("oblast_code") == "UA-63") & (pl.col("period") == dt.date(2024, 1, 8))
        )
        .then(None)
        .otherwise(pl.col("alerts"))
    )
    fig = charts.heatmap(panel, gazetteer=gaz, order="code")
    ax = fig.axes[0]
    mesh = next(c for c in ax.collections if isinstance(c, QuadMesh))
    arr = mesh.get_array().reshape(27, 3)
    assert [t.get_text() for t in row_labels(ax)][:2] == ["Vinnytsia", "Volyn"]
    codes = sorted(CODES)
    for r, code in enumerate(codes):
        for j in range(3):
            if code in ("UA-40", "UA-43") or (code == "UA-63" and j == 1):
                assert arr.mask[r, j]
            else:
                assert arr[r, j] == CODES.index(code) * 10 + j
    assert "Grey hatched cells: no data (unknown, not zero)." in texts(fig)
    assert fig.axes[1].get_ylabel() == "Alerts (count per week)"
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "2024-01-01",
        "2024-01-08",
        "2024-01-15",
    ]


def test_heatmap_rejects_duplicate_cells(gaz: pl.DataFrame) -> None:
    panel = panel_frame().rename({"incidents": "alerts"})
    with pytest.raises(ValueError, match="more than one row"):
        charts.heatmap(pl.concat([panel, panel.head(1)]), gazetteer=gaz)


def test_interceptions_values() -> None:
    fig = charts.interceptions(WEEKLY)
    ax, twin = fig.axes
    launched, destroyed = ax.containers
    np.testing.assert_array_equal([b.get_height() for b in launched], [10, 0, 40, np.nan])
    np.testing.assert_array_equal([b.get_height() for b in destroyed], [8, 0, 30, 5])
    rate = twin.lines[0].get_ydata()
    np.testing.assert_allclose(rate, [80.0, np.nan, 75.0, np.nan])  # 0 launched / NULL: no rate
    assert twin.get_ylabel() == "Interception rate (%)"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["Launched", "Destroyed", "Interception rate"]


def test_interceptions_marks_incomplete_weeks() -> None:
    fig = charts.interceptions(WEEKLY.with_columns(complete=pl.Series([True, True, True, False])))
    alphas = [b.get_alpha() for b in fig.axes[0].containers[0]]
    assert alphas == [1.0, 1.0, 1.0, 0.4]
    assert "Pale bars: period not yet complete." in texts(fig)


def test_missing_column_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="lacks column"):
        charts.interceptions(WEEKLY.drop("destroyed"))


def test_default_gazetteer_from_oblasts_module() -> None:
    oblasts = pytest.importorskip("analytics.reference.oblasts")
    gaz = oblasts.oblasts()
    fig = charts.tile_map(pl.DataFrame({"oblast_code": gaz["code"], "rate": [1.0] * gaz.height}))
    found = [t.get_text() for t in fig.axes[0].texts]
    assert found.count("1.0") == 27
    positions = set(zip(gaz["tile_row"].to_list(), gaz["tile_col"].to_list(), strict=True))
    assert len(positions) == 27  # no two oblasts share a tile


# --------------------------------------------------------------------------- images


def _baseline_figures() -> dict[str, Figure]:
    gaz = pl.DataFrame(GAZ_ROWS, schema=["code", "name_en", "tile_row", "tile_col"], orient="row")
    return {
        "interceptions.png": charts.interceptions(WEEKLY, source=SOURCE, synthetic=True),
        "tile_map.png": charts.tile_map(rates(), gazetteer=gaz, source=SOURCE, synthetic=True),
    }


@pytest.mark.parametrize("name", ["interceptions.png", "tile_map.png"])
def test_image_matches_baseline(name: str, tmp_path: Path) -> None:
    expected = BASELINES / name
    assert expected.exists(), f"baseline {expected} missing; see module docstring"
    actual = charts.save_figure(_baseline_figures()[name], tmp_path / name)
    assert compare_images(str(expected), str(actual), tol=2) is None


if __name__ == "__main__" and "--update-baselines" in sys.argv:
    for fname, figure in _baseline_figures().items():
        print(charts.save_figure(figure, BASELINES / fname))
