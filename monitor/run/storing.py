"""Storing one extracted article, as a poll cycle and a back-fill both do: copies and independent sources.

``ArticleSaver.save`` decides whether a page copies a stored article (it declares that
article's URL as its canonical one, its text is the same, or its text adds almost nothing to
that article's: ``ingest.sources.near_copy_of``) and stores it as ``duplicate`` of it, or as
``ok``; in the same transaction it records the article's MinHash signature, its group of
near-duplicates (an LSH lookup, not a comparison with every stored article) and its site, which
``claim_status`` counts evidence by. A caller's ``then(saved)`` runs inside that transaction
too (a back-fill writes the alerts and its checkpoint there), so all of it happens or none.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from ..ingest.extract import ExtractedArticle
from ..ingest.feeds import canonical_url
from ..ingest.sources import (
    SourceIndex,
    index_for,
    near_copy_of,
    probe_phrases,
    signature,
    signature_bytes,
    site_of,
)

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)


@dataclass
class Saved:
    """Where an article went: its row, and the stored article it copies (with why), if any."""

    article_id: int
    copy_of: dict[str, Any] | None = None
    why: str | None = None

    @property
    def duplicate(self) -> bool:
        return self.copy_of is not None


class ArticleSaver:
    """Stores extracted articles into one store; keeps the LSH index of its independent sources."""

    def __init__(self, store: "Store"):
        self.store = store
        self.sources: SourceIndex | None = None  # the LSH index, built when first needed

    def original_of(self, canonical: str, article: ExtractedArticle) -> tuple[dict[str, Any], str] | None:
        """The stored article this page copies, and why: it declares that article's URL as its
        canonical one, its text is the same, or its text adds almost nothing to that article's."""
        candidates: list[tuple[dict[str, Any] | None, str]] = []
        if article.canonical_url:
            declared = canonical_url(article.canonical_url)
            if declared != canonical:
                candidates.append((self.store.article_by_canonical_url(declared), "declared canonical URL"))
        if article.content_hash:
            candidates.append((self.store.article_by_content_hash(article.content_hash), "same text"))
        for found, why in candidates:
            if found is None or found["status"] == "failed":
                continue
            if found["status"] == "duplicate" and found["duplicate_of"]:
                found = self.store.article(found["duplicate_of"])
            if found["canonical_url"] != canonical:
                return found, why
        nearby = [c for c in self.store.articles_sharing_phrases(probe_phrases(article.text))
                  if c["canonical_url"] != canonical]
        copied = near_copy_of(article.text, nearby)
        if copied is None:
            return None
        candidate, why = copied
        return self.store.article(candidate["id"]), why

    def save(self, article: ExtractedArticle, *, canonical: str, page_url: str,
             then: Callable[[Saved], None] | None = None, **fields: Any) -> Saved:
        """Store ``article`` (a copy as ``duplicate``, text kept once in its original) with its
        source group; ``fields`` are ``Store.save_article``'s other columns."""
        original = self.original_of(canonical, article)
        self.load_index()  # before the write lock is taken: it can take seconds
        with self.store.transaction():
            if original is not None:
                copied, why = original
                # The text lives once, in the original: a copy gets no verdicts and no FTS match.
                article_id = self.store.save_article(canonical_url=canonical, url=page_url, text=None,
                                                     status="duplicate", duplicate_of=copied["id"], **fields)
                saved = Saved(article_id, copied, why)
            else:
                article_id = self.store.save_article(canonical_url=canonical, url=page_url, text=article.text,
                                                     status="ok", **fields)
                saved = Saved(article_id)
            self._group_sources(saved, article, page_url)
            if then is not None:
                then(saved)
        return saved

    # -- independent sources (monitor/ingest/sources.py) ----------------------------------

    def load_index(self) -> SourceIndex:
        if self.sources is None:  # from the stored signatures; kept by a long-running process
            self.sources = index_for(str(self.store.path.resolve()), self.store.source_signature_rows,
                                     self.store.newest_article_id())
        return self.sources

    def _group_sources(self, saved: Saved, article: ExtractedArticle, page_url: str) -> None:
        sources = self.load_index()
        minhash = signature(article.text)
        if saved.copy_of is not None:  # a copy the checks above caught joins its original's group
            original = self.store.article_source(saved.copy_of["id"])
            group = (original["source_group"] if original and original["source_group"] else saved.copy_of["id"])
        else:
            grouping = sources.group_for(saved.article_id, minhash)
            group = grouping.group
            if grouping.similar_to is not None:
                log.info("article %s: same story as article %s (similarity %s), source group %s",
                         saved.article_id, grouping.similar_to, grouping.similarity, group)
        self.store.set_article_source(saved.article_id, source_group=group,
                                      source_site=site_of(page_url, article.site),
                                      minhash=signature_bytes(minhash) if minhash is not None else None)
        sources.add(saved.article_id, group, minhash)
