"""The findings of one report period: figures, model checks, charts and data quality, as text.

:func:`gather` turns a store's views into a :class:`ReportContent` whose every cell is already
formatted (the same strings go to HTML, Markdown and PDF). Text that came from a source
(region names, quarantine reasons, file names) is kept verbatim here; the renderers escape it.
Unknown is never shown as zero: a NULL casualty sum is "n/r" (not reported).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import polars as pl

from analytics import __version__
from analytics.citations import SourceNote, describe_sources
from analytics.demo import SYNTHETIC_LABEL, SYNTHETIC_SOURCE
from analytics.report import Period, SeriesData

if TYPE_CHECKING:
    from analytics.store import Store

__all__ = [
    "Headline", "Chart", "Table", "ReportContent", "gather", "fmt_count", "NOT_REPORTED",
    "PERMANENT_ALERTS",
]  # fmt: skip

NOT_REPORTED: Final = "n/r"
NOT_COVERED: Final = "not covered"
_HORIZON: Final = {"week": 8, "month": 3}
_SURGE_HISTORY: Final = {"week": 26, "month": 12}
_TOP_OBLASTS: Final = 5
#: Oblasts under a permanent air-raid alert that the alert feeds do not list (from this day).
PERMANENT_ALERTS: Final = {"UA-09": dt.date(2022, 4, 4), "UA-43": dt.date(2022, 12, 10)}
_N_SIMS: Final = 1000
_SEED: Final = 0


@dataclass(frozen=True)
class Headline:
    """One headline figure with its comparisons, the model's verdict and its SQL."""

    key: str
    label: str
    value: str
    note: str
    previous: str
    previous_change: str
    year_before: str
    year_change: str
    expected: str
    verdict: str
    sql: str
    ref: int


@dataclass(frozen=True)
class Chart:
    """A chart as PNG bytes with the file name it gets beside ``report.md``."""

    key: str
    title: str
    caption: str
    filename: str
    png: bytes


@dataclass(frozen=True)
class Table:
    """A formatted table: every cell a string; ``numeric`` marks right-aligned columns."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    note: str = ""

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class ReportContent:
    """Everything the renderers print, in order."""

    title: str
    period: Period
    synthetic: bool
    synthetic_label: str
    generated_line: str
    scope_line: str
    headline: list[Headline]
    headline_notes: list[str]
    oblast_table: Table
    charts: list[Chart]
    chart_notes: list[str]
    forecasts: list[Table]
    surges: Table
    breaks: Table
    model_notes: list[str]
    quality: list[Table]
    quality_notes: list[str]
    provenance: list[tuple[str, str]]
    sources: list[SourceNote]
    model_choices: list[tuple[str, str]]
    definitions: list[str]
    creation_date: dt.datetime = field(default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))


# -- formatting -----------------------------------------------------------------------------
def fmt_count(value: Any, *, digits: int = 0) -> str:
    """``1,234``; ``n/r`` for NULL (not reported), never 0.

    Examples
    --------
    >>> fmt_count(None), fmt_count(1234), fmt_count(2.456, digits=2)
    ('n/r', '1,234', '2.46')
    """
    if value is None:
        return NOT_REPORTED
    if digits == 0:
        return f"{round(value):,}"
    return f"{value:,.{digits}f}"


def _change(cur: Any, prev: Any) -> str:
    if cur is None or prev is None:
        return "n/a"
    diff = cur - prev
    if diff == 0:
        return "0 (0%)" if prev else "0"
    text = f"{round(diff):+,}"
    if prev:
        text += f" ({diff / prev:+.0%})"
    return text


def _share(part: int, whole: int) -> str:
    return "n/a" if not whole else f"{part / whole:.1%} ({part:,} of {whole:,})"


# -- headline -------------------------------------------------------------------------------
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


def _value_at(s: SeriesData, col: str, p: Period) -> tuple[Any, str]:
    """(value or None, coverage) of one column in one period; counts of a covered period
    without a row are 0, sums stay None (not reported)."""
    cover = s.covers(p)
    if cover == "none":
        return None, cover
    row = s.frame.filter(pl.col("period") == p.start)
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
    from analytics.forecast import forecast

    if s.covers(p) != "full":
        return "", "not assessed (period not fully covered)", ""
    train = s.complete(p.kind, through=p.start - dt.timedelta(days=1))
    if train.height < 8 or train["period"][-1] != p.shift(-1).start:
        return "", f"not assessed (only {train.height} complete periods before)", ""
    series = train.select("period", pl.col(col).fill_null(0).cast(pl.Float64).alias("value"))
    fc = forecast(series, freq=p.kind, horizon=1, metric=col, n_sims=_N_SIMS, seed=_SEED)
    lo, hi = int(fc.forecasts["lo95"][0]), int(fc.forecasts["hi95"][0])
    observed = 0 if value is None else value
    if observed > hi:
        verdict = "above the expected range"
    elif observed < lo:
        verdict = "below the expected range"
    else:
        verdict = "within the expected range"
    return f"{lo:,}–{hi:,}", verdict, fc.model


def _headline(series: dict[str, SeriesData], p: Period) -> tuple[list[Headline], list[str]]:
    rows, notes, models = [], [], set()
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
                previous_change=_change(value, pv) if cover == pc == "full" else "n/a",
                year_before=_shown(yv, yc, digits),
                year_change=_change(value, yv) if cover == yc == "full" else "n/a",
                expected=expected, verdict=verdict, sql=s.sql(col, p), ref=len(rows) + 1,
            )
        )  # fmt: skip
    if "incidents" not in series or not series["incidents"].present:
        notes.append("The database holds no incidents: only alerts and attack waves are shown.")
    for s in series.values():
        if s.present and s.note and s.name in ("alerts", "waves"):
            notes.append(f"{s.name.capitalize()}: {s.note}.")
        if s.present and s.name in ("incidents", "alerts", "waves") and s.covers(p) != "full":
            notes.append(
                f"{s.name.capitalize()} data cover {s.first_day} to {s.last_day}, "
                f"{'not' if s.covers(p) == 'none' else 'only part of'} this period."
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


# -- oblast table ---------------------------------------------------------------------------
def _oblast_table(
    store: Store, series: dict[str, SeriesData], p: Period
) -> tuple[Table, pl.DataFrame]:
    """All 27 oblasts: incidents and casualties (when the database has incidents) and alerts
    (when the alert data cover the period), with rates and the change vs the previous period."""
    gaz = store.query(
        "select code as oblast_code, name_en, name_uk, population_2022 from oblasts order by code"
    )
    prev = p.shift(-1)
    inc = series["oblasts"]
    with_inc = inc.present
    cur = inc.frame.filter(pl.col("period") == p.start)
    prv = inc.frame.filter(pl.col("period") == prev.start)
    tab = gaz.join(cur.drop("period"), on="oblast_code", how="left").join(
        prv.select("oblast_code", pl.col("incidents").alias("prev")), on="oblast_code", how="left"
    )
    covered, prev_cov = inc.covers(p) != "none", inc.covers(prev) != "none"
    tab = tab.with_columns(
        pl.col("incidents").fill_null(0) if covered else pl.col("incidents"),
        pl.col("prev").fill_null(0) if prev_cov else pl.col("prev"),
    )
    alerts = series.get("oblast_alerts")
    with_alerts = alerts is not None and alerts.covers(p) != "none"
    if alerts is not None and with_alerts:
        a = alerts.frame.filter(pl.col("period").is_in([p.start, prev.start])).pivot(
            "period", index="oblast_code", values=["alerts", "alert_minutes"]
        )
        names = {f"alerts_{p.start}": "alerts", f"alerts_{prev.start}": "alerts_prev",
                 f"alert_minutes_{p.start}": "alert_minutes"}  # fmt: skip
        a = a.rename({k: v for k, v in names.items() if k in a.columns})
        a = a.select(
            "oblast_code", *[pl.col(v) if v in a.columns else pl.lit(None).alias(v)
                             for v in ("alerts", "alerts_prev", "alert_minutes")]
        )  # fmt: skip
        prev_alerts = alerts.covers(prev) != "none"
        permanent = [c for c, since in sorted(PERMANENT_ALERTS.items()) if since <= p.end]
        unknown = pl.col("oblast_code").is_in(permanent)
        tab = tab.join(a, on="oblast_code", how="left").with_columns(
            pl.when(~unknown).then(pl.col("alerts").fill_null(0)).alias("alerts"),
            pl.when(~unknown).then(pl.col("alert_minutes").fill_null(0) / 60).alias("alert_hours"),
            pl.when(~unknown).then(pl.col("alerts_prev").fill_null(0) if prev_alerts
                                   else pl.col("alerts_prev")).alias("alerts_prev"),
        )  # fmt: skip
    waves = series.get("waves")
    with_waves = waves is not None and waves.covers(p) != "none"
    if with_waves:
        named = store.query(
            "select oblast_code, cast(sum(waves) as bigint) as waves_named "
            "from weekly_attacks_oblast where reporter_level = 'national' "
            "and oblast_code is not null and week between ? and ? group by all",
            [p.start, p.end],
        )
        tab = tab.join(named, on="oblast_code", how="left").with_columns(
            pl.col("waves_named").fill_null(0)
        )
        no_oblast = store.query(
            "select cast(coalesce(sum(waves), 0) as bigint) as n from weekly_attacks_oblast "
            "where reporter_level = 'national' and oblast_code is null and week between ? and ?",
            [p.start, p.end],
        )["n"][0]
    key = "incidents" if with_inc else "alerts" if with_alerts else "waves_named"
    if key not in tab.columns:
        key = "name_en"
    tab = tab.sort([key, "name_en"], descending=[True, False], nulls_last=True)
    cols = ["Oblast"]
    if with_inc:
        cols += ["Incidents", "Change vs previous", "Killed", "Injured", "Incidents per 100k",
                 "Killed per 100k", "Injured per 100k"]  # fmt: skip
    if with_alerts:
        cols += ["Alerts"] + ([] if with_inc else ["Change vs previous"]) + ["Alert hours"]
    if with_waves:
        cols += ["Attack waves naming it"]
    rows = []
    for r in tab.iter_rows(named=True):
        pop = r["population_2022"]

        def rate(v: Any, pop: Any = pop) -> str:
            if not pop:
                return "n/a"
            return NOT_REPORTED if v is None else f"{v / pop * 100_000:.2f}"

        row = [f"{r['name_en']} / {r['name_uk']}"]
        if with_inc:
            inc_text = NOT_COVERED if r["incidents"] is None else fmt_count(r["incidents"])
            row += [inc_text, _change(r["incidents"], r["prev"]), fmt_count(r["killed"]),
                    fmt_count(r["injured"]), rate(r["incidents"]), rate(r["killed"]),
                    rate(r["injured"])]  # fmt: skip
        if with_alerts:
            row.append(fmt_count(r["alerts"]))
            if not with_inc:
                row.append(_change(r["alerts"], r["alerts_prev"]))
            row.append(fmt_count(r["alert_hours"]))
        if with_waves:
            row.append(fmt_count(r["waves_named"]))
        rows.append(tuple(row))
    if covered:
        unres = cur.filter(pl.col("oblast_code").is_null())
        u = unres.row(0, named=True) if unres.height else {}
        pu = prv.filter(pl.col("oblast_code").is_null())
        prev_u = pu["incidents"][0] if pu.height else (0 if prev_cov else None)
        blank = [""] * (len(cols) - 5)
        rows.append(("No single oblast (region not resolved)", fmt_count(u.get("incidents", 0)),
                     _change(u.get("incidents", 0), prev_u), fmt_count(u.get("killed")),
                     fmt_count(u.get("injured")), *blank))  # fmt: skip
    notes = []
    if with_inc:
        notes.append(
            "n/r = not reported: no incident in the cell reported a count (never shown as 0). "
            "Rates per 100,000 residents use the 2022 population estimates in the gazetteer "
            f"(n/a where it has no estimate). Incidents: view {inc.view}."
        )
    if with_alerts:
        assert alerts is not None
        notes.append(
            f"Alerts: oblast-level alerts starting in the period, view daily_alerts "
            f"({alerts.note}); alert hours are summed over the period's Kyiv days."
            + (" n/r for alerts: the oblast is under a permanent alert that the source does "
               "not list (Luhansk from 2022-04-04, Crimea from 2022-12-10)." if permanent else "")
        )  # fmt: skip
    if with_waves:
        weeks = "" if p.kind == "week" else " (ISO weeks starting in the month)"
        notes.append(
            "Attack waves naming it: national reports whose target names the oblast"
            f"{weeks}, view weekly_attacks_oblast; a wave naming several oblasts counts in each;"
            f" {no_oblast:,} waves name no oblast (e.g. the whole country or a macro-region)."
        )
    if not (with_inc or with_alerts or with_waves):
        notes.append("No incidents, alerts or attack waves cover this period.")
    numeric = (False,) + (True,) * (len(cols) - 1)
    title = f"All oblasts, {p.label}"
    return Table(title, tuple(cols), tuple(rows), numeric, " ".join(notes)), tab


# -- models ---------------------------------------------------------------------------------
_PRIMARY: Final = (("incidents", "incidents", "Incidents"), ("alerts", "alerts", "Air-raid alerts"),
                   ("waves", "launched", "Missiles and drones launched"))  # fmt: skip


def _through(s: SeriesData, p: Period, col: str) -> pl.DataFrame | None:
    full = s.complete(p.kind, through=p.end)
    if full.height < 8 or full["period"][-1] != p.start:
        return None
    return full.select("period", pl.col(col).fill_null(0).cast(pl.Float64).alias("value"))


def _models(
    series: dict[str, SeriesData], p: Period, oblast_names: pl.DataFrame
) -> tuple[list[Table], Table, Table, list[str], list[tuple[str, str]], dict[str, Any]]:
    from analytics.forecast import forecast, surge_alerts
    from analytics.models import find_breaks

    fc_tables, surge_rows, break_rows, notes, choices = [], [], [], [], []
    extra: dict[str, Any] = {}
    for family, col, label in _PRIMARY:
        s = series.get(family)
        if s is None or not s.present:
            continue
        hist = _through(s, p, col)
        if hist is None:
            notes.append(f"{label}: too few complete periods up to {p.end} to model.")
            continue
        fc = forecast(hist, freq=p.kind, horizon=_HORIZON[p.kind], metric=col,
                      n_sims=_N_SIMS * 2, seed=_SEED)  # fmt: skip
        why = fc.reason + ("" if fc.fit is None else f"; {fc.fit.reason}")
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
                  f"{hist.height} complete {p.kind}s up to {p.end}. Median and intervals are "
                  f"quantiles of {_N_SIMS * 2:,} simulated paths (the mean is not shown: a few "
                  "extreme paths can pull it outside the 80% interval).")
        )  # fmt: skip
        extra[col] = (hist, fc.forecasts, None)
        try:
            surge = surge_alerts(hist, freq=p.kind, history=_SURGE_HISTORY[p.kind], seed=_SEED)
        except ValueError as err:
            notes.append(f"{label}: no surge check ({err}).")
        else:
            surge_rows.append(_surge_row(f"{label}, Ukraine", surge))
            extra[col] = (hist, fc.forecasts, surge.history.filter(pl.col("flagged")))
            if not choices or "Surge" not in choices[-1][0]:
                choices.append(("Surge check", _SURGE_TEXT.format(t=surge.threshold)))
        try:
            br = find_breaks(hist["value"], hist["period"], seed=_SEED)
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
                surge = surge_alerts(hist, freq=p.kind, history=_SURGE_HISTORY[p.kind], seed=_SEED)
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
    return fc_tables, surges, breaks, notes, choices, extra


_SURGE_TEXT: Final = (
    "One-step-ahead upper-tail probability of the observed count under the forecasting model "
    "fitted on the periods before (refitted every 4 periods); flagged below {t}."
)


def _surge_row(name: str, surge: Any) -> tuple[str, ...]:
    s = surge.summary().row(0, named=True)
    return (name, fmt_count(s["observed"]), f"{s['expected']:,.1f}", f"{s['p_upper']:.3g}",
            "yes" if s["flagged"] else "no",
            f"{s['historical_alarm_rate']:.0%} of {s['n_history']}" if s["n_history"] else "n/a")  # fmt: skip


# -- provenance -------------------------------------------------------------------------------
def _first_paragraph(doc: str | None) -> str:
    return _plain(" ".join((doc or "").strip().split("\n\n")[0].split()))


def _plain(text: str) -> str:
    """Docstring markup to plain text: ``code`` and :func:`name` become code and name."""
    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"\1", text)
    return text.replace("``", "")


def _definitions(p: Period) -> list[str]:
    return [
        "Weeks are ISO weeks, Monday to Sunday; months are calendar months. Incidents count "
        "by the day they occurred; alerts by the Kyiv local day they started.",
        "Killed and injured are sums of the counts incidents reported; an incident without a "
        "count is not counted as zero, and the headline says how many incidents reported one.",
        "Incidents whose region names no single oblast count in national figures only.",
        "Each figure is the latest revision of each record; revisions are kept, never "
        "overwritten, so earlier reports can be reproduced with --known-at.",
        "Sources' own wording appears only in quotation or in the data-quality tables.",
    ]


def gather(
    store: Store,
    series: dict[str, SeriesData],
    p: Period,
    *,
    known_at: dt.datetime | None,
    state: dict[str, Any],
    generated_at: dt.datetime,
    timings: dict[str, float] | None = None,
) -> ReportContent:
    """Compute every section of the report of period ``p`` (formatted, ready to render)."""
    from analytics import forecast as fc_module
    from analytics import models as models_module
    from analytics import report_charts, report_quality

    sources = store.query("select distinct source from ingests order by source")["source"]
    synthetic = SYNTHETIC_SOURCE in sources.to_list()
    notes_src = describe_sources(sources.to_list())
    source_line = (
        "Source: " + "; ".join(n.short for n in notes_src) + f" · strike-analytics {__version__}"
    )
    clock = timings if timings is not None else {}
    t0 = time.perf_counter()
    oblast_table, oblast_tab = _oblast_table(store, series, p)
    quality, quality_notes = report_quality.quality_tables(store, p)
    t1 = time.perf_counter()
    headline, headline_notes = _headline(series, p)
    fc_tables, surges, breaks, model_notes, choices, extra = _models(series, p, oblast_tab)
    t2 = time.perf_counter()
    charts = report_charts.report_charts(
        store, series, p, extra, oblast_tab, source_line, synthetic
    )
    chart_notes = report_charts.omitted_charts(series, p)
    t3 = time.perf_counter()
    clock["query"] = clock.get("query", 0.0) + t1 - t0
    clock["models"] = t2 - t1
    clock["charts"] = t3 - t2
    choices += [
        (
            "Forecasting model (analytics.forecast)",
            _plain(" ".join((fc_module.__doc__ or "").split())),
        ),
        ("Count models (analytics.models)", _first_paragraph(models_module.__doc__)),
        ("Structural breaks", _first_paragraph(models_module.find_breaks.__doc__)),
    ]
    scope = (
        f"as the database knew them at {known_at:%Y-%m-%d %H:%M:%S} UTC (ingests finished by then)"
        if known_at is not None
        else "everything in the database"
    )
    provenance = [
        ("Package", f"strike-analytics {__version__}"),
        (
            "Data checksum (md5 over every incident revision and every versioned row of "
            + ", ".join(state.get("tables") or ["no other table"])
            + ")",
            state["data_checksum"],
        ),
        (
            "Incident revisions checksum (Store.checksum())",
            state["checksum"] + ("" if series["incidents"].present else " (no incidents)"),
        ),
        ("Newest ingest", f"#{state['max_ingest_id']}" if state["max_ingest_id"] else "none"),
        ("Data scope", scope),
        ("Period", f"{p.label}: {p.start} to {p.end}"),
    ]
    kind = "Weekly" if p.kind == "week" else "Monthly"
    return ReportContent(
        title=f"{kind} report on strikes on Ukraine: {p.label}",
        period=p, synthetic=synthetic, synthetic_label=SYNTHETIC_LABEL,
        generated_line=f"Generated {generated_at:%Y-%m-%d %H:%M:%S} UTC by strike-analytics "
        f"{__version__}.",
        scope_line=f"Data: {scope}.", headline=headline, headline_notes=headline_notes,
        oblast_table=oblast_table, charts=charts, chart_notes=chart_notes, forecasts=fc_tables, surges=surges,
        breaks=breaks, model_notes=model_notes, quality=quality, quality_notes=quality_notes,
        provenance=provenance, sources=notes_src, model_choices=choices,
        definitions=_definitions(p),
        creation_date=dt.datetime.combine(p.end, dt.time(23, 59, 59), tzinfo=dt.UTC),
    )  # fmt: skip
