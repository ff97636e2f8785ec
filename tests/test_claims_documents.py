"""Reading baseline documents: front matter, and bad files reported one by one, never a crash."""
from __future__ import annotations

from pathlib import Path

import pytest

from monitor.judge.claims import parse_document, read_document, read_documents
from monitor.errors import ClaimsError

ROOT = Path(__file__).resolve().parent.parent


def test_front_matter_and_body() -> None:
    document = read_document(ROOT / "baseline_docs" / "2025-02-14-trump-putin-call-experts.txt")
    assert document.title == "Trump speaks to Putin, then Zelensky: experts weigh in"
    assert (document.source, document.date) == ("News.Az", "2025-02-14")
    assert document.body.lstrip().startswith("U.S. President Donald Trump held a phone conversation")
    assert len(document.sha256) == 64


def test_document_without_front_matter_uses_the_file_name() -> None:
    document = parse_document(b"Kellogg will meet Zelensky next week.", "docs/kellogg-visit.txt")
    assert (document.title, document.source, document.date) == ("kellogg-visit", None, None)


@pytest.mark.parametrize("data, words", [
    (b"", "the document is empty"),
    (b"   \n\n", "the document is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"caf\xe9 au lait", "not UTF-8"),
    (b"---\ntitle: x\n---\n", "no text"),
    (b"---\ndate: 14 Feb 2025\n---\nBody.", "YYYY-MM-DD"),
    (b"---\njust words\n---\nBody.", "line 2"),
])
def test_bad_documents_raise_claims_error_naming_the_file(data: bytes, words: str) -> None:
    with pytest.raises(ClaimsError) as error:
        parse_document(data, "baseline_docs/bad.txt")
    assert "baseline_docs/bad.txt" in str(error.value) and words in str(error.value)


def test_read_documents_reports_bad_files_and_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "2025-01-02-good.txt").write_text("---\ntitle: Good\ndate: 2025-01-02\n---\nTrump met Putin.\n")
    (tmp_path / "2025-01-01-other.md").write_text("---\ndate: 2025-01-01\n---\nPutin met Trump.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\x00\x00binary")
    (tmp_path / "notes.json").write_text("{}")            # not a document type: ignored
    documents, errors = read_documents(tmp_path)
    assert [d.name for d in documents] == ["2025-01-01-other.md", "2025-01-02-good.txt"]   # by date
    assert sorted(Path(str(e).split(":")[0]).name for e in errors) == ["empty.txt", "scan.txt"]


def test_missing_folder_is_an_error_saying_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(ClaimsError, match="--docs"):
        read_documents(tmp_path / "nope")


def test_a_document_without_front_matter_gets_a_warning_naming_the_file() -> None:
    document = parse_document(b"Kellogg will meet Zelensky next week.", "docs/kellogg-visit.txt")
    assert len(document.warnings) == 2
    assert document.warnings[0].startswith("docs/kellogg-visit.txt: no front matter")
    assert "resolved against today's date" in document.warnings[1]


def test_unknown_front_matter_keys_are_reported_not_lost_silently() -> None:
    document = parse_document(b"---\ntitle: T\ndtae: 2025-01-01\ndate: 2025-01-02\n---\nBody.", "d/x.txt")
    assert document.warnings == ("d/x.txt: front matter key(s) dtae not recognised and ignored; known keys: "
                                 "title, source, date, url, author, language, note, seed",)


def test_shipped_documents_read_without_warnings() -> None:
    documents, errors = read_documents(ROOT / "baseline_docs")
    assert not errors and not [w for d in documents for w in d.warnings]
