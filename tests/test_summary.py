"""The summary reads what is stored and says how often, how bad, since when, what was
checked, what she takes and what worries the tool."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session

from conftest import Store
from summary_support import (
    DUE,
    ROUTINE,
    STACK,
    TODAY,
    ZONE,
    cramp_diary,
    fill,
    food_day,
    keep,
    pdf_text,
)
from symptom_decoder.diary import times
from symptom_decoder.diary.episodes import EpisodeEntry
from symptom_decoder.diary.errors import FieldError
from symptom_decoder.knowledge import load_pack
from symptom_decoder.store.db import make_engine, session_factory, transaction, upgrade
from symptom_decoder.store.models import Person
from symptom_decoder.store.people import person_by_handle
from symptom_decoder.summary.model import Summary
from symptom_decoder.summary.service import (
    NothingToSummarise,
    clean_name,
    period_ending,
    summary_for,
)

NOW = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)
PACK = load_pack()


@contextmanager
def person(tmp_path: Path) -> Iterator[tuple[Session, Person]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'summary.sqlite3'}")
    upgrade(engine)
    try:
        with transaction(session_factory(engine)) as session:
            yield session, person_by_handle(session)
    finally:
        engine.dispose()


def words_line(summary: Summary) -> str:
    from symptom_decoder.summary import words

    return words.cramps_line(summary.cramps)


def summarise(session: Session, who: Person, *, days: int = 28, **kwargs: Any) -> Summary:
    return summary_for(session, who, PACK, period=period_ending(TODAY, days), now=NOW, **kwargs)


def cramp(day: date, hour: int, *, severity: int | None, woke: bool) -> EpisodeEntry:
    at = datetime.combine(day, time(hour, 15), ZoneInfo(ZONE))
    return EpisodeEntry(started_at=at, zone=ZONE, severity=severity, woke=woke)


def test_it_says_what_to_record_first_when_nothing_is_stored(tmp_path: Path) -> None:
    with person(tmp_path) as (session, who), pytest.raises(NothingToSummarise) as caught:
        summarise(session, who)
    assert caught.value.missing == ["check", "cramps", "supplements", "due_date"]


def test_it_counts_weeks_back_from_the_last_day_with_nights_woken_and_median_severity(
    tmp_path: Path,
) -> None:
    diary = [cramp(date(2026, 11, 29), 2, severity=6, woke=True),
             cramp(date(2026, 11, 29), 3, severity=8, woke=True),   # the same night
             cramp(date(2026, 11, 25), 23, severity=5, woke=True),  # the night of the 25th
             cramp(date(2026, 11, 20), 23, severity=4, woke=False),
             cramp(date(2026, 11, 10), 14, severity=9, woke=False)]  # before the period
    with person(tmp_path) as (session, who):
        fill(session, who, diary=diary, stack=[], food=False)
        cramps = summarise(session, who, days=14).cramps
    assert [(w.first, w.last, w.cramps, w.nights_woken, w.median_severity)
            for w in cramps.weeks] == [
        (date(2026, 11, 17), date(2026, 11, 23), 1, 0, 4.0),
        (date(2026, 11, 24), date(2026, 11, 30), 3, 2, 6.0),
    ]
    assert (cramps.total, cramps.night, cramps.nights_woken) == (4, 4, 2)
    assert (cramps.median_severity, cramps.max_severity) == (5.5, 8)
    assert [w.gestational_week for w in cramps.weeks] == [28, 29]
    assert cramps.trend is None
    assert cramps.trend_note.startswith("No trend yet: the diary's comparison needs at least "
                                        "4 logged weeks in each half")


def test_one_logged_night_gives_no_weekly_rate_and_unlogged_weeks_are_not_zeros(
        tmp_path: Path) -> None:
    """She starts the diary tonight: one cramp on one logged day of a 28-day period is not
    "7 a week", and the three weeks before she started were not logged, not cramp-free."""
    from symptom_decoder.summary import markdown, words

    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE, diary=[cramp(TODAY, 2, severity=6, woke=True)])
        summary = summarise(session, who)
    cramps = summary.cramps
    assert (cramps.total, cramps.logged_days) == (1, 1)
    line = words.cramps_line(cramps)
    assert line.startswith("1 cramp on 1 logged day;")
    assert "a week" not in line
    assert [w.logged_days for w in cramps.weeks] == [0, 0, 0, 1]
    assert [words.weekly(w, w.cramps) for w in cramps.weeks] == ["not logged"] * 3 + ["1"]
    lines = markdown.to_markdown(summary, PACK).splitlines()
    header = next(i for i, row in enumerate(lines) if "Nights woken" in row)
    table = lines[header + 2: header + 6]
    assert [row.count("not logged") for row in table] == [2, 2, 2, 0]
    assert "0 logged days in the first half, 1 in the second" in cramps.trend_note


def test_it_counts_every_cramp_of_a_busy_month_once(tmp_path: Path) -> None:
    diary = cramp_diary()
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE, diary=diary)
        summary = summarise(session, who)
    tz = ZoneInfo(ZONE)
    by_week = [sum(1 for e in diary if w.first <= e.started_at.astimezone(tz).date() <= w.last)
               for w in summary.cramps.weeks]
    assert summary.cramps.total == 60 == sum(by_week)
    assert [w.cramps for w in summary.cramps.weeks] == by_week
    assert len(summary.cramps.episodes) == 60
    assert summary.cramps.logged_days == 28
    rate = round(60 / 28 * 7, 1)
    assert f"60 cramps, {rate} a week over 28 logged days;" in words_line(summary)
    nights = {(e.started_at.astimezone(tz) - timedelta(hours=7)).date() for e in diary if e.woke}
    assert summary.cramps.nights_woken == len(nights)


def test_it_gives_a_trend_with_its_range_only_when_the_diarys_comparison_can(
        tmp_path: Path) -> None:
    """The trend is the diary's own comparison of the later half with the earlier half: a
    month is too early (it needs 4 logged weeks a side); ten weeks of steady logging give a
    ratio with its range."""
    ten_weeks = cramp_diary(days=70, count=90)
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE, diary=ten_weeks)
        long = summarise(session, who, days=70).cramps
        month = summarise(session, who).cramps
        week = summarise(session, who, days=7).cramps
    assert long.trend is not None
    assert long.trend.low < long.trend.ratio < long.trend.high
    assert "95% range" in long.trend.words
    assert month.trend is None
    assert month.trend_note.startswith("No trend yet")
    assert week.trend is None
    assert week.trend_note == "A trend needs at least 14 days."


def test_it_dates_the_pregnancy_from_the_due_date_at_the_end_of_the_period(
    tmp_path: Path,
) -> None:
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE)
        pregnancy = summarise(session, who).pregnancy
    assert (pregnancy.gestation, pregnancy.due_date, pregnancy.age_band) == ("30+3", DUE, "19-30")


def test_it_takes_the_week_from_the_check_when_no_due_date_is_set(tmp_path: Path) -> None:
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE, due=None)
        pregnancy = summarise(session, who).pregnancy
    assert (pregnancy.weeks, pregnancy.days, pregnancy.dated_by) == (30, None, "check")


def test_a_week_from_an_old_check_says_the_day_it_was_given() -> None:
    """Without a due date the week comes from the kept check, which may be weeks old: the
    page must not read as if she were 30 weeks today."""
    from symptom_decoder.summary import words
    from symptom_decoder.summary.model import Pregnancy

    old = Pregnancy(weeks=30, days=None, due_date=None, dated_by="check", age_band=None,
                    given_on=date(2026, 10, 21))
    assert words.pregnancy(old) == "30 weeks on 21 Oct 2026 (as given in the check)"


def test_it_lists_the_danger_signs_asked_and_the_answers_given(tmp_path: Path) -> None:
    answers = {"gestational_week": 30, "red_flags": {
        "chest_pain": False, "one_leg_swelling": True, "swollen_leg": "left"}}
    with person(tmp_path) as (session, who):
        keep(session, who, answers, at=NOW)
        check = summarise(session, who).check
    assert check is not None
    assert check.level == "urgent"
    assert [(d.label, d.shown) for d in check.signs_present] == [
        ("One leg more swollen", "yes"), ("Which leg is swollen", "left")]
    assert [d.label for d in check.signs_absent] == ["Chest pain"]
    unanswered = [d.label for d in check.signs_unanswered]
    assert "Sudden breathlessness" in unanswered
    assert "Calf size difference" not in unanswered  # a follow-up nobody asked


@pytest.mark.parametrize(("week", "haemoglobin", "usual", "flag"), [
    (20, 10.7, "10.5 or more", None),
    (30, 10.7, "11.0 or more", "low"),
    (10, 11.2, "11.0 or more", None),
], ids=["second trimester", "third trimester", "first trimester"])
def test_it_reads_a_result_against_the_usual_range_for_the_trimester(
    tmp_path: Path, week: int, haemoglobin: float, usual: str, flag: str | None,
) -> None:
    answers = {"gestational_week": week, "labs": {"hemoglobin_g_per_dl": haemoglobin}}
    with person(tmp_path) as (session, who):
        keep(session, who, answers, at=NOW)
        readings = {r.id: r for r in summarise(session, who).readings}
    assert (readings["haemoglobin"].usual, readings["haemoglobin"].flag) == (usual, flag)


def test_it_shows_blood_pressure_as_one_reading_and_flags_a_strip_result(
    tmp_path: Path,
) -> None:
    answers = {"gestational_week": 30, "measurements": {
        "bp_systolic_mmhg": 146, "bp_diastolic_mmhg": 95, "urine_protein": "2+"}}
    with person(tmp_path) as (session, who):
        keep(session, who, answers, at=NOW)
        readings = {r.id: r for r in summarise(session, who).readings}
    assert set(readings) == {"blood_pressure", "urine_protein"}
    bp = readings["blood_pressure"]
    assert (bp.value, bp.unit, bp.usual, bp.flag) == ("146/95", "mmHg", "under 140/90", "high")
    strip = readings["urine_protein"]
    assert (strip.value, strip.usual, strip.flag) == ("2+", "negative or trace", "outside")


def test_it_adds_up_the_stack_against_the_limits_and_counts_a_blank_antacid(
    tmp_path: Path,
) -> None:
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE)
        ledger = summarise(session, who).ledger
    assert ledger is not None and ledger.source == "stack"
    tums = next(p for p in ledger.products if p.name == "Tums Extra")
    assert (tums.amounts, tums.estimated) == ({"calcium_mg": 300.0}, ["calcium_mg"])
    totals = {t.key: t for t in ledger.totals}
    # 200 + 6 x 300 from the stack, 900 a day from the food log.
    assert (totals["calcium_mg"].counted, totals["calcium_mg"].over) == (2900.0, True)
    assert (totals["magnesium_mg"].counted, totals["magnesium_mg"].over) == (350.0, False)
    assert "calcium_above_ul" in {w.id for w in ledger.warnings}
    assert any("Tums Extra" in note for note in ledger.notes)


def rendered(summary: Summary) -> dict[str, str]:
    """The words a midwife reads: the Markdown, the PDF, and the FHIR file's narrative."""
    from symptom_decoder.summary.exporters import Options, get
    from symptom_decoder.summary.markdown import to_markdown

    bundle = json.loads(get("fhir").render(summary, PACK, Options()))
    divs = [s["text"]["div"] for s in bundle["entry"][0]["resource"]["section"]]
    narrative = " ".join(re.sub(r"<[^>]+>", " ", " ".join(divs)).split())
    return {"markdown": to_markdown(summary, PACK), "pdf": pdf_text(summary),
            "fhir narrative": narrative}


def test_it_shows_the_tables_calcium_total_once_when_the_check_counted_other_food(
        tmp_path: Path) -> None:
    """The check counted 3 dairy servings a day (about 3,200 milligrams with her products);
    the table counts the food log (2,900). Both are over the limit: the page gives the
    table's total, and says the limit once, beside it."""
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE)
        summary = summarise(session, who)
    for name, text in rendered(summary).items():
        assert "2,900" in text, name
        assert "3,200" not in text, name
        assert text.count("Calcium from your food, supplements and antacids") == 1, name


def test_it_dates_a_limit_the_check_found_that_the_table_no_longer_reaches(
        tmp_path: Path) -> None:
    """She has stopped the antacid since the check: the check's 3,200 milligrams of calcium
    would stand beside the table's 1,100 with nothing to say which is which."""
    without_antacid = [item for item in STACK if item["kind"] != "calcium_antacid"]
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE, stack=without_antacid)
        summary = summarise(session, who)
    totals = {t.key: t for t in summary.ledger.totals} if summary.ledger else {}
    assert (totals["calcium_mg"].counted, totals["calcium_mg"].over) == (1100.0, False)
    dated = ("The check of 20 Nov 2026 found calcium above its upper limit, from what she "
             "gave in that check.")
    for name, text in rendered(summary).items():
        assert dated in text, name
        assert "3,200" not in text, name
    assert "The supplements table counts what is recorded now." in rendered(summary)["markdown"]


def test_worth_a_look_says_the_day_of_an_older_check_its_figures_come_from(
        tmp_path: Path) -> None:
    """The check of 20 Nov guessed 220 milligrams of magnesium from her servings; the food
    log on the same page says 240. Undated, the two read as the same kind of figure."""
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE)
        summary = summarise(session, who)
    lead = "From the check of 20 Nov 2026, with the figures she gave then."
    for name, text in rendered(summary).items():
        assert text.count(lead) == 1, name
        worth, food = text.index(lead), text.index("Your food gives about 220 milligrams")
        assert worth < food, name
        assert re.search(r"Magnesium:? 240", text), name


@pytest.mark.parametrize("made_at", [NOW, None], ids=["kept today", "given with the summary"])
def test_worth_a_look_from_a_check_of_the_last_day_needs_no_date(
        tmp_path: Path, made_at: datetime | None) -> None:
    from symptom_decoder.engine import assess
    from symptom_decoder.summary.build import KeptCheck

    check = KeptCheck(assessment=assess(ROUTINE, PACK).to_json(), answers=ROUTINE,
                      made_at=made_at)
    with person(tmp_path) as (session, who):
        fill(session, who)
        summary = summarise(session, who, check=check)
    for name, text in rendered(summary).items():
        assert "Your food gives about 220 milligrams" in text, name
        assert "From the check of" not in text, name


TIMING = "Calcium, including calcium antacids, lowers how much iron you absorb."


@pytest.mark.parametrize(("antacid", "shown"), [(True, 1), (False, 0)],
                         ids=["antacid still saved", "antacid stopped"])
def test_a_warning_about_her_products_follows_the_saved_stack(
        tmp_path: Path, antacid: bool, shown: int) -> None:
    """The check of 20 Nov listed Tums beside an iron-and-calcium prenatal, so it warned
    to take iron apart from calcium. She has stopped the Tums: no product on the page holds
    calcium apart from her iron, so the warning no longer applies. The check's warnings
    about her blood results, fluids and medicines do not depend on her products and stay."""
    stack = STACK if antacid else [item for item in STACK if item["kind"] != "calcium_antacid"]
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE, stack=stack)
        summary = summarise(session, who)
    for name, text in rendered(summary).items():
        assert text.count(TIMING) == shown, name
        for stays in ("Stomach acid blockers such as omeprazole", "You drink about 1.4 litres",
                      "Your ferritin of 18 micrograms per litre is below 30"):
            assert stays in text, (name, stays)
    assert summary.check is not None
    assert TIMING in " ".join(w.text for w in summary.check.warnings)  # the check's record


# The action comes first: the PDF gives each warning's first sentence only.
KIDNEY = ("Do not take magnesium supplements, magnesium antacids or magnesium laxatives unless "
          "your kidney doctor or midwife agrees.")


TUMS = [item for item in STACK if item["kind"] == "calcium_antacid"]
NO_CITRATE = [item for item in STACK if item["kind"] != "magnesium"]


@pytest.mark.parametrize(("stack", "medications", "shown"), [
    (TUMS, [], 0), (TUMS, ["laxative"], 1), (NO_CITRATE, [], 1),
], ids=["no magnesium now", "no magnesium now, a laxative still taken",
        "the prenatal still holds magnesium"])
def test_a_warning_that_also_reads_her_answers_stays_while_they_still_give_it(
        tmp_path: Path, stack: list[dict[str, Any]], medications: list[str], shown: int
) -> None:
    """With kidney disease the check warned about the magnesium she takes. Now she keeps
    only the Tums: the warning goes, unless the laxative she gave among her medicines,
    which the saved stack does not hold, still gives it. Stopping the magnesium citrate
    alone is not enough: the prenatal holds 50 milligrams."""
    answers = {**copy.deepcopy(ROUTINE), "risk_factors": {"kidney_disease": True},
               "medications": medications}
    with person(tmp_path) as (session, who):
        fill(session, who, answers=answers, stack=stack)
        summary = summarise(session, who)
    for name, text in rendered(summary).items():
        assert text.count(KIDNEY) == shown, name


def test_a_warning_about_products_she_has_started_since_the_check_is_given(
        tmp_path: Path) -> None:
    """With kidney disease and only Tums, the check had nothing to say about magnesium.
    She has since saved a prenatal and magnesium citrate: the supplements section says
    what her kidneys mean for them, as the check would have."""
    answers = {**copy.deepcopy(ROUTINE), "risk_factors": {"kidney_disease": True},
               "supplements": TUMS}
    with person(tmp_path) as (session, who):
        fill(session, who, answers=answers, stack=STACK)
        summary = summarise(session, who)
    assert summary.check is not None
    assert "kidney_disease_magnesium" not in {w.id for w in summary.check.warnings}
    for name, text in rendered(summary).items():
        assert text.count(KIDNEY) == 1, name
        assert text.index("Magnesium citrate") < text.index(KIDNEY), name


@pytest.mark.parametrize(("made_at", "nutrient", "start"), [
    (datetime(2026, 11, 20, 9, 0, tzinfo=UTC), "calcium_mg", "The check of 20 Nov 2026 found "
     "calcium"),
    (None, "vitamin_d_iu", "The check made with this summary found vitamin D"),
], ids=["kept", "given with the summary"])
def test_a_limit_found_by_the_check_says_which_check(
        made_at: datetime | None, nutrient: str, start: str) -> None:
    from symptom_decoder.summary import words

    assert words.limit_at_check(made_at, nutrient) == (
        f"{start} above its upper limit, from what she gave in that check. The supplements "
        "table counts what is recorded now.")


def test_it_counts_food_vitamin_d_toward_its_limit_as_the_supplements_page_does(
        tmp_path: Path) -> None:
    """The vitamin D limit, 4,000 units a day, counts food and supplements together: 600
    a day in the food log and a 3,600-unit spray make 4,200, over the limit."""
    from symptom_decoder.diet.ledger import check_stack
    from symptom_decoder.diet.personal import personal

    spray = [{"kind": "vitamin_d", "name": "Vitamin D3 spray", "units_per_day": 1,
              "vitamin_d_iu": 3600}]
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE, stack=spray, food=False)
        for offset in range(12):
            session.add(food_day(who, TODAY - timedelta(days=offset * 2), calcium_mg=900,
                                 vitamin_d_iu=600))
        session.flush()
        summary = summarise(session, who)
        page = check_stack(session, person_id=who.id, pack=PACK, today=TODAY, days=28,
                           who=personal(session, who, today=TODAY))
    assert summary.ledger is not None
    row = {t.key: t for t in summary.ledger.totals}["vitamin_d_iu"]
    assert (row.supplements, row.food, row.counted, row.over) == (3600.0, 600.0, 4200.0, True)
    assert row == next(r for r in page.check.rows if r.key == "vitamin_d_iu")
    [warning] = [w for w in summary.ledger.warnings if w.id == "vitamin_d_total_above_ul"]
    assert "the food you logged (about 600 units)" in warning.text
    text = rendered(summary)
    assert "| 4,200 **OVER** |" in text["markdown"]
    assert "4,200 OVER" in text["pdf"]
    assert "add up to about 4,200 units of vitamin D a day" in text["pdf"]
    assert "Vitamin D 600 IU a day (reference 600)" in text["pdf"]


def test_it_uses_the_checks_supplements_when_none_are_saved(tmp_path: Path) -> None:
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE, stack=[])
        ledger = summarise(session, who).ledger
    assert ledger is not None
    assert ledger.source == "check"
    assert [p.name for p in ledger.products] == ["Pregnacare", "Tums Extra",
                                                 "Magnesium citrate"]


def test_it_averages_the_food_log_over_the_days_logged(tmp_path: Path) -> None:
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE)
        food = summarise(session, who).food
    assert food is not None
    assert food.days_logged == 12
    assert {(f.name, f.amount, f.target, f.limit) for f in food.lines} == {
        ("Magnesium", 240.0, 350.0, None), ("Calcium", 900.0, 1000.0, None),
        ("Iron", 11.0, 27.0, None), ("Caffeine", 150.0, None, 200.0)}


def test_it_uses_answers_given_now_instead_of_the_kept_check(tmp_path: Path) -> None:
    from symptom_decoder.engine import assess
    from symptom_decoder.summary.build import KeptCheck

    answers = copy.deepcopy(ROUTINE)
    answers["red_flags"]["chest_pain"] = True
    now = KeptCheck(assessment=assess(answers, PACK).to_json(), answers=answers, made_at=None)
    with person(tmp_path) as (session, who):
        fill(session, who, answers=ROUTINE)
        check = summarise(session, who, check=now).check
    assert check is not None
    assert (check.level, check.made_at) == ("emergency", None)


@pytest.mark.parametrize(("given", "message"), [
    ("x" * 81, "name: must be at most 80 characters (got 81)"),
    ("A.\x07B.", "name: must be plain text, without control characters"),
], ids=["too long", "a control character"])
def test_it_refuses_a_name_it_cannot_print_and_says_why(given: str, message: str) -> None:
    with pytest.raises(FieldError) as caught:
        clean_name(given)
    assert str(caught.value) == message


def test_it_prints_a_tidy_name_and_none_when_blank() -> None:
    assert clean_name("  Anna   B. ") == "Anna B."
    assert clean_name("   ") is None
    assert clean_name(None) is None


@pytest.mark.parametrize("days", [0, 91], ids=["none", "too many"])
def test_it_refuses_a_period_out_of_range(days: int) -> None:
    with pytest.raises(FieldError, match=r"^days: must be a whole number from 1 to 90"):
        period_ending(TODAY, days)


def test_it_builds_the_same_summary_on_both_databases(store: Store) -> None:
    with transaction(store.factory) as session:
        who = person_by_handle(session)
        fill(session, who, answers=ROUTINE)
        summary = summarise(session, who)
    assert summary.cramps.total == 60
    assert summary.check is not None and summary.check.level == "routine"
    assert summary.check.made_at == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert summary.cramps.episodes[0].started_at.tzinfo is not None
    assert times.local(summary.cramps.episodes[0].started_at, ZONE).date() >= summary.period.first


def test_days_and_times_are_hers_not_the_servers(tmp_path: Path) -> None:
    """A check kept at half past midnight in Auckland (11:30 UTC the day before) was dated the
    day before, and the footer's time was UTC with no word of it. Night is when she uses it."""
    from symptom_decoder.engine import assess
    from symptom_decoder.summary.build import KeptCheck

    made = datetime(2026, 11, 19, 11, 30, tzinfo=UTC)  # 00:30 on 20 Nov in Auckland (UTC+13)
    check = KeptCheck(assessment=assess(ROUTINE, PACK).to_json(), answers=ROUTINE,
                      made_at=made)
    with person(tmp_path) as (session, who):
        fill(session, who)
        summary = summarise(session, who, check=check, zone="Pacific/Auckland")
    for name, text in rendered(summary).items():
        assert "From the check of 20 Nov 2026" in text, name
        assert "19 Nov 2026" not in text, name
    footer = rendered(summary)["markdown"]
    assert "1 Dec 2026, 03:05 NZDT" in footer  # NOW, 14:05 UTC, on her clock
