"""The cross-encoder stance model: (claim, passage) -> calibrated probabilities of confirms /
contradicts / discusses / unrelated, read by a fine-tuned transformer (all-MiniLM-L6-v2).

It owns loading the shipped artefact (``monitor/models/cross_encoder.json`` + the ONNX file and
tokenizer it names, checked by sha256) and running it with onnxruntime and tokenizers — no
torch at run time. The passage is what ``passages.select_passage`` picks from the article, as
in training (``bench/train_cross_encoder.py``); one temperature, fitted on held-out claims,
calibrates the probabilities.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ...errors import VerdictError

log = logging.getLogger(__name__)

STANCES = ("confirms", "contradicts", "discusses", "unrelated")
DEFAULT_PATH = Path(__file__).resolve().parents[2] / "models" / "cross_encoder.json"
FORMAT = 1
KIND = "cross-encoder"
DIMENSIONS = 384  # of the sentence encoder's vectors

# One item per call, in both models: the int8 models quantise activations with one scale per
# call, so in a batch an item's numbers moved with its neighbours' (up to 0.05 in a probability),
# and padding to the longest item cost work. Alone, a result depends on the item only, and 53
# sentences embed in 0.34 s instead of 0.88 s (one thread, the 2-core machine); the judge reads
# 5.6 articles/s instead of 4.7 (bench/verdicts.py's articles, 100 claims).

# CPU threads of one model session (the machine the models were sized on has two cores); a
# back-fill worker asks for fewer, as its processes share the cores.
DEFAULT_THREADS = 2


def file_sha256(path: Path) -> str:
    """The checksum a model's metadata records for each of its files."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


RETRAIN = "retrain it with `python bench/train_cross_encoder.py --base DIR --out monitor/models/`"


def write_meta(folder: Path, files: dict[str, Path], meta: dict[str, Any], *,
               name: str = "cross_encoder.json", kind: str = KIND) -> Path:
    """Write a model's metadata file naming ``files`` (relative to ``folder``) with their checksums."""
    path = folder / name
    version = kind + "-" + file_sha256(files["model"])[:8]
    entries = {key: {"path": file.name, "sha256": file_sha256(file), "bytes": file.stat().st_size}
               for key, file in files.items()}
    body = {"format": FORMAT, "kind": kind, "version": version, **meta, "files": entries}
    if kind == KIND:
        body["stances"] = list(STANCES)
    path.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    return path


def _open(meta_path: Path, kind: str, retrain: str, threads: int | None) -> tuple[dict[str, Any], Any, Any]:
    """The metadata, onnxruntime session and tokenizer of a shipped model, checksums verified."""
    import onnxruntime
    from tokenizers import Tokenizer

    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise VerdictError(f"{kind} not found at {meta_path}: reinstall the package or {retrain}") from exc
    except (OSError, ValueError) as exc:
        raise VerdictError(f"{kind} metadata {meta_path} is unreadable ({exc}): {retrain}") from exc
    try:
        if meta.get("format") != FORMAT or meta.get("kind") != kind:
            raise VerdictError(f"{meta_path} is not a format-{FORMAT} {kind}: {retrain}")
        files = {key: meta_path.parent / entry["path"] for key, entry in meta["files"].items()}
        for key, file in files.items():
            if file_sha256(file) != meta["files"][key]["sha256"]:
                raise VerdictError(f"{kind} file {file} does not match the checksum in {meta_path} "
                                   f"(corrupt or from another model): {retrain}")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or DEFAULT_THREADS
        options.inter_op_num_threads = 1
        # Idle threads sleep instead of spinning: with one small item per call the spinning
        # threads of two models took the cores from the caller (4.2 against 5.6 articles/s).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(str(files["model"]), options, providers=["CPUExecutionProvider"])
        tokenizer = None   # a model that reads another's outputs (the kind reader) has none of its own
        if "tokenizer" in files:
            tokenizer = Tokenizer.from_file(str(files["tokenizer"]))
            tokenizer.enable_truncation(int(meta["max_length"]), strategy="longest_first")
            tokenizer.no_padding()  # one item per run: nothing to pad to
    except VerdictError:
        raise
    except Exception as exc:  # onnxruntime and tokenizers raise their own, unrelated, types
        raise VerdictError(f"{kind} {meta_path} is incomplete or corrupt ({type(exc).__name__}: {exc}): "
                           f"{retrain}") from exc
    log.debug("loaded %s %s from %s", kind, meta.get("version"), meta_path)
    return meta, session, tokenizer


def _feed(encodings: list[Any], input_names: set[str]) -> dict[str, np.ndarray]:
    feed = {"input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64)}
    return {k: v for k, v in feed.items() if k in input_names}


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


class CrossEncoderStance:
    """A loaded cross-encoder. Pairs are (claim, passage); ``reads`` tells the judge so."""

    reads = "passage"

    def __init__(self, *, session: Any, tokenizer: Any, temperature: float, version: str,
                 meta: dict[str, Any] | None = None):
        self.session = session
        self.tokenizer = tokenizer
        self.temperature = float(temperature)
        self.version = version
        self.meta = meta or {}
        self.input_names = {i.name for i in session.get_inputs()}

    @classmethod
    def load(cls, path: Path | None = None, *, threads: int | None = None) -> "CrossEncoderStance":
        """Load the model that ``path`` (a ``cross_encoder.json``; default: the shipped one) describes."""
        meta, session, tokenizer = _open(Path(path) if path is not None else DEFAULT_PATH, KIND, RETRAIN, threads)
        return cls(session=session, tokenizer=tokenizer, temperature=meta.get("temperature", 1.0),
                   version=meta["version"], meta=meta)

    def raw_scores(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Logits, one row per (claim, passage), columns in ``STANCES`` order."""
        # One pair per call (see the note at the top).
        encodings = self.tokenizer.encode_batch([(claim, passage) for claim, passage in pairs])
        rows = [self.session.run(["logits"], _feed([e], self.input_names))[0][0] for e in encodings]
        return np.array(rows, dtype=np.float64).reshape(len(pairs), len(STANCES))

    def predict_proba(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Calibrated probabilities (rows sum to 1), columns in ``STANCES`` order."""
        return _softmax(self.raw_scores(pairs) / self.temperature)

    def predict(self, pairs: list[tuple[str, str]]) -> list[dict[str, float]]:
        return [dict(zip(STANCES, map(float, row))) for row in self.predict_proba(pairs)]


SENTENCE_DEFAULT_PATH = DEFAULT_PATH.with_name("sentence_encoder.json")
SENTENCE_KIND = "sentence-encoder"
REEXPORT = "export it again with `python bench/export_sentence_encoder.py --base DIR --out monitor/models/`"


class SentenceEncoder:
    """Sentence embeddings (all-MiniLM-L6-v2, mean-pooled, unit length) for retrieval by meaning."""

    def __init__(self, *, session: Any, tokenizer: Any, version: str):
        self.session = session
        self.tokenizer = tokenizer
        self.version = version
        self.input_names = {i.name for i in session.get_inputs()}

    @classmethod
    def load(cls, path: Path | None = None, *, threads: int | None = None) -> "SentenceEncoder":
        meta, session, tokenizer = _open(Path(path) if path is not None else SENTENCE_DEFAULT_PATH,
                                         SENTENCE_KIND, REEXPORT, threads)
        return cls(session=session, tokenizer=tokenizer, version=meta["version"])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (rows), in the order given."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # One text per call (see the note at the top).
        for row, encoding in enumerate(self.tokenizer.encode_batch(list(texts))):
            tokens = self.session.run(["token_embeddings"], _feed([encoding], self.input_names))[0][0]
            pooled = tokens.mean(axis=0)  # no padding: every token counts
            out[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-9)
        return out
