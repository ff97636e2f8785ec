"""`monitor serve --allow-write` takes writes only from its own pages (issue 15, item 10).

Datasette's CSRF check (asgi-csrf) runs only when a request carries cookies; a page on another
site posting to the loopback server sends none (the token cookie is SameSite=Lax), so the
check was skipped and the write taken — as a form, or as a JSON body. A real `monitor serve`
on loopback is sent the requests a hostile page (or a script) can make.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest

from test_web import Server, make_site

REVIEW = {"alert_id": "2", "review": "wrong", "note": "forged"}


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    config, db = make_site(tmp_path_factory.mktemp("writable"))
    server = Server(config, "--allow-write")
    yield server, db
    server.stop()


def review_of(db: Path, alert_id: int = 2) -> tuple:
    with sqlite3.connect(db) as conn:
        return conn.execute("select review, review_note from alerts where id = ?", [alert_id]).fetchone()


def test_a_form_posted_from_another_site_is_refused(writable) -> None:
    server, db = writable
    before = review_of(db)
    answer = httpx.post(server.url + "/monitor/review_alert", data=REVIEW,
                        headers={"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"})
    assert answer.status_code == 403
    assert "a write from another site (http://evil.example) is refused" in answer.text
    assert review_of(db) == before


def test_a_json_write_without_the_csrf_token_is_refused(writable) -> None:
    server, db = writable
    before = review_of(db)
    answer = httpx.post(server.url + "/monitor/review_alert", json=REVIEW, headers={"Accept": "application/json"})
    assert answer.status_code == 403
    assert "a write needs the CSRF token" in answer.text
    # A text/plain body that looks like JSON (what a cross-site form can send) fares no better.
    plain = httpx.post(server.url + "/monitor/review_alert", content=b'{"alert_id": "2", "review": "wrong"}',
                       headers={"Content-Type": "text/plain"})
    assert plain.status_code == 403
    assert review_of(db) == before


def test_a_forged_token_is_refused_by_datasette(writable) -> None:
    server, db = writable
    before = review_of(db)
    with httpx.Client(base_url=server.url) as client:
        client.cookies.set("ds_csrftoken", "forged")
        answer = client.post("/monitor/review_alert", data={**REVIEW, "csrftoken": "forged"})
    assert answer.status_code == 403
    assert review_of(db) == before


def test_a_write_from_its_own_page_with_the_token_is_taken(writable) -> None:
    server, db = writable
    with httpx.Client(base_url=server.url) as client:
        client.get("/monitor/review_alert")           # the page sets the token cookie
        token = client.cookies["ds_csrftoken"]
        answer = client.post("/monitor/review_alert", json={**REVIEW, "note": "checked by hand"},
                             headers={"x-csrftoken": token, "Origin": server.url, "Accept": "application/json"})
    assert answer.status_code == 200 and answer.json()["ok"] is True
    assert review_of(db) == ("wrong", "checked by hand")
