"""fetch against a LOCAL misbehaving HTTP server (127.0.0.1, a thread; no internet).

Each endpoint misbehaves in one way a real server or a hostile mirror can: it trickles bytes
(in the headers or in the body), sends a huge body (announced or not), cuts the body on a line
boundary without Content-Length, cuts it mid-line, answers 500, or answers HTML. Every case
must end in a one-line :class:`FetchError`, within the fetch's own deadline (checked by a hang
guard: the fetch runs in a thread that must finish, never by timing it), and leave nothing
behind: no file, no ``.part``, no database rows.
"""

from __future__ import annotations

import threading
import time
import tracemalloc
import urllib.parse
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from analytics.sources.fetch import LIMIT_ENV, URL_ENV, FetchError, fetch, source_url

# found by walking up, so the file can move into a tests/ subfolder unchanged
FIX = next(p for p in Path(__file__).resolve().parents if p.name == "tests") / "fixtures" / "fetch"
ALERTS = (FIX / "official_data_en.csv").read_bytes()
ACLED = (FIX / "acled_ukraine.csv").read_bytes()
ACLED_ENV = {"ACLED_USERNAME": "a@example.org", "ACLED_PASSWORD": "pw"}
HANG_GUARD = 60.0  # seconds a fetch may take before the test calls it hung (never reached)


def _acled_split(data: bytes) -> tuple[bytes, list[bytes]]:
    """Header line and records, by quote parity (independent of the code under test)."""
    lines = data.splitlines(keepends=True)
    records, current = [], b""
    for line in lines[1:]:
        current += line
        if current.count(b'"') % 2 == 0:
            records.append(current)
            current = b""
    return lines[0], records


class Hostile(BaseHTTPRequestHandler):
    """HTTP/1.0 handler: a body without Content-Length ends when the connection closes."""

    server: HostileServer

    def log_message(self, *args: object) -> None:
        pass

    def _head(self, code: int = 200, length: int | None = None, ctype: str = "text/csv") -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _trickle(self, data: bytes) -> None:
        """Write one byte at a time until the client goes away or the server stops."""
        i = 0
        while not self.server.stopping.is_set():
            try:
                self.wfile.write(data[i % len(data) : i % len(data) + 1])
                self.wfile.flush()
            except OSError:
                return
            i += 1
            time.sleep(0.02)

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = b'{"access_token": "tok"}'
        self._head(200, len(body), "application/json")
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        parts = urllib.parse.urlsplit(self.path)
        mode = parts.path.strip("/").split("/")[0]
        self.server.hits.append(parts.path)
        if mode == "ok":  # well-behaved, for the mirror tests
            self._head(200, len(ALERTS))
            self.wfile.write(ALERTS)
        elif mode == "trickle-body":
            self._head(200, len(ALERTS) * 1000)
            self._trickle(ALERTS)
        elif mode == "trickle-headers":
            self.wfile.write(b"HTTP/1.0 200 OK\r\n")
            self._trickle(b"X-Slow: " + b"a" * 50 + b"\r\n")
        elif mode == "huge-announced":
            self._head(200, 50 * 2**30)  # announces 50 GiB, sends the start
            self.wfile.write(ALERTS)
        elif mode == "huge":  # no length: a CSV that never ends
            self._head(200)
            self.wfile.write(ALERTS.split(b"\n", 1)[0] + b"\n")
            line = ALERTS.split(b"\n")[1] + b"\n"
            block = line * (65536 // len(line))
            while not self.server.stopping.is_set():
                try:
                    self.wfile.write(block)
                except OSError:
                    return
        elif mode == "cut-line":  # 2 of 5 rows, on a line boundary, no Content-Length
            self._head(200)
            self.wfile.write(b"".join(ALERTS.splitlines(keepends=True)[:3]))
        elif mode == "cut-mid":  # stops inside row 3, no Content-Length
            self._head(200)
            self.wfile.write(ALERTS[: ALERTS.index(b"\n", 200) - 17])
        elif mode == "short-record":  # framed, complete lines, but row 3 lost its last fields
            lines = ALERTS.splitlines(keepends=True)
            body = b"".join([*lines[:3], lines[3].rsplit(b",", 3)[0] + b"\n", *lines[4:]])
            self._head(200, len(body))
            self.wfile.write(body)
        elif mode == "error500":
            self._head(500, 21, "text/plain")
            self.wfile.write(b"Internal Server Error")
        elif mode == "html":
            body = b"<!DOCTYPE html><html><body>Sign in to continue</body></html>\n"
            self._head(200, len(body), "text/html")
            self.wfile.write(body)
        elif parts.path.endswith("/api/acled/read"):
            self._acled(mode, urllib.parse.parse_qs(parts.query))
        else:
            self._head(404, 9, "text/plain")
            self.wfile.write(b"not found")

    def _acled(self, mode: str, query: dict[str, list[str]]) -> None:
        limit, page = int(query["limit"][0]), int(query["page"][0])
        header, records = _acled_split(ACLED)
        chunk = records[(page - 1) * limit : page * limit]
        if mode == "acled-cut" and page == 1:
            chunk = chunk[:2]  # cut on a line boundary: looks like a short last page
        self._head(200)  # never a Content-Length: every page is unframed
        self.wfile.write(header + b"".join(chunk))


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Hostile)
        self.stopping = threading.Event()
        self.hits: list[str] = []

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hang up on purpose here


@pytest.fixture
def hostile() -> Iterator[str]:
    srv = HostileServer()
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.stopping.set()
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def _guarded(call: Callable[[], object]) -> BaseException | object:
    """Run ``call`` in a thread; fail the test if it has not returned within HANG_GUARD."""
    out: list[object] = []

    def run() -> None:
        try:
            out.append(call())
        except BaseException as err:  # noqa: BLE001 - handed back to the test
            out.append(err)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(HANG_GUARD)
    assert not worker.is_alive(), "fetch hung past the hang guard (its deadline did not work)"
    return out[0]


def _alerts(base: str, dest: Path, **kw: object) -> BaseException | object:
    opts: dict = {"timeout": 5.0, "retries": 0, "backoff": 0.0, "env": {}, "deadline": 2.0}
    opts.update(kw)
    return _guarded(lambda: fetch("alerts", dest=dest, base_urls={"alerts": base}, **opts))


def _nothing_left(dest: Path) -> None:
    assert not dest.exists() or sorted(p.name for p in dest.iterdir()) == []


@pytest.mark.parametrize(
    ("mode", "kwargs", "message"),
    [
        ("trickle-body", {}, "did not finish within its overall deadline of 2 s"),
        ("trickle-headers", {}, "did not finish within its overall deadline of 2 s"),
        ("huge-announced", {}, "announced 53,687,091,200 bytes, above the size cap"),
        ("huge", {"max_bytes": 2_000_000, "deadline": 60.0}, "above the size cap of 2,000,000"),
        ("cut-line", {}, "sent the file without a length"),
        ("cut-mid", {}, "ends inside a line"),
        ("short-record", {}, "line 4 has 4 fields, not 7 as in the header"),
        ("error500", {"retries": 1}, "HTTP 500 from"),
        ("html", {}, "is not the expected CSV"),
    ],
)
def test_misbehaving_server_gives_one_clear_error_and_leaves_nothing(
    hostile: str, tmp_path: Path, mode: str, kwargs: dict, message: str
) -> None:
    dest = tmp_path / "raw"
    err = _alerts(f"{hostile}/{mode}", dest, **kwargs)
    assert isinstance(err, FetchError), err
    text = str(err)
    assert message in text and "\n" not in text
    assert text.startswith("air-raid alerts file official_data_en.csv")
    _nothing_left(dest)


def test_huge_body_memory_stays_bounded(hostile: str, tmp_path: Path) -> None:
    # the alerts file streams to disk: the peak of Python allocations stays near one chunk,
    # far below the 8 MB the server had sent when the cap stopped it
    cap = 8_000_000
    tracemalloc.start()
    try:
        err = _alerts(f"{hostile}/huge", tmp_path / "raw", max_bytes=cap, deadline=60.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(err, FetchError) and "size cap" in str(err)
    assert peak < cap / 4, f"peak {peak:,} bytes of Python memory for a capped download"


def test_a_cut_page_without_length_is_caught_by_the_next_page(hostile: str, tmp_path: Path) -> None:
    # pages of 3: page 1 is cut to 2 rows on a line boundary, so it looks like the last page;
    # page 2 then holds rows 4 and 5, which proves page 1 was cut
    dest = tmp_path / "raw"
    err = _guarded(
        lambda: fetch(
            "acled",
            dest=dest,
            base_urls={"acled": f"{hostile}/acled-cut"},
            page_size=3,
            timeout=5.0,
            retries=0,
            env=ACLED_ENV,
            deadline=10.0,
        )  # fmt: skip
    )
    assert isinstance(err, FetchError), err
    assert "ACLED page 1: held 2 rows, fewer than the page size 3, yet page 2 holds 2 more" in (
        str(err)
    )
    _nothing_left(dest)


def test_unframed_pages_that_are_complete_are_accepted(hostile: str, tmp_path: Path) -> None:
    got = _guarded(
        lambda: fetch(
            "acled",
            dest=tmp_path,
            base_urls={"acled": f"{hostile}/acled-ok"},
            page_size=3,
            timeout=5.0,
            retries=0,
            env=ACLED_ENV,
            deadline=10.0,
        )  # fmt: skip
    )
    assert not isinstance(got, BaseException), got
    (f,) = got  # type: ignore[misc]
    assert f.path.read_bytes() == ACLED  # pages 1 (3 rows), 2 (2 rows, short), 3 (empty)


def test_mirror_from_environment_variable(hostile: str, tmp_path: Path) -> None:
    env = {URL_ENV["alerts"]: f"{hostile}/ok"}
    (f,) = fetch("alerts", dest=tmp_path, env=env, timeout=5.0, retries=0)
    assert f.url == f"{hostile}/ok/official_data_en.csv"
    assert f.path.read_bytes() == ALERTS
    # the function argument wins over the environment
    assert source_url("alerts", base_urls={"alerts": "https://a.example"}, env=env) == (
        "https://a.example"
    )


@pytest.mark.parametrize("bad", ["ftp://mirror.example/x", "file:///etc", "mirror.example"])
def test_mirror_that_is_not_http_is_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(FetchError, match=f"^{URL_ENV['ucdp']} is .* not an http"):
        fetch("ucdp", dest=tmp_path, env={URL_ENV["ucdp"]: bad}, retries=0)
    assert sorted(tmp_path.iterdir()) == []


def test_failed_fetch_ingests_nothing(hostile: str, tmp_path: Path) -> None:
    from analytics.store import Store

    dest = tmp_path / "raw"
    with Store(tmp_path / "x.duckdb") as store:
        before = store.query("select count(*) as n from ingests")["n"][0]
        err = _alerts(f"{hostile}/cut-line", dest)
        assert isinstance(err, FetchError)
        files = sorted(dest.glob("*.csv")) if dest.exists() else []
        for path in files:  # nothing to ingest: the loop body never runs
            store.ingest_file("alerts", path)
        assert files == []
        assert store.query("select count(*) as n from ingests")["n"][0] == before


def test_limits_from_the_environment(hostile: str, tmp_path: Path) -> None:
    env = {LIMIT_ENV["max_bytes"]: "300", URL_ENV["alerts"]: f"{hostile}/ok"}
    err = _guarded(lambda: fetch("alerts", dest=tmp_path, env=env, timeout=5.0, retries=0))
    assert isinstance(err, FetchError) and "above the size cap of 300 bytes" in str(err)
    env = {LIMIT_ENV["deadline"]: "1.5", URL_ENV["alerts"]: f"{hostile}/trickle-body"}
    err = _guarded(lambda: fetch("alerts", dest=tmp_path, env=env, timeout=5.0, retries=0))
    assert isinstance(err, FetchError) and "overall deadline of 1.5 s" in str(err)
    with pytest.raises(FetchError, match="STRIKE_ANALYTICS_FETCH_DEADLINE is 'soon', not a"):
        fetch("alerts", dest=tmp_path, env={LIMIT_ENV["deadline"]: "soon"})
    assert sorted(tmp_path.iterdir()) == []
