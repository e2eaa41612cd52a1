"""The report's models run in a thread from the moment the series are loaded, and its charts
are handed to the drawer before the data-quality queries: the files are the same bytes as the
old order (every query, then the models and the charts in the caller), computed here."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import analytics.report.build as build
from analytics.report import build_report
from analytics.report import gather as findings
from analytics.report.content import FORMATS
from analytics.report.publish import write_formats
from analytics.report.quality import with_quality
from analytics.report.series import (
    INCIDENT_COLUMNS,
    REPORT_VIEWS,
    load_report_data,
    load_series,
)  # fmt: skip
from analytics.store import Store
from analytics.store.pinned import pinned_incidents, pinned_views

GENERATED = dt.datetime(2026, 11, 25, 12, 0, 0)
TODAY = dt.date(2026, 11, 25)


def test_models_ahead_of_the_queries_give_the_same_bytes(
    demo120_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_models = findings.model_checks

    def models(*a: Any) -> Any:
        calls.append("models in " + ("caller" if threading.current_thread()
                                     is threading.main_thread() else "thread"))  # fmt: skip
        return real_models(*a)

    def spy(name: str, real: Any) -> Any:
        def wrapped(*a: Any, **k: Any) -> Any:
            calls.append(name)
            return real(*a, **k)

        return wrapped

    monkeypatch.setattr("analytics.report.gather.model_checks", models)
    monkeypatch.setattr(build, "start_charts", spy("charts", build.start_charts))
    monkeypatch.setattr(build, "load_quality_data", spy("quality", build.load_quality_data))
    got = build_report(demo120_db, out=tmp_path / "ahead", generated_at=GENERATED, today=TODAY)
    assert "models in thread" in calls and "models in caller" not in calls
    assert calls.index("charts") < calls.index("quality")  # charts sent before those queries
    assert got.timings["models_thread"] > 0

    # the old order, in this thread: every query, then the models, then the charts
    p = got.period
    with (
        Store(demo120_db, read_only=True) as store,
        pinned_incidents(store, INCIDENT_COLUMNS),
        pinned_views(store, REPORT_VIEWS),
    ):
        series = load_series(store, p.kind)
        data = with_quality(store, load_report_data(store, series, p), p)
    calls.clear()
    content = findings.gather(data, p, known_at=None, generated_at=GENERATED)
    assert calls == ["models in caller"]
    old = tmp_path / "old"
    old.mkdir()
    files = write_formats(content, old, FORMATS)
    assert set(files) == set(got.files) == {"html", "md", "pdf"}
    names = sorted(f.name for f in old.iterdir())
    assert any(n.endswith(".png") for n in names)
    for name in names:
        assert (got.directory / name).read_bytes() == (old / name).read_bytes(), name


def test_chart_worker_preload_leaves_out_the_models() -> None:
    """The worker imports ``analytics.report.charts`` (its preload) and unpickles report
    types; neither pulls in the models' statsmodels and scipy or the renderers (the package's
    public names are imported on first use). Checked in a fresh interpreter."""
    program = (
        "import sys, analytics.report.charts, analytics.report.content\n"
        "heavy = ('statsmodels', 'scipy', 'fpdf', 'jinja2', 'analytics.modelling')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
        "import analytics.report as r\n"
        "print(r.build_report.__module__, r.Period.__module__, sorted(set(r.__all__) - set(dir(r))))"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).parent)  # fmt: skip
    loaded, names = done.stdout.splitlines()
    assert loaded == ""
    assert names == "analytics.report.build analytics.report.content []"
