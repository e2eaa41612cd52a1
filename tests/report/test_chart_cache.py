"""The chart cache is exact: a report whose charts are read back from it has the bytes of a
report drawn afresh, a chart is read back only when every input is the same, and entries go
when they are not used."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import polars as pl
import pytest

import analytics.report.drawing as drawing_module
from analytics.report import build_report
from analytics.report.chart_cache import ChartCache, code_fingerprint

GENERATED = dt.datetime(2026, 11, 25, 12, 0, 0)
TODAY = dt.date(2026, 11, 25)


def _draw_count(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the name of every chart drawn and encoded (not read back)."""
    drawn: list[str] = []
    original = drawing_module._png

    def counting(fig: object, tmp: Path, name: str) -> bytes:
        drawn.append(name)
        return original(fig, tmp, name)  # type: ignore[arg-type]

    monkeypatch.setattr(drawing_module, "_png", counting)
    return drawn


def test_charts_read_back_are_the_bytes_drawn_afresh(
    demo120_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _draw_count(monkeypatch)
    fresh = build_report(demo120_db, out=tmp_path / "fresh", generated_at=GENERATED, today=TODAY,
                         chart_cache=False)  # fmt: skip
    n_charts = len(drawn)
    assert n_charts >= 4  # fan, map, heatmap, panels, mix on the demo data
    assert not (tmp_path / "fresh" / ".cache").exists()
    out = tmp_path / "cached"
    first = build_report(demo120_db, out=out, generated_at=GENERATED, today=TODAY)
    assert len(drawn) == 2 * n_charts  # an empty cache: every chart drawn
    assert len(list((out / ".cache" / "charts").iterdir())) == n_charts
    again = build_report(demo120_db, out=out, generated_at=GENERATED, today=TODAY)
    assert len(drawn) == 2 * n_charts  # every chart read back, none drawn
    for name in sorted(p.name for p in fresh.directory.iterdir()):
        want = (fresh.directory / name).read_bytes()
        assert (first.directory / name).read_bytes() == want, name
        assert (again.directory / name).read_bytes() == want, name


def _chart(**kwargs: object) -> None:
    """Stands for a drawing function (the key names it)."""


def test_a_changed_input_is_a_different_key(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path, fingerprint="code")
    frame = pl.DataFrame({"period": [dt.date(2025, 6, 2)], "incidents": [3]})
    base = cache.key("map", _chart, (frame, {"title": "T"}))
    same = pl.concat([frame.head(0), frame])  # the same values, chunked differently
    assert cache.key("map", _chart, (same, {"title": "T"})) == base
    changed = [
        cache.key("map", _chart,
                  (frame.with_columns(pl.lit(4).alias("incidents")), {"title": "T"})),
        cache.key("map", _chart,
                  (frame.with_columns(pl.lit(None, pl.Int64).alias("incidents")), {"title": "T"})),
        cache.key("map", _chart, (frame, {"title": "T2"})),
        cache.key("heatmap", _chart, (frame, {"title": "T"})),
        cache.key("map", divmod, (frame, {"title": "T"})),
        ChartCache(tmp_path, fingerprint="other code").key(
            "map", _chart, (frame, {"title": "T"})
        ),
    ]  # fmt: skip
    assert base is not None and None not in changed
    assert len({base, *changed}) == 1 + len(changed)
    assert cache.key("map", _chart, (frame, {"note": lambda: "x"})) is None  # never looked up


def test_fingerprint_follows_the_code(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "charts").mkdir(parents=True)
    (pkg / "charts" / "a.py").write_text("X = 1\n")
    (pkg / "views.sql").write_text("SELECT 1;\n")
    before = code_fingerprint(pkg)
    assert code_fingerprint(pkg) == before
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"bytecode")
    assert code_fingerprint(pkg) == before  # bytecode caches are not what draws
    (pkg / "oblasts.csv").write_text("code,name\nUA-01,A\n")  # reference data the charts read
    with_data = code_fingerprint(pkg)
    assert with_data != before
    (pkg / "oblasts.csv").write_text("code,name\nUA-01,B\n")
    assert code_fingerprint(pkg) != with_data
    (pkg / "oblasts.csv").unlink()
    (pkg / "charts" / "a.py").write_text("X = 2\n")
    assert code_fingerprint(pkg) != before
    (pkg / "charts" / "a.py").write_text("X = 1\n")
    (pkg / "views.sql").write_text("SELECT 2;\n")
    assert code_fingerprint(pkg) != before


def test_truncated_entry_is_a_miss_and_unused_entries_are_pruned(tmp_path: Path) -> None:
    cache = ChartCache(tmp_path / "c", fingerprint="f")
    cache.put("a", b"\x89PNG" + bytes(range(256)), "Caption a, \u00e9.")
    cache.put("b", b"png-b", "")
    assert cache.get("a") == (b"\x89PNG" + bytes(range(256)), "Caption a, \u00e9.")
    assert cache.get("b") == (b"png-b", "")
    path = tmp_path / "c" / "a.chart"
    path.write_bytes(path.read_bytes()[:20])  # cut inside the PNG
    assert cache.get("a") is None
    blob = (tmp_path / "c" / "b.chart").read_bytes()
    (tmp_path / "c" / "bad.chart").write_bytes(blob + b"\xff\xfe")  # a caption not UTF-8
    assert cache.get("bad") is None
    (tmp_path / "c" / "bad.chart").unlink()
    now = time.time()
    old = now - 40 * 86_400
    os.utime(tmp_path / "c" / "b.chart", (old, old))
    assert cache.prune(keep_days=35, now=now) == 1
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["a.chart"]
    assert cache.get("b") is None
    assert ChartCache(tmp_path / "none", fingerprint="f").prune() == 0
