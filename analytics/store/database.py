"""The store: an append-only DuckDB database of incident revisions, ingests and quarantine.

Every ingest is one transaction: an error, or a killed process, leaves the database exactly as
it was. ``read = accepted + quarantined`` holds for every ingest, and re-ingesting the same
content adds nothing. The SQL lives in plain files under ``sql/`` that a person can also run
from the DuckDB CLI.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import html
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

import duckdb
import polars as pl

from analytics.reference.oblasts import aliases, oblasts
from analytics.schema import CONTENT_COLUMNS
from analytics.sources.base import SourceBatch
from analytics.store.export import export_parquet
from analytics.store.hashing import hash_sql
from analytics.store.ingest import IngestResult, ingest, ingest_file
from analytics.store.status import status

__all__ = [
    "Store", "sql_files", "SQL_FILES", "STORAGE_COMPATIBILITY", "DatabaseError", "DatabaseBusy",
    "DatabaseUnusable", "DatabaseFull", "open_error", "unusable",
]  # fmt: skip

#: Oldest storage format we write, so the DuckDB CLI 1.5 can open what a newer library wrote.
STORAGE_COMPATIBILITY = "v1.4.0"


#: The package's SQL files in the order they run. Each file may use what earlier files define:
#: the schema (tables, sequences), the core views and macros, the incident coverage calendar
#: (``coverage.sql``: which source covers which oblast on which day), then one file per source
#: family, the period aggregates, and the data-quality views last (with ``coverage_calendar``,
#: the union of the incident and alert calendars). ``sql/README.md`` says the same.
SQL_FILES: Final[tuple[str, ...]] = (
    "schema.sql", "views.sql", "coverage.sql", "acled.sql", "aggregates.sql", "alerts.sql",
    "attack_waves.sql", "quality.sql",
)  # fmt: skip

_BUSY: Final = re.compile(r"Could not set lock on file|Conflicting lock is held", re.I)
_HOLDER: Final = re.compile(r"\(PID (\d+)\)")
_UNUSABLE: Final = re.compile(
    r"not a valid DuckDB database|Corrupt database|Is a directory|"
    r"checksum .* does not match|database file .* is of version|Serialization Error",
    re.I,
)
_FULL: Final = re.compile(r"No space left on device|Disk quota exceeded|disk is full", re.I)


class DatabaseError(RuntimeError):
    """The database file cannot be opened or written; ``str()`` is one sentence for people.

    Attributes
    ----------
    path
        The database file.
    """

    def __init__(self, path: str | Path, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)


class DatabaseBusy(DatabaseError):
    """Another process holds the database (DuckDB allows one writer process at a time)."""


class DatabaseUnusable(DatabaseError):
    """The path is a directory, not a DuckDB file, or a corrupt one: nothing was changed."""


class DatabaseFull(DatabaseError):
    """The disk (or quota) is full: the transaction was rolled back, nothing was changed."""


def open_error(path: str | Path, err: BaseException) -> DatabaseError | None:
    """The :class:`DatabaseError` that ``err``, raised opening or using ``path``, stands for.

    ``None`` when ``err`` is none of busy, unusable or full (the caller keeps it as it is).

    Examples
    --------
    >>> e = open_error("x.duckdb", OSError(28, "No space left on device"))
    >>> type(e).__name__
    'DatabaseFull'
    """
    text = str(err)
    if (isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT)) or _FULL.search(
        text
    ):
        return DatabaseFull(
            path, f"the disk holding {path} is full; free some space and run the command again "
            "(the database was left as it was)",
        )  # fmt: skip
    if _BUSY.search(text):
        holder = _HOLDER.search(text)
        who = f" (process {holder.group(1)})" if holder else ""
        return DatabaseBusy(
            path, f"the database {path} is in use by another process{who}; run again when it "
            "has finished, or pass --wait SECONDS to wait for it",
        )  # fmt: skip
    if _UNUSABLE.search(text) or isinstance(err, IsADirectoryError):
        return unusable(path)
    return None


#: DuckDB's file magic, at byte 8 of every database file.
_MAGIC: Final = (8, b"DUCK")


def _foreign(path: Path) -> bool:
    """True for an existing file that is not a DuckDB database (an empty file included).

    Checked before DuckDB opens it: DuckDB would try to load an extension for some foreign
    formats (a SQLite file makes it download ``sqlite_scanner``).
    """
    if not path.is_file():
        return False
    offset, magic = _MAGIC
    try:
        with path.open("rb") as fh:
            fh.seek(offset)
            return fh.read(len(magic)) != magic
    except OSError:
        return False  # unreadable: let DuckDB say why


def unusable(path: str | Path) -> DatabaseUnusable:
    """The error for a ``path`` that is a directory, not a DuckDB file, or a damaged one."""
    if Path(path).is_dir():
        return DatabaseUnusable(
            path, f"{path} is a directory, not a database file; give --db a file path such as "
            f"{Path(path) / 'strikes.duckdb'} (a new name creates the database)",
        )  # fmt: skip
    return DatabaseUnusable(
        path, f"{path} is not a DuckDB database or is damaged (it was left unchanged); give --db "
        "the path of a strike-analytics database, or restore this file from a backup",
    )  # fmt: skip


_VIEW: Final = re.compile(r"^CREATE OR REPLACE VIEW (\w+) AS\s+(.*?);\s*$", re.M | re.S)


def sql_files() -> list[Path]:
    """The package's SQL files in execution order (:data:`SQL_FILES`)."""
    root = Path(str(files("analytics") / "sql"))
    return [root / name for name in SQL_FILES]


class Store:
    """A strike-analytics DuckDB database.

    Parameters
    ----------
    path
        Database file; ``":memory:"`` for a throwaway store.
    read_only
        Open without write access (reports, notebooks).

    Raises
    ------
    DatabaseBusy
        Another process holds the file.
    DatabaseUnusable
        ``path`` is a directory, not a DuckDB database, or a corrupt one.
    DatabaseFull
        The disk filled up while the tables were being created.

    Examples
    --------
    >>> with Store(":memory:") as store:
    ...     store.query("select count(*) as n from incidents")["n"][0]
    0
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if self.path != ":memory:" and (Path(self.path).is_dir() or _foreign(Path(self.path))):
            raise unusable(self.path)
        try:
            self._open()
        except (duckdb.Error, OSError) as err:
            known = open_error(self.path, err)
            if known is None:
                raise
            raise known from err

    def _open(self) -> None:
        config: dict[str, str | bool | int | float | list[str]] = (
            {} if self.read_only else {"storage_compatibility_version": STORAGE_COMPATIBILITY}
        )
        if self.path != ":memory:" and not self.read_only:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(self.path, read_only=self.read_only, config=config)
        try:
            self.con.execute("SET TimeZone = 'UTC'")
            if not self.read_only:
                self.initialise()
            else:
                self._temp_missing_views()
        except BaseException:
            self.con.close()
            raise

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
                self.con.register("_oblasts", oblasts().to_arrow())
                self.con.execute("insert into oblasts by name select * from _oblasts")
                self.con.register("_aliases", aliases().to_arrow())
                self.con.execute("insert into oblast_aliases by name select * from _aliases")
                self.con.unregister("_oblasts")
                self.con.unregister("_aliases")

    def _temp_missing_views(self) -> None:
        """Read-only: define the package's views that a database written by an older version
        lacks as TEMP views (this connection only; the file is not changed)."""
        have = set(self.query("select view_name from duckdb_views()")["view_name"].to_list())
        for path in sql_files():
            for name, body in _VIEW.findall(path.read_text(encoding="utf-8")):
                if name not in have:
                    try:
                        self.con.execute(f"CREATE TEMP VIEW {name} AS {body}")
                    except duckdb.Error:  # needs a table this old database does not have
                        continue

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
        """What the database holds, as named frames (:func:`analytics.store.status.status`)."""
        return status(self)

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
        return ingest_file(self, kind, path, progress=progress, **options)

    def ingest(self, batch: SourceBatch, *, kind: str | None = None) -> IngestResult:
        """Validate a batch and append it in one transaction (:func:`analytics.store.ingest.ingest`)."""
        return ingest(self, batch, kind=kind)

    def export_parquet(self, out_dir: str | Path) -> Path:
        """Write the latest revisions as Parquet (:func:`analytics.store.export.export_parquet`)."""
        return export_parquet(self, out_dir)

    def versioned_tables(self) -> list[str]:
        """Source tables versioned by ``row_key`` (alerts, attack waves, ...), by name."""
        return self.query(
            "select table_name from duckdb_columns() where database_name = current_database() "
            "and schema_name = 'main' and column_name in ('row_key', 'content_hash') "
            "and table_name in (select table_name from duckdb_tables() "
            "where database_name = current_database() and schema_name = 'main') "
            "group by table_name having count(*) = 2 order by table_name"
        )["table_name"].to_list()

    def data_checksum(
        self, *, checksum: str | None = None, tables: Sequence[str] | None = None
    ) -> str:
        """md5 over :meth:`checksum` and the content of every versioned source table, so a
        database without incidents still has a checksum that changes with its data.

        ``checksum`` and ``tables``: the values of :meth:`checksum` and
        :meth:`versioned_tables` when the caller has them already (hashing every incident
        revision is the slow part; a report needs both checksums and computes it once).
        """
        digest_all = self.checksum() if checksum is None else checksum
        parts = [f"incident_revisions:{digest_all}"]
        for name in self.versioned_tables() if tables is None else tables:
            digest, rows = self.query(
                "select md5(coalesce(string_agg(row_key || ':' || content_hash, ',' "
                "order by row_key, content_hash), '')) as d, cast(count(*) as bigint) as n "
                f'from "{name}"'
            ).row(0)
            parts.append(f"{name}:{rows}:{digest}")
        return hashlib.md5("\n".join(parts).encode("utf-8")).hexdigest()

    def checksum(self) -> str:
        """md5 over every revision's identity and content, whatever the order of the rows.

        Two databases holding the same history (whatever files it came from) give the same
        checksum; any added or changed revision changes it. Each revision's md5 (of its id,
        revision number and content, as :func:`hash_sql` writes them, read by ``md5_number`` as
        a little-endian 128-bit integer) is summed as two 64-bit halves, exactly, in parallel
        and without sorting; the checksum is the md5 of the row count and the two sums, so it
        is the same with any DuckDB version.
        """
        row_md5 = hash_sql(("incident_id", "revision", *CONTENT_COLUMNS)).replace(
            "md5(", "md5_number(", 1
        )
        n, upper, lower = self.con.sql(
            "select cast(count(*) as bigint), coalesce(sum(cast(m >> 64 as ubigint)), 0),"
            " coalesce(sum(cast(m & 18446744073709551615 as ubigint)), 0)"
            f" from (select {row_md5} as m from incident_revisions)"
        ).fetchall()[0]
        return hashlib.md5(f"{n}:{upper}:{lower}".encode("ascii")).hexdigest()
