"""The store: an append-only DuckDB database of incident revisions, ingests and quarantine.

Every ingest is one transaction: an error, or a killed process, leaves the database exactly as
it was. ``read = accepted + quarantined`` holds for every ingest, and re-ingesting the same
content adds nothing. The SQL lives in plain files under ``sql/`` that a person can also run
from the DuckDB CLI.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from analytics import __version__
from analytics.schema import CONTENT_COLUMNS, INCIDENT_COLUMNS, conform, failure_rows
from analytics.sources.base import SourceBatch, get_adapter

__all__ = ["Store", "IngestResult", "sql_files", "STORAGE_COMPATIBILITY"]

#: Oldest storage format we write, so the DuckDB CLI 1.5 can open what a newer library wrote.
STORAGE_COMPATIBILITY = "v1.4.0"

_IDENTITY_COLUMNS = (
    "occurred_on", "occurred_at", "region_raw", "settlement", "latitude", "longitude",
    "strike_type", "weapon", "target_type", "source_url",
)  # fmt: skip


def sql_files() -> list[Path]:
    """The package's SQL files in execution order: ``schema.sql``, ``views.sql``, then the rest
    by name (so per-source files may build on the core views)."""
    root = Path(str(files("analytics") / "sql"))
    first = {"schema.sql": 0, "views.sql": 1}
    return sorted(root.glob("*.sql"), key=lambda p: (first.get(p.name, 2), p.name))


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


class Store:
    """A strike-analytics DuckDB database.

    Parameters
    ----------
    path
        Database file; ``":memory:"`` for a throwaway store.
    read_only
        Open without write access (reports, notebooks).

    Examples
    --------
    >>> with Store(":memory:") as store:
    ...     store.query("select count(*) as n from incidents")["n"][0]
    0
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        config = {} if read_only else {"storage_compatibility_version": STORAGE_COMPATIBILITY}
        if self.path != ":memory:" and not read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(self.path, read_only=read_only, config=config)
        self.con.execute("SET TimeZone = 'UTC'")
        if not read_only:
            self.initialise()

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({self.path!r}, {mode})"

    def _repr_html_(self) -> str:
        """A notebook summary: incidents by source and the quarantine count."""
        by_source = self.query(
            """select source, count(*) as incidents, min(occurred_on) as first,
                      max(occurred_on) as last from incidents group by source order by source"""
        )
        ingests, quarantined = self.con.sql(
            "select (select count(*) from ingests), (select count(*) from quarantine_current)"
        ).fetchall()[0]
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>"
            for r in by_source.iter_rows()
        )
        return (
            f"<p><b>strike-analytics store</b> {html.escape(self.path)}: {ingests} ingests, "
            f"{quarantined} quarantined rows</p><table><tr><th>source</th><th>incidents</th>"
            f"<th>first</th><th>last</th></tr>{rows}</table>"
        )

    def close(self) -> None:
        self.con.close()

    def initialise(self) -> None:
        """Create tables, views and macros (idempotent) and load the gazetteer once."""
        with self.transaction():
            for path in sql_files():
                self.con.execute(path.read_text(encoding="utf-8"))
            if self.con.execute("select count(*) from oblasts").fetchall()[0][0] == 0:
                from analytics.oblasts import aliases, oblasts

                self.con.register("_oblasts", oblasts().to_arrow())
                self.con.execute("insert into oblasts by name select * from _oblasts")
                self.con.register("_aliases", aliases().to_arrow())
                self.con.execute("insert into oblast_aliases by name select * from _aliases")
                self.con.unregister("_oblasts")
                self.con.unregister("_aliases")

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a block in one transaction: commit on success, roll back on any error."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- reading ---------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | None = None) -> pl.DataFrame:
        """Run SQL and return a polars frame (via Arrow)."""
        # duckdb >= 2: relations stream; an execute() result must be fetched to the end.
        return self.con.sql(sql, params=list(params) if params else None).pl()

    def incidents(self, *, as_of: dt.datetime | str | None = None) -> pl.DataFrame:
        """Latest revision of each incident, or what was known at ``as_of`` (UTC)."""
        if as_of is None:
            return self.query("select * from incidents order by occurred_on, incident_id")
        return self.query(
            "select * from incidents_as_of(?) order by occurred_on, incident_id", [str(as_of)]
        )

    def status(self) -> dict[str, pl.DataFrame]:
        """What the database holds, as named frames (used by ``strike-analytics status``).

        Column names are meant for people (``strike-analytics status`` prints them as they are).
        A view that a database written by an older version lacks gives a one-row note instead
        (any write, e.g. an ingest, brings the views up to date).
        """

        def q(sql: str) -> pl.DataFrame:
            try:
                return self.query(sql)
            except duckdb.CatalogException as err:
                first = str(err).splitlines()[0]
                return pl.DataFrame({"note": [f"not available in this database ({first})"]})

        return {
            "incidents by source": q(
                """select source, count(*) as incidents, min(occurred_on) as "first day",
                          max(occurred_on) as "last day", count(killed) as "killed reported",
                          count(injured) as "injured reported"
                   from incidents group by source order by source"""
            ),
            "region resolution (unresolved rate per source)": q(
                """select case "table" when 'attack_wave_targets' then 'attack waves: '
                                      else "table" || ': ' end || source as "rows of",
                          rows, to_oblast as "to oblast", to_named_target as "named target",
                          unresolved,
                          round(100.0 * unresolved / nullif(rows, 0), 2) as "% unresolved"
                   from region_resolution order by "table", source"""
            ),
            "ingests": q(
                """select ingest_id as id, regexp_extract(file, '[^/]*$') as file,
                          rows_read as read, rows_new as new, rows_revised as revised,
                          rows_unchanged as unchanged, rows_quarantined as quarantined,
                          strftime(finished_at, '%Y-%m-%d %H:%M') as "finished (UTC)"
                   from ingests order by ingest_id"""
            ),
            "quarantined rows by source and column": q(
                """select source, coalesce(column_name, '(row)') as "column", count(*) as rows,
                          min(reason) as "example reason"
                   from quarantine_current group by all order by rows desc, 1, 2 limit 20"""
            ),
            "unresolved region names (most common)": q(
                """select * from (
                       select source, coalesce(region_raw, '(none given)') as "region as written",
                              incidents as rows
                       from unresolved_regions
                       union all
                       select 'attack waves: ' || field, coalesce(text, '(none given)'),
                              count(*)
                       from attack_wave_targets_latest
                       where oblast_code is null and target_label is null
                         and field <> 'launched_details'
                       group by all
                   ) order by rows desc, 1, 2 limit 15"""
            ),
            "coverage gaps (4+ weeks with no incident from a source)": q(
                """select source, first_empty_week, last_empty_week, empty_weeks
                   from source_gaps order by source, first_empty_week"""
            ),
        }

    # -- writing ---------------------------------------------------------------------------
    def ingest_file(
        self,
        kind: str,
        path: str | Path,
        *,
        progress: Callable[[str], None] | None = None,
        **options: Any,
    ) -> IngestResult:
        """Read ``path`` with the adapter for ``kind`` and ingest it (one transaction)."""
        adapter = get_adapter(kind, **options)
        if progress:
            progress(f"reading {path}")
        batch = adapter.read(Path(path))
        if progress:
            progress(f"validating and writing {batch.rows_read:,} rows")
        return self.ingest(batch, kind=kind)

    def ingest(self, batch: SourceBatch, *, kind: str | None = None) -> IngestResult:
        """Validate a batch and append it in one transaction.

        Rows that fail validation go to ``quarantine`` with their reason. Within the batch,
        rows sharing an ``incident_id`` are successive versions in row order.
        """
        started = _utcnow()
        accepted, quarantined = _validate(batch)
        with self.transaction() as con:
            ingest_id = int(con.execute("select nextval('ingest_id_seq')").fetchall()[0][0])
            counts = self._write_incidents(accepted, ingest_id, started)
            extra_counts = self._write_extra_tables(batch, ingest_id)
            counts = tuple(a + b for a, b in zip(counts, extra_counts, strict=True))
            self._write_quarantine(quarantined, ingest_id)
            rows_q = quarantined.height
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
            con.execute(
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
        self, frame: pl.DataFrame, ingest_id: int, recorded_at: dt.datetime
    ) -> tuple[int, int, int]:
        if frame.height == 0:
            return (0, 0, 0)
        con = self.con
        # Versions of one incident within the batch are applied in row order (seq 1..n).
        has_versions = frame["incident_id"].n_unique() < frame.height
        if has_versions:
            frame = frame.sort("_row").with_columns(
                seq=pl.col("_row").cum_count().over("incident_id").cast(pl.Int64),
                n_in_batch=pl.len().over("incident_id").cast(pl.Int64),
            )
        else:
            frame = frame.with_columns(seq=pl.lit(1, pl.Int64), n_in_batch=pl.lit(1, pl.Int64))
        con.register("_batch", frame.to_arrow())
        # The latest stored revision of each incident in the batch (cheap: zone maps + semi join).
        latest = """
            select r.* from incident_revisions r
            where r.incident_id in (select incident_id from _batch)
            qualify row_number() over (partition by r.incident_id order by r.revision desc) = 1
        """
        if has_versions:
            # A batch holding several versions of an incident: compare each with the one
            # before it, and leave the incident alone when its final version is already known.
            batch_hash, db_hash = _hash_sql(CONTENT_COLUMNS, "s"), _hash_sql(CONTENT_COLUMNS, "l")
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
                "coalesce(db_revision, 0)"
                " + row_number() over (partition by incident_id order by seq)"
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
        con.unregister("_batch")
        # A row adds an incident when it brings revision 1, revises when it brings a later one,
        # and is unchanged when it brought nothing.
        new, revised = con.execute(
            """select count(*) filter (revision = 1), count(*) filter (revision > 1)
               from incident_revisions where ingest_id = ?""",
            [ingest_id],
        ).fetchall()[0]
        unchanged = frame.height - int(new) - int(revised)
        return int(new), int(revised), int(unchanged)

    def _write_extra_tables(self, batch: SourceBatch, ingest_id: int) -> tuple[int, int, int]:
        """Append source-specific tables, versioned by ``row_key`` like incidents.

        Each frame must carry ``row_key`` (stable identity) and ``source_row``; the store adds
        ``ingest_id`` and ``content_hash`` and appends rows whose content is new for their key.
        Returns new/revised/unchanged counts summed over ``batch.counted_tables()``.
        """
        total = (0, 0, 0)
        counted = batch.counted_tables()
        for name, frame in batch.extra_tables.items():
            con = self.con
            columns = [c for c in frame.columns if c not in {"row_key", "source_row"}]
            con.register("_extra", frame.to_arrow())
            hash_expr = _hash_sql(columns)
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

    def _write_quarantine(self, frame: pl.DataFrame, ingest_id: int) -> None:
        if frame.height == 0:
            return
        self.con.register("_q", frame.to_arrow())
        self.con.execute(
            'insert into quarantine select ?, _row, raw, "column", reason from _q', [ingest_id]
        )
        self.con.unregister("_q")

    # -- export ----------------------------------------------------------------------------
    def export_parquet(self, out_dir: str | Path) -> Path:
        """Write incidents as Parquet partitioned by ``year`` and ``month`` (Hive layout).

        Re-running into the same folder replaces the earlier export as a whole: the new one is
        written beside it and swapped in, so no stale month or duplicate file survives. A
        folder that holds anything but an earlier export is refused (``FileExistsError``) and
        left untouched.
        """
        out = Path(out_dir)
        if out.exists() and not _is_parquet_export(out):
            raise FileExistsError(
                f"{out} exists and is neither an empty folder nor an earlier Parquet export "
                "(year=YYYY/month=M/*.parquet); choose another folder. Nothing was written."
            )
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.parent / f".{out.name}.partial-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            self.con.execute(
                f"""copy (select *, year(occurred_on) as year, month(occurred_on) as month
                          from incidents order by occurred_on, incident_id)
                    to '{_sql_str(tmp)}' (format parquet, partition_by (year, month))"""
            )
            tmp.mkdir(exist_ok=True)  # no incidents: an empty export folder
            if out.exists():
                old = out.parent / f".{out.name}.old-{os.getpid()}"
                out.rename(old)
                tmp.rename(out)
                shutil.rmtree(old)
            else:
                tmp.rename(out)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return out

    def versioned_tables(self) -> list[str]:
        """Source tables versioned by ``row_key`` (alerts, attack waves, ...), by name."""
        return self.query(
            "select table_name from duckdb_columns() where database_name = current_database() "
            "and schema_name = 'main' and column_name in ('row_key', 'content_hash') "
            "and table_name in (select table_name from duckdb_tables() "
            "where database_name = current_database() and schema_name = 'main') "
            "group by table_name having count(*) = 2 order by table_name"
        )["table_name"].to_list()

    def data_checksum(self) -> str:
        """md5 over :meth:`checksum` and the content of every versioned source table, so a
        database without incidents still has a checksum that changes with its data."""
        parts = [f"incident_revisions:{self.checksum()}"]
        for name in self.versioned_tables():
            digest, rows = self.query(
                "select md5(coalesce(string_agg(row_key || ':' || content_hash, ',' "
                "order by row_key, content_hash), '')) as d, cast(count(*) as bigint) as n "
                f'from "{name}"'
            ).row(0)
            parts.append(f"{name}:{rows}:{digest}")
        return hashlib.md5("\n".join(parts).encode("utf-8")).hexdigest()

    def checksum(self) -> str:
        """md5 over every revision's identity and content, in a fixed order.

        Two databases holding the same history (whatever files it came from) give the same
        checksum; any added or changed revision changes it.
        """
        row_hash = _hash_sql(("incident_id", "revision", *CONTENT_COLUMNS))
        return str(
            self.con.sql(
                f"select md5(coalesce(string_agg({row_hash}, '' order by incident_id, revision), ''))"
                " from incident_revisions"
            ).fetchall()[0][0]
        )


def _validate(batch: SourceBatch) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split a batch into accepted canonical rows and quarantined rows (``_row, raw, ...``)."""
    frame = batch.incidents
    quarantined = [batch.rejected.select("_row", "raw", "column", "reason")]
    if frame.height == 0:
        return conform(frame), pl.concat(quarantined)
    frame = _fill_ids(conform(frame))
    failures = failure_rows(frame.drop("_row"))
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


def _fill_ids(frame: pl.DataFrame) -> pl.DataFrame:
    """Fill ``incident_id``: ``source:source_event_id``, else ``source:h<hash of identity>``.

    ``frame`` must already have the canonical columns (see :func:`conform`).
    """
    if frame["incident_id"].null_count() == 0:
        return frame
    by_id = pl.concat_str(pl.col("source"), pl.lit(":"), pl.col("source_event_id"))
    missing = frame.filter(pl.col("incident_id").is_null() & pl.col("source_event_id").is_null())
    if missing.height == 0:
        return frame.with_columns(incident_id=pl.coalesce(pl.col("incident_id"), by_id))
    hashes: dict[int, str] = {}
    if missing.height:
        ident = missing.select(
            pl.col("_row"), *[pl.col(c).cast(pl.String) for c in _IDENTITY_COLUMNS]
        )
        for row in ident.iter_rows():
            key = "\x1f".join("" if v is None else v for v in row[1:])
            hashes[row[0]] = hashlib.sha1(key.encode()).hexdigest()[:16]
    by_hash = pl.concat_str(
        pl.col("source"), pl.lit(":h"), pl.col("_row").replace_strict(hashes, default=None)
    )
    return frame.with_columns(incident_id=pl.coalesce(pl.col("incident_id"), by_id, by_hash))


def _hash_sql(columns: Sequence[str], alias: str | None = None) -> str:
    """md5 over the text of ``columns`` (NULL-aware, stable across DuckDB versions)."""
    prefix = f"{alias}." if alias else ""
    parts = ", ".join(f"coalesce(cast({prefix}\"{c}\" as varchar), '\\N')" for c in columns)
    return f"md5(concat_ws('\x1f', {parts}))"


def _is_parquet_export(folder: Path) -> bool:
    """True for an empty folder or one holding only ``year=*/month=*/*.parquet``."""
    if not folder.is_dir():
        return False
    for path in folder.rglob("*"):
        parts = path.relative_to(folder).parts
        ok = (
            parts[0].startswith("year=")
            and (len(parts) < 2 or parts[1].startswith("month="))
            and (len(parts) < 3 or (len(parts) == 3 and path.suffix == ".parquet"))
        )
        if not ok:
            return False
    return True


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
