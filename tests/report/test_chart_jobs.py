"""Chart jobs shared by two processes: each job drawn once, by whoever claims it first."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from analytics.report.charts import ChartJob, draw_jobs


def _square(label: str) -> Figure:
    fig = Figure(figsize=(1.0, 1.0), dpi=50)
    fig.add_subplot().set_title(label)
    return fig


def _jobs(n: int) -> list[ChartJob]:
    return [ChartJob(f"k{i}", f"T{i}", f"C{i}", _square, {"label": str(i)}) for i in range(n)]


def test_without_claims_every_job_is_drawn_in_order(tmp_path: Path) -> None:
    drawn = draw_jobs(_jobs(3))
    assert sorted(drawn) == [0, 1, 2]
    assert [drawn[i].key for i in range(3)] == ["k0", "k1", "k2"]
    assert all(c.png.startswith(b"\x89PNG") for c in drawn.values())


def test_forward_and_backward_runs_share_the_jobs_once(tmp_path: Path) -> None:
    """The other process (forward) claimed jobs 0 and 1 already: the backward run draws 4, 3
    and 2, then finds 1 claimed and stops; a forward run now finds 0 claimed at once."""
    jobs = _jobs(5)
    for i in (0, 1):
        (tmp_path / str(i)).touch()
    back = draw_jobs(jobs, claims=tmp_path, backwards=True)
    assert sorted(back) == [2, 3, 4]
    assert draw_jobs(jobs, claims=tmp_path) == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0", "1", "2", "3", "4"]


def test_a_job_drawn_by_either_run_has_the_same_bytes(tmp_path: Path) -> None:
    jobs = _jobs(2)
    here = draw_jobs(jobs)
    (tmp_path / "0").touch()
    shared = draw_jobs(jobs, claims=tmp_path, backwards=True)
    assert list(shared) == [1]
    assert shared[1] == here[1]
