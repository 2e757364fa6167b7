"""The summary as Markdown: the same sections and words as the PDF, for a note or an email."""

from __future__ import annotations

from symptom_decoder.knowledge import Pack
from symptom_decoder.summary import words
from symptom_decoder.summary.model import Summary
from symptom_decoder.summary.protocol import Options


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "/")


def to_markdown(summary: Summary, pack: Pack) -> str:
    s = summary
    out = [f"# {words.TITLE}", ""]
    facts = []
    if s.name:
        facts.append(f"**Name:** {_cell(s.name)}")
    facts.append(f"**Week of pregnancy:** {words.pregnancy(s.pregnancy)}")
    if s.pregnancy.age_band:
        facts.append(f"**Age:** {words.age(s.pregnancy.age_band)}")
    facts.append(f"**Period:** {words.period(s)}")
    out += ["  \n".join(facts), ""]

    out += [f"## {words.section_title(pack, 'check')}", ""]
    if s.check is None:
        out += ["No check kept yet.", ""]
    else:
        c = s.check
        out += [f"**{words.LEVELS[c.level]}** ({words.check_when(s)}): {c.headline}", ""]
        out += [f"- {r}" for r in words.reasons(c)]
        do_now = words.beyond(c.do_now, c.headline)
        if do_now:
            out.append(f"- What to do now: {do_now}")
        present = ", ".join(f"{d.label} ({d.shown})" for d in c.signs_present)
        absent = ", ".join(d.label for d in c.signs_absent)
        unanswered = ", ".join(d.label for d in c.signs_unanswered)
        out += ["", f"Danger signs asked: {len(c.danger_signs)}."]
        out.append(f"- **Present:** {present}" if present else "- **Present:** none")
        if absent:
            out.append(f"- Answered no: {absent}")
        if unanswered:
            out.append(f"- Not answered: {unanswered}")
        if c.worries:
            out += ["", "What worries the tool:"] + [f"- {w.text}" for w in c.worries]
        out.append("")

    out += [f"## {words.section_title(pack, 'cramps')}", "", words.cramps_line(s.cramps), ""]
    if s.cramps.weeks:
        out += ["| Week | Week of pregnancy | Cramps | Nights woken | Median severity (0–10) |",
                "| --- | --- | ---: | ---: | ---: |"]
        for w in s.cramps.weeks:
            out.append(f"| {words.span(w.first, w.last)} | {w.gestational_week or '–'} | "
                       f"{words.weekly(w, w.cramps)} | {words.weekly(w, w.nights_woken)} | "
                       f"{words.severity(w.median_severity)} |")
        out.append("")
    if s.cramps.trend:
        out.append(f"Trend: {s.cramps.trend.words}")
    if s.cramps.trend_note:
        out.append(s.cramps.trend_note)
    out.append("")

    out += [f"## {words.section_title(pack, 'worth_a_look')}", ""]
    if not (s.factors or s.look_alikes or s.tests):
        out += ["Nothing from the latest check.", ""]
    elif lead := words.from_check(s):
        out += [lead, ""]
    for title, items in (("What may be behind the cramps", s.factors),
                         ("Other conditions to rule out", s.look_alikes)):
        if items:
            out += [f"**{title}**", ""]
            for f in items:
                reasons = " ".join(f.reasons[:2])
                out.append(f"- {f.title} ({words.LIKELIHOOD[f.likelihood]}). {reasons}".rstrip())
            out.append("")
    if s.tests:
        out += ["**Tests to discuss**", ""] + [f"- {t.title}: {t.why}" for t in s.tests] + [""]

    out += [f"## {words.section_title(pack, 'supplements')}", ""]
    if s.ledger is None:
        out += ["No supplements or antacids recorded.", ""]
    else:
        keys = [t.key for t in s.ledger.totals]
        names = [f"{t.name} ({t.unit})" for t in s.ledger.totals]
        out += ["| Product | A day | " + " | ".join(names) + " |",
                "| --- | ---: | " + " | ".join("---:" for _ in keys) + " |"]
        for p in s.ledger.products:
            cells = [words.amount(p.amounts.get(k)) + ("*" if k in p.estimated else "")
                     if k in p.amounts else "" for k in keys]
            out.append(f"| {_cell(p.name)} | {p.units_per_day:g} | " + " | ".join(cells) + " |")
        counted = [words.amount(t.counted) + (" **OVER**" if t.over else "")
                   for t in s.ledger.totals]
        limits = [words.amount(t.upper_limit) if t.upper_limit is not None else "none"
                  for t in s.ledger.totals]
        out += ["| **Total a day** (with food where it counts) | | " + " | ".join(counted) + " |",
                "| Upper limit in pregnancy | | " + " | ".join(limits) + " |", ""]
        if any(p.estimated for p in s.ledger.products):
            out.append("\\* Left blank on the label: a typical amount is counted.")
        out += [f"- {n}" for n in s.ledger.notes] + [f"- {w.text}" for w in s.ledger.warnings]
        out.append("")

    out += [f"## {words.section_title(pack, 'readings')}", ""]
    if not s.readings:
        out += ["None given.", ""]
    else:
        out += ["| Reading | Value | Usual range | |", "| --- | --- | --- | --- |"]
        for r in s.readings:
            out.append(f"| {r.label} | {words.reading_value(r)} | {r.usual} | "
                       f"{words.flag(r)} |")
        out.append("")

    if s.food:
        out += [f"## {words.section_title(pack, 'food')}", ""]
        lines = [f"{f.name} {words.amount(f.amount)} {f.unit} a day" for f in s.food.lines]
        out += [f"Averages over {s.food.days_logged} logged days: " + "; ".join(lines) + ".", ""]

    out += ["---", "", f"{words.NOT_A_DIAGNOSIS} Knowledge {s.knowledge_version}; "
            f"made {words.moment(s.generated_at)}.", ""]
    return "\n".join(out)


class MarkdownExporter:
    name = "markdown"
    title = "Markdown"
    media_type = "text/markdown; charset=utf-8"
    suffix = ".md"

    def render(self, summary: Summary, pack: Pack, options: Options) -> bytes:
        return to_markdown(summary, pack).encode("utf-8")
