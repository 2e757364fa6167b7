"""Assessments as plain text (80 columns) or Markdown: headline first, then when to get help
now, disclaimer last. Likelihoods are shown as words, never as decimals: the weights are set
by hand, and a number would claim a precision they do not have."""

from __future__ import annotations

import textwrap
from typing import Any

WIDTH = 80
LEVEL_WORDS = {
    "emergency": "EMERGENCY",
    "urgent": "URGENT - today",
    "routine": "Routine - raise it soon",
    "self_care": "Self-care",
}


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(" ".join(text.split()), width=WIDTH, initial_indent=first or indent,
                         subsequent_indent=indent, break_on_hyphens=False)


def _sources(ids: list[str]) -> str:
    return f" [{', '.join(ids)}]" if ids else ""


EVIDENCE_WORDS = {
    "guideline": "guideline",
    "systematic_review": "review of studies",
    "trial": "trials",
    "observational": "surveys",
    "expert_opinion": "expert opinion, not tested",
    "source_article_claim": "the article's claim only",
}


def evidence_word(level: str) -> str:
    return EVIDENCE_WORDS.get(level, level)


def evidence_line(f: dict[str, Any]) -> str:
    """The factor's evidence, in words, for every likelihood."""
    ev = f.get("evidence") or {}
    word = EVIDENCE_WORDS.get(ev.get("level", ""), ev.get("level", ""))
    return f"Evidence ({word}): {ev.get('note', '')}".strip()


def likelihood_word(value: str) -> str:
    return {"high": "likely", "moderate": "worth a look", "low": "less likely"}.get(value, value)


def to_text(doc: dict[str, Any]) -> str:
    """The assessment for a terminal: short lines, the danger first."""
    out: list[str] = []
    t = doc["triage"]
    rule = "=" * WIDTH
    out += [rule, _wrap(f"{LEVEL_WORDS[t['level']]}: {t['headline']}"), rule]
    for r in t["reasons"]:
        out.append(_wrap(r["text"] + _sources(r.get("sources", [])), "    ", "  - "))
    out += ["", "GET HELP NOW IF"]
    for line in doc.get("safety_net", []):
        out.append(_wrap(line, "    ", "  ! "))

    out += ["", "WHAT MAY BE BEHIND THE CRAMPS (best first)"]
    if doc.get("about_causes"):
        out.append(_wrap(doc["about_causes"]))
    for f in doc["factors"]:
        title = f.get("title", f["id"])
        out.append(f"{f['rank']}. {title} - {likelihood_word(f['likelihood'])}")
        for r in f["reasons"]:
            sign = "+" if r.get("direction") == "for" else "-"
            out.append(_wrap(r["text"] + _sources(r.get("sources", [])), "     ", f"   {sign} "))
        out.append(_wrap(evidence_line(f), "     ", "   * "))

    if doc["look_alikes"]:
        out += ["", "NOT ORDINARY CRAMPS? CONDITIONS TO RULE OUT"]
        for la in doc["look_alikes"]:
            out.append(f"- {la.get('title', la['id'])} - {likelihood_word(la['likelihood'])}")
            for r in la["reasons"]:
                sign = "-" if r.get("direction") == "against" else "+"  # the gate has none
                text = r["text"] + _sources(r.get("sources", []))
                out.append(_wrap(text, "     ", f"   {sign} "))
            if la.get("advice"):
                out.append(_wrap(la["advice"], "     ", "   > "))

    if doc["tests_to_discuss"]:
        out += ["", "TESTS TO DISCUSS WITH YOUR MIDWIFE OR DOCTOR"]
        for test in doc["tests_to_discuss"]:
            out.append(_wrap(f"{test.get('title', test['id'])}: {test['why']}", "    ", "  - "))

    out += ["", "RELIEF NOW, DURING A CRAMP"]
    for i, step in enumerate(doc["relief_now"], start=1):
        out.append(_wrap(step, "     ", f"  {i}. "))

    out += ["", "PLAN FOR THE NEXT WEEKS"]
    for item in doc["plan"]:
        out.append(_wrap(item["text"] + _sources(item.get("sources", [])), "    ", "  - "))

    if doc["warnings"]:
        out += ["", "WARNINGS"]
        for w in doc["warnings"]:
            out.append(_wrap(w["text"] + _sources(w.get("sources", [])), "    ", "  ! "))
    if doc.get("estimates"):
        out += ["", "AMOUNTS WE ESTIMATED OR COULD NOT COUNT"]
        for e in doc["estimates"]:
            out.append(_wrap(e, "    ", "  ~ "))

    if doc["missing_answers"]:
        out += ["", "WHAT WOULD SHARPEN THIS (most useful first)"]
        for q in doc.get("next_questions", [])[:6]:
            out.append(_wrap(q["question"], "    ", "  ? "))

    out += ["", "REFERENCES"]
    for ref in doc["references"]:
        line = f"{ref['id']}: {ref['citation']}" + (f" {ref['url']}" if ref.get("url") else "")
        out.append(_wrap(line, "    ", "  "))
    out += ["", _wrap(doc["disclaimer"]), f"Knowledge: {doc['knowledge_version']}"]
    return "\n".join(out) + "\n"


def to_markdown(doc: dict[str, Any]) -> str:
    """The assessment as Markdown, for notes and messages to a midwife."""
    t = doc["triage"]
    out = [f"# {LEVEL_WORDS[t['level']]}", "", f"**{t['headline']}**", ""]
    out += [f"- {r['text']}{_sources(r.get('sources', []))}" for r in t["reasons"]]
    out += ["", "## Get help now if", ""]
    out += [f"- {line}" for line in doc.get("safety_net", [])]
    out += ["", "## What may be behind the cramps", ""]
    if doc.get("about_causes"):
        out += [doc["about_causes"], ""]
    for f in doc["factors"]:
        out.append(f"{f['rank']}. **{f.get('title', f['id'])}**: "
                   f"{likelihood_word(f['likelihood'])}")
        for r in f["reasons"]:
            word = "raises" if r.get("direction") == "for" else "lowers"
            out.append(f"    - *{word}*: {r['text']}{_sources(r.get('sources', []))}")
        out.append(f"    - *{evidence_line(f)}*")
    if doc["look_alikes"]:
        out += ["", "## Not ordinary cramps? Conditions to rule out", ""]
        for la in doc["look_alikes"]:
            out.append(f"- **{la.get('title', la['id'])}**: {likelihood_word(la['likelihood'])}. "
                       f"{la.get('advice', '')}")
            out += [f"    - {r['text']}{_sources(r.get('sources', []))}" for r in la["reasons"]]
    if doc["tests_to_discuss"]:
        out += ["", "## Tests to discuss", ""]
        out += [f"- **{x.get('title', x['id'])}**: {x['why']}" for x in doc["tests_to_discuss"]]
    out += ["", "## Relief now", ""]
    out += [f"{i}. {s}" for i, s in enumerate(doc["relief_now"], start=1)]
    out += ["", "## Plan", ""]
    out += [f"- {p['text']}{_sources(p.get('sources', []))}" for p in doc["plan"]]
    if doc["warnings"]:
        out += ["", "## Warnings", ""]
        out += [f"- {w['text']}{_sources(w.get('sources', []))}" for w in doc["warnings"]]
    if doc.get("estimates"):
        out += ["", "## Amounts we estimated or could not count", ""]
        out += [f"- {e}" for e in doc["estimates"]]
    if doc["missing_answers"]:
        out += ["", "## What would sharpen this", ""]
        out += [f"- {q['question']}" for q in doc.get("next_questions", [])[:6]]
    out += ["", "## References", ""]
    for ref in doc["references"]:
        cite = f"[{ref['citation']}]({ref['url']})" if ref.get("url") else ref["citation"]
        out.append(f"- **{ref['id']}** {cite}")
    out += ["", f"*{doc['disclaimer']}*", "", f"Knowledge: `{doc['knowledge_version']}`"]
    return "\n".join(out) + "\n"
