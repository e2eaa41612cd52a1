"""The first-load fast path of ``analytics.store.ingest`` writes what the general plan writes.

(Kept beside the report tests because the report's speed work changed the ingest; the
natural home is tests/store/.) A batch with repeated and changed versions of its incidents is
ingested into an empty store (fast path: nothing stored in the batch's id range) and into a
store already holding an unrelated incident inside that range (general plan); both must store
the same revisions and report the same counts.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from analytics.sources.base import SourceBatch
from analytics.store import Store

COLUMNS = ("incident_id", "revision", "source_row", "occurred_on", "killed", "injured", "notes")


def _batch(rows: list[tuple[str, int | None, str]]) -> SourceBatch:
    """Rows (source_event_id, killed, notes); row order = version order."""
    frame = pl.DataFrame(
        {
            "source": "test",
            "source_event_id": [r[0] for r in rows],
            "occurred_on": dt.date(2024, 3, 1),
            "oblast_code": "UA-32",
            "region_raw": "Kyiv Oblast",
            "strike_type": "drone",
            "killed": [r[1] for r in rows],
            "injured": None,
            "notes": [r[2] for r in rows],
        },
        schema_overrides={"killed": pl.Int64, "injured": pl.Int64},
    ).with_columns(pl.int_range(2, len(rows) + 2, dtype=pl.Int64).alias("_row"))
    return SourceBatch("test", "t.csv", "0" * 64, frame.height, frame)


def _stored(store: Store, ids: list[str]) -> pl.DataFrame:
    return store.query(
        f"select {', '.join(COLUMNS)} from incident_revisions where incident_id in "
        f"({', '.join(repr(i) for i in ids)}) order by incident_id, revision"
    )


def test_first_load_fast_path_matches_the_general_plan(tmp_path: Path) -> None:
    rows = [
        ("A", 1, "first"), ("B", None, "only"), ("A", 1, "first"), ("C", 2, "x"),
        ("A", 3, "raised"), ("C", 2, "x"), ("A", 1, "first"),
    ]  # fmt: skip
    ids = ["test:A", "test:B", "test:C"]
    with Store(tmp_path / "fresh.duckdb") as fresh:
        fast = fresh.ingest(_batch(rows), kind="csv")
        got_fast = _stored(fresh, ids)
    with Store(tmp_path / "used.duckdb") as used:
        used.ingest(_batch([("AB", 5, "between A and B")]), kind="csv")  # inside the id range
        plan = used.ingest(_batch(rows), kind="csv")
        got_plan = _stored(used, ids)
    # A: first, raised, first again (the repeats in between add nothing) -> revisions 1..3;
    # B: one revision; C: its repeat adds nothing -> one revision. 5 of 7 rows are stored.
    assert got_fast["incident_id"].to_list() == ["test:A"] * 3 + ["test:B", "test:C"]
    assert got_fast["revision"].to_list() == [1, 2, 3, 1, 1]
    assert got_fast.equals(got_plan)
    counts = (fast.rows_new, fast.rows_revised, fast.rows_unchanged)
    assert counts == (plan.rows_new, plan.rows_revised, plan.rows_unchanged) == (3, 2, 2)
