"""The data-quality section of a report: ingests, quarantine, unresolved regions, NULL
casualty shares and how late data arrived."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from analytics.findings import Table, _share, fmt_count
from analytics.report import Period

if TYPE_CHECKING:
    from analytics.store import Store

__all__ = ["quality_tables"]


def quality_tables(store: Store, p: Period) -> tuple[list[Table], list[str]]:
    q = store.query
    by_source = q(
        """select source, kind, cast(count(*) as bigint) as ingests, sum(rows_read) as rd,
                  sum(rows_new) as nw, sum(rows_revised) as rv, sum(rows_unchanged) as un,
                  sum(rows_quarantined) as qu, max(finished_at) as last
           from ingests group by all order by source, kind"""
    )
    t1 = Table(
        "Sources and their ingests",
        ("Source", "Kind", "Ingests", "Rows read", "New", "Revised", "Unchanged", "Quarantined",
         "Last ingest (UTC)"),
        tuple((r[0], r[1], *(fmt_count(v) for v in r[2:8]), _ts(r[8]))
              for r in by_source.iter_rows()),
        (False, False, True, True, True, True, True, True, False),
    )  # fmt: skip
    last = q(
        """select ingest_id, source, file, sha256, finished_at, rows_read, rows_new,
                  rows_revised, rows_unchanged, rows_quarantined
           from ingests order by ingest_id desc limit 10"""
    )
    t2 = Table(
        "Latest ingests",
        ("#", "Source", "File", "sha256", "Finished (UTC)", "Read", "New", "Revised",
         "Unchanged", "Quarantined"),
        tuple((str(r[0]), r[1], Path(r[2]).name, r[3][:12], _ts(r[4]),
               *(fmt_count(v) for v in r[5:])) for r in last.iter_rows()),
        (True, False, False, False, False, True, True, True, True, True),
    )  # fmt: skip
    quarantine = q(
        """select i.source, coalesce(q.column_name, '') as col, q.reason,
                  cast(count(distinct (i.sha256, q.row_number)) as bigint) as n
           from quarantine q join ingests i using (ingest_id)
           group by all order by n desc, i.source, col, q.reason limit 20"""
    )
    t3 = Table(
        "Quarantined rows by reason",
        ("Source", "Column", "Reason", "Rows"),
        tuple((r[0], r[1], r[2], fmt_count(r[3])) for r in quarantine.iter_rows()),
        (False, False, False, True),
        "Each row of a file counts once however often the file was ingested.",
    )
    unresolved = q(
        "select source, region_raw, incidents from unresolved_regions "
        "order by incidents desc, source, region_raw nulls first limit 15"
    )
    t4 = Table(
        "Region names that resolved to no single oblast",
        ("Source", "Region as written", "Incidents"),
        tuple((r[0], "(empty)" if r[1] is None else r[1], fmt_count(r[2]))
              for r in unresolved.iter_rows()),
        (False, False, True),
    )  # fmt: skip
    gaps = _try(store, "select * from source_gaps order by source, first_empty_week")
    gaps = gaps if gaps is not None else pl.DataFrame()  # a database from an older version
    t_gaps = Table(
        "Coverage gaps: 4+ weeks without any incident from a source",
        ("Source", "From week", "To week", "Empty weeks"),
        tuple((r[0], str(r[1]), str(r[2]), fmt_count(r[3])) for r in gaps.iter_rows()),
        (False, False, False, True),
        "Inside its own date range a source reported nothing in these weeks. That may be a gap "
        "in its coverage rather than weeks without strikes: counts there read as zero in "
        "charts and models, which the source does not say.",
    )
    t5 = _missing_and_late(store, p)
    tables = [t1, t2, t3, t4] + ([t_gaps] if gaps.height else []) + ([t5] if t5 else [])
    notes = []
    waves = _try(store, "select reporter_level, cast(count(*) as bigint) as n "
                        "from attack_waves_latest group by all order by reporter_level")  # fmt: skip
    if waves is not None and waves.height:
        parts = ", ".join(f"{r[0]}: {r[1]:,}" for r in waves.iter_rows())
        notes.append(f"Attack-wave rows by reporter level ({parts}); only national reports "
                     "are counted, since regional commands repeat national waves.")  # fmt: skip
    return tables, notes


def _missing_and_late(store: Store, p: Period) -> Table | None:
    """NULL shares and lateness of incidents (None when the database holds no incidents)."""
    measures = {
        "n": "true",
        "no_oblast": "i.oblast_code is null",
        "no_killed": "i.killed is null",
        "no_injured": "i.injured is null",
        "late": "f.first_lag > 7",
        "revised": "f.revisions > 1",
    }
    cols = ", ".join(
        f"cast(count(*) filter ({cond}) as bigint) as {key}, "
        f"cast(count(*) filter ({cond} and i.occurred_on between ? and ?) as bigint) as p_{key}"
        for key, cond in measures.items()
    )
    sql = f"""
        with first as (
            select incident_id, min_by(lag_days, revision) as first_lag,
                   max(revision) as revisions
            from revision_lag group by incident_id
        )
        select {cols}
        from incidents i join first f using (incident_id)
    """
    both = store.query(sql, [p.start, p.end] * len(measures)).row(0, named=True)
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
    rows = tuple((lab, _share(cur[k], cur["n"]), _share(full[k], full["n"])) for k, lab in labels)
    return Table(
        "Missing values and late data (incidents)",
        ("Measure", "This period", "All data"),
        rows,
        (False, True, True),
        "From the views incidents and revision_lag (days between the event and the ingest "
        "that first recorded it).",
    )


def _try(store: Store, sql: str) -> pl.DataFrame | None:
    try:
        return store.query(sql)
    except Exception:  # a database without that table  # noqa: BLE001
        return None


def _ts(value: Any) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")
