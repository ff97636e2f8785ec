"""Back-fill benchmark: records/s of ``monitor backfill`` with 1 and 2 local workers on a generated WARC.

    python bench/backfill.py [--pages 200] [--workers 1,2] [--repeat 3] [--batch-size 16] [--dask local:2]

The WARC holds ``--pages`` response records made from the real pages of
``../shared/data/extraction/html/*.html.gz`` (``$MONITOR_SHARED_DATA``), cycled, each copy with
24 words of its own as in ``bench/ingest.py``. Every third record is one of the test fixtures'
follow-up stories about the tracked call (``tests/fixtures/backfill``, each with its own words
too), so the judge has something to find. Each run backs the WARC into a fresh database, judged
against ``config/claims.toml``, and prints:

    records/s     records handled per second of the whole run (pool start included)
    per worker    records/s divided by the workers (with one worker per core, the README's
                  capacity figure: each worker's models then get one thread)
    prefilter     share of records the claim-term pre-filter dropped before extraction
    stored        articles stored (duplicates and filtered records are not)
    write ms/rec  the driver's time in SQLite per record handled (the single writer's cost)
    worker MB     the largest peak RSS of any worker process (sampled from /proc)
    peak RSS      of this process (the driver)

Runs with the pre-filter and without it (``prefilter off``: every page extracted and judged,
the cost a cluster spreads). Plain figures, not run in CI.
"""
from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ingest import load_base_pages, page_bytes  # noqa: E402
from monitor.config import parse_config  # noqa: E402
from monitor.run.backfill import BackfillFilters, run_backfill  # noqa: E402
from monitor.store import Store  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
STORIES = sorted((REPO / "tests" / "fixtures" / "backfill").glob("*.html"))


def story_bytes(n: int) -> bytes:
    html = STORIES[n % len(STORIES)].read_bytes()
    marker = " ".join(f"story{n}w{i}" for i in range(24))
    return html.replace(b"</p>", f" [{marker}]</p>".encode(), 1)


def write_warc(path: Path, pages: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    base = load_base_pages()
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(pages):
            body = story_bytes(n) if n % 3 == 0 else page_bytes(base, n)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://site{n % 7}.example/news/{n}", "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-03-01T12:00:00Z"}))


def run_once(folder: Path, warc: Path, workers: int | None, dask: str | None, prefilter: bool,
             batch_size: int) -> dict[str, float]:
    config_path = folder / "config" / "monitor.toml"
    config_path.parent.mkdir(parents=True, exist_ok=True)
    text = f'[database]\npath = "monitor.db"\n[verdicts]\nclaims_file = "{REPO / "config" / "claims.toml"}"\n'
    config_path.write_text(text)
    config = parse_config(text, config_path)
    database = folder / f"run-{time.monotonic_ns()}.db"
    with Store(database) as store:
        summary = run_backfill(config, store, [warc], filters=BackfillFilters(prefilter=prefilter),
                               workers=workers, dask=dask, batch_size=batch_size)
    handled = summary.records - summary.skipped_done
    return {"records_per_s": handled / summary.seconds, "prefilter": summary.filtered["prefilter"] / handled,
            "stored": summary.stored, "alerts": summary.alerts_new, "seconds": summary.seconds,
            "write_ms": 1000 * summary.write_seconds / handled}


class WorkerMemory:
    """Peak RSS (VmHWM) of this process's descendants — the pool's workers are children of
    multiprocessing's fork server, so ``getrusage`` of the children never sees them. Linux only."""

    def __init__(self, every: float = 0.25):
        self.peaks: dict[int, float] = {}
        self.every, self.stop = every, threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> "WorkerMemory":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    @property
    def largest_mb(self) -> float:
        return max(self.peaks.values(), default=0.0)

    def _watch(self) -> None:
        while not self.stop.wait(self.every):
            for pid in _descendants(os.getpid()):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue  # gone
                hwm = next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")), None)
                if hwm is not None:
                    self.peaks[pid] = max(self.peaks.get(pid, 0.0), int(hwm) / 1024)


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def worker_count(workers: int | None, dask: str | None) -> int:
    """How many workers a run had (a remote Dask cluster's are not counted: 1)."""
    if dask:
        return int(dask.removeprefix("local:")) if dask.startswith("local:") else 1
    return workers or os.cpu_count() or 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--workers", default="1,2", help="local worker counts to run, comma-separated")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each setting; medians are printed")
    parser.add_argument("--dask", help="also run on Dask (local:N or a scheduler address)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warc = folder / "bench.warc.gz"
        write_warc(warc, args.pages)
        print(f"{args.pages} records, {warc.stat().st_size / 1e6:.1f} MB WARC.gz; medians of {args.repeat} runs; "
              f"{os.cpu_count()} cores")
        print(f"{'run':<26} {'records/s':>9} {'per worker':>10} {'prefilter':>9} {'stored':>6} {'alerts':>6} "
              f"{'seconds':>7} {'write ms/rec':>12} {'worker MB':>9}")
        runs: list[tuple[str, int | None, str | None]] = [(f"{n} worker{'s' if n > 1 else ''}", n, None)
                                                           for n in map(int, args.workers.split(","))]
        if args.dask:
            runs.append((f"dask {args.dask}", None, args.dask))
        for prefilter in (True, False):
            for name, workers, dask in runs:
                results, memory = [], []
                for _ in range(args.repeat):
                    with WorkerMemory() as watch:
                        results.append(run_once(folder, warc, workers, dask, prefilter, args.batch_size))
                    memory.append(watch.largest_mb)
                r = {key: statistics.median(run[key] for run in results) for key in results[0]}
                count = worker_count(workers, dask)
                label = f"{name}{'' if prefilter else ', prefilter off'}"
                print(f"{label:<26} {r['records_per_s']:>9.1f} {r['records_per_s'] / count:>10.1f} "
                      f"{r['prefilter']:>9.0%} {r['stored']:>6.0f} {r['alerts']:>6.0f} {r['seconds']:>7.1f} "
                      f"{r['write_ms']:>12.2f} {max(memory):>9.0f}", flush=True)
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: driver {me:.0f} MB; 'worker MB' is the largest peak of any worker process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
