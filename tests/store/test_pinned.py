"""Pinned latest revisions: same rows as the view, shadowing it only inside the block."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from analytics.store import Store
from analytics.store.pinned import pinned_incidents

HEADER = "source,source_event_id,occurred_on,oblast_code,strike_type,killed,injured\n"


def _csv(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(f"{r}\n" for r in rows), encoding="utf-8")
    return path


def _load(store: Store, tmp_path: Path) -> None:
    # Hand-made history: e1 is revised (killed 1 -> 2), e2 is added by the second file.
    store.ingest_file("csv", _csv(tmp_path / "a.csv", "t,e1,2024-03-04,UA-32,drone,1,"))
    store.ingest_file(
        "csv",
        _csv(
            tmp_path / "b.csv", "t,e1,2024-03-04,UA-32,drone,2,", "t,e2,2024-03-12,UA-46,missile,,3"
        ),
    )


def _latest(store: Store) -> pl.DataFrame:
    return store.query("select incident_id, killed, injured from incidents order by incident_id")


def _temp_tables(store: Store) -> list[str]:
    return store.query("select table_name from duckdb_tables() where database_name = 'temp'")[
        "table_name"
    ].to_list()


def test_pinned_rows_equal_the_view_and_views_read_them(store: Store, tmp_path: Path) -> None:
    _load(store, tmp_path)
    view = _latest(store)
    # Hand count: two incidents, e1 at its second revision (killed 2), e2 with killed unknown.
    assert view.rows() == [("t:e1", 2, None), ("t:e2", None, 3)]
    weekly = "select * from weekly_source_oblast order by all"
    before = store.query(weekly)
    with pinned_incidents(store) as pinned:
        assert pinned
        assert _temp_tables(store) == ["incidents"]
        assert _latest(store).equals(view)
        assert store.query(weekly).equals(before)  # a view over incidents reads the pin
    assert _temp_tables(store) == []


def test_pin_is_dropped_so_later_ingests_show(store: Store, tmp_path: Path) -> None:
    _load(store, tmp_path)
    with pinned_incidents(store):
        pass
    store.ingest_file("csv", _csv(tmp_path / "c.csv", "t,e3,2024-03-13,UA-46,missile,0,0"))
    assert _latest(store)["incident_id"].to_list() == ["t:e1", "t:e2", "t:e3"]


def test_pin_holds_one_state_and_is_dropped_on_error(store: Store, tmp_path: Path) -> None:
    _load(store, tmp_path)
    try:
        with pinned_incidents(store):
            # an ingest inside the block is not seen through the pin (one state per block)
            store.ingest_file("csv", _csv(tmp_path / "c.csv", "t,e3,2024-03-13,UA-46,drone,0,0"))
            assert _latest(store).height == 2
            raise KeyError("boom")
    except KeyError:
        pass
    assert _temp_tables(store) == []
    assert _latest(store).height == 3


def test_nested_pin_and_read_only_store(db_path: Path, tmp_path: Path) -> None:
    with Store(db_path) as store:
        _load(store, tmp_path)
        view = _latest(store)
    with Store(db_path, read_only=True) as store:
        with pinned_incidents(store) as outer:
            with pinned_incidents(store) as inner:
                assert (outer, inner) == (True, False)
                assert _latest(store).equals(view)
            assert _temp_tables(store) == ["incidents"]  # the inner block left the pin alone
        assert _temp_tables(store) == []


def test_pin_of_named_columns_holds_only_them(store: Store, tmp_path: Path) -> None:
    _load(store, tmp_path)
    view = _latest(store)
    with pinned_incidents(store, ("killed", "incident_id", "injured", "no_such_column")):
        pinned_cols = store.query(
            "select column_name from duckdb_columns() where database_name = 'temp' "
            "and table_name = 'incidents' order by column_index"
        )["column_name"].to_list()
        assert pinned_cols == ["incident_id", "killed", "injured"]  # the view's order
        assert _latest(store).equals(view)
        with pytest.raises(duckdb.BinderException):  # a column left out fails, never NULL
            store.query("select notes from incidents")
    assert "notes" in store.query("select * from incidents").columns


def _temp_views(store: Store) -> list[str]:
    return store.query(
        "select view_name from duckdb_views() where database_name = 'temp' and not internal"
    )["view_name"].to_list()


def test_read_only_store_without_revisions_pins_a_view_of_the_same_rows(
    db_path: Path, tmp_path: Path
) -> None:
    """No incident revised and no writer possible: the pin copies nothing, same rows."""
    with Store(db_path) as store:
        # Hand-made: two incidents, each at revision 1 (nothing revised).
        store.ingest_file(
            "csv", _csv(tmp_path / "a.csv", "t,e1,2024-03-04,UA-32,drone,1,",
                        "t,e2,2024-03-12,UA-46,missile,,3")
        )  # fmt: skip
        view = _latest(store)
        weekly = store.query("select * from weekly_source_oblast order by all")
    assert view.rows() == [("t:e1", 1, None), ("t:e2", None, 3)]
    with Store(db_path, read_only=True) as store:
        with pinned_incidents(store, ("incident_id", "killed", "injured", "occurred_on",
                                      "oblast_code", "source", "strike_type")) as pinned:  # fmt: skip
            assert pinned
            assert _temp_tables(store) == [] and _temp_views(store) == ["incidents"]
            assert _latest(store).equals(view)
            with pytest.raises(duckdb.BinderException):  # a column left out fails, never NULL
                store.query("select notes from incidents")
            with pinned_incidents(store) as inner:  # a caller's pin is left alone
                assert not inner
        assert _temp_views(store) == []
        assert store.query("select * from weekly_source_oblast order by all").equals(weekly)


def test_writable_or_revised_stores_pin_a_copy(db_path: Path, tmp_path: Path) -> None:
    """A writable store could gain a revision during the block; a revised one must be ranked."""
    with Store(db_path) as store:
        store.ingest_file("csv", _csv(tmp_path / "a.csv", "t,e1,2024-03-04,UA-32,drone,1,"))
        with pinned_incidents(store):
            assert _temp_tables(store) == ["incidents"]
        _load(store, tmp_path)  # revises e1
    with Store(db_path, read_only=True) as store, pinned_incidents(store):
        assert _temp_tables(store) == ["incidents"] and _temp_views(store) == []
        assert _latest(store)["killed"].to_list() == [2, None]  # e1 at revision 2 (hand count)
