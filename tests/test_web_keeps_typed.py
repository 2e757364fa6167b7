"""A refused screen shows again what she typed: bad input loses nothing."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from web_support import make_client


def _screen(client: TestClient, shown: list[str], fields: dict[str, str]) -> str:
    page = client.get("/assess").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    response = client.post("/assess", data={"csrf_token": token.group(1), "shown": shown,
                                            "state": '{"schema":"answers/v1"}', **fields})
    return response.text


def test_a_number_out_of_range_is_named_and_kept_in_its_box() -> None:
    client = make_client()
    page = _screen(client, ["gestational_week", "age_years"], {"week": "50", "age": "31"})
    assert "That is above 44; please check it." in page
    assert re.search(r'id="q-week"[^>]*value="50"', page)
    assert re.search(r'id="q-age"[^>]*value="31"', page)


def test_a_refused_supplement_row_keeps_everything_typed_in_it() -> None:
    client = make_client()
    page = _screen(client, ["supplements"], {"sup0_kind": "calcium_antacid",
                                             "sup0_name": "Chews", "sup0_calcium_mg": "lots"})
    assert "Please type a number" in page
    assert re.search(r'id="sup0_calcium_mg"[^>]*value="lots"', page)
    assert re.search(r'id="sup0_name"[^>]*value="Chews"', page)
    assert re.search(r'<option value="calcium_antacid" selected>', page)
