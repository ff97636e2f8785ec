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


def test_a_document_repeating_one_sentence_600_times_is_one_claim_extracted_in_seconds(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "transcript.txt").write_text(SENTENCE * 600)
    started = time.perf_counter()
    report = extract_to_file(docs, tmp_path / "claims.toml")
    elapsed = time.perf_counter() - started
    assert elapsed < 8, f"{elapsed:.1f} s for 600 sentences"
    (claim,) = [c for c in report.claims if "plant would open" in c.statement]
    assert len(claim.keys) == 1   # every repetition is the same sentence of the same document

    # Extracting again over the file just written matches the claim instead of adding copies.
    again = extract_to_file(docs, tmp_path / "claims.toml")
    assert [c.id for c in again.claims] == [c.id for c in report.claims] and again.new == 0
