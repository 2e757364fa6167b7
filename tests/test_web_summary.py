"""The summary in the web app: the page and its files, and share links that open without
signing in, stop when revoked or expired, and reach nothing else of hers."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader
from sqlalchemy import select, update

from summary_support import ROUTINE, cramp_diary
from symptom_decoder.settings import get_settings
from symptom_decoder.store.db import transaction
from symptom_decoder.store.share_models import Share
from web_support import make_client, person, sign_up, token


def record(client: TestClient, *, cramps: int = 60, days: int = 28) -> None:
    """A kept check, a month of cramps and a supplement, through the app itself."""
    headers = {"x-csrf-token": token(client)}
    for entry in cramp_diary(count=cramps, days=days, last=datetime.now(UTC).date()):
        response = client.post("/api/v1/diary/episodes", headers=headers, json={
            "uuid": entry.uuid, "started_at": entry.started_at.isoformat(), "zone": entry.zone,
            "severity": entry.severity, "woke": entry.woke})
        assert response.status_code == 201, response.text
    saved = client.post("/assess/save", data={"state": json.dumps(ROUTINE),
                                              "csrf_token": token(client)},
                        follow_redirects=False)
    assert saved.status_code == 303
    item = client.post("/api/v1/supplements", headers=headers,
                       json={"kind": "calcium_antacid", "name": "Tums Extra",
                             "units_per_day": 6})
    assert item.status_code == 201


def share(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/shares", json={"days": 7, **body},
                           headers={"x-csrf-token": token(client)})
    assert response.status_code == 201, response.text
    doc: dict[str, Any] = response.json()
    return doc


def stranger(client: TestClient) -> TestClient:
    """Someone with no account and no cookies, on the same app."""
    return TestClient(client.app, base_url="https://testserver")


@pytest.fixture(scope="module")
def alice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One person with a month recorded, on an app with its own data directory (made before
    any test's own directory exists, so it sets its own)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SD_DATA_DIR", str(tmp_path_factory.mktemp("alice-data")))
        patch.delenv("DATABASE_URL", raising=False)
        get_settings.cache_clear()
        client = person("alice")
        record(client)
    get_settings.cache_clear()
    yield client


def test_the_diary_page_offers_the_summary_and_its_files(alice: TestClient) -> None:
    page = alice.get("/diary").text
    assert "Summary for my midwife" in page
    for href in ('href="/diary/summary"', 'href="/diary/summary/pdf"',
                 'href="/diary/summary/fhir"'):
        assert href in page


def test_it_says_what_to_record_first_when_there_is_nothing() -> None:
    client = person("newcomer")
    page = client.get("/diary/summary")
    assert page.status_code == 200
    assert "Nothing to summarise yet. Record one of these first:" in page.text
    assert 'href="/settings">add your due date' in page.text
    pdf = client.get("/diary/summary/pdf", headers={"accept": "application/json"})
    assert pdf.status_code == 404
    assert pdf.json()["detail"].startswith("Nothing to summarise yet")


def test_it_shows_the_summary_page(alice: TestClient) -> None:
    page = alice.get("/diary/summary?name=A.%20B.")
    assert page.status_code == 200
    text = page.text
    for expected in ("Leg cramps in pregnancy: a summary for the midwife or doctor",
                     "<dd>A. B.</dd>", "ROUTINE", "60 cramps", "Danger signs asked: 17.",
                     "OVER", "Ferritin", "not a diagnosis"):
        assert expected in text, expected
    assert page.headers["cache-control"] == "no-store"


def keep_check(client: TestClient, *, at: datetime) -> None:
    """ROUTINE kept as a check made AT, through the app's own Save."""
    from symptom_decoder.web import services

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services, "clock", lambda: at)
        saved = client.post("/assess/save", data={"state": json.dumps(ROUTINE),
                                                  "csrf_token": token(client)},
                            follow_redirects=False)
    assert saved.status_code == 303


def test_the_page_says_the_day_of_an_older_check_beside_its_figures() -> None:
    client = person("bob")
    kept = datetime.now(UTC) - timedelta(days=10)
    keep_check(client, at=kept)
    text = client.get("/diary/summary").text
    lead = f"From the check of {kept.day} {kept:%b %Y}, with the figures she gave then."
    assert text.count(lead) == 1
    assert text.index('id="sum-look"') < text.index(lead) < text.index("Your food gives about")


def test_the_page_leaves_out_a_warning_about_products_she_no_longer_takes(
        alice: TestClient) -> None:
    """Her check listed an iron prenatal beside Tums; she has saved only the Tums, so
    there is no iron to take apart from calcium. Her medicine and results still count."""
    text = alice.get("/diary/summary").text
    assert "lowers how much iron you absorb" not in text
    assert "Stomach acid blockers such as omeprazole" in text
    assert "Your ferritin of 18 micrograms per litre is below 30" in text


def test_it_gives_the_pdf_on_one_page_of_either_paper(alice: TestClient) -> None:
    for paper, height in (("a4", 842), ("letter", 792)):
        response = alice.get(f"/diary/summary/pdf?paper={paper}")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-disposition"].startswith(
            'attachment; filename="cramp-summary-')
        reader = PdfReader(io.BytesIO(response.content))
        assert len(reader.pages) == 1
        assert round(float(reader.pages[0].mediabox.height)) == height


def test_it_gives_the_fhir_document(alice: TestClient) -> None:
    response = alice.get("/diary/summary/fhir")
    assert response.headers["content-type"] == "application/fhir+json"
    bundle = Bundle.model_validate(response.json())
    assert bundle.type == "document"


@pytest.mark.parametrize(("url", "status", "field"), [
    ("/diary/summary/docx", 404, None),
    ("/diary/summary/pdf?paper=a5", 422, "paper"),
    ("/diary/summary/pdf?days=0", 422, "days"),
    ("/diary/summary/pdf?days=many", 422, "days"),
], ids=["unknown format", "unknown paper", "no days", "days not a number"])
def test_it_names_what_is_wrong_with_a_request_for_a_file(
    alice: TestClient, url: str, status: int, field: str | None,
) -> None:
    response = alice.get(url, headers={"accept": "application/json"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    if field:
        assert [e["field"] for e in response.json()["errors"]] == [field]


def test_signed_out_it_asks_to_sign_in() -> None:
    client = make_client()
    assert client.get("/diary/summary", follow_redirects=False).headers["location"] == \
        "/login?next=/diary/summary"
    response = client.get("/api/v1/shares")
    assert (response.status_code, response.json()["title"]) == (401, "Please sign in")
    assert client.post("/api/v1/shares", json={"days": 7}).status_code == 401


def test_a_share_link_opens_the_summary_without_signing_in(alice: TestClient) -> None:
    made = share(alice)
    assert set(made) == {"id", "url", "expires_at"}
    assert made["url"].startswith("https://testserver/s/")
    secret = made["url"].rsplit("/", 1)[1]
    assert len(secret) >= 43  # 256 random bits in base64url; at least 128 are asked for
    visitor = stranger(alice)
    for path, kind in (("", "text/html"), ("/pdf", "application/pdf"),
                       ("/fhir", "application/fhir+json")):
        response = visitor.get(made["url"] + path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith(kind)
        assert response.headers["x-robots-tag"] == "noindex, nofollow"
        assert response.headers["cache-control"] == "no-store"
        assert "set-cookie" not in response.headers
    page = visitor.get(made["url"]).text
    assert "60 cramps" in page and "ROUTINE" in page
    assert 'name="robots" content="noindex, nofollow"' in page
    listed = {s["id"]: s for s in alice.get("/api/v1/shares").json()["shares"]}
    assert listed[made["id"]]["uses"] == 4
    assert listed[made["id"]]["last_used_at"] is not None


def test_only_a_hash_of_the_token_is_kept(alice: TestClient) -> None:
    made = share(alice)
    secret = made["url"].rsplit("/", 1)[1]
    with transaction(alice.app.state.sessions) as session:  # type: ignore[attr-defined]
        row = session.get(Share, made["id"])
        assert row is not None
        assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
        assert secret not in json.dumps({c.name: str(getattr(row, c.name))
                                         for c in Share.__table__.columns})
    assert secret not in alice.get("/export").text
    assert "token_hash" not in alice.get("/export").text


def test_a_revoked_link_stops_at_once(alice: TestClient) -> None:
    made = share(alice)
    headers = {"x-csrf-token": token(alice)}
    assert alice.delete(f"/api/v1/shares/{made['id']}", headers=headers).status_code == 204
    visitor = stranger(alice)
    for path in ("", "/pdf", "/fhir"):
        response = visitor.get(made["url"] + path)
        assert response.status_code == 404
        assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert alice.delete(f"/api/v1/shares/{made['id']}", headers=headers).status_code == 404
    assert made["id"] not in {s["id"] for s in alice.get("/api/v1/shares").json()["shares"]}


def test_one_person_has_at_most_twenty_open_links(alice: TestClient) -> None:
    headers = {"x-csrf-token": token(alice)}
    for old in alice.get("/api/v1/shares").json()["shares"]:
        alice.delete(f"/api/v1/shares/{old['id']}", headers=headers)
    made = [share(alice) for _ in range(20)]
    refused = alice.post("/api/v1/shares", json={"days": 7}, headers=headers)
    assert refused.status_code == 422
    [problem] = refused.json()["errors"]
    assert problem["field"] == "days" and "revoke one" in problem["message"]
    assert alice.delete(f"/api/v1/shares/{made[0]['id']}", headers=headers).status_code == 204
    made[0] = share(alice)
    for link in made:  # leave the shared person as she was
        alice.delete(f"/api/v1/shares/{link['id']}", headers=headers)


def test_an_expired_link_answers_410(alice: TestClient) -> None:
    made = share(alice, days=1)
    with transaction(alice.app.state.sessions) as session:  # type: ignore[attr-defined]
        session.execute(update(Share).where(Share.id == made["id"]).values(
            expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    visitor = stranger(alice)
    page = visitor.get(made["url"])
    assert page.status_code == 410
    assert "This link has expired" in page.text
    assert visitor.get(made["url"] + "/pdf").status_code == 410
    assert made["id"] not in {s["id"] for s in alice.get("/api/v1/shares").json()["shares"]}


def test_an_unknown_or_mangled_link_answers_404_and_counts_nothing(alice: TestClient) -> None:
    made = share(alice)
    visitor = stranger(alice)
    assert visitor.get("/s/" + "A" * 43).status_code == 404
    assert visitor.get(made["url"] + "x").status_code == 404
    assert visitor.get(made["url"] + "/docx").status_code == 404
    listed = {s["id"]: s for s in alice.get("/api/v1/shares").json()["shares"]}
    assert listed[made["id"]]["uses"] == 0


def test_a_link_reaches_nothing_else_of_hers(alice: TestClient) -> None:
    made = share(alice)
    visitor = stranger(alice)
    assert visitor.get(made["url"]).status_code == 200
    assert visitor.cookies == {} or "sd_session" not in visitor.cookies
    assert visitor.get("/diary", follow_redirects=False).status_code == 303
    assert visitor.get("/api/v1/diary/episodes").status_code == 401
    assert visitor.get("/diary/summary/pdf", follow_redirects=False).status_code == 303
    page = visitor.get(made["url"]).text
    assert 'href="/diary' not in page and 'href="/settings' not in page
    assert "csrf" not in page


def test_each_link_shows_its_own_persons_summary(alice: TestClient) -> None:
    bob = stranger(alice)
    sign_up(bob, "bob-summary")
    record(bob, cramps=3)
    visitor = stranger(alice)
    assert "3 cramps" in visitor.get(share(bob)["url"]).text
    assert "60 cramps" in visitor.get(share(alice)["url"]).text


def _problem(client: TestClient, body: Any) -> tuple[int, Any]:
    response = client.post("/api/v1/shares", content=json.dumps(body),
                           headers={"x-csrf-token": token(client),
                                    "content-type": "application/json"})
    return response.status_code, response.json()


@pytest.mark.parametrize(("body", "errors"), [
    ({"days": 0}, [{"field": "days",
                    "message": "must be a whole number from 1 to 30 days (got 0)"}]),
    ({"days": 31}, [{"field": "days",
                     "message": "must be a whole number from 1 to 30 days (got 31)"}]),
    ({"days": "7"}, [{"field": "days",
                      "message": "must be a whole number from 1 to 30 days (got '7')"}]),
    ({"days": True}, [{"field": "days",
                       "message": "must be a whole number from 1 to 30 days (got True)"}]),
    ({}, [{"field": "days", "message": "is required"}]),
    ({"days": 7, "owner": "bob"}, [{"field": "owner", "message": "unknown field"}]),
    ({"days": 7, "period_days": 365},
     [{"field": "period_days",
       "message": "must be a whole number from 1 to 90 days (got 365)"}]),
    ({"days": 7, "name": "x" * 81},
     [{"field": "name", "message": "must be at most 80 characters (got 81)"}]),
    ([7], [{"field": "body", "message": "must be a JSON object"}]),
], ids=["no days", "too many days", "text", "true", "missing", "unknown field",
        "long period", "long name", "not an object"])
def test_it_refuses_a_bad_share_request_naming_the_field(
    alice: TestClient, body: Any, errors: list[dict[str, str]],
) -> None:
    assert _problem(alice, body) == (422, {
        "type": "/problems/422", "title": "Some answers need another look", "status": 422,
        "detail": "Some values are not valid.", "errors": errors})


def test_making_a_link_needs_the_pages_token(alice: TestClient) -> None:
    response = alice.post("/api/v1/shares", json={"days": 7})
    assert response.status_code == 403
    form = alice.post("/diary/summary/share", data={"days": "7"})
    assert form.status_code == 403


def test_the_form_makes_a_link_and_settings_lists_and_revokes_it() -> None:
    client = person("carol")
    record(client, cramps=2, days=7)
    page = client.post("/diary/summary/share", data={"days": "3", "period_days": "14",
                                                     "csrf_token": token(client)})
    assert page.status_code == 200
    link = page.text.split('id="share-url" type="text" readonly value="')[1].split('"')[0]
    assert "2 cramps" in stranger(client).get(link).text
    settings = client.get("/settings").text
    assert "the last 14 days" in settings and "Opened 1 time, last" in settings
    [made] = client.get("/api/v1/shares").json()["shares"]
    revoked = client.post(f"/settings/shares/{made['id']}/delete",
                          data={"csrf_token": token(client)}, follow_redirects=False)
    assert (revoked.status_code, revoked.headers["location"]) == (303, "/settings#shares-h")
    assert stranger(client).get(link).status_code == 404
    assert "None. Make one from the" in client.get("/settings").text


def test_the_form_names_a_bad_number_of_days() -> None:
    client = person("dora")
    record(client, cramps=1)
    page = client.post("/diary/summary/share", data={"days": "45",
                                                     "csrf_token": token(client)})
    assert page.status_code == 422
    assert "must be a whole number from 1 to 30 days (got 45)" in page.text
    with transaction(client.app.state.sessions) as session:  # type: ignore[attr-defined]
        assert session.scalars(select(Share)).all() == []
