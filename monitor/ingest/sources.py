"""Independent sources: which stored articles are one story, and which site published them.

A wire story syndicated on many sites, or a site that runs several versions of its own story,
is not independent confirmation of a claim. This module owns the grouping that the
``claim_status`` view counts by (``articles.source_group``, ``articles.source_site``):

* **Near-duplicate text** — MinHash signatures (``datasketch``) over word 5-shingles, looked
  up in a ``MinHashLSH`` index, so the cost of grouping one new article does not grow with the
  number of stored ones (a band lookup, never a pairwise comparison). Each article's signature
  is stored as a BLOB (``articles.minhash``, 4 bytes per permutation), and the index is rebuilt
  from those blobs when a poll cycle first needs it — no text is re-shingled.
* **Canonical URL** — a page that declares another article's URL canonical, or has its exact
  text, is stored by the pipeline as that article's duplicate and joins its group.
* **Near copies** — a page that adds almost nothing to a stored article (``near_copy_of``: the
  same 5-shingles, counted exactly, against candidates the full-text index finds for a few
  ``probe_phrases``) is stored as its duplicate too: not judged, and in its group.

Near-duplicate detection lives here, in one place, over one representation of a text (its
word 5-shingles); the store only runs the lookups.

A group's id is the id of its first article. An *independent source* for a claim is then an
alert from an article whose group and site no earlier counted alert of the same verdict had
(see ``monitor/store/views.py``).

Pure functions (``shingles``, ``signature``, ``site_of``) and the in-memory ``SourceIndex``
live here; reading and writing the columns is ``Store``'s job.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

log = logging.getLogger(__name__)

NUM_PERM = 128
SHINGLE_WORDS = 5
# Estimated Jaccard similarity of 5-shingle sets from which two texts are one story. Syndicated
# copies with their own boilerplate (credit line, dateline, related links) score ~0.7-0.95;
# two reports of the same event written separately share few 5-word sequences (< 0.2).
SAME_STORY = 0.5
SEED = 1
# datasketch 2 records the permutation scheme of hash values (``affine32``: uint32 values);
# stored signatures are read back with the scheme this version computes them with.
SCHEME = MinHash(num_perm=1, seed=SEED).scheme
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The text's overlapping ``size``-word sequences, case-folded, punctuation ignored."""
    words = [w.casefold() for w in _WORD.findall(text or "")]
    if not words:
        return set()
    return {" ".join(words[i:i + size]) for i in range(max(len(words) - size + 1, 1))}


def signature(text: str, num_perm: int = NUM_PERM) -> LeanMinHash | None:
    """The MinHash signature of the text's 5-shingles; None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=num_perm, seed=SEED)
    minhash.update_batch([gram.encode("utf-8") for gram in grams])
    return LeanMinHash(minhash)


def signature_bytes(minhash: LeanMinHash) -> bytes:
    """A signature as stored: its hash values as little-endian uint32 (datasketch's own width)."""
    return np.asarray(minhash.hashvalues, dtype="<u4").tobytes()


def signature_from_bytes(blob: bytes) -> LeanMinHash:
    """The signature ``signature_bytes`` stored."""
    values = np.frombuffer(blob, dtype="<u4").astype(np.uint32)
    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def site_of(url: str | None, site: str | None = None) -> str | None:
    """The publishing site of an article: its URL's host without ``www.``, else the site name."""
    host = urlsplit(url or "").hostname
    if host:
        return host.removeprefix("www.")
    return site.casefold().strip() if site else None


@dataclass(frozen=True)
class Grouping:
    """Where one article belongs: its group (an article id) and, if it joined one, why."""

    group: int
    similar_to: int | None = None  # the stored article it was matched with
    similarity: float | None = None


class SourceIndex:
    """An LSH index over stored articles' signatures: article id -> (group, signature)."""

    def __init__(self, threshold: float = SAME_STORY, num_perm: int = NUM_PERM):
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.groups: dict[int, int] = {}
        self.signatures: dict[int, LeanMinHash] = {}
        self.last_id = 0  # the highest article id read from the database

    def load(self, rows: Iterable[tuple[int, int | None, bytes]]) -> "SourceIndex":
        """Index stored ``(article id, source group, signature blob)`` rows (in id order)."""
        with self.lsh.insertion_session() as session:
            for article_id, group, blob in rows:
                minhash = signature_from_bytes(blob)
                if article_id in self.signatures:
                    self.lsh.remove(article_id)
                session.insert(article_id, minhash, check_duplication=False)
                self.groups[article_id] = group if group is not None else article_id
                self.signatures[article_id] = minhash
                self.last_id = max(self.last_id, article_id)
        return self

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, int | None, bytes]], threshold: float = SAME_STORY) -> "SourceIndex":
        """Build from stored ``(article id, source group, signature blob)`` rows."""
        return cls(threshold).load(rows)

    def __len__(self) -> int:
        return len(self.groups)

    def group_for(self, article_id: int, minhash: LeanMinHash | None) -> Grouping:
        """The group of the most similar indexed article (another one) at or above the
        threshold; else a group of its own. Looks at LSH candidates only."""
        if minhash is not None:
            best: tuple[float, int] | None = None
            for candidate in self.lsh.query(minhash):
                if candidate == article_id:
                    continue
                similarity = minhash.jaccard(self.signatures[candidate])
                # ties go to the older article, so a group keeps its first article's id
                if similarity >= self.threshold and (best is None or (similarity, -candidate) > (best[0], -best[1])):
                    best = (similarity, candidate)
            if best is not None:
                return Grouping(self.groups[best[1]], best[1], round(best[0], 3))
        if article_id in self.groups:  # grouped before, nothing similar indexed: keep it
            return Grouping(self.groups[article_id])
        return Grouping(article_id)

    def add(self, article_id: int, group: int, minhash: LeanMinHash | None) -> None:
        """Index an article (again: a rerun replaces its entry, never duplicates it)."""
        if minhash is None:
            self.groups[article_id] = group
            return
        if article_id in self.signatures:
            self.lsh.remove(article_id)
        self.lsh.insert(article_id, minhash, check_duplication=False)
        self.groups[article_id] = group
        self.signatures[article_id] = minhash


# Building the index costs ~0.1-0.2 ms per stored signature (18 s at 100,000 on a busy 2-core
# machine), so a long-running process (`monitor run`) keeps it between cycles and only reads the
# signatures stored since (higher article ids). Articles stored by another process under an
# older id (a failed article that a later `monitor poll` fetched) are missing from a kept index
# until the process restarts: a later copy of one of them then starts a group of its own.
_KEPT: dict[str, SourceIndex] = {}


def index_for(database: str, stored: Callable[[int], Iterable[tuple[int, int | None, bytes]]],
              newest_id: int) -> SourceIndex:
    """The LSH index of one database, kept in this process and topped up with ``stored(after_id)``.

    ``newest_id`` is the database's highest article id: lower than what the kept index has
    seen means the file was replaced, and the index is built afresh.
    """
    index = _KEPT.get(database)
    if index is None or newest_id < index.last_id:
        index = _KEPT[database] = SourceIndex()
    index.load(stored(index.last_id))
    return index


# -- near copies -----------------------------------------------------------------------------
# Syndicated copies are rarely byte-identical after extraction: one site adds a credit line or a
# dateline, another keeps a caption. A page is a near duplicate of a stored article when it adds
# at most NEAR_DUPLICATE_NEW of its own 5-word sequences (about ten words in one run; a sentence
# adds its length + 4) and at least NEAR_DUPLICATE_SHARE of its sequences are in that article.
# The cap is absolute on purpose: a follow-up that reuses wire copy and adds one sentence of
# news must still be stored and judged as an article of its own, however long the copy.
# Candidates come from the full-text index, searched for a few phrases spread over the page.

NEAR_DUPLICATE_NEW = 15
NEAR_DUPLICATE_SHARE = 0.8
PROBE_PHRASES, PROBE_WORDS = 4, 8


def probe_phrases(text: str, count: int = PROBE_PHRASES, size: int = PROBE_WORDS) -> list[str]:
    """``count`` phrases of ``size`` words spread evenly over the text (first, last, between)."""
    words = _WORD.findall(text)
    if len(words) <= size:
        return [" ".join(words)] if words else []
    last = len(words) - size
    starts = sorted({round(i * last / max(count - 1, 1)) for i in range(count)})
    return [" ".join(words[start:start + size]) for start in starts]


def near_copy_of(text: str, candidates: Iterable[dict[str, Any]]) -> tuple[dict[str, Any], str] | None:
    """The first candidate (a row with ``text``) that ``text`` nearly copies, with why; None if none.

    The same 5-shingles as the signatures, counted exactly: a copy adds at most
    ``NEAR_DUPLICATE_NEW`` of its own and shares at least ``NEAR_DUPLICATE_SHARE`` of them.
    """
    own = shingles(text)
    if not own:
        return None
    for candidate in candidates:
        added = len(own - shingles(candidate["text"] or ""))
        if added <= NEAR_DUPLICATE_NEW and 1 - added / len(own) >= NEAR_DUPLICATE_SHARE:
            return candidate, f"near copy: {added} of {len(own)} word sequences new"
    return None
