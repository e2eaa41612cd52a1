"""HTTP download machinery: retries, limits, ``.part`` staging, verification, sha256 sidecars.

Limits. Every fetch has an overall deadline (:data:`DEFAULT_DEADLINE`, seconds over all
requests, pages and retries) and a size cap (:data:`DEFAULT_MAX_BYTES`, bytes over all
responses). The deadline is enforced by a watchdog thread that shuts the sockets down when it
passes, so a server that trickles one byte a second (in the headers or in the body) cannot
keep a fetch alive; the cap is checked while streaming, so memory stays bounded by it (and by
one chunk for files streamed to disk). Both end the fetch with :class:`FetchError` and leave
nothing behind.

Completeness. A body is complete when its framing says so (``Content-Length`` matched, or a
chunked body that ended with its last chunk). A body with neither (the server just closes the
connection) is *unframed*: callers must check it another way (complete last line, a row count
the source announces, a following empty page) or refuse it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import hashlib
import http.client
import io
import json
import os
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

__all__ = [
    "FetchError",
    "FetchedFile",
    "Progress",
    "Watchdog",
    "Response",
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_BYTES",
    "HttpClient",
    "HttpStatusError",
    "StagedFile",
    "stage",
    "commit_staged",
    "csv_header",
    "count_csv_records",
    "check_csv_file",
    "snippet",
    "status_message",
]

#: Overall seconds a fetch may take (all requests, pages, retries and waits together).
DEFAULT_DEADLINE = 1800.0
#: Bytes a fetch may download in total (all responses together): 1 GiB, several times the
#: largest source (the whole ACLED Ukraine export) today.
DEFAULT_MAX_BYTES = 1 << 30

_TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_CHUNK = 1 << 16
_USER_AGENT = "strike-analytics-fetch/0.1 (+https://github.com/strike-analytics)"

Progress = Callable[[int, int | None], None]


class FetchError(RuntimeError):
    """A download failed or was incomplete; nothing was written (one-line message)."""


@dataclass(frozen=True)
class FetchedFile:
    """One verified file in ``dest``.

    Attributes
    ----------
    source
        ``alerts``, ``ucdp`` or ``acled``.
    kind
        Adapter kind to ingest the file with (``store.ingest_file(kind, path)``).
    path
        Final location of the file; ``path.with_name(path.name + ".meta.json")`` is its sidecar.
    url
        The URL of the (first) request that produced it (no credentials in it).
    sha256, bytes
        Checksum and size of the file as written.
    retrieved_at
        When the download finished (UTC, timezone-aware).
    """

    source: str
    kind: str
    path: Path
    url: str
    sha256: str
    bytes: int
    retrieved_at: dt.datetime

    @property
    def meta_path(self) -> Path:
        """The sidecar ``<file>.meta.json``."""
        return self.path.with_name(self.path.name + ".meta.json")


# -- staging: .part files, hashes, atomic commit ---------------------------------------------


@dataclass
class StagedFile:
    """A download being written to ``<final>.part``."""

    final: Path
    url: str
    part: Path = field(init=False)
    fh: BinaryIO | None = field(default=None, repr=False)
    sha: Any = field(default_factory=hashlib.sha256, repr=False)
    size: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.part = self.final.with_name(self.final.name + ".part")

    def write(self, data: bytes) -> None:
        if self.fh is None:
            self.fh = self.part.open("wb")
        self.fh.write(data)
        self.sha.update(data)
        self.size += len(data)

    def reset(self) -> None:
        """Forget what was written (before a retry of a streamed download)."""
        if self.fh is not None and not self.fh.closed:
            self.fh.seek(0)
            self.fh.truncate()
        self.sha = hashlib.sha256()
        self.size = 0

    def close(self) -> None:
        if self.fh is None:
            self.fh = self.part.open("wb")
        if self.fh.closed:
            return
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()


def stage(staged: list[StagedFile], final: Path, url: str) -> StagedFile:
    """Start a ``.part`` download of ``final`` and remember it in ``staged``."""
    s = StagedFile(final=final, url=url)
    staged.append(s)
    return s


def commit_staged(s: StagedFile, source: str, kind: str) -> FetchedFile:
    """Rename a verified, closed ``.part`` into place and write its sidecar."""
    retrieved = dt.datetime.now(dt.UTC).replace(microsecond=0)
    sha = s.sha.hexdigest()
    meta = {
        "source": source,
        "kind": kind,
        "file": s.final.name,
        "url": s.url,
        "sha256": sha,
        "bytes": s.size,
        "retrieved_at": retrieved.isoformat().replace("+00:00", "Z"),
        **s.extra,
    }
    meta_path = s.final.with_name(s.final.name + ".meta.json")
    meta_part = meta_path.with_name(meta_path.name + ".part")
    meta_part.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(s.part, s.final)
    os.replace(meta_part, meta_path)
    return FetchedFile(source, kind, s.final, s.url, sha, s.size, retrieved)


# -- HTTP with retries -----------------------------------------------------------------------


class HttpStatusError(Exception):
    """A non-transient HTTP status; the caller turns it into a source-specific message."""

    def __init__(self, code: int, url: str, body: bytes) -> None:
        super().__init__(code)
        self.code, self.url, self.body = code, url, body


class Watchdog:
    """Enforces a fetch's overall deadline by shutting its sockets down when it passes.

    Parameters
    ----------
    seconds
        Time from :meth:`start` until the deadline.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expires = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def start(self) -> None:
        """Arm the timer (a daemon thread); the deadline counts from now."""
        self.expires = time.monotonic() + self.seconds
        self._timer = threading.Timer(self.seconds, self.fire)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        """Disarm the timer (the fetch is over)."""
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._sockets.clear()

    def remaining(self) -> float:
        """Seconds left before the deadline (0 when it has passed)."""
        return 0.0 if self.expired else max(0.0, self.expires - time.monotonic())

    def register(self, sock: socket.socket) -> None:
        """Watch ``sock``: it is shut down when the deadline passes (at once if it has)."""
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shutdown(sock)

    def fire(self) -> None:
        """The deadline passed: mark it and shut every watched socket down."""
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing to stop
        sock.shutdown(socket.SHUT_RDWR)


class _WatchedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, watchdog: Watchdog, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watchdog = watchdog

    def connect(self) -> None:
        super().connect()
        self.watchdog.register(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, watchdog: Watchdog, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.watchdog = watchdog

    def connect(self) -> None:
        super().connect()
        self.watchdog.register(self.sock)


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watchdog: Watchdog) -> None:
        super().__init__()
        self.watchdog = watchdog

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        conn = functools.partial(_WatchedHTTPConnection, watchdog=self.watchdog)
        return self.do_open(conn, req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, watchdog: Watchdog) -> None:
        self.ssl_context = ssl.create_default_context()
        super().__init__(context=self.ssl_context)
        self.watchdog = watchdog

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        conn = functools.partial(_WatchedHTTPSConnection, watchdog=self.watchdog)
        return self.do_open(conn, req, context=self.ssl_context)


@dataclass(frozen=True)
class Response:
    """A complete response body and whether its framing proves it complete.

    ``framed`` is False when the server sent neither ``Content-Length`` nor chunked framing:
    a connection cut at the wrong moment then looks like the end, and the caller must check
    completeness another way. ``body`` is empty when the body was streamed into a file.
    """

    body: bytes
    framed: bool
    size: int
    head: bytes = b""
    tail: bytes = b""


@dataclass
class HttpClient:
    """GET/POST with retries, the fetch's deadline (:class:`Watchdog`) and its size cap."""

    timeout: float
    retries: int
    backoff: float
    progress: Progress | None
    deadline: float = DEFAULT_DEADLINE
    max_bytes: int = DEFAULT_MAX_BYTES
    sleep: Callable[[float], None] = time.sleep
    watchdog: Watchdog = field(init=False)
    downloaded: int = 0

    def __post_init__(self) -> None:
        self.watchdog = Watchdog(self.deadline)
        self._opener = urllib.request.build_opener(
            _WatchedHTTPHandler(self.watchdog), _WatchedHTTPSHandler(self.watchdog)
        )

    def request(
        self,
        url: str,
        *,
        what: str,
        data: bytes | None = None,
        secret_headers: Mapping[str, str] | None = None,
        done: int = 0,
        report_total: bool = True,
        sink: StagedFile | None = None,
    ) -> Response:
        """GET (or POST ``data``) ``url`` and return the complete body.

        ``secret_headers`` are not forwarded on redirects. With ``sink`` the body is streamed
        into that staged file (reset before each retry) instead of memory. Raises
        :class:`HttpStatusError` for a non-transient HTTP error status and :class:`FetchError`
        when retries are exhausted, the deadline passes or the size cap is exceeded.
        """
        last = ""
        for attempt in range(self.retries + 1):
            if attempt:
                wait = self.backoff * 2 ** (attempt - 1)
                if wait >= self.watchdog.remaining():
                    raise self._late(what, url)
                self.sleep(wait)
            if self.watchdog.remaining() <= 0:
                raise self._late(what, url)
            if sink is not None:
                sink.reset()
            req = urllib.request.Request(url, data=data, method="POST" if data else "GET")
            req.add_header("User-Agent", _USER_AGENT)
            if data is not None:
                req.add_header("Content-Type", "application/x-www-form-urlencoded")
            for key, value in (secret_headers or {}).items():
                req.add_unredirected_header(key, value)
            try:
                timeout = max(0.001, min(self.timeout, self.watchdog.remaining()))
                with self._opener.open(req, timeout=timeout) as resp:
                    return self._read(resp, done, report_total, what, url, sink)
            except FetchError:
                raise
            except urllib.error.HTTPError as err:
                body = _safe_body(err)
                if err.code not in _TRANSIENT_STATUS:
                    raise HttpStatusError(err.code, url, body) from None
                last = f"HTTP {err.code}"
                retry_after = _retry_after(err.headers.get("Retry-After"))
                if retry_after and attempt < self.retries:
                    self.sleep(min(retry_after, 60.0, self.watchdog.remaining()))
            except Exception as err:  # noqa: BLE001 - every failure becomes a one-line message
                if self.watchdog.expired:
                    raise self._late(what, url) from None
                described = _describe(err, self.timeout)
                if described is None:
                    raise
                last = described
        tries = self.retries + 1
        raise FetchError(
            f"{what}: {last} from {url} after {tries} attempt{'s' * (tries > 1)}; "
            "check your connection or try again later"
        )

    def _late(self, what: str, url: str) -> FetchError:
        return FetchError(
            f"{what}: the fetch did not finish within its overall deadline of "
            f"{self.deadline:g} s (last address {url}); nothing was saved: try again later, "
            "use a mirror, or allow more time"
        )

    def _read(
        self, resp: Any, done: int, report_total: bool, what: str, url: str, sink: StagedFile | None
    ) -> Response:
        length = resp.headers.get("Content-Length")
        expected = int(length) if length and length.isdigit() else None
        framed = expected is not None or bool(getattr(resp, "chunked", False))
        if expected is not None and self.downloaded + expected > self.max_bytes:
            raise self._too_big(what, url, self.downloaded + expected, announced=True)
        total = (done + expected) if (expected is not None and report_total) else None
        buf = io.BytesIO()
        size, head, tail = 0, b"", b""
        while chunk := resp.read1(_CHUNK):
            if self.watchdog.expired:
                raise self._late(what, url)
            size += len(chunk)
            if self.downloaded + size > self.max_bytes:
                raise self._too_big(what, url, self.downloaded + size, announced=False)
            if sink is not None:
                sink.write(chunk)
                head = head if len(head) >= _CHUNK else (head + chunk)[:_CHUNK]
                tail = (tail + chunk)[-_CHUNK:]
            else:
                buf.write(chunk)
            if self.progress:
                self.progress(done + size, total)
        if self.watchdog.expired:  # a shut-down socket reads as an early end
            raise self._late(what, url)
        if expected is not None and size != expected:
            raise _Truncated(f"download cut off ({size:,} of {expected:,} announced bytes)")
        self.downloaded += size
        body = buf.getvalue()
        if sink is None:
            head, tail = body[:_CHUNK], body[-_CHUNK:]
        return Response(body=body, framed=framed, size=size, head=head, tail=tail)

    def _too_big(self, what: str, url: str, size: int, *, announced: bool) -> FetchError:
        how = "announced" if announced else "reached"
        return FetchError(
            f"{what}: {url} {how} {size:,} bytes, above the size cap of {self.max_bytes:,} "
            "bytes for one fetch; nothing was saved: check the address, or raise the cap if "
            "the source really is that large"
        )


def _describe(err: Exception, timeout: float) -> str | None:
    """A one-line reason for a transient failure; None for an error that is not one."""
    if isinstance(err, _Truncated):
        return str(err)
    if isinstance(err, TimeoutError | socket.timeout):
        return f"no answer within {timeout:g} s (timed out)"
    if isinstance(err, urllib.error.URLError):
        reason = err.reason
        if isinstance(reason, TimeoutError):
            return f"no answer within {timeout:g} s (timed out)"
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused"
        return f"cannot connect ({reason})"
    if isinstance(err, http.client.IncompleteRead):
        return "download cut off (the connection closed inside a chunk)"
    if isinstance(err, http.client.HTTPException | ConnectionError | OSError):
        return f"connection broken ({type(err).__name__})"
    return None


class _Truncated(Exception):
    pass


def _safe_body(err: urllib.error.HTTPError) -> bytes:
    try:
        return err.read()[:2000]
    except Exception:  # noqa: BLE001 - the body is only a hint for the message
        return b""
    finally:
        err.close()


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


# -- verification of bodies ------------------------------------------------------------------


def snippet(body: bytes, n: int = 80) -> str:
    """The first ``n`` bytes of ``body`` as one line of text (for messages)."""
    text = body[:n].decode("utf-8", errors="replace")
    return " ".join(text.split())


def csv_header(body: bytes) -> tuple[str, ...]:
    """Column names of the first line of a CSV body (stripped)."""
    first = body.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8-sig", errors="replace")
    try:
        return tuple(c.strip() for c in next(csv.reader([first])))
    except StopIteration:
        return ()


def count_csv_records(data: bytes, width: int, what: str, url: str) -> int:
    """Number of CSV records in ``data`` (quoted newlines stay inside their record).

    Raises FetchError when a record does not have ``width`` fields (a page cut mid-line).
    """
    text = data.decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    n = 0
    for rec in reader:
        if not rec:
            continue
        if len(rec) != width:
            raise FetchError(
                f"{what}: {url} record {n + 1} has {len(rec)} fields, not {width} as in the "
                "header: the page was cut off or damaged; nothing was saved, try again later"
            )
        n += 1
    return n


def check_csv_file(path: Path, width: int, what: str, url: str) -> None:
    """Raise FetchError unless every record of the CSV at ``path`` has ``width`` fields.

    Streams the file (bounded memory); names the line of the first short or long record.
    """
    with path.open(newline="", encoding="utf-8", errors="replace") as fh:
        reader = csv.reader(fh)
        for record in reader:
            if record and len(record) != width:
                raise FetchError(
                    f"{what}: {url} line {reader.line_num} has {len(record)} fields, not "
                    f"{width} as in the header: the download is cut or damaged; nothing was "
                    "saved, try again later"
                )


# -- messages --------------------------------------------------------------------------------


def status_message(what: str, err: HttpStatusError, hints: Mapping[int, str]) -> str:
    """One line for a non-transient HTTP status, with a hint of what to do."""
    default = {
        401: "the server wants credentials",
        403: "access is forbidden",
        404: "nothing at that address; check the URL",
    }
    hint = hints.get(err.code) or default.get(err.code) or "try again later"
    detail = snippet(err.body)
    detail = f" ({detail})" if detail else ""
    return f"{what}: HTTP {err.code} from {err.url}{detail}: {hint}"
