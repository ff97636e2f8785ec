"""One bad baseline document costs its own claims, never everyone's (issue 15, item 3).

`monitor claims extract` over a folder with a good document and bad ones: the bad ones are
reported and skipped, the good one's claims are written.
"""
from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from monitor.cli import cli

GOOD = ("---\ntitle: The call\ndate: 2025-02-14\n---\n"
        "The Kremlin said the call between the two presidents lasted close to 90 minutes.\n")


def extract(tmp_path: Path):
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "monitor.toml").write_text('[database]\npath = "monitor.db"\n')
    return CliRunner().invoke(cli, ["-c", str(tmp_path / "config" / "monitor.toml"), "claims", "extract",
                                    "--docs", str(tmp_path / "docs")], catch_exceptions=False)


def docs_folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "2025-02-14-call.txt").write_text(GOOD)
    return docs


def test_a_front_matter_date_that_is_no_calendar_date_skips_that_document(tmp_path: Path) -> None:
    docs = docs_folder(tmp_path)
    (docs / "bad-date.txt").write_text("---\ntitle: Talks\ndate: 2025-13-45\n---\n"
                                       "The talks will resume next week, officials said.\n")
    result = extract(tmp_path)
    assert result.exit_code == 0, result.output
    assert "bad-date.txt: front matter `date: 2025-13-45` is not a YYYY-MM-DD date" in result.stderr
    assert "from 1 documents" in result.stdout
    assert "lasted close to 90 minutes" in (tmp_path / "config" / "claims.toml").read_text()


def test_a_file_name_that_is_not_utf8_skips_that_document_and_says_to_rename_it(tmp_path: Path) -> None:
    docs = docs_folder(tmp_path)
    with open(os.path.join(os.fsencode(docs), b"caf\xe9-notes.txt"), "wb") as file:   # Latin-1 "café"
        file.write(b"The minister said the plant would open in May.\n")
    result = extract(tmp_path)
    assert result.exit_code == 0, result.output
    assert "caf\ufffd-notes.txt: the file name is not valid UTF-8; rename the file" in result.stderr
    assert "lasted close to 90 minutes" in (tmp_path / "config" / "claims.toml").read_text()
