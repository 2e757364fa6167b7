"""The check in pages: danger signs first and alone, a stop on danger with tap-to-call,
short adaptive screens, plain number entries, and a result that reads in one screen."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from personas import full_answers
from symptom_decoder.answers import get_path
from symptom_decoder.knowledge import load_pack
from web_support import make_client, token


@pytest.fixture
def client() -> TestClient:
    return make_client()


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, name
    return html.unescape(found.group(1))


def _state(page: str) -> dict[str, Any]:
    return dict(json.loads(_hidden(page, "state")))


def _shown(page: str) -> list[str]:
    return re.findall(r'name="shown" value="([^"]+)"', page)


def _post(client: TestClient, page: str, fields: dict[str, Any] | None = None,
          action: str = "next") -> str:
    """Submit PAGE's form as a browser would: its hidden fields, what is shown, FIELDS."""
    data: dict[str, Any] = {"csrf_token": token(client, "/assess"), "action": action,
                            "shown": _shown(page)}
    for name in ("state", "skipped", "mode", "seen"):
        data[name] = _hidden(page, name)
    data.update(fields or {})
    response = client.post("/assess", data=data)
    assert response.status_code in (200, 422), response.text
    return response.text


def _words(page: str) -> str:
    main = page[page.index("<main"):page.index("</main>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def test_it_says_how_long_it_takes_and_asks_the_danger_signs_first_and_alone(
        client: TestClient) -> None:
    page = client.get("/assess").text
    assert "about 2 minutes" in _words(page)
    assert "Screen 1 of at most 4" in _words(page)
    shown = _shown(page)
    assert shown and all(p.startswith("red_flags.") for p in shown)
    assert "gestational_week" not in shown


def test_it_stops_on_a_danger_sign_with_the_instruction_once_and_tap_to_call(
        client: TestClient) -> None:
    page = _post(client, client.get("/assess").text,
                 {"one_leg_swelling": "yes", "state": json.dumps({"gestational_week": 30})})
    words = _words(page)
    assert words.count("Get checked today") == 1
    assert 'class="do-now"' in page
    assert 'href="tel:999"' in page
    assert "the number is in your maternity notes" in words.lower()
    assert "If no one answers" in words
    assert "NHS 111" in words
    assert "Answer the other questions" in words


def test_it_shows_the_maternity_units_number_when_the_server_has_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from symptom_decoder.settings import get_settings

    monkeypatch.setenv("SD_MATERNITY_PHONE", "+44 (0)1632 960 000")
    monkeypatch.setenv("SD_EMERGENCY_NUMBER", "999")
    get_settings.cache_clear()
    client = make_client()
    page = _post(client, client.get("/assess").text, {"chest_pain": "yes"})
    assert 'href="tel:+441632960000"' in page
    assert "+44 (0)1632 960 000" in page
    assert 'href="tel:999"' in page and 'href="tel:911"' not in page
    assert page.index('href="tel:999"') < page.index('href="tel:+441632960000"')


@pytest.mark.parametrize("phone", ["", "01632 960 123"], ids=["no number", "the unit's number"])
def test_the_headline_says_where_the_number_is_only_when_the_page_does_not_show_it(
        monkeypatch: pytest.MonkeyPatch, phone: str) -> None:
    from symptom_decoder.settings import get_settings

    monkeypatch.setenv("SD_MATERNITY_PHONE", phone)
    get_settings.cache_clear()
    client = make_client()
    answers = {"one_leg_swelling": "yes", "state": json.dumps({"gestational_week": 30})}
    danger = _post(client, client.get("/assess").text, answers)
    result = _post(client, danger, action="result")
    for page in (danger, result):
        found = re.search(r'<h1[^>]*class="do-now"[^>]*>(.*?)</h1>', page, re.S)
        assert found
        headline = html.unescape(found.group(1))
        assert "Call your maternity unit's triage line now" in headline
        if phone:
            assert "maternity notes" not in headline
            assert "triage line now, or your midwife or doctor," in headline
        else:
            assert "(the number is in your maternity notes)" in headline


def test_it_goes_on_after_the_danger_page_and_does_not_stop_again_for_the_same_level(
        client: TestClient) -> None:
    danger = _post(client, client.get("/assess").text,
                   {"one_leg_swelling": "yes", "state": json.dumps({"gestational_week": 30})})
    page = _post(client, danger, action="continue")
    assert _shown(page), _words(page)[:300]
    assert "More questions to sharpen your result" in page
    assert _hidden(page, "seen") == "urgent"
    assert _hidden(page, "mode") == "full"


def test_it_reads_unticked_danger_signs_as_no_and_asks_only_what_could_change_the_result(
        client: TestClient) -> None:
    page = _post(client, client.get("/assess").text)
    flags = _state(page)["red_flags"]
    assert set(flags.values()) == {False}
    shown = _shown(page)
    assert 1 <= len(shown) <= 5
    assert "Screen 2 of at most 4" in _words(page)
    assert not any(p.startswith(("labs.", "measurements.")) for p in shown)


def test_it_reads_plain_numbers_and_names_the_one_it_cannot(client: TestClient) -> None:
    second = _post(client, client.get("/assess").text)
    assert "gestational_week" in _shown(second)
    page = _post(client, second, {"week": "30 weeks"})
    assert _state(page)["gestational_week"] == 30
    refused = _post(client, second, {"week": "soon"})
    assert 'id="err-week"' in refused
    assert "Please type a number, like 2 or 2.5." in refused
    assert 'aria-invalid="true"' in refused
    assert re.search(r'id="q-week"[^>]*value="soon"', refused)


def test_a_us_blood_calcium_is_asked_for_with_its_unit_and_then_converted(
        client: TestClient) -> None:
    second = _post(client, client.get("/assess").text)
    lab = {"shown": ["labs.serum_calcium_mmol_per_l"]}
    refused = _post(client, second, {**lab, "serum_ca": "9.2"})
    assert 'id="err-serum_ca"' in refused
    assert "If your result says mg/dL, please type 9.2 mg/dL." in _words(refused)
    assert re.search(r'id="q-serum_ca"[^>]*value="9.2"', refused)
    page = _post(client, second, {**lab, "serum_ca": "9.2 mg/dL"})
    assert _state(page)["labs"]["serum_calcium_mmol_per_l"] == pytest.approx(2.295, abs=0.001)


def test_a_question_left_blank_is_skipped_and_not_asked_again(client: TestClient) -> None:
    second = _post(client, client.get("/assess").text)
    third = _post(client, second)
    skipped = json.loads(_hidden(third, "skipped"))
    assert set(_shown(second)) <= set(skipped)
    assert not set(_shown(third)) & set(skipped)


def test_the_tired_persona_reaches_her_result_in_4_screens(client: TestClient) -> None:
    full = full_answers("tired-30-weeks")
    ids = {q.path: q.id for q in load_pack().questions}
    page = client.get("/assess").text
    screens = 0
    while _shown(page):
        screens += 1
        fields: dict[str, Any] = {}
        for path in _shown(page):
            value = get_path(full, path)
            if value is None or path.startswith("red_flags."):
                continue
            if path == "supplements":
                for i, item in enumerate(value):
                    fields.update({f"sup{i}_{k}": str(v) for k, v in item.items()})
            elif isinstance(value, bool):
                fields[ids[path]] = "yes" if value else "no"
            else:
                fields[ids[path]] = value if isinstance(value, list) else str(value)
        page = _post(client, page, fields)
    assert screens <= 4
    assert "Manage at home" in _words(page)
    assert "Answer more to sharpen this" in page
    state = _state(page)
    assert state["gestational_week"] == 30
    assert state["supplements"] == full["supplements"]


def test_the_result_screen_assesses_her_answers_once(client: TestClient,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The last screen decides that the check is done and shows the result from the same
    assessment: ranking the missing answers is most of its cost (issue 12). The calls are
    counted where the web app and the interview call the engine, which works whether the
    engine is compiled or not."""
    from symptom_decoder.engine import assess

    second = _post(client, client.get("/assess").text)
    data: dict[str, Any] = {"csrf_token": token(client, "/assess"), "action": "result",
                            "shown": _shown(second)}
    data.update({name: _hidden(second, name) for name in ("state", "skipped", "mode", "seen")})
    calls: list[int] = []

    def counted(*args: Any) -> Any:
        calls.append(1)
        return assess(*args)

    monkeypatch.setattr("symptom_decoder.engine.interview.assess", counted)
    monkeypatch.setattr("symptom_decoder.web.services.assess", counted)
    result = client.post("/assess", data=data)
    assert result.status_code == 200
    assert "Your result" in result.text
    assert len(calls) == 1


def test_the_result_puts_what_to_do_first_and_folds_the_rest(client: TestClient) -> None:
    answers = json.dumps({
        "schema": "answers/v1", "age_years": 29, "gestational_week": 32,
        "cramps": {"episodes_per_week": 3, "timing": "night", "muscles": ["calf"]},
        "intake": {"magnesium_rich_servings_per_day": 0.5},
    })
    page = client.post("/assess", data={"csrf_token": token(client, "/assess"),
                                        "state": answers, "action": "result"}).text
    words = _words(page)
    order = ["Manage at home", "What to do now", "During a cramp", "Get help at once if",
             "Worth a look", "Low magnesium", "More about your result",
             "All possible causes (7)", "What the words mean", "References ("]
    assert [words.index(w) for w in order] == sorted(words.index(w) for w in order)
    worth = words[words.index("Worth a look"):words.index("More about your result")]
    assert "less likely" not in worth
    assert worth.count("Why, and how sure") <= 3
    for word in ("Likely", "Worth a look", "Less likely", "Evidence: guideline",
                 "Evidence: review of studies", "Evidence: expert opinion, not tested"):
        assert word in words[words.index("What the words mean"):], word
    assert not re.search(r"\b0\.\d{2}\b", page), "a likelihood shown as a decimal"


def test_the_result_says_when_nothing_stands_out(client: TestClient) -> None:
    answers = json.dumps({"schema": "answers/v1", "gestational_week": 20,
                          "intake": {"magnesium_rich_servings_per_day": 6}})
    page = client.post("/assess", data={"csrf_token": token(client, "/assess"),
                                        "state": answers, "action": "result"}).text
    assert "None of the possible causes stands out" in _words(page)


def test_answers_that_could_change_it_never_pass_off_unseen_questions_as_skipped(
        client: TestClient) -> None:
    second = _post(client, client.get("/assess").text)
    result = _post(client, second, action="result")
    words = _words(result)
    blank = words[words.index("You left these blank:"):words.index("The quick check did not")]
    unseen = words[words.index("The quick check did not ask these yet:"):]
    assert "How many weeks pregnant are you?" in blank
    reading = "If you have a recent blood pressure reading"
    assert reading not in blank
    assert reading in unseen


def test_answer_more_goes_on_in_the_full_check(client: TestClient) -> None:
    second = _post(client, client.get("/assess").text)
    result = _post(client, second, action="result")
    more = _post(client, result, action="sharpen")
    assert _hidden(more, "mode") == "full"
    assert "measurements.bp_systolic_mmhg" in _shown(more)


def test_she_can_change_her_answers(client: TestClient) -> None:
    second = _post(client, client.get("/assess").text)
    result = _post(client, second, {"week": "30"}, action="result")
    edit = _post(client, result, action="edit")
    assert "Change your answers" in edit
    assert "gestational_week" in _shown(edit)
    assert re.search(r'id="q-week"[^>]*value="30"', edit)


def test_it_takes_supplements_in_rows_and_adds_a_row(client: TestClient) -> None:
    second = _post(client, client.get("/assess").text)
    assert "supplements" in _shown(second)
    more = _post(client, second, {"sup0_kind": "calcium_antacid", "sup0_units_per_day": "6",
                                  "sup0_calcium_mg": "500 mg"}, action="add_row")
    assert 'name="sup1_kind"' in more
    assert _state(more)["supplements"] == [
        {"kind": "calcium_antacid", "units_per_day": 6, "calcium_mg": 500}]


def test_it_names_a_supplement_amount_the_contract_refuses(client: TestClient) -> None:
    second = _post(client, client.get("/assess").text)
    page = _post(client, second, {"sup0_kind": "iron", "sup0_iron_mg": "2000"})
    assert "must be at most 1000 (got 2000)" in page
    assert 'name="sup0_kind"' in page


def test_it_starts_a_signed_in_person_with_her_week_of_pregnancy() -> None:
    from datetime import date, timedelta

    from web_support import person

    alice = person("alice")
    due = (date.today() + timedelta(days=7 * 10)).isoformat()
    alice.post("/settings/profile", data={"due_date": due, "csrf_token": token(alice)})
    page = alice.get("/assess").text
    assert _state(page)["gestational_week"] in (29, 30)
    second = _post(alice, page)
    assert "gestational_week" not in _shown(second)


def test_it_throws_away_a_tampered_state(client: TestClient) -> None:
    page = client.post("/assess", data={"csrf_token": token(client, "/assess"),
                                        "state": '{"gestational_week": 99}',
                                        "skipped": '["nope", 3]', "action": "next"}).text
    assert "gestational_week" not in _state(page)
    assert json.loads(_hidden(page, "skipped")) == []
