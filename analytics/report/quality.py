"""The data-quality section of a report: ingests, quarantine, unresolved regions, NULL
casualty shares and how late data arrived.

Quarantine reasons carry the values of the rows they reject ("best 10 > high 0"), so the
report groups them by rule: the reason with its numbers and quoted values masked
(``best N > high N``), with the rows of each rule, how many distinct reasons it folds and one
example. Every table cut to its first rows says so ("20 of 57 rules shown").

Late data: the share of incidents first recorded more than 7 days after they occurred is
measured only on *incremental* loads (ingests after a source's first one). A bulk first load of
a source's history is not late data, so on a database holding only first loads the measure
reads "n/a".
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import polars as pl

from analytics.report.content import Period, ReportData, Table, fmt_count, fmt_share

if TYPE_CHECKING:
    from analytics.store import Store

__all__ = ["quality_tables", "with_quality", "shown", "RULE_PATTERN", "MAX_RULES"]

#: What a quarantine reason's rule masks: numbers and quoted values.
RULE_PATTERN: Final = "-?[0-9]+([.:/-][0-9]+)*|'[^']*'|\"[^\"]*\""
MAX_RULES: Final = 20
_MAX_UNRESOLVED: Final = 15
_MAX_INGESTS: Final = 10


def with_quality(store: Store, data: ReportData, p: Period) -> ReportData:
    """``data`` with its data-quality frames for the report of ``p`` replaced: ``quarantine``
    grouped by rule, ``unresolved`` and ``latest_ingests`` with their totals (``n_rules``,
    ``n_total``), and ``missing_late`` whose ``late``/``p_late`` count only incidents first
    recorded by incremental loads (``incr``/``p_incr`` of them)."""
    q = store.query
    quarantine = q(
        f"""with r as (
                select source, column_name, reason, rows,
                       regexp_replace(reason, '{RULE_PATTERN.replace("'", "''")}', 'N', 'g')
                           as rule
                from quarantine_by_reason
            )
            select source, column_name, rule, cast(sum(rows) as bigint) as rows,
                   cast(count(*) as bigint) as reasons, min(reason) as example,
                   cast(count(*) over () as bigint) as n_rules
            from r group by source, column_name, rule
            order by rows desc, source, column_name, rule limit {MAX_RULES}"""
    )
    unresolved = q(
        "select source, region_raw, incidents, cast(count(*) over () as bigint) as n_total "
        "from unresolved_regions order by incidents desc, source, region_raw nulls first "
        f"limit {_MAX_UNRESOLVED}"
    )
    latest = q(
        """select ingest_id, source, file, sha256, finished_at, rows_read, rows_new,
                  rows_revised, rows_unchanged, rows_quarantined,
                  cast(count(*) over () as bigint) as n_total
           from ingests order by ingest_id desc limit """
        + str(_MAX_INGESTS)
    )
    late = q(
        """with firsts as (select source, min(ingest_id) as first_ingest from ingests
                           group by source),
                r1 as (
                    select r.occurred_on,
                           date_diff('day', r.occurred_on, cast(r.recorded_at as date)) as lag
                    from incident_revisions r join ingests i using (ingest_id)
                    join firsts f on f.source = i.source
                    where r.revision = 1 and r.ingest_id > f.first_ingest
                )
           select cast(count(*) as bigint) as incr,
                  cast(count(*) filter (lag > 7) as bigint) as late,
                  cast(count(*) filter (occurred_on between ? and ?) as bigint) as p_incr,
                  cast(count(*) filter (lag > 7 and occurred_on between ? and ?) as bigint)
                      as p_late
           from r1""",
        [p.start, p.end, p.start, p.end],
    ).row(0, named=True)
    return replace(
        data, quarantine=quarantine, unresolved=unresolved, latest_ingests=latest,
        missing_late={**data.missing_late, **late},
    )  # fmt: skip


def shown(title: str, n_shown: int, total: int | None, what: str) -> str:
    """A table title that says when the table is cut: ``"... (20 of 57 rules shown)"``.

    Examples
    --------
    >>> shown("Quarantined rows by rule", 20, 57, "rules")
    'Quarantined rows by rule (20 of 57 rules shown)'
    >>> shown("Quarantined rows by rule", 3, 3, "rules")
    'Quarantined rows by rule'
    """
    if total is None or total <= n_shown:
        return title
    return f"{title} ({n_shown:,} of {total:,} {what} shown)"


def _total(frame: pl.DataFrame, col: str = "n_total") -> int | None:
    return int(frame[col][0]) if col in frame.columns and frame.height else None


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
        shown("Latest ingests", last.height, _total(last), "ingests"),
        ("#", "Source", "File", "sha256", "Finished (UTC)", "Read", "New", "Revised",
         "Unchanged", "Quarantined"),
        tuple((str(r[0]), r[1], Path(r[2]).name, r[3][:12], _ts(r[4]),
               *(fmt_count(v) for v in r[5:10])) for r in last.iter_rows()),
        (True, False, False, False, False, True, True, True, True, True),
    )  # fmt: skip
    t3 = _quarantine(data.quarantine)
    unresolved = data.unresolved
    t4 = Table(
        shown("Region names that resolved to no single oblast", unresolved.height,
              _total(unresolved), "names"),
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


def _quarantine(frame: pl.DataFrame) -> Table:
    """Quarantined rows by rule (``frame`` from :func:`with_quality`), or by full reason when
    the frame has no ``rule`` column (a ReportData loaded without :func:`with_quality`)."""
    if "rule" not in frame.columns:
        return Table(
            "Quarantined rows by reason", ("Source", "Column", "Reason", "Rows"),
            tuple((r[0], r[1], r[2], fmt_count(r[3])) for r in frame.iter_rows()),
            (False, False, False, True),
            "Each row of a file counts once however often the file was ingested.",
        )  # fmt: skip
    rows = tuple(
        (r["source"], r["column_name"], r["rule"] if r["reasons"] > 1 else r["example"],
         fmt_count(r["rows"]), fmt_count(r["reasons"]), r["example"] if r["reasons"] > 1 else "")
        for r in frame.iter_rows(named=True)
    )  # fmt: skip
    return Table(
        shown("Quarantined rows by rule", frame.height, _total(frame, "n_rules"), "rules"),
        ("Source", "Column", "Rule", "Rows", "Distinct reasons", "Example"),
        rows,
        (False, False, False, True, True, False),
        'A rule is a reason with its numbers and quoted values masked as N ("best 10 > high 0" '
        'and "best 12 > high 0" are one rule; a rule of one reason shows that reason); the example '
        "is one of its reasons. Each row of "
        "a file counts once however often the file was ingested.",
    )


def _missing_and_late(both: dict[str, Any]) -> Table | None:
    """NULL shares and lateness of incidents (None when the database holds no incidents)."""
    if not both["n"]:
        return None
    labels = (
        ("no_oblast", "Incidents with no single oblast"),
        ("no_killed", "Killed not reported (NULL)"),
        ("no_injured", "Injured not reported (NULL)"),
        ("revised", "Revised after first recorded"),
    )
    rows = [
        (lab, fmt_share(both[f"p_{k}"], both["p_n"]), fmt_share(both[k], both["n"]))
        for k, lab in labels
    ]
    note = (
        "From the views incidents and revision_lag (days between the event and the ingest "
        "that first recorded it)."
    )
    if "incr" in both:

        def late(part: int, whole: int) -> str:
            return fmt_share(part, whole) if whole else "n/a: no incremental load"

        rows.insert(3, ("First recorded more than 7 days after occurring (incremental loads)",
                        late(both["p_late"], both["p_incr"]), late(both["late"], both["incr"])))  # fmt: skip
        note += (
            " Lateness counts only incidents first recorded by a load after its source's "
            "first one: a first load of a source's history is not late data."
        )
    return Table(
        "Missing values and late data (incidents)",
        ("Measure", "This period", "All data"),
        tuple(rows),
        (False, True, True),
        note,
    )


def _ts(value: Any) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")
