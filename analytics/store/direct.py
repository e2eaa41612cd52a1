"""A canonical CSV appended straight from DuckDB's read of the file, when every row is plain.

The common canonical file (every row accepted in SQL, ids given, oblast codes given, each
incident once, none stored before) needs no staging table: one ``INSERT ... SELECT`` reads,
types and checks the file (:func:`~analytics.store.staging.typed_sql`, the same pass as the
staging table's) and appends the accepted rows as revision 1, numbered by the file's order.
Three cheap checks follow: that the file holds no row more than were appended (its line
count, taken with its sha256 in the one read that checks its UTF-8, bounds its records; a
``count(*)`` of the read when that bound does not settle it; that read runs in a thread
beside the insert, as hashlib and DuckDB release the GIL, and its error comes first), the
appended ids' distinct count and range, whether that range meets an incident stored before,
and that the rows are numbered ``2 .. rows + 1`` (their largest ``source_row``). When any
check fails (a row SQL does not accept, a row needing a hashed id or the gazetteer, versions
within the file, an incident already stored), the appended rows are deleted and the caller
stages the file instead (:func:`~analytics.store.staging.stage_canonical_csv`), so results
never depend on which way a file went.

Row numbers: ``row_number() over ()`` over the read, before the filter, is DuckDB's streaming
window, which numbers rows in the scan's order on one thread; ``source_row`` is the row's
line (header line 1), as the staging table's ``rowid`` gives. A file of at least two
:data:`SPLIT_MIN_BYTES` parts is cut into one part per DuckDB thread at record boundaries
(:func:`~analytics.store.parts.part_bounds`, only where its bytes show that the lines before
each cut are its records), each part copied with the header to a temporary directory (made
only then) and numbered by its own window plus the lines before it, in one ``UNION ALL``
insert, so the windows run on several threads: 1,000,000 rows inserted in 1.05 s in two parts
against 1.60 s whole. A file not cut, or whose parts cannot be written, is read whole; a cut
file whose parts' read fails while the whole file reads is read whole again (the failed
statement aborts the transaction: see :func:`append_plain_csv`), so results never depend on
the cut. ``preserve_insertion_order`` is off for the insert (every row carries its line).
Measurements and what was tried: docs/ingest_speed.md.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Final

import duckdb
import polars as pl

from analytics.sources.base import MAX_LINE_BYTES, require_file, safe_column_names
from analytics.sources.canonical import (
    check_csv_text,
    column_warnings,
    csv_format_error,
    csv_header_names,
    csv_read_sql,
)
from analytics.store.parts import CsvPart, part_bounds, write_parts
from analytics.store.staging import quote, stored_columns, typed_sql

__all__ = ["DirectLoad", "append_plain_csv", "READ_BUFFER_BYTES", "SPLIT_MIN_BYTES"]

#: Smallest part (bytes) a file is cut into for a parallel numbered read (:mod:`.parts`); a
#: smaller file is read whole. A part costs a file copy and a pipeline's start-up.
SPLIT_MIN_BYTES: Final = 8 << 20

#: DuckDB's CSV read buffer for the insert: the smallest it takes (the line limit). Left to
#: DuckDB it is 16 times ``max_line_size`` (64 MB), and with the ``row_number()`` window a file
#: of a few buffers was read, typed and compressed on one thread. Per-thread CPU of the insert
#: of 1,000,000 rows (57 MB; three runs each): default 1.75 s on one thread; 32 MiB and
#: 8 MiB the same; 16 MiB split in one run of three (0.92 + 0.90 s); this size split in every
#: run (0.99-1.05 + 0.51-0.72 s), as the same insert without the window does (1.03-1.08 +
#: 0.82-0.84 s). Rows are numbered alike (tests/store/test_ingest_direct.py).
READ_BUFFER_BYTES: Final = MAX_LINE_BYTES + 2


@dataclass(frozen=True)
class DirectLoad:
    """What :func:`append_plain_csv` appended, or learnt of a file it left to staging.

    Attributes
    ----------
    appended
        Whether the file was appended (else nothing was, and the file is to be staged).
    header
        The file's header, checked as :func:`~analytics.sources.canonical.csv_header`
        checks it (the file's text too), so that staging needs no second check.
    sha256
        Hex sha256 of the file, taken in the same read as its UTF-8 check.
    rows
        Data rows in the file, every one appended as a new incident (revision 1); 0 when
        not appended.
    sources
        Up to three distinct ``source`` values of the appended rows, sorted (column
        ``source``), for the batch's label; empty when not appended.
    warnings
        Ignored columns, as the adapter words them; empty when not appended.
    """

    appended: bool
    header: list[str]
    sha256: str
    rows: int = 0
    sources: pl.DataFrame = field(default_factory=pl.DataFrame)
    warnings: list[str] = field(default_factory=list)


def append_plain_csv(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    source: str | None,
    ingest_id: int,
    recorded_at: dt.datetime,
) -> DirectLoad:
    """Append every row of the canonical CSV ``path`` to ``incident_revisions`` in one pass,
    inside the caller's transaction; nothing is appended (``appended`` false) when the file
    needs the staged path (see the module docstring).

    Raises :class:`~analytics.sources.base.SourceFormatError` for a file the canonical
    adapter refuses, with the same message as the staged path. The file's UTF-8 and line
    check (with its sha256 and line count) runs in a thread beside the header and the
    insert, and its error, when it has one, is the one raised, as when it ran first.

    The transaction must hold no write before this call (a ``nextval``, which no rollback
    returns, is fine): when a cut file's parts fail to read while the whole file reads, the
    failed insert has aborted the transaction (DuckDB has no savepoints), so it is rolled
    back and begun anew before the file is read whole.
    """
    require_file(path)
    insert = partial(_insert, con, path, source=source, ingest_id=ingest_id, at=recorded_at)
    with ThreadPoolExecutor(max_workers=1) as pool:
        text = pool.submit(check_csv_text, path)
        failed: Exception | None = None
        try:
            header = csv_header_names(path)
            appended = _append(con, path, header, insert)
        except (duckdb.ParserException, duckdb.BinderException):
            raise  # the query itself is wrong: a bug here, not a fault of the file
        except Exception as err:
            failed = err
        facts = text.result()  # the text check's error first, as when it ran before the read
    if isinstance(failed, duckdb.Error):
        raise csv_format_error(path, failed) from None
    if failed is not None:
        raise failed
    rows = appended  # the file holds no more records than lines: nothing left out
    if facts.records_at_most() != appended:
        read = _read_sql(path, header)
        try:
            rows = int(con.execute(f"select count(*) from ({read})").fetchall()[0][0])
        except duckdb.Error as err:
            raise csv_format_error(path, err) from None
    if appended != rows or not _new_and_distinct(con, ingest_id, appended):
        con.execute("delete from incident_revisions where ingest_id = ?", [ingest_id])
        return DirectLoad(False, header, facts.sha256)
    warnings = column_warnings(path, safe_column_names(header), source=source)
    sources = con.sql(
        "select distinct source from incident_revisions where ingest_id = ? "
        "order by source limit 3",
        params=[ingest_id],
    ).pl()
    return DirectLoad(True, header, facts.sha256, rows, sources, warnings)


def _append(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    header: list[str],
    insert: Callable[[list[str], list[CsvPart]], int],
) -> int:
    """The rows ``insert`` appended from ``path``: cut into one part per DuckDB thread
    (:func:`~analytics.store.parts.part_bounds`) when it is cut and its parts can be written
    to a temporary directory, else, or when the parts' read fails and the whole file's does
    not, read whole. A failed read of the whole file raises its error (naming the file's
    line, where a part's names the part's)."""
    whole = [CsvPart(0, path.stat().st_size, 2, path)]
    threads = int(con.execute("select current_setting('threads')").fetchall()[0][0])
    bounds = part_bounds(path, threads, min_bytes=SPLIT_MIN_BYTES)
    if bounds is None:
        return insert(header, whole)
    try:
        tmp = tempfile.TemporaryDirectory(prefix="analytics-parts-", ignore_cleanup_errors=True)
    except OSError:  # no usable temporary directory: read the file whole
        return insert(header, whole)
    with tmp:
        try:
            parts = write_parts(path, bounds, Path(tmp.name))
        except OSError:  # no room for the copies: read the file whole
            return insert(header, whole)
        try:
            return insert(header, parts)
        except (duckdb.ParserException, duckdb.BinderException):
            raise
        except duckdb.Error:
            whole_error = _whole_file_error(path, header)
            if whole_error is not None:
                raise csv_format_error(path, whole_error) from None
    con.execute("ROLLBACK")  # the failed insert aborted the transaction
    con.execute("BEGIN TRANSACTION")
    return insert(header, whole)


def _whole_file_error(path: Path, header: list[str]) -> duckdb.Error | None:
    """The error of reading ``path`` whole (on a connection of its own), or None when that
    read succeeds."""
    other = duckdb.connect()
    try:
        other.execute(f"select count(*) from ({_read_sql(path, header)})").fetchall()
    except duckdb.Error as whole:
        return whole
    finally:
        other.close()
    return None


def _read_sql(path: Path, header: list[str]) -> str:
    read = csv_read_sql(header, buffer_size=READ_BUFFER_BYTES)
    return read.replace("read_csv(?", f"read_csv('{quote(str(path))}'", 1)


def _insert(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    header: list[str],
    parts: list[CsvPart],
    *,
    source: str | None,
    ingest_id: int,
    at: dt.datetime,
) -> int:
    """The one ``INSERT ... SELECT`` of the plain rows of ``path``, read as ``parts`` (each
    numbered by its own window from its first line, so each on a thread of its own); the
    rows it appended."""
    cols = [c for c in stored_columns(header) if c != "incident_id"]
    plain = "_ok and incident_id is not null"
    if "region_raw" in header:  # such a row needs the gazetteer: the staged path fills it
        plain += " and (oblast_code is not null or region_raw is null)"
    listed = ", ".join(cols)
    numbered = " union all ".join(
        f"(select row_number() over () + {int(part.first_line) - 1} as _row, * from "
        f"({typed_sql(header, _read_sql(part.path or path, header), source)}))"
        for part in parts
    )
    insert = f"""
        insert into incident_revisions
            (incident_id, revision, ingest_id, source_row, recorded_at, {listed})
        select incident_id, 1, {int(ingest_id)}, _row, ?, {listed} from ({numbered})
        where {plain}
    """
    # the caller restores its own setting after the transaction (a failed read aborts it)
    con.execute("SET preserve_insertion_order = false")
    appended = int(con.execute(insert, [at]).fetchall()[0][0])
    con.execute("SET preserve_insertion_order = true")  # staging numbers rows by rowid
    return appended


def _new_and_distinct(con: duckdb.DuckDBPyConnection, ingest_id: int, appended: int) -> bool:
    """Whether the ``appended`` rows of ``ingest_id`` name each incident once, none stored
    before (checked on their id range, which zone maps answer when ranges are apart), and are
    numbered ``2 .. appended + 1`` (the largest number settles it: see :mod:`.parts`).

    Ids are counted by their 64-bit ``hash``, cheaper than the strings: a collision can only
    lower the count, so a file read as holding versions when it holds none is staged (the
    same result, slower), never the reverse.
    """
    distinct, low, high, last = con.execute(
        "select count(distinct hash(incident_id)), min(incident_id), max(incident_id), "
        "max(source_row) from incident_revisions where ingest_id = ?",
        [ingest_id],
    ).fetchall()[0]
    if int(distinct) != appended or (appended and int(last) != appended + 1):
        return False
    if appended == 0:
        return True
    stored = con.execute(
        "select exists (select 1 from incident_revisions "
        "where ingest_id <> ? and incident_id between ? and ?)",
        [ingest_id, low, high],
    ).fetchall()[0][0]
    return not stored
