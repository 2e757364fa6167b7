"""Invalid answers get one plain line per problem, naming the field path."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import from_schema
from symptom_decoder.answers import AnswersError, answers_schema, parse_answers, validate_answers


@pytest.mark.parametrize(
    ("document", "line"),
    [
        pytest.param({"gestational_week": 50}, "gestational_week: must be at most 44 (got 50)",
                     id="above the maximum"),
        pytest.param({"age_years": 9}, "age_years: must be at least 12 (got 9)", id="below"),
        pytest.param({"cramps": {"episodes_per_week": "often"}},
                     'cramps.episodes_per_week: must be a number (got "often")', id="a word"),
        pytest.param({"gestational_week": 20.5}, "gestational_week: must be a whole number "
                     "(got 20.5)", id="a fraction where a whole number belongs"),
        pytest.param({"cramp": {}}, "cramp: unknown field", id="a misspelt section"),
        pytest.param({"labs": {"ferritin": 20}}, "labs.ferritin: unknown field",
                     id="a misspelt field"),
        pytest.param({"cramps": {"timing": "evening"}},
                     'cramps.timing: must be one of night, day, both (got "evening")',
                     id="a value not on the list"),
        pytest.param({"supplements": [{"name": "x"}]},
                     "supplements.0: 'kind' is a required property", id="a supplement kind"),
        pytest.param({"red_flags": {"chest_pain": "yes"}},
                     'red_flags.chest_pain: must be true or false (got "yes")', id="yes as text"),
        pytest.param([], "answers: must be a JSON object (got [])", id="not an object"),
    ],
)
def test_it_names_the_field_and_the_problem(document: object, line: str) -> None:
    with pytest.raises(AnswersError) as caught:
        validate_answers(document)
    assert line in caught.value.problems


def test_it_reports_every_problem_at_once() -> None:
    with pytest.raises(AnswersError) as caught:
        validate_answers({"gestational_week": 50, "cramps": {"episodes_per_week": "often"},
                          "cramp": {}})
    assert len(caught.value.problems) == 3


def test_bad_json_names_the_line_and_column() -> None:
    with pytest.raises(AnswersError) as caught:
        parse_answers('{"gestational_week": 30,\n "cramps": }')
    assert caught.value.problems[0].startswith("answers: not valid JSON (line 2, column")


def test_valid_answers_come_back_unchanged() -> None:
    doc = {"schema": "answers/v1", "gestational_week": 30, "labs": {"ferritin_ug_per_l": 25}}
    assert validate_answers(doc) == doc


def test_the_bundled_schemas_are_the_contract_ones() -> None:
    from importlib import resources

    from conftest import SHARED

    for name in ("answers.schema.json", "assessment.schema.json"):
        bundled = resources.files("symptom_decoder.contract").joinpath(name).read_text()
        assert bundled == (SHARED / "contract" / name).read_text()


# Values of every JSON type and a few Python ones a caller might pass: out-of-range and
# huge numbers, NaN, text JSON cannot encode, lists and objects where a value belongs.
_WILD: st.SearchStrategy[Any] = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=2**64),
    st.floats(), st.text(max_size=5), st.just("\ud800"),
    st.lists(st.integers(), max_size=2), st.just({}), st.just({"x": 1}),
)


def _loose(sub: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Documents shaped like answers/v1, where any value may be wild and any section may
    hold an unknown key."""
    kind = sub.get("type")
    if kind == "object" and "properties" in sub:
        props = sub["properties"]
        known = st.fixed_dictionaries({}, optional={k: _loose(v) for k, v in props.items()})
        extra = st.dictionaries(st.sampled_from(["zz", "Gestational_week", "1"]), _WILD,
                                max_size=1)
        return st.one_of(known, st.tuples(known, extra).map(lambda kv: {**kv[1], **kv[0]}),
                         _WILD)
    if kind == "array" and "properties" in sub.get("items", {}):
        return st.one_of(st.lists(_loose(sub["items"]), max_size=2), _WILD)
    return st.one_of(from_schema(sub), _WILD)


_FULL = jsonschema.Draft202012Validator(answers_schema())


@settings(max_examples=400, deadline=None)
@given(_loose(answers_schema()))
def test_the_quick_check_accepts_exactly_what_the_schema_accepts(document: Any) -> None:
    """Valid answers skip jsonschema for a compiled check; the two must never disagree,
    or invalid answers would reach the engine."""
    valid = isinstance(document, dict) and _FULL.is_valid(document)
    try:
        assert validate_answers(document) == document
    except AnswersError as exc:
        assert not valid, exc.problems
        assert exc.problems
    else:
        assert valid
