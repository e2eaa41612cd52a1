"""Tests of the periodic report: figures, snapshot, HTML structure, escaping, determinism,
--known-at, atomic output, lock, latest symlink, --if-changed and the CLI exit codes.

Regenerate the Markdown snapshot explicitly with ``UPDATE_SNAPSHOTS=1 pytest tests/test_report.py``
(the test then skips with a message saying it rewrote the file; it never updates silently).
"""

from __future__ import annotations

import base64
import datetime as dt
import fcntl
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest

from analytics.demo import SYNTHETIC_LABEL, demo_incidents, write_demo
from analytics.reference.citations import CITATION_URLS
from analytics.report import (
    ReportError,
    ReportLocked,
    build_report,
    default_as_of,
    period_containing,
    publish,
)
from analytics.report import gather as findings
from analytics.store import Store

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "tests" / "fixtures" / "report" / "demo120_week.md"
T0 = dt.datetime(2026, 11, 25, 6, 0, 0)
GENERATED = dt.datetime(2026, 11, 25, 12, 0, 0)
TODAY = dt.date(2026, 11, 25)
GENERATED_LINE = re.compile(r"^.*Generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC.*$", re.MULTILINE)
SECTIONS = ("headline", "oblasts", "charts", "models", "quality", "method")


def _ingest_at(db: Path, csv: Path, when: dt.datetime) -> None:
    """Ingest with the store's clock pinned, so ingest times (shown in reports) are fixed."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("analytics.store.ingest._utcnow", lambda: when)
        with Store(db) as store:
            store.ingest_file("csv", csv)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("demo")
    csv = write_demo(tmp / "sample", days=120)
    db = tmp / "demo.duckdb"
    _ingest_at(db, csv, T0)
    return db


@pytest.fixture(scope="module")
def built(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> object:
    out = tmp_path_factory.mktemp("reports")
    return build_report(demo_db, out=out, generated_at=GENERATED, today=TODAY)


def _mask(text: str) -> str:
    return GENERATED_LINE.sub("<generated>", text)


def _no_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Figures-only tests skip drawing (charts have their own tests and add seconds)."""
    monkeypatch.setattr("analytics.report.gather.data_chart_jobs", lambda *a, **k: [])
    monkeypatch.setattr("analytics.report.gather.fan_charts", lambda *a, **k: [])


def test_charts_drawn_beside_the_models_give_the_same_files(
    built: object, demo_db: Path, tmp_path: Path
) -> None:
    """background=True: the model-free charts come from a worker process; same bytes."""
    other = build_report(demo_db, out=tmp_path, generated_at=GENERATED, today=TODAY,
                         background=True)  # fmt: skip
    assert "charts_worker" in other.timings  # drawn in the worker, not by the fallback
    names = sorted(p.name for p in built.directory.iterdir() if p.is_file())
    assert names == sorted(p.name for p in other.directory.iterdir() if p.is_file())
    assert any(n.endswith(".png") for n in names)
    for name in names:
        assert (built.directory / name).read_bytes() == (other.directory / name).read_bytes(), name


# -- periods ------------------------------------------------------------------------------------
def test_default_period_is_last_complete_week_with_data(built: object) -> None:
    assert built.period.start == dt.date(2026, 11, 16)
    assert built.period.end == dt.date(2026, 11, 22)
    assert built.directory.name == "2026-11-22" and built.directory.parent.name == "week"
    assert sorted(built.files) == ["html", "md", "pdf"]
    # complete relative to today: on Sunday 22 the week is still running
    assert default_as_of("week", today=dt.date(2026, 11, 22), data_end=dt.date(2026, 12, 31)) == (
        dt.date(2026, 11, 15)
    )
    assert period_containing(dt.date(2026, 1, 1), "week").start == dt.date(2025, 12, 29)
    assert period_containing(dt.date(2026, 1, 1), "week").year_before().start == dt.date(
        2024, 12, 30
    )


def test_headline_figures_match_independent_sql(built: object, demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        n, killed, injured, k_rep = store.con.execute(
            """select count(*), sum(killed), sum(injured), count(killed)
               from incident_revisions
               where occurred_on between '2026-11-16' and '2026-11-22'"""
        ).fetchall()[0]
    head = dict(built.headline)
    assert head["Incidents"] == f"{n:,}"
    assert head["Killed"] == f"{killed:,}"
    assert head["Injured"] == f"{injured:,}"
    md = built.files["md"].read_text(encoding="utf-8")
    assert f"reported by {k_rep:,} of {n:,} incidents" in md


def test_oblast_table_has_all_27_and_never_shows_unknown_as_zero(built: object) -> None:
    md = built.files["md"].read_text(encoding="utf-8")
    section = md.split("## All oblasts", 1)[1].split("## Charts", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("| ") and " / " in r]
    assert len(rows) == 27
    for row in rows:
        cells = [c.strip() for c in row.strip("| ").split("|")]
        if cells[1] == "0":  # no incident: casualties are not reported, not zero
            assert cells[3] == "n/r" and cells[4] == "n/r"
    assert "No single oblast" in section


# -- snapshot -------------------------------------------------------------------------------
def test_markdown_snapshot(built: object) -> None:
    text = _mask(built.files["md"].read_text(encoding="utf-8"))
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8")
        pytest.skip(f"UPDATE_SNAPSHOTS=1: rewrote {SNAPSHOT.relative_to(ROOT)}; review the diff")
    if not SNAPSHOT.exists():
        pytest.fail(f"missing snapshot {SNAPSHOT}; create it with UPDATE_SNAPSHOTS=1")
    assert text == SNAPSHOT.read_text(encoding="utf-8")


# -- HTML ---------------------------------------------------------------------------------------
class _Checker(HTMLParser):
    VOID = frozenset({"meta", "img", "br", "hr", "link", "input", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.srcs: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if "src" in a:
            self.srcs.append(a["src"] or "")
        if "href" in a:
            self.hrefs.append(a["href"] or "")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack[-3:]}")
        else:
            self.stack.pop()


def test_html_is_self_contained_and_well_formed(built: object) -> None:
    text = built.files["html"].read_text(encoding="utf-8")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    assert set(SECTIONS) <= checker.ids
    assert "script" not in checker.tags and "link" not in checker.tags
    assert len(checker.srcs) >= 3
    for src in checker.srcs:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    for href in checker.hrefs:
        assert href.startswith("#") or href in CITATION_URLS, href
    assert "url(" not in text and "@import" not in text
    assert SYNTHETIC_LABEL in text.split("<header>", 1)[0]  # banner before the title
    assert "<details" in text and "FROM weekly_source_oblast" in text


def test_markdown_images_sit_beside_it(built: object) -> None:
    md = built.files["md"].read_text(encoding="utf-8")
    names = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert len(names) >= 3
    for name in names:
        assert (built.directory / name).read_bytes()[:4] == b"\x89PNG"
    assert md.startswith(f"> **{SYNTHETIC_LABEL}**")


def test_pdf_is_a4_with_fixed_creation_date(built: object) -> None:
    data = built.files["pdf"].read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"/MediaBox [0 0 595.28 841.89]" in data  # A4 in points
    assert b"D:20261122235959" in data  # creation date from the period, not the clock
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") >= 2 or b"/Count" in data
    assert b"DejaVu" in data


def test_demo_report_draws_every_incident_chart(built: object) -> None:
    md = built.files["md"].read_text(encoding="utf-8")
    names = re.findall(r"!\[[^\]]*\]\(fig\d\d_([a-z_]+)\.png\)", md)
    assert names == ["forecast_incidents", "map_incidents", "oblasts_incidents",
                     "oblasts_small_multiples", "strike_types"]  # fmt: skip
    section = md.split("## Charts", 1)[1].split("## Forecast", 1)[0]
    assert "No alert heatmap: the database holds no air-raid alerts." in section
    assert "database holds no attack waves" in section


def test_alerts_and_waves_report(tmp_path: Path) -> None:
    """A database with only alerts and attack waves (the real data's kinds) gets the alert
    heatmap, the launched-versus-destroyed chart and headline counts equal to a hand count."""
    alerts, waves = tmp_path / "alerts.csv", tmp_path / "waves.csv"
    start = dt.date(2024, 1, 1)  # a Monday; 12 full ISO weeks
    lines = ["oblast,raion,hromada,level,started_at,finished_at,source"]
    for d in range(84):
        day = start + dt.timedelta(days=d)
        for k, name in enumerate(("Kharkivska oblast", "Odeska oblast", "Kyiv City")):
            if (d + k) % 3:
                lines.append(f"{name},,,oblast,{day} 1{k}:00:00+00:00,{day} 1{k}:30:00+00:00,"
                             "official")  # fmt: skip
    alerts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    head = ("time_start,time_end,model,launch_place,target,target_main,launched,destroyed,"
            "source")  # fmt: skip
    rows = [head]
    for d in range(1, 84, 2):
        day = start + dt.timedelta(days=d)
        rows.append(f"{day} 01:00,{day} 06:00,Shahed-136/131,Kursk oblast,Ukraine,,"
                    f"{20 + d % 7}.0,{15 + d % 5}.0,kpszsu/posts/p{d}")  # fmt: skip
    waves.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "aw.duckdb"
    with Store(db) as store:
        store.ingest_file("alerts", alerts)
        store.ingest_file("missiles", waves)
    res = build_report(db, out=tmp_path / "r", formats="md,html", today=dt.date(2024, 4, 1))
    assert res.period.end == dt.date(2024, 3, 24)
    md = res.files["md"].read_text(encoding="utf-8")
    names = re.findall(r"\(fig\d\d_([a-z_]+)\.png\)", md)
    assert {"alerts_heatmap", "attack_composition", "forecast_alerts", "forecast_launched"} <= set(
        names
    )
    head_rows = dict(res.headline)
    week = [start + dt.timedelta(days=d) for d in range(77, 84)]
    n_alerts = sum(1 for d in range(77, 84) for k in range(3) if (d + k) % 3)
    assert head_rows["Air-raid alerts (oblast level)"] == f"{n_alerts:,}"
    launched = sum(20 + d % 7 for d in range(1, 84, 2) if start + dt.timedelta(days=d) in week)
    assert head_rows["Missiles and drones launched"] == f"{launched:,}"
    assert "Killed" not in head_rows and "Incidents" not in head_rows  # no row of "not covered"
    assert all(v != "not covered" for v in head_rows.values())
    assert "No incident charts" in md and "Data checksum" in md


# -- escaping -------------------------------------------------------------------------------
def test_source_text_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_charts(monkeypatch)
    evil = "<script>alert(1)</script>"
    base = demo_incidents(days=40, seed=3).filter(~pl.col("source_event_id").str.starts_with("BAD"))
    extra = pl.DataFrame(
        {
            "source_event_id": ["X1", "X2"],
            "occurred_on": [dt.date(2026, 11, 20)] * 2,
            "region_raw": [f"{evil} *[oblast](http://x)*", "Kharkiv oblast"],
            "strike_type": ["drone", evil],
            "source": ["synthetic-demo"] * 2,
            "notes": [evil] * 2,
        }
    ).with_columns(pl.col("occurred_on").cast(pl.Date))
    csv = tmp_path / "evil.csv"
    pl.concat([base, extra], how="diagonal_relaxed").write_csv(csv)
    db = tmp_path / "evil.duckdb"
    _ingest_at(db, csv, T0)
    res = build_report(db, out=tmp_path / "r", formats=("html", "md", "pdf"), today=TODAY)
    page = res.files["html"].read_text(encoding="utf-8")
    assert evil not in page and "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # region name and quarantine reason
    md = res.files["md"].read_text(encoding="utf-8")
    assert evil not in md and "<script" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\*\\[oblast\\](http://x)\\*" in md
    pdf = "".join(_pdf_text(res.files["pdf"]).split())
    assert "<script>alert(1)</script>" in pdf  # printed as literal text, not interpreted


def _pdf_text(path: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    done = subprocess.run([exe, str(path), "-"], check=True, capture_output=True, text=True)
    return done.stdout


def test_pdf_differs_only_by_its_generation_line(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock reaches the PDF only through the generation line: with that line pinned,
    two runs at different times give the same bytes; unpinned they differ in that line only."""
    _no_charts(monkeypatch)
    real = findings.gather
    runs = [(GENERATED, "a"), (GENERATED + dt.timedelta(hours=5), "b")]
    texts = [
        _pdf_text(build_report(demo_db, out=tmp_path / d, formats="pdf", generated_at=g,
                               today=TODAY).files["pdf"])
        for g, d in runs
    ]  # fmt: skip
    assert texts[0] != texts[1] and _mask(texts[0]) == _mask(texts[1])
    assert len(GENERATED_LINE.findall(texts[0])) == 1

    def pinned(*a: object, **k: object) -> object:
        import dataclasses

        return dataclasses.replace(real(*a, **k), generated_line="Generated <pinned>.")

    monkeypatch.setattr("analytics.report.build.gather", pinned)
    pdfs = [
        build_report(demo_db, out=tmp_path / f"p{d}", formats="pdf", generated_at=g,
                     today=TODAY).files["pdf"].read_bytes()
        for g, d in runs
    ]  # fmt: skip
    assert pdfs[0] == pdfs[1]


# -- determinism and --known-at -------------------------------------------------------------
def test_same_inputs_give_identical_bytes(built: object, demo_db: Path, tmp_path: Path) -> None:
    again = build_report(demo_db, out=tmp_path / "a", generated_at=GENERATED, today=TODAY)
    for fmt in ("html", "md", "pdf"):
        assert again.files[fmt].read_bytes() == built.files[fmt].read_bytes(), fmt
    later = build_report(
        demo_db, out=tmp_path / "b", formats="md,html", today=TODAY,
        generated_at=GENERATED + dt.timedelta(hours=5),
    )  # fmt: skip
    for fmt in ("html", "md"):
        a = built.files[fmt].read_text(encoding="utf-8")
        b = later.files[fmt].read_text(encoding="utf-8")
        assert a != b and _mask(a) == _mask(b)
        assert len(GENERATED_LINE.findall(a)) == 1  # the only line that may differ


def test_known_at_reproduces_a_past_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_charts(monkeypatch)
    frame = demo_incidents(days=120)
    first, second = tmp_path / "v1.csv", tmp_path / "v2.csv"
    frame.write_csv(first)
    in_week = pl.col("occurred_on") >= dt.date(2026, 11, 16)
    frame.with_columns(
        pl.when(in_week & pl.col("killed").is_not_null()).then(pl.col("killed") + 2)
        .otherwise(pl.col("killed")).alias("killed")
    ).write_csv(second)  # fmt: skip
    db = tmp_path / "k.duckdb"
    _ingest_at(db, first, T0)
    opts = {"formats": "md", "generated_at": GENERATED, "today": TODAY}
    at_t1 = build_report(db, out=tmp_path / "r1", **opts)
    _ingest_at(db, second, T0 + dt.timedelta(days=1))
    now = build_report(db, out=tmp_path / "r2", **opts)
    past = build_report(db, out=tmp_path / "r3", known_at=T0 + dt.timedelta(hours=1), **opts)
    assert dict(now.headline)["Killed"] != dict(at_t1.headline)["Killed"]
    assert past.headline == at_t1.headline
    md_t1 = at_t1.files["md"].read_text(encoding="utf-8")
    md_past = past.files["md"].read_text(encoding="utf-8")
    scope = re.compile(r"Data( scope\*\*)?: [^\n]*\n")
    sql = re.compile(r"```sql\n(.*?)```", re.S)
    masked = [sql.sub("", scope.sub("", m)) for m in (md_past, md_t1)]
    assert masked[0] == masked[1]  # same figures, same checksum
    assert "as the database knew them at 2026-11-25 07:00:00 UTC" in md_past
    # The quoted SQL reads incidents_as_of(...): run on today's database (which now holds the
    # second ingest too), it gives the figures the past report printed, not today's.
    quoted = sql.findall(md_past)
    assert quoted and all("incidents_as_of(TIMESTAMP '2026-11-25 07:00:00')" in q for q in quoted)
    assert not any("FROM weekly_oblast\n" in q for q in quoted)
    with Store(db, read_only=True) as store:
        got = [store.query(q).row(0)[0] for q in quoted]
    printed = [int(v.replace(",", "")) for _, v in at_t1.headline]
    assert got == printed
    assert got != [int(v.replace(",", "")) for _, v in now.headline]


# -- publishing -----------------------------------------------------------------------------
def test_latest_symlink_and_manifest(built: object) -> None:
    out = built.directory.parent.parent
    assert (out / "latest").is_symlink()
    assert (out / "latest").resolve() == built.directory.resolve()
    assert os.readlink(out / "latest") == "week/2026-11-22"  # relative: survives moving
    manifest = (built.directory / "report.json").read_text(encoding="utf-8")
    assert '"max_ingest_id": 1' in manifest and '"as_of": "2026-11-22"' in manifest
    assert not list(built.directory.parent.glob(".staging-*"))


def test_latest_keeps_the_newest(tmp_path: Path) -> None:
    for name in ("2026-11-22", "2026-11-08"):
        (tmp_path / "week" / name).mkdir(parents=True)
    publish.update_latest(tmp_path, tmp_path / "week" / "2026-11-22")
    publish.update_latest(tmp_path, tmp_path / "week" / "2026-11-08")
    assert os.readlink(tmp_path / "latest") == "week/2026-11-22"


def test_if_changed_skips_until_something_is_ingested(built: object, demo_db: Path) -> None:
    out = built.directory.parent.parent
    before = built.files["md"].stat().st_mtime_ns
    res = build_report(demo_db, out=out, if_changed=True, today=TODAY)
    assert res.skipped and "nothing ingested" in res.message
    assert built.files["md"].stat().st_mtime_ns == before


def test_crash_leaves_the_previous_report_whole(
    built: object, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = built.directory.parent.parent
    snapshot = {p.name: p.read_bytes() for p in built.directory.iterdir()}
    monkeypatch.setattr("analytics.report.build.gather", lambda *a, **k: object())

    def half_written(
        content: object, stage: Path, formats: tuple[str, ...], **_: object
    ) -> dict[str, Path]:
        (stage / "report.html").write_text("<html><body>half", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr("analytics.report.build.write_formats", half_written)
    with pytest.raises(OSError, match="disk full"):
        build_report(demo_db, out=out, today=TODAY)
    assert {p.name: p.read_bytes() for p in built.directory.iterdir()} == snapshot
    assert not list(built.directory.parent.glob(".*"))


@pytest.fixture
def held_lock(built: object) -> Iterator[Path]:
    out = built.directory.parent.parent
    fd = os.open(out / ".lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield out
    finally:
        os.close(fd)


def test_lock_refuses_a_second_run(held_lock: Path, demo_db: Path) -> None:
    with pytest.raises(ReportLocked):
        build_report(demo_db, out=held_lock, today=TODAY)


@pytest.mark.cli
def test_cli_exit_codes(built: object, demo_db: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from analytics.cli import app

    out = built.directory.parent.parent
    runner = CliRunner()
    # built used today=TODAY; the CLI uses the real clock, so pin the period with --as-of.
    args = ["report", "--db", str(demo_db), "--out", str(out), "--as-of", "2026-11-22"]
    skipped = runner.invoke(app, [*args, "--if-changed"])
    assert skipped.exit_code == 3, skipped.output
    assert "skipped" in skipped.output
    missing = runner.invoke(app, ["report", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no database" in missing.output
    bad = runner.invoke(app, [*args, "--format", "docx"])
    assert bad.exit_code == 1
    with open(out / ".lock", "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        locked = runner.invoke(app, args)
    assert locked.exit_code == 4, locked.output


@pytest.mark.cli
def test_cli_background_writes_the_same_report(
    built: object, demo_db: Path, tmp_path: Path
) -> None:
    """``report --background`` (charts beside the models) writes what the default run writes."""
    from typer.testing import CliRunner

    from analytics.cli import app

    args = ["report", "--db", str(demo_db), "--out", str(tmp_path), "--as-of", "2026-11-22",
            "--format", "md", "--background"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    md = (tmp_path / "week" / "2026-11-22" / "report.md").read_text(encoding="utf-8")
    assert _mask(md) == _mask((built.directory / "report.md").read_text(encoding="utf-8"))


def test_errors_are_report_errors(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no database"):
        build_report(tmp_path / "missing.duckdb", out=tmp_path)
    with Store(tmp_path / "empty.duckdb") as store, pytest.raises(ReportError, match="no inc"):
        build_report(store, out=tmp_path / "r")
    with pytest.raises(ReportError, match="period"):
        build_report(tmp_path / "empty.duckdb", period="day", out=tmp_path / "r")


def test_pdf_rendered_into_a_prepared_document_is_the_same_bytes(
    built: object, demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build loads the PDF's fonts in a thread (``new_pdf``) while it queries; the file
    equals a PDF rendered from scratch, and a used document is refused."""
    from analytics.report import build as build_module
    from analytics.report.render import close_pdf, new_pdf, render_pdf

    seen: list[object] = []
    real = build_module.write_formats

    def capture(content: object, stage: Path, formats: tuple[str, ...], **kw: object) -> object:
        seen.append(content)
        return real(content, stage, formats, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr("analytics.report.build.write_formats", capture)
    res = build_report(demo_db, out=tmp_path / "r", generated_at=GENERATED, today=TODAY)
    fresh = render_pdf(seen[0], tmp_path / "fresh.pdf")  # type: ignore[arg-type]
    assert fresh.read_bytes() == res.files["pdf"].read_bytes()
    assert res.files["pdf"].read_bytes() == built.files["pdf"].read_bytes()
    used = new_pdf()
    used.add_page()
    try:
        with pytest.raises(ValueError, match="unused document"):
            render_pdf(seen[0], tmp_path / "again.pdf", pdf=used)  # type: ignore[arg-type]
    finally:
        close_pdf(used)  # never written: its font files are closed by hand
