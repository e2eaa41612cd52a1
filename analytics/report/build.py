"""Periodic reports: the figures of one week or month, checked against the models, published.

:func:`build_report` gathers everything a report says from the store's views (headline figures
against the previous period and the same period a year before, all 27 oblasts, forecasts,
surge checks, structural breaks, data quality, provenance), draws the charts, renders HTML,
Markdown and PDF (:mod:`analytics.report.render`) and writes them atomically
(:mod:`analytics.report.publish`).

Which period: ``as_of`` picks the period containing that date. Without it, the report covers
the last *complete* period: its last day is before today (or before ``known_at``) AND on or
before the newest day in the data (the latest of incidents, alerts and attack waves). So a
database whose data end on 2026-11-22 gives the ISO week 2026-11-16..22 however late it runs.

``known_at`` restricts the data to what the database knew at that moment: only ingests that
had *finished* by then count (an ingest is one transaction, so rows of an ingest still running
at that moment were not visible). The report is computed on an in-memory copy of those rows,
with the same views, so a report published in the past can be reproduced exactly.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from analytics.charts.background import Background
from analytics.report.chart_cache import ChartCache
from analytics.report.content import (
    FORMATS,
    PERIODS,
    Period,
    ReportContent,
    ReportError,
    ReportResult,
    SeriesData,
    default_as_of,
    period_containing,
)  # fmt: skip
from analytics.report.drawing import Drawn
from analytics.report.gather import gather, start_charts, start_models
from analytics.report.publish import (
    existing_files,
    lock,
    staging,
    unchanged,
    update_latest,
    write_formats,
    write_manifest,
)  # fmt: skip
from analytics.report.quality import with_quality
from analytics.report.render import close_pdf, new_pdf
from analytics.report.series import (
    INCIDENT_COLUMNS,
    REPORT_VIEWS,
    load_chart_data,
    load_gazetteer,
    load_quality_data,
    load_series,
)
from analytics.store import Store
from analytics.store.pinned import pinned_incidents, pinned_views
from analytics.store.snapshot import SnapshotError, data_state, snapshot

__all__ = ["build_report", "as_of_sql"]

#: What the chart worker imports before it is needed (see ``background``): the drawing code,
#: not the store nor the SQL (:mod:`analytics.report.drawing`).
_PRELOAD: Final = ("analytics.report.drawing",)


def build_report(
    store_or_path: Store | str | Path,
    *,
    period: str = "week",
    as_of: dt.date | str | None = None,
    known_at: dt.datetime | str | None = None,
    out: Path | str = Path("reports"),
    formats: tuple[str, ...] | list[str] | str = FORMATS,
    if_changed: bool = False,
    generated_at: dt.datetime | None = None,
    today: dt.date | None = None,
    background: bool = False,
    chart_cache: bool = True,
) -> ReportResult:
    """Build the report of one period and write it under ``out/<period>/<as-of>/``.

    Parameters
    ----------
    store_or_path
        An open :class:`~analytics.store.Store` or the path of a database (opened read-only).
    period
        ``week`` (ISO, Monday-Sunday) or ``month``.
    as_of
        A day in the period to report; default: the last complete period (module docstring).
    known_at
        Use only the data the database knew at this moment (UTC when naive).
    out
        Reports root; ``out/latest`` points at the newest report.
    formats
        Any of ``html``, ``md``, ``pdf`` (a tuple or a comma-separated string).
    if_changed
        Skip (``skipped=True``) when the report folder exists and its ``report.json`` records
        the same newest ingest and database checksum.
    generated_at, today
        Override the clock (tests); ``generated_at`` appears on one line of each file only.
    background
        Draw the charts that need no model in a worker process while the models run (same
        files, less wall time on a machine with a core to spare). The worker is a fresh
        interpreter that imports only the drawing code (not the caller's ``__main__``; see
        :mod:`analytics.charts.background`), started before the queries.
    chart_cache
        Keep the charts in ``out/.cache/charts`` by a hash of their inputs and read back a
        chart drawn before from the same inputs (the same bytes; see
        :mod:`analytics.report.chart_cache`); entries unused for 35 days are pruned.

    Raises
    ------
    ReportError
        No data, or an invalid option. :class:`ReportLocked` when another run holds the lock.
    """
    kind = _check_kind(period)
    fmts = _check_formats(formats)
    known = _parse_ts(known_at)
    if isinstance(store_or_path, str | Path) and not Path(store_or_path).exists():
        raise ReportError(f"no database at {store_or_path}")
    t0 = time.perf_counter()
    # The chart worker starts first, before the database is opened: it imports the drawing
    # code while the store opens and the queries run; so does the PDF's document (its fonts),
    # in a thread, while DuckDB runs the queries without the GIL.
    with ThreadPoolExecutor(max_workers=1) as thread:
        pdf = thread.submit(new_pdf) if "pdf" in fmts else None
        try:
            with Background[dict[int, Drawn]](enabled=background, preload=_PRELOAD) as drawing:
                request = _Request(
                    kind,
                    as_of,
                    known,
                    Path(out),
                    fmts,
                    if_changed,
                    generated_at,
                    today,
                    chart_cache,
                )
                result = _opened(store_or_path, request, drawing, pdf, t0)
        finally:  # written or not (skipped, failed), the document's font files close
            if pdf is not None and pdf.exception() is None:
                close_pdf(pdf.result())
    return result


@dataclass(frozen=True)
class _Request:
    """What :func:`build_report` was asked for, its options checked."""

    kind: str
    as_of: dt.date | str | None
    known: dt.datetime | None
    out: Path
    fmts: tuple[str, ...]
    if_changed: bool
    generated_at: dt.datetime | None
    today: dt.date | None
    chart_cache: bool


def _opened(
    store_or_path: Store | str | Path,
    request: _Request,
    drawing: Background[dict[int, Drawn]],
    pdf: Future[Any] | None,
    t0: float,
) -> ReportResult:
    """:func:`build_report` on the opened store (or its ``known`` snapshot), with the chart
    worker and the PDF's document already starting; ``t0``: the report's start."""
    owned: Store | None = None
    snap: Store | None = None
    if isinstance(store_or_path, str | Path):
        owned = store = Store(store_or_path, read_only=True)
    else:
        store = store_or_path
    try:
        if request.known is not None:
            try:
                snap = store = snapshot(store, request.known)
            except SnapshotError as err:
                raise ReportError(str(err)) from err
        with (
            tempfile.TemporaryDirectory(prefix="report-charts-") as claims,
            pinned_incidents(store, INCIDENT_COLUMNS),
            pinned_views(store, REPORT_VIEWS),
        ):  # the latest revisions, ranked once for every query, and their coverage
            pinned = time.perf_counter() - t0
            result = _build(store, request, drawing, pdf, Path(claims))
        if "query" in result.timings:  # opening and ranking are part of the query stage
            result.timings["query"] += pinned
        return result
    finally:
        if snap is not None:
            snap.close()
        if owned is not None:
            owned.close()


def _build(
    store: Store,
    request: _Request,
    drawing: Background[dict[int, Drawn]],
    pdf: Future[Any] | None,
    claims: Path,
) -> ReportResult:
    t0 = time.perf_counter()
    kind, known, out, fmts = request.kind, request.known, request.out, request.fmts
    if_changed = request.if_changed
    cache = ChartCache.under(out) if request.chart_cache else None
    series = load_series(store, kind)
    p = _period(series, kind, request.as_of, known, request.today)
    target = out / kind / p.end.isoformat()
    gazetteer, state = load_gazetteer(store), data_state(store)
    # Unless the report will be skipped, the models start now (they read only the series and
    # the oblasts' names) and run in a thread while DuckDB answers the other queries; the
    # charts go to the worker as soon as their frames are loaded, before the quality queries.
    ahead = not (if_changed and unchanged(target, state, known, fmts))
    with ThreadPoolExecutor(max_workers=1) as thread:
        models = start_models(series, p, gazetteer, thread) if ahead else None
        data = load_chart_data(store, series, p, gazetteer=gazetteer, state=state)
        started = start_charts(data, p, drawing, cache, claims) if ahead else None
        data = with_quality(store, load_quality_data(store, data, p, frames=False), p)
        timings = {
            "query": time.perf_counter() - t0 - (0.0 if started is None else started.seconds)
        }
        with lock(out):
            if if_changed and unchanged(target, state, known, fmts):
                return ReportResult(
                    target, existing_files(target, fmts), p, target / "report.json",
                    skipped=True, message=f"nothing ingested since the report in {target}",
                )  # fmt: skip
            now = request.generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
            with staging(target) as stage:
                content = gather(data, p, known_at=known, generated_at=now, timings=timings,
                                 background=drawing, started=started, models=models,
                                 cache=cache)  # fmt: skip
                if started is not None:
                    timings["charts"] = timings.get("charts", 0.0) + started.seconds
                if known is not None:
                    content = _quote_as_of(store, content, known)
                t1 = time.perf_counter()
                files = write_formats(content, stage, fmts,
                                      pdf=None if pdf is None else pdf.result())  # fmt: skip
                timings["render"] = time.perf_counter() - t1
                write_manifest(stage, content, state, known)
            update_latest(out, target)
            if cache is not None:
                cache.prune()
    return ReportResult(
        target, {k: target / v.name for k, v in files.items()}, p, target / "report.json",
        headline=tuple((h.label, h.value) for h in content.headline),
        synthetic=content.synthetic, timings=timings,
    )  # fmt: skip


def _period(
    series: dict[str, SeriesData], kind: str, as_of: dt.date | str | None,
    known: dt.datetime | None, today: dt.date | None,
) -> Period:  # fmt: skip
    """The period to report (module docstring), checked against the data's span."""
    ends = [s.last_day for s in series.values() if s.last_day is not None]
    if not ends:
        when = "" if known is None else f" as known at {known:%Y-%m-%d %H:%M:%S} UTC"
        raise ReportError(
            f"the database holds no incidents, alerts or attack waves{when} to report on"
        )
    if as_of is None:
        ref = known.date() if known is not None else (today or dt.datetime.now(dt.UTC).date())
        day = default_as_of(kind, today=ref, data_end=max(ends))
    else:
        try:
            day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
        except ValueError as err:
            raise ReportError(f"--as-of must be a date (YYYY-MM-DD), not {as_of!r}") from err
    p = period_containing(day, kind)
    starts = [s.first_day for s in series.values() if s.first_day is not None]
    if p.start > max(ends) or (starts and p.end < min(starts)):
        raise ReportError(
            f"{p.label} lies outside the data ({min(starts) if starts else '?'} to {max(ends)}); "
            "nothing to report"
        )
    return p


_KEYWORDS: Final = frozenset(
    [
        "where",
        "group",
        "order",
        "join",
        "left",
        "right",
        "inner",
        "full",
        "cross",
        "on",
        "using",
        "qualify",
        "limit",
        "window",
        "having",
        "union",
        "except",
        "intersect",
        "natural",
        "positional",
        "asof",
    ]
)
_REF: Final = re.compile(r"\b(FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\()(\s+\w+)?", re.I)


def as_of_sql(sql: str, known_at: dt.datetime, views: dict[str, str], versioned: set[str]) -> str:
    """``sql`` rewritten to read what the database knew at ``known_at``.

    Every view it reads is inlined (recursively) from ``views`` (name -> ``SELECT`` body); the
    ``incidents`` view becomes ``incidents_as_of(TIMESTAMP '...')``; every table in ``versioned``
    (tables carrying ``ingest_id``) keeps only the rows of ingests finished by then. Run on
    today's database, the result gives the figure the report printed.

    Examples
    --------
    >>> when = dt.datetime(2026, 11, 20, 6, 0)
    >>> views = {"weekly": "SELECT count(*) AS n FROM incidents GROUP BY ALL"}
    >>> print(as_of_sql("SELECT sum(n) FROM weekly WHERE x;", when, views, set()))
    SELECT sum(n) FROM (SELECT count(*) AS n FROM incidents_as_of(TIMESTAMP '2026-11-20 06:00:00') AS incidents GROUP BY ALL) AS weekly WHERE x;
    """
    ts = f"TIMESTAMP '{known_at:%Y-%m-%d %H:%M:%S}'"

    def expand(text: str, depth: int) -> str:
        def sub(m: re.Match[str]) -> str:
            kw, name, after = m.group(1), m.group(2), m.group(3) or ""
            aliased = bool(after.strip()) and after.strip().lower() not in _KEYWORDS
            alias = "" if aliased else f" AS {name}"
            if name.lower() == "incidents":
                return f"{kw} incidents_as_of({ts}){alias}{after}"
            if name in views and depth < 8:
                return f"{kw} ({expand(views[name], depth + 1)}){alias}{after}"
            if name in versioned:
                return (f"{kw} (SELECT * FROM {name} WHERE ingest_id IN (SELECT ingest_id FROM "
                        f"ingests WHERE finished_at <= {ts})){alias}{after}")  # fmt: skip
            return m.group(0)

        return _REF.sub(sub, text)

    return expand(sql, 0)


def _quote_as_of(store: Store, content: ReportContent, known: dt.datetime) -> ReportContent:
    """The report's SQL footnotes rewritten with :func:`as_of_sql`."""
    frame = store.query("select view_name, sql from duckdb_views() where not internal")
    views = {
        name: re.sub(r"^\s*CREATE\s+(OR\s+REPLACE\s+)?VIEW\s+\S+\s+AS\s+", "", text,
                     flags=re.I | re.S).rstrip().rstrip(";")
        for name, text in frame.iter_rows()
    }  # fmt: skip
    versioned = {*store.versioned_tables(), "incident_revisions"}
    headline = [replace(h, sql=as_of_sql(h.sql, known, views, versioned)) for h in content.headline]
    return replace(content, headline=headline)


def _check_kind(period: str) -> str:
    if period not in PERIODS:
        raise ReportError(f"--period must be one of {', '.join(PERIODS)}, not {period!r}")
    return period


def _check_formats(formats: tuple[str, ...] | list[str] | str) -> tuple[str, ...]:
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    fmts = tuple(sorted({f.strip().lower() for f in items if f.strip()}))
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise ReportError(f"--format takes a comma-separated subset of html,md,pdf, not {items}")
    return fmts


def _parse_ts(value: dt.datetime | str | None) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as err:
            raise ReportError(f"--known-at must be an ISO timestamp, not {value!r}") from err
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo is not None else value
