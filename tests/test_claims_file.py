"""The reviewable claims file: round trip, re-extraction keeping a person's edits and ids,
and errors that name the file, the line and the key."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from monitor.judge.claims import Claim, extract_to_file, load_claims, write_claims_file
from monitor.errors import ClaimsError
from monitor.judge.quantities import Quantity

ROOT = Path(__file__).resolve().parent.parent
DOC1 = ROOT / "baseline_docs" / "2025-02-14-trump-putin-call-experts.txt"
DOC2 = ROOT / "baseline_docs" / "2025-03-19-putin-trump-call-negotiation-table.txt"


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "baseline_docs"
    folder.mkdir()
    shutil.copy(DOC1, folder)
    return folder


def find(claims: list[Claim], phrase: str) -> Claim:
    found = [c for c in claims if phrase.lower() in c.statement.lower()]
    assert found, phrase
    return found[0]


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    claim = Claim(id="call-lasted-90-minutes", statement="The call lasted close to 90 minutes.", kind="quantity",
                  quote="... lasted close to 90 minutes ...", speaker="Dmitry Peskov", source="News.Az",
                  document="baseline_docs/a.txt", subject="the call", entities=["Dmitry Peskov"],
                  quantities=[Quantity(5400.0, "second", "close to 90 minutes", approximate=True),
                              Quantity(1.1e11, "USD", "$100–120bn", low=1e11, high=1.2e11)],
                  probability=0.2, event_date="2025-02-12", resolves_by="2025-02-28",
                  sources=[{"document": "baseline_docs/a.txt", "quote": "q1", "key": "k1"},
                           {"document": "baseline_docs/b.txt", "quote": "q2", "key": "k2", "date": "2025-03-19"}],
                  slots={"condition": "x", "dates": [{"text": "next week", "date": "2025-02-21"}]},
                  keys=["k1", "k2"], note="checked")
    path = tmp_path / "claims.toml"
    write_claims_file(path, [claim])
    assert load_claims(path) == [claim]
    assert path.read_text().startswith("# Follow-up Monitor: the claims to watch.")


@pytest.mark.slow
def test_reextraction_keeps_edits_and_ids(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims.toml"
    first = extract_to_file(docs, out)
    assert first.new == len(first.claims) > 20 and not first.errors

    claims = load_claims(out)
    call = find(claims, "lasted close to 90 minutes")
    kellogg = find(claims, "slated to meet")
    hegseth = find(claims, "pre-2014 borders")
    prisoner = find(claims, "prisoner exchange")
    edited = []
    for claim in claims:
        if claim is call:          # rename to the reviewed id and fix a slot, marking it reviewed
            claim = replace(claim, id="call-lasted-90-minutes", subject="the Trump–Putin call", reviewed=True)
        elif claim is kellogg:     # fix one field, the rest may follow the extractor
            claim = replace(claim, id="kellogg-to-meet-zelensky", resolves_by="2025-03-01", edited=["resolves_by"])
        elif claim is prisoner:    # stop watching it
            claim = replace(claim, active=False)
        edited.append(claim)
    edited.append(Claim(id="hand-added", statement="Kellogg met Zelensky in Kyiv.", kind="event",
                        note="added by hand"))
    write_claims_file(out, edited)
    # a person edits a claim without marking it: the checksum notices and protects the edit
    text = out.read_text()
    text = text.replace(f'statement = "{hegseth.statement}"',
                        'statement = "Hegseth said Ukraine would not return to its pre-2014 borders."')
    out.write_text(text)

    shutil.copy(DOC2, docs)        # a new document arrives
    second = extract_to_file(docs, out)
    claims = {c.id: c for c in load_claims(out)}

    assert claims["call-lasted-90-minutes"].subject == "the Trump–Putin call"
    assert {Path(s["document"]).name for s in claims["call-lasted-90-minutes"].sources} == {DOC1.name, DOC2.name}
    assert claims["kellogg-to-meet-zelensky"].resolves_by == "2025-03-01"
    assert claims["kellogg-to-meet-zelensky"].event_date == "2025-02-21"      # not edited: still extracted
    assert claims[prisoner.id].active is False
    assert claims["hand-added"].statement == "Kellogg met Zelensky in Kyiv."
    assert claims[hegseth.id].statement == "Hegseth said Ukraine would not return to its pre-2014 borders."
    assert claims[hegseth.id].reviewed is True
    assert not [c for c in claims.values() if "lasted close to 90 minutes" in c.statement
                and c.id != "call-lasted-90-minutes"]
    assert 0 < second.new < 60                       # only the new document's claims are new
    assert all(c.document.endswith(DOC2.name) for c in second.claims[-second.new:])
    # a third run changes nothing at all
    before = out.read_text()
    assert extract_to_file(docs, out).new == 0
    assert out.read_text() == before


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claims.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_toml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[claims.a]\nstatement = "ok"\nkind = "fact"\n\n[claims.b]\nstatement = "unclosed\n')
    with pytest.raises(ClaimsError) as error:
        load_claims(path)
    assert str(path) in str(error.value) and "line 6" in str(error.value)


def test_duplicate_claim_table_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, '[claims.a]\nstatement = "ok"\nkind = "fact"\n[claims.a]\nstatement = "again"\n')
    with pytest.raises(ClaimsError, match="line 4"):
        load_claims(path)


@pytest.mark.parametrize("body, key, line, words", [
    ('kind = "rumour"', "kind", 4, "is not a kind"),
    ('probability = 20', "probability", 4, "from 0 to 1"),
    ('active = "no"', "active", 4, "true or false"),
    ('resolves_by = "next week"', "resolves_by", 4, "YYYY-MM-DD"),
    ('quantities = [{text = "90 minutes", value = "ninety", unit = "second"}]', "quantities", 4, "must be a number"),
    ('speakr = "Peskov"', "speakr", 4, "unknown field"),
    ('entities = "Peskov"', "entities", 4, "list of texts"),
])
def test_wrong_value_names_file_line_and_key(tmp_path: Path, body: str, key: str, line: int, words: str) -> None:
    path = write(tmp_path, f'# claims\n[claims.call]\nstatement = "The call lasted 90 minutes."\n{body}\n'
                 + ('kind = "fact"\n' if not body.startswith("kind") else ""))
    with pytest.raises(ClaimsError) as error:
        load_claims(path)
    message = str(error.value)
    assert f"{path}, line {line}: claims.call.{key}" in message and words in message


def test_missing_required_field_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ClaimsError, match=r"line 1: claims.x: missing required field `kind`"):
        load_claims(write(tmp_path, '[claims.x]\nstatement = "s"\n'))
    with pytest.raises(ClaimsError, match="run `monitor claims extract`"):
        load_claims(tmp_path / "nope.toml")


def test_broken_claims_file_stops_extraction_before_writing(docs: Path, tmp_path: Path) -> None:
    out = write(tmp_path, "[claims.a\n")
    with pytest.raises(ClaimsError):
        extract_to_file(docs, out)
    assert out.read_text() == "[claims.a\n"


def test_shipped_claims_file_has_the_fixed_seed_ids() -> None:
    claims = {c.id: c for c in load_claims(ROOT / "config" / "claims.toml")}
    fixed = {"call-lasted-90-minutes": "quantity", "first-call-february-12": "event",
             "summit-agreement-odds-20-percent": "forecast", "us-aid-300bn-may-fall-to-100bn": "forecast",
             "europe-to-shoulder-200bn": "forecast", "ceasefire-30-day": "quantity",
             "prisoner-exchange-discussed": "fact", "putin-invited-trump-to-moscow": "fact",
             "kellogg-to-meet-zelensky": "event", "bessent-kyiv-minerals-deal": "fact",
             "hegseth-no-return-to-pre-2014-borders": "fact"}
    for claim_id, kind in fixed.items():
        assert claims[claim_id].kind == kind and claims[claim_id].active, claim_id
    assert claims["summit-agreement-odds-20-percent"].probability == 0.2
    assert claims["kellogg-to-meet-zelensky"].resolves_by == "2025-02-28"
    assert len(claims["call-lasted-90-minutes"].sources) == 3
    assert not [c for c in claims.values() if c.kind == "opinion" and c.active]


def test_reextracting_the_shipped_claims_file_keeps_every_reviewed_claim_and_id(tmp_path: Path) -> None:
    """The extractor changed (issue 16: splits, kinds, dates); the reviewed seed claims and their
    ids in config/claims.toml must come through a re-extraction unchanged."""
    import shutil

    from monitor.judge.claims import extract_to_file

    out = tmp_path / "claims.toml"
    shutil.copy(ROOT / "config" / "claims.toml", out)
    before = {c.id: c for c in load_claims(out)}
    extract_to_file(ROOT / "baseline_docs", out)
    after = {c.id: c for c in load_claims(out)}
    assert set(before) <= set(after)
    for claim_id, claim in before.items():
        if claim.reviewed:
            kept = after[claim_id]
            assert (kept.statement, kept.kind, kept.active, kept.probability, kept.event_date, kept.resolves_by,
                    kept.speaker, kept.note) == (claim.statement, claim.kind, claim.active, claim.probability,
                                                 claim.event_date, claim.resolves_by, claim.speaker, claim.note)
        assert after[claim_id].active == claim.active, claim_id
