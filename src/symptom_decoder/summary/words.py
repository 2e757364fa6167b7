"""The summary's words, shared by the PDF, the Markdown and the web page so they say the
same thing. Medicine and its wording come from the pack; these are labels and numbers."""

from __future__ import annotations

from datetime import date, datetime

from symptom_decoder.knowledge import Pack
from symptom_decoder.nutrition import NUTRIENT_WORDS
from symptom_decoder.summary.model import (
    Check,
    Cramps,
    DangerSign,
    Pregnancy,
    Reading,
    Summary,
    Week,
)

TITLE = "Leg cramps in pregnancy: a summary for the midwife or doctor"
NOT_A_DIAGNOSIS = "Symptom Decoder explains and points; this is not a diagnosis."
LEVELS = {"emergency": "EMERGENCY", "urgent": "URGENT, today", "routine": "ROUTINE",
          "self_care": "SELF-CARE"}
LEVEL_NAMES = {"emergency": "Emergency", "urgent": "Urgent", "routine": "Routine",
               "self_care": "Self-care"}
LIKELIHOOD = {"high": "likely", "moderate": "worth a look", "low": "less likely"}
SECTIONS = {"pregnancy": "Pregnancy", "check": "Latest check", "cramps": "Leg cramps",
            "worth_a_look": "Worth a look", "supplements": "Supplements and antacids",
            "readings": "Readings and test results", "food": "Food log"}
UNITS = {"mg": "milligrams"}


def section_title(pack: Pack, section_id: str) -> str:
    """The pack's title for a section, else ours."""
    found = pack.records.section(section_id) if pack.records else None
    return found.title if found else SECTIONS[section_id]


def day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def short_day(value: date) -> str:
    return f"{value.day} {value:%b}"


def moment(value: datetime) -> str:
    """"30 Nov 2026, 14:05 GMT": the zone's short name when the time has one."""
    zone = value.tzname() if value.tzinfo is not None else None
    return f"{day(value.date())}, {value:%H:%M}" + (f" {zone}" if zone else "")


def span(first: date, last: date, *, year: bool = True) -> str:
    """3–30 Nov 2026, 28 Oct to 3 Nov 2026, 28 Dec 2026 to 3 Jan 2027."""
    end = day(last) if year else short_day(last)
    if first.year != last.year:
        return f"{day(first) if year else short_day(first)} to {end}"
    if first.month == last.month:
        return f"{first.day}–{end}"
    return f"{short_day(first)} to {end}"


def period(summary: Summary) -> str:
    p = summary.period
    return f"{span(p.first, p.last)} ({p.days} days)"


def pregnancy(p: Pregnancy) -> str:
    if p.weeks is None:
        return "not given"
    if p.dated_by == "profile":
        due = f", due {day(p.due_date)}" if p.due_date else ""
        return f"{p.gestation} weeks{due}"
    if p.given_on is not None:  # a week given weeks ago is not the week now
        return f"{p.weeks} weeks on {day(p.given_on)} (as given in the check)"
    return f"{p.weeks} weeks (as given in the check)"


def age(band: str | None) -> str:
    return f"{band.replace('-', '–')} years" if band else "not given"


def number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def amount(value: float | None) -> str:
    """An amount without needless decimals: 1,800; 0.5; 27."""
    if value is None:
        return "–"
    return f"{value:,.0f}" if value >= 10 or float(value).is_integer() else f"{value:g}"


def severity(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def cramps_line(c: Cramps) -> str:
    if c.total == 0:
        return "No cramps logged in this period."
    if c.per_week is not None and c.logged_days >= 7:
        rate = f", {c.per_week:.1f} a week over {count(c.logged_days, 'logged day')}"
    else:  # a weekly rate from a few days would say more than the diary knows
        rate = f" on {count(c.logged_days, 'logged day')}"
    parts = [f"{count(c.total, 'cramp')}{rate}", f"{c.night} at night",
             f"woke her on {count(c.nights_woken, 'night')}"]
    if c.rated:
        parts.append(f"severity median {severity(c.median_severity)} out of 10, "
                     f"highest {c.max_severity}")
    return "; ".join(parts) + "."


NOT_LOGGED = "not logged"


def weekly(week: Week, value: int, *, unlogged: str = NOT_LOGGED) -> str:
    """A week's count, or UNLOGGED ("not logged", "–" where space is short) for a week
    without a logged day: that is not a zero."""
    return unlogged if week.logged_days == 0 else str(value)


def reading_value(r: Reading) -> str:
    return f"{r.value} {r.unit}".strip()


def flag(r: Reading) -> str:
    return {"low": "LOW", "high": "HIGH", "outside": "OUTSIDE"}.get(r.flag or "", "")


def limit_scope(scope: str | None) -> str:
    return {"supplemental": "supplements only", "total": "food and supplements",
            "limit": "stay under"}.get(scope or "", "")


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in " ".join(text.split()).replace(". ", ".\n").split("\n")]
    return [p for p in parts if p]


def beyond(text: str | None, already: str) -> str:
    """The sentences of TEXT that ALREADY does not say (a do-now that repeats a headline)."""
    return " ".join(p for p in sentences(text or "") if p not in already)


def reasons(check: Check) -> list[str]:
    """The check's reasons that its headline does not already give."""
    return [r for r in check.reasons if r not in check.headline]


def sign(d: DangerSign) -> str:
    """A danger sign that is present, in words: "Severe headache", "Which leg: left"."""
    return d.label if d.answer is True else f"{d.label}: {d.shown}"


def limit_at_check(made_at: datetime | None, nutrient: str) -> str:
    """An upper limit the check found exceeded that the supplements table, counting what is
    recorded now, does not reach: dated, and with no figure to set against the table's."""
    check = (f"The check of {day(made_at.date())}" if made_at is not None
             else "The check made with this summary")
    return (f"{check} found {NUTRIENT_WORDS[nutrient]} above its upper limit, from what she "
            "gave in that check. The supplements table counts what is recorded now.")


def from_check(summary: Summary) -> str:
    """The lead-in of what the page takes from a check kept before its last day: the
    check's figures are what she gave then, and may differ from what is recorded now."""
    check = summary.check
    if check is None or check.made_at is None or check.made_at.date() >= summary.period.last:
        return ""
    return f"From the check of {day(check.made_at.date())}, with the figures she gave then."


def check_when(summary: Summary) -> str:
    check = summary.check
    if check is None:
        return ""
    if check.made_at is None:
        return "answers given with this summary"
    made = check.made_at.date()
    late = (summary.period.first - made).days
    before = f", {late} days before this period" if late > 0 else ""
    return f"kept {day(made)}{before}"
