"""Config files: every mistake gets its own message naming the file and the key."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from monitor.cli import cli
from monitor.config import SETTINGS, load_config, parse_config, starter_config
from monitor.errors import ConfigError

MINIMAL = """
[[feeds]]
name = "Example"
url = "https://example.com/feed.xml"
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        parse_config(text, "config/monitor.toml")
    return raised.value.problems


def test_minimal_config_gets_defaults_for_everything_else():
    config = parse_config(MINIMAL, "/srv/project/config/monitor.toml")
    assert config.database_path == Path("/srv/project/monitor.db")
    assert config.fetch.timeout == 15.0
    assert config.verdicts.claims_file == Path("/srv/project/config/claims.toml")
    assert [(f.name, f.interval_minutes) for f in config.feeds] == [("Example", 30.0)]


def test_unknown_section_and_key_are_errors_not_ignored():
    problems = problems_of(MINIMAL + "\n[fetch]\ntimout = 3\n[mail]\nx = 1\n")
    assert any("[fetch] timout: unknown key" in p and "timeout" in p for p in problems)
    assert any("unknown section [mail]" in p for p in problems)


def test_each_mistake_gets_its_own_message_with_file_and_key():
    text = """
[fetch]
timeout = "ten"
max_page_bytes = true
allow_private_addresses = ["not-a-network"]
[email]
security = "ssl"
digest_time = "25:00"
timezone = "Mars/Olympus"
[[feeds]]
url = "ftp://example.com/feed"
"""
    problems = problems_of(text)
    expected = [
        "[fetch] timeout: expected a number, got 'ten'",
        "[fetch] max_page_bytes: expected an integer, got True",
        "[fetch] allow_private_addresses: 'not-a-network' is not a network",
        "[email] security: must be one of starttls, tls, none",
        "[email] digest_time: expected a time like",
        "[email] timezone: 'Mars/Olympus' is not an IANA time zone",
        "[[feeds]] #1: missing required key 'name'",
        "[[feeds]] #1 url: must start with http:// or https://",
    ]
    for fragment in expected:
        assert any(fragment in p for p in problems), (fragment, problems)
    assert all(p.startswith("config/monitor.toml: ") for p in problems)
    assert len(problems) == len(expected)


def test_duplicate_feed_url_is_an_error():
    problems = problems_of(MINIMAL + MINIMAL)
    assert problems == ["config/monitor.toml: [[feeds]] #2 url: https://example.com/feed.xml is listed twice"]


def test_invalid_toml_names_the_file_and_says_to_fix_the_syntax():
    problems = problems_of("[fetch\ntimeout = 3")
    assert problems[0].startswith("config/monitor.toml: not valid TOML") and "line 1" in problems[0]


def test_missing_file_suggests_monitor_init(tmp_path):
    with pytest.raises(ConfigError, match="run `monitor init`"):
        load_config(tmp_path / "nope.toml")


def test_starter_config_is_valid_and_documents_every_setting():
    text = starter_config()
    config = parse_config(text)
    assert config.feeds
    for setting in SETTINGS:
        assert f"\n{setting.key} = " in text
        assert f"# {setting.help}" in text


def test_shipped_config_is_valid():
    config = load_config(Path(__file__).parent.parent / "config" / "monitor.toml")
    assert len(config.feeds) >= 3
    assert config.fetch.allow_private_addresses == ()  # real feeds: the SSRF guard stays on


def test_monitor_init_writes_a_starter_config_and_refuses_to_overwrite(tmp_path):
    path = tmp_path / "config" / "monitor.toml"
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", str(path), "init"])
    assert result.exit_code == 0, result.output
    assert parse_config(path.read_text(), path).feeds
    again = runner.invoke(cli, ["--config", str(path), "init"])
    assert again.exit_code == 1
    assert "already exists; use --force" in again.output


def test_check_config_reports_errors_with_exit_code_1(tmp_path):
    path = tmp_path / "monitor.toml"
    path.write_text("[fetch]\ntimeout = -1\n")
    result = CliRunner().invoke(cli, ["--config", str(path), "check-config"])
    assert result.exit_code == 1
    assert "[fetch] timeout: must be at least 0.1, got -1" in result.output
