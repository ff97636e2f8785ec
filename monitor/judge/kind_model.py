"""The kind reader: a second reading of each extracted claim's kind by a fine-tuned encoder.

The rules (``claim_rules``) find the claims, their statements, dates and values; this model then
reads each one again — "kind (inactive): statement" paired with its quote — as *none* (nothing
later coverage could check) / fact / quantity / forecast / event. It owns that input, loading
the shipped model and the policy that decides when its reading replaces the rules'.

The model is all-MiniLM-L6-v2 with its last two layers and a linear head fine-tuned on the
extraction-dev documents of the coverage benchmark (``bench/train_kind_encoder_gpu.py``); the
embeddings and first four layers are the shipped sentence encoder's, unchanged, so that file
gives them (its ``frozen_hidden`` output) and this model ships only its two layers (3.5 MB).
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import ClaimsError, VerdictError
from .claims import Claim

log = logging.getLogger(__name__)

LABELS = ("none", "fact", "quantity", "forecast", "event")
KIND = "kind-reader"
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "models" / "kind_reader.json"
RETRAIN = "train it again with `python bench/train_kind_encoder_gpu.py` (see monitor/models/KIND_READER.md)"


def model_input(kind: str, active: bool, statement: str, quote: str) -> tuple[str, str]:
    """The (first, second) text the kind model reads for one extracted claim: the rules' reading
    goes in with the statement, so the model learns where the rules are right."""
    return f"{kind}{'' if active else ' (inactive)'}: {statement}", quote


@dataclass(frozen=True)
class KindPolicy:
    """When the model's reading replaces the rules' (chosen by story-grouped cross-validation on
    extraction-dev, out-of-fold predictions; ``drop_at`` and ``revive_below`` moved by stop 42 on
    documents the model never trained on; see the model card)."""

    drop_at: float = 0.85      # a tracked claim the model reads as *none* this surely is set inactive (stop 42)
    revive_below: float = 0.7  # an inactive one it reads as *none* less surely than this is tracked (stop 45)
    # ... but one the rules set inactive as somebody's view or guess (first person, evaluative wording,
    # speculation) only below this: an interview is mostly views, and few of them are checkable (stop 45)
    revive_view_below: float = 0.5
    change_at: float = 0.0     # the model's kind replaces the rules' when its share of the kinds is this


class KindModel:
    """A loaded kind reader: ``probabilities(claims)`` gives one row of ``LABELS`` per claim."""

    def __init__(self, *, encoder: Any, session: Any, version: str, policy: KindPolicy):
        self.encoder = encoder
        self.session = session
        self.version = version
        self.policy = policy

    @classmethod
    def load(cls, path: Path | None = None, *, threads: int | None = None) -> "KindModel":
        from .verdicts import sentence_encoder
        from .verdicts.encoder import _open

        path = Path(path) if path is not None else DEFAULT_PATH
        try:
            meta, session, _ = _open(path, KIND, RETRAIN, threads)
            encoder = sentence_encoder(path.parent, threads=threads)
        except VerdictError as exc:
            raise ClaimsError(f"the kind reader cannot be loaded: {exc}; or extract with the rules alone "
                              "(`monitor claims extract --rules-only`)") from exc
        if "frozen_hidden" not in {o.name for o in encoder.session.get_outputs()}:
            raise ClaimsError(f"{path.parent / 'sentence_encoder.onnx'} gives no 'frozen_hidden' output, which the "
                              f"kind reader {meta['version']} reads: reinstall the package")
        return cls(encoder=encoder, session=session, version=meta["version"],
                   policy=KindPolicy(**meta.get("policy", {})))

    def probabilities(self, claims: Sequence[Claim]) -> np.ndarray:
        from .verdicts.encoder import _feed, _softmax

        pairs = [model_input(c.kind, c.active, c.statement, c.quote) for c in claims]
        out = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
        tokenizer = self.encoder.tokenizer
        # One claim per call, as the encoders run: an int8 model's numbers then depend on the item only.
        for row, encoding in enumerate(tokenizer.encode_batch([p if p[1] else p[0] for p in pairs])):
            feed = _feed([encoding], self.encoder.input_names)
            hidden = self.encoder.session.run(["frozen_hidden"], feed)[0]
            logits = self.session.run(["logits"], {"hidden": hidden, "attention_mask": feed["attention_mask"]})[0]
            out[row] = _softmax(logits)[0]
        return out

    def reread(self, claims: list[Claim]) -> list[Claim]:
        """``claims`` with the model's reading applied (see ``reread_kinds``)."""
        if not claims:
            return claims
        return reread_kinds(claims, self.probabilities(claims), self.policy, version=self.version)


def reread_kinds(claims: list[Claim], probabilities: np.ndarray, policy: KindPolicy = KindPolicy(), *,
                 version: str = "") -> list[Claim]:
    """Each claim as the model reads it: a tracked claim it surely reads as *none* is set inactive
    with the reason, an inactive one it reads as a claim is tracked, and a tracked claim takes
    the model's kind — with the dates that kind needs and the rules left empty read again (an
    event resolves on its day, a forecast by the end of its horizon). A claim with odds the rules
    found keeps its kind: the odds belong to a forecast. Fresh extractions only: reviewed claims
    are merged in afterwards."""
    return [_reread(claim, row, policy, version) for claim, row in zip(claims, probabilities)]


def _reread(claim: Claim, row: np.ndarray, policy: KindPolicy, version: str) -> Claim:
    none = float(row[0])
    kind = LABELS[1 + int(np.argmax(row[1:]))]
    reading = {"kind": kind, "none": round(none, 3), "model": version}
    if claim.active:
        if none >= policy.drop_at:
            slots = {**claim.slots, "kind_reader": reading, "rules_kind": claim.kind,
                     "inactive_because": f"the kind reader sees nothing later coverage could check (p={none:.2f})"}
            return replace(claim, kind="opinion", active=False, slots=slots)
        share = float(row[1:].max() / max(float(row[1:].sum()), 1e-9))
        if kind == claim.kind or claim.probability is not None or share < policy.change_at:
            return claim
    elif none >= _revive_below(claim, policy):
        return claim
    slots = {key: value for key, value in claim.slots.items() if key != "inactive_because"}
    slots.update(kind_reader=reading, rules_kind=claim.kind)
    event_date, resolves_by = _dates_for(kind, claim)
    return replace(claim, kind=kind, active=True, event_date=event_date, resolves_by=resolves_by, slots=slots)


def _revive_below(claim: Claim, policy: KindPolicy) -> float:
    """The p(none) below which an inactive claim is tracked: lower for one the rules set inactive
    as somebody's view or guess (``VIEW_REASONS``)."""
    from .claim_rules import VIEW_REASONS

    view = str(claim.slots.get("inactive_because", "")).startswith(VIEW_REASONS)
    return policy.revive_view_below if view else policy.revive_below


def _dates_for(kind: str, claim: Claim) -> tuple[str | None, str | None]:
    """The claim's (event_date, resolves_by) for ``kind``: the rules' where they gave one (they
    read the sentence around it: "on polling day", the date it was said), else read again for that
    kind from the dates the rules found (a fact turned forecast needs the end of its horizon)."""
    from .claim_rules import dates_for_kind

    dates = claim.slots.get("dates") or []
    document_date = next((s.get("date") for s in claim.sources if s.get("date")), None)
    if isinstance(document_date, date):
        document_date = document_date.isoformat()
    event_date, resolves_by = dates_for_kind(kind, dates, document_date, claim.statement)
    if kind == "event" and any(d["precision"] == "day" and d["date"] == event_date for d in dates):
        # an event happens on its day: "approved the 2023-26 budgets Friday" (the rules, reading
        # a fact, kept the first date, the budgets' year), and resolves on it ("a sales tax holiday
        # this fall on November 24 and 25": not at the end of the fall the rules' forecast took)
        return event_date, resolves_by or claim.resolves_by
    if claim.kind == "event" and kind == "forecast" and claim.resolves_by and document_date and \
            claim.resolves_by <= document_date:
        # an event's day gone is no forecast's horizon: "BT has today announced that EE will offer
        # 5G ... by 2028" resolves by the end of 2028, not on the day it was announced
        return claim.event_date or event_date, resolves_by or claim.resolves_by
    return claim.event_date or event_date, claim.resolves_by or resolves_by


@functools.lru_cache(maxsize=1)
def loaded_kind_model() -> KindModel:
    """The shipped kind reader, loaded once per process (its sentence encoder is the judge's)."""
    return KindModel.load()


def write_meta(folder: Path, model: Path, meta: dict[str, Any]) -> Path:
    """The kind reader's metadata, with its file's checksum (``verdicts.encoder.write_meta``); it
    reads the sentence encoder's outputs and tokenizer, which that model's metadata checks."""
    from .verdicts.encoder import write_meta as write

    return write(folder, {"model": model}, {**meta, "labels": list(LABELS)},
                 name=DEFAULT_PATH.name, kind=KIND)
