"""Back-fill benchmark: records/s of ``monitor backfill`` with 1 and 2 local workers on a generated WARC.

    python bench/backfill.py [--pages 200] [--workers 1,2] [--batch-size 16] [--dask local:2]

The WARC holds ``--pages`` response records made from the real pages of
``../shared/data/extraction/html/*.html.gz`` (``$MONITOR_SHARED_DATA``), cycled, each copy with
24 words of its own as in ``bench/ingest.py``. Every third record is one of the test fixtures'
follow-up stories about the tracked call (``tests/fixtures/backfill``, each with its own words
too), so the judge has something to find. Each run backs the WARC into a fresh database, judged
against ``config/claims.toml``, and prints:

    records/s     records handled per second of the whole run (pool start included)
    prefilter     share of records the claim-term pre-filter dropped before extraction
    stored        articles stored (duplicates and filtered records are not)
    write ms/rec  the driver's time in SQLite per record handled (the single writer's cost)
    peak RSS      of this process (the driver), and of the largest reaped child

Runs with the pre-filter and without it (``prefilter off``: every page extracted and judged,
the cost a cluster spreads). Plain figures, not run in CI.
"""
from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--workers", default="1,2", help="local worker counts to run, comma-separated")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--dask", help="also run on Dask (local:N or a scheduler address)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warc = folder / "bench.warc.gz"
        write_warc(warc, args.pages)
        print(f"{args.pages} records, {warc.stat().st_size / 1e6:.1f} MB WARC.gz")
        print(f"{'run':<22} {'records/s':>9} {'prefilter':>9} {'stored':>6} {'alerts':>6} {'seconds':>7} "
              f"{'write ms/rec':>12}")
        runs: list[tuple[str, int | None, str | None]] = [(f"{n} worker{'s' if n > 1 else ''}", n, None)
                                                           for n in map(int, args.workers.split(","))]
        if args.dask:
            runs.append((f"dask {args.dask}", None, args.dask))
        for prefilter in (True, False):
            for name, workers, dask in runs:
                r = run_once(folder, warc, workers, dask, prefilter, args.batch_size)
                label = f"{name}{'' if prefilter else ', prefilter off'}"
                print(f"{label:<22} {r['records_per_s']:>9.1f} {r['prefilter']:>9.0%} {r['stored']:>6} "
                      f"{r['alerts']:>6} {r['seconds']:>7.1f} {r['write_ms']:>12.2f}", flush=True)
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # The local workers are children of multiprocessing's fork server, not of this process.
    print(f"peak RSS: driver {me:.0f} MB, largest reaped child {children:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
