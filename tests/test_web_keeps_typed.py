"""A refused interview step shows again what she typed: bad input loses nothing."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from web_support import make_client


def _step(client: TestClient, step: str, state: str, fields: dict[str, str]) -> str:
    page = client.get("/assess").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    response = client.post("/assess", data={"csrf_token": token.group(1), "state": state,
                                            "step": step, "seen": "", **fields})
    return response.text


def test_a_number_out_of_range_is_named_and_kept_in_its_box() -> None:
    client = make_client()
    page = _step(client, "you", '{"schema":"answers/v1"}',
                 {"shown_week": "1", "week": "50", "shown_age": "1", "age": "31"})
    assert "That is above 44; please check it." in page
    assert re.search(r'id="q-week"[^>]*value="50"', page)
    assert re.search(r'id="q-age"[^>]*value="31"', page)


def test_a_refused_supplement_row_keeps_everything_typed_in_it() -> None:
    client = make_client()
    page = _step(client, "pills", '{"schema":"answers/v1"}',
                 {"shown_supplements": "1", "sup0_kind": "calcium_antacid",
                  "sup0_name": "Chews", "sup0_calcium_mg": "lots"})
    assert "please type a number" in page
    assert re.search(r'id="sup0_calcium_mg"[^>]*value="lots"', page)
    assert re.search(r'id="sup0_name"[^>]*value="Chews"', page)
    assert re.search(r'<option value="calcium_antacid" selected>', page)
