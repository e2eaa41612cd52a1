"""Precision and recall of incident extraction against hand labels, field by field.

Labels are one list of incidents per text (``oblast``, ``killed``, ``injured``,
``strike_type``, ``occurred_on``; null where the text does not say, an empty list for text
that reports no strike). Predictions are the final revision of each accepted incident.
Predicted and labelled incidents of one text are paired greedily by how many fields agree.
For each field, precision = correct / predicted non-null values and recall = correct /
labelled non-null values; an unpaired prediction counts against precision for every field it
fills, an unpaired label against recall. ``strike_type`` "unknown" counts as null.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import polars as pl

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
    }


def _agree(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    return sum(1 for f in FIELDS if a[f] is not None and a[f] == b[f])


def score_extraction(
    pairs: Iterable[tuple[Sequence[Mapping[str, Any]], Sequence[Mapping[str, Any]]]],
) -> pl.DataFrame:
    """Score ``(predicted, labelled)`` incident lists, one pair per text.

    Returns
    -------
    pl.DataFrame
        Columns ``field``, ``correct``, ``predicted``, ``labelled``, ``precision``, ``recall``.

    Examples
    --------
    >>> pred = [{"oblast": "UA-63", "killed": 1, "injured": 2, "strike_type": "drone",
    ...          "date": "2025-01-01"}]
    >>> lab = [{"oblast": "UA-63", "killed": 1, "injured": 3, "strike_type": "drone",
    ...         "occurred_on": "2025-01-01"}]
    >>> score_extraction([(pred, lab)]).filter(field="injured")["recall"].item()
    0.0
    """
    tally = {f: [0, 0, 0] for f in FIELDS}  # correct, predicted, labelled
    for predicted, labelled in pairs:
        preds = [dict(p) for p in predicted]
        labs = [_label(x) for x in labelled]
        for p in preds:
            for f in FIELDS:
                tally[f][1] += p[f] is not None
        for lab in labs:
            for f in FIELDS:
                tally[f][2] += lab[f] is not None
        candidates = sorted(
            ((_agree(p, lab), i, j) for i, p in enumerate(preds) for j, lab in enumerate(labs)),
            reverse=True,
        )
        used_p: set[int] = set()
        used_l: set[int] = set()
        for score, i, j in candidates:
            if score == 0 or i in used_p or j in used_l:
                continue
            used_p.add(i)
            used_l.add(j)
            for f in FIELDS:
                if preds[i][f] is not None and preds[i][f] == labs[j][f]:
                    tally[f][0] += 1
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
