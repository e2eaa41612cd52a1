"""Shared helper of the bulletin tests: the accepted incidents of an invented text."""

from __future__ import annotations

import datetime as dt

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents

NOON = dt.datetime(2025, 10, 13, 9, 0, tzinfo=dt.UTC)
Row = tuple[object, object, object, object]


def rows(text: str, lang: str, published_at: dt.datetime = NOON) -> list[Row]:
    """(oblast, settlement, killed, injured) of each accepted incident, published at
    ``published_at`` (default NOON)."""
    df = extract_incidents(text, published_at=published_at, lang=lang)
    return [(d["oblast"], d["settlement"], d["killed"], d["injured"]) for d in final_incidents(df)]
