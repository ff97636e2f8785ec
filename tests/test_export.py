"""`monitor export`: schema.org ClaimReview JSON-LD checked against a pinned vocabulary, and JSON/CSV of all claims."""
import csv
import io
import json
import re
from datetime import date

import pytest
from click.testing import CliRunner

from alert_rows import add_alert, add_article, add_claim, add_resolution
from monitor.cli import cli
from monitor.status.export import claim_records, claimreview_document, render_export
from monitor.status.lifecycle import resolve_claim
from monitor.store import StatusSettings, Store

# -- a pinned slice of the schema.org vocabulary (https://schema.org, checked by hand against the
# type pages of ClaimReview, Review, Claim, CreativeWork, Rating, Person, Organization, Thing).
# Each type: its parent and the properties it defines; a type has its own and its ancestors'.
SCHEMA_TYPES = {
    "Thing": (None, {"additionalType", "alternateName", "description", "disambiguatingDescription", "identifier",
                     "image", "mainEntityOfPage", "name", "potentialAction", "sameAs", "subjectOf", "url"}),
    "CreativeWork": ("Thing", {"about", "abstract", "author", "citation", "contributor", "creator", "dateCreated",
                               "dateModified", "datePublished", "editor", "genre", "headline", "inLanguage",
                               "isBasedOn", "isPartOf", "keywords", "license", "mentions", "publisher",
                               "sourceOrganization", "text", "version"}),
    "Review": ("CreativeWork", {"associatedClaimReview", "associatedMediaReview", "associatedReview",
                                "itemReviewed", "negativeNotes", "positiveNotes", "reviewAspect", "reviewBody",
                                "reviewRating"}),
    "ClaimReview": ("Review", {"claimReviewed"}),
    "Claim": ("CreativeWork", {"appearance", "claimInterpreter", "firstAppearance"}),
    "Intangible": ("Thing", set()),
    "Rating": ("Intangible", {"author", "bestRating", "ratingExplanation", "ratingValue", "reviewAspect",
                              "worstRating"}),
    "Person": ("Thing", {"affiliation", "familyName", "givenName", "jobTitle", "worksFor"}),
    "Organization": ("Thing", {"founder", "legalName", "member", "parentOrganization"}),
}
# What each property we emit expects: schema.org types (any subtype will do) or a literal kind.
RANGES = {
    "author": {"Person", "Organization"}, "publisher": {"Person", "Organization"},
    "reviewRating": {"Rating"}, "itemReviewed": {"Thing"},
    "appearance": {"CreativeWork"}, "firstAppearance": {"CreativeWork"}, "citation": {"CreativeWork", "Text"},
    "claimReviewed": "Text", "headline": "Text", "text": "Text", "name": "Text", "alternateName": "Text",
    "ratingExplanation": "Text", "identifier": "Text", "reviewBody": "Text",
    "datePublished": "Date", "url": "URL",
    "ratingValue": "Number", "bestRating": "Number", "worstRating": "Number",
}


def ancestors(type_name):
    while type_name is not None:
        yield type_name
        type_name = SCHEMA_TYPES[type_name][0]


def properties_of(type_name):
    return set().union(*(SCHEMA_TYPES[t][1] for t in ancestors(type_name)))


def check_node(node, expected, path="$"):
    """Every @type a schema.org type of the expected kind, every property a term of that type, every
    value of the kind the property expects. Returns the number of typed nodes checked."""
    if isinstance(node, list):
        return sum(check_node(item, expected, f"{path}[{i}]") for i, item in enumerate(node))
    if isinstance(expected, str) or (isinstance(node, str) and "Text" in expected):
        kind = expected if isinstance(expected, str) else "Text"
        checks = {"Text": lambda v: isinstance(v, str) and v.strip(),
                  "URL": lambda v: isinstance(v, str) and re.match(r"https?://[^/\s]+", v),
                  "Date": lambda v: isinstance(v, str) and date.fromisoformat(v),
                  "Number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)}
        assert checks[kind](node), f"{path}: {node!r} is not a {kind}"
        return 0
    assert isinstance(node, dict), f"{path}: expected a {sorted(expected)}, got {node!r}"
    type_name = node.get("@type")
    assert type_name in SCHEMA_TYPES, f"{path}: @type {type_name!r} is not in the pinned vocabulary"
    assert expected & set(ancestors(type_name)), f"{path}: a {type_name} where {sorted(expected)} is expected"
    allowed = properties_of(type_name)
    checked = 1
    for key, value in node.items():
        if key == "@type":
            continue
        assert key in allowed, f"{path}: {key!r} is not a schema.org property of {type_name}"
        assert key in RANGES, f"{path}: no range pinned for {key!r}; add it to RANGES"
        assert value is not None and value != [], f"{path}.{key} is empty"
        checked += check_node(value, RANGES[key], f"{path}.{key}")
    return checked


def validate_claimreview_document(document):
    assert set(document) == {"@context", "@graph"} and document["@context"] == "https://schema.org"
    return sum(check_node(review, {"ClaimReview"}, f"$['@graph'][{i}]") for i, review in enumerate(document["@graph"]))


def test_the_validator_rejects_what_schema_org_does_not_define():
    good = {"@type": "ClaimReview", "claimReviewed": "x", "reviewRating": {"@type": "Rating", "ratingValue": 1}}
    assert check_node(good, {"ClaimReview"}) == 2
    for bad, message in [
        ({**good, "verdict": "true"}, "'verdict' is not a schema.org property of ClaimReview"),
        ({**good, "reviewRating": {"@type": "Rating", "claimReviewed": "x"}}, "not a schema.org property of Rating"),
        ({**good, "reviewRating": {"@type": "Score", "ratingValue": 1}}, "not in the pinned vocabulary"),
        ({**good, "author": {"@type": "Rating", "ratingValue": 1}}, "a Rating where"),
        ({**good, "datePublished": "14 Feb"}, "Invalid isoformat"),
    ]:
        with pytest.raises((AssertionError, ValueError), match=message):
            check_node(bad, {"ClaimReview"})


# -- a database with one claim of each status -----------------------------------------------

TODAY = date(2025, 3, 20)
DOC_TITLE = "Trump speaks to Putin, then Zelensky: experts weigh in"


def fill(store):
    store.use_settings(StatusSettings(0.6, 1))  # one alert settles a claim here; see test_sources.py
    document = store.db.table("documents").insert({
        "path": "baseline_docs/2025-02-14-trump-putin-call-experts.txt", "title": DOC_TITLE,
        "source": "News.Az", "date": "2025-02-14"}).last_pk
    common = {"document_id": document, "source": "News.Az"}
    add_claim(store, "call-lasted-90-minutes", "The Trump–Putin call lasted close to 90 minutes", kind="quantity",
              speaker="Dmitry Peskov", quote="the Trump-Putin conversation lasted close to 90 minutes", **common)
    add_claim(store, "prisoner-exchange-discussed", "Trump and Putin discussed a potential prisoner exchange",
              **common)
    add_claim(store, "ceasefire-30-day", "A 30-day ceasefire was agreed", kind="quantity", speaker="the Kremlin",
              **common)
    add_claim(store, "summit-agreement-odds-20-percent", "Odds of an agreement from the summit are around 20%",
              kind="forecast", probability=0.2, resolves_by="2025-02-28", speaker="Sergei Markov", **common)
    add_claim(store, "kellogg-to-meet-zelensky", "Kellogg is slated to meet Zelensky next week", kind="event",
              resolves_by="2025-02-28", speaker="Alan Kafruny", **common)
    add_claim(store, "putin-invited-trump-to-moscow", "Putin invited Trump to visit Moscow", **common)
    add_claim(store, "istanbul-conference-russia-push", "Russia will push at the Istanbul conference",
              kind="forecast", resolves_by="2025-02-17", speaker="Yevhen Mahda", **common)
    add_claim(store, "absence-notable", "His absence is notable.", kind="opinion", active=0, **common)

    def article(slug, title, published="2025-02-15T08:00:00+00:00"):
        return add_article(store, f"https://news.example/{slug}", title, published_at=published)

    ids = {
        "call-1": add_alert(store, "call-lasted-90-minutes", article("call", "Kremlin: call lasted 90 minutes"),
                            "confirms", detected_at="2025-02-14T09:00:00+00:00"),
        "call-2": add_alert(store, "call-lasted-90-minutes", article("call-2", "An hour and a half on the phone"),
                            "confirms", detected_at="2025-02-15T09:00:00+00:00"),
        "call-weak": add_alert(store, "call-lasted-90-minutes", article("weak", "Long call"), "confirms",
                               confidence=0.3),
        "call-talk": add_alert(store, "call-lasted-90-minutes", article("talk", "Talk of the call"), "discusses"),
        "prisoners": add_alert(store, "prisoner-exchange-discussed", article("no-swap", "No swap was discussed"),
                               "contradicts", detected_at="2025-02-16T09:00:00+00:00"),
        "truce-yes": add_alert(store, "ceasefire-30-day", article("truce", "Truce agreed"), "confirms",
                               detected_at="2025-03-12T09:00:00+00:00"),
        "truce-no": add_alert(store, "ceasefire-30-day", article("no-truce", "No truce after all"), "contradicts",
                              detected_at="2025-03-13T09:00:00+00:00"),
        "kellogg": add_alert(store, "kellogg-to-meet-zelensky", article("kellogg", "Kellogg met Zelensky in Kyiv",
                                                                         "2025-02-20T07:00:00+00:00"),
                             "confirms", detected_at="2025-02-20T09:00:00+00:00"),
    }
    add_resolution(store, "kellogg-to-meet-zelensky", "happened", "2025-02-20", alert_id=ids["kellogg"],
                   recorded_at="2025-02-20T09:00:00+00:00")
    resolve_claim(store, "summit-agreement-odds-20-percent", "did-not-happen", "2025-03-18",
                  evidence_url="https://news.example/summit-ends-without-deal", note="no agreement", today=TODAY)
    return ids


@pytest.fixture
def store(store):
    fill(store)
    return store


def reviews_by_claim(document):
    return {review["identifier"]: review for review in document["@graph"]}


def test_claimreview_is_valid_schema_org_and_covers_only_settled_claims(store):
    document = json.loads(render_export(claim_records(store, today=TODAY), "claimreview"))
    assert validate_claimreview_document(document) > 5 * 4
    assert sorted(reviews_by_claim(document)) == [
        "call-lasted-90-minutes", "ceasefire-30-day", "kellogg-to-meet-zelensky", "prisoner-exchange-discussed",
        "summit-agreement-odds-20-percent"]  # not the open claim, nor the overdue forecast


def test_a_confirmed_claim_field_by_field(store):
    review = reviews_by_claim(claimreview_document(claim_records(store, today=TODAY), reviewer="Desk",
                                                   base_url="https://factcheck.example/claims/"))
    assert review["call-lasted-90-minutes"] == {
        "@type": "ClaimReview",
        "identifier": "call-lasted-90-minutes",
        "url": "https://factcheck.example/claims/call-lasted-90-minutes",
        "claimReviewed": "The Trump–Putin call lasted close to 90 minutes",
        "datePublished": "2025-02-14",  # the day it became confirmed
        "author": {"@type": "Organization", "name": "Desk"},
        "reviewRating": {"@type": "Rating", "ratingValue": 5, "bestRating": 5, "worstRating": 1,
                         "alternateName": "Confirmed",
                         "ratingExplanation": "2 reports confirm it and none contradict it."},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "Dmitry Peskov"},
            "datePublished": "2025-02-14",
            "text": "the Trump-Putin conversation lasted close to 90 minutes",
            "appearance": {"@type": "CreativeWork", "headline": DOC_TITLE, "datePublished": "2025-02-14",
                           "publisher": {"@type": "Organization", "name": "News.Az"}},
        },
        # the counted confirmations only: not the weak one, not the one that discusses
        "citation": [
            {"@type": "CreativeWork", "url": "https://news.example/call", "headline": "Kremlin: call lasted 90 minutes",
             "datePublished": "2025-02-15"},
            {"@type": "CreativeWork", "url": "https://news.example/call-2",
             "headline": "An hour and a half on the phone", "datePublished": "2025-02-15"},
        ],
    }


def test_contradicted_disputed_and_resolved_ratings(store):
    reviews = reviews_by_claim(claimreview_document(claim_records(store, today=TODAY)))
    rating = {claim: (r["reviewRating"]["ratingValue"], r["reviewRating"]["alternateName"],
                      r["reviewRating"]["ratingExplanation"], r["datePublished"]) for claim, r in reviews.items()}
    assert rating["prisoner-exchange-discussed"] == (
        1, "Contradicted", "1 report contradicts it and none confirm it.", "2025-02-16")
    assert rating["ceasefire-30-day"] == (
        3, "Disputed", "1 report confirms it and 1 report contradicts it.", "2025-03-13")
    assert rating["kellogg-to-meet-zelensky"] == (5, "Happened", "It happened (2025-02-20).", "2025-02-20")
    assert rating["summit-agreement-odds-20-percent"] == (
        4.84, "Did not happen",
        "Forecast at 20%; it did not happen (2025-03-18): Brier score 0.04 (0 is perfect, 0.25 a coin toss). "
        "Recorded by hand.", "2025-03-18")
    # speakers: the outlet when none is named, an institution as an Organization
    assert reviews["prisoner-exchange-discussed"]["itemReviewed"]["author"] == {
        "@type": "Organization", "name": "News.Az"}
    assert reviews["ceasefire-30-day"]["itemReviewed"]["author"]["@type"] == "Organization"
    assert reviews["summit-agreement-odds-20-percent"]["citation"] == [
        {"@type": "CreativeWork", "url": "https://news.example/summit-ends-without-deal"}]
    assert "url" not in reviews["summit-agreement-odds-20-percent"]  # no --base-url: no review page


def test_json_and_csv_list_every_claim_with_status_and_evidence(store):
    records = claim_records(store, today=TODAY)
    rows = {row["claim_id"]: row for row in json.loads(render_export(records, "json"))}
    assert {claim: row["status"] for claim, row in rows.items()} == {
        "absence-notable": "open", "call-lasted-90-minutes": "confirmed", "ceasefire-30-day": "disputed",
        "istanbul-conference-russia-push": "overdue", "kellogg-to-meet-zelensky": "resolved",
        "prisoner-exchange-discussed": "contradicted", "putin-invited-trump-to-moscow": "open",
        "summit-agreement-odds-20-percent": "resolved"}
    assert rows["call-lasted-90-minutes"]["evidence_urls"] == ["https://news.example/call",
                                                               "https://news.example/call-2"]
    assert rows["summit-agreement-odds-20-percent"]["brier"] == 0.04
    assert rows["summit-agreement-odds-20-percent"]["resolution_method"] == "manual"
    assert rows["putin-invited-trump-to-moscow"]["evidence_urls"] == []
    as_csv = {row["claim_id"]: row for row in csv.DictReader(io.StringIO(render_export(records, "csv")))}
    assert as_csv.keys() == rows.keys()
    assert as_csv["ceasefire-30-day"]["evidence_urls"] == "https://news.example/truce https://news.example/no-truce"
    assert (as_csv["ceasefire-30-day"]["status"], as_csv["ceasefire-30-day"]["confirms"]) == ("disputed", "1")
    assert as_csv["istanbul-conference-russia-push"]["resolves_by"] == "2025-02-17"


# -- the CLI -------------------------------------------------------------------------------

def make_site(tmp_path, with_rows=True):
    config = tmp_path / "monitor.toml"
    # one alert settles a claim here (independent sources: see test_sources.py)
    config.write_text('[database]\npath = "monitor.db"\n[verdicts]\nmin_independent_sources = 1\n', encoding="utf-8")
    with Store(tmp_path / "monitor.db") as store:
        if with_rows:
            fill(store)
    return config


def monitor(config, *args):
    return CliRunner().invoke(cli, ["-c", str(config), *args])


def test_export_writes_the_file_and_it_parses_back(tmp_path):
    config = make_site(tmp_path)
    out = tmp_path / "exports" / "claimreview.jsonld"
    result = monitor(config, "export", "--out", str(out))
    assert (result.exit_code, result.output) == (0, f"Wrote {out}: 5 claim reviews (claimreview).\n")
    document = json.loads(out.read_text(encoding="utf-8"))
    assert validate_claimreview_document(document) > 0 and len(document["@graph"]) == 5
    to_stdout = monitor(config, "export", "--format", "json")
    assert to_stdout.exit_code == 0 and len(json.loads(to_stdout.output)) == 7  # tracked claims, as `status`
    everything = json.loads(monitor(config, "export", "--format", "json", "--all").output)
    assert [row["claim_id"] for row in everything if not row["active"]] == ["absence-notable"]
    csv_out = tmp_path / "claims.csv"
    assert monitor(config, "export", "--format", "csv", "--out", str(csv_out)).output == f"Wrote {csv_out}: 7 claims (csv).\n"
    assert csv_out.read_text(encoding="utf-8").startswith("claim_id,kind,speaker,source,status,")


def test_an_empty_database_is_a_clear_error_and_no_file_is_written(tmp_path):
    config = make_site(tmp_path, with_rows=False)
    out = tmp_path / "claims.json"
    for fmt in ("claimreview", "json", "csv"):
        result = monitor(config, "export", "--format", fmt, "--out", str(out))
        assert result.exit_code == 1, result.output
        assert "no claims to export; run `monitor claims extract`" in result.output
    assert not out.exists()
    # The database and its companions (WAL, shared memory, the lock taken while its schema was made).
    assert {p.name for p in tmp_path.iterdir()} <= {"monitor.toml", "monitor.db", "monitor.db-wal", "monitor.db-shm",
                                                    "monitor.db.migrate.lock"}


def test_nothing_settled_no_database_and_bad_options(tmp_path):
    config = make_site(tmp_path, with_rows=False)
    with Store(tmp_path / "monitor.db") as store:
        add_claim(store, "quiet")
    out = tmp_path / "reviews.jsonld"
    unsettled = monitor(config, "export", "--out", str(out))
    assert unsettled.exit_code == 1 and "none of the 1 claims has a settled status" in unsettled.output
    assert not out.exists()
    bad_url = monitor(config, "export", "--base-url", "factcheck.example")
    assert bad_url.exit_code == 1 and "is not an http(s) URL" in bad_url.output
    assert monitor(config, "export", "--format", "xml").exit_code == 2
    missing = tmp_path / "elsewhere" / "monitor.toml"
    missing.parent.mkdir()
    missing.write_text('[database]\npath = "monitor.db"\n', encoding="utf-8")
    no_db = monitor(missing, "export", "--out", str(out))
    assert no_db.exit_code == 1 and "no database here yet" in no_db.output
    assert not (missing.parent / "monitor.db").exists() and not out.exists()
