"""Well-known foreign places whose Latin spelling a Ukrainian village shares ("Berlin").

The table ``data/foreign_places.csv`` is generated from GeoNames by
:mod:`analytics.reference.build_foreign` (source, licence and selection rule there): country
names, national capitals and cities of at least 500,000 inhabitants outside Ukraine whose loose
Latin key is a Ukrainian village's and no Ukrainian town's. Such a name, written so, is the
foreign place unless the text places the village (its oblast or raion): see
:func:`analytics.reference.settlements.resolve_settlement`. Read on first use.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib.resources import files

__all__ = ["foreign_names", "is_foreign"]


@lru_cache(maxsize=1)
def foreign_names() -> frozenset[str]:
    """The foreign names of the table, case-folded."""
    text = (files("analytics.reference") / "data" / "foreign_places.csv").read_text("utf-8")
    return frozenset(row["name"].casefold() for row in csv.DictReader(io.StringIO(text)))


def is_foreign(name: str) -> bool:
    """Whether ``name``, as written (Latin script), is a well-known foreign place.

    The Ukrainian spelling of the village is not: "Berlyn" (KMU 2010) is the village.

    Examples
    --------
    >>> is_foreign("Berlin"), is_foreign("Berlyn"), is_foreign("Kharkiv")
    (True, False, False)
    """
    return name.strip().casefold() in foreign_names()
