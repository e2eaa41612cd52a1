"""``data_state`` keeps its checksums in the store and reads them back only while they hold."""

from __future__ import annotations

from pathlib import Path

from analytics.store import Store
from analytics.store.snapshot import STATE_TABLE, data_state


def _csv(path: Path, rows: list[str]) -> Path:
    path.write_text("source,source_event_id,occurred_on,oblast_code,killed,injured\n"
                    + "\n".join(rows) + "\n")  # fmt: skip
    return path


def _fresh(store: Store) -> dict[str, object]:
    """The state computed from the data, without the cache (the reference)."""
    checksum = store.checksum()
    tables = store.versioned_tables()
    return {
        "max_ingest_id": store.query("select max(ingest_id) as m from ingests")["m"][0],
        "ingests": store.query("select count(*) as n from ingests")["n"][0],
        "checksum": checksum,
        "data_checksum": store.data_checksum(checksum=checksum, tables=tables),
        "tables": tables,
    }


def test_state_is_kept_and_read_back_read_only(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        store.ingest_file("csv", _csv(tmp_path / "a.csv", ["t,1,2025-06-02,UA-63,1,"]))
        first = data_state(store)
        assert first == _fresh(store)
        kept = store.query(f"select * from {STATE_TABLE}")
        assert kept.height == 1 and kept["checksum"][0] == first["checksum"]
        # a marker in the kept row proves the next call reads it instead of hashing again
        store.con.execute(f"update {STATE_TABLE} set checksum = 'kept'")
        assert data_state(store)["checksum"] == "kept"
    with Store(db, read_only=True) as ro:
        assert data_state(ro)["checksum"] == "kept"


def test_an_ingest_makes_the_kept_state_stale(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        store.ingest_file("csv", _csv(tmp_path / "a.csv", ["t,1,2025-06-02,UA-63,1,"]))
        before = data_state(store)
        store.ingest_file("csv", _csv(tmp_path / "b.csv", ["t,1,2025-06-02,UA-63,2,"]))
        after = data_state(store)
        assert after == _fresh(store)
        assert after["checksum"] != before["checksum"]
        assert after["ingests"] == before["ingests"] + 1
        assert store.query(f"select count(*) as n from {STATE_TABLE}")["n"][0] == 1


def test_read_only_store_without_cache_computes(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        store.ingest_file("csv", _csv(tmp_path / "a.csv", ["t,1,2025-06-02,,,3"]))
        expected = _fresh(store)
    with Store(db, read_only=True) as ro:
        assert data_state(ro) == expected
        assert (
            ro.query(
                "select count(*) as n from duckdb_tables() where table_name = ?", [STATE_TABLE]
            )["n"][0]
            == 0
        )
