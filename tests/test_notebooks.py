"""The notebooks run top to bottom (nbclient, kernel python3), show their charts as images and
are committed without outputs.

No timing is asserted here (a busy machine makes any time limit flaky): the kernel timeout is
only a hang guard. How long the notebooks take is measured outside the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
HANG_GUARD_S = 600  # per cell; far above any normal run, only stops a hung kernel


def test_both_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01_quickstart.ipynb", "02_duckdb_sql.ipynb"]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_shows_charts(path: Path, tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code), (
        f"{path.name} must be committed without outputs"
    )
    client = nbclient.NotebookClient(
        nb,
        kernel_name="python3",
        timeout=HANG_GUARD_S,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    outputs = [o for c in code for o in c.outputs]
    errors = [o for o in outputs if o.output_type == "error"]
    assert errors == []
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert images, f"{path.name}: no chart displayed as an image"
    figure_reprs = [
        o for o in outputs if str(o.get("data", {}).get("text/plain", "")).startswith("<Figure")
    ]
    assert len(figure_reprs) == len(images)  # every Figure shown came with its picture
    text = "\n".join(
        str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs
    )
    assert "SYNTHETIC" in text or "synthetic" in text
