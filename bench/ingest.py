"""Ingest benchmark: one poll cycle over N feeds × M article pages served from loopback.

    python bench/ingest.py [--feeds 200] [--pages 2000] [--repeat 3] [--extract-workers K]
                           [--compare-in-process] [--hosts 8] [--bare-sample N]

Pages are the real pages of ``../shared/data/extraction/html/*.html.gz`` (``$MONITOR_SHARED_DATA``), cycled; each copy
gets 24 words of its own inside one of its article paragraphs, so that copies of one page are
different articles (copies of pages where no paragraph survives extraction come out as
duplicates, as syndicated copies would). The feeds and pages are served by
``ThreadingHTTPServer``s in a separate process (so the server does not compete for this
process's GIL), one per loopback address 127.0.0.1 … 127.0.0.K, so the per-host limit applies
as it would to K sites. Each repeat runs ``monitor.run.pipeline.run_cycle`` into a new temporary
database and prints:

    feeds/s      feeds polled per second of the feed stage
    articles/s   pages fetched + extracted + stored per second of the article stage
    extraction   CPU seconds inside extraction (all processes), and their share of the
                 cycle's CPU time (this process + the extraction processes; not the server)
    bare         trafilatura.extract() alone, one process, on the same pages: pages/s
    peak RSS     of this process, and of the largest reaped child (the page server; the
                 extraction processes belong to multiprocessing's fork server)

With ``--repeat`` above 1 the medians follow. ``--compare-in-process`` also runs each cycle
with extraction in the main process (``extract_workers=0``) to show what the process pool buys.

``--lsh-scaling`` instead measures grouping new articles into independent sources
(``monitor.ingest.sources``): the MinHash LSH index is built from 100 and from 100,000 stored
signatures (synthetic: random hash values, as unrelated texts give), then the same new articles
(real-sized texts, every second one a syndicated copy of the one before) are grouped and
indexed one by one, in rounds alternating between the sizes; it prints the cost per new article
at both sizes and their ratio (about 1: a band lookup, not a comparison with every stored
article), and the one-off build cost. Measured 2026-11-23 on the shared 2-core machine: 104 µs
at 100 and 107 µs at 100,000 (medians of 7 × 500, ratio 1.03); build 12.5 s for 100,000.
"""
from __future__ import annotations

import argparse
import gzip
import http.server
import multiprocessing
import re
import resource
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from ipaddress import ip_network
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.config import Config, FeedConfig, FetchSettings, PollingSettings  # noqa: E402
from monitor.errors import ExtractionError  # noqa: E402
from monitor.ingest.extract import extract_article  # noqa: E402
from monitor.run.pipeline import run_cycle  # noqa: E402
from monitor.store import Store  # noqa: E402

from bench.shared import shared_data_dir  # noqa: E402

PAGES_DIR = shared_data_dir() / "extraction" / "html"
# A paragraph of at least 200 characters with no nested <p>: where the per-copy marker goes.
PARAGRAPH = re.compile(rb"<p(?:\s[^>]*)?>(?:(?!</?p[\s>]).){200,4000}?</p>", re.S | re.I)


# -- the pages -----------------------------------------------------------------------------

@dataclass
class BasePage:
    html: bytes
    marker_at: int | None  # byte offset where a copy's marker goes (inside an article paragraph)


def load_base_pages() -> list[BasePage]:
    """The real pages, each with the first paragraph offset whose text survives extraction."""
    pages = []
    for path in sorted(PAGES_DIR.glob("*.html.gz")):
        html = gzip.open(path).read()
        marker_at = None
        for match in list(PARAGRAPH.finditer(html))[:3]:
            offset = match.end() - len(b"</p>")
            try:
                text = extract_article(html[:offset] + b" [bench probe]" + html[offset:], "http://bench.invalid/").text
            except ExtractionError:
                break
            if "[bench probe]" in text:
                marker_at = offset
                break
        pages.append(BasePage(html, marker_at))
    return pages


def page_bytes(base: list[BasePage], n: int) -> bytes:
    page = base[n % len(base)]
    if page.marker_at is None:
        return page.html
    # 24 words of its own: more than a credit line, so a copy is not taken for a near duplicate.
    marker = " ".join(f"bench{n}w{i}" for i in range(24))
    return page.html[:page.marker_at] + f" [{marker}]".encode() + page.html[page.marker_at:]


def feed_bytes(host_url: str, feed: int, pages: list[int]) -> bytes:
    items = "".join(f"<item><title>Page {n}</title><link>{host_url}/p/{n}</link><guid>{host_url}/p/{n}</guid>"
                    f"<pubDate>Sat, 15 Feb 2025 10:00:00 GMT</pubDate></item>" for n in pages)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench feed {feed}</title>'
            f"<link>{host_url}/</link>{items}</channel></rss>").encode()


# -- the server process ----------------------------------------------------------------------

def serve(base: list[BasePage], feeds: int, pages: int, hosts: int, ready: "multiprocessing.Queue") -> None:
    """Run one ThreadingHTTPServer per loopback address; report their ports; serve forever."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real sites do

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            host_url = f"http://{self.headers.get('Host')}"
            if self.path.startswith("/feeds/"):
                feed = int(self.path.split("/")[2].split(".")[0])
                body = feed_bytes(host_url, feed, list(range(feed, pages, feeds)))
                ctype = "application/rss+xml"
            elif self.path.startswith("/p/"):
                body, ctype = page_bytes(base, int(self.path[3:])), "text/html; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    servers = []
    for h in range(hosts):
        httpd = http.server.ThreadingHTTPServer((f"127.0.0.{h + 1}", 0), Handler)
        httpd.daemon_threads = True
        servers.append(httpd)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
    ready.put([s.server_address for s in servers])
    threading.Event().wait()


# -- one measured cycle ----------------------------------------------------------------------

def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def run_once(feed_urls: list[str], workers: int, extract_workers: int | None) -> dict[str, float]:
    stage_started: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        stage_started.setdefault(stage, time.monotonic())

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        config = Config(
            database_path=Path(tmp) / "monitor.db",
            fetch=FetchSettings(timeout=30, workers=workers, allow_private_addresses=(ip_network("127.0.0.0/8"),)),
            polling=PollingSettings(),
            feeds=tuple(FeedConfig(f"bench {i}", url, 30) for i, url in enumerate(feed_urls)),
        )
        with Store(config.database_path) as store:
            cpu_before = cpu_seconds()
            started = time.monotonic()
            summary = run_cycle(config, store, progress=progress, extract_workers=extract_workers)
            ended = time.monotonic()
            cpu = cpu_seconds() - cpu_before
    if extract_workers != 0:
        # The extraction processes are children of multiprocessing's fork server, not of this
        # process, so RUSAGE_CHILDREN never sees them; their CPU time is what they report.
        cpu += summary.extraction_seconds
    feeds_s = stage_started["articles"] - stage_started["feeds"]
    articles_s = ended - stage_started["articles"]
    handled = summary.articles_new + summary.articles_duplicate + summary.articles_failed
    return {
        "seconds": ended - started, "feeds": summary.feeds_polled, "feeds_failed": summary.feeds_failed,
        "feeds_per_s": summary.feeds_polled / feeds_s, "articles": handled, "new": summary.articles_new,
        "duplicate": summary.articles_duplicate, "failed": summary.articles_failed,
        "articles_per_s": handled / articles_s, "extraction_cpu_s": summary.extraction_seconds,
        "extraction_share": summary.extraction_seconds / cpu if cpu else 0.0,
    }


def bare_trafilatura(base: list[BasePage], pages: int, sample: int) -> float:
    """trafilatura.extract() alone, in this process, on the same page copies: pages per second."""
    import trafilatura

    count = min(pages, sample)
    started = time.monotonic()
    for n in range(count):
        trafilatura.extract(page_bytes(base, n).decode("utf-8", "replace"), url=f"http://bench.invalid/p/{n}")
    return count / (time.monotonic() - started)


def lsh_scaling(sizes: tuple[int, ...] = (100, 100_000), new_articles: int = 500, rounds: int = 7) -> None:
    """Per-new-article cost of source grouping against indexes of ``sizes`` stored signatures."""
    import random

    import numpy as np

    from monitor.ingest.sources import NUM_PERM, SourceIndex, signature

    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(5000)]
    texts: list[str] = []
    for n in range(new_articles):
        if n % 2:  # a syndicated copy of the previous article, with its own credit line
            texts.append(texts[-1] + " Distributed by Example Wire; reporting by the wire staff.")
        else:
            texts.append(" ".join(rng.choice(vocabulary) for _ in range(400)))
    minhashes = [signature(text) for text in texts]  # the same for every size: not part of the lookup
    numbers = np.random.default_rng(7)
    indexes: dict[int, SourceIndex] = {}
    for size in sizes:
        rows = [(article_id, article_id, signature_bytes_of(numbers.integers(0, 2**32, NUM_PERM, dtype=np.uint32)))
                for article_id in range(1, size + 1)]
        started = time.perf_counter()
        indexes[size] = SourceIndex.from_rows(rows)
        build = time.perf_counter() - started
        print(f"{size:>7} stored signatures: index built in {build:.2f} s "
              f"({build / size * 1e6:.0f} µs per signature; once per process, see monitor.ingest.sources.index_for)")
    # Rounds alternate between the sizes, so that load from other processes on a shared machine
    # falls on both alike; each round groups and indexes the new articles one by one (a lookup
    # and an insert each), then takes them out again so every round starts from `size`.
    timings: dict[int, list[float]] = {size: [] for size in sizes}
    joined: dict[int, int] = {}
    for _ in range(rounds):
        for size, index in indexes.items():
            ids = range(size + 1, size + 1 + len(minhashes))
            started = time.perf_counter()
            groupings = []
            for article_id, minhash in zip(ids, minhashes):
                grouping = index.group_for(article_id, minhash)
                index.add(article_id, grouping.group, minhash)
                groupings.append(grouping)
            timings[size].append((time.perf_counter() - started) / len(minhashes))
            joined[size] = sum(g.similar_to is not None for g in groupings)
            for article_id in ids:
                index.lsh.remove(article_id)
                del index.groups[article_id], index.signatures[article_id]
    for size in sizes:
        print(f"{size:>7} stored: grouping a new article median {statistics.median(timings[size]) * 1e6:.0f} µs, "
              f"best {min(timings[size]) * 1e6:.0f} µs ({rounds} rounds × {len(minhashes)} articles; "
              f"{joined[size]} joined their original's group)")
    small, large = (statistics.median(timings[s]) for s in (sizes[0], sizes[-1]))
    best_small, best_large = min(timings[sizes[0]]), min(timings[sizes[-1]])
    print(f"per new article: {small * 1e6:.0f} µs at {sizes[0]:,}, {large * 1e6:.0f} µs at {sizes[-1]:,} stored "
          f"(medians); ratio {large / small:.2f} (best of each: {best_large / best_small:.2f})")


def signature_bytes_of(values: "np.ndarray") -> bytes:
    """Stored form of synthetic hash values (what ``monitor.ingest.sources.signature_bytes`` writes)."""
    return bytes(values.astype("<u4").tobytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--workers", type=int, default=8, help="[fetch] workers (fetch threads)")
    parser.add_argument("--extract-workers", type=int, default=None,
                        help="extraction processes (default: one per CPU; 0: in the main process)")
    parser.add_argument("--compare-in-process", action="store_true",
                        help="also run each cycle with extraction in the main process")
    parser.add_argument("--hosts", type=int, default=8, help="loopback addresses the feeds are spread over")
    parser.add_argument("--bare-sample", type=int, default=10**9,
                        help="pages for the bare trafilatura measurement (default: all)")
    parser.add_argument("--lsh-scaling", action="store_true",
                        help="only measure source grouping per new article at 100 and 100,000 stored signatures")
    args = parser.parse_args(argv)
    if args.lsh_scaling:
        lsh_scaling()
        return 0

    print(f"loading pages from {PAGES_DIR} ...", file=sys.stderr)
    base = load_base_pages()
    # fork before any thread exists in this process; the server gets the pages by inheritance.
    context = multiprocessing.get_context("fork")
    ready: multiprocessing.Queue = context.Queue()
    server = context.Process(target=serve, args=(base, args.feeds, args.pages, args.hosts, ready), daemon=True)
    server.start()
    addresses = ready.get(timeout=30)
    feed_urls = [f"http://{addresses[i % len(addresses)][0]}:{addresses[i % len(addresses)][1]}/feeds/{i}.xml"
                 for i in range(args.feeds)]
    modes = [("processes", args.extract_workers)] + ([("in-process", 0)] if args.compare_in_process else [])
    results: dict[str, list[dict[str, float]]] = {mode: [] for mode, _ in modes}
    bare: list[float] = []
    print(f"{args.feeds} feeds × {args.pages} pages ({len(base)} real pages cycled), {args.workers} fetch "
          f"threads, {args.hosts} hosts, {multiprocessing.cpu_count()} CPUs")
    header = (f"{'run':>4} {'mode':<10} {'s':>6} {'feeds/s':>8} {'articles/s':>10} {'new':>5} {'dup':>5} "
              f"{'fail':>5} {'extract CPU-s':>13} {'share':>6}")
    print(header)
    try:
        for run in range(1, args.repeat + 1):
            for mode, extract_workers in modes:
                r = run_once(feed_urls, args.workers, extract_workers)
                results[mode].append(r)
                print(f"{run:>4} {mode:<10} {r['seconds']:>6.1f} {r['feeds_per_s']:>8.1f} {r['articles_per_s']:>10.1f} "
                      f"{r['new']:>5} {r['duplicate']:>5} {r['failed']:>5} {r['extraction_cpu_s']:>13.1f} "
                      f"{r['extraction_share']:>6.0%}", flush=True)
            bare.append(bare_trafilatura(base, args.pages, args.bare_sample))
            print(f"{run:>4} bare trafilatura.extract, 1 process: {bare[-1]:.1f} pages/s", flush=True)
    finally:
        server.terminate()
        server.join()
    if args.repeat > 1:
        print("medians:")
        for mode, runs in results.items():
            med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
            print(f"     {mode:<10} {med['seconds']:>6.1f} {med['feeds_per_s']:>8.1f} {med['articles_per_s']:>10.1f} "
                  f"{med['new']:>5.0f} {med['duplicate']:>5.0f} {med['failed']:>5.0f} {med['extraction_cpu_s']:>13.1f} "
                  f"{med['extraction_share']:>6.0%}")
        print(f"     bare trafilatura.extract, 1 process: {statistics.median(bare):.1f} pages/s")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: {own:.0f} MiB this process, {child:.0f} MiB the page server")
    return 0


if __name__ == "__main__":
    sys.exit(main())
