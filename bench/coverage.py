"""The real-coverage benchmark: score the judge on real follow-up articles of real baseline stories.

    .venv/bin/python bench/coverage.py --split dev          # judge the cached texts, print the scores
    .venv/bin/python bench/coverage.py --split test         # once per finished candidate, never to tune
    .venv/bin/python bench/coverage.py agreement            # Cohen's kappa of the two labelling passes
    .venv/bin/python bench/coverage.py extraction           # the claim extractor against the hand-listed claims
    .venv/bin/python bench/coverage.py check                # the stories' files are complete and consistent
    .venv/bin/python bench/coverage.py prepare STORY        # a front-matter document for `monitor claims extract`
    .venv/bin/python bench/coverage.py pairs STORY          # the pairs to label (article x active claim)
    .venv/bin/python bench/coverage.py cache-name URL       # the cache file name of a URL
    .venv/bin/python bench/coverage.py verify-cache         # the cached texts are the ones the figures were read on

Layout, labels and the recipe that rebuilds the ignored text cache: bench/coverage/README.md;
what the labels mean: docs/labelling.md.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench" / "coverage"
CACHE = BENCH / "cache"
LABELS = ("confirms", "contradicts", "discusses", "unrelated")
LABEL_COLUMNS = ("url", "query", "rank", "claim_id", "label", "reason")
DIGESTS = BENCH / "cache_digests.tsv"


class CoverageError(Exception):
    """A story's files are missing or inconsistent; the message says which and how to fix it."""


def cache_name(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


def read_cached(path: Path) -> tuple[str, str]:
    """(url, text) of a cache file: the URL, a blank line, the text."""
    if not path.exists():
        raise CoverageError(f"{path}: not cached; rebuild the cache (bench/coverage/README.md)")
    raw = path.read_text(encoding="utf-8")
    url, _, text = raw.partition("\n")
    return url.strip(), text.lstrip("\n")


def stories(split: str | None = None) -> list[str]:
    halves = tomllib.loads((BENCH / "split.toml").read_text(encoding="utf-8"))
    names = halves["dev"] + halves["test"] if split in (None, "all") else halves.get(split, [])
    return [name for name in names if (BENCH / name / "story.toml").exists()]


def story_meta(story: str) -> dict:
    return tomllib.loads((BENCH / story / "story.toml").read_text(encoding="utf-8"))


def active_claims(story: str) -> dict[str, dict]:
    data = tomllib.loads((BENCH / story / "claims.toml").read_text(encoding="utf-8"))
    return {cid: c for cid, c in data.get("claims", {}).items() if c.get("active", True)}


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def articles(story: str) -> list[dict[str, str]]:
    return read_tsv(BENCH / story / "articles.tsv")


def labels(story: str, which: str = "labels") -> dict[tuple[str, str], dict[str, str]]:
    path = BENCH / story / f"{which}.tsv"
    if not path.exists():
        raise CoverageError(f"{path}: missing")
    out = {}
    for row in read_tsv(path):
        if row["label"] not in LABELS:
            raise CoverageError(f"{path}: label {row['label']!r} for {row['url']} / {row['claim_id']} "
                                f"is not one of {', '.join(LABELS)}")
        out[(row["url"], row["claim_id"])] = row
    return out


# -- preparing and checking ----------------------------------------------------------------------

def text_digests(cache: Path = CACHE) -> dict[str, str]:
    """{cache-relative path: SHA-1} of the cached texts of the split's stories (the prepared docs/
    copies excepted)."""
    listed = set(stories("all")) | set(stories("extraction-dev"))
    return {str(path.relative_to(cache)): hashlib.sha1(path.read_bytes()).hexdigest()
            for path in sorted(cache.glob("*/*.txt")) if path.parent.name in listed}


def verify_cache(cache: Path = CACHE, digests: Path = DIGESTS) -> list[str]:
    """How the cache differs from the texts the committed figures were read on: a rebuilt cache is
    copied from search results by hand, and one character changed can move a figure."""
    if not digests.exists():
        raise CoverageError(f"{digests}: missing; record the cache with verify-cache --write")
    want = _recorded(digests)
    have = text_digests(cache)
    problems = [f"{name}: not cached" for name in want if name not in have]
    problems += [f"{name}: differs from the recorded text" for name in want if name in have and have[name] != want[name]]
    problems += [f"{name}: not recorded (run verify-cache --write once its figures are read)" for name in have
                 if name not in want]
    return problems


def write_digests(cache: Path = CACHE, digests: Path = DIGESTS) -> int:
    """Record the cached texts as they are now (after their figures are read); how many. A text
    recorded before but not cached now (a partial rebuild) keeps its recorded digest."""
    rows = _recorded(digests) | text_digests(cache)
    digests.write_text("path\tsha1\n" + "".join(f"{name}\t{rows[name]}\n" for name in sorted(rows)),
                       encoding="utf-8")
    return len(rows)


def _recorded(digests: Path) -> dict[str, str]:
    if not digests.exists():
        return {}
    return dict(line.split("\t") for line in digests.read_text(encoding="utf-8").splitlines()[1:] if line)


def prepare(story: str) -> Path:
    """Write cache/<story>/docs/<story>.txt: the cached baseline text under front matter from
    story.toml, ready for `monitor claims extract --docs cache/<story>/docs`."""
    meta = story_meta(story)["baseline"]
    url, text = read_cached(CACHE / story / "baseline.txt")
    lines = ["---", f"title: {_quoted(meta['title'])}", f"source: {_quoted(meta['source'])}",
             f"date: {meta['date']}", f"url: {url}", "---", "", text.strip(), ""]
    out = CACHE / story / "docs" / f"{story}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pairs(story: str) -> list[dict[str, str]]:
    claims = active_claims(story)
    return [{"url": a["url"], "query": a["query"], "rank": a["rank"], "claim_id": cid, "label": "",
             "reason": ""} for a in articles(story) for cid in claims]


def check(story: str) -> list[str]:
    """Problems with one story's files (an empty list when all is well)."""
    folder = BENCH / story
    problems = [f"{story}: {name} is missing" for name in
                ("story.toml", "gold_claims.toml", "extracted.toml", "claims.toml", "articles.tsv", "labels.tsv")
                if not (folder / name).exists()]
    if not (folder / "claims.toml").exists() or not (folder / "articles.tsv").exists():
        return problems
    urls = [row["url"] for row in articles(story)]
    if len(urls) != len(set(urls)):
        problems.append(f"{story}: articles.tsv lists a URL twice")
    if story_meta(story)["baseline"]["url"] in urls:
        problems.append(f"{story}: the baseline document is listed among its follow-up articles")
    wanted = {(p["url"], p["claim_id"]) for p in pairs(story)}
    for which in ("labels_a", "labels_b", "labels"):
        if not (folder / f"{which}.tsv").exists():
            continue
        try:
            got = set(labels(story, which))
        except CoverageError as exc:
            problems.append(str(exc))
            continue
        if missing := wanted - got:
            problems.append(f"{story}: {which}.tsv lacks {len(missing)} pairs, e.g. {sorted(missing)[0]}")
        if extra := got - wanted:
            problems.append(f"{story}: {which}.tsv has {len(extra)} pairs of no active claim or article, "
                            f"e.g. {sorted(extra)[0]}")
    for row in articles(story):
        if row["cache"] != cache_name(row["url"]):
            problems.append(f"{story}: cache name of {row['url']} should be {cache_name(row['url'])}")
        elif not (CACHE / story / f"{row['cache']}.txt").exists():
            problems.append(f"{story}: {row['url']} is not cached")
        elif read_cached(CACHE / story / f"{row['cache']}.txt")[0] != row["url"]:
            problems.append(f"{story}: the cache file of {row['url']} starts with another URL")
    return problems


# -- agreement -------------------------------------------------------------------------------------

def cohen_kappa(first: list[str], second: list[str]) -> float:
    total = len(first)
    observed = sum(a == b for a, b in zip(first, second)) / total
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[k] * count_b[k] for k in LABELS) / (total * total)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(names: list[str]) -> None:
    every_a: list[str] = []
    every_b: list[str] = []
    print(f"{'story':28} {'pairs':>6} {'agree':>6} {'kappa':>6}")
    for story in names:
        a, b = labels(story, "labels_a"), labels(story, "labels_b")
        keys = sorted(set(a) & set(b))
        la, lb = [a[k]["label"] for k in keys], [b[k]["label"] for k in keys]
        every_a += la
        every_b += lb
        same = sum(x == y for x, y in zip(la, lb))
        print(f"{story:28} {len(keys):6} {same / len(keys):6.3f} {cohen_kappa(la, lb):6.3f}")
    same = sum(x == y for x, y in zip(every_a, every_b))
    print(f"{'all':28} {len(every_a):6} {same / len(every_a):6.3f} {cohen_kappa(every_a, every_b):6.3f}")
    print("\nconfusion (rows: first pass, columns: second pass)")
    _print_confusion(every_a, every_b)


def _print_confusion(gold: list[str], predicted: list[str]) -> None:
    counts = Counter(zip(gold, predicted))
    print(f"{'':12}" + "".join(f"{label:>12}" for label in LABELS))
    for row in LABELS:
        print(f"{row:12}" + "".join(f"{counts[(row, col)]:12}" for col in LABELS))


# -- scoring the judge -----------------------------------------------------------------------------

@dataclass
class Judged:
    """One labelled pair and what the judge said of it."""

    story: str
    url: str
    claim_id: str
    gold: str
    predicted: str
    confidence: float
    alert: bool
    evidence: str
    reason: str


def _title_and_body(text: str) -> tuple[str, str]:
    """The first line is the headline when it is short and a blank line follows (as `monitor check`
    reads a text file)."""
    first, _, rest = text.partition("\n")
    if first.strip() and len(first) <= 200 and rest.startswith("\n"):
        return first.strip(), rest.strip()
    return "", text.strip()


def judge_story(story: str, *, threshold: float, max_candidates: int, which: str = "labels",
                model: str | None = None) -> list[Judged]:
    """Judge every cached article of ``story`` against its reviewed claims; a pair the judge did not
    take up as a candidate is *unrelated*."""
    from monitor.judge.claims import load_claims
    from monitor.judge.verdicts import load_judge

    claims = [c for c in load_claims(BENCH / story / "claims.toml") if c.active]
    judge = load_judge(claims, threshold=threshold, max_candidates=max_candidates, model_path=model)
    gold = labels(story, which)
    out: list[Judged] = []
    for row in articles(story):
        _, text = read_cached(CACHE / story / f"{row['cache']}.txt")
        title, body = _title_and_body(text)
        said = {a.verdict.claim_id: a.verdict for a in judge.assess(title, body, row["published"] or None)}
        for claim in claims:
            label = gold[(row["url"], claim.id)]
            verdict = said.get(claim.id)
            predicted = verdict.verdict if verdict else "unrelated"
            confidence = verdict.confidence if verdict else 1.0
            out.append(Judged(story, row["url"], claim.id, label["label"], predicted, confidence,
                              predicted != "unrelated" and confidence >= threshold,
                              verdict.evidence if verdict else "", label["reason"]))
    return out


def f1_table(pairs: list[Judged]) -> dict[str, tuple[float, float, float, int]]:
    """Per label: precision, recall, F1 and support."""
    table = {}
    for label in LABELS:
        tp = sum(p.gold == label and p.predicted == label for p in pairs)
        predicted = sum(p.predicted == label for p in pairs)
        support = sum(p.gold == label for p in pairs)
        precision = tp / predicted if predicted else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = (precision, recall, f1, support)
    return table


def macro_f1(pairs: list[Judged]) -> float:
    table = f1_table(pairs)
    present = [label for label in LABELS if table[label][3]]
    return sum(table[label][2] for label in present) / len(present) if present else 0.0


# Worst first: a settled claim read the other way, then a missed settlement, then the rest.
_SEVERITY = {("confirms", "contradicts"): 0, ("contradicts", "confirms"): 0,
             ("confirms", "unrelated"): 1, ("contradicts", "unrelated"): 1,
             ("unrelated", "contradicts"): 2, ("unrelated", "confirms"): 2,
             ("confirms", "discusses"): 3, ("contradicts", "discusses"): 3}


def report(pairs: list[Judged], names: list[str], threshold: float) -> None:
    print(f"{len(pairs)} labelled pairs, {len({(p.story, p.url) for p in pairs})} articles, "
          f"{len(names)} stories; alert threshold {threshold}\n")
    print(f"{'label':12} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}")
    for label, (precision, recall, f1, support) in f1_table(pairs).items():
        print(f"{label:12} {precision:9.3f} {recall:7.3f} {f1:6.3f} {support:8}")
    print(f"4-class macro-F1 {macro_f1(pairs):.3f}, accuracy "
          f"{sum(p.gold == p.predicted for p in pairs) / len(pairs):.3f}")
    print("\nconfusion (rows: gold, columns: judge)")
    _print_confusion([p.gold for p in pairs], [p.predicted for p in pairs])
    for label in ("confirms", "contradicts", "discusses"):
        gold = [p for p in pairs if p.gold == label]
        alerted = [p for p in gold if p.alert and p.predicted == label]
        print(f"{label} pairs alerted as {label}: {len(alerted)}/{len(gold)}"
              + (f" ({len(alerted) / len(gold):.0%})" if gold else ""))
    wrong_way = sum(p.gold == "confirms" and p.predicted == "contradicts" for p in pairs)
    print(f"confirming pairs called contradicts: {wrong_way}")
    print(f"\n{'story':28} {'pairs':>6} {'macro-F1':>8} {'acc':>6} {'conf. alerted':>14}")
    for story in names:
        mine = [p for p in pairs if p.story == story]
        confirming = [p for p in mine if p.gold == "confirms"]
        hits = sum(p.alert and p.predicted == "confirms" for p in confirming)
        print(f"{story:28} {len(mine):6} {macro_f1(mine):8.3f} "
              f"{sum(p.gold == p.predicted for p in mine) / len(mine):6.3f} {hits:>9}/{len(confirming)}")
    errors = sorted((p for p in pairs if p.gold != p.predicted),
                    key=lambda p: (_SEVERITY.get((p.gold, p.predicted), 4), -p.confidence))
    print("\ntwenty worst errors")
    for p in errors[:20]:
        print(f"- [{p.story}] {p.claim_id}: gold {p.gold}, judge {p.predicted} ({p.confidence:.2f})\n"
              f"  {p.url}\n  labeller: {p.reason}\n  evidence: {p.evidence[:300] or '(none)'}")


def score(names: list[str], which: str = "labels", model: str | None = None) -> list[Judged]:
    """Judge and report ``names`` with the shipped defaults of ``[verdicts]``."""
    from monitor.config import VerdictSettings

    if not names:
        raise CoverageError("no story of that split has a story.toml yet")
    threshold, max_candidates = VerdictSettings.alert_threshold, VerdictSettings.max_candidates
    pairs = [p for story in names
             for p in judge_story(story, threshold=threshold, max_candidates=max_candidates, which=which, model=model)]
    report(pairs, names, threshold)
    return pairs


# -- claim extraction on documents it has never seen ----------------------------------------------

def extraction(names: list[str], *, rules_only: bool = False) -> None:
    """Precision and recall of `monitor claims extract` against each story's hand-listed claims
    (gold_claims.toml, written before the extractor ran), with the slots scored on matches."""
    sys.path.insert(0, str(ROOT / "bench"))
    from claims_eval import run

    print(f"{'story':28} {'gold':>5} {'active':>7} {'prec.':>6} {'recall':>7} {'kind':>6} {'dates':>6} {'odds':>5} "
          f"{'speaker':>7}")
    totals = Counter()
    slot_totals: dict[str, list[str]] = {"kind": [], "dates": [], "odds": [], "speaker": []}
    uncached = [story for story in names if not (CACHE / story / "baseline.txt").exists()]
    for story in names:
        if story in uncached:
            continue
        docs = prepare(story).parent
        result = run(docs, BENCH / story / "gold_claims.toml", rules_only=rules_only)
        slots = result["slot_accuracy"]
        dates = _fraction_sum(slots.get("event_date"), slots.get("resolves_by"))
        for key, value in (("kind", slots.get("kind")), ("dates", dates), ("odds", slots.get("probability")),
                           ("speaker", slots.get("speaker"))):
            if value and value != "-":
                slot_totals[key].append(value)
        print(f"{story:28} {result['gold']:5} {result['extracted_active']:7} {result['precision']:6.2f} "
              f"{result['recall']:7.2f} {slots.get('kind', '-'):>6} {dates:>6} {slots.get('probability', '-'):>5} "
              f"{slots.get('speaker', '-'):>7}")
        matched = round(result["recall"] * result["gold"])
        totals.update(gold=result["gold"], active=result["extracted_active"], tp=result["true_positive"],
                      matched=matched)
    if totals["gold"]:
        summed = {key: _fraction_sum(*values) for key, values in slot_totals.items()}
        print(f"{'all':28} {totals['gold']:5} {totals['active']:7} "
              f"{totals['tp'] / max(1, totals['active']):6.2f} {totals['matched'] / totals['gold']:7.2f} "
              f"{summed['kind']:>6} {summed['dates']:>6} {summed['odds']:>5} {summed['speaker']:>7}")
    if uncached:
        # a baseline the stored pages no longer return (bench/coverage/README.md): scored without it
        print(f"not cached, left out of these figures: {', '.join(uncached)}")


def _fraction_sum(*fractions: str | None) -> str:
    pairs = [tuple(map(int, f.split("/"))) for f in fractions if f]
    return f"{sum(a for a, _ in pairs)}/{sum(b for _, b in pairs)}" if pairs else "-"


def _chosen(args: argparse.Namespace) -> list[str]:
    return args.stories.split(",") if args.stories else stories(args.split)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="score",
                        choices=["score", "agreement", "extraction", "check", "prepare", "pairs",
                                 "cache-name", "verify-cache"])
    parser.add_argument("argument", nargs="?", help="STORY for prepare/pairs, URL for cache-name")
    parser.add_argument("--split", choices=["dev", "test", "all", "extraction-dev"], default="dev",
                        help="extraction-dev: baseline documents with hand-listed claims only, for `extraction`")
    parser.add_argument("--labels", choices=["labels", "labels_a", "labels_b"], default="labels",
                        help="which labels to score against (default: the settled ones)")
    parser.add_argument("--stories", help="comma-separated stories to score (or to read claims of) instead of a whole split")
    parser.add_argument("--model", help="a stance model's metadata file or folder (default: the shipped one)")
    parser.add_argument("--write", action="store_true", help="verify-cache: record the cache as it is now")
    parser.add_argument("--rules-only", action="store_true", help="extraction: without the kind reader")
    args = parser.parse_args()
    try:
        if args.command == "cache-name":
            print(cache_name(args.argument))
        elif args.command == "verify-cache" and args.write:
            print(f"{write_digests()} cached texts recorded in {DIGESTS.relative_to(ROOT)}")
        elif args.command == "verify-cache":
            problems = verify_cache()
            print("\n".join(problems) or "every cached text is the one recorded")
            sys.exit(1 if problems else 0)
        elif args.command == "prepare":
            print(prepare(args.argument))
        elif args.command == "pairs":
            writer = csv.DictWriter(sys.stdout, LABEL_COLUMNS, delimiter="\t", lineterminator="\n",
                                    quoting=csv.QUOTE_NONE, quotechar=None, escapechar="\\")
            writer.writeheader()
            writer.writerows(pairs(args.argument))
        elif args.command == "check":
            problems = [p for story in stories("all") for p in check(story)]
            print("\n".join(problems) or f"{len(stories('all'))} stories: all files complete")
            sys.exit(1 if problems else 0)
        elif args.command == "extraction":
            extraction(_chosen(args), rules_only=args.rules_only)
        elif args.command == "agreement":
            agreement(_chosen(args))
        else:
            score(_chosen(args), args.labels, args.model)
    except CoverageError as exc:
        sys.exit(f"error: {exc}")


if __name__ == "__main__":
    main()
