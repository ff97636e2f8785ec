"""The claim model, and extraction of claims from baseline documents.

A claim is one checkable statement of a baseline document: who said it, what kind it is
(reported fact, quantity, forecast with probability, scheduled event, opinion), and its
structured slots. Claims are written to a reviewable ``config/claims.toml`` that a person
edits; the database mirrors that file (``Store.sync_claims``).

The pipeline, each stage a pure function::

    read_document(path)          -> Document      front matter (title, source, date) + body
    extract_claims(document)     -> [Claim]       sentences -> attributed clauses -> kinds + slots
    combine_claims(claims)       -> [Claim]       one claim per statement, several sources
    merge_claims(existing, new)  -> [Claim]       re-extraction keeps reviewed edits and ids
    write_claims_file / load_claims               the reviewed TOML file (tomlkit)

Extraction is rule-based (pysbd sentences, text2num/regex quantities via ``quantities``,
dateparser dates against the document's date); it runs in well under a second per document.
Sentence-level rules live in ``claim_rules`` (attribution, kinds) and ``claim_dates``; this module owns the
records, the document reading, the merging and the file.
"""
from __future__ import annotations

import datetime
import hashlib
import logging
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..errors import ClaimsError
from .quantities import Quantity

if TYPE_CHECKING:
    from .kind_model import KindModel

log = logging.getLogger(__name__)

KINDS = ("fact", "quantity", "forecast", "event", "opinion")


@dataclass
class Claim:
    id: str                                   # stable slug, e.g. "call-lasted-90-minutes"
    statement: str                            # normalised statement, one sentence
    kind: str                                 # one of KINDS
    quote: str = ""                           # the original sentence(s)
    speaker: str | None = None                # "Dmitry Peskov"; None: the outlet itself
    source: str | None = None                 # outlet of the document ("News.Az")
    document: str | None = None               # baseline_docs/<file>
    subject: str | None = None
    entities: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    probability: float | None = None          # forecasts: 0–1
    event_date: str | None = None             # ISO date of a scheduled or reported event
    resolves_by: str | None = None            # ISO date by which a forecast/event should resolve
    active: bool = True
    # every document stating it, the claim's own first: {document, title, date, speaker, quote, key}
    # (the file lists them only when there are several; one is rebuilt from document and quote)
    sources: list[dict[str, Any]] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)           # anything else extracted
    # review state (see the header of the claims file)
    reviewed: bool = False                    # a person checked it: re-extraction changes nothing but sources
    edited: list[str] = field(default_factory=list)   # fields a person changed: kept on re-extraction
    keys: list[str] = field(default_factory=list)     # extraction keys (document + clause) it stands for
    note: str = ""                            # the reviewer's note


@dataclass(frozen=True)
class Document:
    """A baseline document: its front matter and its body text."""

    path: Path
    title: str
    source: str | None
    date: str | None                          # ISO date from the front matter
    body: str
    sha256: str
    meta: dict[str, str] = field(default_factory=dict)
    # what reading it had to assume, each naming the file: no front matter, no fences, unknown keys
    warnings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.path.name


# -- reading documents ------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<head>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_DATE_VALUE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
#: the front-matter keys the extractor reads or keeps; others are reported (a typo loses a date)
FRONT_MATTER_KEYS = ("title", "source", "date", "url", "author", "language", "note", "seed")
# "Title: ECB expected to cut rates" at the top, without the --- lines
_BARE_HEADER_LINE = re.compile(r"\A(?P<key>[A-Za-z][A-Za-z _-]{0,20}):[ \t]*(?P<value>\S.*)\Z")
_FENCES_HINT = "put them between two `---` lines"
_FRONT_MATTER_HINT = ("start the file with a front matter block, e.g. `---` / `title: ...` / `source: ...` / "
                      "`date: YYYY-MM-DD` / `---`")


def _is_date(value: str) -> bool:
    """A real calendar date written YYYY-MM-DD (2025-13-45 has the shape but is no date)."""
    if not _DATE_VALUE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _front_matter_value(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1].replace('\\"', '"') if raw[0] == '"' else raw[1:-1]
    return raw


def parse_document(data: bytes, path: Path | str) -> Document:
    """A ``Document`` from the bytes of a baseline file: optional front matter of ``key: value``
    lines between ``---`` fences (title, source, date YYYY-MM-DD), then the body.

    Raises ``ClaimsError`` naming the file for empty, binary or undecodable documents."""
    path = Path(path)
    if not data.strip():
        raise ClaimsError(f"{path}: the document is empty; add its text or remove the file")
    if b"\x00" in data[:8192]:
        raise ClaimsError(f"{path}: looks like a binary file, not text; baseline documents must be "
                          "UTF-8 text files (convert it, e.g. with pdftotext, or remove it)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ClaimsError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    meta: dict[str, str] = {}
    body = text
    warnings: list[str] = []
    match = _FRONT_MATTER.match(text)
    if match:
        for number, line in enumerate(match.group("head").splitlines(), start=2):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            if not sep or not key.strip():
                raise ClaimsError(f"{path}, line {number}: front matter lines are `key: value`, got {line!r}")
            meta[key.strip().lower()] = _front_matter_value(value)
        body = text[match.end():]
    else:
        meta, body, warnings = _bare_front_matter(text, path)
    unknown = sorted(set(meta) - set(FRONT_MATTER_KEYS))
    if unknown:
        warnings.append(f"{path}: front matter key(s) {', '.join(unknown)} not recognised and ignored; "
                        f"known keys: {', '.join(FRONT_MATTER_KEYS)}")
    if not meta.get("date"):
        warnings.append(f"{path}: no `date` in the front matter, so relative dates (\"next week\", \"Thursday\", "
                        "\"September 12\") were resolved against today's date; add `date: YYYY-MM-DD`")
    if not body.strip():
        raise ClaimsError(f"{path}: the document has front matter but no text")
    date = meta.get("date") or None
    if date is not None and not _is_date(date):
        raise ClaimsError(f"{path}: front matter `date: {date}` is not a YYYY-MM-DD date; fix it so "
                          "relative dates (\"next week\") can be resolved")
    title = meta.get("title") or path.stem
    return Document(path=path, title=title, source=meta.get("source") or None, date=date,
                    body=body, sha256=hashlib.sha256(data).hexdigest(), meta=meta, warnings=tuple(warnings))


def _bare_front_matter(text: str, path: Path) -> tuple[dict[str, str], str, list[str]]:
    """(meta, body, warnings) of a document without ``---`` fences.

    Leading ``Key: value`` lines with known keys ("Title: ...", "Date: 2024-06-04") are front
    matter written without its fences: they are read as such, not as text, with a warning.
    Anything else is all body, with a warning that the document has no front matter."""
    lines = text.splitlines()
    meta: dict[str, str] = {}
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    start = index
    while index < len(lines):
        found = _BARE_HEADER_LINE.match(lines[index].strip())
        if not found or found.group("key").strip().lower() not in FRONT_MATTER_KEYS:
            break
        meta[found.group("key").strip().lower()] = _front_matter_value(found.group("value"))
        index += 1
    if meta and (index == len(lines) or not lines[index].strip() or lines[index].strip() == "---"):
        if index < len(lines) and lines[index].strip() == "---":
            index += 1
        keys = ", ".join(meta)
        warning = (f"{path}: front matter without `---` fences: read lines {start + 1}-{index} ({keys}) as "
                   f"front matter, not as text; {_FENCES_HINT}")
        return meta, "\n".join(lines[index:]), [warning]
    return {}, text, [f"{path}: no front matter: the title is the file name and the whole file is text; "
                      f"{_FRONT_MATTER_HINT}"]


def read_document(path: Path | str) -> Document:
    """Read one baseline document (see ``parse_document``)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ClaimsError(f"{path}: cannot read the document ({exc.strerror or exc})") from exc
    return parse_document(data, path)


def read_documents(folder: Path | str) -> tuple[list[Document], list[ClaimsError]]:
    """Every ``*.txt`` / ``*.md`` document in ``folder`` (sorted by date, then name), and one
    ``ClaimsError`` per file that could not be read — a bad file never stops the others."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ClaimsError(f"{folder}: no such folder of baseline documents; pass --docs DIR")
    documents: list[Document] = []
    errors: list[ClaimsError] = []
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".txt", ".md")):
        try:
            _check_file_name(path)
            document = read_document(path)
        except ClaimsError as exc:
            log.warning("skipping baseline document %s: %s", path, exc)
            errors.append(exc)
            continue
        for warning in document.warnings:
            log.warning("%s", warning)
        documents.append(document)
    documents.sort(key=lambda d: (d.date or "", d.name))
    return documents, errors


def _check_file_name(path: Path) -> None:
    """Refuse a file name that is not valid UTF-8: it could not be written to the claims file."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        shown = path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        raise ClaimsError(f"{path.parent / shown}: the file name is not valid UTF-8; rename the file "
                          "(its name is recorded with each claim it states)") from None


# -- extraction -------------------------------------------------------------------------

def extract_claims(document: Document, *, document_label: str | None = None,
                   reader: KindModel | None = None) -> list[Claim]:
    """The claims of one document, in reading order (not yet combined across documents).

    ``document_label`` is what ``Claim.document`` records (default: the path as given); ``reader``,
    the kind reader, reads the rules' claims again (None: the rules' reading)."""
    from .claim_rules import (  # the sentence rules
        date_by_named_occasion,
        date_undated_events,
        extract_units,
        share_horizons_read,
    )

    label = document_label or str(document.path)
    claims: list[Claim] = []
    for unit in extract_units(document.body, document_date=document.date, outlet=document.source):
        key = extraction_key(document.name, unit.anchor)
        source = {"document": label, "title": document.title, "date": document.date,
                  "speaker": unit.speaker, "quote": unit.quote, "key": key}
        source = {k: v for k, v in source.items() if v is not None}
        claims.append(Claim(
            id=slugify(unit.slug_text), statement=unit.statement, kind=unit.kind, quote=unit.quote,
            speaker=unit.speaker, source=document.source, document=label, subject=unit.subject,
            entities=list(unit.entities), quantities=list(unit.quantities), probability=unit.probability,
            event_date=unit.event_date, resolves_by=unit.resolves_by, active=unit.kind != "opinion",
            sources=[source], slots=dict(unit.slots), keys=[key]))
    if reader is not None:
        claims = reader.reread(claims)
        share_horizons_read(claims, document.date)
    date_by_named_occasion(claims, document.date)
    date_undated_events(claims, document.date)
    return claims


def extraction_key(document_name: str, anchor: str) -> str:
    """A short stable key of the clause a claim came from, so re-extraction finds it again."""
    normal = " ".join(re.findall(r"\w+", anchor.lower()))
    return hashlib.sha1(f"{document_name}\n{normal}".encode()).hexdigest()[:12]


_SLUG_STOP = set("""a an the of to in on at for and or but with by from as that this these those is are was
were be been being has have had do does did it its their there they he she his her we our i you
also then than so such very just not no nor into over about would could might may will shall can
which who whom whose what when where while if once according said says added noted""".split())


def slugify(text: str, max_words: int = 7, max_length: int = 60) -> str:
    """A readable id from a statement: its first content words, lower-case, hyphenated."""
    words = [w for w in re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", text.lower().replace("’", "'"))
             if w not in _SLUG_STOP and len(w) > 1 or w.isdigit()]
    slug = "-".join(words[:max_words]).replace(".", "-")
    slug = slug[:max_length].rstrip("-")
    return slug or "claim"


# -- combining the same claim across documents ------------------------------------------

_TOPIC_SYNONYMS = {
    "conversation": "call", "calls": "call", "discussion": "call", "talks": "call", "talk": "call",
    "phone": "call", "telephone": "call", "conversations": "call",
    "truce": "ceasefire", "cease-fire": "ceasefire",
    "assistance": "aid", "support": "aid", "funding": "aid",
}
_TOPIC_STOP = _SLUG_STOP | {"lasted", "close", "nearly", "around", "approximately", "minutes", "hours",
                            "minute", "hour", "day", "days", "billion", "million", "percent"}


def _topics(claim: Claim) -> set[str]:
    words = re.findall(r"[a-z][a-z-]+", claim.statement.lower())
    return {_TOPIC_SYNONYMS.get(w, w) for w in words if w not in _TOPIC_STOP}


def same_claim(a: Claim, b: Claim) -> bool:
    """Two extracted claims state the same thing: an agreeing quantity (same unit, not a plain
    count) about a shared topic ("close to 90 minutes" call = "1.5-hour" discussion)."""
    from .quantities import AGREES, compare_quantities

    if a.kind == "opinion" or b.kind == "opinion":
        return False
    if a.kind == b.kind == "event" and a.document == b.document and a.event_date and \
            a.event_date == b.event_date and set(a.entities) & set(b.entities) and not (a.quantities or b.quantities):
        return True          # "OPEC+ holds its meeting on Thursday" = "OPEC+ meets on Thursday to decide ..."
    if _dated_apart(a, b):
        return False         # "42 per cent as of Wednesday" is not the projection for Saturday
    if a.quantities and b.quantities:
        agreeing = any(qa.unit == qb.unit and qa.unit != "count" and compare_quantities(qa, qb) == AGREES
                       and (a.document != b.document or _same_value(qa, qb))
                       for qa in a.quantities for qb in b.quantities)
        topics_a, topics_b = _topics(a), _topics(b)
        shared = topics_a & topics_b
        if a.document == b.document and (len(shared) * 2 < min(len(topics_a), len(topics_b)) or
                                         _named_apart(a, b)):
            # "UK and Irish sales rose 0.5%" and, of the international business, "like-for-like sales
            # were up 0.5%"; "Seniors will pay $60 for 3D movies" and "In Tobago, adult tickets will
            # cost $60 for 3D": in one text a value recurs, and one word in common is not one topic,
            # nor are two that name different places or parties (or one names some, the other none)
            return False
        if agreeing and shared and len(a.quantities) == len(b.quantities) == 1:
            return True
    return False


def _named_apart(a: Claim, b: Claim) -> bool:
    """Whether the names of ``a`` and ``b`` share no word ("Tobago" and none; "Alberta" and "Quebec"),
    where "Trump-Putin" and "Donald Trump" share one."""
    words_a, words_b = ({w for name in claim.entities for w in re.split(r"[\s\-]+", name)} for claim in (a, b))
    return bool(words_a or words_b) and not words_a & words_b


def _dated_apart(a: Claim, b: Claim) -> bool:
    first, second = a.event_date or a.resolves_by, b.event_date or b.resolves_by
    return bool(first and second and first != second)


def _same_value(a: Quantity, b: Quantity) -> bool:
    """Within one document only a value stated again is the same claim: "around $72" is not the
    "$70 to $80" range it lies in, and "around 42 per cent" is not "42.5 per cent"."""
    if (a.low, a.high) != (b.low, b.high):
        return False
    return abs(a.value - b.value) <= 1e-9 * max(abs(a.value), abs(b.value))


def combine_claims(claims: Iterable[Claim]) -> list[Claim]:
    """One claim per statement: later claims that state the same thing as an earlier one become
    extra ``sources`` (and ``keys``) of the earlier one. Ids are made unique (``-2``, ``-3``).

    Linear in the number of claims however often a sentence repeats: a claim stated word for
    word again (same kind, speaker and dates) is found by its text; ``same_claim`` is only asked
    about earlier claims with one quantity in the same unit and a topic word in common, the only
    ones it can match.
    """
    combined: list[Claim] = []
    verbatim: dict[tuple[Any, ...], Claim] = {}
    # (unit, topic word) -> positions in ``combined`` of the one-quantity claims with both
    by_unit_topic: dict[tuple[str, str], list[int]] = {}
    for claim in claims:
        key = (claim.kind, _normal_quote(claim.statement), claim.speaker, claim.event_date, claim.resolves_by,
               tuple((q.value, q.unit) for q in claim.quantities))
        slots = ([(claim.quantities[0].unit, topic) for topic in _topics(claim)]
                 if len(claim.quantities) == 1 and claim.kind != "opinion" else [])
        earlier = verbatim.get(key)
        if earlier is None:
            positions = sorted({p for slot in slots for p in by_unit_topic.get(slot, ())})
            earlier = next((combined[p] for p in positions if same_claim(combined[p], claim)), None)
        if earlier is not None:
            earlier.sources.extend(s for s in claim.sources if s not in earlier.sources)
            earlier.keys.extend(k for k in claim.keys if k not in earlier.keys)
            continue
        verbatim[key] = kept = replace(claim, sources=list(claim.sources), keys=list(claim.keys))
        for slot in slots:
            by_unit_topic.setdefault(slot, []).append(len(combined))
        combined.append(kept)
    _unique_ids(combined)
    return combined


def _unique_ids(claims: list[Claim], taken: set[str] | None = None) -> None:
    seen = set(taken or ())
    next_number: dict[str, int] = {}   # where the search for a free "-N" resumes, per base id
    for claim in claims:
        base = claim.id
        number = next_number.get(base, 2)
        while claim.id in seen:
            claim.id = f"{base}-{number}"
            number += 1
        next_number[base] = number
        seen.add(claim.id)


# -- re-extraction keeps reviewed edits -------------------------------------------------

#: the fields a person reviews; what ``edited`` may name and what the checksum covers
EDITABLE = ("statement", "kind", "quote", "speaker", "source", "document", "subject", "entities",
            "quantities", "probability", "event_date", "resolves_by", "active", "slots", "note")


def content_checksum(claim: Claim) -> str:
    """Checksum of the reviewable fields as extracted: a mismatch on load means hand edits."""
    from .claims_file import claim_to_plain

    plain = claim_to_plain(claim)
    text = repr([(name, plain.get(name)) for name in EDITABLE if name not in ("active", "note")])
    return hashlib.sha1(text.encode()).hexdigest()[:10]


def _normal_quote(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


class _ExistingClaims:
    """The claims file's claims, indexed by extraction key and by (document, sentence), so that
    matching each extracted claim costs a lookup, not a pass over the whole file."""

    def __init__(self, existing: list[Claim]):
        self.existing = existing
        self.used: set[int] = set()
        self.by_key: dict[str, list[int]] = {}
        self.by_sentence: dict[tuple[str | None, str], list[int]] = {}
        for index, old in enumerate(existing):
            for key in old.keys:
                self.by_key.setdefault(key, []).append(index)
            if old.keys:
                self.by_sentence.setdefault((old.document, _normal_quote(old.quote)), []).append(index)

    def find(self, claim: Claim) -> int | None:
        """The index of the existing claim ``claim`` is a re-extraction of (each used once)."""
        by_key = sorted({i for key in claim.keys for i in self.by_key.get(key, ())})
        for index in by_key:
            if index not in self.used:
                self.used.add(index)
                return index
        # the extractor changed a clause boundary: same document, same sentence, same quantities
        for index in self.by_sentence.get((claim.document, _normal_quote(claim.quote)), ()):
            old = self.existing[index]
            if index not in self.used and \
                    [q.value for q in old.quantities] == [q.value for q in claim.quantities] and \
                    _normal_quote(old.statement)[:40] == _normal_quote(claim.statement)[:40]:
                self.used.add(index)
                return index
        return None


def merge_claims(existing: list[Claim], extracted: list[Claim]) -> list[Claim]:
    """The claims file after re-extraction.

    - An extracted claim that matches an existing one (same extraction key, or same document,
      sentence and values) keeps the existing **id** and **active** flag. If the existing claim
      is ``reviewed``, all its fields are kept; otherwise the extracted fields replace the old
      ones except those named in its ``edited`` list. Either way new sources and keys are added.
    - Existing claims nothing matches (added by hand, or from documents not re-read) are kept
      as they are, in their place.
    - New claims are appended, with ids made unique against the existing ones.
    """
    index_of = _ExistingClaims(existing)
    updated: dict[int, Claim] = {}
    new: list[Claim] = []
    for claim in extracted:
        index = index_of.find(claim)
        if index is None:
            new.append(claim)
            continue
        old = existing[index]
        if old.reviewed:
            merged = replace(old)
        else:
            kept = {name: getattr(old, name) for name in old.edited if name in EDITABLE}
            merged = replace(claim, id=old.id, active=old.active, reviewed=False, edited=list(old.edited),
                             note=old.note, **kept)
        merged.sources = list(old.sources) + [s for s in claim.sources
                                              if s.get("key") not in {o.get("key") for o in old.sources}]
        merged.keys = list(old.keys) + [k for k in claim.keys if k not in old.keys]
        updated[index] = merged
    result = [updated.get(index, old) for index, old in enumerate(existing)]
    _unique_ids(new, taken={c.id for c in result})
    return result + new


# -- the claims file --------------------------------------------------------------------

def load_claims(path: Path | str) -> list[Claim]:
    """The claims of a reviewed claims file (``ClaimsError`` naming the file, line and key)."""
    from .claims_file import read_claims_file

    return read_claims_file(Path(path))


def write_claims_file(path: Path | str, claims: list[Claim]) -> None:
    """Write ``claims`` as the reviewable TOML file (header comment explains the review rules)."""
    from .claims_file import dump_claims

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(dump_claims(claims), encoding="utf-8")
    tmp.replace(path)


def claim_field_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Claim))


# -- one extraction run -----------------------------------------------------------------

@dataclass
class ExtractionReport:
    """What ``extract_to_file`` did: per document counts by kind, the file's totals, errors."""

    documents: list[Document] = field(default_factory=list)
    per_document: dict[str, dict[str, int]] = field(default_factory=dict)   # name -> kind -> count
    errors: list[ClaimsError] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)                        # the file as written
    warnings: list[str] = field(default_factory=list)                        # what reading assumed
    new: int = 0
    seconds: float = 0.0


def extract_to_file(docs: Path | str, out: Path | str, *, rules_only: bool = False) -> ExtractionReport:
    """Extract the claims of every document in ``docs``, merge them into the claims file ``out``
    (keeping reviewed edits and ids, see ``merge_claims``) and write it.

    The kind reader (``kind_model``) reads every extracted claim again unless ``rules_only``.

    Unreadable documents are reported in ``errors`` and skipped; a malformed existing claims
    file raises ``ClaimsError`` before anything is written (fix it first, nothing is lost)."""
    import time

    from .kind_model import loaded_kind_model

    started = time.perf_counter()
    out = Path(out)
    existing = load_claims(out) if out.exists() else []
    documents, errors = read_documents(docs)
    report = ExtractionReport(documents=documents, errors=errors,
                              warnings=[w for d in documents for w in d.warnings])
    extracted: list[Claim] = []
    reader = None if rules_only else loaded_kind_model()
    for document in list(documents):
        try:
            claims = extract_claims(document, document_label=str(document.path), reader=reader)
        except (ValueError, UnicodeError) as exc:
            # A sentence the rules cannot handle is a bug to report, but one document must not
            # cost the claims of all the others.
            error = ClaimsError(f"{document.path}: claim extraction failed ({type(exc).__name__}: {exc}); "
                                "the document is skipped; please report this with the document")
            log.warning("skipping baseline document %s: %s", document.path, error)
            report.errors.append(error)
            report.documents.remove(document)
            continue
        counts = {kind: 0 for kind in KINDS}
        for claim in claims:
            counts[claim.kind] += 1
        report.per_document[document.name] = counts
        extracted.extend(claims)
        log.info("extracted %d claims from %s", len(claims), document.path)
    combined = combine_claims(extracted)
    known = {c.id for c in existing}
    report.claims = merge_claims(existing, combined)
    report.new = sum(1 for c in report.claims if c.id not in known)
    write_claims_file(out, report.claims)
    report.seconds = time.perf_counter() - started
    return report
