"""Tests for analytics.sources.fetch against a local HTTP server (no internet).

The server (127.0.0.1, port 0, one thread per request) serves the fixtures in
tests/fixtures/fetch/ under the URL layouts of the real sources, plus scripted failures: a slow
endpoint, HTTP 403/503, a body shorter than its Content-Length, invalid JSON, a 2-page UCDP
response and ACLED's OAuth token + paged CSV (Bearer token checked on every read).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from analytics.sources.fetch import FetchError, fetch

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "fetch"
TOKEN = "tok-3f9a"  # the token the fake ACLED OAuth endpoint hands out
USER, PASSWORD = "analyst@example.org", "s3cret pass"
UCDP_TOKEN = "ucdp-abc123"


@dataclass
class Log:
    """What the fake server saw."""

    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    form: dict[str, list[str]] = field(default_factory=dict)
    ucdp_requires_token: bool = False

    def count(self, prefix: str) -> int:
        return sum(1 for _, path, _ in self.requests if path.startswith(prefix))


def _acled_records(data: bytes) -> tuple[bytes, list[bytes]]:
    """Split the ACLED fixture into its header line and raw records (by quote parity, so a
    quoted newline stays inside its record) -- independent of the code under test."""
    lines = data.splitlines(keepends=True)
    header, records, current = lines[0], [], b""
    for line in lines[1:]:
        current += line
        if current.count(b'"') % 2 == 0:
            records.append(current)
            current = b""
    assert current == b""
    return header, records


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    # -- helpers --------------------------------------------------------------------------
    def _send(self, code: int, body: bytes, ctype: str = "text/plain", length: int | None = None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def _record(self) -> urllib.parse.SplitResult:
        parts = urllib.parse.urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}  # HTTP names are case-insensitive
        self.server.log.requests.append((self.command, parts.path, headers))
        self.server.log.hits[parts.path] = self.server.log.hits.get(parts.path, 0) + 1
        return parts

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        parts = self._record()
        n = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(n).decode())
        self.server.log.form = form
        if parts.path == "/acled/oauth/token":
            ok = (
                form.get("grant_type") == ["password"]
                and form.get("client_id") == ["acled"]
                and form.get("username") == [USER]
                and form.get("password") == [PASSWORD]
            )
            if ok:
                doc = {"token_type": "Bearer", "expires_in": 86400, "access_token": TOKEN}
                self._send(200, json.dumps(doc).encode(), "application/json")
            else:
                body = b'{"error":"invalid_grant","error_description":"bad credentials"}'
                self._send(401, body, "application/json")
            return
        self._send(404, b"no such endpoint")

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        parts = self._record()
        path, query = parts.path, urllib.parse.parse_qs(parts.query)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        name = path.rsplit("/", 1)[-1]
        if (
            path.startswith("/alerts/")
            and (FIX / name).is_file()
            or path.startswith("/partial/")
            and name == "official_data_en.csv"
        ):
            self._send(200, (FIX / name).read_bytes(), "text/csv")
        elif path.startswith("/html/"):
            self._send(200, b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")
        elif path.startswith("/slow/"):
            time.sleep(1.0)
            self._send(200, (FIX / "official_data_en.csv").read_bytes(), "text/csv")
        elif path.startswith("/forbidden/"):
            self._send(403, b"Forbidden")
        elif path.startswith("/truncated/"):
            body = (FIX / "official_data_en.csv").read_bytes()
            self._send(200, body[:100], "text/csv", length=len(body) + 500)
            self.close_connection = True
        elif path.startswith("/flaky/"):
            if self.server.log.hits[path] == 1:
                self._send(503, b"Service Unavailable")
            else:
                self._send(200, (FIX / "official_data_en.csv").read_bytes(), "text/csv")
        elif path.startswith("/ucdp/gedevents/") or path.startswith("/ucdp-bad/gedevents/"):
            self._ucdp(path, query, base)
        elif path == "/acled/api/acled/read":
            self._acled(query)
        else:
            self._send(404, b"Not Found")

    def _ucdp(self, path: str, query: dict[str, list[str]], base: str) -> None:
        token = self.headers.get("x-ucdp-access-token")
        if self.server.log.ucdp_requires_token and token != UCDP_TOKEN:
            self._send(401, b'{"message":"Unauthorized"}', "application/json")
            return
        if path.startswith("/ucdp-bad/"):
            self._send(200, b'{"TotalCount": 3, "Result": [{"id": 1},', "application/json")
            return
        if query.get("Country") != ["369"] or query.get("pagesize") != ["2"]:
            self._send(400, b"unexpected query")
            return
        page = int(query.get("page", ["0"])[0])
        if page not in (0, 1):
            self._send(404, b"no such page")
            return
        text = (FIX / f"ucdp_page{page}.json").read_text().replace("{base}", f"{base}/ucdp")
        self._send(200, text.encode(), "application/json")

    def _acled(self, query: dict[str, list[str]]) -> None:
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._send(401, b'{"message":"Unauthorized"}', "application/json")
            return
        if query.get("_format") != ["csv"] or query.get("country") != ["Ukraine"]:
            self._send(400, b"unexpected query")
            return
        if self.server.acled_forbidden:
            self._send(403, b'{"message":"Access denied"}', "application/json")
            return
        limit, page = int(query["limit"][0]), int(query["page"][0])
        header, records = _acled_records((FIX / "acled_ukraine.csv").read_bytes())
        chunk = records[(page - 1) * limit : page * limit]
        self._send(200, header + b"".join(chunk), "text/csv")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.log = Log()
        self.acled_forbidden = False

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that timed out closes early; nothing to report


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


@pytest.fixture
def base(server: Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _require(*modules: str) -> None:
    """Skip when a module another engineer is still writing is absent."""
    for module in modules:
        if importlib.util.find_spec(module) is None:
            path = module.replace(".", "/") + ".py"
            pytest.skip(f"{path} ({module}) is not written yet; this test needs it")


def _fast(**kw: object) -> dict[str, object]:
    return {"timeout": 5.0, "retries": 0, "backoff": 0.0, "env": {}, **kw}


# -- alerts ------------------------------------------------------------------------------------


def test_alerts_default_official_en(server: Server, base: str, tmp_path: Path) -> None:
    seen: list[tuple[int, int | None]] = []
    files = fetch(
        "alerts",
        dest=tmp_path,
        base_urls={"alerts": f"{base}/alerts"},
        progress=lambda done, total: seen.append((done, total)),
        **_fast(),
    )
    fixture = FIX / "official_data_en.csv"
    assert len(files) == 1
    f = files[0]
    assert (f.source, f.kind, f.path) == ("alerts", "alerts", tmp_path / "official_data_en.csv")
    assert f.url == f"{base}/alerts/official_data_en.csv"
    assert f.sha256 == hashlib.sha256(fixture.read_bytes()).hexdigest() == _sha(f.path)
    assert f.bytes == fixture.stat().st_size
    assert f.path.read_bytes() == fixture.read_bytes()
    assert (
        f.retrieved_at.utcoffset() is not None and f.retrieved_at.utcoffset().total_seconds() == 0
    )
    meta = json.loads(f.meta_path.read_text())
    assert meta["url"] == f.url and meta["sha256"] == f.sha256 and meta["bytes"] == f.bytes
    assert meta["retrieved_at"].endswith("Z") and meta["retrieved_at"][:19] == (
        f.retrieved_at.strftime("%Y-%m-%dT%H:%M:%S")
    )
    assert _listing(tmp_path) == ["official_data_en.csv", "official_data_en.csv.meta.json"]
    assert seen and seen[-1] == (f.bytes, f.bytes)


def test_alerts_all_four_files(server: Server, base: str, tmp_path: Path) -> None:
    files = fetch(
        "alerts", dest=tmp_path, base_urls={"alerts": f"{base}/alerts"}, dataset="all",
        lang="all", **_fast(),
    )  # fmt: skip
    names = [f.path.name for f in files]
    assert names == [
        "official_data_en.csv",
        "official_data_uk.csv",
        "volunteer_data_en.csv",
        "volunteer_data_uk.csv",
    ]
    for f in files:
        assert f.sha256 == _sha(FIX / f.path.name)
        assert f.meta_path.is_file()
    assert len(_listing(tmp_path)) == 8


def test_alerts_volunteer_uk_only(server: Server, base: str, tmp_path: Path) -> None:
    files = fetch(
        "alerts", dest=tmp_path, base_urls={"alerts": f"{base}/alerts"}, dataset="volunteer",
        lang="uk", **_fast(),
    )  # fmt: skip
    assert [f.path.name for f in files] == ["volunteer_data_uk.csv"]
    assert files[0].sha256 == _sha(FIX / "volunteer_data_uk.csv")


def test_bad_options_are_value_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown source"):
        fetch("gdelt", dest=tmp_path)
    with pytest.raises(ValueError, match="dataset must be one of"):
        fetch("alerts", dest=tmp_path, dataset="unofficial", **_fast())
    with pytest.raises(ValueError, match="since"):
        fetch("alerts", dest=tmp_path, since=dt.date(2024, 1, 1), **_fast())


# -- failures: FetchError, nothing left behind -------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "kwargs", "message"),
    [
        ("forbidden", {}, "HTTP 403 from http://127.0.0.1:{port}/forbidden/official_data_en.csv"),
        ("missing", {}, "HTTP 404 from http://127.0.0.1:{port}/missing/official_data_en.csv"),
        ("html", {}, "is not the expected CSV"),
        ("truncated", {}, "download cut off (100 of 1,033 announced bytes)"),
        ("slow", {"timeout": 0.2}, "no answer within 0.2 s (timed out)"),
    ],
)
def test_failures_raise_and_leave_nothing(
    server: Server, base: str, tmp_path: Path, prefix: str, kwargs: dict, message: str
) -> None:
    dest = tmp_path / "raw"
    with pytest.raises(FetchError) as info:
        fetch("alerts", dest=dest, base_urls={"alerts": f"{base}/{prefix}"}, **_fast(**kwargs))
    text = str(info.value)
    assert message.format(port=server.server_address[1]) in text
    assert "\n" not in text and text.startswith("air-raid alerts file official_data_en.csv")
    assert _listing(dest) == []


def test_failure_keeps_previous_file_untouched(server: Server, base: str, tmp_path: Path) -> None:
    old = tmp_path / "official_data_en.csv"
    old.write_bytes(b"previous download\n")
    with pytest.raises(FetchError):
        fetch("alerts", dest=tmp_path, base_urls={"alerts": f"{base}/truncated"}, **_fast())
    assert old.read_bytes() == b"previous download\n"
    assert _listing(tmp_path) == ["official_data_en.csv"]


def test_transient_errors_are_retried(server: Server, base: str, tmp_path: Path) -> None:
    files = fetch(
        "alerts", dest=tmp_path, base_urls={"alerts": f"{base}/flaky"}, **_fast(retries=2)
    )
    assert server.log.hits["/flaky/official_data_en.csv"] == 2  # 503, then 200
    assert files[0].sha256 == _sha(FIX / "official_data_en.csv")


def test_truncated_body_retried_then_fails(server: Server, base: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"cut off .* after 3 attempts"):
        fetch(
            "alerts", dest=tmp_path, base_urls={"alerts": f"{base}/truncated"}, **_fast(retries=2)
        )
    assert server.log.hits["/truncated/official_data_en.csv"] == 3
    assert _listing(tmp_path) == []


def test_permanent_errors_are_not_retried(server: Server, base: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="HTTP 403"):
        fetch(
            "alerts", dest=tmp_path, base_urls={"alerts": f"{base}/forbidden"}, **_fast(retries=3)
        )
    assert server.log.hits["/forbidden/official_data_en.csv"] == 1


def test_connection_refused(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match=f"connection refused from http://127.0.0.1:{port}/"):
        fetch("alerts", dest=tmp_path, base_urls={"alerts": f"http://127.0.0.1:{port}"}, **_fast())
    assert _listing(tmp_path) == []


def test_multi_file_source_all_or_nothing(server: Server, base: str, tmp_path: Path) -> None:
    # The "partial" mirror has official_data_en.csv but not official_data_uk.csv: the English
    # file downloaded fine, yet it must not be renamed into place either.
    with pytest.raises(FetchError, match="official_data_uk.csv: HTTP 404"):
        fetch(
            "alerts", dest=tmp_path, base_urls={"alerts": f"{base}/partial"}, lang="all",
            **_fast(),
        )  # fmt: skip
    assert server.log.hits["/partial/official_data_en.csv"] == 1
    assert _listing(tmp_path) == []


# -- UCDP --------------------------------------------------------------------------------------


def _expected_ucdp_events() -> list[dict]:
    return [
        e for p in (0, 1) for e in json.loads((FIX / f"ucdp_page{p}.json").read_text())["Result"]
    ]


def test_ucdp_two_pages_with_token(server: Server, base: str, tmp_path: Path) -> None:
    server.log.ucdp_requires_token = True
    files = fetch(
        "ucdp", dest=tmp_path, base_urls={"ucdp": f"{base}/ucdp"}, page_size=2,
        **_fast(env={"UCDP_ACCESS_TOKEN": UCDP_TOKEN}),
    )  # fmt: skip
    (f,) = files
    assert (f.kind, f.path.name) == ("ucdp", "ucdp_ged_26.1_ukraine.json")
    assert f.url == f"{base}/ucdp/gedevents/26.1?pagesize=2&Country=369"
    doc = json.loads(f.path.read_text())
    assert doc["Result"] == _expected_ucdp_events()
    assert doc["TotalCount"] == 3 and not doc["NextPageUrl"]
    assert f.sha256 == _sha(f.path) and f.bytes == f.path.stat().st_size
    meta = json.loads(f.meta_path.read_text())
    assert (meta["pages"], meta["rows"], meta["sha256"]) == (2, 3, f.sha256)
    assert UCDP_TOKEN not in f.meta_path.read_text()
    ucdp_requests = [(p, h) for _, p, h in server.log.requests if p.startswith("/ucdp/")]
    assert len(ucdp_requests) == 2
    assert all(h.get("x-ucdp-access-token") == UCDP_TOKEN for _, h in ucdp_requests)


def test_ucdp_file_is_read_by_the_ucdp_adapter(server: Server, base: str, tmp_path: Path) -> None:
    _require("analytics.sources.ucdp", "analytics.reference.oblasts")
    from analytics.sources.base import get_adapter

    (f,) = fetch("ucdp", dest=tmp_path, base_urls={"ucdp": f"{base}/ucdp"}, page_size=2, **_fast())
    batch = get_adapter("ucdp").read(f.path)
    assert batch.rows_read == 3
    assert not [w for w in batch.warnings if "TotalCount" in w or "next page" in w]


def test_ucdp_without_token_names_the_variable(server: Server, base: str, tmp_path: Path) -> None:
    server.log.ucdp_requires_token = True
    with pytest.raises(FetchError) as info:
        fetch("ucdp", dest=tmp_path, base_urls={"ucdp": f"{base}/ucdp"}, page_size=2, **_fast())
    assert "UCDP refused the request (HTTP 401)" in str(info.value)
    assert "set UCDP_ACCESS_TOKEN" in str(info.value)
    assert _listing(tmp_path) == []


def test_ucdp_invalid_json(server: Server, base: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="did not return valid JSON"):
        fetch("ucdp", dest=tmp_path, base_urls={"ucdp": f"{base}/ucdp-bad"}, page_size=2, **_fast())
    assert _listing(tmp_path) == []


def test_ucdp_since_sends_start_date(server: Server, base: str, tmp_path: Path) -> None:
    (f,) = fetch(
        "ucdp", dest=tmp_path, base_urls={"ucdp": f"{base}/ucdp"}, page_size=2,
        since=dt.date(2024, 1, 1), **_fast(),
    )  # fmt: skip
    assert "StartDate=2024-01-01" in f.url
    assert f.path.name == "ucdp_ged_26.1_ukraine_since-2024-01-01.json"


# -- ACLED -------------------------------------------------------------------------------------


ACLED_ENV = {"ACLED_USERNAME": USER, "ACLED_PASSWORD": PASSWORD}


def test_acled_oauth_and_paged_csv(server: Server, base: str, tmp_path: Path) -> None:
    (f,) = fetch(
        "acled", dest=tmp_path, base_urls={"acled": f"{base}/acled"}, page_size=2,
        **_fast(env=ACLED_ENV),
    )  # fmt: skip
    fixture = FIX / "acled_ukraine.csv"
    assert (f.kind, f.path.name) == ("acled", "acled_ukraine.csv")
    # 5 records in pages of 2: pages 1 (2), 2 (2), 3 (1 < 2, last); file == fixture byte for byte
    assert f.path.read_bytes() == fixture.read_bytes()
    assert f.sha256 == hashlib.sha256(fixture.read_bytes()).hexdigest()
    assert server.log.count("/acled/api/acled/read") == 3
    assert server.log.form["client_id"] == ["acled"]
    assert server.log.form["grant_type"] == ["password"]
    reads = [(m, h) for m, p, h in server.log.requests if p == "/acled/api/acled/read"]
    assert all(m == "GET" and h["authorization"] == f"Bearer {TOKEN}" for m, h in reads)
    meta_text = f.meta_path.read_text()
    assert json.loads(meta_text)["rows"] == 5
    assert TOKEN not in meta_text and PASSWORD not in meta_text and TOKEN not in f.url


def test_acled_exact_multiple_of_page_size(server: Server, base: str, tmp_path: Path) -> None:
    (f,) = fetch(
        "acled", dest=tmp_path, base_urls={"acled": f"{base}/acled"}, page_size=5,
        **_fast(env=ACLED_ENV),
    )  # fmt: skip
    assert f.path.read_bytes() == (FIX / "acled_ukraine.csv").read_bytes()
    assert server.log.count("/acled/api/acled/read") == 2  # 5 rows, then a header-only page


def test_acled_is_read_by_the_acled_adapter(server: Server, base: str, tmp_path: Path) -> None:
    _require("analytics.sources.acled", "analytics.reference.oblasts")
    from analytics.sources.base import get_adapter

    (f,) = fetch(
        "acled", dest=tmp_path, base_urls={"acled": f"{base}/acled"}, **_fast(env=ACLED_ENV)
    )
    assert get_adapter("acled").read(f.path).rows_read == 5


def test_acled_missing_credentials(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="set ACLED_USERNAME and ACLED_PASSWORD"):
        fetch("acled", dest=tmp_path, **_fast())
    with pytest.raises(FetchError, match="set ACLED_PASSWORD"):
        fetch("acled", dest=tmp_path, **_fast(env={"ACLED_USERNAME": USER}))
    assert _listing(tmp_path) == []


def test_acled_wrong_password(server: Server, base: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError) as info:
        fetch(
            "acled", dest=tmp_path, base_urls={"acled": f"{base}/acled"},
            **_fast(env={"ACLED_USERNAME": USER, "ACLED_PASSWORD": "wrong"}),
        )  # fmt: skip
    assert "ACLED refused the credentials (HTTP 401)" in str(info.value)
    assert "check ACLED_USERNAME/ACLED_PASSWORD" in str(info.value)
    assert "wrong" not in str(info.value)
    assert server.log.count("/acled/api/") == 0
    assert _listing(tmp_path) == []


def test_acled_forbidden_read(server: Server, base: str, tmp_path: Path) -> None:
    server.acled_forbidden = True
    with pytest.raises(FetchError, match=r"ACLED denied data access \(HTTP 403\)"):
        fetch("acled", dest=tmp_path, base_urls={"acled": f"{base}/acled"}, **_fast(env=ACLED_ENV))
    assert _listing(tmp_path) == []


# -- with the store ----------------------------------------------------------------------------


def test_fetch_then_ingest_alerts(server: Server, base: str, tmp_path: Path) -> None:
    _require("analytics.sources.alerts", "analytics.reference.oblasts")
    from analytics.store import Store

    (f,) = fetch("alerts", dest=tmp_path / "raw", base_urls={"alerts": f"{base}/alerts"}, **_fast())
    with Store(tmp_path / "x.duckdb") as store:
        result = store.ingest_file(f.kind, f.path)
        ingests = store.query("select sha256, rows_read from ingests")
    assert result.rows_read == 5  # hand count: 5 data rows in the fixture
    assert ingests.rows() == [(f.sha256, 5)]


def test_failed_fetch_leaves_database_untouched(server: Server, base: str, tmp_path: Path) -> None:
    _require(
        "analytics.reference.oblasts"
    )  # the store loads the gazetteer when it creates a database
    from analytics.store import Store

    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        try:  # what the CLI does: fetch, then ingest each file; a failed download ingests nothing
            for f in fetch(
                "alerts",
                dest=tmp_path / "raw",
                base_urls={"alerts": f"{base}/truncated"},
                **_fast(),
            ):
                store.ingest_file(f.kind, f.path)
        except FetchError:
            pass
        assert store.query("select count(*) as n from ingests")["n"][0] == 0
    assert _listing(tmp_path / "raw") == []
