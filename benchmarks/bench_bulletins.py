"""Bulletin extraction: precision and recall per language and field on the real corpus (blind
part first, then development), the fictional corpora, time on pathological text, throughput.

Run with ``python benchmarks/bench_bulletins.py [--repeat N] [--size CHARS] [--dev-only]
[--from-batch N]`` (``--dev-only``: the development split and throughput only, for use while
tuning rules; ``--from-batch N``: the first table scores the gathering batches numbered N and
later, as ``real/batches.json`` names them; default: each language's newest batch).

- ``tests/fixtures/bulletins/real/blind/`` and ``real/dev/``: real news excerpts labelled by
  hand (see ``docs/bulletin_labelling.md``). Rules are tuned on ``dev`` only; ``blind`` is only
  scored, and printed first: the newest gathering batch's blind part on its own (listed in
  ``real/batches.json``; gathered last, from other sites: the closest estimate for text the
  project has never seen), then the whole blind part. Dates count as correct within one day.
- ``tests/fixtures/bulletins/*.txt`` and ``holdout*/``: the fictional corpora the rules were
  first written on (exact dates; their blind history is in their README).
- Pathological text: 1 MB (``--size``) of repeated number words, full stops, digits and
  "died", each timed against 1 MB of ordinary bulletin prose in the same run (the figure
  printed is the ratio; target <= 2).
- Throughput: ordinary bulletins extracted per second on one core (target >= 500).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from pathlib import Path

import polars as pl

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents, score_extraction
from analytics.sources.bulletin import Bulletin, read_bulletins

__all__ = ["main", "pathological_times", "score_folder", "throughput"]

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "bulletins"
REAL = CORPUS / "real"
LANGS = ("en", "ro", "ru", "uk")
#: Units repeated to the test size: each was quadratic before (issue 14, item 1).
PATHOLOGICAL = {"number words": "two, ", "full stops": ".", "digits": "7", "died": "died "}


#: Each language's gathering batches (real/batches.json): first file numbers and batch numbers.
BATCHES: dict[str, dict[str, list[int]]] = json.loads(
    (REAL / "batches.json").read_text(encoding="utf-8")
)


def newest_starts(from_batch: int | None = None) -> dict[str, int]:
    """Per language, the first file number of gathering batch ``from_batch`` or the first later
    one it has (``None``: its newest batch); a language with no such batch is left out."""
    since = {}
    for lang, starts in BATCHES["starts"].items():
        if from_batch is None:
            since[lang] = starts[-1]
            continue
        later = [
            s for s, n in zip(starts, BATCHES["batches"][lang], strict=True) if n >= from_batch
        ]
        if later:
            since[lang] = later[0]
    return since


def _load(
    folder: Path, lang: str | None = None, since: dict[str, int] | None = None
) -> list[tuple[Bulletin, list[dict[str, object]]]]:
    out: list[tuple[Bulletin, list[dict[str, object]]]] = []
    for path in sorted(folder.glob("*.txt")):
        if lang is not None and not path.name.startswith(f"{lang}_"):
            continue
        text_lang, number = path.name.split("_")[:2]
        if since is not None and (text_lang not in since or int(number) < since[text_lang]):
            continue
        bulletins, _ = read_bulletins(path)
        labels = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        out.extend((b, labels["incidents"]) for b in bulletins)
    return out


def score_folder(
    folder: Path, lang: str | None = None, tolerance: int = 0, since: dict[str, int] | None = None
) -> pl.DataFrame:
    """Per-field precision and recall of the extraction on one labelled folder (``since``:
    only its texts numbered from these first numbers per language, see :func:`newest_starts`)."""
    pairs = []
    for b, labels in _load(folder, lang, since):
        df = extract_incidents(b.text, published_at=b.published_at, url=b.url, lang=b.lang)
        pairs.append((final_incidents(df), labels))
    return score_extraction(pairs, date_tolerance_days=tolerance)


def _real_table(split: str, since: dict[str, int] | None = None) -> pl.DataFrame:
    """Precision and recall per field (rows) and language (columns) of one real split."""
    wanted = ["incident", "settlement", "strike_type", "killed", "injured", "oblast", "date"]
    parts = []
    for lang in (*LANGS, None):
        folder = REAL / split
        n = len(_load(folder, lang, since))
        scores = score_folder(folder, lang, 1, since).filter(pl.col("field").is_in(wanted))
        name = f"{lang or 'all'} ({n})"
        cell = pl.format("{} / {}", pl.col("precision").round(2), pl.col("recall").round(2))
        # no text scored: no figure (the scorer's 1.0 / 1.0 of an empty set means nothing)
        parts.append(scores.select("field", (cell if n else pl.lit("n/a")).alias(name)))
    out = parts[0]
    for p in parts[1:]:
        out = out.join(p, on="field", how="left", maintain_order="left")
    order = {f: i for i, f in enumerate(wanted)}
    return out.sort(pl.col("field").replace_strict(order))


def _prose(size: int) -> str:
    texts = [b.text for b, _ in _load(CORPUS)]
    joined = "\n".join(texts)
    return (joined * (size // len(joined) + 1))[:size]


def _timed(text: str) -> float:
    start = time.perf_counter()
    extract_incidents(text, published_at=dt.datetime(2025, 3, 14, 6, 30), lang="en")
    return time.perf_counter() - start


def pathological_times(size: int) -> tuple[float, dict[str, float]]:
    """Seconds for ``size`` characters of ordinary prose and of each pathological text."""
    _timed("Two people were injured in a drone strike on Kharkiv.")  # load the gazetteer
    prose = _timed(_prose(size))
    return prose, {
        name: _timed((unit * (size // len(unit) + 1))[:size]) for name, unit in PATHOLOGICAL.items()
    }


def throughput(folder: Path, repeat: int = 5) -> float:
    """Bulletins extracted per second (language detection included)."""
    bulletins = [b for b, _ in _load(folder)]
    start = time.perf_counter()
    for _ in range(repeat):
        for b in bulletins:
            extract_incidents(b.text, published_at=b.published_at, url=b.url)
    return repeat * len(bulletins) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes for the throughput run")
    parser.add_argument("--size", type=int, default=1_000_000, help="characters per timed text")
    parser.add_argument(
        "--dev-only",
        action="store_true",
        help="score only real/dev (never blind) and throughput: for use while tuning",
    )
    parser.add_argument(
        "--from-batch",
        type=int,
        default=None,
        metavar="N",
        help="score gathering batches N and later apart (first table; default: the newest)",
    )
    args = parser.parse_args(argv)
    pl.Config.set_tbl_hide_dataframe_shape(True)
    pl.Config.set_tbl_rows(20)
    pl.Config.set_tbl_width_chars(120)
    if not args.dev_only and (REAL / "blind").is_dir():
        since = newest_starts(args.from_batch)
        if not since:
            parser.error(f"no gathering batch {args.from_batch} or later in real/batches.json")
        numbers = ", ".join(f"{lang} >= {first}" for lang, first in sorted(since.items()))
        which = "newest" if args.from_batch is None else f"{args.from_batch} and later"
        print(f"\nreal/blind, gathering batches {which} only ({numbers};")
        print("gathered last, from other sites, never opened: the closest estimate for unseen")
        print("text; date +-1 day)")
        print(_real_table("blind", since))
    for split in ("dev",) if args.dev_only else ("blind", "dev"):
        if (REAL / split).is_dir():
            print(f"\nreal/{split}: precision / recall per field and language (date +-1 day)")
            print(_real_table(split))
    folders = (
        ("fictional corpus", CORPUS),
        ("holdout", CORPUS / "holdout"),
        ("holdout2", CORPUS / "holdout2"),
        ("holdout3", CORPUS / "holdout3"),
    )
    for name, folder in () if args.dev_only else folders:
        n = len(list(folder.glob("*.txt")))
        print(f"\n{name}: {n} bulletins ({folder}), exact dates")
        print(score_folder(folder).with_columns(pl.col("precision", "recall").round(3)))
    rate = throughput(CORPUS, repeat=args.repeat)
    print(f"\nthroughput: {rate:,.0f} bulletins/s over {args.repeat} passes of the corpus")
    if args.dev_only:
        return
    prose, times = pathological_times(args.size)
    print(f"\n{args.size:,} characters of ordinary bulletin prose: {prose:.2f} s")
    for name, secs in times.items():
        print(f"{args.size:,} characters of {name}: {secs:.2f} s = {secs / prose:.2f}x prose")


if __name__ == "__main__":
    main()
