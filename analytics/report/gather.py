"""The findings of one report period: figures, model checks, charts and data quality, as text.

:func:`gather` turns the :class:`~analytics.report.content.ReportData` loaded by
:mod:`analytics.report.series` into a :class:`ReportContent` whose every cell is already
formatted (the same strings go to HTML, Markdown and PDF). Text that came from a source
(region names, quarantine reasons, file names) is kept verbatim here; the renderers escape it.
Unknown is never shown as zero: a NULL casualty sum is "n/r" (not reported).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import polars as pl

from analytics._version import __version__
from analytics.charts.background import Background
from analytics.reference.citations import describe_sources
from analytics.report.chart_cache import ChartCache
from analytics.report.charts import (
    as_charts,
    data_chart_jobs,
    draw_jobs,
    fan_charts,
    number_charts,
    omitted_charts,
)
from analytics.report.content import (
    NOT_COVERED,
    NOT_REPORTED,
    Chart,
    Period,
    ReportContent,
    ReportData,
    SeriesData,
    Table,
)  # fmt: skip
from analytics.report.drawing import ChartJob, Drawn, draw_pngs
from analytics.report.model_checks import ModelChecks, model_checks
from analytics.report.oblast_table import oblast_table
from analytics.report.quality import quality_tables
from analytics.schema import SYNTHETIC_LABEL, SYNTHETIC_SOURCE

__all__ = ["gather", "collapse_rows", "methods_text", "start_charts", "start_models", "Started"]


_NIL_CELLS: Final = frozenset({NOT_COVERED, NOT_REPORTED, "n/a", ""})
_ZERO: Final = re.compile(r"[+-]?0(\.0+)?( \([+-]?0%\))?")


def _nil(cell: str) -> bool:
    """True for a cell that says nothing happened or nothing is known (zero, n/r, n/a...)."""
    return cell in _NIL_CELLS or _ZERO.fullmatch(cell) is not None


def collapse_rows(
    t: Table, p: Period, *, keep: str = "No single oblast", at_least: int = 3
) -> Table:
    """Fold the rows of ``t`` that carry no information into one line each.

    A row whose every value is "not covered", "n/r" or "n/a" becomes part of the line "No
    source covers these N oblasts this week"; a row whose values are all zero or unknown
    becomes part of "Nothing recorded in these N oblasts this week". The names go to the
    note. Rows whose first cell starts with ``keep`` (the unresolved-region row) stay as they
    are, and so does a table with fewer than ``at_least`` foldable rows.

    Examples
    --------
    >>> from analytics.report.content import period_containing
    >>> import datetime as dt
    >>> p = period_containing(dt.date(2025, 6, 25), "week")
    >>> rows = tuple((f"O{i} / Об{i}", "not covered", "n/a", "0") for i in range(4))
    >>> t = collapse_rows(Table("T", ("Oblast", "Incidents", "Change", "Waves"),
    ...                         (("Kyiv / Київ", "not covered", "n/a", "2"), *rows),
    ...                         (False, True, True, True)), p)
    >>> [r[0] for r in t.rows], t.columns
    (['Kyiv / Київ', 'Nothing recorded in these 4 oblasts this week'], ('Oblast', 'Waves'))
    """
    body = [r for r in t.rows if not r[0].startswith(keep)]
    tail = [r for r in t.rows if r[0].startswith(keep)]
    kept, silent, unknown = [], [], []
    for row in body:
        if not all(_nil(c) for c in row[1:]):
            kept.append(row)
        elif all(c in _NIL_CELLS for c in row[1:]):
            unknown.append(row[0].split(" / ")[0])
        else:
            silent.append(row[0].split(" / ")[0])
    if len(silent) + len(unknown) < at_least:
        return _drop_empty_columns(t)
    blank = ("",) * (len(t.columns) - 1)
    lines, notes = [], []
    for names, text in (
        (unknown, "No source covers these {n} oblasts this {kind}"),
        (silent, "Nothing recorded in these {n} oblasts this {kind}"),
    ):
        if names:
            line = text.format(n=len(names), kind=p.kind)
            lines.append((line, *blank))
            notes.append(f"{line} (every value zero, not covered or not reported): "
                         f"{', '.join(names)}.")  # fmt: skip
    note = " ".join(notes) + (" " + t.note if t.note else "")
    return _drop_empty_columns(Table(t.title, t.columns, (*kept, *lines, *tail), t.numeric, note))


def _drop_empty_columns(t: Table) -> Table:
    """Leave out the columns with no value in any row (all "not covered", "n/r", "n/a" or
    blank), naming them in the note, so no cell repeats "not covered" row after row."""
    if not t.rows:
        return t
    empty = [i for i in range(1, len(t.columns)) if all(r[i] in _NIL_CELLS for r in t.rows)]
    if not empty or len(empty) == len(t.columns) - 1:
        return t
    keep = [i for i in range(len(t.columns)) if i not in empty]
    words = {NOT_COVERED: "not covered", NOT_REPORTED: "not reported", "n/a": "not applicable"}
    said = sorted({words.get(r[i], "blank") for r in t.rows for i in empty if r[i]})
    line = (f"Left out, no value in any row ({', '.join(said)}): "
            f"{', '.join(t.columns[i] for i in empty)}.")  # fmt: skip
    return Table(
        t.title,
        tuple(t.columns[i] for i in keep),
        tuple(tuple(r[i] for i in keep) for r in t.rows),
        tuple(t.numeric[i] for i in keep) if t.numeric else (),
        line + (" " + t.note if t.note else ""),
    )


def methods_text(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The report's methods, in plain sentences: what each model does, then what was published
    for each series of this report and why (``choices`` from the model sections)."""
    out = [
        ("Forecasts", _FORECAST_TEXT),
        ("Surge check", _SURGE_TEXT),
        ("Structural breaks", _BREAK_TEXT),
    ]
    for name, why in choices:
        if name.startswith("Forecast of"):
            out.append((f"{name}: what was published and why", why))
    return out


_FORECAST_TEXT: Final = (
    "Each forecast projects a series a few periods ahead from its own history. Simple rules "
    "(repeat the last value, the value a season ago, or a recent average) compete with models "
    "that follow the level of the series. Each is tried on past dates: fitted on the data up "
    "to that date and scored on what came next. A model is published only when it beat the "
    "best simple rule there. The line is the median of many simulated futures; the bands hold "
    "80% and 95% of them, widened or narrowed to match how often past bands held the truth. "
    "No band reaches beyond ten times the largest value seen. Periods with unknown counts are "
    "left out, never counted as zero."
)
_SURGE_TEXT: Final = (
    "A period is flagged as a surge when, under the forecast fitted on the periods before it, "
    "a count at least as high as the one observed had less than a 1% chance. The past alarm "
    "rate says how often the same check fired on earlier periods."
)
_BREAK_TEXT: Final = (
    "The break search looks for dates where the level or trend of a series changed for good "
    "(not a single spike): it fits a straight line to each stretch between breaks and adds a "
    "break only when it explains the data markedly better. Each date comes with a 95% interval "
    "from resampling. Levels before and after are the fitted counts per period on either side."
)


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


@dataclass(frozen=True)
class Started:
    """The table of oblasts, computed before the charts were sent to be drawn, what
    their credit lines say, and the charts sent (``jobs``: built once, for both processes)."""

    table: Table
    oblast_tab: pl.DataFrame
    source_line: str
    synthetic: bool
    seconds: float
    claims: Path | None = None  #: the folder where the worker and the caller claim charts
    jobs: tuple[ChartJob, ...] = ()


def start_charts(
    data: ReportData, p: Period, background: Background[dict[int, Drawn]],
    cache: ChartCache | None = None, claims: Path | None = None,
) -> Started:  # fmt: skip
    """Compute the table of oblasts and hand the charts that need no model to ``background``
    (a worker process drawing while the caller goes on, or, when disabled, kept for later).

    ``data`` needs only what :func:`analytics.report.series.load_chart_data` loads: the
    data-quality frames may still be empty, so a report starts the charts before it queries
    them. ``cache``: charts drawn before from the same inputs are read back from it.
    ``claims``: an empty folder (the caller removes it) in which, with a live worker, the
    worker and the caller claim the charts each draws (see
    :func:`analytics.report.charts.draw_jobs`); without it, or without a worker, the worker's
    call draws them all.
    """
    t0 = time.perf_counter()
    synthetic = SYNTHETIC_SOURCE in data.sources
    notes_src = describe_sources(list(data.sources))
    source_line = (
        "Source: " + "; ".join(n.short for n in notes_src) + f" · strike-analytics {__version__}"
    )
    table, oblast_tab = oblast_table(data, p)
    # A live worker draws from the first chart on; the caller, once its fans are drawn, takes
    # the charts the worker has not reached from the last one back (claims in a shared folder).
    # The jobs are built here, once: the worker gets them ready to draw (it imports only the
    # drawing code, :mod:`analytics.report.drawing`), and this process claims from the same list.
    claims = None if background.fallback else claims
    jobs = data_chart_jobs(data, p, oblast_tab, source_line, synthetic)
    background.submit(draw_pngs, jobs, cache, claims)
    return Started(table, oblast_tab, source_line, synthetic, time.perf_counter() - t0, claims,
                   tuple(jobs))  # fmt: skip


def start_models(
    series: dict[str, SeriesData], p: Period, gazetteer: pl.DataFrame, pool: Executor
) -> Future[ModelChecks]:
    """Start the models of ``p`` on ``pool`` (a thread): they read only the series and the
    oblasts' names, so they run while the report's remaining queries do (same results as
    :func:`gather` computing them itself: the models are seeded)."""
    return pool.submit(model_checks, series, p, gazetteer.select("oblast_code", "name_en"))


def _data_charts(
    started: Started, drawing: Background[dict[int, Drawn]], cache: ChartCache | None,
    clock: dict[str, float],
) -> list[Chart]:  # fmt: skip
    """The model-free charts in order: drawn by the worker, by this process from the last one
    back while the worker draws (``started.claims``), and here any the worker did not deliver
    (a worker that died with charts claimed: its call, rerun here, finds them claimed).
    ``clock`` gets ``charts_here`` (seconds this process spent on the charts it claimed) and
    ``charts_here_count`` (how many)."""
    if started.claims is None:
        got = as_charts(drawing.result())
        return [got[i] for i in sorted(got)]
    t0 = time.perf_counter()
    jobs = list(started.jobs)
    drawn = draw_jobs(jobs, cache, claims=started.claims, backwards=True)
    clock["charts_here"] = time.perf_counter() - t0
    clock["charts_here_count"] = float(len(drawn))
    drawn.update(as_charts(drawing.result()))
    for i in range(len(jobs)):
        if i not in drawn:
            drawn[i] = draw_jobs([jobs[i]], cache)[0]
    return [drawn[i] for i in range(len(jobs))]


def gather(
    data: ReportData,
    p: Period,
    *,
    known_at: dt.datetime | None,
    generated_at: dt.datetime,
    timings: dict[str, float] | None = None,
    background: Background[dict[int, Drawn]] | None = None,
    started: Started | None = None,
    models: Future[ModelChecks] | None = None,
    cache: ChartCache | None = None,
) -> ReportContent:
    """Compute every section of the report of period ``p`` (formatted, ready to render).

    Given a started :class:`~analytics.charts.background.Background` worker, the charts that
    need no model are drawn there while the models run; by default they are drawn here, after
    the models. ``started`` (from :func:`start_charts`): the charts were handed to
    ``background`` already; ``models`` (from :func:`start_models`): the models are running.
    The files are the same either way, and with a chart ``cache`` too (charts drawn before
    from the same inputs are read back from it). ``timings`` gets wall-clock seconds per stage:
    ``query``, ``models`` (waiting for the models, beyond the queries they overlapped),
    ``charts`` (what the charts took beyond the models: sending the data to the worker, the
    fans, waiting for the worker; the stages add up to the wall time) and, for information,
    ``models_thread`` (the models' own time), ``charts_worker`` (the worker's own drawing
    time, overlapped with the models), ``worker_start`` and ``worker_late`` (the worker's
    start-up, and how long the charts sent to it waited for it), ``charts_here`` and
    ``charts_here_count`` (the model-free charts this process took from the worker's queue).
    """
    series, state = data.series, data.state
    notes_src = describe_sources(list(data.sources))
    clock = timings if timings is not None else {}
    drawing = background if background is not None else Background(enabled=False)
    t0 = time.perf_counter()
    quality, quality_notes = quality_tables(data, p)
    t1 = time.perf_counter()
    if started is None:
        started = start_charts(data, p, drawing, cache)
    table, oblast_tab = started.table, started.oblast_tab
    source_line, synthetic = started.source_line, started.synthetic
    t2 = time.perf_counter()
    checks = model_checks(series, p, oblast_tab) if models is None else models.result()
    headline, headline_notes, models_done = checks.headline, checks.headline_notes, checks.sections
    t3 = time.perf_counter()
    fans = fan_charts(data, p, models_done.drawn, source_line, synthetic, cache)
    charts = number_charts(fans, _data_charts(started, drawing, cache, clock))
    chart_notes = omitted_charts(series, p)
    t4 = time.perf_counter()
    clock["query"] = clock.get("query", 0.0) + t1 - t0
    clock["models"] = t3 - t2
    clock["models_thread"] = checks.seconds
    clock["charts"] = (t2 - t1) + (t4 - t3)  # sending the data, then what the models left
    if drawing.worker_seconds is not None:
        clock["charts_worker"] = drawing.worker_seconds
        line = drawing.timeline
        if "ready" in line:  # the worker's start-up, and how long the charts waited for it
            clock["worker_start"] = line["ready"] - line["created"]
            clock["worker_late"] = max(0.0, line["ready"] - line["submitted"])
    choices = methods_text(models_done.choices)
    table = collapse_rows(table, p)
    scope = (
        f"as the database knew them at {known_at:%Y-%m-%d %H:%M:%S} UTC (ingests finished by then)"
        if known_at is not None
        else "everything in the database"
    )
    provenance = [
        ("Package", f"strike-analytics {__version__}"),
        (
            "Data checksum (md5 of the ingest history: each ingest's file sha256, adapter, "
            "package version and the rows it stored in incident revisions and in "
            + ", ".join(state.get("tables") or ["no other table"])
            + ")",
            state["data_checksum"],
        ),
        (
            "Incident history checksum (the same, over the ingests that stored incidents)",
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
        oblast_table=table, charts=charts, chart_notes=chart_notes, forecasts=models_done.forecasts,
        surges=models_done.surges, breaks=models_done.breaks, model_notes=models_done.notes, quality=quality, quality_notes=quality_notes,
        provenance=provenance, sources=notes_src, model_choices=choices,
        definitions=_definitions(p),
        creation_date=dt.datetime.combine(p.end, dt.time(23, 59, 59), tzinfo=dt.UTC),
    )  # fmt: skip
