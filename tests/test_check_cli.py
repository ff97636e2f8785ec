"""`monitor check`: verdicts of .txt and .html files (and URLs) against the claims, as a table or
JSON, with evidence and values — without a database, and without a config file when --claims
is given."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from monitor.cli import cli

ROOT = Path(__file__).parent.parent
CLAIMS_FILE = ROOT / "config" / "claims.toml"
PAGE = ROOT / "monitor" / "demo_archive" / "articles" / "steppetimes" / "trump-putin-call-shorter-than-reported.html"

SHORT_CALL = """Trump-Putin call was shorter than the Kremlin said

White House call logs show the Trump-Putin phone call lasted only 40 minutes. The Kremlin has not commented.
"""
NOTHING = """Harbour United reach the final

After 90 minutes the score was 1-1, and Harbour United won in extra time.
"""


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "call.txt").write_text(SHORT_CALL, encoding="utf-8")
    (tmp_path / "football.txt").write_text(NOTHING, encoding="utf-8")
    shutil.copy(PAGE, tmp_path / "page.html")
    return {"txt": tmp_path / "call.txt", "none": tmp_path / "football.txt", "html": tmp_path / "page.html",
            "no_config": tmp_path / "no" / "monitor.toml"}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


# The page and the short text also say the Trump–Putin call took place, without the Zelensky call
# the compound claim adds: partial information, which the labelling guide reads as *discusses*
# (docs/labelling.md). The judge may say so; it must not say more.
PARTIAL = "trump-called-putin-then-zelensky"


def the_call_length_row(rows: list[dict]) -> dict:
    assert {r["claim_id"] for r in rows} <= {"call-lasted-90-minutes", PARTIAL}, rows
    assert all(r["verdict"] == "discusses" for r in rows if r["claim_id"] == PARTIAL), rows
    (row,) = [r for r in rows if r["claim_id"] == "call-lasted-90-minutes"]
    return row


def test_check_a_text_file_as_json(files):
    code, output = run("-c", str(files["no_config"]), "check", str(files["txt"]), "--claims", str(CLAIMS_FILE),
                       "--format", "json")
    assert code == 0, output
    row = the_call_length_row(json.loads(output))
    assert row["verdict"] == "contradicts"
    assert row["source"] == str(files["txt"])
    assert row["title"] == "Trump-Putin call was shorter than the Kremlin said"
    assert row["evidence"] == "White House call logs show the Trump-Putin phone call lasted only 40 minutes."
    assert row["claim_value"] == "close to 90 minutes (≈90 minutes)"
    assert row["article_value"] == "40 minutes (40 minutes)"
    assert row["values_compared"]["result"] == "disagrees"
    assert row["values_compared"]["claimed_value"] == 5400.0 and row["values_compared"]["reported_value"] == 2400.0
    assert 0.6 <= row["confidence"] <= 1.0 and row["alert"] is True
    assert not files["no_config"].parent.exists()          # nothing written, no database


def test_check_a_text_file_as_a_table(files):
    code, output = run("-c", str(files["no_config"]), "check", str(files["txt"]), "--claims", str(CLAIMS_FILE))
    assert code == 0, output
    header, rule, *lines = output.splitlines()
    (line,) = [line for line in lines if "call-lasted-90-minutes" in line]
    assert header.split() == ["source", "claim_id", "verdict", "confidence", "evidence", "claim_value",
                              "article_value"]
    assert set(rule.replace(" ", "")) == {"-"}
    # cells are cut at 60 characters with "…"
    source, rest = line.split("…  ", 1)
    assert str(files["txt"]).startswith(source)
    assert rest.startswith("call-lasted-90-minutes  contradicts  ")
    assert "  White House call logs show the Trump-Putin phone call laste…  " in rest
    assert rest.endswith("  close to 90 minutes (≈90 minutes)  40 minutes (40 minutes)")


def test_check_an_html_page_and_an_unrelated_file_together(files):
    code, output = run("-c", str(files["no_config"]), "check", str(files["html"]), str(files["none"]),
                       "--claims", str(CLAIMS_FILE), "--format", "json")
    assert code == 0, output
    row = the_call_length_row(json.loads(output))
    assert (row["source"], row["verdict"]) == (str(files["html"]), "contradicts")
    assert row["title"] == "Trump–Putin call was shorter than the Kremlin said, US records show"
    assert row["evidence"].startswith("Kremlin spokesman Dmitry Peskov claimed the conversation lasted close to")


def test_a_text_file_with_front_matter_gives_its_title_and_date(tmp_path, files):
    doc = tmp_path / "doc.txt"
    doc.write_text('---\ntitle: "Kremlin: call was long"\nsource: Example\ndate: 2025-02-13\n---\n\n'
                   "White House call logs show the Trump-Putin phone call lasted only 40 minutes.\n", encoding="utf-8")
    code, output = run("-c", str(files["no_config"]), "check", str(doc), "--claims", str(CLAIMS_FILE),
                       "--format", "json")
    assert code == 0, output
    (row,) = json.loads(output)
    assert (row["title"], row["claim_id"], row["verdict"]) == ("Kremlin: call was long", "call-lasted-90-minutes",
                                                               "contradicts")


def test_check_says_so_when_nothing_bears_on_a_claim(files):
    code, output = run("-c", str(files["no_config"]), "check", str(files["none"]), "--claims", str(CLAIMS_FILE))
    assert code == 0
    assert output == ("No verdicts: none of the 1 articles bears on an active claim at confidence 0.6 or more.\n")


def test_check_all_shows_candidates_below_the_threshold_too(files):
    code, output = run("-c", str(files["no_config"]), "check", str(files["txt"]), "--claims", str(CLAIMS_FILE),
                       "--all", "--format", "json")
    assert code == 0
    rows = json.loads(output)
    assert any(not r["alert"] for r in rows)
    assert the_call_length_row([r for r in rows if r["alert"]])["verdict"] == "contradicts"


def test_check_uses_the_config_claims_and_fetches_urls(tmp_path, files, httpserver: HTTPServer):
    config = tmp_path / "config"
    config.mkdir()
    shutil.copy(CLAIMS_FILE, config / "claims.toml")
    (config / "monitor.toml").write_text(
        '[fetch]\nallow_private_addresses = ["127.0.0.0/8"]\n[verdicts]\nclaims_file = "claims.toml"\n',
        encoding="utf-8")
    httpserver.expect_request("/story.html").respond_with_data(PAGE.read_bytes(), content_type="text/html")
    code, output = run("-c", str(config / "monitor.toml"), "check", httpserver.url_for("/story.html"),
                       "--format", "json")
    assert code == 0, output
    assert the_call_length_row(json.loads(output))["verdict"] == "contradicts"
    assert not (tmp_path / "monitor.db").exists()


def test_check_errors_name_the_file(files):
    code, output = run("-c", str(files["no_config"]), "check", str(files["txt"].with_name("missing.txt")),
                       "--claims", str(CLAIMS_FILE))
    assert code == 1
    assert "missing.txt: no such file; give a URL, an .html file or a .txt file" in output
    code, output = run("-c", str(files["no_config"]), "check", str(files["txt"]))
    assert code == 1
    assert "no such config file" in output


def test_text_files_give_title_and_date_from_front_matter_or_first_line(tmp_path):
    from monitor.errors import ExtractionError
    from monitor.run.check import read_text_file

    baseline = tmp_path / "readout.txt"
    baseline.write_bytes(b'\xef\xbb\xbf---\r\ntitle: "Kremlin readout"\r\ndate: 2025-02-13\r\n---\r\n'
                         b"The call lasted close to 90 minutes.\r\n")
    article = read_text_file(baseline)
    assert (article.title, article.published_at, article.text) == (
        "Kremlin readout", "2025-02-13", "The call lasted close to 90 minutes.")
    plain = tmp_path / "plain.txt"
    plain.write_bytes(b"Call lasted 90 minutes\r\n\r\nThe call lasted close to 90 minutes.\r\n")
    article = read_text_file(plain)
    assert (article.title, article.published_at, article.text) == (
        "Call lasted 90 minutes", None, "The call lasted close to 90 minutes.")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(ExtractionError, match="empty"):
        read_text_file(empty)
