"""schemathesis drives every operation of /openapi.json, signed in and anonymous, on SQLite
and PostgreSQL, with valid and invalid values; no answer may be a server error (5xx).

The seed is fixed (``derandomize``) and the number of examples bounded, so a run takes the
same requests each time and a minute or two in all. SD_FUZZ_EXAMPLES raises the count for a
longer hunt.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from symptom_decoder.settings import get_settings
from symptom_decoder.web.app import create_app
from web_support import sign_up, token, with_food_data

pytestmark = pytest.mark.postgres

EXAMPLES = int(os.environ.get("SD_FUZZ_EXAMPLES", "12"))


@pytest.fixture
def app_on(blank_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setenv("DATABASE_URL", blank_url)
    get_settings.cache_clear()
    with_food_data()
    app = create_app(get_settings())
    try:
        yield app
    finally:
        app.state.engine.dispose()


def _signed_in_headers(app: Any) -> dict[str, str]:
    """Alice signs up and logs two cramps; the fuzzer then sends her cookie and token."""
    client = TestClient(app, base_url="https://testserver")
    sign_up(client, "alice")
    csrf = token(client)
    for severity in (3, 7):
        client.post("/api/v1/diary/episodes", headers={"x-csrf-token": csrf},
                    json={"uuid": str(uuid.uuid4()), "zone": "Europe/London",
                          "severity": severity})
    cookie = "; ".join(f"{name}={value}" for name, value in client.cookies.items())
    return {"cookie": cookie, "x-csrf-token": csrf}


@pytest.mark.parametrize("who", ["anonymous", "signed-in"])
def test_no_request_the_api_describes_gets_a_server_error(app_on: Any, who: str) -> None:
    headers = _signed_in_headers(app_on) if who == "signed-in" else {}
    schema = schemathesis.openapi.from_asgi("/openapi.json", app_on)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert any(op.method.upper() == "PATCH" for op in operations), "PATCH is not described"
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                      phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def call(case: Any) -> None:
                response = case.call(headers={**(case.headers or {}), **headers})
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} -> "
                                    f"{response.status_code}: {case.as_curl_command()}")

            try:
                call()
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # nothing to get wrong: no parameters
    assert failures == []
