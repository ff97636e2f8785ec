"""The ``monitor`` command: a thin layer over the Python API.

Each command loads the config, opens the store, calls one function, and turns the project's
own errors into a ``ClickException`` (exit code 1) with the error's message. Commands that
list things share ``--format table|json|ndjson|csv``.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import logging
import sys
from pathlib import Path
from typing import Any, Callable, Iterable

import click
from tabulate import tabulate

from .config import DEFAULT_CONFIG_PATH, Config, load_config, starter_config
from .errors import ConfigError, MonitorError
from .store import Store

FORMATS = ("table", "json", "ndjson", "csv")


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a ``MonitorError`` into a clean one-paragraph message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except MonitorError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="output format")(func)


def emit_rows(rows: Iterable[dict[str, Any]], fmt: str, columns: list[str] | None = None,
              max_width: int | None = 60) -> None:
    """Print rows as an aligned table, a JSON array, newline-delimited JSON or CSV."""
    rows = list(rows)
    if columns is None:
        columns = list(rows[0]) if rows else []
    rows = [{c: row.get(c) for c in columns} for row in rows]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=str))
    elif fmt == "ndjson":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buffer.getvalue(), nl=False)
    else:
        def cell(value: Any) -> Any:
            text = "" if value is None else str(value).replace("\n", " ")
            return text if max_width is None or len(text) <= max_width else text[: max_width - 1] + "…"

        click.echo(tabulate([[cell(r[c]) for c in columns] for r in rows], headers=columns))


class Context:
    """What every command gets: the config path, and config/store opened on first use."""

    def __init__(self, config_path: Path):
        self.config_path = config_path
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_path)
        return self._config

    def store(self, read_only: bool = False) -> Store:
        return Store(self.config.database_path, read_only=read_only)


pass_context = click.make_pass_decorator(Context)


@click.group()
@click.version_option(package_name="follow-up-monitor")
@click.option("-c", "--config", "config_path", type=click.Path(path_type=Path), default=DEFAULT_CONFIG_PATH,
              show_default=True, envvar="MONITOR_CONFIG", help="config file")
@click.option("-v", "--verbose", count=True, help="log more (-v info, -vv debug) to stderr")
@click.pass_context
def cli(ctx: click.Context, config_path: Path, verbose: int) -> None:
    """Follow-up Monitor: watch the news for follow-up coverage of baseline claims."""
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    ctx.obj = Context(config_path)


@cli.command()
@click.option("--force", is_flag=True, help="overwrite an existing config file")
@pass_context
@handle_errors
def init(context: Context, force: bool) -> None:
    """Write a commented starter config file."""
    path = context.config_path
    if path.exists() and not force:
        raise ConfigError(f"{path} already exists; use --force to overwrite it")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(starter_config(), encoding="utf-8")
    click.echo(f"Wrote {path}; add your feeds, then run `monitor poll`.")


@cli.command("check-config")
@pass_context
@handle_errors
def check_config(context: Context) -> None:
    """Validate the config file and print what it sets up."""
    config = context.config
    click.echo(f"{context.config_path}: OK — database {config.database_path}, {len(config.feeds)} feeds")


@cli.command()
@click.option("--dry-run", is_flag=True, help="print the digest instead of sending it; nothing is marked")
@click.option("--eml", "eml_path", type=click.Path(dir_okay=False, path_type=Path),
              help="write the digest to this .eml file instead of sending it; nothing is marked")
@click.option("--to", "to_address", metavar="ADDRESS",
              help="send a test digest to this address only; nothing is marked")
@pass_context
@handle_errors
def digest(context: Context, dry_run: bool, eml_path: Path | None, to_address: str | None) -> None:
    """Send the digest of alerts not mailed yet (single-shot; safe beside `monitor run`)."""
    from .digest import deliver_digest, describe_message

    config = context.config
    with context.store() as store:
        if dry_run or eml_path:
            message = deliver_digest(config, store, dry_run=True).message
            if message is not None and eml_path:
                eml_path.write_bytes(bytes(message))
                click.echo(f"Wrote {eml_path}: {message['Subject']} (nothing sent, nothing marked)")
            elif message is not None:
                click.echo(describe_message(message), nl=False)
            return
        if to_address:
            result = deliver_digest(config, store, test_recipient=to_address)
            click.echo(f"Sent a test digest with {len(result.alert_ids)} alerts to {to_address} "
                       "(nothing marked)")
            return
        result = deliver_digest(config, store)
    if result.status == "empty":
        click.echo("Nothing new since the last digest; nothing sent.")
    else:
        refused = f"; refused: {', '.join(result.refused)}" if result.refused else ""
        click.echo(f"Sent digest #{result.digest_id} with {len(result.alert_ids)} alerts to "
                   f"{', '.join(result.recipients)}{refused}")


@cli.command()
@click.option("--workdir", type=click.Path(file_okay=False, path_type=Path),
              help="folder for the demo's config and database (default: a fresh temporary folder)")
@click.option("--keep", is_flag=True, help="keep the temporary folder afterwards (a --workdir is always kept)")
@handle_errors
def demo(workdir: Path | None, keep: bool) -> None:
    """Run the whole pipeline offline on the bundled news archive (needs no config file)."""
    import shutil
    import tempfile

    from .demo import run_demo

    temporary = workdir is None
    folder = Path(tempfile.mkdtemp(prefix="monitor-demo-")) if workdir is None else workdir
    try:
        run_demo(folder, echo=click.echo)
    finally:
        if temporary and not keep:
            shutil.rmtree(folder, ignore_errors=True)
            click.echo(f"\nRemoved the work folder {folder} (use --keep to look at its database).")
        else:
            click.echo(f"\nThe demo's config and database are in {folder}; e.g. "
                       f"`monitor -c {folder / 'config' / 'monitor.toml'} status`.")


def main() -> None:
    cli(prog_name="monitor")
