"""The summary for the midwife in a real Chromium: a month recorded through the app, the page
on a phone, printing it on one page of A4 and of Letter, and a share link opened by someone
with no account. Printed pages are kept in test-artifacts/print/ for a person to look at."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import UTC, datetime
from typing import Any

import pytest
from pypdf import PdfReader

from summary_support import ROUTINE, cramp_diary

from .conftest import ROOT, axe_problems, new_context, shoot

PRINTS = ROOT / "test-artifacts" / "print"
PASSWORD = "correct horse battery"


def _record_a_month(page: Any, server: str) -> None:
    """Sixty cramps, a kept check and an antacid, sent the way the app's own pages send them."""
    csrf = page.request.get(f"{server}/api/v1/session").json()["csrf_token"]
    headers = {"x-csrf-token": csrf, "content-type": "application/json"}
    for entry in cramp_diary(last=datetime.now(UTC).date()):
        body = {"uuid": entry.uuid, "started_at": entry.started_at.isoformat(),
                "zone": entry.zone, "severity": entry.severity, "woke": entry.woke,
                "leg": entry.leg, "muscle": entry.muscle}
        response = page.request.post(f"{server}/api/v1/diary/episodes", headers=headers,
                                     data=json.dumps(body))
        assert response.status == 201, response.text()
    saved = page.request.post(f"{server}/assess/save", form={
        "state": json.dumps(ROUTINE), "csrf_token": csrf}, max_redirects=0)
    assert saved.status == 303
    item = page.request.post(f"{server}/api/v1/supplements", headers=headers, data=json.dumps(
        {"kind": "calcium_antacid", "name": "Tums Extra", "units_per_day": 6}))
    assert item.status == 201


@pytest.mark.browser
def test_it_prints_the_summary_on_one_page_and_shares_it(server: str, browser: Any) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{server}/signup")
    page.fill("#f-username", "summary-e2e")
    page.fill("#f-password", PASSWORD)
    page.fill("#f-confirm", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{server}/diary")
    _record_a_month(page, server)

    page.goto(f"{server}/diary")
    page.click("text=Open the summary")
    page.wait_for_url(f"{server}/diary/summary")
    page.wait_for_load_state("networkidle")
    assert "60 cramps" in page.inner_text("main")
    shoot(page, "summary-month")
    assert axe_problems(page) == []

    PRINTS.mkdir(parents=True, exist_ok=True)
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper, print_background=True)
        path = PRINTS / f"summary-page-{paper.lower()}.pdf"
        path.write_bytes(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1, paper
        text = " ".join(reader.pages[0].extract_text().split())
        assert "ROUTINE" in text and "60 cramps" in text and "not a diagnosis" in text
        assert "Print" not in text.split("Leg cramps in pregnancy")[0]  # no buttons on paper
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(path), str(path.with_suffix(""))],
                       check=True)

    page.click("text=Share with a link")
    page.select_option("#f-link-days", "3")
    page.click("text=Make a link")
    page.wait_for_load_state("networkidle")
    link = page.input_value("#share-url")
    shoot(page, "summary-link-made")
    assert axe_problems(page) == []

    visitor = new_context(browser)
    shared = visitor.new_page()
    response = shared.goto(link)
    assert response is not None and response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    shared.wait_for_load_state("networkidle")
    assert "60 cramps" in shared.inner_text("main")
    assert visitor.cookies() == []
    shoot(shared, "summary-shared")
    assert axe_problems(shared) == []
    visitor.close()

    page.goto(f"{server}/settings")
    assert "Opened 1 time" in page.inner_text("#main")
    page.click("form[action^='/settings/shares/'] button")
    page.wait_for_url(f"{server}/settings#shares-h")
    gone = browser.new_context().new_page()
    assert gone.goto(link).status == 404
    gone.context.close()
    context.close()
