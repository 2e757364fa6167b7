"""Knowledge packs load through three layers of checks; each fault is named with its place."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from symptom_decoder.knowledge import PACKS, PackError, load_pack, load_pack_dir
from symptom_decoder.types import Evidence

PACK = PACKS / "pregnancy-leg-cramps"


def test_every_built_in_pack_loads_without_a_problem() -> None:
    names = sorted(p.name for p in PACKS.iterdir() if (p / "pack.yaml").exists())
    assert names
    for name in names:
        pack = load_pack_dir(PACKS / name)
        assert pack.knowledge_version.startswith(f"{name}@")


def test_every_rule_names_known_references_and_an_evidence_level() -> None:
    pack = load_pack()
    rules: list[Any] = [r for f in pack.factors for r in f.rules]
    rules += [r for la in pack.look_alikes for r in la.rules]
    rules += list(pack.triage) + list(pack.tests) + list(pack.relief) + list(pack.plan)
    rules += list(pack.warnings)
    for rule in rules:
        assert rule.sources, rule.id
        assert all(ref in pack.references for ref in rule.sources), rule.id
        assert isinstance(rule.evidence, Evidence)


def test_the_red_flag_questions_come_first() -> None:
    flags = [q.red_flag for q in load_pack().questions]
    assert flags[: flags.index(False)] == [True] * flags.index(False)
    assert True not in flags[flags.index(False):]


def test_intakes_follow_the_age_band() -> None:
    pack = load_pack()
    assert pack.intakes_for(16)["calcium"].ul == 3000
    assert pack.intakes_for(25)["calcium"].ul == 2500
    assert pack.intakes_for(40)["magnesium"].rda == 360
    assert pack.intakes_for(16)["magnesium"].rda == 400
    assert (pack.intake_ages(16), pack.intake_ages(25), pack.intake_ages(40)) == (
        (14, 18), (19, 30), (31, 50))


def test_without_an_age_the_intakes_are_an_adults_never_a_teenagers() -> None:
    pack = load_pack()
    unset = pack.intakes_for(None)
    assert pack.intake_ages(None) == (19, 50)
    assert (unset["magnesium"].rda, unset["magnesium"].ul) == (360, 350)
    assert (unset["calcium"].rda, unset["calcium"].ul) == (1000, 2500)
    assert unset["potassium"].rda == 2900
    assert set(unset) == {row.nutrient for row in pack.intakes}


def _edit_yaml(name: str, change: Callable[[object], None]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / name
        data = yaml.safe_load(path.read_text())
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False))

    return apply


def _set(path: list[object], value: object) -> Callable[[object], None]:
    def change(data: object) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]  # type: ignore[index]
        node[path[-1]] = value  # type: ignore[index]

    return change


def _drop_rule(rule_id: str) -> Callable[[object], None]:
    def change(data: object) -> None:
        assert isinstance(data, list)
        data[:] = [r for r in data if r["id"] != rule_id]

    return change


def _drop_choice(question_id: str, value: str) -> Callable[[object], None]:
    def change(data: object) -> None:
        assert isinstance(data, list)
        question = next(q for q in data if q["id"] == question_id)
        question["choices"] = [c for c in question["choices"] if c["value"] != value]

    return change


def _pop(index: int, key: str) -> Callable[[object], None]:
    def change(data: object) -> None:
        assert isinstance(data, list)
        data[index].pop(key)

    return change


def _append_text(name: str, text: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        with (folder / name).open("a") as fh:
            fh.write(text)

    return apply


BROKEN = [
    pytest.param(_edit_yaml("questions.yaml", _set([0, "quick_when"],
                                                   {"path": "gestational_week", "ge": 20})),
                 "questions.yaml: [0].quick_when: only for a question with 'needs'",
                 id="quick_when on a question the quick check asks anyway"),
    pytest.param(_edit_yaml("questions.yaml", _set([0, "quick_when"],
                                                   {"path": "labs.ferritin", "eq": 1})),
                 "questions.yaml: [0].quick_when: unknown answer path 'labs.ferritin'",
                 id="quick_when on an unknown path"),
    pytest.param(_edit_yaml("factors.yaml", _set([0, "rules", 0, "wieght"], 1)),
                 "factors.yaml: [0].rules[0].wieght: Extra inputs are not permitted",
                 id="a misspelt key"),
    pytest.param(_edit_yaml("factors.yaml", _set([0, "rules", 0, "weight"], 9)),
                 "factors.yaml: [0].rules[0].weight: Input should be less than or equal to 5",
                 id="a weight out of range"),
    pytest.param(_edit_yaml("factors.yaml", _set([0, "rules", 0, "sources"], ["R999"])),
                 "factors.yaml: [0].rules[0].sources: unknown reference 'R999'",
                 id="an unknown reference"),
    pytest.param(_edit_yaml("factors.yaml", _set([2, "rules", 0, "when", "path"],
                                                 "labs.ferritin")),
                 "factors.yaml: [2].rules[0].when: unknown answer path 'labs.ferritin'",
                 id="an unknown answer path"),
    pytest.param(_edit_yaml("factors.yaml", _set([2, "rules", 0, "when"],
                                                 {"path": "labs.ferritin_ug_per_l", "lt": 30,
                                                  "gt": 1})),
                 "factors.yaml: [2].rules[0].when: Value error, a leaf needs exactly one operator",
                 id="a leaf with two operators"),
    pytest.param(_edit_yaml("factors.yaml", _set([2, "rules", 0, "when"], {"either": []})),
                 "factors.yaml: [2].rules[0].when: a condition needs one of the keys",
                 id="a condition of unknown shape"),
    pytest.param(_edit_yaml("tests.yaml", _set([0, "when"], {"fired": "look_alike:dvtt"})),
                 "tests.yaml: [0].when: fired refers to unknown look_alike 'dvtt'",
                 id="a fired rule that does not exist"),
    pytest.param(_edit_yaml("warnings.yaml", _set([0, "when"],
                                                  {"fired": "factor:magnesium"})),
                 "warnings.yaml: [0].when: may not read factor outcomes",
                 id="a cycle between stages"),
    pytest.param(_edit_yaml("triage.yaml", _set([0, "when"], {
        "not": {"path": "red_flags.chest_pain", "eq": False}})),
                 "triage.yaml: [0].when: triage conditions may not use 'not'",
                 id="a triage rule that could lower urgency"),
    pytest.param(_edit_yaml("triage.yaml", _set([0, "level"], "critical")),
                 "triage.yaml: [0].level: Input should be 'self_care', 'routine', 'urgent' or "
                 "'emergency'",
                 id="an unknown level"),
    pytest.param(_edit_yaml("questions.yaml", _set([9, "choices"], [
        {"value": "middle", "label": "Middle"}])),
                 "questions.yaml: [9].choices: 'middle' is not an allowed value",
                 id="a choice the answers cannot hold"),
    pytest.param(_edit_yaml("factors.yaml", _set([0, "id"], "iron")),
                 "factors.yaml: [2].id: duplicate id 'iron'", id="a duplicate id"),
    pytest.param(_append_text("references.yaml",
                              "- id: R900\n  citation: An uncited reference for testing.\n"
                              "  url: https://example.org/r900\n"),
                 "references.yaml: R900: cited by no rule (unreachable)",
                 id="an unreachable reference"),
    pytest.param(_append_text("references.yaml",
                              "- id: R901\n  citation: A reference nobody could find again.\n"),
                 "references.yaml: [", id="a reference without a url or doi"),
    pytest.param(_edit_yaml("triage.yaml", _drop_rule("dvt_likely")),
                 "look_alikes.yaml: [0].danger: 'dvt' is a danger at urgent, but no triage rule",
                 id="a danger look-alike that cannot raise the level"),
    pytest.param(_edit_yaml("look_alikes.yaml", _pop(0, "danger")),
                 "look_alikes.yaml: [0].danger: Field required",
                 id="a look-alike that does not say whether it is a danger"),
    pytest.param(_edit_yaml("factors.yaml", _pop(2, "caps")),
                 "factors.yaml: [2].caps: 'iron' rests on the source article's claim alone",
                 id="an article-only factor that could be rated high"),
    pytest.param(_edit_yaml("questions.yaml", _drop_choice("supplements", "electrolyte")),
                 "questions.yaml: [64].choices: must be exactly the kinds supplements allows",
                 id="supplement kinds that disagree with the contract"),
    pytest.param(_edit_yaml("plan.yaml", _set([0, "max_level"], "emergency")),
                 "plan.yaml: [0].max_level: a plan is never shown at an emergency",
                 id="a plan item shown at an emergency"),
    pytest.param(_edit_yaml("safety_net.yaml", _set([0, "levels"], ["self_care"])),
                 "safety_net.yaml: (top): needs at least one line with no 'when'",
                 id="a result that could go without a safety net"),
    pytest.param(_append_text("factors.yaml", "  - : [\n"),
                 "factors.yaml: line", id="broken YAML"),
    pytest.param(lambda folder: (folder / "plan.yaml").unlink(),
                 "plan.yaml: file is missing", id="a missing file"),
    pytest.param(_append_text("intakes.csv", "zinc,mg,14,50,lots,,40,total,R14\n"),
                 "intakes.csv: row 16, column rda: Input should be a valid number",
                 id="a bad number in a table"),
    pytest.param(_edit_yaml("pack.yaml", _set(["unknown_age"], {"age_min": 51,
                                                                 "age_max": 60})),
                 "pack.yaml: unknown_age: no intakes.csv band of 'calcium' falls within ages "
                 "51 to 60", id="no figures for people who do not give their age"),
    pytest.param(_edit_yaml("questions.yaml", _set([0, "path"], "red_flags.short_breath")),
                 "questions.yaml: [0].path: unknown answer path 'red_flags.short_breath'",
                 id="a question for an unknown answer"),
]


@pytest.mark.parametrize(("break_it", "message"), BROKEN)
def test_a_broken_pack_fails_at_load_naming_the_file_the_place_and_the_problem(
    tmp_path: Path, break_it: Callable[[Path], None], message: str
) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(PACK, folder)
    break_it(folder)
    with pytest.raises(PackError) as caught:
        load_pack_dir(folder)
    assert any(line.startswith(message) for line in caught.value.problems), \
        caught.value.problems


def test_an_unknown_pack_name_lists_the_built_in_ones() -> None:
    with pytest.raises(PackError, match="no such knowledge pack .*pregnancy-leg-cramps"):
        load_pack("no-such-pack")


def test_every_reference_can_be_found_again() -> None:
    for ref in load_pack().references.values():
        assert ref.url or ref.doi or ref.print_only, ref.id


def test_rules_cite_sources_about_what_they_say() -> None:
    pack = load_pack()
    rules = {r.id: r for f in pack.factors for r in f.rules}
    triage = {t.id: t for t in pack.triage}
    assert "R21" not in rules["mg_diet_below_ear"].sources  # a serum survey, not a diet one
    magnesium_only = {"R10", "R11", "R12", "R12a", "R62", "R63"}
    assert set(triage["routine_palpitations"].sources) - magnesium_only
    assert not [la.gate_text for la in pack.look_alikes if ",," in la.gate_text]


def test_each_danger_look_alike_declares_the_level_the_contract_gives_it() -> None:
    danger = {la.id: la.danger for la in load_pack().look_alikes}
    assert {k: (v.value if v else None) for k, v in danger.items()
            if k in ("dvt", "preeclampsia", "pulmonary_embolism", "cauda_equina")} == {
        "dvt": "urgent", "preeclampsia": "urgent", "pulmonary_embolism": "emergency",
        "cauda_equina": "emergency"}


def test_every_reference_used_anywhere_exists_in_the_pack() -> None:
    from symptom_decoder.foods import rules

    pack = load_pack()
    food_rules = yaml.safe_load(Path(rules.__file__).with_name("rules.yaml").read_text())
    cited = {ref for section in food_rules.values() if isinstance(section, list)
             for rule in section for ref in rule.get("references", [])}
    cited |= {ref for row in pack.intakes for ref in row.references}
    cited |= {ref for claim in pack.claims for ref in claim.sources}
    assert cited, "no references found: the test would prove nothing"
    assert sorted(cited - set(pack.references)) == []


def test_the_pack_names_the_vocabularies_the_contract_allows() -> None:
    from symptom_decoder import answers

    pack = load_pack()
    assert [v for v, _ in pack.choices("supplements")] == list(answers.supplement_kinds())
    assert {k for k, _ in pack.fields("supplements")} == (
        {k for k, _ in answers.supplement_amounts()} | {"units_per_day"})
    assert [v for v, _ in pack.choices("cramps.muscles")] == list(answers.muscles())
    assert [v for v, _ in pack.choices("cramps.side", answers.legs())] == list(answers.legs())


# Answers no rule, warning, test, plan or relief item reads, directly or through a derived
# value: asking them changes nothing, so the check never asks them. Each needs a use (a
# cramp that ends within minutes is the benign pattern, evidence 5.1) or to leave the pack.
# The timing is shown to clinicians in the summary.
UNREAD = {"cramps.timing", "cramps.severity_0_10", "cramps.weeks_since_onset"}


def test_no_new_question_goes_unread_by_the_pack() -> None:
    """Until knowledge 2.4.0 the thyroid and heartburn answers changed nothing at all, and
    until 2.5.0 neither did how long a cramp lasts or daily stretching; this
    keeps a new question from joining the known few above, and a fixed one from staying
    on the list."""
    from symptom_decoder.engine._plan import compile_pack

    pack = load_pack()
    reads = compile_pack(pack).affected
    assert {q.path for q in pack.questions if not reads.get(q.path)} == UNREAD


def test_the_headlines_words_on_where_the_number_is_are_in_a_headline() -> None:
    """A page that shows the maternity unit's number leaves these words out; if a headline
    is reworded and they no longer match, the page would go on sending her to her notes."""
    manifest = load_pack().manifest
    assert manifest.contacts is not None and manifest.contacts.where_in_headlines
    headlines = [manifest.headlines, *manifest.stage_headlines]
    texts = [getattr(h, level) or "" for h in headlines
             for level in ("emergency", "urgent", "routine", "self_care")]
    assert any(manifest.contacts.where_in_headlines in text for text in texts)
