"""The headline figures of a report: value, comparisons, the model's expected range, SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import polars as pl

from analytics.modelling.forecast import forecast
from analytics.report.content import (
    NOT_COVERED,
    Headline,
    Period,
    SeriesData,
    fmt_change,
    fmt_count,
)  # fmt: skip

__all__ = ["CAPPED", "headline_rows", "N_SIMS", "SEED"]

#: Simulated paths per forecast, and the seed every report model uses (deterministic output).
N_SIMS: Final = 1000
SEED: Final = 0


_SPECS: Final = (
    # family, column, label, reported column, modelled, digits
    ("incidents", "incidents", "Incidents", None, True, 0),
    ("incidents", "killed", "Killed", "killed_reported", True, 0),
    ("incidents", "injured", "Injured", "injured_reported", True, 0),
    ("alerts", "alerts", "Air-raid alerts (oblast level)", None, True, 0),
    ("alerts", "alert_hours", "Alert hours (summed over oblasts)", None, False, 0),
    ("waves", "waves", "Attack waves (national reports)", None, True, 0),
    ("waves", "launched", "Missiles and drones launched", None, True, 0),
    ("waves", "destroyed", "Missiles and drones reported destroyed", None, False, 0),
)


#: Marks an expected range whose 95% upper bound was cut at the forecast guard.
CAPPED: Final = "(capped)"


def _value_at(s: SeriesData, col: str, p: Period) -> tuple[Any, str]:
    """(value or None, coverage) of one column in one period; counts of a covered period
    without a row are 0, sums stay None (not reported)."""
    cover = s.covers(p)
    if cover == "none":
        return None, cover
    row = s.frame.filter(pl.col("period") == p.start)
    # no attack wave in a covered period: nothing launched or destroyed either (0, not n/r),
    # so "Attack waves 0" never stands next to "launched n/r"
    no_waves = "waves" in s.frame.columns and (row.height == 0 or row["waves"][0] == 0)
    if no_waves and col in ("launched", "destroyed", "not_reach_goal"):
        return 0, cover
    if row.height == 0:
        zero = col in ("incidents", "alerts", "alert_hours", "waves")
        return (0 if zero else None), cover
    return row[col][0], cover


def _shown(value: Any, cover: str, digits: int) -> str:
    if cover == "none":
        return NOT_COVERED
    text = fmt_count(value, digits=digits)
    return text + " (partial)" if cover == "partial" else text


def _model_check(s: SeriesData, col: str, p: Period, value: Any) -> tuple[str, str, str]:
    """(expected 95% range, verdict, model) from a one-step forecast fitted before ``p``."""
    if s.covers(p) != "full":
        return "", "not assessed (period not fully covered)", ""
    train = s.complete(p.kind, through=p.start - dt.timedelta(days=1))
    if train.height < 8 or train["period"][-1] != p.shift(-1).start:
        return "", f"not assessed (only {train.height} complete periods before)", ""
    if value is None:
        return "", "not assessed (not reported)", ""
    # NULL periods (not covered, or nothing reported) are left out of the fit, never zero
    series = train.select("period", pl.col(col).cast(pl.Float64).alias("value"))
    if series["value"].drop_nulls().len() < 8:
        return "", "not assessed (fewer than 8 known periods before)", ""
    try:
        fc = forecast(series, freq=p.kind, horizon=1, metric=col, n_sims=N_SIMS, seed=SEED)
    except ValueError as err:
        return "", f"not assessed ({err})", ""
    lo, hi = int(fc.forecasts["lo95"][0]), int(fc.forecasts["hi95"][0])
    if lo == hi:
        return f"{lo:,}–{hi:,}", "not assessed (degenerate expected range)", fc.model
    shown = f"{lo:,}–{hi:,}" + (f" {CAPPED}" if "capped" in fc.reason else "")
    observed = value
    if observed > hi:
        verdict = "above the expected range"
    elif observed < lo:
        verdict = "below the expected range"
    else:
        verdict = "within the expected range"
    return shown, verdict, fc.model


def _quality_notes(s: SeriesData, p: Period) -> list[str]:
    """Flagged and quarantined incident rows of the period, with the killed they hold."""
    out = []
    if s.note:
        out.append(f"Incidents, killed and injured: {s.note}.")
    if "flagged" not in s.frame.columns:
        return out
    row = s.frame.filter(pl.col("period") == p.start)
    if row.height == 0:
        return out
    r = row.row(0, named=True)
    if r["flagged"]:
        out.append(
            f"{r['flagged']:,} incidents of this period carry a data-quality flag (some "
            "secondary value, such as a low or high estimate that contradicts the best one, "
            f"was set aside); they are counted with their best estimate: "
            f"{fmt_count(r['flagged_killed'])} killed."
        )
    if r["quarantined"]:
        held = r["quarantined_killed"]
        what = "no readable killed count" if held is None else f"{held:,} killed"
        out.append(
            f"{r['quarantined']:,} rows dated in this period were quarantined (not counted), "
            f"holding {what} as far as readable."
        )
    return out


def headline_rows(series: dict[str, SeriesData], p: Period) -> tuple[list[Headline], list[str]]:
    rows: list[Headline] = []
    notes: list[str] = []
    models: set[str] = set()
    prev, year = p.shift(-1), p.year_before()
    for family, col, label, reported, modelled, digits in _SPECS:
        s = series.get(family)
        if s is None or not s.present:
            continue
        value, cover = _value_at(s, col, p)
        if cover == "none":  # a note below says which dates the family covers
            continue
        note = ""
        if reported and cover != "none":
            n_rep, _ = _value_at(s, reported, p)
            n_inc, _ = _value_at(s, "incidents", p)
            note = f"reported by {n_rep or 0:,} of {n_inc or 0:,} incidents"
            if col == "killed" and "killed_low" in s.frame.columns and value is not None:
                low, _ = _value_at(s, "killed_low", p)
                high, _ = _value_at(s, "killed_high", p)
                if low is not None and high is not None and (low, high) != (value, value):
                    note += f"; range {low:,}–{high:,} (sources' low and high estimates)"
        pv, pc = _value_at(s, col, prev)
        yv, yc = _value_at(s, col, year)
        expected, verdict, model = ("", "", "")
        if modelled:
            expected, verdict, model = _model_check(s, col, p, value)
            if model:
                models.add(model)
        rows.append(
            Headline(
                key=col, label=label, value=_shown(value, cover, digits), note=note,
                previous=_shown(pv, pc, digits),
                previous_change=fmt_change(value, pv) if cover == pc == "full" else "n/a",
                year_before=_shown(yv, yc, digits),
                year_change=fmt_change(value, yv) if cover == yc == "full" else "n/a",
                expected=expected, verdict=verdict, sql=s.sql(col, p), ref=len(rows) + 1,
            )
        )  # fmt: skip
    if "incidents" not in series or not series["incidents"].present:
        notes.append("The database holds no incidents: only alerts and attack waves are shown.")
    else:
        notes.extend(_quality_notes(series["incidents"], p))
    for s in series.values():
        if s.present and s.note and s.name in ("alerts", "waves"):
            notes.append(f"{s.name.capitalize()}: {s.note}.")
        if s.present and s.name in ("incidents", "alerts", "waves") and s.covers(p) != "full":
            first, last = s.first_day, s.last_day
            inside = first is not None and last is not None and first <= p.start and p.end <= last
            how = "not" if s.covers(p) == "none" else "only part of"
            gap = " (a gap in the sources: no figure, not 0)" if inside else ""
            notes.append(
                f"{s.name.capitalize()} data cover {s.first_day} to {s.last_day}, "
                f"{how} this period{gap}."
            )
    if any(r.expected.endswith(CAPPED) for r in rows):
        notes.append(
            f"Expected range {CAPPED}: the forecast's 95% upper bound passed ten times the largest "
            "value seen before and is shown cut there (the guard against runaway forecasts): "
            "the interval is at least this wide."
        )
    notes.append(
        "Expected range: the 95% prediction interval of a one-step-ahead forecast fitted only "
        f"on the complete periods before this one ({', '.join(sorted(models)) or 'no model'})"
        + (
            "; killed and injured are modelled as sums of reported counts."
            if rows and rows[0].key == "incidents"
            else "."
        )
    )
    return rows, notes
