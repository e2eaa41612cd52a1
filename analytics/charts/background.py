"""Drawing in a worker process while the caller does other work (the report's models).

:class:`Background` runs one picklable call in a single worker process of a
:class:`~concurrent.futures.ProcessPoolExecutor` started with the ``forkserver`` method: the
worker is forked from a clean server process that imported the drawing code once, not from
the caller, whose polars and DuckDB thread pools a plain ``fork`` would copy in an unknown
state. Matplotlib in the worker uses the Agg canvas (charts here never touch pyplot), so the
worker draws the same pixels the caller would: same input, same bytes.

Like every ``forkserver`` or ``spawn`` child, the worker imports the caller's ``__main__``
module again: a script must keep its work under ``if __name__ == "__main__":``, which is why
callers opt in. A worker never starts a worker of its own.

When no pool can start (no ``forkserver`` on the platform, no processes allowed), when the
worker dies, or when it does not answer within the deadline, :meth:`Background.result` runs the
call in the caller instead (and stops the worker it started): the result is the same, only
slower. The seconds the worker spent are kept in :attr:`Background.worker_seconds`.
"""

from __future__ import annotations

import multiprocessing as mp
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Final, Generic, TypeVar

__all__ = ["Background", "DEADLINE"]

T = TypeVar("T")

#: Seconds to wait for the worker before drawing in the caller instead (a hang, not a pace).
DEADLINE: Final = 300.0


def _timed(func: Callable[..., T], args: tuple[Any, ...]) -> tuple[T, float]:
    t0 = time.perf_counter()
    out = func(*args)
    return out, time.perf_counter() - t0


class Background(Generic[T]):
    """A worker process started early; :meth:`submit` one call, :meth:`result` collects it.

    The worker is started at construction, from a thread (it imports ``preload`` while the
    caller goes on with other work), so create it as early as possible and submit once the
    arguments are known. Use it as a context manager: leaving the block stops the worker.

    Parameters
    ----------
    enabled
        ``False`` starts nothing: :meth:`result` calls the submitted function in the caller.
    preload
        Modules the fork server imports once, so the worker starts with them loaded.
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
        self.fallback: str | None = None if enabled else "disabled"
        self._call: tuple[Callable[..., T], tuple[Any, ...]] | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[tuple[T, float]] | None = None
        self._workers: set[Any] = set()
        self._starter: threading.Thread | None = None
        if enabled and mp.parent_process() is not None:
            self.fallback = "already in a worker process"  # never a worker of a worker
        elif enabled:  # starting blocks until the fork server has imported ``preload``
            self._starter = threading.Thread(target=self._start, args=(preload,), daemon=True)
            self._starter.start()

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self._started()
        self._stop(kill=self._future is None or not self._future.done())

    def _start(self, preload: tuple[str, ...]) -> None:
        try:
            ctx = mp.get_context("forkserver")
            if preload:
                ctx.set_forkserver_preload(list(preload))
            before = set(mp.active_children())
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
            self._pool.submit(int)  # starts the worker now: it loads while the caller works
            self._workers = set(mp.active_children()) - before
        except (OSError, ValueError, RuntimeError, ImportError) as err:
            self._give_up(f"no worker process: {type(err).__name__}: {err}")

    def submit(self, func: Callable[..., T], *args: Any) -> None:
        """Start ``func(*args)`` in the worker (a module-level function; picklable arguments
        and result), or keep it for :meth:`result` to run here."""
        self._call = (func, args)
        self._started()
        if self._pool is not None:
            try:
                self._future = self._pool.submit(_timed, func, args)
            except (OSError, RuntimeError) as err:  # a worker that died while starting
                self._give_up(f"the worker failed: {type(err).__name__}: {err}")

    def result(self) -> T:
        """The submitted call's result: from the worker, or computed here if it failed."""
        if self._call is None:
            raise RuntimeError("nothing submitted")
        if self._future is not None:
            try:
                out, self.worker_seconds = self._future.result(timeout=self.deadline)
                self._stop()
                return out
            except TimeoutError:
                self._give_up(f"the worker did not answer within {self.deadline:g} s")
            except Exception as err:  # a dead worker, or an error unpickling its answer
                self._give_up(f"the worker failed: {type(err).__name__}: {err}")
        func, args = self._call
        return func(*args)

    def _started(self) -> None:
        """Wait for the thread that starts the worker (at most the deadline)."""
        if self._starter is not None:
            self._starter.join(self.deadline)
            if self._starter.is_alive():
                self.fallback = f"the worker did not start within {self.deadline:g} s"
                self._pool = None  # left to the starting thread; nothing is sent to it
            self._starter = None

    def _give_up(self, why: str) -> None:
        self.fallback = why
        self._stop(kill=True)

    def _stop(self, *, kill: bool = False) -> None:
        if kill:
            for proc in self._workers:
                proc.terminate()
        if self._pool is not None:
            self._pool.shutdown(wait=not kill, cancel_futures=True)
        self._pool, self._future, self._workers = None, None, set()
