"""analytics.charts.background: a call run in a worker process, with the caller as fallback."""

from __future__ import annotations

import os
import sys
import time

import pytest

from analytics.charts.background import Background, in_worker


def where() -> str:
    """``worker`` in a worker process, ``caller`` in the test process."""
    return "worker" if in_worker() else "caller"


def pid_and_parent() -> tuple[int, bool]:
    return os.getpid(), in_worker()


def main_module() -> str | None:
    """The worker's ``__main__`` script, if it imported one (it must not: it is ``-c``)."""
    return getattr(sys.modules["__main__"], "__file__", None)


def die_in_worker() -> str:
    if in_worker():
        os._exit(3)  # the worker dies without an answer
    return "caller"


def hang_in_worker() -> str:
    if in_worker():
        time.sleep(600)
    return "caller"


def fail_in_worker() -> str:
    if in_worker():
        raise ValueError("only in the worker")
    return "caller"


def nested() -> str | None:
    """A worker asked for a worker of its own draws in itself."""
    with Background[str]() as inner:
        inner.submit(where)
        inner.result()
        return inner.fallback


def test_the_call_runs_in_another_process_and_its_time_is_kept() -> None:
    with Background[tuple[int, bool]]() as job:
        job.submit(pid_and_parent)
        pid, in_child = job.result()
    assert job.fallback is None
    assert pid != os.getpid() and in_child
    assert isinstance(job.worker_seconds, float)  # recorded (its value is not tested)


def test_disabled_runs_in_the_caller() -> None:
    with Background[str](enabled=False) as job:
        job.submit(where)
        assert job.result() == "caller"
    assert job.fallback == "disabled" and job.worker_seconds is None


def test_a_dead_worker_falls_back_to_the_caller() -> None:
    with Background[str]() as job:
        job.submit(die_in_worker)
        assert job.result() == "caller"
    assert job.fallback is not None and job.fallback.startswith("the worker failed")


def test_a_hung_worker_is_stopped_at_the_deadline() -> None:
    """The deadline is a hang guard (1 s for a call that sleeps 600 s), not a timing claim."""
    with Background[str](deadline=1.0) as job:
        pid = job.worker_pid
        job.submit(hang_in_worker)
        assert job.result() == "caller"
    assert job.fallback is not None and "did not answer" in job.fallback
    assert pid is not None
    with pytest.raises(ProcessLookupError):  # killed and reaped
        os.kill(pid, 0)


def test_an_error_in_the_worker_falls_back_to_the_caller() -> None:
    with Background[str]() as job:
        job.submit(fail_in_worker)
        assert job.result() == "caller"
    assert job.fallback is not None and "ValueError: only in the worker" in job.fallback


def test_an_unpicklable_call_runs_in_the_caller() -> None:
    with Background[str]() as job:
        job.submit(lambda: "caller")
        assert job.result() == "caller"
    assert job.fallback is not None and job.fallback.startswith("the call cannot be sent")


def test_the_worker_does_not_import_the_callers_main_module() -> None:
    """A CLI or script main module would make the worker import the whole package first."""
    with Background[str | None]() as job:
        job.submit(main_module)
        assert job.result() is None
    assert job.fallback is None
    stamps = job.timeline
    assert stamps["created"] <= stamps["ready"] <= stamps["ended"] <= stamps["received"]
    assert stamps["submitted"] <= stamps["began"] <= stamps["ended"]


def test_a_worker_never_starts_a_worker() -> None:
    with Background[str | None]() as job:
        job.submit(nested)
        assert job.result() == "already in a worker process"


def test_no_python_to_start_runs_in_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "executable", "")
    with Background[str]() as job:
        job.submit(where)
        assert job.result() == "caller"
    assert job.fallback == "no worker process: no Python executable"
    assert job.worker_pid is None
