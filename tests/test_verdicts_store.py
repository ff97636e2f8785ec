"""Verdicts in the database: build_judge mirrors the claims file, save_verdicts upserts one alert per
(claim, article) and records outcomes with Brier scores, a re-score after a model change updates
alerts in place without duplicating them, and a deactivated claim gets no alerts.

Real SQLite files in tmp_path, the shipped stance model, a copy of the reviewed claims file.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.store import Store
from monitor.judge.verdicts import Judge
from monitor.run.judging import build_judge, rejudge_articles
from monitor.judge.verdicts.stance import StanceModel

CLAIMS_FILE = Path(__file__).parent.parent / "config" / "claims.toml"

INVITATION = ("Russian President Vladimir Putin invited Donald Trump to visit Moscow during their telephone "
              "conversation on Wednesday, the White House said. No date was set for the visit.")
SUMMIT = ("The summit between Donald Trump and Vladimir Putin in Anchorage ended on Friday without an agreement "
          "on ending the war in Ukraine. Both leaders called the talks constructive.")
SHORT_CALL = ("White House call logs show the Trump-Putin phone call lasted only 40 minutes. "
              "The Kremlin has not commented on the logs.")


def make_config(tmp_path: Path, claims_text: str | None = None) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    if claims_text is None:
        shutil.copy(CLAIMS_FILE, folder / "claims.toml")
    else:
        (folder / "claims.toml").write_text(claims_text, encoding="utf-8")
    (folder / "monitor.toml").write_text(
        '[database]\npath = "monitor.db"\n[verdicts]\nclaims_file = "claims.toml"\nalert_threshold = 0.6\n',
        encoding="utf-8")
    return folder / "monitor.toml"


def add_article(store: Store, slug: str, title: str, text: str, published_at: str) -> int:
    url = f"https://news.example/{slug}"
    return store.save_article(canonical_url=url, url=url, feed_id=None, guid=None, title=title, text=text,
                              published_at=published_at)


def alerts(store: Store) -> list[dict]:
    return list(store.query("select * from alerts order by claim_id, article_id"))


def judge_all(store: Store, judge: Judge) -> int:
    new = 0
    for article in store.judged_articles():
        new += store.save_verdicts(article["id"], judge.judge(article["title"], article["text"],
                                                               article["published_at"]))
    return new


@pytest.fixture(scope="module")
def model() -> StanceModel:
    return StanceModel.load()


def test_build_judge_mirrors_the_claims_and_judges_only_active_ones(tmp_path):
    config = load_config(make_config(tmp_path))
    with Store(config.database_path) as store:
        judge = build_judge(config, store)
        assert judge is not None
        rows = {row["id"]: row for row in store.query("select id, active from claims")}
        assert rows["putin-invited-trump-to-moscow"]["active"] == 1
        inactive = {claim_id for claim_id, row in rows.items() if not row["active"]}
        assert inactive, "the reviewed file has inactive opinions"
        assert not inactive & {c.id for c in judge.claims}


def test_saving_verdicts_makes_alerts_with_evidence_values_and_a_resolution(tmp_path):
    config = load_config(make_config(tmp_path))
    with Store(config.database_path) as store:
        judge = build_judge(config, store)
        summit = add_article(store, "summit", "Anchorage summit ends without agreement", SUMMIT, "2025-08-16T06:30:00+00:00")
        call = add_article(store, "call", "Call was shorter", SHORT_CALL, "2025-02-15T10:00:00+00:00")
        assert judge_all(store, judge) == 2
        rows = {row["claim_id"]: row for row in alerts(store)}
        forecast = rows["summit-agreement-odds-20-percent"]
        assert (forecast["article_id"], forecast["verdict"]) == (summit, "confirms")
        assert "ended on Friday without an agreement" in forecast["evidence"]
        length = rows["call-lasted-90-minutes"]
        assert (length["article_id"], length["verdict"]) == (call, "contradicts")
        assert length["claim_value"].startswith("close to 90 minutes")
        assert length["article_value"].startswith("40 minutes")
        assert '"result": "disagrees"' in length["values_compared"]
        assert length["model_version"] == judge.version
        (resolution,) = store.resolutions("summit-agreement-odds-20-percent")
        assert resolution["outcome"] == "did-not-happen"
        assert resolution["resolved_on"] == "2025-08-16"
        assert resolution["brier"] == pytest.approx(0.04)
        assert resolution["alert_id"] == forecast["id"]
        assert resolution["evidence_url"] == "https://news.example/summit"
        assert resolution["method"] == "automatic"


def test_rescoring_after_a_model_change_updates_alerts_in_place(tmp_path, model):
    config = load_config(make_config(tmp_path))
    with Store(config.database_path) as store:
        judge = build_judge(config, store)
        add_article(store, "invitation", "Putin invites Trump to Moscow", INVITATION, "2025-02-13T12:30:00+00:00")
        add_article(store, "summit", "Anchorage summit ends without agreement", SUMMIT, "2025-08-16T06:30:00+00:00")
        assert judge_all(store, judge) == 2
        before = {row["claim_id"]: row for row in alerts(store)}
        invitation_alert = before["putin-invited-trump-to-moscow"]
        store.review_alert(invitation_alert["id"], "right", "checked against the readout")

        # the same articles judged by a changed model: another version of the stance model
        changed = StanceModel.load()
        changed.version = "stance-retrained-for-test"
        rescorer = Judge(judge.claims, threshold=judge.threshold, max_candidates=judge.max_candidates, model=changed)
        result = rejudge_articles(store, rescorer)
        assert result.articles == 2 and result.alerts_new == 0
        after = {row["claim_id"]: row for row in alerts(store)}
        assert set(after) == set(before)                                 # nothing duplicated or lost
        assert len(alerts(store)) == len(before)
        for claim_id, row in after.items():
            assert row["id"] == before[claim_id]["id"]
            assert row["detected_at"] == before[claim_id]["detected_at"]
            assert row["model_version"] == rescorer.version != before[claim_id]["model_version"]
        assert after["putin-invited-trump-to-moscow"]["review"] == "right"
        assert after["putin-invited-trump-to-moscow"]["review_note"] == "checked against the readout"
        assert len(store.resolutions("summit-agreement-odds-20-percent")) == 1   # replaced, not added

        # and once more: running it again changes nothing
        again = rejudge_articles(store, rescorer)
        assert (again.alerts_new, again.alerts_updated, again.alerts_withdrawn) == (0, 0, 0)
        assert len(alerts(store)) == len(before)


def test_a_deactivated_claim_gets_no_alerts_and_its_old_alerts_are_withdrawn_on_rescoring(tmp_path):
    config = load_config(make_config(tmp_path))
    with Store(config.database_path) as store:
        judge = build_judge(config, store)
        reviewed = add_article(store, "invitation", "Putin invites Trump to Moscow", INVITATION, "2025-02-13")
        unseen = add_article(store, "invitation-2", "Putin invites Trump to Moscow", INVITATION, "2025-02-14")
        judge_all(store, judge)
        invitation = {row["article_id"]: row for row in alerts(store)
                      if row["claim_id"] == "putin-invited-trump-to-moscow"}
        assert set(invitation) == {reviewed, unseen}
        store.review_alert(invitation[reviewed]["id"], "right")

    text = CLAIMS_FILE.read_text(encoding="utf-8")
    table = re.search(r"\[claims\.putin-invited-trump-to-moscow\]\n(?:(?!\n\[claims\.).)*", text, re.S)
    assert table and "active = true" in table.group()
    edited = text[:table.start()] + table.group().replace("active = true", "active = false", 1) + text[table.end():]
    (tmp_path / "config" / "claims.toml").write_text(edited, encoding="utf-8")

    with Store(config.database_path) as store:
        judge = build_judge(config, store)
        assert "putin-invited-trump-to-moscow" not in {c.id for c in judge.claims}
        row = next(store.query("select active from claims where id = 'putin-invited-trump-to-moscow'"))
        assert row["active"] == 0
        assert all(v.claim_id != "putin-invited-trump-to-moscow"
                   for v in judge.judge("Putin invites Trump to Moscow", INVITATION, "2025-02-13"))
        result = rejudge_articles(store, judge, [reviewed, unseen])
        assert result.alerts_withdrawn == 2
        # the reviewed one stays, marked, with its review; the one nobody saw is gone
        (withdrawn,) = store.query(
            "select article_id, verdict, confidence, review from alerts where claim_id = 'putin-invited-trump-to-moscow'")
        assert withdrawn == {"article_id": reviewed, "verdict": "unrelated", "confidence": 0, "review": "right"}
        assert all(row["claim_id"] != "putin-invited-trump-to-moscow" for row in store.unmailed_alerts()
                   if row["review"] != "right")


def test_no_active_claims_means_no_judge(tmp_path):
    config = load_config(make_config(tmp_path, '[claims.only-one]\nstatement = "Something happened."\n'
                                               'kind = "fact"\nactive = false\n'))
    with Store(config.database_path) as store:
        assert build_judge(config, store) is None


def test_saving_a_verdict_for_an_unknown_claim_says_what_to_do(tmp_path):
    from monitor.errors import StoreError
    from monitor.judge.verdicts import Verdict

    with Store(tmp_path / "m.db") as store:
        article_id = add_article(store, "a", "A", "Some text about nothing in particular.", "2025-01-01")
        with pytest.raises(StoreError, match="sync_claims"):
            store.save_verdicts(article_id, [Verdict("no-such-claim", "confirms", 0.9, "evidence")])
