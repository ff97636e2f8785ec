"""Claim extraction stays linear when a document repeats itself (issue 15, item 9).

A baseline document that repeats one sentence (a template, a pasted transcript) made every
step quadratic: sentence splitting ran over the whole text per abbreviation it found, every
claim was compared with every earlier one, and ids were numbered -2, -3, … by counting up
from 2 each time. 2,000 sentences took 8 s, 20,000 did not finish in two minutes.
"""
from __future__ import annotations

import time
from pathlib import Path

from monitor.judge.claims import extract_to_file

SENTENCE = "The minister said the plant would open in May with 300 workers, Dr. Smith added. "


def _extraction_seconds(folder: Path, repeats: int):
    """Extract a document of ``repeats`` copies of the sentence: (this process's CPU seconds, report)."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "transcript.txt").write_text(SENTENCE * repeats)
    started = time.process_time()
    report = extract_to_file(docs, folder / "claims.toml")
    return time.process_time() - started, report


def test_a_document_repeating_one_sentence_600_times_is_one_claim_extracted_in_linear_time(tmp_path: Path) -> None:
    # four times the sentences take about four times as long (sixteen, were a step quadratic); CPU
    # time and a ratio, so that a machine busy with other work does not fail the test (bench/ measures
    # speed itself)
    _extraction_seconds(tmp_path / "warm", 10)          # (load the parsers and the kind reader once)
    short, _ = _extraction_seconds(tmp_path / "short", 150)
    elapsed, report = _extraction_seconds(tmp_path, 600)
    assert elapsed < 6 * short + 1, f"{elapsed:.1f} s for 600 sentences, {short:.1f} s for 150"
    docs = tmp_path / "docs"
    (claim,) = [c for c in report.claims if "plant would open" in c.statement]
    assert len(claim.keys) == 1   # every repetition is the same sentence of the same document

    # Extracting again over the file just written matches the claim instead of adding copies.
    again = extract_to_file(docs, tmp_path / "claims.toml")
    assert [c.id for c in again.claims] == [c.id for c in report.claims] and again.new == 0
