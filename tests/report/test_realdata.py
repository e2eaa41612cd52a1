"""Reports built from the real datasets in ../shared/data: layout invariants.

One database from the air-raid-sirens, missile-attacks and ucdp-ged files; weekly reports for
2023-W08 (incidents, alerts and waves all cover it) and 2025-W26 (only attack waves do), and the
monthly report of February 2023. Every figure the report draws is inspected before it is saved
(``analytics.charts.save_figure`` is wrapped): no y-axis spans more than a few times the range of
the data drawn on it (or their reach from zero), and no chart is empty. Tables: every oblast appears exactly once, as a row
or named in a folded line, and a kept row says something.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import analytics.report.build as build_module
from analytics import charts as ch
from analytics.report import ReportContent, build_report
from analytics.store import Store

pytestmark = pytest.mark.realdata

#: A y-axis may span at most this many times the range of the values drawn on it.
MAX_STRETCH = 4.0
CASES = (("week", "2023-02-20"), ("week", "2025-06-23"), ("month", "2023-02-15"))


def _data_span(ax: Any) -> tuple[float, float] | None:
    """Lowest and highest y of the lines and bars drawn on ``ax`` (None: nothing drawn)."""
    ys: list[float] = []
    for line in ax.get_lines():
        y = np.asarray(line.get_ydata(), dtype=float)
        if line.get_visible() and y.size > 1:  # skip reference lines (axhline has 2 equal ys)
            ys.extend(y[np.isfinite(y)].tolist())
    for patch in ax.patches:
        h = patch.get_height() if hasattr(patch, "get_height") else math.nan
        if np.isfinite(h):
            ys.extend([patch.get_y(), patch.get_y() + h])
    return (min(ys), max(ys)) if ys else None


def _inspect(fig: Any) -> dict[str, Any]:
    """What a figure draws: per axes with data, the y-limits and the data's y-range."""
    axes = []
    drawn = False
    for ax in fig.axes:
        if ax.images and any(np.ma.count(im.get_array()) for im in ax.images):
            drawn = True
        if ax.collections and any(len(c.get_paths()) for c in ax.collections):
            drawn = True
        span = _data_span(ax)
        if span is not None:
            drawn = True
            axes.append((ax.get_title() or fig.get_suptitle(), ax.get_ylim(), span))
    texts = [t.get_text() for t in fig.texts] + [t.get_text() for a in fig.axes for t in a.texts]
    credit = " ".join(t for t in texts if t.startswith(("Source", "Sources")))
    # values drawn: finite points of the lines, unmasked cells of a heatmap's grid
    points = sum(int(np.isfinite(np.asarray(ln.get_ydata(), float)).sum())
                 for a in fig.axes for ln in a.get_lines())  # fmt: skip
    grid = fig.axes[0].collections[:1] if fig.axes else []  # a heatmap's cells (no colour bar)
    cells = sum(int(np.ma.count(c.get_array())) for c in grid if c.get_array() is not None)
    return {"axes": axes, "drawn": drawn, "credit": credit, "points": points, "cells": cells}


def test_real_data_reports_hold_their_layout(shared_data: Path, tmp_path: Path) -> None:
    """One database, three reports (built once: the checks below share them)."""
    reports = _build(shared_data, tmp_path)
    stretched = _every_chart_draws_data_and_axes_follow_it(reports)
    _missing_chart_families_are_explained(reports)
    _each_chart_credits_only_what_it_draws(reports)
    _oblast_table_folds_only_rows_without_information(reports)
    _quarantine_grouped_and_late_share_not_claimed_on_bulk_loads(reports)
    _panels_draw_the_heatmaps_cells(reports)
    fans = [s for s in stretched if "_forecast_" in s]
    assert stretched == fans, stretched
    if fans:  # the fan fix (y-axis from the history, band clipped) is on branch `charts`
        pytest.xfail("forecast fans follow their 95% band, not the history: " + "; ".join(fans))


def _build(shared_data: Path, tmp: Path) -> list[tuple[str, ReportContent, list[dict[str, Any]]]]:
    db = tmp / "real.duckdb"
    with Store(db) as store:
        store.ingest_file("ucdp", shared_data / "ucdp-ged" / "UCDP-Ukraine.csv")
        store.ingest_file("alerts", shared_data / "air-raid-sirens" / "official_data_en.csv")
        store.ingest_file("missiles", shared_data / "missile-attacks" / "missile_attacks_daily.csv")
    out = []
    save, gather = ch.save_figure, build_module.gather
    with pytest.MonkeyPatch.context() as mp:
        for kind, day in CASES:
            figures: list[dict[str, Any]] = []
            contents: list[ReportContent] = []

            def keep(fig: Any, path: Any, _f: list = figures, _s: Any = save, **kw: Any) -> Path:
                _f.append({"name": Path(path).name, **_inspect(fig)})
                return _s(fig, path, **kw)

            def grab(*a: Any, _c: list = contents, _g: Any = gather, **kw: Any) -> ReportContent:
                _c.append(_g(*a, **kw))
                return _c[-1]

            mp.setattr(ch, "save_figure", keep)
            mp.setattr(build_module, "gather", grab)
            build_report(db, period=kind, as_of=day, out=tmp / "reports", formats="md",
                         generated_at=dt.datetime(2026, 1, 1))  # fmt: skip
            out.append((f"{kind} {day}", contents[0], figures))
    return out


def _every_chart_draws_data_and_axes_follow_it(reports: list) -> list[str]:
    """Assert every chart draws data; return the y-axes stretched beyond MAX_STRETCH."""
    stretched = []
    for case, content, figures in reports:
        assert len(figures) == len(content.charts), case
        for fig in figures:
            assert fig["drawn"], f"{case}: {fig['name']} draws nothing"
            for title, (lo, hi), (dlo, dhi) in fig["axes"]:
                # a zero-based axis is honest for counts and shares: the data's reach from 0
                span = max(dhi - dlo, abs(dhi), abs(dlo), 1.0)
                if hi - lo > MAX_STRETCH * span:
                    stretched.append(f"{case}: {fig['name']} ({title}) y-axis {lo:g}..{hi:g} "
                                     f"for data {dlo:g}..{dhi:g}")  # fmt: skip
    return stretched


def _panels_draw_the_heatmaps_cells(reports: list) -> None:
    """The small multiples draw a value exactly where the incident heatmap has one: a period
    or oblast the heatmap hatches (not covered) breaks a panel's line, never draws a zero."""
    for case, _, figures in reports:
        by_name = {f["name"].split("_", 1)[1]: f for f in figures if "_" in f["name"]}
        heat, panels = (
            by_name.get("oblasts_incidents.png"),
            by_name.get("oblasts_small_multiples.png"),
        )
        if heat is None or panels is None:
            continue
        assert panels["points"] == heat["cells"] > 0, case


def _missing_chart_families_are_explained(reports: list) -> None:
    # the wave chart is the composition when the attack series carries not_reach_goal
    families = {("map_incidents",): "incident charts", ("alerts_heatmap",): "alert heatmap",
                ("interceptions", "attack_composition"): "launched-versus-destroyed"}  # fmt: skip
    for case, content, _ in reports:
        keys = {c.key for c in content.charts}
        for family, words in families.items():
            if not keys & set(family):
                assert any(words in n for n in content.chart_notes), (case, family)
    week26 = next(c for case, c, _ in reports if case == "week 2025-06-23")
    assert {c.key for c in week26.charts} & {"interceptions", "attack_composition"}
    assert "map_incidents" not in {c.key for c in week26.charts}  # UCDP ends in 2023


#: Chart file name part -> the one source its credit line names (words of the credit).
_CREDITED = {
    "forecast_incidents": "UCDP", "map_incidents": "UCDP", "oblasts_incidents": "UCDP",
    "oblasts_small_multiples": "UCDP", "strike_types": "UCDP", "forecast_alerts": "sirens",
    "alerts_heatmap": "sirens", "forecast_launched": "missile attacks",
    "interceptions": "missile attacks", "attack_composition": "missile attacks",
}  # fmt: skip


def _each_chart_credits_only_what_it_draws(reports: list) -> None:
    """One database holds all three sources; each chart's credit names only its own."""
    for case, _, figures in reports:
        for fig in figures:
            key = re.sub(r"^fig(\d\d)?_|\.png$", "", fig["name"])
            own = _CREDITED[key]
            assert own in fig["credit"], (case, key, fig["credit"])
            others = set(_CREDITED.values()) - {own}
            assert not any(o in fig["credit"] for o in others), (case, key, fig["credit"])


def _oblast_table_folds_only_rows_without_information(reports: list) -> None:
    for case, content, _ in reports:
        t = content.oblast_table
        oblasts = [r for r in t.rows if " / " in r[0]]
        folded = re.findall(r"(?:No source covers|Nothing recorded in) these (\d+) oblasts", t.note)
        lines = [
            r for r in t.rows if re.match(r"(No source covers|Nothing recorded in) these", r[0])
        ]
        assert len(oblasts) + sum(int(n) for n in folded) == 27, case
        assert len(folded) == len(lines), case
        silent = [r[0] for r in oblasts if not any(_says(c) for c in r[1:])]
        assert (not silent) if lines else len(silent) < 3, (case, silent)  # folded from 3 up
        # "not covered" (issue 9: a unit the sources never list, a gap) stands in rows that
        # say something else; rows with nothing to say are folded from 3 up (checked above)
        unsaid = [r for r in oblasts if "not covered" in r and not any(_says(c) for c in r[1:])]
        assert len(unsaid) < 3, (case, unsaid)
    week26 = next(c for case, c, _ in reports if case == "week 2025-06-23")
    assert "Incidents" not in week26.oblast_table.columns  # no incident data cover 2025
    assert "Attack waves naming it" in week26.oblast_table.columns


def _says(cell: str) -> bool:
    """A cell that carries a value: not unknown, not zero."""
    nil = cell in {"not covered", "n/r", "n/a", ""}
    return not nil and re.fullmatch(r"[+-]?0(\.0+)?( \([+-]?0%\))?", cell) is None


def _quarantine_grouped_and_late_share_not_claimed_on_bulk_loads(reports: list) -> None:
    _, content, _ = reports[0]
    q = next(t for t in content.quality if t.title.startswith("Quarantined rows by rule"))
    assert len({r[:3] for r in q.rows}) == len(q.rows)  # one row per source, column and rule
    # issue 9: UCDP's disagreeing estimates (best > high, low > best) are flagged, not quarantined
    assert not any(r[0] == "ucdp" and re.search(r"\b(low|high)\b", r[2]) for r in q.rows)
    assert all(int(r[3].replace(",", "")) >= 1 and int(r[4].replace(",", "")) >= 1 for r in q.rows)
    late = next(t for t in content.quality if t.title.startswith("Missing values"))
    row = next(r for r in late.rows if r[0].startswith("First recorded"))
    assert row[1:] == ("n/a: no incremental load", "n/a: no incremental load")
