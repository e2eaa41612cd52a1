"""One error path: every failure is one sentence naming the resource, a documented exit code,
no traceback, and the data as it was (rows counted before and after)."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner, Result

from analytics.cli import app
from analytics.cli._output import ExitCode
from analytics.store import Store

FIX = Path(__file__).parents[1] / "fixtures"
BASIC = FIX / "canonical" / "basic.csv"
runner = CliRunner()

#: A second process that holds the database open for writing until told to stop.
HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def run(*args: str | Path) -> Result:
    """Invoke the CLI; assert it ended through the error path (an exit code, no traceback)."""
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result


def one_sentence(result: Result) -> str:
    """The failure message, which must be a single line on stderr."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def counts(db: Path) -> tuple[int, int, int, int]:
    """Ingests, incident revisions, quarantined rows and alerts in ``db``."""
    with Store(db, read_only=True) as s:
        return s.query(
            """select (select count(*) from ingests), (select count(*) from incident_revisions),
                      (select count(*) from quarantine), (select count(*) from alerts)"""
        ).row(0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "strikes.duckdb"
    assert run("ingest", "csv", BASIC, "--db", path).exit_code == 0
    assert counts(path) == (1, 5, 6, 0)  # basic.csv: 11 rows, 5 accepted, 6 quarantined
    return path


def hold(db: Path, seconds: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


# -- the database ---------------------------------------------------------------------------
def test_a_second_writer_gets_database_busy_and_changes_nothing(db: Path) -> None:
    before = counts(db)
    proc = hold(db, 120)
    try:
        for argv in (
            ["ingest", "csv", BASIC],
            ["status"],
            ["export", "--parquet", db.parent / "pq"],
            ["report", "--out", db.parent / "reports", "--as-of", "2024-03-03", "--format", "md"],
            ["forecast", "--metric", "incidents"],
        ):
            result = run(*argv, "--db", db)
            assert result.exit_code == ExitCode.DB_BUSY == 5, result.output
            message = one_sentence(result)
            assert "in use by another process" in message and str(db) in message
            assert f"process {proc.pid}" in message and "--wait" in message
        waited = run("ingest", "csv", BASIC, "--db", db, "--wait", "0.5")  # runs out
        assert waited.exit_code == ExitCode.DB_BUSY
        assert waited.stderr.startswith("waiting up to 0.5 s: the database")
        assert waited.stderr.splitlines()[-1].startswith("database busy: ")
    finally:
        proc.kill()
        proc.communicate(timeout=60)
    assert counts(db) == before
    assert not (db.parent / "pq").exists() and not (db.parent / "reports" / "week").exists()


def test_wait_retries_until_the_other_writer_has_finished(db: Path) -> None:
    proc = hold(db, 1.5)
    try:
        result = run("ingest", "csv", BASIC, "--db", db, "--wait", "300")
    finally:
        proc.communicate(timeout=300)
    assert result.exit_code == 0, result.output
    assert "waiting up to 300 s" in result.stderr
    assert counts(db) == (2, 5, 12, 0)  # one more ingest: nothing new, its 6 rows quarantined


@pytest.mark.parametrize(
    "content",
    [b"", b"SQLite format 3\x00" + bytes(4000), b"source,occurred_on\nx,2024-01-01\n"],
    ids=["empty", "sqlite", "csv"],
)
def test_a_file_that_is_not_duckdb_is_refused_and_left_as_it_was(
    tmp_path: Path, content: bytes
) -> None:
    bad = tmp_path / "not.duckdb"
    bad.write_bytes(content)
    for argv in (
        ["ingest", "csv", BASIC],
        ["status"],
        ["report", "--out", tmp_path / "reports", "--format", "md"],
        ["forecast", "--metric", "incidents"],
        ["export", "--parquet", tmp_path / "pq"],
    ):
        result = run(*argv, "--db", bad)
        assert result.exit_code == ExitCode.DB_UNUSABLE == 6, (argv, result.output)
        message = one_sentence(result)
        assert str(bad) in message and "not a DuckDB database" in message
    assert bad.read_bytes() == content
    assert not (tmp_path / "reports" / "latest").exists() and not (tmp_path / "pq").exists()


def test_a_damaged_database_is_refused_and_left_as_it_was(db: Path) -> None:
    raw = bytearray(db.read_bytes())
    raw[8192:20000] = bytes(b ^ 0xFF for b in raw[8192:20000])  # flip the first data blocks
    db.write_bytes(bytes(raw))
    before = digest(db)
    for argv in (["status"], ["ingest", "csv", BASIC]):
        result = run(*argv, "--db", db)
        assert result.exit_code == ExitCode.DB_UNUSABLE, result.output
        assert "is damaged" in one_sentence(result)
    assert digest(db) == before


def test_db_pointing_at_a_directory_is_refused_and_nothing_is_created(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for argv in (["ingest", "csv", BASIC], ["status"], ["fetch", "alerts"]):
        result = run(*argv, "--db", folder)
        assert result.exit_code == ExitCode.DB_UNUSABLE, result.output
        assert f"{folder} is a directory" in one_sentence(result)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("error", "named"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "/tmp/x.wal"), "/tmp/x.wal"),
        (duckdb.IOException('IO Error: Could not write "x.wal": No space left on device'), "db"),
    ],
    ids=["oserror", "duckdb"],
)
def test_a_full_disk_rolls_the_ingest_back(
    db: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, named: str
) -> None:
    before = counts(db)
    other = FIX / "alerts" / "official_en.csv"

    def full(*args: object, **kwargs: object) -> object:  # inside the transaction, after writes
        raise error

    monkeypatch.setattr("analytics.store.ingest.IngestResult", full)
    result = run("ingest", "alerts", other, "--db", db)
    assert result.exit_code == ExitCode.NO_SPACE == 7, result.output
    message = one_sentence(result)
    assert "is full" in message and (str(db) if named == "db" else named) in message
    assert counts(db) == before


def test_an_unexpected_error_is_one_sentence_not_a_traceback(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = counts(db)

    def broken(*args: object, **kwargs: object) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("analytics.store.ingest.IngestResult", broken)
    result = run("ingest", "alerts", FIX / "alerts" / "official_en.csv", "--db", db)
    assert result.exit_code == ExitCode.ERROR
    message = one_sentence(result)
    assert (
        message.startswith("internal error: unexpected RecursionError") and "report it" in message
    )
    assert counts(db) == before


@pytest.mark.parametrize(
    ("error", "code", "said"),
    [
        (PermissionError(errno.EACCES, "Permission denied", "/srv/x.wal"), ExitCode.ERROR,
         "error: cannot use /srv/x.wal: Permission denied; check the path and its permissions"),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED,
         "error: interrupted; nothing was left half-written"),
    ],
    ids=["permission", "interrupt"],
)  # fmt: skip
def test_os_errors_and_interrupts_roll_back_with_their_code(
    db: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, code: ExitCode, said: str
) -> None:
    before = counts(db)

    def failing(*args: object, **kwargs: object) -> object:
        raise error

    monkeypatch.setattr("analytics.store.ingest.IngestResult", failing)
    result = run("ingest", "alerts", FIX / "alerts" / "official_en.csv", "--db", db)
    assert result.exit_code == code
    assert one_sentence(result) == said
    assert counts(db) == before


def test_a_file_where_a_folder_is_needed_is_named(db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x", encoding="utf-8")
    for argv in (
        ["ingest", "csv", BASIC, "--db", blocker / "new.duckdb"],
        ["report", "--db", db, "--out", blocker / "reports", "--format", "md"],
    ):
        result = run(*argv)
        assert result.exit_code == ExitCode.ERROR
        assert one_sentence(result).startswith(
            f"error: {blocker} is a file where a folder is needed"
        )
    assert blocker.read_text(encoding="utf-8") == "x"


# -- inputs ---------------------------------------------------------------------------------
def test_a_missing_input_creates_no_database(tmp_path: Path) -> None:
    new = tmp_path / "new.duckdb"
    result = run("ingest", "csv", BASIC, tmp_path / "missing.csv", "--db", new)
    assert result.exit_code == ExitCode.BAD_INPUT
    message = one_sentence(result)
    assert "missing.csv" in message and "file not found" in message
    assert not new.exists() and not new.with_name(new.name + ".wal").exists()


def test_a_missing_mapping_creates_no_database(tmp_path: Path) -> None:
    new = tmp_path / "new.duckdb"
    mapped = FIX / "mapped" / "volunteers.csv"
    result = run("ingest", "mapped", mapped, "--mapping", tmp_path / "gone.toml", "--db", new)
    assert result.exit_code == ExitCode.BAD_INPUT and "gone.toml" in one_sentence(result)
    assert not new.exists()


def test_a_toml_mapping_with_a_number_for_timezone_is_refused(db: Path, tmp_path: Path) -> None:
    before = counts(db)
    toml = (FIX / "mapped" / "volunteers.toml").read_text(encoding="utf-8")
    lines = [ln for ln in toml.splitlines() if not ln.strip().startswith("timezone")]
    section = next(i for i, ln in enumerate(lines) if ln.strip().startswith("["))
    lines.insert(section, "timezone = 5")  # a top-level key, before the first table
    bad = tmp_path / "bad.toml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("ingest", "mapped", FIX / "mapped" / "volunteers.csv", "--mapping", bad,
                 "--db", db)  # fmt: skip
    assert result.exit_code == ExitCode.BAD_INPUT, result.output
    message = one_sentence(result)
    assert "bad.toml" in message and "timezone" in message and "Nothing was written" in message
    assert counts(db) == before


def test_deeply_nested_json_in_a_bulletin_is_refused(db: Path, tmp_path: Path) -> None:
    before = counts(db)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = run("ingest", "bulletin", deep, "--db", db)
    assert result.exit_code == ExitCode.BAD_INPUT, result.output
    message = one_sentence(result)
    assert "deep.json" in message and "nested too deeply" in message
    assert counts(db) == before


def test_an_absurd_horizon_is_refused(db: Path) -> None:
    result = run("forecast", "--metric", "incidents", "--horizon", "99999999999999999999",
                 "--db", db)  # fmt: skip
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "horizon must be between 1 and 52 weeks" in one_sentence(result)


def test_fetch_url_must_be_http(tmp_path: Path) -> None:
    result = run("fetch", "ucdp", "--url", "file:///etc/passwd", "--dest", tmp_path / "raw")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert "not an http(s) address" in one_sentence(result)
    assert not (tmp_path / "raw").exists()


# -- reports --------------------------------------------------------------------------------
def test_report_out_that_is_a_file_is_refused(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.write_text("keep me", encoding="utf-8")
    result = run("report", "--db", db, "--out", out, "--as-of", "2024-03-03", "--format", "md")
    assert result.exit_code == ExitCode.BAD_INPUT
    assert f"--out {out} is a file" in one_sentence(result)
    assert out.read_text(encoding="utf-8") == "keep me"


def test_report_out_that_is_a_dangling_symlink_is_refused(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.symlink_to(tmp_path / "elsewhere")
    result = run("report", "--db", db, "--out", out, "--as-of", "2024-03-03", "--format", "md")
    assert result.exit_code == ExitCode.BAD_INPUT
    message = one_sentence(result)
    assert str(out) in message and "does not exist" in message
    assert out.is_symlink() and not (tmp_path / "elsewhere").exists()


# -- as a user runs it ----------------------------------------------------------------------
@pytest.mark.cli
def test_console_script_failure_is_one_line_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "x.duckdb"
    bad.write_bytes(b"not a database")
    exe = Path(sys.executable).parent / "strike-analytics"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRIKE_ANALYTICS_")}
    env["COLUMNS"] = "40"  # narrow: a message is never wrapped, whatever the width
    done = subprocess.run(
        [str(exe), "status", "--db", str(bad)], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == ExitCode.DB_UNUSABLE
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and str(bad) in done.stderr
    assert "Traceback" not in done.stderr
