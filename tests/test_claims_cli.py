"""`monitor claims extract|list|show` through click's CliRunner."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from alert_rows import add_alert, add_article
from monitor.cli import cli
from monitor.store import Store

ROOT = Path(__file__).resolve().parent.parent
DOC1 = ROOT / "baseline_docs" / "2025-02-14-trump-putin-call-experts.txt"
DOC2 = ROOT / "baseline_docs" / "2025-03-19-putin-trump-call-negotiation-table.txt"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A project folder: config/monitor.toml (database monitor.db) and two baseline documents."""
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "monitor.toml").write_text('[database]\npath = "monitor.db"\n')
    (tmp_path / "baseline_docs").mkdir()
    for doc in (DOC1, DOC2):
        shutil.copy(doc, tmp_path / "baseline_docs")
    return tmp_path


def run(project: Path, *args: str):
    return CliRunner().invoke(
        cli, ["-c", str(project / "config" / "monitor.toml"), *args], catch_exceptions=False)


def test_extract_prints_counts_per_document_and_kind_and_mirrors_the_database(project: Path) -> None:
    result = run(project, "claims", "extract", "--docs", str(project / "baseline_docs"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["document", "fact", "quantity", "forecast", "event", "opinion", "total"]
    assert lines[2].startswith("2025-02-14-trump-putin-call-experts.txt")
    assert lines[3].startswith("2025-03-19-putin-trump-call-negotiation-table.txt")
    assert re.fullmatch(r"Wrote .*config/claims\.toml: \d+ claims \(\d+ active, \d+ new\) from 2 documents "
                        r"in \d+\.\d\d s\.", lines[4])
    assert re.fullmatch(r"Database .*monitor\.db: \d+ claims updated, 0 set inactive\.", lines[5])
    with Store(project / "monitor.db") as store:
        assert len(store.claim_rows()) > 100
        assert len(list(store.query("select * from documents"))) == 2


def test_extract_reports_empty_and_binary_documents_and_goes_on(project: Path) -> None:
    (project / "baseline_docs" / "empty.txt").write_bytes(b"")
    (project / "baseline_docs" / "scan.txt").write_bytes(b"\x00\x01\x02PDF")
    result = run(project, "claims", "extract", "--docs", str(project / "baseline_docs"))
    assert result.exit_code == 0
    assert "skipped: " in result.stderr and "empty.txt: the document is empty" in result.stderr
    assert "scan.txt: looks like a binary file" in result.stderr
    assert "from 2 documents" in result.output


def test_list_active_and_all_in_every_format(project: Path) -> None:
    run(project, "claims", "extract", "--docs", str(project / "baseline_docs"))
    table = run(project, "claims", "list").stdout.splitlines()
    assert table[0].split() == ["id", "kind", "active", "speaker", "statement"]
    rows = json.loads(run(project, "claims", "list", "--format", "json").stdout)
    everything = json.loads(run(project, "claims", "list", "--all", "--format", "json").stdout)
    assert len(table) == len(rows) + 2
    assert all(r["active"] for r in rows) and len(everything) > len(rows)
    # an inactive claim says why: the extractor's reason, or the reviewer's note
    assert all(r["inactive_because"] for r in everything if not r["active"])
    assert all(not r["inactive_because"] for r in rows)
    assert run(project, "claims", "list", "--all").stdout.splitlines()[0].split()[-1] == "inactive_because"
    call = next(r for r in rows if "lasted close to 90 minutes" in r["statement"])
    assert call["quantities"] == ["close to 90 minutes (≈90 minutes)"]
    csv_lines = run(project, "claims", "list", "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("id,kind,active,reviewed,speaker") and len(csv_lines) == len(rows) + 1


def test_show_without_database_then_with_alerts(project: Path, tmp_path: Path) -> None:
    shutil.copy(ROOT / "config" / "claims.toml", project / "config" / "claims.toml")
    result = run(project, "claims", "show", "kellogg-to-meet-zelensky")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "kellogg-to-meet-zelensky  (event, active, reviewed)"
    assert "Event date: 2025-02-21" in result.output and "Resolves by:2025-02-28" in result.output
    assert "Status:     no database yet, so no alerts yet (run `monitor poll`)" in result.output

    from monitor.judge.claims import load_claims
    with Store(project / "monitor.db") as store:
        store.sync_claims(load_claims(project / "config" / "claims.toml"))
    assert "Latest alerts: no alerts yet" in run(project, "claims", "show", "kellogg-to-meet-zelensky").output
    with Store(project / "monitor.db") as store:
        article = add_article(store, "https://news.example/kellogg", title="Kellogg meets Zelensky in Kyiv")
        add_alert(store, "kellogg-to-meet-zelensky", article, "confirms", confidence=0.91,
                  evidence="Kellogg met Zelensky in Kyiv on Thursday.")
    output = run(project, "claims", "show", "kellogg-to-meet-zelensky").output
    # The event was due by 2025-02-28 and has no outcome: overdue, as `monitor status` says (one
    # source would not be independent confirmation anyway: min_independent_sources defaults to 2).
    assert "Status:     overdue — 1 confirm, 0 contradict, 0 discuss" in output
    assert re.search(r"confirms 0\.91  “Kellogg met Zelensky in Kyiv on Thursday\.” — Kellogg meets Zelensky "
                     r"in Kyiv <https://news\.example/kellogg>", output)


def test_show_sources_of_a_merged_claim_and_unknown_id(project: Path) -> None:
    shutil.copy(ROOT / "config" / "claims.toml", project / "config" / "claims.toml")
    output = run(project, "claims", "show", "call-lasted-90-minutes").output
    assert "Quantities: close to 90 minutes (≈90 minutes)" in output
    assert "Sources (3):" in output and "1.5-hour discussion" in output
    result = run(project, "claims", "show", "call-lasted-90")
    assert result.exit_code == 1
    assert "no claim 'call-lasted-90'; did you mean call-lasted-90-minutes?" in result.stderr


def test_list_reports_a_malformed_file_with_its_line(project: Path) -> None:
    (project / "config" / "claims.toml").write_text('[claims.a]\nstatement = "x"\nkind = "rumour"\n')
    result = run(project, "claims", "list")
    assert result.exit_code == 1
    assert "line 3: claims.a.kind: 'rumour' is not a kind" in result.stderr


def test_check_config_and_extract_report_documents_without_front_matter(project: Path) -> None:
    (project / "baseline_docs" / "notes.txt").write_text("Title: ECB to cut\nDate: 2024-06-03\n\nThe ECB will cut.\n")
    result = CliRunner().invoke(cli, ["-c", str(project / "config" / "monitor.toml"), "check-config",
                                      "--docs", str(project / "baseline_docs")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == (f"warning: {project / 'baseline_docs' / 'notes.txt'}: front matter without `---` fences: "
                        "read lines 1-2 (title, date) as front matter, not as text; put them between two `---` lines")
    assert lines[2] == f"{project / 'baseline_docs'}: 3 baseline documents, 1 warning, 0 unreadable"
    result = run(project, "claims", "extract", "--docs", str(project / "baseline_docs"))
    assert result.exit_code == 0
    assert "warning: " in result.stderr and "notes.txt: front matter without `---` fences" in result.stderr
