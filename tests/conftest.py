"""Shared test fixtures: temporary stores, the real-data folder, canonical CSV fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import matplotlib
import pytest
from hypothesis import settings

matplotlib.use("Agg")

# No per-example deadline (a shared 2-core machine makes timings noisy; tests do not time
# things) and no example database written into the source tree. The examples are the same on
# every run (`make test` and CI pass or fail together); HYPOTHESIS_PROFILE=explore draws new
# ones, to look for what the fixed ones miss.
settings.register_profile(
    "strike-analytics", deadline=None, database=None, print_blob=True, derandomize=True
)
settings.register_profile("explore", deadline=None, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "strike-analytics"))

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The folder of real public datasets; tests using it skip where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real datasets not found at {SHARED_DATA} (a clone without ../shared/data)")
    return SHARED_DATA


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[object]:
    from analytics.store import Store

    with Store(db_path) as s:
        yield s


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep tests from reading a user's STRIKE_ANALYTICS_* settings."""
    for key in list(os.environ):
        if key.startswith("STRIKE_ANALYTICS_"):
            monkeypatch.delenv(key)


@pytest.fixture(scope="session")
def demo120_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding 120 days of the SYNTHETIC demo incidents (one ingest); read it only."""
    from analytics.demo import write_demo
    from analytics.store import Store

    tmp = tmp_path_factory.mktemp("demo120")
    db = tmp / "demo.duckdb"
    with Store(db) as store:
        store.ingest_file("csv", write_demo(tmp / "sample", days=120))
    return db
