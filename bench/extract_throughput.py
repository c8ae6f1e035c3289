#!/usr/bin/env python3
"""Extraction throughput on the ACLED dev notes: documents/s, MB/s, memory, time per stage.

    python bench/extract_throughput.py                   # in-process, all dev docs
    python bench/extract_throughput.py --limit 500 --repeat 3
    python bench/extract_throughput.py --via-cli         # the whole `sitrep extract` command
    python bench/extract_throughput.py ../shared/data/news/train.jsonl            # news reports
    python bench/extract_throughput.py ../shared/data/news/train.jsonl --sizes    # 1 KB .. 1 MB

The documents are built exactly as the scorer's `docs` command builds them (its file is
imported by path), or read from a docs.jsonl it wrote (`--docs`). Runs in one process on
one core; the goals are >= 500 docs/s for ACLED notes and >= 40 docs/s for news-length
reports (over 1,000 characters on average). `--sizes` joins the input texts into documents
of 1 KB, 10 KB, 100 KB and 1 MB and prints the cost per 1,000 words of each, which should
stay flat. Not a test: it prints, it does not assert.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEFAULT_DATASET = SHARED / "data" / "acled" / "dev.jsonl.gz"
SCORER = SHARED / "eval" / "score.py"
GOAL_NOTES_PER_S = 500      # ACLED notes
GOAL_REPORTS_PER_S = 40     # news-length reports
NEWS_LENGTH_CHARS = 1000
SIZES = (1_000, 10_000, 100_000, 1_000_000)


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("sitrep_bench_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def input_rows(args) -> list[dict]:
    """Input documents as the scorer's `docs` command writes them."""
    if args.docs:
        with open(args.docs, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
    else:
        score = load_scorer(args.scorer)
        rows = [score.to_doc(row) for row in score.read_jsonl(str(args.dataset))]
    return rows[: args.limit] if args.limit else rows


def pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass


def bench_in_process(rows: list[dict], repeat: int, trace_memory: bool) -> None:
    from sitrep.extract.pipeline import extract
    from sitrep.model import Document

    docs = [Document.model_validate(r) for r in rows]
    chars = sum(len(d.text) for d in docs)
    nbytes = sum(len(d.text.encode("utf-8")) for d in docs)
    extract(docs[0])  # warm up: lexicons and tables load on first use

    timings: dict[str, float] = {}
    best = float("inf")
    wall = 0.0
    if trace_memory:
        tracemalloc.start()
    for _ in range(repeat):
        t0 = time.perf_counter()
        for doc in docs:
            extract(doc, timings)
        elapsed = time.perf_counter() - t0
        best, wall = min(best, elapsed), wall + elapsed
    traced_peak = tracemalloc.get_traced_memory()[1] if trace_memory else None
    if trace_memory:
        tracemalloc.stop()

    print(f"documents      {len(docs):,} (x{repeat}, best run shown)")
    print(f"mean chars/doc {chars / len(docs):,.0f}")
    print(f"time           {best:.3f} s")
    rate = len(docs) / best
    goal = goal_for(chars / len(docs))
    verdict = "meets" if rate >= goal else "BELOW"
    print(f"docs/s         {rate:,.0f}  ({verdict} the goal of {goal:,})")
    print(f"MB/s           {nbytes / best / 1e6:.2f}")
    print(f"per doc        {best / len(docs) * 1e3:.3f} ms")
    print(f"peak RSS       {peak_rss_mb():,.0f} MB (whole process, incl. the loaded documents)")
    if traced_peak is not None:
        print(f"peak traced    {traced_peak / 1e6:,.1f} MB allocated by Python during extraction "
              f"(tracemalloc slows the run; times above are not comparable)")

    total = sum(timings.values())
    print("\ntime per stage (all runs), largest first:")
    print(f"  {'stage':<12} {'ms/doc':>8} {'share':>7}")
    calls = len(docs) * repeat
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<12} {seconds / calls * 1e3:>8.4f} {seconds / total:>7.1%}")
    overhead = wall - total
    print(f"  {'(records)':<12} {max(overhead, 0) / calls * 1e3:>8.4f}   outside the stages")


def goal_for(mean_chars: float) -> int:
    return GOAL_REPORTS_PER_S if mean_chars > NEWS_LENGTH_CHARS else GOAL_NOTES_PER_S


def bench_sizes(rows: list[dict], repeat: int) -> None:
    """Documents of each size in SIZES made of the input texts one after another (cycling
    when they run out); the cost per 1,000 words should not grow with the size."""
    from sitrep.extract.pipeline import extract
    from sitrep.model import Document

    texts = [r["text"] for r in rows if r.get("text")]
    extract(Document(id="warm", text=texts[0]))
    print(f"{'size':>10} {'docs':>5} {'words/doc':>10} {'s/doc':>8} {'ms/1k words':>12}")
    for size in SIZES:
        docs, i = [], 0
        # As many documents of this size as fit in about 2 MB of text, at least one.
        for n in range(max(1, 2_000_000 // size) if size < 1_000_000 else 1):
            parts, length = [], 0
            while length < size:
                parts.append(texts[i % len(texts)])
                length += len(parts[-1]) + 2
                i += 1
            docs.append(Document(id=f"size-{size}-{n}", text="\n\n".join(parts)[:size],
                                 published=rows[0].get("published")))
        docs = docs[:200]
        words = sum(len(d.text.split()) for d in docs)
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            for doc in docs:
                extract(doc, budget=None)
            best = min(best, time.perf_counter() - t0)
        print(f"{size:>10,} {len(docs):>5} {words / len(docs):>10,.0f} {best / len(docs):>8.3f} "
              f"{best / words * 1e6:>12.2f}")


def bench_via_cli(rows: list[dict], repeat: int) -> None:
    """Time `sitrep extract docs.jsonl -o pred.jsonl` as a subprocess, start-up included."""
    with tempfile.TemporaryDirectory() as tmp:
        docs_path = Path(tmp) / "docs.jsonl"
        with docs_path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        out = Path(tmp) / "pred.jsonl"
        command = [sys.executable, "-m", "sitrep.cli", "extract", str(docs_path), "-o", str(out),
                   "--no-progress"]
        empty = Path(tmp) / "empty.jsonl"
        empty.write_text("")
        startup_command = [*command[:4], str(empty), "-o", str(Path(tmp) / "none.jsonl")]
        startup = min(time_command(startup_command) for _ in range(max(repeat, 3)))
        best = min(time_command(command) for _ in range(repeat))
        produced = sum(1 for _ in out.open(encoding="utf-8"))
        size = docs_path.stat().st_size
    print("command        sitrep extract docs.jsonl -o pred.jsonl (as python -m sitrep.cli)")
    print(f"documents      {len(rows):,} in, {produced:,} out (x{repeat}, best run shown)")
    print(f"time           {best:.3f} s, of which {startup:.3f} s start-up "
          f"(the same command on an empty file)")
    rate = len(rows) / best
    goal = goal_for(sum(len(r["text"]) for r in rows) / len(rows))
    verdict = "meets" if rate >= goal else "BELOW"
    print(f"docs/s         {rate:,.0f}  ({verdict} the goal of {goal:,})")
    if best - startup > 0.01:
        print(f"docs/s         {len(rows) / (best - startup):,.0f} without start-up")
    print(f"MB/s           {size / best / 1e6:.2f} of JSON Lines input")
    print(f"peak RSS       {child_rss_mb():,.0f} MB (largest child process)")


def time_command(command: list[str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", nargs="?", type=Path, default=DEFAULT_DATASET,
                    help=f"ACLED (or news) rows (default: {DEFAULT_DATASET})")
    ap.add_argument("--docs", type=Path, help="read input documents from this docs.jsonl instead")
    ap.add_argument("--scorer", type=Path, default=SCORER, help="path of the scorer's score.py")
    ap.add_argument("--limit", type=int, help="only the first N documents")
    ap.add_argument("--repeat", type=int, default=1, help="run N times, report the best")
    ap.add_argument("--via-cli", action="store_true",
                    help="time the whole `sitrep extract` command, JSON reading/writing included")
    ap.add_argument("--memory", action="store_true", help="also trace Python allocations (slower)")
    ap.add_argument("--all-cores", action="store_true", help="do not pin the process to one core")
    ap.add_argument("--sizes", action="store_true", help="cost per 1,000 words in documents of 1 KB to 1 MB")
    args = ap.parse_args(argv)

    if not args.docs:
        for path, what in ((args.dataset, "dataset"), (args.scorer, "--scorer")):
            if not path.exists():
                ap.error(f"{what} {path} not found: give its path, or --docs docs.jsonl")
    if not args.all_cores:
        pin_to_one_core()
    rows = input_rows(args)
    if not rows:
        ap.error("no documents")
    print(f"sitrep throughput, {dt.datetime.now():%Y-%m-%d %H:%M}, Python {sys.version.split()[0]}, "
          f"{'all cores' if args.all_cores else 'one core'}; input "
          f"{args.docs or args.dataset.name}\n")
    if args.sizes:
        bench_sizes(rows, args.repeat)
    elif args.via_cli:
        bench_via_cli(rows, args.repeat)
    else:
        bench_in_process(rows, args.repeat, args.memory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
