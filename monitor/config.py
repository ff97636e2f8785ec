"""Loading and validating ``config/monitor.toml``.

The settings are described once, in ``SETTINGS`` (section, key, type, default, help); from
that one table come validation, the starter config written by ``monitor init`` and the
README's settings list. Unknown keys are errors, and every mistake gets its own message
naming the file and the key. Secrets (SMTP credentials) never live in the file: the file
names the environment variables that hold them.
"""
from __future__ import annotations

import ipaddress
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_CONFIG_PATH = Path("config/monitor.toml")


@dataclass(frozen=True)
class Setting:
    section: str
    key: str
    type: type | tuple[type, ...]
    default: Any
    help: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("database", "path", str, "monitor.db",
            "SQLite database file; a relative path is relative to the project folder (the parent of config/)"),
    Setting("fetch", "timeout", (int, float), 15.0,
            "seconds one network operation may take; a whole request (connect, headers and body) ends after "
            "4 x this, however the server drips", minimum=0.1),
    Setting("fetch", "max_page_bytes", int, 5_000_000, "pages and feeds larger than this are refused", minimum=1024),
    Setting("fetch", "user_agent", str, "FollowUpMonitor/0.1 (+https://github.com/follow-up-monitor)",
            "User-Agent header sent with every request"),
    Setting("fetch", "allow_private_addresses", list, [],
            "networks (CIDR) that may be fetched although private/loopback, e.g. [\"127.0.0.0/8\"]"),
    Setting("fetch", "max_redirects", int, 5, "redirects followed before a fetch fails", minimum=0),
    Setting("fetch", "per_host_concurrency", int, 2, "simultaneous requests to one host", minimum=1),
    Setting("fetch", "workers", int, 8, "simultaneous requests in all", minimum=1),
    Setting("polling", "default_interval_minutes", (int, float), 30, "poll interval of feeds that set none",
            minimum=1),
    Setting("polling", "max_backoff_minutes", (int, float), 1440,
            "longest wait after repeated failures of a feed (backoff doubles up to this)", minimum=1),
    Setting("polling", "tick_seconds", (int, float), 60,
            "how often `monitor run` asks the database which feeds are due, in seconds", minimum=1),
    # feed health (monitor/health.py): a feed is "failing" after this many failed polls in a row
    Setting("polling", "failing_after", int, 3,
            "failed polls in a row after which a feed is reported failing (digest, `monitor feeds`)", minimum=1),
    Setting("verdicts", "claims_file", str, "claims.toml", "reviewed claims, relative to the config folder"),
    Setting("verdicts", "alert_threshold", (int, float), 0.6,
            "minimum confidence for a verdict to become an alert", minimum=0.0),
    Setting("verdicts", "max_candidates", int, 8, "claims examined closely per article", minimum=1),
    Setting("verdicts", "min_independent_sources", int, 2,
            "independent sources (different story groups and sites) needed to call a claim confirmed or "
            "contradicted; with fewer it is reported-once", minimum=1),
    # evidence re-check (monitor/recheck.py): 0 re-checks at the next poll cycle
    Setting("verdicts", "recheck_hours", (int, float), 48,
            "hours after fetching an article behind an alert when it is fetched once more, to catch edits "
            "and removals", minimum=0),
    Setting("email", "smtp_host", str, "localhost", "SMTP server"),
    Setting("email", "smtp_port", int, 587, "SMTP port", minimum=1),
    Setting("email", "security", str, "starttls", "connection security", choices=("starttls", "tls", "none")),
    Setting("email", "username_env", str, "MONITOR_SMTP_USERNAME", "environment variable holding the SMTP user"),
    Setting("email", "password_env", str, "MONITOR_SMTP_PASSWORD",
            "environment variable holding the SMTP password"),
    Setting("email", "sender", str, "monitor@localhost", "From address of the digest"),
    Setting("email", "recipients", list, [], "addresses that receive the digest"),
    Setting("email", "digest_time", str, "07:30", "local time of the daily digest, HH:MM"),
    Setting("email", "timezone", str, "UTC", "IANA time zone of digest_time"),
    Setting("email", "send_when_empty", bool, False, "send a digest even when there is nothing new"),
)

FEED_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "name": (str, "short name shown in summaries"),
    "url": (str, "address of the RSS or Atom feed"),
    "interval_minutes": ((int, float), "how often to poll it (default: polling.default_interval_minutes)"),
}


@dataclass(frozen=True)
class FeedConfig:
    name: str
    url: str
    interval_minutes: float


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 15.0
    max_page_bytes: int = 5_000_000
    user_agent: str = "FollowUpMonitor/0.1"
    allow_private_addresses: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    max_redirects: int = 5
    per_host_concurrency: int = 2
    workers: int = 8


@dataclass(frozen=True)
class PollingSettings:
    default_interval_minutes: float = 30
    max_backoff_minutes: float = 1440
    tick_seconds: float = 60
    failing_after: float = 3  # feed health: failed polls in a row before a feed is "failing"


@dataclass(frozen=True)
class VerdictSettings:
    claims_file: Path = Path("config/claims.toml")
    alert_threshold: float = 0.6
    max_candidates: int = 8
    min_independent_sources: int = 2
    recheck_hours: float = 48  # evidence re-check: hours after fetching an article behind an alert


@dataclass(frozen=True)
class EmailSettings:
    smtp_host: str = "localhost"
    smtp_port: int = 587
    security: str = "starttls"
    username_env: str = "MONITOR_SMTP_USERNAME"
    password_env: str = "MONITOR_SMTP_PASSWORD"
    sender: str = "monitor@localhost"
    recipients: tuple[str, ...] = ()
    digest_time: str = "07:30"
    timezone: str = "UTC"
    send_when_empty: bool = False


@dataclass(frozen=True)
class Config:
    database_path: Path
    fetch: FetchSettings = field(default_factory=FetchSettings)
    polling: PollingSettings = field(default_factory=PollingSettings)
    verdicts: VerdictSettings = field(default_factory=VerdictSettings)
    email: EmailSettings = field(default_factory=EmailSettings)
    feeds: tuple[FeedConfig, ...] = ()
    path: Path | None = None


def _type_name(expected: type | tuple[type, ...]) -> str:
    names = {int: "an integer", float: "a number", str: "a string", list: "a list", bool: "true or false"}
    if isinstance(expected, tuple):
        return "a number" if set(expected) == {int, float} else " or ".join(names[t] for t in expected)
    return names[expected]


def _is_instance(value: Any, expected: type | tuple[type, ...]) -> bool:
    # TOML booleans are ints in Python; never accept one where a number is meant.
    if isinstance(value, bool):
        return expected is bool
    return isinstance(value, expected)


def _check_value(where: str, setting_type: Any, value: Any, problems: list[str],
                 choices: tuple[str, ...] = (), minimum: float | None = None) -> bool:
    if not _is_instance(value, setting_type):
        problems.append(f"{where}: expected {_type_name(setting_type)}, got {value!r}")
        return False
    if choices and value not in choices:
        problems.append(f"{where}: must be one of {', '.join(choices)}, got {value!r}")
        return False
    if minimum is not None and value < minimum:
        problems.append(f"{where}: must be at least {minimum}, got {value!r}")
        return False
    return True


def _parse_networks(where: str, values: list[Any], problems: list[str]) -> tuple:
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value), strict=False))
        except ValueError:
            problems.append(f"{where}: {value!r} is not a network; write e.g. \"127.0.0.0/8\" or \"::1/128\"")
    return tuple(networks)


def _read_sections(raw: dict[str, Any], file: str, problems: list[str]) -> dict[str, dict[str, Any]]:
    """Validate every ``[section] key`` against SETTINGS; return the values with defaults filled."""
    known_sections = {s.section for s in SETTINGS} | {"feeds"}
    for section in raw:
        if section not in known_sections:
            problems.append(f"{file}: unknown section [{section}]; known sections are "
                            f"{', '.join(sorted(known_sections))}")
    values: dict[str, dict[str, Any]] = {}
    for section in sorted(known_sections - {"feeds"}):
        given = raw.get(section, {})
        if not isinstance(given, dict):
            problems.append(f"{file}: [{section}] must be a table")
            given = {}
        settings = {s.key: s for s in SETTINGS if s.section == section}
        for key in given:
            if key not in settings:
                problems.append(f"{file}: [{section}] {key}: unknown key; known keys are "
                                f"{', '.join(sorted(settings))}")
        values[section] = {}
        for key, setting in settings.items():
            value = given.get(key, setting.default)
            where = f"{file}: [{section}] {key}"
            if key in given and not _check_value(where, setting.type, value, problems,
                                                 setting.choices, setting.minimum):
                value = setting.default
            values[section][key] = value
    return values


def _read_feeds(raw: Any, file: str, default_interval: float, problems: list[str]) -> tuple[FeedConfig, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(f"{file}: feeds must be written as [[feeds]] tables")
        return ()
    feeds, seen_urls = [], set()
    for index, entry in enumerate(raw, start=1):
        where = f"{file}: [[feeds]] #{index}"
        for key in entry:
            if key not in FEED_KEYS:
                problems.append(f"{where} {key}: unknown key; known keys are {', '.join(sorted(FEED_KEYS))}")
        ok = True
        for key in ("name", "url"):
            if key not in entry:
                problems.append(f"{where}: missing required key {key!r}")
                ok = False
            elif not _check_value(f"{where} {key}", FEED_KEYS[key][0], entry[key], problems):
                ok = False
            elif key == "url" and not entry["url"].startswith(("http://", "https://")):
                problems.append(f"{where} url: must start with http:// or https://, got {entry['url']!r}")
                ok = False
        interval = entry.get("interval_minutes", default_interval)
        if "interval_minutes" in entry and not _check_value(
                f"{where} interval_minutes", FEED_KEYS["interval_minutes"][0], interval, problems, minimum=1):
            ok = False
        if ok and entry["url"] in seen_urls:
            problems.append(f"{where} url: {entry['url']} is listed twice")
            ok = False
        if ok:
            seen_urls.add(entry["url"])
            feeds.append(FeedConfig(entry["name"], entry["url"], float(interval)))
    return tuple(feeds)


def parse_config(text: str, path: Path | str = DEFAULT_CONFIG_PATH) -> Config:
    """Parse and validate config text; raise ``ConfigError`` listing every mistake."""
    path = Path(path)
    file = str(path)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML ({exc}); fix the syntax at that line") from exc
    problems: list[str] = []
    values = _read_sections(raw, file, problems)
    feeds = _read_feeds(raw.get("feeds"), file, float(values["polling"]["default_interval_minutes"]), problems)
    fetch = dict(values["fetch"])
    fetch["allow_private_addresses"] = _parse_networks(
        f"{file}: [fetch] allow_private_addresses", list(fetch["allow_private_addresses"]), problems)
    fetch["timeout"] = float(fetch["timeout"])
    email = dict(values["email"])
    email["recipients"] = tuple(str(r) for r in email["recipients"])
    _check_header_values(file, fetch, email, problems)
    _check_time(f"{file}: [email] digest_time", email["digest_time"], problems)
    _check_timezone(f"{file}: [email] timezone", email["timezone"], problems)
    if problems:
        raise ConfigError(problems)
    base = path.resolve().parent
    project_root = base.parent if base.name == "config" else base
    verdicts = dict(values["verdicts"])
    verdicts["claims_file"] = base / verdicts["claims_file"]
    verdicts["alert_threshold"] = float(verdicts["alert_threshold"])
    verdicts["recheck_hours"] = float(verdicts["recheck_hours"])
    return Config(
        database_path=project_root / values["database"]["path"],
        fetch=FetchSettings(**fetch),
        polling=PollingSettings(**{k: float(v) for k, v in values["polling"].items()}),
        verdicts=VerdictSettings(**verdicts),
        email=EmailSettings(**email),
        feeds=feeds,
        path=path,
    )


# Values that go into HTTP or mail headers: a line break in one would end the header there
# (h11 refuses to send it; in a mail it would inject headers), and no other control character
# belongs in a header either.
_HEADER_BREAKING = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _check_header_values(file: str, fetch: dict[str, Any], email: dict[str, Any], problems: list[str]) -> None:
    values = [("[fetch] user_agent", fetch["user_agent"]), ("[email] sender", email["sender"]),
              ("[email] smtp_host", email["smtp_host"])]
    values += [(f"[email] recipients #{n}", r) for n, r in enumerate(email["recipients"], start=1)]
    for where, value in values:
        if _HEADER_BREAKING.search(value):
            kind = "a line break (CR/LF)" if re.search(r"[\r\n]", value) else "a control character"
            problems.append(f"{file}: {where}: {value!r} contains {kind}, which would break the request or "
                            "mail headers it is sent in; write it on one line without control characters")
    for where, value in values[1:2] + values[3:]:
        if "@" not in value and not _HEADER_BREAKING.search(value):
            problems.append(f"{file}: {where}: {value!r} is not an email address; write e.g. "
                            "\"monitor@example.org\"")


def _check_time(where: str, value: str, problems: list[str]) -> None:
    hours, _, minutes = value.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        problems.append(f"{where}: expected a time like \"07:30\", got {value!r}")


def _check_timezone(where: str, value: str, problems: list[str]) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"{where}: {value!r} is not an IANA time zone; write e.g. \"Europe/London\"")


def load_config(path: Path | str = DEFAULT_CONFIG_PATH) -> Config:
    """Read and validate a config file; raise ``ConfigError`` if it is missing or wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such config file; run `monitor init` to write a starter one") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"{path}: is a folder, not a config file; pass the file itself, e.g. "
                          f"-c {path / 'monitor.toml'}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text; save it as UTF-8") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc}); check the path "
                          "and its permissions") from exc
    return parse_config(text, path)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, int):
        return f"{value:_}" if abs(value) >= 10_000 else str(value)
    return repr(value)


def starter_config(feeds: list[FeedConfig] | None = None) -> str:
    """The commented config ``monitor init`` writes, derived from ``SETTINGS``."""
    lines = ["# Follow-up Monitor configuration.",
             "# Every key is optional except the feeds; unknown keys are errors.",
             "# Secrets (SMTP user and password) are read from the environment variables named below."]
    section = None
    for setting in SETTINGS:
        if setting.section != section:
            section = setting.section
            lines += ["", f"[{section}]"]
        lines.append(f"# {setting.help}" + (f" ({' | '.join(setting.choices)})" if setting.choices else ""))
        lines.append(f"{setting.key} = {_toml_value(setting.default)}")
    example = feeds or [FeedConfig("Example news", "https://example.com/feed.xml", 30)]
    lines += ["", "# One [[feeds]] table per feed. " + "; ".join(f"{k}: {h}" for k, (_, h) in FEED_KEYS.items())]
    for feed in example:
        lines += ["[[feeds]]", f"name = {_toml_value(feed.name)}", f"url = {_toml_value(feed.url)}",
                  f"interval_minutes = {int(feed.interval_minutes)}", ""]
    return "\n".join(lines).rstrip() + "\n"
