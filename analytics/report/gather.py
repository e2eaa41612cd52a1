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

from analytics._version import __version__
from analytics.modelling import counts as models_module
from analytics.modelling import forecast as fc_module
from analytics.reference.citations import describe_sources
from analytics.report.charts import omitted_charts, report_charts
from analytics.report.content import Period, ReportContent, ReportData
from analytics.report.headline import headline_rows
from analytics.report.model_checks import model_sections
from analytics.report.oblast_table import oblast_table
from analytics.report.quality import quality_tables
from analytics.schema import SYNTHETIC_LABEL, SYNTHETIC_SOURCE

__all__ = ["gather"]


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
    data: ReportData,
    p: Period,
    *,
    known_at: dt.datetime | None,
    generated_at: dt.datetime,
    timings: dict[str, float] | None = None,
) -> ReportContent:
    """Compute every section of the report of period ``p`` (formatted, ready to render)."""
    series, state = data.series, data.state
    synthetic = SYNTHETIC_SOURCE in data.sources
    notes_src = describe_sources(list(data.sources))
    source_line = (
        "Source: " + "; ".join(n.short for n in notes_src) + f" · strike-analytics {__version__}"
    )
    clock = timings if timings is not None else {}
    t0 = time.perf_counter()
    table, oblast_tab = oblast_table(data, p)
    quality, quality_notes = quality_tables(data, p)
    t1 = time.perf_counter()
    headline, headline_notes = headline_rows(series, p)
    models = model_sections(series, p, oblast_tab)
    t2 = time.perf_counter()
    charts = report_charts(data, p, models.drawn, oblast_tab, source_line, synthetic)
    chart_notes = omitted_charts(series, p)
    t3 = time.perf_counter()
    clock["query"] = clock.get("query", 0.0) + t1 - t0
    clock["models"] = t2 - t1
    clock["charts"] = t3 - t2
    choices = models.choices + [
        (
            "Forecasting model (analytics.modelling.forecast)",
            _plain(" ".join((fc_module.__doc__ or "").split())),
        ),
        ("Count models (analytics.modelling.counts)", _first_paragraph(models_module.__doc__)),
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
        oblast_table=table, charts=charts, chart_notes=chart_notes, forecasts=models.forecasts,
        surges=models.surges, breaks=models.breaks, model_notes=models.notes, quality=quality, quality_notes=quality_notes,
        provenance=provenance, sources=notes_src, model_choices=choices,
        definitions=_definitions(p),
        creation_date=dt.datetime.combine(p.end, dt.time(23, 59, 59), tzinfo=dt.UTC),
    )  # fmt: skip
