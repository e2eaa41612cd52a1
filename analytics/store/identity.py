"""Incident identity: ``incident_id`` for rows whose source gives none."""

from __future__ import annotations

import hashlib
from typing import Final

import polars as pl

__all__ = ["IDENTITY_COLUMNS", "identity_hashes", "fill_ids"]

#: What tells two strikes of one source apart when the source gives no event id (see
#: :func:`fill_ids`): when and where (oblast, raw region, settlement, coordinates) and what.
IDENTITY_COLUMNS: Final[tuple[str, ...]] = (
    "occurred_on", "occurred_at", "oblast_code", "region_raw", "settlement", "latitude",
    "longitude", "strike_type", "weapon", "target_type", "source_url",
)  # fmt: skip


def identity_hashes(frame: pl.DataFrame) -> pl.DataFrame:
    """``_row`` and ``hash`` (16 hex digits) of each row of ``frame`` by its identity.

    ``frame`` holds ``_row``, ``source`` and :data:`IDENTITY_COLUMNS` in their canonical dtypes,
    and only the rows that need a hashed id (no ``incident_id``, no ``source_event_id``). The
    n-th row (in ``_row`` order) with one same identity gets ``#n`` appended before hashing
    (the first row none), so identical rows are distinct incidents.
    """
    key = pl.concat_str(
        [pl.col(c).cast(pl.String).fill_null("") for c in ("source", *IDENTITY_COLUMNS)],
        separator="\x1f",
    )
    ident = (
        frame.sort("_row")
        .select(pl.col("_row"), key.alias("key"))
        .with_columns(n=pl.int_range(1, pl.len() + 1).over("key"))
    )
    rows, hashes = [], []
    for row, text, n in ident.iter_rows():
        text = text if n == 1 else f"{text}\x1f#{n}"
        rows.append(row)
        hashes.append(hashlib.sha1(text.encode()).hexdigest()[:16])
    return pl.DataFrame(
        {"_row": rows, "hash": hashes}, schema={"_row": pl.Int64, "hash": pl.String}
    )


def fill_ids(frame: pl.DataFrame) -> pl.DataFrame:
    """Fill ``incident_id``: ``source:source_event_id``, else ``source:h<hash of identity>``.

    The identity of a row without a source id is its source plus everything that tells
    strikes apart (:data:`IDENTITY_COLUMNS`: date and time, oblast, raw region, settlement,
    coordinates, strike type, weapon, target, URL) and its OCCURRENCE (see
    :func:`identity_hashes`). So two strikes on one day in two oblasts are two incidents, two
    truly identical rows in one file are two incidents too (the file lists two; nothing is
    merged silently), and re-ingesting the same file gives the same ids, so it adds nothing.
    Casualty counts and notes are not part of the identity: a later file that corrects them
    revises the incident. ``frame`` must already have the canonical columns and ``_row``.
    """
    if frame["incident_id"].null_count() == 0:
        return frame
    by_id = pl.concat_str(pl.col("source"), pl.lit(":"), pl.col("source_event_id"))
    missing = frame.filter(pl.col("incident_id").is_null() & pl.col("source_event_id").is_null())
    if missing.height == 0:
        return frame.with_columns(incident_id=pl.coalesce(pl.col("incident_id"), by_id))
    hashes = identity_hashes(missing)
    mapping = dict(zip(hashes["_row"].to_list(), hashes["hash"].to_list(), strict=True))
    by_hash = pl.concat_str(
        pl.col("source"), pl.lit(":h"), pl.col("_row").replace_strict(mapping, default=None)
    )
    return frame.with_columns(incident_id=pl.coalesce(pl.col("incident_id"), by_id, by_hash))
