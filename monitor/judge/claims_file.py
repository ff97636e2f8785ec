"""The reviewable claims file (``config/claims.toml``): writing it with tomlkit, reading and
validating it with errors that name the file, line and key.

One table per claim, ``[claims.<id>]``; the id is the table name, so a person renames a claim
by renaming its table. The header comment written into the file explains the review rules
(``reviewed``, ``edited``, ``active``, adding claims by hand); ``claims.merge_claims``
implements them.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import tomlkit

from ..errors import ClaimsError
from .claims import EDITABLE, KINDS, Claim, content_checksum
from .quantities import Quantity

HEADER = """\
Follow-up Monitor: the claims to watch. Written by `monitor claims extract`, reviewed by a person.

One table per claim: [claims.<id>]. The id is the table name; rename it freely, re-extraction
finds the claim again through its `keys` and keeps the new id (alerts refer to ids).

Reviewing:
  active = false     stop watching a claim (opinions start inactive). Always kept.
  reviewed = true    you checked the claim: re-extraction leaves every field as you left it
                     (it only adds sources and keys when another document states the claim).
  edited = [...]     alternatively, name the fields you changed; only those are kept, the
                     rest follows the extractor. Editing a claim without either is noticed
                     (its checksum no longer matches) and the claim then counts as reviewed.
  note = "..."       your comment (comments written with # are not kept on rewrite).
  Add a claim by hand: a new [claims.<id>] table with at least statement and kind; it has no
  keys, so re-extraction never touches it. Delete a claim: set active = false instead, since
  alerts may refer to it.

Fields: statement (one sentence), kind (fact | quantity | forecast | event | opinion), quote
(the original sentence), speaker, source (outlet), document, subject, entities, quantities
(text, value in base units: seconds, USD/EUR/..., 0-1 fraction for percent; unit;
approximate; low/high for ranges and bounds), probability (0-1, forecasts), event_date and
resolves_by (YYYY-MM-DD), [claims.<id>.slots] (conditions, dates, ...), [[claims.<id>.sources]]
(every document stating the claim), keys and checksum (for re-extraction: do not edit).
"""

_ORDER = ("statement", "kind", "active", "reviewed", "edited", "note", "speaker", "source", "document",
          "quote", "subject", "entities", "quantities", "probability", "event_date", "resolves_by")
_STRINGS = ("statement", "kind", "quote", "speaker", "source", "document", "subject", "event_date",
            "resolves_by", "note", "checksum")
_KNOWN = set(_ORDER) | {"slots", "sources", "keys", "checksum"}
_QUANTITY_KEYS = {"text", "value", "unit", "approximate", "low", "high", "counted"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _quantity_plain(quantity: Quantity) -> dict[str, Any]:
    plain: dict[str, Any] = {"text": quantity.text, "value": float(quantity.value), "unit": quantity.unit}
    if quantity.approximate:
        plain["approximate"] = True
    for name in ("low", "high"):
        value = getattr(quantity, name)
        if value is not None:
            plain[name] = float(value)
    if quantity.counted:
        plain["counted"] = quantity.counted
    return plain


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_drop_none(v) for v in value if v is not None]
    return value


def claim_to_plain(claim: Claim) -> dict[str, Any]:
    """The claim as the plain values the file holds (no ``None``; quantities as tables)."""
    plain: dict[str, Any] = {}
    for name in _ORDER:
        value = getattr(claim, name)
        if name == "quantities":
            value = [_quantity_plain(q) for q in value]
        if value is None or (name in ("edited", "note", "entities", "quantities") and not value):
            continue
        if name == "reviewed" and not value:
            continue
        plain[name] = value
    if claim.slots:
        plain["slots"] = _drop_none(claim.slots)
    if len(claim.sources) > 1:
        # one source is the claim's own document and quote: written only when there are more
        plain["sources"] = _drop_none(claim.sources)
    if claim.keys:
        plain["keys"] = list(claim.keys)
    return plain


def dump_claims(claims: list[Claim]) -> str:
    """The text of the claims file for ``claims`` (ids must be unique)."""
    document = tomlkit.document()
    for line in HEADER.splitlines():
        document.add(tomlkit.comment(line) if line else tomlkit.nl())
    document.add(tomlkit.nl())
    table = tomlkit.table(is_super_table=True)
    seen: set[str] = set()
    for claim in claims:
        if claim.id in seen:
            raise ClaimsError(f"claim id {claim.id!r} appears twice; ids must be unique")
        seen.add(claim.id)
        plain = claim_to_plain(claim)
        item = tomlkit.table()
        for key, value in plain.items():
            if key == "quantities":
                array = tomlkit.array()
                for quantity in value:
                    inline = tomlkit.inline_table()
                    inline.update(quantity)
                    array.append(inline)
                item.add(key, array)
            elif key in ("slots",):
                sub = tomlkit.table()
                for slot, slot_value in value.items():
                    sub.add(slot, _toml_value(slot_value))
                item.add(key, sub)
            elif key == "sources":
                sources = tomlkit.aot()
                for source in value:
                    entry = tomlkit.table()
                    entry.update(source)
                    sources.append(entry)
                item.add(key, sources)
            else:
                item.add(key, value)
        if not claim.reviewed:
            item.add("checksum", content_checksum(claim))
        table.add(claim.id, item)
    document.add("claims", table)
    return tomlkit.dumps(document)


def _toml_value(value: Any) -> Any:
    """Lists of tables become arrays of inline tables, so slots stay one line per slot."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        array = tomlkit.array()
        for entry in value:
            inline = tomlkit.inline_table()
            inline.update(entry)
            array.append(inline)
        return array
    if isinstance(value, dict):
        inline = tomlkit.inline_table()
        inline.update(value)
        return inline
    return value


# -- reading ----------------------------------------------------------------------------

def _line_of(text: str, claim_id: str, key: str | None = None) -> int | None:
    """Line number of ``[claims.<id>]`` (or of ``key`` inside it) in the file text."""
    lines = text.splitlines()
    header = re.compile(rf"^\s*\[\s*claims\s*\.\s*(?:\"{re.escape(claim_id)}\"|{re.escape(claim_id)})\s*\]")
    for number, line in enumerate(lines, start=1):
        if header.match(line):
            if key is None:
                return number
            for offset, inner in enumerate(lines[number:], start=number + 1):
                if re.match(r"^\s*\[", inner) and not re.match(
                        rf"^\s*\[\[?\s*claims\s*\.\s*{re.escape(claim_id)}\s*\.", inner):
                    break
                if re.match(rf"^\s*{re.escape(key)}\s*=", inner) or re.match(
                        rf"^\s*\[\[?\s*claims\s*\.\s*{re.escape(claim_id)}\s*\.\s*{re.escape(key)}\s*\]", inner):
                    return offset
            return number
    return None


class _Problems:
    """The mistakes found in one claims file, each as "FILE, line N: claims.ID.KEY: what to fix"."""

    def __init__(self, path: Path, text: str):
        self.path, self.text = path, text
        self.items: list[str] = []

    def add(self, claim_id: str, key: str | None, message: str) -> None:
        line = _line_of(self.text, claim_id, key)
        where = f"{self.path}, line {line}" if line else str(self.path)
        target = f"claims.{claim_id}" + (f".{key}" if key else "")
        self.items.append(f"{where}: {target}: {message}")


def _quantity_from(raw: Any, problems: _Problems, claim_id: str) -> Quantity | None:
    if not isinstance(raw, dict):
        problems.add(claim_id, "quantities", "each quantity must be a table like "
                     '{ text = "90 minutes", value = 5400.0, unit = "second" }')
        return None
    unknown = set(raw) - _QUANTITY_KEYS
    if unknown:
        problems.add(claim_id, "quantities", f"unknown quantity key(s) {sorted(unknown)}; "
                     f"allowed: {sorted(_QUANTITY_KEYS)}")
    value = raw.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.add(claim_id, "quantities", f"quantity value must be a number, got {value!r}")
        return None
    unit = raw.get("unit")
    if not isinstance(unit, str) or not unit:
        problems.add(claim_id, "quantities", f"quantity unit must be a text like \"second\" or \"USD\", got {unit!r}")
        return None
    for bound in ("low", "high"):
        if raw.get(bound) is not None and (isinstance(raw[bound], bool) or not isinstance(raw[bound], (int, float))):
            problems.add(claim_id, "quantities", f"quantity {bound} must be a number, got {raw[bound]!r}")
            return None
    return Quantity(value=float(value), unit=unit, text=str(raw.get("text", "")),
                    approximate=bool(raw.get("approximate", False)),
                    low=float(raw["low"]) if raw.get("low") is not None else None,
                    high=float(raw["high"]) if raw.get("high") is not None else None,
                    counted=raw.get("counted"))


def claim_from_table(claim_id: str, raw: Any, problems: _Problems) -> Claim | None:
    """One claim from its table, or None with the problems recorded."""
    before = len(problems.items)
    if not isinstance(raw, dict):
        problems.add(claim_id, None, "must be a table of fields ([claims.<id>] with statement, kind, ...)")
        return None
    if not _ID.match(claim_id):
        problems.add(claim_id, None, "ids are letters, digits, '-', '_' and '.', starting with a letter or digit")
    for key in sorted(set(raw) - _KNOWN):
        problems.add(claim_id, key, f"unknown field; allowed: {', '.join(sorted(_KNOWN))}")
    for key in ("statement", "kind"):
        if key not in raw:
            problems.add(claim_id, None, f"missing required field `{key}`")
    for key in _STRINGS:
        if key in raw and not isinstance(raw[key], str):
            problems.add(claim_id, key, f"must be a text in quotes, got {raw[key]!r}")
    if isinstance(raw.get("kind"), str) and raw["kind"] not in KINDS:
        problems.add(claim_id, "kind", f"{raw['kind']!r} is not a kind; use one of {', '.join(KINDS)}")
    for key in ("active", "reviewed"):
        if key in raw and not isinstance(raw[key], bool):
            problems.add(claim_id, key, f"must be true or false, got {raw[key]!r}")
    for key in ("entities", "edited", "keys"):
        if key in raw and not (isinstance(raw[key], list) and all(isinstance(v, str) for v in raw[key])):
            problems.add(claim_id, key, f"must be a list of texts, got {raw[key]!r}")
    if isinstance(raw.get("edited"), list):
        for name in raw["edited"]:
            if name not in EDITABLE:
                problems.add(claim_id, "edited", f"{name!r} is not an editable field; use some of {', '.join(EDITABLE)}")
    probability = raw.get("probability")
    if probability is not None and (isinstance(probability, bool) or not isinstance(probability, (int, float))
                                    or not 0 <= probability <= 1):
        problems.add(claim_id, "probability", f"must be a number from 0 to 1 (20% is 0.2), got {probability!r}")
    for key in ("event_date", "resolves_by"):
        if isinstance(raw.get(key), str) and not _ISO_DATE.match(raw[key]):
            problems.add(claim_id, key, f"must be a date YYYY-MM-DD, got {raw[key]!r}")
    if "slots" in raw and not isinstance(raw["slots"], dict):
        problems.add(claim_id, "slots", "must be a table ([claims.<id>.slots])")
    if "sources" in raw and not (isinstance(raw["sources"], list) and all(isinstance(s, dict) for s in raw["sources"])):
        problems.add(claim_id, "sources", "must be an array of tables ([[claims.<id>.sources]])")
    quantities_raw = raw.get("quantities", [])
    quantities: list[Quantity] = []
    if not isinstance(quantities_raw, list):
        problems.add(claim_id, "quantities", "must be a list of quantity tables")
    else:
        for entry in quantities_raw:
            quantity = _quantity_from(entry, problems, claim_id)
            if quantity is not None:
                quantities.append(quantity)
    if len(problems.items) > before:
        return None
    claim = Claim(
        id=claim_id, statement=raw["statement"], kind=raw["kind"], quote=raw.get("quote", ""),
        speaker=raw.get("speaker"), source=raw.get("source"), document=raw.get("document"),
        subject=raw.get("subject"), entities=list(raw.get("entities", [])), quantities=quantities,
        probability=float(probability) if probability is not None else None,
        event_date=raw.get("event_date"), resolves_by=raw.get("resolves_by"),
        active=raw.get("active", True), sources=[dict(s) for s in raw.get("sources", [])],
        slots=dict(raw.get("slots", {})), reviewed=raw.get("reviewed", False),
        edited=list(raw.get("edited", [])), keys=list(raw.get("keys", [])), note=raw.get("note", ""))
    if not claim.sources and claim.document and claim.keys:
        claim.sources = [{k: v for k, v in {"document": claim.document, "speaker": claim.speaker,
                                             "quote": claim.quote, "key": claim.keys[0]}.items() if v}]
    checksum = raw.get("checksum")
    if not claim.reviewed and claim.keys and checksum != content_checksum(claim):
        # edited by hand without saying so: protect the edits
        claim.reviewed = True
    return claim


def parse_claims_text(text: str, path: Path | str = "claims.toml") -> list[Claim]:
    """Claims from the text of a claims file."""
    path = Path(path)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # the message ends with "(at line N, column M)"
        raise ClaimsError(f"{path}: not valid TOML: {exc}; fix the line it names") from exc
    unknown = set(raw) - {"claims"}
    problems = _Problems(path, text)
    for key in sorted(unknown):
        problems.items.append(f"{path}: unknown top-level key `{key}`; claims go in [claims.<id>] tables")
    tables = raw.get("claims", {})
    if not isinstance(tables, dict):
        raise ClaimsError(f"{path}: `claims` must be tables [claims.<id>]")
    claims = []
    for claim_id, table in tables.items():
        claim = claim_from_table(claim_id, table, problems)
        if claim is not None:
            claims.append(claim)
    if problems.items:
        raise ClaimsError("\n".join(problems.items))
    return claims


def read_claims_file(path: Path) -> list[Claim]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ClaimsError(f"{path}: no claims file; run `monitor claims extract` to write one") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimsError(f"{path}: cannot read the claims file ({exc})") from exc
    return parse_claims_text(text, path)


__all__ = ["HEADER", "claim_to_plain", "dump_claims", "parse_claims_text", "read_claims_file"]
