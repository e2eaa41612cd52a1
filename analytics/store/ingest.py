"""Ingest: validate a source batch, plan new / revised / unchanged rows, write one transaction."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import duckdb
import polars as pl

from analytics._version import __version__
from analytics.schema import CONTENT_COLUMNS, INCIDENT_COLUMNS, conform, failure_rows
from analytics.sources.base import SourceBatch, get_adapter
from analytics.sources.canonical import (
    canonical_values,
    first_source,
    parse_columns,
)
from analytics.store.direct import append_plain_csv
from analytics.store.hashing import hash_sql
from analytics.store.identity import IDENTITY_COLUMNS, fill_ids, identity_hashes
from analytics.store.staging import TYPED, StagedCsv, stage_canonical_csv

if TYPE_CHECKING:
    from analytics.store.database import Store

__all__ = [
    "FLAG_COLUMN", "IDENTITY_COLUMNS", "IngestResult", "ingest", "ingest_file",
    "ingest_canonical_csv",
]  # fmt: skip

#: DuckDB ``memory_limit`` of the store's connection while a canonical CSV is staged and
#: written (restored afterwards). The staging table then spills to DuckDB's temp files
#: instead of growing in memory: measured on 1,000,000 rows with the one-pass staging, peak
#: RSS 565 MiB without it and 370 MiB with it, no slower within the machine's noise
#: (benchmarks/bench_ingest.py); ``SET threads = 1`` saved nothing (740 MiB, earlier design).
STAGING_MEMORY_LIMIT: Final = "256MB"

#: Optional column of an adapter's incident frame: a data-quality flag on an ACCEPTED row (its
#: primary value is sound, some secondary value was set aside), NULL on clean rows.
FLAG_COLUMN: Final = "quality_flag"


@dataclass(frozen=True)
class IngestResult:
    """Summary of one ingest (one row of the ``ingests`` table)."""

    ingest_id: int | None
    source: str
    file: str
    sha256: str
    rows_read: int
    rows_new: int
    rows_revised: int
    rows_unchanged: int
    rows_quarantined: int
    warnings: tuple[str, ...] = ()

    @property
    def accepted(self) -> int:
        return self.rows_new + self.rows_revised + self.rows_unchanged

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
            for k, v in asdict(self).items()
        )
        return f"<table><caption>Ingest</caption>{rows}</table>"


def ingest_file(
    store: Store,
    kind: str,
    path: str | Path,
    *,
    progress: Callable[[str], None] | None = None,
    **options: Any,
) -> IngestResult:
    """Read ``path`` with the adapter for ``kind`` and ingest it (one transaction).

    A canonical CSV (``kind="csv"``, no option but ``source``) is ingested by
    :func:`ingest_canonical_csv`, read, typed and checked in the store's DuckDB, with the same
    results as its adapter and :func:`ingest` (tests/store/test_ingest_staged*.py,
    tests/store/test_ingest_direct.py). Measured on 1,000,000 rows in one session
    (benchmarks/bench_ingest.py ``--python``, best of 3, interleaved, three sessions): 4.22
    vs 4.89 s, 4.88 vs 4.94 s, 4.72 vs 5.23 s, and 275-293 vs 611-621 MiB peak memory.
    """
    if kind == "csv" and set(options) <= {"source"}:
        if progress:
            progress(f"reading, validating and writing {path}")
        return ingest_canonical_csv(store, Path(path), source=options.get("source"), kind=kind)
    adapter = get_adapter(kind, **options)
    if progress:
        progress(f"reading {path}")
    batch = adapter.read(Path(path))
    if progress:
        progress(f"validating and writing {batch.rows_read:,} rows")
    return store.ingest(batch, kind=kind)


def ingest_canonical_csv(
    store: Store, path: Path, *, source: str | None = None, kind: str = "csv"
) -> IngestResult:
    """Ingest a canonical CSV through a staging table in the store's DuckDB.

    The file is read, typed and checked in one SQL pass (:mod:`analytics.store.staging`);
    only the rows SQL cannot accept are parsed and judged in Python, by the adapter's and the
    schema's own code, so revisions, quarantine rows and the summary equal those of
    ``ingest(store, CanonicalCsvAdapter().read(path))`` (tests/store/test_ingest_staged*.py).
    A plain file (every row accepted in SQL, each incident once, none stored before) is
    appended straight from the read, with no staging table (:mod:`analytics.store.direct`).
    :func:`ingest_file` uses it for canonical CSVs.
    """
    started = _utcnow()
    limit, order = store.con.execute(
        "select current_setting('memory_limit'), current_setting('preserve_insertion_order')"
    ).fetchall()[0]
    store.con.execute(f"SET memory_limit = '{STAGING_MEMORY_LIMIT}'")
    try:
        return _ingest_staged(store, path, source, kind, started)
    finally:  # after the transaction: a failed statement aborts it, and SET with it
        store.con.execute(f"SET memory_limit = '{limit}'")
        store.con.execute(f"SET preserve_insertion_order = {'true' if order else 'false'}")


def _ingest_staged(
    store: Store, path: Path, source: str | None, kind: str, started: dt.datetime
) -> IngestResult:
    """:func:`ingest_canonical_csv` under the staging memory limit."""
    with store.transaction() as con:
        ingest_id = int(con.execute("select nextval('ingest_id_seq')").fetchall()[0][0])
        direct = append_plain_csv(
            con, path, source=source, ingest_id=ingest_id, recorded_at=started
        )
        if direct.appended:
            batch = SourceBatch(
                source or first_source(direct.sources), str(path), direct.sha256,
                direct.rows, pl.DataFrame(), warnings=direct.warnings,
            )  # fmt: skip
            return _record(store, batch, kind, ingest_id, (direct.rows, 0, 0), 0, started)
        staged = stage_canonical_csv(con, path, source=source, header=direct.header)
        parsed, rejected = parse_columns(staged.slow, staged.to_parse)
        parsed = _staged_ids(con, staged, conform(canonical_values(parsed), keep=("_row",)))
        accepted, quarantined = _split_failures(parsed, [rejected])
        sources = con.sql(
            f"select distinct source from {TYPED} where _ok order by source limit 3"
        ).pl()
        label = source or first_source(pl.concat([sources, parsed.select("source")]))
        batch = SourceBatch(
            label,
            str(path),
            direct.sha256,
            staged.rows_read,
            accepted,
            warnings=staged.warnings,
        )
        con.register("_slow_arrow", accepted.select("_row", *INCIDENT_COLUMNS).to_arrow())
        con.execute("create or replace temp table _slow_ok as select * from _slow_arrow")
        con.unregister("_slow_arrow")
        con.execute(
            f"create or replace temp view _accepted as "
            f"select rowid + {staged.shift} as _row, {staged.canonical_sql()} from {TYPED} "
            f"where _ok union all select _row, {', '.join(INCIDENT_COLUMNS)} from _slow_ok"
        )
        rows, distinct = con.execute(
            "select count(*), count(distinct incident_id) from _accepted"
        ).fetchall()[0]
        versions = int(distinct) < int(rows)
        order = "row_number() over (partition by incident_id order by _row)"
        span = "count(*) over (partition by incident_id)"
        con.execute(
            f"create or replace temp view _batch as select *, "
            f"{order if versions else '1'} as seq, {span if versions else '1'} as n_in_batch "
            f"from _accepted"
        )
        counts = (0, 0, 0)
        if rows:
            counts = _write_unordered(store, int(rows), versions, ingest_id, started)
        con.execute("drop view _batch")
        con.execute("drop view _accepted")
        con.execute("drop table _slow_ok")
        con.execute(f"drop table {TYPED}")
        _write_quarantine(store, quarantined, ingest_id)
        result = _record(store, batch, kind, ingest_id, counts, quarantined.height, started)
    return result


def _write_unordered(
    store: Store, rows: int, versions: bool, ingest_id: int, recorded_at: dt.datetime
) -> tuple[int, int, int]:
    """:func:`_write_batch` with ``preserve_insertion_order`` off (restored after).

    Every row carries its line (``source_row``) and versions are ordered by it explicitly, so
    the physical order of the appended rows means nothing; DuckDB then writes the row groups
    its threads fill as they are, instead of putting them back in scan order for the
    checkpoint. Measured on 1,000,000 rows (benchmarks/bench_ingest.py): the final
    ``CHECKPOINT`` 0.6-1.4 s -> 0.01-0.04 s, the whole ingest 0.5-1.8 s faster, same peak
    memory. (Staging needs the order: row numbers are ``rowid``, so it is off only here.)
    """
    con = store.con
    keep = con.execute("select current_setting('preserve_insertion_order')").fetchall()[0][0]
    con.execute("SET preserve_insertion_order = false")
    try:
        return _write_batch(store, rows, versions, ingest_id, recorded_at)
    finally:
        con.execute(f"SET preserve_insertion_order = {'true' if keep else 'false'}")


def _staged_ids(
    con: duckdb.DuckDBPyConnection, staged: StagedCsv, parsed: pl.DataFrame
) -> pl.DataFrame:
    """Hashed ids (:func:`identity_hashes`) for the staged rows and the Python-parsed rows
    that need one, numbered over both in row order as :func:`fill_ids` numbers one frame."""
    cols = ["_row", "source", *IDENTITY_COLUMNS]
    need = pl.col("incident_id").is_null() & pl.col("source_event_id").is_null()
    by_id = pl.concat_str(pl.col("source"), pl.lit(":"), pl.col("source_event_id"))
    parsed = parsed.with_columns(incident_id=pl.coalesce(pl.col("incident_id"), by_id))
    staged_rows = con.sql(
        f"select _row, {', '.join(cols[1:])} from (select rowid + {staged.shift} as _row, "
        f"_ok, {staged.canonical_sql()} from {TYPED}) "
        "where _ok and incident_id is null and source_event_id is null"
    ).pl()
    if staged_rows.height == 0 and parsed.filter(need).height == 0:
        return parsed
    hashes = identity_hashes(pl.concat([staged_rows, parsed.filter(need).select(cols)]))
    con.register("_hashes", hashes.to_arrow())
    con.execute(
        f"update {TYPED} set incident_id = source || ':h' || h.hash from _hashes h "
        f"where {TYPED}.rowid + {staged.shift} = h._row and {TYPED}._ok"
    )
    con.unregister("_hashes")
    mapping = dict(zip(hashes["_row"].to_list(), hashes["hash"].to_list(), strict=True))
    by_hash = pl.concat_str(
        pl.col("source"), pl.lit(":h"), pl.col("_row").replace_strict(mapping, default=None)
    )
    return parsed.with_columns(incident_id=pl.coalesce(pl.col("incident_id"), by_hash))


def ingest(store: Store, batch: SourceBatch, *, kind: str | None = None) -> IngestResult:
    """Validate a batch and append it in one transaction.

    Rows that fail validation go to ``quarantine`` with their reason. Within the batch,
    rows sharing an ``incident_id`` are successive versions in row order.
    """
    started = _utcnow()
    accepted, quarantined = _validate(batch)
    with store.transaction() as con:
        ingest_id = int(con.execute("select nextval('ingest_id_seq')").fetchall()[0][0])
        counts = _write_incidents(store, accepted, ingest_id, started)
        extra_counts = _write_extra_tables(store, batch, ingest_id)
        new, revised, unchanged = (a + b for a, b in zip(counts, extra_counts, strict=True))
        counts = (new, revised, unchanged)
        _write_quarantine(store, quarantined, ingest_id)
        _write_flags(store, accepted, ingest_id)
        result = _record(store, batch, kind, ingest_id, counts, quarantined.height, started)
    return result


def _record(
    store: Store,
    batch: SourceBatch,
    kind: str | None,
    ingest_id: int,
    counts: tuple[int, int, int],
    rows_q: int,
    started: dt.datetime,
) -> IngestResult:
    """Check that no row was lost and write the ``ingests`` row of one ingest."""
    result = IngestResult(
        ingest_id=ingest_id,
        source=batch.source,
        file=batch.file,
        sha256=batch.sha256,
        rows_read=batch.rows_read,
        rows_new=counts[0],
        rows_revised=counts[1],
        rows_unchanged=counts[2],
        rows_quarantined=rows_q,
        warnings=tuple(batch.warnings),
    )
    if result.accepted + rows_q != batch.rows_read:
        raise RuntimeError(
            f"{batch.file}: read {batch.rows_read} rows but accepted {result.accepted}"
            f" and quarantined {rows_q}; refusing to write an ingest that loses rows"
        )
    store.con.execute(
        "insert into ingests values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            ingest_id, batch.source, kind or batch.source, batch.file, batch.sha256,
            result.rows_read, result.rows_new, result.rows_revised,
            result.rows_unchanged, result.rows_quarantined, started, _utcnow(),
            __version__, list(batch.warnings),
        ],
    )  # fmt: skip
    return result


def _write_incidents(
    store: Store, frame: pl.DataFrame, ingest_id: int, recorded_at: dt.datetime
) -> tuple[int, int, int]:
    if frame.height == 0:
        return (0, 0, 0)
    con = store.con
    # Versions of one incident within the batch are applied in row order (seq 1..n).
    has_versions = frame["incident_id"].n_unique() < frame.height
    if has_versions:
        frame = frame.sort("_row").with_columns(
            seq=pl.col("_row").cum_count().over("incident_id").cast(pl.Int64),
            n_in_batch=pl.len().over("incident_id").cast(pl.Int64),
        )
    else:
        frame = frame.with_columns(seq=pl.lit(1, pl.Int64), n_in_batch=pl.lit(1, pl.Int64))
    con.register("_batch", frame.to_arrow(compat_level=pl.CompatLevel.newest()))
    try:
        return _write_batch(store, frame.height, has_versions, ingest_id, recorded_at)
    finally:
        con.unregister("_batch")


def _write_batch(
    store: Store, rows: int, has_versions: bool, ingest_id: int, recorded_at: dt.datetime
) -> tuple[int, int, int]:
    """Append the relation ``_batch`` (canonical columns, ``_row``, ``seq``, ``n_in_batch``;
    ``rows`` rows) as revisions; returns the new, revised and unchanged counts."""
    con = store.con
    if not _any_stored(store):
        # No incident of the batch is stored yet (a first load): every row is new, and the
        # versions of an incident within the batch are its revisions 1..n. Same rows as the
        # plan below gives on an empty history, without comparing a million rows to nothing.
        return _insert_new(store, rows, ingest_id, recorded_at, has_versions)
    # The latest stored revision of each incident in the batch (cheap: zone maps + semi join).
    latest = """
        select r.* from incident_revisions r
        where r.incident_id in (select incident_id from _batch)
        qualify row_number() over (partition by r.incident_id order by r.revision desc) = 1
    """
    if has_versions:
        # A batch holding several versions of an incident: compare each with the one
        # before it, and leave the incident alone when its final version is already known.
        batch_hash, db_hash = hash_sql(CONTENT_COLUMNS, "s"), hash_sql(CONTENT_COLUMNS, "l")
        plan = f"""
            with latest as ({latest}),
            s as (
                select s.*, l.revision as db_revision, {batch_hash} as content_hash,
                       case when l.incident_id is not null then {db_hash} end as db_hash
                from _batch s left join latest l using (incident_id)
            ),
            v as (
                select *,
                       max(case when seq = n_in_batch then content_hash end)
                           over (partition by incident_id) as final_hash,
                       coalesce(lag(content_hash) over (partition by incident_id order by seq),
                                db_hash) as prev_hash
                from s
            )
            select * from v
            where final_hash is distinct from db_hash
              and prev_hash is distinct from content_hash
        """
        revision = (
            "coalesce(db_revision, 0) + row_number() over (partition by incident_id order by seq)"
        )
    else:
        # One version per incident: add it unless every content column equals the stored one.
        same = " and ".join(f"s.{c} is not distinct from l.{c}" for c in CONTENT_COLUMNS)
        plan = f"""
            with latest as ({latest})
            select s.*, l.revision as db_revision
            from _batch s left join latest l using (incident_id)
            where l.incident_id is null or not ({same})
        """
        revision = "coalesce(db_revision, 0) + 1"
    cols = ", ".join(CONTENT_COLUMNS)
    con.execute(
        f"""
        insert into incident_revisions
            (incident_id, revision, ingest_id, source_row, recorded_at, {cols})
        select incident_id, {revision}, ?, _row, ?, {cols}
        from ({plan})
        """,
        [ingest_id, recorded_at],
    )
    # A row adds an incident when it brings revision 1, revises when it brings a later one,
    # and is unchanged when it brought nothing.
    new, revised = con.execute(
        """select count(*) filter (revision = 1), count(*) filter (revision > 1)
           from incident_revisions where ingest_id = ?""",
        [ingest_id],
    ).fetchall()[0]
    unchanged = rows - int(new) - int(revised)
    return int(new), int(revised), int(unchanged)


def _any_stored(store: Store) -> bool:
    """Whether ``incident_revisions`` may hold an incident of ``_batch`` (its id range is
    checked, which the table's zone maps answer without a scan when the ranges are apart)."""
    lo, hi = store.con.execute("select min(incident_id), max(incident_id) from _batch").fetchall()[
        0
    ]
    found = store.con.execute(
        "select exists (select 1 from incident_revisions where incident_id between ? and ?)",
        [lo, hi],
    ).fetchall()[0][0]
    return bool(found)


def _insert_new(
    store: Store, rows: int, ingest_id: int, recorded_at: dt.datetime, versions: bool
) -> tuple[int, int, int]:
    """Append every row of ``_batch`` (``rows`` rows) as a new revision; a batch's
    versions of one incident that repeat the content before them are left out, as in the plan
    of :func:`_write_incidents`."""
    con = store.con
    cols = ", ".join(CONTENT_COLUMNS)
    if versions:
        row_hash = hash_sql(CONTENT_COLUMNS, "s")
        source = f"""(
            select * from (
                select s.*, lag({row_hash}) over (partition by incident_id order by seq)
                           is not distinct from {row_hash} as repeat
                from _batch s
            ) where not repeat
        )"""
        revision = "row_number() over (partition by incident_id order by seq)"
    else:
        source, revision = "_batch", "1"
    con.execute(
        f"""insert into incident_revisions
                (incident_id, revision, ingest_id, source_row, recorded_at, {cols})
            select incident_id, {revision}, ?, _row, ?, {cols} from {source}""",
        [ingest_id, recorded_at],
    )
    new, added = con.execute(
        "select count(*) filter (revision = 1), count(*) from incident_revisions "
        "where ingest_id = ?",
        [ingest_id],
    ).fetchall()[0]
    revised = int(added) - int(new)
    return int(new), revised, rows - int(added)


def _write_extra_tables(store: Store, batch: SourceBatch, ingest_id: int) -> tuple[int, int, int]:
    """Append source-specific tables, versioned by ``row_key`` like incidents.

    Each frame must carry ``row_key`` (stable identity) and ``source_row``; the store adds
    ``ingest_id`` and ``content_hash`` and appends rows whose content is new for their key.
    Returns new/revised/unchanged counts summed over ``batch.counted_tables()``.
    """
    total = (0, 0, 0)
    counted = batch.counted_tables()
    for name, frame in batch.extra_tables.items():
        con = store.con
        columns = [c for c in frame.columns if c not in {"row_key", "source_row"}]
        con.register("_extra", frame.to_arrow())
        hash_expr = hash_sql(columns)
        con.execute(
            f"""
            create or replace temp table _xplan as
            with latest as (
                select row_key, arg_max(content_hash, ingest_id) as content_hash
                from {name} where row_key in (select row_key from _extra) group by row_key
            ),
            x as (select e.*, {hash_expr} as content_hash from _extra e)
            select x.*, l.content_hash as db_hash, l.row_key is null as is_new
            from x left join latest l using (row_key)
            """
        )
        con.unregister("_extra")
        con.execute(
            f"""insert into {name} by name
                select * exclude (db_hash, is_new), ? as ingest_id from _xplan
                where db_hash is distinct from content_hash""",
            [ingest_id],
        )
        counts = con.execute(
            """select count(*) filter (is_new),
                      count(*) filter (not is_new and db_hash <> content_hash),
                      count(*) filter (db_hash = content_hash) from _xplan"""
        ).fetchall()[0]
        con.execute("drop table _xplan")
        if name in counted:
            total = (
                total[0] + int(counts[0]),
                total[1] + int(counts[1]),
                total[2] + int(counts[2]),
            )
    return total


def _write_quarantine(store: Store, frame: pl.DataFrame, ingest_id: int) -> None:
    if frame.height == 0:
        return
    store.con.register("_q", frame.to_arrow())
    store.con.execute(
        'insert into quarantine select ?, _row, raw, "column", reason from _q', [ingest_id]
    )
    store.con.unregister("_q")


def _write_flags(store: Store, frame: pl.DataFrame, ingest_id: int) -> None:
    """Record the accepted rows an adapter flagged (column :data:`FLAG_COLUMN`) in ``data_flags``.

    A flagged row is in the data with its primary value; the flag says what was set aside.
    Flags are recorded at every ingest that reads the row (the view ``flagged_incidents``
    keeps those that still apply to each incident's latest revision).
    """
    if FLAG_COLUMN not in frame.columns or frame.height == 0:
        return
    flagged = frame.filter(pl.col(FLAG_COLUMN).is_not_null()).select(
        pl.col("_row").cast(pl.Int64), "incident_id", "source", pl.col(FLAG_COLUMN)
    )
    if flagged.height == 0:
        return
    store.con.register("_f", flagged.to_arrow())
    store.con.execute(
        f"insert into data_flags select ?, _row, incident_id, source, {FLAG_COLUMN} from _f",
        [ingest_id],
    )
    store.con.unregister("_f")


def _validate(batch: SourceBatch) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split a batch into accepted canonical rows and quarantined rows (``_row, raw, ...``)."""
    frame = batch.incidents
    quarantined = [batch.rejected.select("_row", "raw", "column", "reason")]
    if frame.height == 0:
        return conform(frame), pl.concat(quarantined)
    return _split_failures(fill_ids(conform(frame, keep=("_row", FLAG_COLUMN))), quarantined)


def _split_failures(
    frame: pl.DataFrame, quarantined: list[pl.DataFrame]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``frame`` (canonical, ids filled) without the rows the schema refuses, and
    ``quarantined`` with those rows added (their JSON, column and reason)."""
    failures = failure_rows(frame.drop("_row", FLAG_COLUMN, strict=False))
    if failures.height:
        bad = frame.with_row_index("index").join(failures, on="index", how="inner")
        raw = bad.select(pl.struct(list(INCIDENT_COLUMNS)).struct.json_encode().alias("raw"))
        quarantined.append(
            bad.select(
                pl.col("_row").cast(pl.Int64), raw["raw"], pl.col("column"), pl.col("reason")
            )
        )
        frame = frame.with_row_index("index").join(failures, on="index", how="anti").drop("index")
    return frame, pl.concat(quarantined)


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
