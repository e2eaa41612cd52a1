"""Benchmark: the cost of the nested choice to average calibrated forecasts (round 11).

Run: ``.venv/bin/python benchmarks/bench_vincent.py [--data ../shared/data] [--repeats 3]``.

Publishes from every origin of the last year of the real launched and alert-hours series
(the rolling-origin scores computed once), with the choice to average (``AVERAGE_MAX`` 2)
and without it (1), interleaved, and prints the CPU time of each and their ratio.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from bench_forecast_skill import ROOT, alerts, attacks

import analytics.modelling.selection as selection
from analytics.modelling.backtest import score_series


def _publish_all(scored: dict[str, tuple], seed: int) -> int:
    """Publish from every scored origin of every series; how many were averaged."""
    averaged = 0
    for scores, _, origins in scored.values():
        for t in origins:
            pub = selection.publish(scores, t, window=selection.WINDOW["week"], n_sims=1000,
                                    rng=np.random.default_rng(seed), coverage=False)  # fmt: skip
            averaged += "quantile average with" in pub.reason
    return averaged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    series = {**alerts(args.data), **attacks(args.data)}
    scored: dict[str, tuple] = {}
    for name in ("launched national", "alert hours national"):
        got = score_series(series[name], freq="week", horizon=4, n_origins=52, n_sims=1000,
                           continuous=name.startswith("alert hours"))  # fmt: skip
        scored[name] = got["UA"]
    times: dict[int, list[float]] = {1: [], 2: []}
    counts: dict[int, int] = {}
    for _ in range(args.repeats):
        for k in (1, 2):  # interleaved: the machine's load hits both alike
            selection.AVERAGE_MAX = k  # type: ignore[misc]
            start = time.process_time()
            counts[k] = _publish_all(scored, 0)
            times[k].append(time.process_time() - start)
    base, new = min(times[1]), min(times[2])
    n = sum(len(o) for _, _, o in scored.values())
    print(
        f"{n} published forecasts; averaged: {counts[2]} (with the choice), {counts[1]} (without)"
    )
    print(f"CPU without the choice {base:.2f} s, with it {new:.2f} s: ratio {new / base:.2f}")


if __name__ == "__main__":
    main()
