"""Chart layout invariants: credits, fixed axes boxes, date ticks, coverage hatching, fan scale,
captions, structural breaks and attack-wave composition (hand-made frames)."""

from __future__ import annotations

import datetime as dt

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.collections import QuadMesh  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from analytics import charts  # noqa: E402
from analytics.charts.credits import fit_credit, resolve_credit, text_width, wrap_text  # noqa: E402
from tests.charts.panel_view import panel_boxes, panel_texts, row_labels  # noqa: E402

VERSION = "strike-analytics 9.8.7"
LONG = [
    "UCDP GED (CC BY 4.0)",
    "air-raid sirens dataset by Vadym Klymenko (MIT)",
    "missile attacks dataset by Petro Ivaniuk (Kaggle)",
]


def weeks(n: int, start: dt.date = dt.date(2023, 1, 2)) -> list[dt.date]:
    return [start + dt.timedelta(weeks=i) for i in range(n)]


def agg_renderer(fig: Figure) -> object:
    """An Agg renderer for ``fig`` (chart figures are made without a canvas of their own)."""
    fig.draw_without_rendering()
    return FigureCanvasAgg(fig).get_renderer()


def drawn_texts(fig: Figure) -> list[Text]:
    fig.draw_without_rendering()
    return [t for t in fig.findobj(Text) if t.get_text() and t.get_visible()]


def axes_boxes(fig: Figure) -> list[tuple[float, ...]]:
    fig.draw_without_rendering()
    return [tuple(np.round(a.get_position().bounds, 6)) for a in fig.axes]


def rates() -> pl.DataFrame:
    from analytics.reference.oblasts import oblasts

    codes = oblasts()["code"].to_list()
    return pl.DataFrame({"oblast_code": codes, "rate": [float(i) for i in range(len(codes))]})


# --------------------------------------------------------------------------- credits


def test_credit_names_only_the_sources_drawn_and_keeps_the_version() -> None:
    everything = "Source: " + "; ".join(LONG) + f" · {VERSION}"
    assert resolve_credit(everything, [LONG[0]]) == f"Source: {LONG[0]} · {VERSION}"
    assert resolve_credit(everything, None) == everything  # the old call is unchanged
    fig = charts.tile_map(rates(), source=everything, sources=[LONG[0]])
    found = [t.get_text() for t in drawn_texts(fig)]
    assert f"Source: {LONG[0]} · {VERSION}" in found
    assert not any("Klymenko" in t for t in found)


@pytest.mark.parametrize("n_sources", [1, 3, 5, 12])
@pytest.mark.parametrize("pad", [0, 5, 11])
@pytest.mark.parametrize("chart", ["fan", "map"])
def test_credit_never_runs_past_the_right_edge(n_sources: int, pad: int, chart: str) -> None:
    names = (LONG * 4)[:n_sources]
    # distinct names (nothing deduplicated) of varied lengths, so a wrap lands near the edge
    names = [f"{n} {'x' * pad}#{i}" for i, n in enumerate(names)]
    if chart == "map":
        fig = charts.tile_map(rates(), source=f"x · {VERSION}", sources=names)
    else:
        fig = charts.forecast_fan(
            pl.DataFrame({"period": weeks(10), "value": [float(i) for i in range(10)]}),
            source=f"x · {VERSION}",
            sources=names,
        )
    renderer = agg_renderer(fig)
    width_px = fig.get_figwidth() * fig.dpi
    credit = [
        t for t in drawn_texts(fig) if "strike-analytics" in t.get_text() or "#" in t.get_text()
    ]
    assert credit, "no credit line drawn"
    for t in credit:
        assert t.get_window_extent(renderer).x1 <= width_px  # nothing cut at the right edge
    assert 1 <= len(credit) <= 2
    assert credit[-1].get_text().endswith(VERSION)  # the version is always visible


def test_fit_credit_shortens_then_counts_the_rest() -> None:
    text = "Sources: " + "; ".join(f"dataset {i} by someone (licence)" for i in range(40))
    lines = fit_credit(text + f" · {VERSION}", 400, 7)
    assert len(lines) <= 2 and lines[-1].endswith(VERSION)
    joined = " ".join(lines)
    assert "more" in joined and "(licence)" not in joined  # shortened, the rest counted
    shown = joined.count("dataset ")
    hidden = int(joined.split("and ")[-1].split(" more")[0])
    assert shown + hidden == 40  # every source accounted for
    assert all(text_width(s, 7) <= 400 for s in lines)


def test_wrap_text_cuts_an_overlong_word() -> None:
    lines = wrap_text("x" * 200, 50, 7)
    assert len(lines) > 1 and all(text_width(s, 7) <= 50 for s in lines)
    assert "".join(s.rstrip("-") for s in lines) == "x" * 200


# --------------------------------------------------------------------------- fixed axes boxes


def test_tile_map_axes_box_same_with_one_or_three_long_credits() -> None:
    one = charts.tile_map(rates(), sources=LONG[:1])
    three = charts.tile_map(rates(), sources=LONG * 3)  # far wider than the page
    assert axes_boxes(one) == axes_boxes(three)
    map_box = axes_boxes(one)[0]
    assert map_box[2] > 0.5  # the map keeps most of the width (no collapse to a blob)


@pytest.mark.parametrize("chart", ["fan", "heatmap", "waves"])
def test_axes_box_does_not_depend_on_credit_length(chart: str) -> None:
    def build(sources: list[str]) -> Figure:
        if chart == "fan":
            hist = pl.DataFrame({"period": weeks(8), "value": [1.0, 2, 3, 4, 5, 6, 7, 8]})
            return charts.forecast_fan(hist, sources=sources)
        if chart == "heatmap":
            panel = pl.DataFrame(
                {"period": weeks(4) * 2, "oblast_code": ["UA-63"] * 4 + ["UA-14"] * 4,
                 "alerts": [1, 2, 3, 4, 5, 6, 7, 8]}
            )  # fmt: skip
            return charts.heatmap(panel, sources=sources)
        waves = pl.DataFrame(
            {"period": weeks(3), "launched": [10, 20, 30], "destroyed": [5, 10, 15],
             "not_reach_goal": [2, 3, 4]}
        )  # fmt: skip
        return charts.attack_composition(waves, sources=sources)

    assert axes_boxes(build(LONG[:1])) == axes_boxes(build(LONG * 3))


# --------------------------------------------------------------------------- heatmaps


def long_panel(n_weeks: int) -> pl.DataFrame:
    codes = ["UA-63", "UA-14", "UA-46", "UA-51"]
    rows = [(w, c, float(i + j)) for i, c in enumerate(codes) for j, w in enumerate(weeks(n_weeks))]
    return pl.DataFrame(rows, schema=["period", "oblast_code", "alerts"], orient="row")


@pytest.mark.parametrize("n_weeks", [3, 26, 52, 150])
def test_heatmap_date_ticks_are_few_and_do_not_overlap(n_weeks: int) -> None:
    fig = charts.heatmap(long_panel(n_weeks))
    ax = fig.axes[0]
    renderer = agg_renderer(fig)
    labels = [t for t in ax.get_xticklabels() if t.get_text()]
    assert 2 <= len(labels) <= 8 or len(labels) == n_weeks
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
    for left, right in zip(boxes, boxes[1:], strict=False):
        assert left.x1 < right.x0  # no two labels overlap
    assert ax.get_position().width > 0.6  # the heatmap uses the page width


def test_heatmap_not_covered_cells_are_hatched_even_when_zero_filled() -> None:
    panel = (
        long_panel(4)
        .with_columns(
            covered=~((pl.col("oblast_code") == "UA-63") & (pl.col("period") >= weeks(4)[2]))
        )
        .with_columns(  # a zero-filled gap: the value says 0, the coverage says unknown
            alerts=pl.when(pl.col("covered")).then(pl.col("alerts")).otherwise(0.0)
        )
    )
    fig = charts.heatmap(panel, all_oblasts=False, order="name")
    ax = fig.axes[0]
    mesh = next(c for c in ax.collections if isinstance(c, QuadMesh))
    rows = [t.get_text() for t in row_labels(ax)]
    arr = mesh.get_array().reshape(len(rows), 4)
    kharkiv = rows.index("Kharkiv")
    assert list(arr.mask[kharkiv]) == [False, False, True, True]  # not drawn as zero
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) == 1  # one run of two cells
    assert hatched[0].get_width() == 2 and hatched[0].get_y() == kharkiv - 0.5
    assert any("does not cover" in t.get_text() for t in drawn_texts(fig))


def test_heatmap_coverage_frame_and_value_order() -> None:
    panel = long_panel(3)
    coverage = panel.select("period", "oblast_code", covered=pl.col("oblast_code") != "UA-46")
    fig = charts.heatmap(panel, coverage=coverage, all_oblasts=False, order="value")
    ax = fig.axes[0]
    rows = [t.get_text() for t in row_labels(ax)]
    # totals: Odesa 3+4+5=12 > Lviv 9 > Donetsk 6 > Kharkiv 3; Lviv's cells are not covered
    assert rows == ["Odesa", "Lviv", "Donetsk", "Kharkiv"]
    assert fig.axes[0].get_position().width > 0.6
    alpha = charts.heatmap(panel, all_oblasts=False).axes[0]
    assert [t.get_text() for t in row_labels(alpha)] == sorted(rows)  # default: A-Z


# --------------------------------------------------------------------------- fans


def fan_inputs() -> tuple[pl.DataFrame, pl.DataFrame]:
    hist = pl.DataFrame({"period": weeks(20), "value": [float(50 * (i % 7)) for i in range(20)]})
    start = weeks(21)[-1]
    fc = pl.DataFrame(
        {
            "period_start": weeks(4, start),
            "median": [300.0, 320.0, 340.0, 360.0],
            "lo80": [100.0] * 4, "hi80": [2_000.0] * 4,
            "lo95": [-50.0] * 4, "hi95": [13_000.0, 12_000.0, 11_000.0, 10_000.0],
        }
    )  # fmt: skip
    return hist, fc


def test_fan_scaled_to_history_and_clip_labelled() -> None:
    hist, fc = fan_inputs()
    surges = pl.DataFrame({"period": [weeks(20)[6]], "value": [300.0], "p_value": [0.01]})
    fig = charts.forecast_fan(hist, fc, surges=surges, center_col="median")
    ax = fig.axes[0]
    bottom, top = ax.get_ylim()
    history_max = 300.0  # 50 * 6
    assert bottom == 0.0  # no negative counts even though lo95 < 0
    assert history_max < top <= 2 * history_max
    clip = [t.get_text() for t in ax.texts if t.get_gid() == "clip-note"]
    assert clip and clip[0].endswith("13,000")  # the highest hi95 written on the chart
    caption = charts.fan_caption(fig, what="incidents", unit="week")
    assert "Orange-red dots: 1 week(s) flagged" in caption  # the marker's real colour
    assert "red dots" not in caption.replace("Orange-red dots", "")
    assert "median" in caption and "13,000" in caption


def test_fan_without_clip_has_no_clip_note_and_caption_follows_drawing() -> None:
    hist, fc = fan_inputs()
    small = fc.with_columns(hi95=pl.lit(400.0), hi80=pl.lit(350.0))
    fig = charts.forecast_fan(hist, small, center_col="median")
    assert not [t for t in fig.axes[0].texts if t.get_gid() == "clip-note"]
    caption = charts.fan_caption(fig, what="incidents", unit="week")
    assert "dots" not in caption and "cut at the top" not in caption  # nothing of the kind drawn
    assert "80% and 95%" in caption


# --------------------------------------------------------------------------- breaks


def test_breaks_stay_in_the_data_and_levels_are_never_negative() -> None:
    periods = weeks(30)
    hist = pl.DataFrame({"period": periods, "value": [0.0] * 15 + [40.0] * 15})
    brk = pl.DataFrame(
        {
            "period": [periods[15], dt.date(2030, 1, 7)],
            "ci_low": [dt.date(2017, 1, 2), dt.date(2030, 1, 7)],  # far before the data
            "ci_high": [periods[18], dt.date(2030, 2, 4)],
            "level_before": [-0.1, 40.0],
            "level_after": [39.5, 41.0],
        }
    )
    fig = charts.structural_breaks(hist, brk)
    ax = fig.axes[0]
    found = [t.get_text() for t in drawn_texts(fig)]
    assert "0.0 → 39.5" in found and not any("-0.1" in t for t in found)
    assert any("outside the data's range not drawn" in t for t in found)
    assert any("cut at the first or last period" in t for t in found)
    lo, hi = ax.get_xlim()
    first, last = (matplotlib.dates.date2num(d) for d in (periods[0], periods[-1]))
    pad = (last - first) * 0.1
    assert first - pad <= lo and hi <= last + pad  # 2017 and 2030 did not stretch the axis
    assert ax.get_ylim()[0] == 0.0


# --------------------------------------------------------------------------- attack waves


def test_attack_composition_parts_and_neutralised_rate() -> None:
    # 2025-W26 style figures: launched 1,247, destroyed 654, not reached 436
    waves = pl.DataFrame(
        {"period": weeks(3), "launched": [1247, 100, 50], "destroyed": [654, 60, 20],
         "not_reach_goal": [436, None, 10]}
    )  # fmt: skip
    fig = charts.attack_composition(waves)
    ax, twin = fig.axes
    destroyed, not_reached, rest, unreported = ax.containers
    np.testing.assert_array_equal([b.get_height() for b in destroyed], [654, 60, 20])
    np.testing.assert_array_equal([b.get_height() for b in not_reached], [436, np.nan, 10])
    np.testing.assert_array_equal([b.get_height() for b in rest], [1247 - 654 - 436, np.nan, 20])
    np.testing.assert_array_equal([b.get_height() for b in unreported], [np.nan, 40, np.nan])
    rate = twin.lines[0].get_ydata()
    np.testing.assert_allclose(rate, [(654 + 436) / 1247 * 100, np.nan, 60.0])
    assert any("without a not-reached count" in t.get_text() for t in drawn_texts(fig))


def test_attack_composition_empty_carries_a_note() -> None:
    empty = pl.DataFrame(
        schema={"period": pl.Date, "launched": pl.Float64, "destroyed": pl.Float64,
                "not_reach_goal": pl.Float64}
    )  # fmt: skip
    found = [t.get_text() for t in drawn_texts(charts.attack_composition(empty))]
    assert "No data" in found and any("No attack waves" in t for t in found)


def test_fan_marks_a_known_period_between_unknown_ones() -> None:
    """UCDP's monthly coverage leaves single covered months between gaps: a line draws nothing
    there, so the value must still be visible (a marker), and gaps stay empty (not zero)."""
    months = [dt.date(2022, m, 1) for m in range(1, 7)]
    hist = pl.DataFrame({"period": months, "value": [10.0, None, 500.0, None, 30.0, 40.0]})
    fig = charts.forecast_fan(hist)
    ax = fig.axes[0]
    marked = [ln for ln in ax.lines if ln.get_marker() == "o" and ln.get_linestyle() == "None"]
    ys = sorted(float(v) for ln in marked for v in ln.get_ydata())
    assert ys == [10.0, 500.0]  # the first month (next to an unknown one) and the lone 500
    observed = next(ln for ln in ax.lines if ln.get_label() == "Observed")
    assert np.isnan(np.asarray(observed.get_ydata(), dtype=float)[[1, 3]]).all()


# --------------------------------------------------------------------------- fixed boxes


def panel_frame(big: bool) -> pl.DataFrame:
    """Every oblast, 20 weeks; ``big``: counts in the hundred thousands (wide tick labels)."""
    from analytics.reference.oblasts import oblasts

    codes = oblasts()["code"].to_list()
    scale = 123_457.0 if big else 7.0
    return pl.DataFrame(
        {
            "period": weeks(20) * len(codes),
            "oblast_code": [c for c in codes for _ in range(20)],
            "incidents": [scale * ((i * 7 + j) % 11) for i in range(len(codes)) for j in range(20)],
        }
    )


def test_small_multiples_boxes_do_not_depend_on_title_or_credit() -> None:
    # the panels are boxes on one canvas axes (analytics.charts.panels): compare those boxes
    short = charts.small_multiples(panel_frame(False), sources=LONG[:1], title="T")
    long = charts.small_multiples(
        panel_frame(False), sources=LONG * 3, title="A much longer title " * 3, ylabel="Y " * 30
    )
    assert axes_boxes(short) == axes_boxes(long)
    assert len(panel_boxes(short)) == 27 and panel_boxes(short) == panel_boxes(long)


@pytest.mark.parametrize("big", [False, True])
@pytest.mark.parametrize("sharey", [False, True])
def test_small_multiples_text_stays_off_the_neighbouring_panels(big: bool, sharey: bool) -> None:
    """Fixed boxes, yet y tick labels clear the panel to their left, panel titles clear the
    panel above, and nothing leaves the figure (wide labels: counts in the hundred thousands).

    The panels are boxes on one canvas axes: no tick label, panel title or x tick label
    overlaps any panel's box (the same invariant as per-axes boxes, for every neighbour)."""
    fig = charts.small_multiples(panel_frame(big), sharey=sharey, order="geographic")
    renderer = agg_renderer(fig)
    width, height = fig.bbox.width, fig.bbox.height
    boxes = {
        name: Bbox.from_bounds(*b).transformed(fig.transFigure)
        for name, b in panel_boxes(fig, 15).items()
    }
    ylabels = panel_texts(fig, "ytick")
    assert ylabels and panel_texts(fig, "xtick")
    titles = panel_texts(fig, "panel-title")
    assert len(titles) == 27
    for t in [*ylabels, *titles, *panel_texts(fig, "xtick")]:
        ext = t.get_window_extent(renderer)
        for name, box in boxes.items():
            inside = ext.x1 > box.x0 + 0.5 and ext.x0 < box.x1 - 0.5
            assert not (inside and ext.y1 > box.y0 + 0.5 and ext.y0 < box.y1 - 0.5), (
                t.get_gid(), t.get_text(), name,
            )  # fmt: skip
    for title in titles:  # each title sits right above its own box
        ext, box = title.get_window_extent(renderer), boxes[title.get_text()]
        assert box.y1 <= ext.y0 + 2 and abs(ext.x0 - box.x0) < 2, title.get_text()
    for t in drawn_texts(fig):
        ext = t.get_window_extent(renderer)
        assert ext.x0 >= -1 and ext.x1 <= width + 1 and ext.y0 >= -1 and ext.y1 <= height + 1, t


@pytest.mark.parametrize("peak", [1.0, 95.0, 123_456.0])
def test_heatmap_fixed_boxes_keep_every_text_in_the_figure_and_off_the_cells(peak: float) -> None:
    # every gazetteer oblast (the longest short names) and bar values from 1 to six digits
    fig = charts.heatmap(long_panel(30).with_columns(pl.col("alerts") * peak / 40.0),
                         title="A long title " * 4, sources=LONG * 3)  # fmt: skip
    assert fig.get_layout_engine() is None  # fixed boxes: no layout pass at draw time
    renderer = agg_renderer(fig)
    cells, bar = fig.axes
    cell_box = cells.get_window_extent(renderer)
    bar_box = bar.get_window_extent(renderer)
    assert bar_box.x0 > cell_box.x1  # the colour bar sits right of the cells
    for t in drawn_texts(fig):
        box = t.get_window_extent(renderer)
        assert box.x0 >= -0.5 and box.x1 <= fig.bbox.width + 0.5, t.get_text()
        assert box.y0 >= -0.5 and box.y1 <= fig.bbox.height + 0.5, t.get_text()
    names = [t for t in row_labels(cells) if t.get_text()]
    assert len(names) == 27
    assert max(t.get_window_extent(renderer).x1 for t in names) <= cell_box.x0
    values = [t for t in bar.get_yticklabels() if t.get_text()]
    assert values and min(t.get_window_extent(renderer).x0 for t in values) >= bar_box.x1
    assert cells.title.get_window_extent(renderer).y0 >= cell_box.y1


@pytest.mark.parametrize("scale", [1.0, 40_000.0])
@pytest.mark.parametrize("chart", ["fan", "mix"])
def test_single_charts_on_fixed_boxes_keep_every_text_in_the_figure(
    chart: str, scale: float
) -> None:
    if chart == "fan":
        hist = pl.DataFrame({"period": weeks(30), "value": [scale * (i % 7) for i in range(30)]})
        fig = charts.forecast_fan(hist, ylabel="Incidents (count per week)", sources=LONG * 3)
    else:
        types = ["artillery", "unmanned aerial vehicle (long name)", "missile"]
        mix = pl.DataFrame(
            [(w, t, int(scale) * (i + 1)) for w in weeks(12) for i, t in enumerate(types)],
            schema=["period", "strike_type", "incidents"], orient="row",
        )  # fmt: skip
        fig = charts.mix_over_time(mix, share=False, kind="bar", sources=LONG * 3)
    assert fig.get_layout_engine() is None  # fixed box: no layout pass at draw time
    renderer = agg_renderer(fig)
    ax = fig.axes[0]
    box = ax.get_window_extent(renderer)
    every_tick = {*ax.get_xticklabels(), *ax.get_yticklabels()}
    # tick labels beyond the view limits exist but are not drawn: keep those in the box
    xticks = [
        t for t in ax.get_xticklabels() if box.x0 - 1 <= _centre(t, renderer)[0] <= box.x1 + 1
    ]
    yticks = [
        t for t in ax.get_yticklabels() if box.y0 - 1 <= _centre(t, renderer)[1] <= box.y1 + 1
    ]
    for t in [t for t in drawn_texts(fig) if t not in every_tick] + xticks + yticks:
        ext = t.get_window_extent(renderer)
        assert ext.x0 >= -0.5 and ext.x1 <= fig.bbox.width + 0.5, t.get_text()
        assert ext.y0 >= -0.5 and ext.y1 <= fig.bbox.height + 0.5, t.get_text()
    ticks = [t.get_window_extent(renderer) for t in yticks if t.get_text()]
    label = ax.yaxis.label.get_window_extent(renderer)
    assert ticks and label.x1 <= min(b.x0 for b in ticks)  # y label clear of the tick labels
    assert max(b.x1 for b in ticks) <= box.x0
    legend = ax.get_legend().get_window_extent(renderer)
    if chart == "mix":  # the legend stands right of the bars, inside the figure
        assert legend.x0 >= box.x1 and legend.x1 <= fig.bbox.width


def _centre(t: Text, renderer: object) -> tuple[float, float]:
    ext = t.get_window_extent(renderer)
    return (ext.x0 + ext.x1) / 2, (ext.y0 + ext.y1) / 2
