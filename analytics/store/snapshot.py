"""What a database knew at a moment, and a fingerprint of what it holds now.

:func:`snapshot` copies into an in-memory store only the rows of ingests that had *finished*
by a moment (an ingest is one transaction, so rows of an ingest still running then were not
visible); reports and queries over it reproduce what was published at that moment.
:func:`data_state` is the fingerprint a report records (newest ingest, checksums).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import duckdb

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


#: The table where :func:`data_state` keeps its last result (written by writable stores).
STATE_TABLE: Final = "data_state_cache"

_STATE_DDL: Final = f"""
    CREATE TABLE IF NOT EXISTS {STATE_TABLE} (
        max_ingest_id INTEGER, ingests BIGINT, last_finished_at TIMESTAMP,
        checksum VARCHAR NOT NULL, data_checksum VARCHAR NOT NULL, tables VARCHAR[] NOT NULL
    )
"""


def data_state(store: Store) -> dict[str, Any]:
    """What a report was built from: newest ingest id, ingest count, ``Store.checksum()``
    (incident revisions only) and ``data_checksum``, which also covers every versioned source
    table (alerts, attack waves, ...), so a database without incidents still has a checksum
    that changes with its data.

    Hashing every incident revision is the slow part (about a second per million). Data change
    only by ingests, and every ingest adds a row to ``ingests``, so the result is kept in
    ``STATE_TABLE`` keyed on (newest ingest id, ingest count, newest finish time): a writable
    store writes it on first compute, and any store (read-only too) reads it back while the key
    holds. A stale row is never read: another ingest changes the key.
    """
    key = store.query(
        "select max(ingest_id) as m, cast(count(*) as bigint) as n, max(finished_at) as f "
        "from ingests"
    ).row(0)
    cached = _cached_state(store, key)
    if cached is not None:
        return cached
    checksum = store.checksum()
    tables = store.versioned_tables()
    data = store.data_checksum(checksum=checksum, tables=tables)  # hashes revisions once
    state = {"max_ingest_id": key[0], "ingests": key[1], "checksum": checksum,
             "data_checksum": data, "tables": tables}  # fmt: skip
    if not store.read_only:
        _save_state(store, key, state)
    return state


def _cached_state(store: Store, key: tuple[Any, ...]) -> dict[str, Any] | None:
    """The kept state for ``key`` (None: none kept, another key, or no cache table)."""
    exists = store.query(
        "select count(*) as n from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main' and table_name = ?",
        [STATE_TABLE],
    )["n"][0]
    if not exists:
        return None
    rows = store.query(
        f"select checksum, data_checksum, tables from {STATE_TABLE} "
        "where max_ingest_id is not distinct from ? and ingests = ? "
        "and last_finished_at is not distinct from ?",
        list(key),
    )
    if rows.height != 1:
        return None
    checksum, data, tables = rows.row(0)
    return {"max_ingest_id": key[0], "ingests": key[1], "checksum": checksum,
            "data_checksum": data, "tables": list(tables)}  # fmt: skip


def _save_state(store: Store, key: tuple[Any, ...], state: dict[str, Any]) -> None:
    """Replace the kept state by ``state`` (additive DDL, one row, in one transaction)."""
    con = store.con
    try:
        con.execute("begin transaction")
    except duckdb.Error:  # the caller holds a transaction open: leave the cache alone
        return
    try:
        con.execute(_STATE_DDL)
        con.execute(f"delete from {STATE_TABLE}")
        con.execute(
            f"insert into {STATE_TABLE} values (?, ?, ?, ?, ?, ?)",
            [*key, state["checksum"], state["data_checksum"], state["tables"]],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
