"""What a database knew at a moment, and a fingerprint of what it holds now.

:func:`snapshot` copies into an in-memory store only the rows of ingests that had *finished*
by a moment (an ingest is one transaction, so rows of an ingest still running then were not
visible); reports and queries over it reproduce what was published at that moment.
:func:`data_state` is the fingerprint a report records (newest ingest, checksums).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Final

from analytics.store.database import Store

__all__ = ["SnapshotError", "snapshot", "data_state", "STATE_TABLE"]


class SnapshotError(RuntimeError):
    """The database cannot be copied as of a moment (written by another version)."""


_COPY_SKIP: Final = frozenset({"oblasts", "oblast_aliases", "data_state_cache"})


def snapshot(store: Store, known_at: dt.datetime) -> Store:
    """An in-memory store holding only what ``store`` knew at ``known_at`` (UTC).

    Rows of every table that carries ``ingest_id`` are kept when their ingest had finished by
    ``known_at``; the ``ingests`` table likewise. Views and macros are the package's own.
    """
    snap = Store(":memory:")
    ts = known_at.replace(tzinfo=None) if known_at.tzinfo is None else _naive_utc(known_at)
    tables = store.query(
        "select table_name from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main' order by table_name"
    )["table_name"].to_list()
    for name in tables:
        if name in _COPY_SKIP:
            continue
        cols = _columns(store, name)
        if name == "ingests":
            where, params = "where finished_at <= ?", [ts]
        elif "ingest_id" in cols:
            where = "where ingest_id in (select ingest_id from ingests where finished_at <= ?)"
            params = [ts]
        else:
            where, params = "", []
        ours = set(_columns(snap, name))
        common = [c for c in cols if c in ours]
        if not common:
            continue
        listed = ", ".join(f'"{c}"' for c in common)
        rows = store.query(f'select {listed} from "{name}" {where}', params)
        if rows.height == 0:
            continue
        snap.con.register("_snap_rows", rows.to_arrow())
        try:
            snap.con.execute(f'insert into "{name}" by name select * from _snap_rows')
        except Exception as err:  # a database written by another version of the package
            snap.close()
            raise SnapshotError(
                f"cannot copy table {name} for --known-at (database schema differs from this "
                f"version of strike-analytics): {err}"
            ) from err
        snap.con.unregister("_snap_rows")
    return snap


def _columns(store: Store, table: str) -> list[str]:
    return store.query(
        "select column_name from duckdb_columns() where database_name = current_database() "
        "and schema_name = 'main' and table_name = ? order by column_index",
        [table],
    )["column_name"].to_list()


def _naive_utc(ts: dt.datetime) -> dt.datetime:
    return ts.astimezone(dt.UTC).replace(tzinfo=None)


#: A table that earlier versions of :func:`data_state` wrote (a cache of content checksums);
#: never copied by :func:`snapshot` and no longer read or written.
STATE_TABLE: Final = "data_state_cache"

#: The columns of each ``ingests`` record that the data state covers: what was ingested (the
#: file's sha256, the adapter, the source), by which version, and what it did. Not the file's
#: path nor its times: the same files ingested in the same order give the same state.
_RECORD: Final = (
    "ingest_id", "source", "kind", "sha256", "package_version", "rows_read", "rows_new",
    "rows_revised", "rows_unchanged", "rows_quarantined",
)  # fmt: skip


def data_state(store: Store) -> dict[str, Any]:
    """What a report was built from, identified by the store's ingest history.

    Returns ``max_ingest_id``, ``ingests`` (their number), ``tables`` (the versioned source
    tables: alerts, attack waves, ...), ``checksum`` (the incident history) and
    ``data_checksum`` (every table an ingest writes).

    The store is append-only and changes only by ingests, each one transaction recorded in
    ``ingests`` (the sha256 of the file's bytes, the adapter, the package version and the rows
    it read, added, revised and quarantined). What an ingest adds is determined by the file,
    the adapter and version, and the store before it; so the ordered list of ingest records
    identifies the data. ``checksum`` is the md5 of the records of the ingests that stored
    incident revisions, each with the number of revisions it stored (an exact count read from
    ``incident_revisions``); ``data_checksum`` is the md5 of every ingest record with the rows
    it left in each table that carries ``ingest_id`` (revisions, quarantine, flags and each
    versioned table). Ingests that stored no row (a file ingested again) are left out of both:
    they changed nothing. The counts check the records against the rows: a lost or doubled
    ingest changes them.

    This identifies the history, not the bytes of each row (``Store.checksum()`` does that,
    hashing every revision: about a second per million). A row edited by hand in SQL, outside
    any ingest, without changing a count, keeps the state; two stores that reached the same
    rows by different files or order get different states. Cost: one pass over the
    ``ingest_id`` column of each table, no hashing of row content (milliseconds per million).
    """
    records = store.query("select " + ", ".join(_RECORD) + " from ingests order by ingest_id")
    tables = store.versioned_tables()
    counted = ["incident_revisions", *_with_ingest_id(store, tables)]
    lines = {row[0]: "|".join("\\N" if v is None else str(v) for v in row)
             for row in records.iter_rows()}  # fmt: skip
    per_table = {name: _rows_per_ingest(store, name) for name in counted}
    revisions = per_table["incident_revisions"]
    incident_lines = [f"{line}|{revisions[i]}" for i, line in lines.items() if revisions.get(i)]
    all_lines = [  # an ingest that stored no row (a file ingested again) changed nothing
        line + "".join(f"|{name}:{per_table[name].get(i, 0)}" for name in counted)
        for i, line in lines.items()
        if any(per_table[name].get(i) for name in counted)
    ]
    known = set(lines)  # rows of no recorded ingest (not written by this package) still count
    orphans = [
        f"rows of no ingest in {name}: {n}"
        for name in counted
        if (n := sum(c for i, c in per_table[name].items() if i not in known))
    ]
    return {
        "max_ingest_id": records["ingest_id"].max() if records.height else None,
        "ingests": records.height,
        "checksum": _md5([f"incident ingests:{len(incident_lines)}", *incident_lines]),
        "data_checksum": _md5([f"ingests:{len(all_lines)}", *all_lines, *orphans]),
        "tables": tables,
    }


def _with_ingest_id(store: Store, tables: list[str]) -> list[str]:
    """``tables``, then the other tables an ingest writes (``quarantine``, ``data_flags``...),
    that carry an ``ingest_id`` column."""
    names = store.query(
        "select table_name from duckdb_columns() where database_name = current_database() "
        "and schema_name = 'main' and column_name = 'ingest_id' "
        "and table_name not in ('ingests', 'incident_revisions') "
        "and table_name in (select table_name from duckdb_tables() "
        "where database_name = current_database() and schema_name = 'main') "
        "order by table_name"
    )["table_name"].to_list()
    return [*[t for t in tables if t in names], *[t for t in names if t not in tables]]


def _rows_per_ingest(store: Store, table: str) -> dict[int | None, int]:
    """Rows of ``table`` per ``ingest_id`` (one pass over that one column)."""
    rows = store.con.execute(
        f'select ingest_id, count(*) from "{table}" group by ingest_id'
    ).fetchall()
    return {i: int(n) for i, n in rows}


def _md5(lines: list[str]) -> str:
    return hashlib.md5("\n".join(lines).encode("utf-8")).hexdigest()
