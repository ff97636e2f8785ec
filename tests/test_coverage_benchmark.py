"""The committed coverage benchmark (bench/coverage/) is complete and consistent without its text cache:
every story has its files, every (article, active claim) pair is labelled in each pass, the split
is fixed and disjoint, and the reviewed claims load as a user's claims file would."""
import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

from monitor.judge.claims import load_claims

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("coverage_bench", ROOT / "bench" / "coverage.py")
coverage = importlib.util.module_from_spec(spec)
sys.modules["coverage_bench"] = coverage  # dataclasses look their module up there
spec.loader.exec_module(coverage)

SPLIT = tomllib.loads((ROOT / "bench" / "coverage" / "split.toml").read_text(encoding="utf-8"))
STORIES = SPLIT["dev"] + SPLIT["test"]


def test_split_is_fixed_disjoint_and_covers_every_story_folder():
    extraction_only = SPLIT.get("extraction-dev", [])  # baseline documents and their claims, no coverage
    assert not set(SPLIT["dev"]) & set(SPLIT["test"]) and not set(STORIES) & set(extraction_only)
    folders = {p.parent.name for p in (ROOT / "bench" / "coverage").glob("*/story.toml")}
    assert folders == set(STORIES) | set(extraction_only)
    for story in STORIES + extraction_only:
        declared = coverage.story_meta(story)["split"]
        assert story in SPLIT[declared], f"{story}: story.toml says {declared}"


@pytest.mark.parametrize("story", STORIES)
def test_every_pair_is_labelled_in_both_passes_and_settled(story):
    wanted = {(p["url"], p["claim_id"]) for p in coverage.pairs(story)}
    for which in ("labels_a", "labels_b", "labels"):
        assert set(coverage.labels(story, which)) == wanted, which


@pytest.mark.parametrize("story", STORIES)
def test_reviewed_claims_load_as_a_claims_file(story):
    claims = load_claims(ROOT / "bench" / "coverage" / story / "claims.toml")
    assert sum(c.active for c in claims) >= 5


def test_urls_are_unique_per_story_and_cache_names_are_their_hashes():
    for story in STORIES:
        rows = coverage.articles(story)
        assert len({r["url"] for r in rows}) == len(rows), story
        assert all(r["cache"] == coverage.cache_name(r["url"]) for r in rows), story


def test_the_benchmark_has_the_size_it_promises():
    settled = [row["label"] for story in STORIES for row in coverage.labels(story).values()]
    articles = sum(len(coverage.articles(story)) for story in STORIES)
    assert len(STORIES) >= 10 and articles >= 250 and len(settled) >= 1500
    for label, least in (("confirms", 150), ("contradicts", 40), ("discusses", 150)):
        assert settled.count(label) >= least, label


def test_cohen_kappa_matches_a_hand_computed_case():
    # observed 3/4 agree; chance (1*1 + 2*1 + 1*2) / 16 = 5/16; kappa = (12/16 - 5/16) / (11/16) = 7/11
    first = ["confirms", "unrelated", "unrelated", "discusses"]
    second = ["confirms", "unrelated", "discusses", "discusses"]
    assert coverage.cohen_kappa(first, second) == pytest.approx(7 / 11)
    assert coverage.cohen_kappa(first, first) == 1.0


def test_verify_cache_names_each_text_that_differs_is_missing_or_was_never_recorded(tmp_path):
    one, two, three = coverage.stories("dev")[:3]
    for story in (one, two):
        (tmp_path / story).mkdir()
        (tmp_path / story / "baseline.txt").write_text("https://example.org/a\n\nThe text.\n", encoding="utf-8")
    digests = tmp_path / "digests.tsv"
    assert coverage.write_digests(tmp_path, digests) == 2
    assert coverage.verify_cache(tmp_path, digests) == []

    (tmp_path / one / "baseline.txt").write_text("https://example.org/a\n\nThe text!\n", encoding="utf-8")
    (tmp_path / two / "baseline.txt").unlink()
    (tmp_path / three).mkdir()
    (tmp_path / three / "baseline.txt").write_text("https://example.org/c\n\nMore.\n", encoding="utf-8")
    problems = coverage.verify_cache(tmp_path, digests)
    assert problems == [f"{two}/baseline.txt: not cached", f"{one}/baseline.txt: differs from the recorded text",
                        f"{three}/baseline.txt: not recorded (run verify-cache --write once its figures are read)"]


def test_extraction_scores_without_a_baseline_that_is_not_cached_and_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(coverage, "CACHE", tmp_path)       # an empty cache: nothing to read
    coverage.extraction(["ecb-sept-2024"])
    assert capsys.readouterr().out.strip().endswith("not cached, left out of these figures: ecb-sept-2024")


def test_recording_a_partly_rebuilt_cache_keeps_the_digests_of_texts_not_cached(tmp_path):
    one, two = coverage.stories("dev")[:2]
    for story in (one, two):
        (tmp_path / story).mkdir()
        (tmp_path / story / "baseline.txt").write_text(f"https://example.org/{story}\n\nThe text.\n", encoding="utf-8")
    digests = tmp_path / "digests.tsv"
    coverage.write_digests(tmp_path, digests)
    (tmp_path / two / "baseline.txt").unlink()          # a rebuild that has not reached this text yet

    assert coverage.write_digests(tmp_path, digests) == 2
    assert coverage.verify_cache(tmp_path, digests) == [f"{two}/baseline.txt: not cached"]
