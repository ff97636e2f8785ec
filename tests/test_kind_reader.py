"""The kind reader: a fine-tuned encoder reads each extracted claim again — whether later
coverage could check it at all, and its kind — and its reading replaces the rules' by a policy."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from monitor.errors import ClaimsError
from monitor.judge.claims import extract_claims, extract_to_file, load_claims, parse_document
from monitor.judge.kind_model import DEFAULT_PATH, LABELS, KindModel, KindPolicy, loaded_kind_model, reread_kinds

PORT = b"""---
title: Port figures
date: 2024-03-04
source: Harbour Times
---
The port handled 1.2 million containers in February, up 8% from a year earlier. The authority expects
volumes to reach 15 million containers this year. The new terminal will open on June 3. Analysts said the
outlook was bright.
"""


def claims_of(text: bytes, name: str = "port-figures.txt") -> list:
    return extract_claims(parse_document(text, name))


def row(**probabilities: float) -> list[float]:
    return [probabilities.get(label, 0.0) for label in LABELS]


def test_what_later_coverage_could_not_check_is_kept_inactive_with_the_reason() -> None:
    claims = claims_of(PORT)
    outlook = next(c for c in claims if "outlook" in c.statement)
    assert outlook.active and outlook.kind == "fact"          # the rules track it

    reread = {c.statement: c for c in loaded_kind_model().reread(claims)}
    outlook = reread["The outlook was bright."]
    assert not outlook.active and outlook.kind == "opinion"
    assert outlook.slots["rules_kind"] == "fact"
    assert "kind reader" in outlook.slots["inactive_because"]


def test_what_the_rules_read_right_stays_as_it_was() -> None:
    claims = claims_of(PORT)
    reread = loaded_kind_model().reread(claims)
    kept = [(c.kind, c.active, c.event_date, c.resolves_by) for c in reread if "outlook" not in c.statement]
    assert kept == [("quantity", True, "2024-02-01", None), ("forecast", True, "2024-01-01", "2024-12-31"),
                    ("event", True, "2024-06-03", "2024-06-03")]


def test_a_claim_read_as_an_event_resolves_by_the_end_of_its_own_horizon() -> None:
    (museum,) = claims_of(b"---\ntitle: Museum\ndate: 2024-03-04\n---\n"
                          b"The museum reopens in spring 2025 with a new wing.\n")
    # the rules' reading: a fact, told of a time ahead, so checkable by the end of that spring
    assert (museum.kind, museum.resolves_by) == ("fact", "2025-05-31")

    (reread,) = reread_kinds([museum], np.array([row(none=0.05, fact=0.15, event=0.8)]))
    assert (reread.kind, reread.event_date, reread.resolves_by) == ("event", "2025-05-31", "2025-05-31")
    assert reread.slots["rules_kind"] == "fact" and reread.slots["kind_reader"]["kind"] == "event"


def test_a_claim_read_as_an_event_happens_on_the_day_it_names() -> None:
    (vote,) = claims_of(b"---\ntitle: Budget\ndate: 2022-12-16\n---\n"
                        b"City council approved the 2023-26 operating and capital budgets Friday.\n")
    assert (vote.kind, vote.event_date) == ("fact", "2023-01-01")    # the rules' reading: the budgets' year

    (reread,) = reread_kinds([vote], np.array([row(none=0.05, fact=0.15, event=0.8)]))
    assert (reread.kind, reread.event_date) == ("event", "2022-12-16")    # (was 2023-01-01)


def test_odds_the_rules_found_keep_the_claim_a_forecast() -> None:
    (odds,) = [c for c in claims_of(b"---\ntitle: Odds\ndate: 2024-03-04\n---\n"
                                    b"Analysts put the odds of a rate cut in June at 30%.\n") if c.active]
    assert odds.kind == "forecast" and odds.probability == pytest.approx(0.3)

    (reread,) = reread_kinds([odds], np.array([row(none=0.1, quantity=0.9)]))
    assert reread.kind == "forecast" and reread.probability == pytest.approx(0.3)


def test_the_policy_decides_when_the_model_overrides_the_rules() -> None:
    claims = claims_of(PORT)
    outlook = next(c for c in claims if "outlook" in c.statement)
    policy = KindPolicy(drop_at=0.9, revive_below=0.2)
    sure, unsure = np.array([row(none=0.95, fact=0.05)]), np.array([row(none=0.85, fact=0.15)])
    assert not reread_kinds([outlook], sure, policy)[0].active
    assert reread_kinds([outlook], unsure, policy)[0] == outlook

    dropped = reread_kinds([outlook], sure, policy)[0]
    revived = reread_kinds([dropped], np.array([row(none=0.1, fact=0.9)]), policy)[0]
    assert revived.active and revived.kind == "fact" and "inactive_because" not in revived.slots
    assert reread_kinds([dropped], np.array([row(none=0.3, fact=0.7)]), policy)[0] == dropped


def test_a_view_is_revived_less_readily_than_a_statement_the_rules_found_nothing_in() -> None:
    view, history = claims_of(b"---\ntitle: Port\ndate: 2024-03-04\n---\nI think the harbour plan is a good one "
                              b"for the town. The harbour has a long history in the town.\n")
    assert view.slots["inactive_because"].startswith("the speaker's own view")
    assert history.slots["inactive_because"].startswith("names, counts and dates")
    policy = KindPolicy(revive_below=0.7, revive_view_below=0.5)
    unsure = np.array([row(none=0.6, fact=0.4)])
    assert reread_kinds([view], unsure, policy)[0] == view                 # a view stays inactive at 0.6
    assert reread_kinds([history], unsure, policy)[0].active               # (was inactive below 0.5 only)
    assert reread_kinds([view], np.array([row(none=0.4, fact=0.6)]), policy)[0].active


def test_the_shipped_policy_is_the_one_its_metadata_records() -> None:
    import json

    recorded = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))["policy"]
    assert loaded_kind_model().policy == KindPolicy(**recorded)


def test_the_sentence_encoder_gives_the_kind_reader_its_frozen_layers() -> None:
    model = loaded_kind_model()
    outputs = [o.name for o in model.encoder.session.get_outputs()]
    assert outputs == ["token_embeddings", "frozen_hidden"]      # its own vectors first, unchanged
    vectors = model.encoder.embed(["The call lasted close to 90 minutes."])
    assert vectors.shape == (1, 384) and np.isclose(np.linalg.norm(vectors[0]), 1.0)


def test_rules_only_extraction_tracks_what_the_rules_track(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "port-figures.txt").write_bytes(PORT)

    extract_to_file(docs, tmp_path / "rules.toml", rules_only=True)
    extract_to_file(docs, tmp_path / "read.toml")
    rules = {c.statement: c.active for c in load_claims(tmp_path / "rules.toml")}
    read = {c.statement: c.active for c in load_claims(tmp_path / "read.toml")}
    assert rules["The outlook was bright."] and not read["The outlook was bright."]
    assert {s for s, active in rules.items() if active} - {s for s, active in read.items() if active} == \
        {"The outlook was bright."}


def test_a_corrupt_kind_reader_says_how_to_go_on(tmp_path: Path) -> None:
    folder = tmp_path / "models"
    shutil.copytree(DEFAULT_PATH.parent, folder)
    (folder / "kind_reader.onnx").write_bytes(b"not a model")
    with pytest.raises(ClaimsError, match="--rules-only"):
        KindModel.load(folder / "kind_reader.json")


def test_the_training_script_and_the_product_name_the_same_labels_in_the_same_order() -> None:
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "bench" / "train_kind_encoder_gpu.py"
    spec = importlib.util.spec_from_file_location("train_kind_encoder_gpu", path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.LABELS == LABELS


def test_the_shipped_policy_tracks_what_it_reads_as_a_claim_often_enough_and_drops_the_rest() -> None:
    claims = claims_of(PORT)
    outlook = next(c for c in claims if "outlook" in c.statement)
    policy = loaded_kind_model().policy
    dropped = reread_kinds([outlook], np.array([row(none=0.95, fact=0.05)]), policy)[0]
    assert not dropped.active
    # (stop 29's policy kept it inactive below p(none) 0.2 only, stop 42's below 0.5)
    assert reread_kinds([dropped], np.array([row(none=0.6, fact=0.4)]), policy)[0].active
    assert not reread_kinds([dropped], np.array([row(none=0.75, fact=0.25)]), policy)[0].active
    # and a tracked one it reads as nothing to check with p 0.87 is dropped (stop 29's kept it)
    assert not reread_kinds([outlook], np.array([row(none=0.87, fact=0.13)]), policy)[0].active
