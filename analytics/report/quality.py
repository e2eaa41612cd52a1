"""The data-quality section of a report: ingests, quarantine, unresolved regions, NULL
casualty shares and how late data arrived."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analytics.report.content import Period, ReportData, Table, fmt_count, fmt_share

__all__ = ["quality_tables"]


def quality_tables(data: ReportData, p: Period) -> tuple[list[Table], list[str]]:
    """The data-quality tables of the report of ``p`` and their notes."""
    by_source = data.ingests_by_source
    t1 = Table(
        "Sources and their ingests",
        ("Source", "Kind", "Ingests", "Rows read", "New", "Revised", "Unchanged", "Quarantined",
         "Last ingest (UTC)"),
        tuple((r[0], r[1], *(fmt_count(v) for v in r[2:8]), _ts(r[8]))
              for r in by_source.iter_rows()),
        (False, False, True, True, True, True, True, True, False),
    )  # fmt: skip
    last = data.latest_ingests
    t2 = Table(
        "Latest ingests",
        ("#", "Source", "File", "sha256", "Finished (UTC)", "Read", "New", "Revised",
         "Unchanged", "Quarantined"),
        tuple((str(r[0]), r[1], Path(r[2]).name, r[3][:12], _ts(r[4]),
               *(fmt_count(v) for v in r[5:])) for r in last.iter_rows()),
        (True, False, False, False, False, True, True, True, True, True),
    )  # fmt: skip
    quarantine = data.quarantine
    t3 = Table(
        "Quarantined rows by reason",
        ("Source", "Column", "Reason", "Rows"),
        tuple((r[0], r[1], r[2], fmt_count(r[3])) for r in quarantine.iter_rows()),
        (False, False, False, True),
        "Each row of a file counts once however often the file was ingested.",
    )
    unresolved = data.unresolved
    t4 = Table(
        "Region names that resolved to no single oblast",
        ("Source", "Region as written", "Incidents"),
        tuple((r[0], "(empty)" if r[1] is None else r[1], fmt_count(r[2]))
              for r in unresolved.iter_rows()),
        (False, False, True),
    )  # fmt: skip
    gaps = data.gaps
    t_gaps = Table(
        "Coverage gaps: 4+ weeks without any incident from a source",
        ("Source", "From week", "To week", "Empty weeks"),
        tuple((r[0], str(r[1]), str(r[2]), fmt_count(r[3])) for r in gaps.iter_rows()),
        (False, False, False, True),
        "Inside its own date range a source reported nothing in these weeks. That may be a gap "
        "in its coverage rather than weeks without strikes: counts there read as zero in "
        "charts and models, which the source does not say.",
    )
    t5 = _missing_and_late(data.missing_late)
    tables = [t1, t2, t3, t4] + ([t_gaps] if gaps.height else []) + ([t5] if t5 else [])
    notes = []
    waves = data.waves_by_level
    if waves is not None and waves.height:
        parts = ", ".join(f"{r[0]}: {r[1]:,}" for r in waves.iter_rows())
        notes.append(f"Attack-wave rows by reporter level ({parts}); only national reports "
                     "are counted, since regional commands repeat national waves.")  # fmt: skip
    return tables, notes


def _missing_and_late(both: dict[str, Any]) -> Table | None:
    """NULL shares and lateness of incidents (None when the database holds no incidents)."""
    measures = ("n", "no_oblast", "no_killed", "no_injured", "late", "revised")
    full = {k: both[k] for k in measures}
    cur = {k: both[f"p_{k}"] for k in measures}
    if not full["n"]:
        return None
    labels = (
        ("no_oblast", "Incidents with no single oblast"),
        ("no_killed", "Killed not reported (NULL)"),
        ("no_injured", "Injured not reported (NULL)"),
        ("late", "First recorded more than 7 days after occurring"),
        ("revised", "Revised after first recorded"),
    )
    rows = tuple(
        (lab, fmt_share(cur[k], cur["n"]), fmt_share(full[k], full["n"])) for k, lab in labels
    )
    return Table(
        "Missing values and late data (incidents)",
        ("Measure", "This period", "All data"),
        rows,
        (False, True, True),
        "From the views incidents and revision_lag (days between the event and the ingest "
        "that first recorded it).",
    )


def _ts(value: Any) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")
