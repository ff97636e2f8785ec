"""Speed of the verdict stage: articles per second through retrieval + evidence + stance + rules,
against 100 and 1,000 tracked claims, with the stance model's load time and the peak RSS.

    python bench/verdicts.py [--articles 200] [--repeat 3] [--claims 100 1000]
    python bench/verdicts.py --build-df        # rebuild monitor/verdicts/document_frequencies.json
    python bench/verdicts.py --fnc1-split heldout   # score the verdicts on FNC-1's held-out part

Claims: the active claims of config/claims.toml plus synthetic ones made from FNC-1 headlines
(the training part of bench/fnc1_split.json; each headline becomes a one-sentence fact claim
with the quantities it states). Articles: FNC-1 bodies of the training part and the demo
archive's pages (extracted text). Nothing is tuned here; it only times the shipped code.

Each run judges every article once per claim count and prints articles/s, milliseconds per
article (all stages, and retrieval alone), candidates per article and alerts; with
``--repeat N`` the medians of N runs and the 1000/100 cost ratio per article.
"""
from __future__ import annotations

import argparse
import csv
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.judge.claims import Claim, load_claims  # noqa: E402
from monitor.judge.quantities import parse_quantities  # noqa: E402
from monitor.judge.verdicts.judge import Judge  # noqa: E402
from monitor.judge.verdicts.text import DF_PATH, analyse_article, build_document_frequencies  # noqa: E402

from bench.shared import shared_data_dir  # noqa: E402

FNC1_DEFAULT = shared_data_dir() / "fnc1"
FNC1 = FNC1_DEFAULT
SPLIT = ROOT / "bench" / "fnc1_split.json"


def train_body_ids() -> set[str]:
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    return {str(i) for i in split["body_ids"]["train"]}


def fnc1_bodies(limit: int | None = None) -> list[str]:
    keep = train_body_ids()
    with (FNC1 / "train_bodies.csv").open(encoding="utf-8", newline="") as f:
        bodies = [row["articleBody"] for row in csv.DictReader(f) if row["Body ID"] in keep]
    return bodies[:limit] if limit else bodies


def fnc1_headlines() -> list[str]:
    keep = train_body_ids()
    seen: dict[str, None] = {}
    with (FNC1 / "train_stances.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["Body ID"] in keep:
                seen.setdefault(row["Headline"].strip(), None)
    return list(seen)


def make_claims(count: int, seed_claims: list[Claim], headlines: list[str]) -> list[Claim]:
    claims = list(seed_claims[:count])
    for i, headline in enumerate(headlines[: max(0, count - len(claims))]):
        claims.append(Claim(id=f"fnc1-headline-{i}", statement=headline, kind="fact",
                            quantities=parse_quantities(headline)))
    if len(claims) < count:
        raise SystemExit(f"only {len(claims)} claims available, {count} asked for")
    return claims


def demo_articles() -> list[tuple[str, str]]:
    from monitor.ingest.extract import extract_article

    out = []
    for page in sorted((ROOT / "monitor" / "demo_archive" / "articles").glob("*/*.html")):
        article = extract_article(page.read_bytes(), page.as_uri())
        out.append((article.title or "", article.text))
    return out


def fnc1_quality(split: str, data: Path) -> None:
    """Judge FNC-1 pairs of one part of the split (each body against the headlines paired with
    it, as claims) and score the verdicts with FNC-1's measures and a calibration table: does a
    verdict's confidence mean what it says? Reported, never tuned on."""
    import numpy as np

    sys.path.insert(0, str(ROOT / "bench"))
    import fnc1  # the stance engineer's scorer: the same measures for the model and the judge

    from monitor.judge.verdicts.stance import StanceModel

    keep = set(fnc1.load_split()[split])
    bodies = fnc1.read_bodies(data / "train_bodies.csv")
    pairs = [row for row in fnc1.read_stances(data / "train_stances.csv") if row["Body ID"] in keep]
    by_body: dict[str, list[str]] = {}
    for row in pairs:
        by_body.setdefault(row["Body ID"], [])
        if row["Headline"] not in by_body[row["Body ID"]]:
            by_body[row["Body ID"]].append(row["Headline"])
    model = StanceModel.load()
    to_fnc = {"confirms": "agree", "contradicts": "disagree", "discusses": "discuss", "unrelated": "unrelated"}
    predicted: dict[tuple[str, str], tuple[str, float]] = {}
    start = time.perf_counter()
    for body_id, headlines in by_body.items():
        claims = [Claim(id=f"h{i}", statement=h, kind="fact", quantities=parse_quantities(h))
                  for i, h in enumerate(headlines)]
        # every paired headline is judged (no candidate cut), to measure the verdicts themselves
        judge = Judge(claims, threshold=0.6, max_candidates=len(claims), model=model)
        found = {a.verdict.claim_id: a.verdict for a in judge.assess("", bodies[body_id], None)}
        for i, headline in enumerate(headlines):
            verdict = found.get(f"h{i}")
            predicted[(headline, body_id)] = ((to_fnc[verdict.verdict], verdict.confidence) if verdict
                                              else ("unrelated", 1.0))
    seconds = time.perf_counter() - start
    gold = [row["Stance"] for row in pairs]
    pred = [predicted[(row["Headline"], row["Body ID"])][0] for row in pairs]
    confidence = np.array([predicted[(row["Headline"], row["Body ID"])][1] for row in pairs])
    rep = fnc1.report(gold, pred)
    rep["calibration"] = fnc1.calibration(confidence, np.array([g == p for g, p in zip(gold, pred)]))
    print(f"FNC-1 {split}: {len(pairs)} pairs, {len(by_body)} bodies, judged in {seconds:.1f} s")
    print(fnc1.format_report(rep))
    alerts = [(g, p, c) for g, p, c in zip(gold, pred, confidence) if p != "unrelated" and c >= 0.6]
    if alerts:
        exact = sum(g == p for g, p, _ in alerts) / len(alerts)
        related = sum(g != "unrelated" for g, _, _ in alerts) / len(alerts)
        print(f"alerts (not unrelated, confidence >= 0.6): {len(alerts)}; label right {exact:.3f}, "
              f"pair related {related:.3f}, mean confidence {float(np.mean([c for _, _, c in alerts])):.3f}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_once(judge: Judge, articles: list[tuple[str, str]]) -> dict[str, float]:
    retrieval = 0.0
    for title, text in articles:
        start = time.perf_counter()
        judge.index.candidates(analyse_article(title, text), judge.max_candidates)
        retrieval += time.perf_counter() - start
    candidates = alerts = 0
    start = time.perf_counter()
    for title, text in articles:
        assessed = judge.assess(title, text, None)
        candidates += len(assessed)
        alerts += sum(1 for a in assessed if a.verdict.verdict != "unrelated"
                      and a.verdict.confidence >= judge.threshold)
    total = time.perf_counter() - start
    n = len(articles)
    return {"articles_per_s": n / total, "ms_per_article": 1000 * total / n,
            "retrieval_ms_per_article": 1000 * retrieval / n, "candidates_per_article": candidates / n,
            "alerts": alerts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="FNC-1 bodies to judge (plus the demo pages)")
    parser.add_argument("--claims", type=int, nargs="+", default=[100, 1000], help="claim counts to time")
    parser.add_argument("--repeat", type=int, default=1, help="runs per claim count; medians are printed")
    parser.add_argument("--max-candidates", type=int, default=8)
    parser.add_argument("--models", type=Path, default=ROOT / "monitor" / "models",
                        help="the folder of the models to time (default: the shipped ones)")
    parser.add_argument("--data", type=Path, default=FNC1_DEFAULT, help="folder with FNC-1's train_*.csv")
    parser.add_argument("--fnc1-split", choices=("dev", "heldout"),
                        help="instead of timing: judge that part of FNC-1 and score the verdicts")
    parser.add_argument("--build-df", action="store_true",
                        help=f"rebuild {DF_PATH.relative_to(ROOT)} from the training part of FNC-1 and exit")
    args = parser.parse_args()
    global FNC1
    FNC1 = args.data

    if args.fnc1_split:
        fnc1_quality(args.fnc1_split, args.data)
        return

    if args.build_df:
        data = build_document_frequencies(fnc1_bodies(), min_df=2)
        data = {"source": "FNC-1 train_bodies.csv, the 'train' part of bench/fnc1_split.json", **data}
        DF_PATH.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {DF_PATH}: {data['documents']} documents, {len(data['frequencies'])} terms")
        return

    from monitor.judge.verdicts import decision_layer, sentence_encoder, stance_model

    start = time.perf_counter()
    model = stance_model(args.models)
    reads_passages = getattr(model, "reads", "article") == "passage"
    vectors = sentence_encoder(args.models) if reads_passages else None
    combiner = decision_layer(args.models) if reads_passages else None
    load_s = time.perf_counter() - start
    print(f"stance model {model.version}" + (" + sentence encoder" if vectors is not None else "")
          + (f" + {combiner.version}" if combiner is not None else "")
          + f": loaded in {load_s:.2f} s, RSS {peak_rss_mb():.0f} MB")

    articles = [("", body) for body in fnc1_bodies(args.articles)] + demo_articles()
    seed = [c for c in load_claims(ROOT / "config" / "claims.toml") if c.active]
    headlines = fnc1_headlines()
    print(f"{len(articles)} articles ({args.articles} FNC-1 bodies + demo pages), "
          f"mean {statistics.mean(len(t) for _, t in articles):.0f} characters")

    results: dict[int, list[dict[str, float]]] = {}
    for count in args.claims:
        claims = make_claims(count, seed, headlines)
        start = time.perf_counter()
        judge = Judge(claims, threshold=0.6, max_candidates=args.max_candidates, model=model,
                      sentence_encoder=vectors, combiner=combiner)
        build_s = time.perf_counter() - start
        judge.judge(*articles[0])           # warm caches (stemmer, regexes) outside the timing
        results[count] = [run_once(judge, articles) for _ in range(args.repeat)]
        m = {key: statistics.median(r[key] for r in results[count]) for key in results[count][0]}
        print(f"{count:>5} claims (index built in {build_s:.2f} s): {m['articles_per_s']:.1f} articles/s, "
              f"{m['ms_per_article']:.1f} ms/article (retrieval {m['retrieval_ms_per_article']:.2f} ms), "
              f"{m['candidates_per_article']:.1f} candidates/article, {m['alerts']:.0f} alerts"
              + (f"  [median of {args.repeat}]" if args.repeat > 1 else ""))
    if len(args.claims) >= 2:
        low, high = min(args.claims), max(args.claims)
        med = {c: statistics.median(r["ms_per_article"] for r in results[c]) for c in (low, high)}
        ret = {c: statistics.median(r["retrieval_ms_per_article"] for r in results[c]) for c in (low, high)}
        print(f"cost per article {high}/{low} claims: {med[high] / med[low]:.2f}x "
              f"(retrieval alone {ret[high] / ret[low]:.2f}x)")
    print(f"peak RSS {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
