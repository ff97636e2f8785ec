"""Checking articles on demand (``monitor check``): verdicts of pages or files against the
tracked claims, with evidence and values, without storing anything.

A source is an ``http(s)://`` URL (fetched with ``monitor.ingest.fetch.Fetcher``, so the SSRF guard
and size cap apply), an ``.html``/``.htm`` file (extracted with trafilatura like a fetched
page), or any other file read as UTF-8 text (its first line is taken as the title when it is
short and followed by a blank line).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..config import FetchSettings
from ..errors import ExtractionError
from ..judge.verdicts.judge import Judge

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass
class CheckedArticle:
    """One source read for checking: where it came from, its title, text and date."""

    source: str
    title: str
    text: str
    published_at: str | None = None


def read_text_file(path: Path) -> CheckedArticle:
    """A plain-text article: a front-matter block (``---`` lines around ``title:``/``date:``, as in
    baseline_docs/, read by ``claims.parse_document``) gives the title and date; otherwise the
    first line is the title when short and followed by a blank line."""
    from ..errors import ClaimsError
    from ..judge.claims import parse_document

    try:
        document = parse_document(path.read_bytes(), path)
    except FileNotFoundError as exc:
        raise ExtractionError(f"{path}: no such file; give a URL, an .html file or a .txt file") from exc
    except ClaimsError as exc:
        raise ExtractionError(f"{exc} (or give the .html page)") from exc
    if document.meta:
        return CheckedArticle(str(path), document.meta.get("title", ""), document.body.strip(), document.date)
    body = document.body.replace("\r\n", "\n")
    first, _, rest = body.partition("\n")
    if first.strip() and len(first) <= 200 and rest.startswith("\n"):
        return CheckedArticle(str(path), first.strip(), rest.strip())
    return CheckedArticle(str(path), "", body.strip())


def read_html_file(path: Path) -> CheckedArticle:
    """An article page saved as a file, extracted the way a fetched page is."""
    from ..ingest.extract import extract_article

    try:
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise ExtractionError(f"{path}: no such file; give a URL, an .html file or a .txt file") from exc
    article = extract_article(content, path.resolve().as_uri())
    return CheckedArticle(str(path), article.title or "", article.text, article.published_at)


def read_sources(sources: Iterable[str], fetch_settings: FetchSettings | None = None) -> list[CheckedArticle]:
    """Read every source (URLs fetched with one ``Fetcher``); errors name the source."""
    from ..ingest.extract import extract_article
    from ..ingest.fetch import Fetcher

    sources = list(sources)
    out: list[CheckedArticle] = []
    fetcher: Fetcher | None = None
    try:
        for source in sources:
            if source.startswith(("http://", "https://")):
                if fetcher is None:
                    fetcher = Fetcher(fetch_settings or FetchSettings())
                result = fetcher.get(source, kind="page")
                article = extract_article(result.content, result.final_url, result.encoding,
                                          content_type=result.content_type or "text/html")
                out.append(CheckedArticle(source, article.title or "", article.text, article.published_at))
            elif source.lower().endswith(HTML_SUFFIXES):
                out.append(read_html_file(Path(source)))
            else:
                out.append(read_text_file(Path(source)))
    finally:
        if fetcher is not None:
            fetcher.close()
    return out


def check_articles(articles: Iterable[CheckedArticle], judge: Judge, *, include_all: bool = False
                   ) -> list[dict[str, Any]]:
    """One row per (article, claim) judged: the verdict, confidence, evidence and values.

    Only alerts (not unrelated, confidence at least the threshold) unless ``include_all``,
    which adds every candidate claim's verdict, marked ``alert: false``.
    """
    rows: list[dict[str, Any]] = []
    for article in articles:
        for assessment in judge.assess(article.title, article.text, article.published_at):
            verdict = assessment.verdict
            alert = verdict.verdict != "unrelated" and verdict.confidence >= judge.threshold
            if not (alert or include_all):
                continue
            rows.append({
                "source": article.source, "title": article.title, "claim_id": verdict.claim_id,
                "verdict": verdict.verdict, "confidence": verdict.confidence, "alert": alert,
                "evidence": verdict.evidence, "claim_value": verdict.claim_value,
                "article_value": verdict.article_value, "values_compared": verdict.values_compared,
                "resolution": verdict.resolution, "reasons": verdict.reasons,
            })
    return rows


__all__ = ["CheckedArticle", "check_articles", "read_html_file", "read_sources", "read_text_file"]
