"""One definition per headline figure: no assessment for n/r or degenerate ranges, no waves-0
next to launched n/r, gaps not covered, flagged and quarantined rows counted (issue 9)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import polars as pl
import pytest

import analytics.report.headline as headline
from analytics.report.content import SeriesData, period_containing
from analytics.report.headline import headline_rows

MONDAYS = [dt.date(2024, 1, 1) + dt.timedelta(weeks=k) for k in range(14)]


def _incidents(killed: list[int | None], **extra: list[object]) -> SeriesData:
    n = len(killed)
    frame = pl.DataFrame(
        {
            "period": MONDAYS[:n],
            "incidents": [5] * n,
            "killed": killed,
            "injured": [1] * n,
            "killed_reported": [0 if k is None else 5 for k in killed],
            "injured_reported": [5] * n,
            **extra,
        },
        schema_overrides={"killed": pl.Int64},
    )
    last = MONDAYS[n - 1] + dt.timedelta(days=6)
    return SeriesData("incidents", frame, MONDAYS[0], last, "weekly_source_oblast", "period")


def _row(rows: list, key: str):  # type: ignore[no-untyped-def]
    return next(r for r in rows if r.key == key)


def test_not_reported_is_not_assessed() -> None:
    s = _incidents([3, 4, 2, 5, 3, 4, 2, 5, 3, 4, 2, None])
    p = period_containing(MONDAYS[11], "week")
    rows, _ = headline_rows({"incidents": s}, p)
    killed = _row(rows, "killed")
    assert killed.value == "n/r"
    assert killed.verdict == "not assessed (not reported)" and killed.expected == ""


def test_degenerate_range_is_not_assessed() -> None:
    s = _incidents([0] * 12)
    rows, _ = headline_rows({"incidents": s}, period_containing(MONDAYS[11], "week"))
    killed = _row(rows, "killed")
    assert killed.verdict == "not assessed (degenerate expected range)"


def test_gap_week_is_not_covered_and_quality_counted() -> None:
    n = 12
    covered = [True] * n
    covered[10] = False  # week 11 lies in a gap of the only source
    s = _incidents(
        [3] * n,
        covered=covered,
        covered_days=[0 if not c else 7 for c in covered],
        flagged=[0] * (n - 1) + [2],
        flagged_killed=[None] * (n - 1) + [7],
        quarantined=[0] * (n - 1) + [1],
        quarantined_killed=[None] * n,
    )
    assert s.covers(period_containing(MONDAYS[10], "week")) == "none"
    train = s.complete("week", through=MONDAYS[11] - dt.timedelta(days=1))
    assert train.filter(pl.col("period") == MONDAYS[10])["killed"][0] is None  # not 0
    rows, notes = headline_rows({"incidents": s}, period_containing(MONDAYS[11], "week"))
    assert _row(rows, "killed").previous == "not covered"
    assert any(
        "2 incidents of this period carry a data-quality flag" in n and "7 killed" in n
        for n in notes
    )
    assert any("1 rows dated in this period were quarantined" in n for n in notes)


def test_no_waves_means_nothing_launched() -> None:
    frame = pl.DataFrame(
        {"period": MONDAYS[:3], "waves": [2, 0, 1], "launched": [10, None, 4],
         "destroyed": [8, None, 4]},
        schema_overrides={"launched": pl.Int64, "destroyed": pl.Int64},
    )  # fmt: skip
    s = SeriesData("waves", frame, MONDAYS[0], MONDAYS[2] + dt.timedelta(days=6), "w", "week")
    rows, _ = headline_rows({"waves": s}, period_containing(MONDAYS[1], "week"))
    assert _row(rows, "waves").value == "0"
    assert _row(rows, "launched").value == "0"  # never n/r next to 0 waves


def test_a_capped_upper_bound_is_marked_and_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    """A one-step forecast whose 95% bound was cut at the guard (its reason says "capped")
    shows "(capped)" beside its range and a note; one that was not shows neither."""
    real = headline.forecast

    def capped(*a: Any, **kw: Any) -> Any:
        fc = real(*a, **kw)
        return replace(fc, reason=fc.reason + "; 95% bound capped at 50")

    s = _incidents([3, 4, 2, 5, 3, 4, 2, 5, 3, 4, 2, 4])
    p = period_containing(MONDAYS[11], "week")
    rows, notes = headline_rows({"incidents": s}, p)
    assert not any(r.expected.endswith(headline.CAPPED) for r in rows)
    assert not any("capped" in n for n in notes)
    monkeypatch.setattr(headline, "forecast", capped)
    rows, notes = headline_rows({"incidents": s}, p)
    killed = _row(rows, "killed")
    assert killed.expected.endswith(" (capped)") and killed.verdict.startswith(
        ("within", "above", "below")
    )
    assert sum("(capped)" in n and "ten times" in n for n in notes) == 1
