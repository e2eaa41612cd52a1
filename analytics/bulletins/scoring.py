"""Precision and recall of incident extraction against hand labels, field by field.

Labels are one list of incidents per text (``oblast``, ``killed``, ``injured``,
``strike_type``, ``occurred_on``; null where the text does not say, an empty list for text
that reports no strike). Predictions are the final revision of each accepted incident.
Predicted and labelled incidents of one text are paired greedily by how many fields agree.
For each field, precision = correct / predicted non-null values and recall = correct /
labelled non-null values; an unpaired prediction counts against precision for every field it
fills, an unpaired label against recall. ``strike_type`` "unknown" counts as null.

With ``date_tolerance_days`` a date within that many days of the label's counts as correct
(real labels date a past-day summary to the day it covers, which a morning post may not say).
The ``incident`` row counts whole incidents: a prediction paired with a label of the same
oblast and a date within the tolerance. The ``settlement`` row compares names by their stem
(:func:`analytics.bulletins.places.same_settlement`) and only where the labels give settlements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import polars as pl

from analytics.bulletins.places import normalize_settlement, same_settlement

__all__ = ["FIELDS", "final_incidents", "score_extraction"]

#: Label field -> extraction column.
FIELDS: dict[str, str] = {
    "oblast": "oblast_code",
    "killed": "killed",
    "injured": "injured",
    "strike_type": "strike_type",
    "date": "occurred_on",
}


def final_incidents(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """The last accepted revision of each incident, as label-shaped dicts."""
    if frame.height == 0:
        return []
    acc = frame.filter(pl.col("quarantine_reason").is_null())
    last = acc.group_by("incident_id", maintain_order=True).last()
    out = []
    for row in last.iter_rows(named=True):
        st = row["strike_type"]
        out.append(
            {
                "oblast": row["oblast_code"],
                "killed": row["killed"],
                "injured": row["injured"],
                "strike_type": None if st in (None, "unknown") else st,
                "date": row["occurred_on"].isoformat() if row["occurred_on"] else None,
                "settlement": row["settlement"],
            }
        )
    return out


def _label(d: Mapping[str, Any]) -> dict[str, Any]:
    st = d.get("strike_type")
    return {
        "oblast": d.get("oblast"),
        "killed": d.get("killed"),
        "injured": d.get("injured"),
        "strike_type": None if st in (None, "unknown") else st,
        "date": d.get("occurred_on", d.get("date")),
        "settlement": d.get("settlement", _UNLABELLED),
    }


_UNLABELLED = object()  # a label file without settlements: the field is not scored


def _same(field: str, a: Any, b: Any, tolerance: int) -> bool:
    if a is None or b is None or b is _UNLABELLED:
        return False
    if field == "date" and tolerance:
        gap = dt.date.fromisoformat(str(a)) - dt.date.fromisoformat(str(b))
        return abs(gap.days) <= tolerance
    if field == "settlement":
        return normalize_settlement(a) is not None and same_settlement(a, b)
    return bool(a == b)


def _agree(a: Mapping[str, Any], b: Mapping[str, Any], tolerance: int) -> int:
    return sum(1 for f in FIELDS if _same(f, a[f], b[f], tolerance))


def score_extraction(
    pairs: Iterable[tuple[Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]]],
    *,
    date_tolerance_days: int = 0,
) -> pl.DataFrame:
    """Score ``(predicted, labelled)`` incident lists, one pair per text.

    Returns
    -------
    pl.DataFrame
        Columns ``field``, ``correct``, ``predicted``, ``labelled``, ``precision``, ``recall``;
        fields are those of :data:`FIELDS` plus ``settlement`` and ``incident``.

    Examples
    --------
    >>> pred = [{"oblast": "UA-63", "killed": 1, "injured": 2, "strike_type": "drone",
    ...          "date": "2025-01-01"}]
    >>> lab = [{"oblast": "UA-63", "killed": 1, "injured": 3, "strike_type": "drone",
    ...         "occurred_on": "2025-01-02"}]
    >>> score_extraction([(pred, lab)]).filter(field="injured")["recall"].item()
    0.0
    >>> s = score_extraction([(pred, lab)], date_tolerance_days=1)
    >>> s.filter(field="date")["recall"].item(), s.filter(field="incident")["recall"].item()
    (1.0, 1.0)
    """
    tol = date_tolerance_days
    names = [*FIELDS, "settlement", "incident"]
    tally = {f: [0, 0, 0] for f in names}  # correct, predicted, labelled
    for predicted, labelled in pairs:
        labs = [_label(x) for x in labelled]
        scored = bool(labs) and all(lab["settlement"] is not _UNLABELLED for lab in labs)
        preds = [{"settlement": None, **p} for p in predicted]
        if not scored:
            for p in preds:
                p["settlement"] = None
        for f in [*FIELDS, "settlement"]:
            tally[f][1] += sum(p[f] is not None for p in preds)
            tally[f][2] += sum(lab[f] is not None and lab[f] is not _UNLABELLED for lab in labs)
        tally["incident"][1] += len(preds)
        tally["incident"][2] += len(labs)
        candidates = sorted(
            (
                (_agree(p, lab, tol), i, j)
                for i, p in enumerate(preds)
                for j, lab in enumerate(labs)
            ),
            reverse=True,
        )
        used_p: set[int] = set()
        used_l: set[int] = set()
        for score, i, j in candidates:
            if score == 0 or i in used_p or j in used_l:
                continue
            used_p.add(i)
            used_l.add(j)
            p, lab = preds[i], labs[j]
            for f in [*FIELDS, "settlement"]:
                tally[f][0] += _same(f, p[f], lab[f], tol)
            tally["incident"][0] += p["oblast"] == lab["oblast"] and _same(
                "date", p["date"], lab["date"], tol
            )
    rows = []
    for f, (ok, npred, nlab) in tally.items():
        rows.append(
            {
                "field": f,
                "correct": ok,
                "predicted": npred,
                "labelled": nlab,
                "precision": ok / npred if npred else 1.0,
                "recall": ok / nlab if nlab else 1.0,
            }
        )
    return pl.DataFrame(rows)
