"""The shipped transformer models: the cross-encoder that reads (claim, passage) pairs and the
sentence encoder that finds what an article says in other words. Both run with onnxruntime and
tokenizers only; their files are checked against the checksums in their metadata."""
from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from monitor.errors import VerdictError
from monitor.judge.claims import Claim
from monitor.judge.verdicts import Judge, load_judge, sentence_encoder, stance_model
from monitor.judge.verdicts.encoder import DEFAULT_PATH, SENTENCE_DEFAULT_PATH, CrossEncoderStance, SentenceEncoder
from monitor.judge.verdicts.stance import StanceModel

CUT = "The European Central Bank will cut its deposit rate by 25 basis points on September 12."


@pytest.fixture(scope="module")
def model() -> CrossEncoderStance:
    return CrossEncoderStance.load()


@pytest.fixture(scope="module")
def vectors() -> SentenceEncoder:
    return SentenceEncoder.load()


def test_the_shipped_models_say_what_they_were_trained_on_and_how_they_scored() -> None:
    meta = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert "by claim" in meta["training"]["split"]
    assert meta["figures"]["fnc1_claim_grouped_validation"]["pairs"] > 1000
    total = sum(entry["bytes"] for path in (DEFAULT_PATH, SENTENCE_DEFAULT_PATH)
                for entry in json.loads(path.read_text(encoding="utf-8"))["files"].values())
    assert total < 60_000_000


def test_the_cross_encoder_loads_in_a_few_seconds() -> None:
    started = time.monotonic()
    CrossEncoderStance.load()
    assert time.monotonic() - started < 3.0


def test_a_judge_for_a_worker_among_several_runs_its_models_on_the_threads_it_is_given() -> None:
    judge = load_judge([Claim(id="cut", statement=CUT, kind="event")], threshold=0.6, max_candidates=8, threads=1)
    for session in (judge.model.session, judge.sentence_encoder.session):
        assert session.get_session_options().intra_op_num_threads == 1
    default = load_judge([Claim(id="cut", statement=CUT, kind="event")], threshold=0.6, max_candidates=8)
    assert default.model.session.get_session_options().intra_op_num_threads == 2


def test_probabilities_are_calibrated_rows_in_the_order_asked(model: CrossEncoderStance) -> None:
    pairs = [(CUT, "The ECB lowered its deposit rate by a quarter point on Thursday, as expected."),
             (CUT, "Real Madrid presented Kylian Mbappe to 80,000 fans at the Bernabeu."),
             (CUT, "The ECB kept rates unchanged on Thursday, and Lagarde said a cut had not been discussed.")]
    together = model.predict_proba(pairs)
    assert np.allclose(together.sum(axis=1), 1.0)
    alone = np.vstack([model.predict_proba([pair]) for pair in pairs])
    # int8 activations are scaled per call: a pair is scored alone, so its neighbours never matter
    assert np.array_equal(together, alone)


def test_it_tells_a_report_of_the_claim_from_an_article_about_something_else(model: CrossEncoderStance) -> None:
    confirming, unrelated = model.predict([
        (CUT, "The European Central Bank cut its deposit rate by 25 basis points to 3.5% on Thursday."),
        (CUT, "Real Madrid presented Kylian Mbappe to 80,000 fans at the Bernabeu on Tuesday."),
    ])
    assert max(unrelated, key=unrelated.get) == "unrelated"
    assert confirming["unrelated"] < 0.5 and confirming["confirms"] > confirming["contradicts"]


def test_a_corrupt_model_file_is_refused_with_how_to_rebuild_it(tmp_path: Path) -> None:
    for entry in json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["files"].values():
        shutil.copy(DEFAULT_PATH.parent / entry["path"], tmp_path)
    shutil.copy(DEFAULT_PATH, tmp_path)
    onnx_file = next(tmp_path.glob("*.onnx"))
    onnx_file.write_bytes(onnx_file.read_bytes()[:-100])
    with pytest.raises(VerdictError, match="train_cross_encoder.py"):
        CrossEncoderStance.load(tmp_path / DEFAULT_PATH.name)


def test_a_folder_holds_either_kind_of_model(tmp_path: Path) -> None:
    assert isinstance(stance_model(), CrossEncoderStance)
    lexical = tmp_path / "lexical"
    lexical.mkdir()
    for file in DEFAULT_PATH.parent.glob("stance*"):
        shutil.copy(file, lexical)
    assert isinstance(stance_model(lexical), StanceModel)
    assert sentence_encoder(lexical) is None   # a lexical model retrieves by words only


def test_sentence_vectors_put_a_paraphrase_closer_than_the_same_names_on_another_topic(
        vectors: SentenceEncoder) -> None:
    claim, paraphrase, other = vectors.embed([
        "Striking Boeing machinists will vote on the new contract offer on Wednesday.",
        "Members of the machinists union at the planemaker cast ballots on Wednesday on the proposed labor deal.",
        "Boeing delivered 40 jets in September.",
    ])
    assert float(claim @ paraphrase) > 0.6 > 0.3 > float(claim @ other)
    assert np.allclose(np.linalg.norm(vectors.embed(["one", "two words"]), axis=1), 1.0, atol=1e-5)
    alone = vectors.embed(["Members cast ballots on Wednesday."])
    beside = vectors.embed(["Boeing delivered 40 jets in September.", "Members cast ballots on Wednesday."])
    assert np.array_equal(alone[0], beside[1])  # a text's vector never depends on its neighbours
    assert vectors.embed([]).shape == (0, 384)


def test_the_judge_finds_a_claim_said_in_other_words(model: CrossEncoderStance, vectors: SentenceEncoder) -> None:
    claim = Claim(id="strike-vote", statement="Striking Boeing machinists will vote on the new contract offer on Wednesday.",
                  kind="event", speaker=None, event_date="2024-10-23")
    article = ("Boeing's striking machinists cast their ballots on the proposed deal on Wednesday.\n\n"
               "Results are expected tonight.")
    by_meaning = Judge([claim], threshold=0.6, max_candidates=8, model=model, sentence_encoder=vectors)
    by_words = Judge([claim], threshold=0.6, max_candidates=8, model=model)
    assert "+meaning" in by_meaning.version and "+meaning" not in by_words.version
    # by words, the sentence has too few of the claim's to state it
    assert [a.verdict.verdict for a in by_words.assess("", article, "2024-10-23")] in ([], ["unrelated"])
    (found,) = by_meaning.assess("", article, "2024-10-23")
    assert found.candidate.claim.id == "strike-vote" and "meaning" in found.verdict.reasons
    assert found.verdict.evidence.startswith("Boeing's striking machinists cast their ballots")


def test_the_default_judge_reads_meaning(tmp_path: Path) -> None:
    claim = Claim(id="c", statement=CUT, kind="event", speaker=None, event_date="2024-09-12")
    assert "+meaning" in load_judge([claim], threshold=0.6, max_candidates=8).version
