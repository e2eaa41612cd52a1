"""The model sections of a report: forecasts, surge checks and structural breaks."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Final

import polars as pl

from analytics.modelling.breaks import find_breaks
from analytics.modelling.forecast import forecast
from analytics.modelling.surge import surge_alerts
from analytics.report.content import (
    PRIMARY_SERIES,
    Headline,
    Period,
    SeriesData,
    Table,
    fmt_count,
)  # fmt: skip
from analytics.report.headline import N_SIMS, SEED, headline_rows

__all__ = ["model_sections", "ModelSections", "model_checks", "ModelChecks"]

_HORIZON: Final = {"week": 8, "month": 3}
_SURGE_HISTORY: Final = {"week": 26, "month": 12}
_TOP_OBLASTS: Final = 5


def _through(s: SeriesData, p: Period, col: str) -> pl.DataFrame | None:
    full = s.complete(p.kind, through=p.end)
    if full.height < 8 or full["period"][-1] != p.start:
        return None
    value = pl.col(col).fill_null(0).cast(pl.Float64)
    if "covered" in full.columns:  # a period no source fully covers is missing, never zero
        value = pl.when(pl.col("covered").fill_null(False)).then(value)
    return full.select("period", value.alias("value"))


@dataclass(frozen=True)
class ModelSections:
    """The model sections of one report.

    ``drawn`` maps a primary column to (history, forecast frame, flagged surges or None) for
    the forecast charts.
    """

    forecasts: list[Table]
    surges: Table
    breaks: Table
    notes: list[str]
    choices: list[tuple[str, str]]
    drawn: dict[str, Any]


def model_sections(
    series: dict[str, SeriesData], p: Period, oblast_names: pl.DataFrame
) -> ModelSections:
    """Forecast tables, surge checks and structural breaks for the primary series of ``p``."""
    fc_tables, surge_rows, break_rows, notes, choices = [], [], [], [], []
    extra: dict[str, Any] = {}
    for family, col, label in PRIMARY_SERIES:
        s = series.get(family)
        if s is None or not s.present:
            continue
        hist = _through(s, p, col)
        if hist is None:
            notes.append(f"{label}: too few complete periods up to {p.end} to model.")
            continue
        fc = forecast(hist, freq=p.kind, horizon=_HORIZON[p.kind], metric=col,
                      n_sims=N_SIMS * 2, seed=SEED)  # fmt: skip
        why = fc.reason + ("" if fc.fit is None else f"; {fc.fit.reason}")
        known_n = hist["value"].drop_nulls().len()
        missing = hist.height - known_n
        gaps_note = f" ({missing} not covered by the sources, left out)" if missing else ""
        choices.append((f"Forecast of {label.lower()}", f"{fc.model}: {why}"))
        rows = tuple(
            (r["period_start"].isoformat(), f"{r['median']:,}",
             f"{r['lo80']:,}–{r['hi80']:,}", f"{r['lo95']:,}–{r['hi95']:,}")
            for r in fc.forecasts.iter_rows(named=True)
        )  # fmt: skip
        fc_tables.append(
            Table(f"Forecast: {label.lower()}, next {len(rows)} {p.kind}s",
                  ("Period starting", "Median", "80% interval", "95% interval"), rows,
                  (False, True, True, True), f"Model {fc.model}, fitted on "
                  f"{known_n} complete {p.kind}s up to {p.end}"
                  f"{gaps_note}. Median and intervals are "
                  f"quantiles of {N_SIMS * 2:,} simulated paths (the mean is not shown: a few "
                  "extreme paths can pull it outside the 80% interval).")
        )  # fmt: skip
        extra[col] = (hist, fc.forecasts, None)
        known = hist.drop_nulls("value")  # the checks below read known periods only
        try:
            surge = surge_alerts(known, freq=p.kind, history=_SURGE_HISTORY[p.kind], seed=SEED)
        except ValueError as err:
            notes.append(f"{label}: no surge check ({err}).")
        else:
            surge_rows.append(_surge_row(f"{label}, Ukraine", surge))
            extra[col] = (hist, fc.forecasts, surge.history.filter(pl.col("flagged")))
            if not choices or "Surge" not in choices[-1][0]:
                choices.append(("Surge check", _SURGE_TEXT.format(t=surge.threshold)))
        try:
            br = find_breaks(known["value"], known["period"], seed=SEED)
        except ValueError as err:
            notes.append(f"{label}: no break search ({err}).")
            continue
        if br.breaks.height == 0:
            break_rows.append((label, "none found", "", "", ""))
        for b in br.breaks.iter_rows(named=True):
            break_rows.append((label, b["period"].isoformat(), f"{b['ci_low']} to {b['ci_high']}",
                               f"{b['level_before']:,.1f}", f"{b['level_after']:,.1f}"))  # fmt: skip
    oblasts = series["oblasts"]
    if oblasts.covers(p) == "full":
        top = (
            oblasts.frame.filter(
                (pl.col("period") == p.start) & pl.col("oblast_code").is_not_null()
            )
            .sort(["incidents", "oblast_code"], descending=[True, False])
            .head(_TOP_OBLASTS)["oblast_code"]
            .to_list()
        )
        names = dict(zip(oblast_names["oblast_code"], oblast_names["name_en"], strict=True))
        for code in top:
            one = oblasts.frame.filter(pl.col("oblast_code") == code).drop("oblast_code")
            sub = SeriesData(code, one, oblasts.first_day, oblasts.last_day, oblasts.view, "period")
            hist = _through(sub, p, "incidents")
            if hist is None:
                continue
            try:
                surge = surge_alerts(hist, freq=p.kind, history=_SURGE_HISTORY[p.kind], seed=SEED)
            except ValueError:
                continue
            surge_rows.append(_surge_row(f"Incidents, {names.get(code, code)}", surge))
    seen: set[str] = set()
    choices = [c for c in choices if not (c[0] in seen or seen.add(c[0]))]  # type: ignore[func-returns-value]
    surges = Table(
        f"Surge check for {p.label}",
        ("Series", "Observed", "Expected", "P(Y ≥ observed)", "Flagged", "Past alarm rate"),
        tuple(surge_rows), (False, True, True, True, False, True),
        "Flagged when P(Y ≥ observed) < 0.01 under the model fitted on the periods before"
        + (f"; oblast rows: the {_TOP_OBLASTS} oblasts with the most incidents this period."
           if oblasts.covers(p) == "full" else "."),
    )  # fmt: skip
    breaks = Table(
        "Structural breaks (change of level or trend)",
        ("Series", "New regime from", "95% interval", "Level before", "Level after"),
        tuple(break_rows),
        (False, False, False, True, True),
        "Levels are fitted counts per period just before and after the break.",
    )
    return ModelSections(fc_tables, surges, breaks, notes, choices, extra)


@dataclass(frozen=True)
class ModelChecks:
    """Everything a report asks the models: the headline figures (each checked against a
    one-step forecast), the model sections, and the seconds they took."""

    headline: list[Headline]
    headline_notes: list[str]
    sections: ModelSections
    seconds: float


def model_checks(
    series: dict[str, SeriesData], p: Period, oblast_names: pl.DataFrame
) -> ModelChecks:
    """The headline rows (:func:`~analytics.report.headline.headline_rows`) and the model
    sections (:func:`model_sections`) of ``p``.

    They read only the series and the oblasts' names (``oblast_code``, ``name_en``: the
    gazetteer), so a report starts them as soon as the series are loaded, in a thread, while
    DuckDB answers the report's other queries (DuckDB releases the GIL while it works).
    """
    t0 = time.perf_counter()
    headline, notes = headline_rows(series, p)
    sections = model_sections(series, p, oblast_names)
    return ModelChecks(headline, notes, sections, time.perf_counter() - t0)


_SURGE_TEXT: Final = (
    "One-step-ahead upper-tail probability of the observed count under the forecasting model "
    "fitted on the periods before (refitted every 4 periods); flagged below {t}."
)


def _surge_row(name: str, surge: Any) -> tuple[str, ...]:
    s = surge.summary().row(0, named=True)
    return (name, fmt_count(s["observed"]), f"{s['expected']:,.1f}", f"{s['p_upper']:.3g}",
            "yes" if s["flagged"] else "no",
            f"{s['historical_alarm_rate']:.0%} of {s['n_history']}" if s["n_history"] else "n/a")  # fmt: skip
