"""Drawing in a worker process while the caller does other work (the report's models).

:class:`Background` runs one picklable call in a worker: a fresh Python interpreter
(``python -c``, started with :mod:`subprocess` as soon as the :class:`Background` is made) that
imports ``preload`` at once, then reads the pickled call on its standard input and writes the
pickled answer back. The worker is not forked from the caller (whose polars and DuckDB thread
pools a plain ``fork`` would copy in an unknown state), and, unlike a :mod:`multiprocessing`
``spawn`` or ``forkserver`` child, it does not import the caller's ``__main__`` module again:
a CLI or a script whose main module imports the whole package (statsmodels included) would
make the worker import it all before it could draw, and a report's worker was ready seconds
after its charts were sent (measured: docs/report-layout.md, round 10). It sees the caller's
``sys.path``, so it imports the same package. Matplotlib in the worker uses the Agg canvas
(charts here never touch pyplot), so the worker draws the same pixels the caller would: same
input, same bytes.

When no worker can start, when the call or its answer cannot be pickled, when the worker dies,
or when it does not answer within the deadline, :meth:`Background.result` runs the call in the
caller instead (and stops the worker it started): the result is the same, only slower. A worker
never starts a worker of its own. :attr:`Background.timeline` keeps when the worker was ready,
when the call was sent, began, ended and was received (``time.perf_counter``, a system-wide
monotonic clock on Linux and macOS).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import IO, Any, Final, Generic, TypeVar

__all__ = ["Background", "DEADLINE", "in_worker", "serve"]

T = TypeVar("T")

#: Seconds to wait for the worker before drawing in the caller instead (a hang, not a pace).
DEADLINE: Final = 300.0
#: Set to ``1`` in a worker's environment (so it never starts a worker of its own).
WORKER_ENV: Final = "ANALYTICS_BACKGROUND_WORKER"
_PATH_ENV: Final = "ANALYTICS_BACKGROUND_PATH"
_PRELOAD_ENV: Final = "ANALYTICS_BACKGROUND_PRELOAD"
#: The worker's program: the caller's ``sys.path`` first, so that the package imported is the
#: caller's (a tree put on the path by hand, not only an installed one).
_PROGRAM: Final = (
    "import os, sys\n"
    f"paths = os.environ.get({_PATH_ENV!r})\n"
    "if paths:\n"
    "    sys.path[:] = paths.split(os.pathsep)\n"
    "from analytics.charts.background import serve\n"
    "serve()\n"
)
_SIZE: Final = struct.Struct("!Q")


def in_worker() -> bool:
    """True in a process started by :class:`Background` (and in the processes it starts)."""
    return os.environ.get(WORKER_ENV) == "1"


def _send(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_SIZE.pack(len(payload)) + payload)
    stream.flush()


def _receive(stream: IO[bytes]) -> bytes:
    head = stream.read(_SIZE.size)
    if len(head) < _SIZE.size:
        raise EOFError("the worker closed its pipe")
    size = _SIZE.unpack(head)[0]
    body = stream.read(size)
    if len(body) < size:
        raise EOFError("the worker closed its pipe")
    return body  # type: ignore[no-any-return]


def serve() -> None:
    """The worker's program: import the preload, say when ready, run one call, answer.

    Reads the modules to preload from the environment (``_PROGRAM`` has set the caller's
    ``sys.path`` before importing this module), writes
    ``("ready", t)`` then ``("ok", (result, began, ended))`` or ``("error", text)`` as
    length-prefixed pickles on the standard output it was started with; what the call prints
    goes to the standard error.
    """
    answer_to = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # print() in the call cannot corrupt the answers
    for name in filter(None, os.environ.get(_PRELOAD_ENV, "").split(",")):
        importlib.import_module(name)
    _send(answer_to, pickle.dumps(("ready", time.perf_counter())))
    try:
        func, args = pickle.loads(_receive(sys.stdin.buffer))
        began = time.perf_counter()
        out = func(*args)
        answer = pickle.dumps(("ok", (out, began, time.perf_counter())), pickle.HIGHEST_PROTOCOL)
    except EOFError:  # the caller went away without a call
        return
    except Exception as err:  # reported to the caller, which then runs the call itself
        answer = pickle.dumps(("error", f"{type(err).__name__}: {err}"))
    _send(answer_to, answer)


class Background(Generic[T]):
    """A worker process started early; :meth:`submit` one call, :meth:`result` collects it.

    The worker starts at construction and imports ``preload`` while the caller goes on with
    other work, so create it as early as possible and submit once the arguments are known.
    Use it as a context manager: leaving the block stops the worker.

    Parameters
    ----------
    enabled
        ``False`` starts nothing: :meth:`result` calls the submitted function in the caller.
    preload
        Modules the worker imports as soon as it starts.
    deadline
        Seconds :meth:`result` waits for the worker before running the call in the caller.

    Examples
    --------
    >>> with Background(enabled=False) as job:
    ...     job.submit(divmod, 7, 2)
    ...     job.result(), job.fallback
    ((3, 1), 'disabled')
    """

    def __init__(
        self, *, enabled: bool = True, preload: tuple[str, ...] = (), deadline: float = DEADLINE
    ) -> None:
        self.deadline = deadline
        self.worker_seconds: float | None = None
        #: ``perf_counter`` stamps: ``created``, ``ready`` (the worker's imports done),
        #: ``submitted``, ``began`` and ``ended`` (the call in the worker), ``received``.
        self.timeline: dict[str, float] = {"created": time.perf_counter()}
        self.fallback: str | None = None if enabled else "disabled"
        self._call: tuple[Callable[..., T], tuple[Any, ...]] | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._answer: Future[tuple[T, float, float]] = Future()
        self._threads: list[threading.Thread] = []
        if enabled and in_worker():
            self.fallback = "already in a worker process"
        elif enabled:
            self._start(preload)

    @property
    def worker_pid(self) -> int | None:
        """The worker's process id (None when no worker was started)."""
        return None if self._proc is None else self._proc.pid

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop(kill=not self._answer.done())

    def _start(self, preload: tuple[str, ...]) -> None:
        env = dict(os.environ)
        env.update({WORKER_ENV: "1", _PATH_ENV: os.pathsep.join(sys.path),
                    _PRELOAD_ENV: ",".join(preload)})  # fmt: skip
        if not sys.executable:  # an embedded interpreter: no Python to start
            self.fallback = "no worker process: no Python executable"
            return
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-c", _PROGRAM], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                env=env,
            )  # fmt: skip
        except (OSError, ValueError) as err:
            self.fallback = f"no worker process: {type(err).__name__}: {err}"
            return
        self._spawn(self._read, self._proc)

    def _spawn(self, target: Callable[..., None], *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        """Reader thread: the worker's ready stamp, then its answer (or why there is none)."""
        assert proc.stdout is not None
        stream = proc.stdout
        try:
            kind, value = pickle.loads(_receive(stream))
            if kind == "ready":
                self.timeline["ready"] = value
                kind, value = pickle.loads(_receive(stream))
            if kind == "ok":
                self._answer.set_result(value)
            else:
                self._answer.set_exception(RuntimeError(str(value)))
        except Exception as err:  # EOF (a dead worker), an answer that cannot be unpickled
            code = proc.poll()
            why = f"{type(err).__name__}: {err}" + ("" if code is None else f" (exit {code})")
            self._answer.set_exception(RuntimeError(why))

    def _write(self, proc: subprocess.Popen[bytes], payload: bytes) -> None:
        """Writer thread: the call, sent while the worker may still be importing."""
        assert proc.stdin is not None
        try:
            _send(proc.stdin, payload)
            proc.stdin.close()
        except OSError:  # a dead worker: the reader reports it
            pass

    def submit(self, func: Callable[..., T], *args: Any) -> None:
        """Start ``func(*args)`` in the worker (a module-level function; picklable arguments
        and result), or keep it for :meth:`result` to run here."""
        self._call = (func, args)
        self.timeline["submitted"] = time.perf_counter()
        if self._proc is None:
            return
        try:
            payload = pickle.dumps((func, args), pickle.HIGHEST_PROTOCOL)
        except Exception as err:  # e.g. a lambda: drawn in the caller
            self._give_up(f"the call cannot be sent: {type(err).__name__}: {err}")
            return
        self._spawn(self._write, self._proc, payload)

    def result(self) -> T:
        """The submitted call's result: from the worker, or computed here if it failed."""
        if self._call is None:
            raise RuntimeError("nothing submitted")
        if self._proc is not None:
            try:
                out, began, ended = self._answer.result(timeout=self.deadline)
                self.timeline.update(began=began, ended=ended, received=time.perf_counter())
                self.worker_seconds = ended - began
                self._stop(kill=True)  # it answered: nothing left to wait for (~0.17 s exit)
                return out
            except TimeoutError:
                self._give_up(f"the worker did not answer within {self.deadline:g} s")
            except Exception as err:  # a dead worker, or an error in the call
                self._give_up(f"the worker failed: {err}")
        func, args = self._call
        return func(*args)

    def _give_up(self, why: str) -> None:
        self.fallback = why
        self._stop(kill=True)

    def _stop(self, *, kill: bool = False) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if kill:
            proc.kill()
        try:  # after its answer the worker exits by itself
            proc.wait(timeout=self.deadline)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for thread in self._threads:  # they end on the closed pipes
            thread.join(self.deadline)
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
