"""Whatever a form or a JSON body says, the answer is a page or a named problem, never a crash."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symptom_decoder.knowledge import load_pack
from symptom_decoder.web import steps
from web_support import make_client, token

PACK = load_pack()
NAMES = sorted(
    {q.id for q in PACK.questions}
    | {f"sup{row}_{key}" for row in range(3) for key, *_ in steps.supplement_fields(PACK)}
    | {f"sup{row}_{key}" for row in range(3) for key in ("kind", "name")}
    | {"amount0_calcium_mg", "editing"}
)
PATHS = [q.path for q in PACK.questions] + ["supplements.0.calcium_mg", "nope", ""]
VALUES = st.one_of(
    st.sampled_from(["yes", "no", "", "0", "-1", "1e9", "3,5", "nan", "inf", "night", "calf",
                     "iron", "left", "proton_pump_inhibitor", "30 weeks", "2 litres"]),
    st.text(max_size=12),
)


def test_it_answers_every_interview_form_with_a_page() -> None:
    client = make_client()
    csrf = token(client, "/assess")

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        action=st.sampled_from(["next", "result", "continue", "sharpen", "edit", "add_row",
                                "odd"]),
        shown=st.lists(st.sampled_from(PATHS), max_size=6),
        fields=st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=12),
        state=st.sampled_from(["", "{}", "[]", "not json", '{"gestational_week": 50}',
                               '{"schema":"answers/v1","red_flags":{"chest_pain":true}}',
                               '{"schema":"answers/v1","supplements":[{"kind":"calcium_antacid"}]}']),
        skipped=st.sampled_from(["", "[]", "{}", '["gestational_week"]', '["nope", 1]',
                                 '["supplements.0.calcium_mg"]']),
        mode=st.sampled_from(["", "quick", "full", "odd"]),
        seen=st.sampled_from(["", "urgent", "emergency", "bogus"]),
    )
    def post(action: str, shown: list[str], fields: dict[str, str], state: str, skipped: str,
             mode: str, seen: str) -> None:
        data = {"csrf_token": csrf, "action": action, "state": state, "skipped": skipped,
                "mode": mode, "seen": seen, "shown": shown, **fields}
        response = client.post("/assess", data=data)
        assert response.status_code in (200, 422), response.text[:300]

    post()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False)
    | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=6,
)
EPISODE_KEYS = ["uuid", "started_at", "zone", "leg", "muscle", "duration_min", "severity",
                "woke", "helped", "note"]


def test_it_answers_every_episode_body_with_a_result_or_a_named_problem() -> None:
    from web_support import person

    alice = person("alice")
    headers = {"x-csrf-token": token(alice)}

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(JSON, st.dictionaries(st.sampled_from(EPISODE_KEYS), JSON, max_size=5)))
    def post(body: object) -> None:
        response = alice.post("/api/v1/diary/episodes", content=json.dumps(body),
                              headers={**headers, "content-type": "application/json"})
        assert response.status_code in (200, 201, 422), response.text[:300]
        if response.status_code == 422:
            assert response.json()["errors"][0]["field"]

    post()
