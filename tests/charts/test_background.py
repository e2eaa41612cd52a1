"""analytics.charts.background: a call run in a worker process, with the caller as fallback."""

from __future__ import annotations

import multiprocessing as mp
import os
import time

from analytics.charts.background import Background


def where() -> str:
    """``worker`` in a multiprocessing child, ``caller`` in the test process."""
    return "caller" if mp.parent_process() is None else "worker"


def pid_and_parent() -> tuple[int, bool]:
    return os.getpid(), mp.parent_process() is not None


def die_in_worker() -> str:
    if mp.parent_process() is not None:
        os._exit(3)  # the worker dies without an answer
    return "caller"


def hang_in_worker() -> str:
    if mp.parent_process() is not None:
        time.sleep(600)
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
    before = set(mp.active_children())
    with Background[str](deadline=1.0) as job:
        job.submit(hang_in_worker)
        assert job.result() == "caller"
    assert job.fallback is not None and "did not answer" in job.fallback
    left = set(mp.active_children()) - before
    for proc in left:  # terminated: gone once joined (a hang guard, not a timing claim)
        proc.join(30)
    assert not [p for p in left if p.is_alive()]


def test_a_worker_never_starts_a_worker() -> None:
    with Background[str | None]() as job:
        job.submit(nested)
        assert job.result() == "already in a worker process"
