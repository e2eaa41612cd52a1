"""Format checks for the real bulletin corpus (labels only; no extractor runs here)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest

from analytics.schema import STRIKE_TYPES

REAL = Path(__file__).parents[1] / "fixtures" / "bulletins" / "real"
SPLITS = ("dev", "blind")
LANGS = ("en", "ro", "ru", "uk")
#: ISO 3166-2:UA: 24 oblasts, Crimea, Kyiv city and Sevastopol.
OBLAST_CODES = frozenset(
    f"UA-{n:02d}"
    for n in (5, 7, 9, 12, 14, 18, 21, 23, 26, 30, 32, 35, 40, 43, 46, 48, 51, 53, 56, 59, 61, 63)
    + (65, 68, 71, 74, 77)
)
FIELDS = {"oblast", "killed", "injured", "strike_type", "occurred_on", "settlement"}
NAME = re.compile(r"(en|ro|ru|uk)_(\d{2,3})_[a-z0-9_]+")
#: First number of each gathering batch per language: the split groups of three are formed
#: within a batch (batch 1 is the first gathering, numbers 1..; batch 4 continues the numbering).
#: Kept in real/batches.json, which the bulletin benchmark also reads.
BATCH_STARTS = {
    lang: tuple(starts)
    for lang, starts in json.loads((REAL / "batches.json").read_text(encoding="utf-8"))[
        "starts"
    ].items()
}


def _texts() -> list[Path]:
    return sorted(REAL.glob("*/*.txt"))


def _header(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("url: https://") or lines[0].startswith("url: http://"), path
    assert lines[1].startswith("published: "), path
    assert lines[2] == "", path
    return {"url": lines[0][5:], "published": lines[1][11:], "body": "\n".join(lines[3:])}


def test_corpus_size_per_language_and_split() -> None:
    counts = {(lang, split): 0 for lang in LANGS for split in SPLITS}
    for path in _texts():
        counts[(path.name[:2], path.parent.name)] += 1
    for lang in LANGS:
        total = counts[(lang, "dev")] + counts[(lang, "blind")]
        assert total >= 3, lang
        assert counts[(lang, "blind")] / total >= 0.3, lang


@pytest.mark.parametrize("path", _texts(), ids=lambda p: p.stem)
def test_bulletin_format(path: Path) -> None:
    assert path.parent.name in SPLITS
    assert NAME.fullmatch(path.stem), path.stem
    head = _header(path)
    published = dt.datetime.fromisoformat(head["published"])
    assert published.utcoffset() is not None
    assert 0 < len(head["body"]) <= 1600
    labels = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text("utf-8"))
    assert set(labels) == {"incidents"}
    for inc in labels["incidents"]:
        assert set(inc) == FIELDS
        assert inc["oblast"] in OBLAST_CODES
        assert inc["strike_type"] is None or inc["strike_type"] in STRIKE_TYPES
        for key in ("killed", "injured"):
            assert inc[key] is None or (isinstance(inc[key], int) and inc[key] >= 0)
        occurred = dt.date.fromisoformat(inc["occurred_on"])
        assert occurred <= published.date() + dt.timedelta(days=1)
        assert inc["settlement"] is None or inc["settlement"].strip() == inc["settlement"] != ""


def test_split_follows_the_url_hash_rule() -> None:
    by_lang: dict[str, list[tuple[int, str, str]]] = {}
    urls: set[str] = set()
    for path in _texts():
        match = NAME.fullmatch(path.stem)
        assert match is not None
        url = _header(path)["url"]
        assert url not in urls, url
        urls.add(url)
        by_lang.setdefault(match.group(1), []).append((int(match.group(2)), url, path.parent.name))
    for lang, items in by_lang.items():
        items.sort()
        assert [n for n, _, _ in items] == list(range(1, len(items) + 1))
        for batch in _batches(lang, items):
            for start in range(0, len(batch), 3):
                group = batch[start : start + 3]
                blind = min(group, key=lambda item: hashlib.sha256(item[1].encode()).hexdigest())
                assert [split for _, _, split in group] == [
                    "blind" if item is blind else "dev" for item in group
                ]


def _batches(lang: str, items: list[tuple[int, str, str]]) -> list[list[tuple[int, str, str]]]:
    """Split one language's numbered bulletins into its gathering batches."""
    starts = BATCH_STARTS[lang]
    bounds = [*starts[1:], len(items) + 1]
    return [
        [item for item in items if lo <= item[0] < hi]
        for lo, hi in zip(starts, bounds, strict=True)
    ]


def test_batches_are_numbered_in_order() -> None:
    for lang, starts in BATCH_STARTS.items():
        assert starts[0] == 1, lang
        assert list(starts) == sorted(set(starts)), lang


def test_batch_names_line_up_with_their_starts() -> None:
    """``batches`` names each start's gathering batch, in order (bench_bulletins --from-batch)."""
    names = json.loads((REAL / "batches.json").read_text(encoding="utf-8"))["batches"]
    assert names.keys() == BATCH_STARTS.keys()
    for lang, starts in BATCH_STARTS.items():
        assert len(names[lang]) == len(starts), lang
        assert names[lang][0] == 1 and names[lang] == sorted(set(names[lang])), lang
