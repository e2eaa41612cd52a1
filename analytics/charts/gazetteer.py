"""The oblasts as charts show them: the gazetteer with short names, row orders and a check
that every code drawn is an oblast."""

from __future__ import annotations

from typing import Final

import polars as pl

from analytics.reference.oblasts import oblasts

__all__ = ["SHORT_OVERRIDES", "chart_gazetteer", "check_codes", "order_codes", "short_names"]


def chart_gazetteer(gazetteer: pl.DataFrame | None) -> pl.DataFrame:
    if gazetteer is None:
        gazetteer = oblasts()
    gaz = (
        gazetteer.rename({"oblast_code": "code"}) if "code" not in gazetteer.columns else gazetteer
    )
    missing = {"code", "name_en"} - set(gaz.columns)
    if missing:
        raise ValueError(f"gazetteer lacks column(s) {sorted(missing)}")
    return gaz.with_columns(_short=pl.Series(short_names(gaz["code"], gaz["name_en"])))


#: Names that stay ambiguous or long after dropping "Oblast".
SHORT_OVERRIDES: Final[dict[str, str]] = {
    "UA-30": "Kyiv city",
    "UA-32": "Kyiv obl.",
    "UA-40": "Sevastopol",
    "UA-43": "Crimea",
}


def short_names(codes: pl.Series, names: pl.Series) -> list[str]:
    out = []
    for code, name in zip(codes.to_list(), names.to_list(), strict=True):
        short = SHORT_OVERRIDES.get(code) or str(name or code)
        for suffix in (" Oblast", " oblast", " Region", " region"):
            short = short.removesuffix(suffix)
        out.append(short)
    dupes = {s for s in out if out.count(s) > 1}
    return [f"{s} ({c})" if s in dupes else s for s, c in zip(out, codes.to_list(), strict=True)]


def order_codes(gaz: pl.DataFrame, order: str) -> pl.DataFrame:
    if order == "name":
        return gaz.sort("_short")
    if order == "code":
        return gaz.sort("code")
    if order == "geographic":
        return gaz.sort("tile_row", "tile_col")
    raise ValueError(f"order must be 'name', 'value', 'code' or 'geographic', not {order!r}")


def check_codes(codes: pl.Series, gaz: pl.DataFrame, what: str) -> None:
    unknown = sorted(set(codes.drop_nulls().to_list()) - set(gaz["code"].to_list()))
    if unknown:
        raise ValueError(f"{what}: codes not in the gazetteer: {unknown}")
