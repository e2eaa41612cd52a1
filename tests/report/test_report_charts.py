"""The report's charts: credits name only the sources drawn, heatmap row order and hatching of
periods the data do not cover, fan captions read from the figure, and the attack-composition
chart when the attack series carries ``not_reach_goal``.

The figures are captured before they are saved (``analytics.report.drawing._png`` is replaced by a recorder), so the
tests read the drawn artists instead of pixels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from matplotlib.figure import Figure

import analytics.report.drawing as drawing_module
from analytics.demo import write_demo
from analytics.report.charts import chart_sources, period_coverage, report_charts
from analytics.report.content import ReportData, SeriesData, period_containing
from analytics.report.model_checks import model_sections
from analytics.report.oblast_table import oblast_table
from analytics.report.series import load_report_data, load_series
from analytics.store import Store
from tests.charts.panel_view import row_labels

#: The demo's last day is 2026-11-22 (a Sunday); the alerts below stop on Wednesday 11-18.
WEEK = period_containing(dt.date(2026, 11, 18), "week")
ALERTS_END = dt.date(2026, 11, 18)
SOURCE_LINE = "Source: everything in the database · strike-analytics 9.9"
DEMO, SIRENS, MISSILES = "SYNTHETIC demo data", "air-raid sirens dataset", "missile attacks"


def _alerts_csv(path: Path) -> Path:
    """Oblast-level alerts, one a day in Kharkiv and Odesa, 2026-09-01 .. ALERTS_END."""
    lines = ["oblast,raion,hromada,level,started_at,finished_at,source"]
    day = dt.date(2026, 9, 1)
    while day <= ALERTS_END:
        for k, name in enumerate(("Kharkivska oblast", "Odeska oblast")):
            lines.append(f"{name},,,oblast,{day} 1{k}:00:00+00:00,{day} 1{k}:30:00+00:00,official")
        day += dt.timedelta(days=1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _waves_csv(path: Path) -> Path:
    """One national wave every other day, 2026-09-01 .. 2026-11-22 (the demo's last day)."""
    rows = ["time_start,time_end,model,launch_place,target,target_main,launched,destroyed,source"]
    for d in range(0, 83, 2):
        day = dt.date(2026, 9, 1) + dt.timedelta(days=d)
        rows.append(f"{day} 01:00,{day} 06:00,Shahed-136/131,Kursk oblast,Ukraine,,"
                    f"{20 + d % 7}.0,{15 + d % 5}.0,kpszsu/posts/p{d}")  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def three_kinds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("kinds")
    db = tmp / "kinds.duckdb"
    with Store(db) as store:
        store.ingest_file("csv", write_demo(tmp / "demo", days=120))
        store.ingest_file("alerts", _alerts_csv(tmp / "alerts.csv"))
        store.ingest_file("missiles", _waves_csv(tmp / "waves.csv"))
    return db


@pytest.fixture(scope="module")
def loaded(three_kinds: Path) -> tuple[ReportData, dict[str, object], pl.DataFrame]:
    with Store(three_kinds, read_only=True) as store:
        data = load_report_data(store, load_series(store, "week"), WEEK)
    _, tab = oblast_table(data, WEEK)
    models = model_sections(data.series, WEEK, tab)
    return data, models.drawn, tab


def _draw(
    data: ReportData, extra: dict[str, object], tab: pl.DataFrame, mp: pytest.MonkeyPatch
) -> dict[str, tuple[Figure, str]]:
    """Chart key -> (figure, caption), with the figures captured instead of saved."""
    figures: dict[str, Figure] = {}  # by file name: charts are drawn costliest first
    mp.setattr(drawing_module, "_png",
               lambda fig, tmp, name: figures.__setitem__(name, fig) or b"")  # fmt: skip
    charts = report_charts(data, WEEK, extra, tab, SOURCE_LINE, False)
    assert len(figures) == len(charts)
    return {c.key: (figures[f"fig_{c.key}.png"], c.caption) for c in charts}


def _credit(fig: Figure) -> str:
    """The credit line(s) the figure prints (the text from 'Source' to the version)."""
    texts = [t.get_text() for t in fig.texts] + [t.get_text() for ax in fig.axes for t in ax.texts]
    lines = [t for t in texts if t.startswith(("Source", "Sources")) or "strike-analytics" in t]
    return " ".join(lines)


def test_chart_sources_by_kind_and_name(loaded: tuple) -> None:
    data, _, _ = loaded
    credits = chart_sources(data)
    assert credits["incidents"] == (DEMO,)
    assert len(credits["alerts"]) == 1 and credits["alerts"][0].startswith(SIRENS)
    assert len(credits["waves"]) == 1 and credits["waves"][0].startswith(MISSILES)
    # a source stored under an adapter-less name is told apart by its ingest kind
    by = pl.DataFrame({"source": ["my-sirens", "x"], "kind": ["alerts", "csv"]})
    other = replace(data, sources=("my-sirens", "x"), ingests_by_source=by)
    assert chart_sources(other) == {"incidents": ("x",), "alerts": ("my-sirens",), "waves": ()}


def test_each_chart_credits_only_the_sources_it_draws(
    loaded: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _draw(*loaded, monkeypatch)
    family = {
        "forecast_incidents": DEMO, "map_incidents": DEMO, "oblasts_incidents": DEMO,
        "oblasts_small_multiples": DEMO, "strike_types": DEMO,
        "alerts_heatmap": SIRENS, "forecast_launched": MISSILES, "attack_composition": MISSILES,
    }  # fmt: skip
    assert set(family) <= set(drawn), sorted(drawn)
    for key, name in family.items():
        credit = _credit(drawn[key][0])
        assert name in credit, (key, credit)
        assert "strike-analytics 9.9" in credit, (key, credit)
        for other in {DEMO, SIRENS, MISSILES} - {name}:
            assert other not in credit, (key, credit)
        assert "everything in the database" not in credit


def _row_labels(fig: Figure) -> list[str]:
    return [t.get_text() for t in row_labels(fig.axes[0])]


def _hatched_columns(fig: Figure) -> set[int]:
    """Columns (period indexes) of the cross-hatched not-covered rectangles."""
    out: set[int] = set()
    for patch in fig.axes[0].patches:
        if patch.get_hatch() == "\\\\":
            x0 = round(patch.get_x() + 0.5)
            out.update(range(x0, x0 + round(patch.get_width())))
    return out


def test_heatmaps_by_value_and_by_name_with_partial_periods_hatched(
    loaded: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, extra, tab = loaded
    drawn = _draw(data, extra, tab, monkeypatch)
    alerts_fig, alerts_caption = drawn["alerts_heatmap"]
    labels = _row_labels(alerts_fig)
    assert len(labels) == 27 and labels == sorted(labels)  # alphabetical
    # The alerts stop on Wednesday of the report week: only that (last) column is hatched,
    # across all 27 rows; every earlier week is fully covered.
    n_weeks = len({t for t in data.series["oblast_alerts"].frame["period"].to_list()
                   if t <= WEEK.start and t >= dt.date(2026, 9, 7)})  # fmt: skip
    assert _hatched_columns(alerts_fig) == {n_weeks - 1}
    hatches = [p for p in alerts_fig.axes[0].patches if p.get_hatch() == "\\\\"]
    assert len(hatches) == 27  # one run per row
    assert "Cross-hatched" in alerts_caption
    inc_fig, inc_caption = drawn["oblasts_incidents"]
    assert _hatched_columns(inc_fig) == set() and "Cross-hatched" not in inc_caption


def test_incident_heatmap_rows_follow_totals(
    loaded: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, extra, tab = loaded
    drawn = _draw(data, extra, tab, monkeypatch)
    fig, _ = drawn["oblasts_incidents"]
    grid = fig.axes[0].collections[0].get_array()  # rows in drawn order, masked where unknown
    n_rows = len(_row_labels(fig))
    rows = grid.reshape(n_rows, -1).sum(axis=1).filled(0).tolist()
    assert rows == sorted(rows, reverse=True)


def test_period_coverage_marks_partial_and_gap_periods() -> None:
    s = SeriesData("oblasts", pl.DataFrame({"period": []}), dt.date(2024, 1, 1),
                   dt.date(2024, 3, 27), "weekly_oblast", "period")  # fmt: skip
    weeks = pl.Series([dt.date(2024, 1, 1) + dt.timedelta(weeks=i) for i in range(13)])
    gaps = pl.DataFrame({
        "source": ["a", "a", "b"],
        "first_empty_week": [dt.date(2024, 1, 15), dt.date(2024, 2, 19), dt.date(2024, 1, 8)],
        "last_empty_week": [dt.date(2024, 2, 5), dt.date(2024, 3, 11), dt.date(2024, 2, 12)],
        "empty_weeks": [4, 4, 6],
    })  # fmt: skip
    cov = period_coverage(weeks, s, "week", gaps, ("a", "b"))
    # weeks 1-15 .. 02-05 are in a gap of both a and b; 02-19 .. 03-11 only of a (b covers);
    # the week of 03-25 ends after the data (03-27, a Wednesday).
    expected = [True, True, False, False, False, False, True, True, True, True, True, True, False]
    assert cov["covered"].to_list() == expected
    assert period_coverage(weeks, s, "week", gaps, ("a",))["covered"].to_list()[7:11] == [
        False, False, False, False,
    ]  # fmt: skip


def test_fan_captions_follow_what_was_drawn(loaded: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = _draw(*loaded, monkeypatch)
    # no alerts fan: the alerts stop inside the report week (not a complete period)
    assert "forecast_alerts" not in drawn
    for key, what in (("forecast_incidents", "incidents"),
                      ("forecast_launched", "missiles and drones launched")):  # fmt: skip
        fig, caption = drawn[key]
        ax = fig.axes[0]
        labels = {ln.get_label() for ln in ax.lines}
        assert f"{what} per week" in caption, caption
        assert ("flagged by the surge check" in caption) == ("Flagged surge" in labels)
        assert "red dots" not in caption
        if "Flagged surge" in labels:
            marker = next(ln for ln in ax.lines if ln.get_label() == "Flagged surge")
            assert f"{len(marker.get_xdata())} week(s) flagged" in caption


def test_attack_composition_when_the_series_carries_not_reach_goal(
    loaded: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, extra, tab = loaded
    waves = data.series["waves"]
    last = waves.frame.height - 1
    nr = [None if i == last else 3 for i in range(waves.frame.height)]
    with_nr = waves.frame.with_columns(not_reach_goal=pl.Series(nr, dtype=pl.Int64))
    series = {**data.series, "waves": replace(waves, frame=with_nr)}
    drawn = _draw(replace(data, series=series), {}, tab, monkeypatch)
    assert "attack_composition" in drawn and "interceptions" not in drawn
    fig, caption = drawn["attack_composition"]
    assert MISSILES in _credit(fig) and DEMO not in _credit(fig)
    assert "Hatched: 1 period(s) without a not-reached count" in caption
    # the attack views carry not_reach_goal (issue 9); a series without it (a database written
    # before them) falls back to launched and destroyed
    old = replace(waves, frame=waves.frame.drop("not_reach_goal", strict=False))
    without = _draw(replace(data, series={**data.series, "waves": old}), {}, tab, monkeypatch)
    assert "interceptions" in without and "attack_composition" not in without
