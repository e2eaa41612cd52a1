"""``fetch --url`` and its environment variable, against a local server (no internet)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analytics.cli import app
from analytics.cli._output import ExitCode
from analytics.sources.fetch import URL_ENV
from analytics.store import Store

FIX = Path(__file__).parents[1] / "fixtures"
ALERTS = (FIX / "fetch" / "official_data_en.csv").read_bytes()
runner = CliRunner()


class Mirror(BaseHTTPRequestHandler):
    """/ok/<file>: the alerts file, framed; /cut/<file>: its first two rows, no length."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        body = ALERTS if self.path.startswith("/ok/") else b"".join(ALERTS.splitlines(True)[:3])
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        if self.path.startswith("/ok/"):
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def mirror() -> Iterator[tuple[str, list[str]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Mirror)
    server.hits = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.hits  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)


def ingest_counts(db: Path) -> tuple[int, int, int]:
    with Store(db, read_only=True) as s:
        return s.query(
            "select count(*), coalesce(sum(rows_read), 0), (select count(*) from alerts) "
            "from ingests"
        ).row(0)


def test_fetch_url_downloads_from_the_mirror_and_ingests(
    mirror: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, hits = mirror
    db, dest = tmp_path / "s.duckdb", tmp_path / "raw"
    result = runner.invoke(
        app, ["fetch", "alerts", "--url", f"{base}/ok", "--dest", str(dest), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert hits == ["/ok/official_data_en.csv"]
    assert (dest / "official_data_en.csv").read_bytes() == ALERTS
    data_lines = len(ALERTS.splitlines()) - 1  # the fixture has no quoted newlines
    ingests, read, _ = ingest_counts(db)
    assert (ingests, read) == (1, data_lines)


def test_fetch_url_from_the_environment(
    mirror: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, hits = mirror
    monkeypatch.setenv(URL_ENV["alerts"], f"{base}/ok")
    dest = tmp_path / "raw"
    result = runner.invoke(app, ["fetch", "alerts", "--no-ingest", "--dest", str(dest)])
    assert result.exit_code == 0, result.output
    assert hits == ["/ok/official_data_en.csv"]
    assert (dest / "official_data_en.csv").read_bytes() == ALERTS


def test_a_cut_download_exits_8_and_ingests_nothing(
    mirror: tuple[str, list[str]], tmp_path: Path
) -> None:
    base, _ = mirror
    db, dest = tmp_path / "s.duckdb", tmp_path / "raw"
    ok = runner.invoke(
        app, ["ingest", "csv", str(FIX / "canonical" / "basic.csv"), "--db", str(db)]
    )
    assert ok.exit_code == 0
    before = ingest_counts(db)
    result = runner.invoke(
        app, ["fetch", "alerts", "--url", f"{base}/cut", "--dest", str(dest), "--db", str(db)]
    )
    assert result.exit_code == ExitCode.FETCH_FAILED == 8, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("fetch failed:") and base in lines[0]
    assert "Traceback" not in result.output
    assert ingest_counts(db) == before
    assert not dest.exists() or list(dest.iterdir()) == []
