"""Did the change help? The comparison counts the right days and says what its numbers say."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from diary_support import Built, weekly_diary
from symptom_decoder.diary.cautions import sentence_kinds
from symptom_decoder.diary.compare import Comparison, compare
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.diary.trends import Occurrence


def run(built: Built, **options: object) -> Comparison:
    return compare(built.items, entry_days=built.entry_days, change=built.change,
                   lmp=None, **options)  # type: ignore[arg-type]  # fmt: skip


def cramp(day: date) -> Occurrence:
    return Occurrence(day, True, None, False)


def pct(fraction: float) -> str:
    return f"{round(fraction * 100)} %"


# --- which days count -------------------------------------------------------------------


def test_it_leaves_out_the_first_day_when_the_diary_starts_with_a_cramp() -> None:
    built = weekly_diary([3, 2, 4, 3], [2, 3, 1, 2])
    start = min(built.entry_days)
    first_cramp = start - timedelta(days=1)  # the cramp that made her start, before any entry
    items = [cramp(first_cramp), cramp(first_cramp), *built.items]
    result = compare(items, entry_days=built.entry_days, change=built.change, lmp=None)
    assert (result.before.first_day, result.before.episodes) == (start, 12)
    [note] = [c for c in result.cautions if c.id == "first_day_left_out"]
    assert f"starts with a cramp on {first_cramp.day} March 2026" in note.text


def test_it_starts_on_an_entry_made_before_the_first_cramp() -> None:
    built = weekly_diary([3, 2, 4, 3], [2, 3, 1, 2])
    result = run(built)
    assert result.before.first_day == min(built.entry_days)
    assert "first_day_left_out" not in [c.id for c in result.cautions]


def test_it_counts_the_day_of_the_change_on_neither_side() -> None:
    built = weekly_diary([3, 2, 4, 3], [2, 3, 1, 2])
    busy = Built([*built.items, *[cramp(built.change)] * 3], built.entry_days, built.change,
                 built.last_day)  # fmt: skip
    plain, with_change_day = run(built), run(busy)
    assert (with_change_day.before.episodes, with_change_day.after.episodes) == (12, 8)
    assert with_change_day.rate_ratio == plain.rate_ratio
    assert with_change_day.before.last_day == built.change - timedelta(days=1)
    assert with_change_day.after.first_day == built.change + timedelta(days=1)


def test_it_ends_at_the_last_entry_unless_told_otherwise() -> None:
    built = weekly_diary([3, 2, 4, 3], [2, 3, 1, 2])
    assert run(built).after.last_day == built.last_day
    later = run(built, until=built.last_day + timedelta(days=3))
    # The 3 days after the last entry are not counted as quiet: nothing says she logged
    # them, and counting them would lower the rate after the change (a false "fewer").
    assert (later.after.last_day, later.after.days, later.left_out) == (
        built.last_day + timedelta(days=3), 28, ())


def test_it_names_the_days_it_left_out() -> None:
    result = run(weekly_diary([3, 2, 4, 3], [2, 3, 1, 2, 1], gaps={6: 9}))
    [gap] = result.left_out
    assert gap.days == 9
    [note] = [c for c in result.cautions if c.id == "unlogged_days"]
    assert note.text.startswith(
        f"Nothing was logged from {gap.first_day.day} April 2026 to {gap.last_day.day} April "
        "2026 (9 days). Those days are left out")


def test_it_says_there_is_nothing_before_a_change_made_before_the_diary() -> None:
    built = weekly_diary([3, 2, 4, 3], [])
    result = compare(built.items, entry_days=built.entry_days, change=date(2026, 1, 1), lmp=None)
    assert (result.before.days, result.verdict) == (0, "too_early")
    assert result.cautions[0].id == "no_days"
    assert "no diary days before 2026-01-01" in result.cautions[0].text


def test_it_refuses_an_end_before_the_start_naming_to() -> None:
    built = weekly_diary([3, 2, 4, 3], [2, 3, 1, 2])
    with pytest.raises(FieldError) as caught:
        run(built, since=date(2026, 5, 1), until=date(2026, 4, 1))
    assert caught.value.field == "to"


# --- words that match the numbers -----------------------------------------------------

TEN = [10, 11, 9, 10, 10, 11, 9, 10, 10, 10]
SENTENCES = [
    pytest.param([3, 2, 4], [2, 3, 1, 2], "too_early", "Too early to tell: you have 3 weeks of "
                 "diary before the change and 4 weeks after", id="too_early"),
    pytest.param([0, 0, 0, 0], [0, 0, 0, 0], "nothing", "You logged no cramps in the 4 weeks "
                 "before the change or the 4 weeks after", id="nothing"),
    pytest.param([6, 5, 7, 6, 8], [2, 3, 1, 2, 2], "fewer", "You logged about ", id="fewer"),
    pytest.param(TEN, [14, 15, 13, 14, 14, 15, 13, 14, 14, 14], "more", "You logged about ",
                 id="more"),
    pytest.param([1, 2, 1, 2], [5, 6, 4, 7, 6], "more_times", "You logged about ",
                 id="more_times"),
    pytest.param([14, 0, 1, 9, 0, 2], [1, 0, 6, 0, 0, 1], "unclear", "You logged about 69 % "
                 "fewer cramps a week after the change, but the likely range runs from 97 % "
                 "fewer to 2.8 times as many", id="unclear"),
    pytest.param([5, 3, 4, 6], [0, 0, 0, 0], "none_after_fewer", "You logged no cramps in the "
                 "4 weeks after the change, against 18 cramps in the 4 weeks before.",
                 id="none_after_fewer"),
    pytest.param([1, 0, 1, 0], [0, 0, 0, 0], "none_after_unclear", "You logged no cramps in "
                 "the 4 weeks after the change, against 2 cramps in the 4 weeks before. That is "
                 "too few to tell", id="none_after_unclear"),
    pytest.param([0, 0, 0, 0], [2, 3, 1, 2], "none_before_more", "You logged no cramps in the "
                 "4 weeks before the change and 8 cramps in the 4 weeks after.",
                 id="none_before_more"),
    pytest.param([0, 0, 0, 0], [0, 1, 0, 0], "none_before_unclear", "You logged no cramps in "
                 "the 4 weeks before the change and 1 cramp in the 4 weeks after. That is too "
                 "few to tell", id="none_before_unclear"),
]  # fmt: skip


def test_every_sentence_in_the_wording_file_has_a_scenario_here() -> None:
    assert {p.values[2] for p in SENTENCES} == set(sentence_kinds())


@pytest.mark.parametrize(("before", "after", "kind", "start"), SENTENCES)
def test_it_says_in_words_what_the_numbers_say(
    before: list[int], after: list[int], kind: str, start: str
) -> None:
    result = run(weekly_diary(before, after))
    assert result.sentence.startswith(start), result.sentence
    assert "{" not in result.sentence and "  " not in result.sentence
    ratio, ci = result.rate_ratio, result.ci95
    if kind == "fewer":
        assert ratio is not None and ci is not None and ci[1] is not None
        assert result.verdict == "fewer"
        assert f"about {pct(1 - ratio)} fewer cramps a week after the change (likely range " \
               f"{pct(1 - ci[1])}–{pct(1 - ci[0])} fewer)" in result.sentence
    elif kind == "more":
        assert ratio is not None and ci is not None and ci[1] is not None
        assert result.verdict == "more"
        assert f"about {pct(ratio - 1)} more cramps a week after the change (likely range " \
               f"{pct(ci[0] - 1)}–{pct(ci[1] - 1)} more)" in result.sentence
    elif kind == "more_times":
        assert ratio is not None and ci is not None and ci[1] is not None
        assert f"about {ratio:.1f} times as many cramps a week after the change (likely range " \
               f"{ci[0]:.1f} to {ci[1]:.1f} times as many)" in result.sentence
    elif kind == "none_after_fewer":
        assert ci is not None and ci[1] is not None
        assert (ratio, ci[0], result.verdict) == (0.0, 0.0, "fewer")
        assert f"up to {pct(ci[1])} of the rate before, so at least {pct(1 - ci[1])} fewer" \
            in result.sentence
    elif kind in ("none_before_more", "none_before_unclear"):
        assert ratio is None and ci is not None and ci[1] is None
    if kind in ("fewer", "more", "more_times", "none_after_fewer", "none_before_more"):
        assert result.sentence.endswith("it does not show that the change caused it.")
    # No number without its unit: each is followed by %, times, cramps, weeks or days (or
    # "to", in a range that shares the unit after it).
    bare = re.findall(r"\d+(?:\.\d+)? (?!%|times|cramp|week|day|to \d)\S+", result.sentence)
    assert bare == []


@pytest.mark.parametrize(("before", "after", "kind", "start"), SENTENCES)
def test_it_always_cautions_about_bad_spells_and_cause(
    before: list[int], after: list[int], kind: str, start: str
) -> None:
    ids = [c.id for c in run(weekly_diary(before, after)).cautions]
    assert ids[-2:] == ["bad_spells", "not_proof"]


def test_it_says_when_a_side_has_few_cramps() -> None:
    result = run(weekly_diary([3, 2, 3, 2, 3], [1, 0, 1, 0, 1]))
    assert result.method == "exact"
    notes = [c for c in result.cautions if c.id == "few_episodes"]
    assert [("after side" in c.text) for c in notes] == [True]


def test_it_blames_the_natural_rise_only_for_a_rise_later_in_pregnancy() -> None:
    lmp = date(2025, 11, 10)
    rise = weekly_diary([1, 2, 1, 2], [5, 6, 4, 7, 6])
    fall = weekly_diary([5, 6, 4, 7, 6], [1, 2, 1, 2])
    up = compare(rise.items, entry_days=rise.entry_days, change=rise.change, lmp=lmp)
    down = compare(fall.items, entry_days=fall.entry_days, change=fall.change, lmp=lmp)
    [note] = [c for c in up.cautions if c.id == "natural_rise"]
    assert up.before.gestational_weeks is not None and up.after.gestational_weeks is not None
    assert f"weeks {up.after.gestational_weeks[0]}–" in note.text
    assert note.references == ("R20", "R22")
    assert "natural_rise" not in [c.id for c in down.cautions]


# --- the JSON twin ----------------------------------------------------------------------


def test_it_gives_stable_json_with_four_significant_digits() -> None:
    result = run(weekly_diary([0, 0, 0, 0], [2, 3, 1, 2]))
    data = result.as_dict()
    assert list(data) == [
        "change", "before", "after", "rate_ratio", "ci95", "method", "method_text",
        "dispersion", "degrees_of_freedom", "verdict", "sentence", "left_out", "cautions",
    ]  # fmt: skip
    assert result.ci95 is not None
    assert data["ci95"] == [float(f"{result.ci95[0]:.4g}"), None]
    assert (data["rate_ratio"], data["method"], data["verdict"]) == (None, "exact", "more")
    assert data["before"] == {
        "first_day": "2026-03-02", "last_day": "2026-03-29", "days": 28, "left_out_days": 0,
        "logged_weeks": 4, "episodes": 0, "per_week": 0.0, "weekly_counts": [0, 0, 0, 0],
        "gestational_weeks": None, "marked_days": 28,
    }  # fmt: skip
    assert data["cautions"][-1] == {"id": "not_proof", "text": data["cautions"][-1]["text"],
                                    "references": []}  # fmt: skip


# --- logged as often on both sides ------------------------------------------------------


def _cramps_only_after(weeks: int) -> Built:
    """Five weeks logged every day ("no cramps today" on quiet days), 5 cramps a week; then,
    after the change, only the cramps: one a week, with nothing on the days between."""
    before = weekly_diary([5, 5, 5, 5, 5], [])
    change = before.change
    after = [cramp(change + timedelta(days=1 + 7 * k)) for k in range(weeks)]
    return Built([*before.items, *after], before.entry_days, change, after[-1].day)


def test_it_says_when_one_side_was_logged_far_less_often() -> None:
    result = run(_cramps_only_after(6))
    assert result.verdict == "fewer"  # 1 a week after against 5: what the diary holds
    assert (result.before.marked_days, result.after.marked_days) == (35, 6)
    [note] = [c for c in result.cautions if c.id == "logged_less"]
    assert "on 35 of the 35 days counted before the change" in note.text
    assert "on 6 of the 36 days counted after it" in note.text
    assert "more cramps after the change than it shows" in note.text
    assert result.as_dict()["after"]["marked_days"] == 6


def test_it_says_nothing_of_logging_when_both_sides_were_logged_alike() -> None:
    result = run(weekly_diary([3, 2, 4, 3, 2], [1, 2, 1, 0, 1]))
    assert "logged_less" not in [c.id for c in result.cautions]
