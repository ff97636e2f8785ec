"""`monitor check-config` says OK only to a config that will work (issue 15, item 5)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli

GOOD = """
[fetch]
user_agent = "FollowUpMonitor/0.1"
[email]
sender = "monitor@example.org"
recipients = ["ana@example.org"]
"""


def check(config: Path):
    return CliRunner().invoke(cli, ["-c", str(config), "check-config"], catch_exceptions=False)


def write(tmp_path: Path, text: str, claims: str | None = None) -> Path:
    folder = tmp_path / "config"
    folder.mkdir(exist_ok=True)
    (folder / "monitor.toml").write_text(text)
    if claims is not None:
        (folder / "claims.toml").write_text(claims)
    return folder / "monitor.toml"


def test_a_good_config_with_no_claims_file_yet_is_ok_and_says_how_to_make_one(tmp_path: Path) -> None:
    result = check(write(tmp_path, GOOD))
    assert result.exit_code == 0, result.output
    assert "OK" in result.output and "`monitor claims extract` writes it" in result.output


@pytest.mark.parametrize("key, line", [
    ("[fetch] user_agent", 'user_agent = "Monitor\\r\\nX-Injected: 1"'),
    ("[email] sender", 'sender = "monitor@example.org\\nBcc: everyone@example.org"'),
    ("[email] recipients #1", 'recipients = ["ana@example.org\\r\\nBcc: x@example.org"]'),
])
def test_a_line_break_in_a_header_value_is_refused(tmp_path: Path, key: str, line: str) -> None:
    section = "[fetch]" if key.startswith("[fetch]") else "[email]"
    text = GOOD.replace(section, f"{section}\n{line}", 1)
    # The good value later in the section is replaced by this one (TOML forbids duplicates).
    name = line.split(" =", 1)[0]
    text = "\n".join(l for l in text.splitlines() if not (l.startswith(f"{name} =") and l != line))
    result = check(write(tmp_path, text))
    assert result.exit_code == 1, result.output
    assert f"{key}: " in result.output and "contains a line break (CR/LF)" in result.output


def test_a_recipient_that_is_not_an_address_is_refused(tmp_path: Path) -> None:
    result = check(write(tmp_path, GOOD.replace('["ana@example.org"]', '["ana"]')))
    assert result.exit_code == 1
    assert "[email] recipients #1: 'ana' is not an email address" in result.output


@pytest.mark.parametrize("claims, problem", [
    ("[claims.talks\n", "not valid TOML"),
    ('[claims.talks-resume]\nkind = "fact"\n', "talks-resume"),
])
def test_a_broken_or_incomplete_claims_file_fails_the_check(tmp_path: Path, claims: str, problem: str) -> None:
    result = check(write(tmp_path, GOOD, claims=claims))
    assert result.exit_code == 1, result.output
    assert "claims.toml" in result.output and problem in result.output
    assert "OK" not in result.output


def test_a_folder_given_as_the_config_file_is_named_without_a_traceback(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    result = check(tmp_path / "config")
    assert result.exit_code == 1
    assert "is a folder, not a config file; pass the file itself, e.g. -c" in result.output
    assert "Traceback" not in result.output
