"""The summary as a FHIR R4B ``document`` Bundle (JSON), checked with ``fhir.resources.R4B``.

Composition first, with sections that mirror the PDF; then the Patient (a name only when
given), the Questionnaire made from the pack's questions with the QuestionnaireResponse
holding her answers, a RiskAssessment with the triage level and the factors, one
Observation per reading given and per logged cramp, and a MedicationStatement per product.
Clinical codes (LOINC, SNOMED CT) come from the pack's ``records.yaml``; the few codes
here are FHIR's own vocabularies (observation category, interpretation, risk). Ids are
name-based UUIDs, so the same summary made at the same moment gives the same file.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from html import escape
from typing import Any

from symptom_decoder.knowledge import Pack
from symptom_decoder.knowledge.models import Code, Question
from symptom_decoder.knowledge.records import RecordAs, Records, Unit
from symptom_decoder.summary import words
from symptom_decoder.summary.model import Cramp, Product, Summary
from symptom_decoder.summary.protocol import Options

UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
RISK = "http://terminology.hl7.org/CodeSystem/risk-probability"
STATEMENT_CATEGORY = "http://terminology.hl7.org/CodeSystem/medication-statement-category"
TRIAGE = "urn:symptom-decoder:triage-level"
"""Our own code system for the four triage levels (no standard one fits)."""
NAMESPACE = uuid.UUID("6f1d3a52-5c1e-4f0e-9a55-0b9a4e8e2d11")
_INTERPRETATION = {"low": ("L", "Low"), "high": ("H", "High"), "outside": ("A", "Abnormal")}
_RISK = {"high": "high", "moderate": "moderate", "low": "low"}
_TYPES = {"boolean": "boolean", "integer": "integer", "number": "decimal",
          "choice": "choice", "multi_choice": "choice"}


class MissingRecords(Exception):
    """The pack has no ``records.yaml``, so there are no codes for a FHIR file."""


def _coding(code: Code) -> dict[str, str]:
    return {"system": code.system, "code": code.code, "display": code.display}


def _concept(code: Code | None, text: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if code is not None:
        out["coding"] = [_coding(code)]
    if text or code is None:
        out["text"] = text or ""
    return out


def _quantity(value: float, unit: Unit) -> dict[str, Any]:
    return {"value": value, "unit": unit.text, "system": UCUM, "code": unit.ucum}


def _div(*parts: str) -> dict[str, str]:
    return {"status": "generated",
            "div": '<div xmlns="http://www.w3.org/1999/xhtml">' + "".join(parts) + "</div>"}


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _ul(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>" if items else ""


def _table(head: list[str], rows: list[list[str]]) -> str:
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


class _Bundle:
    """Builds the entries; ``ref`` gives each resource a stable ``urn:uuid``."""

    def __init__(self, summary: Summary, pack: Pack, records: Records) -> None:
        self.s, self.pack, self.records = summary, pack, records
        seed = f"{summary.generated_at.isoformat()}|{summary.knowledge_version}|{summary.name}"
        self.root = uuid.uuid5(NAMESPACE, seed)
        self.entries: list[dict[str, Any]] = []
        self.patient = self.ref("patient")

    def ref(self, key: str) -> str:
        return f"urn:uuid:{uuid.uuid5(self.root, key)}"

    def add(self, key: str, resource: dict[str, Any]) -> str:
        url = self.ref(key)
        resource["id"] = url.removeprefix("urn:uuid:")
        self.entries.append({"fullUrl": url, "resource": resource})
        return url

    @property
    def subject(self) -> dict[str, str]:
        return {"reference": self.patient}

    # --- resources --------------------------------------------------------------------

    def patient_resource(self) -> None:
        patient: dict[str, Any] = {"resourceType": "Patient"}
        if self.s.name:
            patient["name"] = [{"text": self.s.name}]
        self.add("patient", patient)

    def pregnancy(self) -> list[str]:
        p, spec, refs = self.s.pregnancy, self.records.pregnancy, []
        when = self.s.period.last.isoformat()
        if p.dated_by == "check" and self.s.check and self.s.check.made_at:
            when = self.s.check.made_at.isoformat()
        if p.weeks is not None:
            value = round(p.weeks + (p.days or 0) / 7, 1)
            obs: dict[str, Any] = {
                "resourceType": "Observation", "status": "final",
                "category": [self.category("exam")], "code": _concept(spec.gestational_age),
                "subject": self.subject, "effectiveDateTime": when,
                "valueQuantity": _quantity(value, spec.gestational_age_unit),
            }
            if p.gestation:
                obs["note"] = [{"text": words.pregnancy(p)}]
            refs.append(self.add("gestational-age", obs))
        if p.due_date is not None:
            refs.append(self.add("due-date", {
                "resourceType": "Observation", "status": "final",
                "code": _concept(spec.due_date), "subject": self.subject,
                "effectiveDateTime": when, "valueDateTime": p.due_date.isoformat(),
            }))
        return refs

    def category(self, code: str) -> dict[str, Any]:
        return {"coding": [{"system": CATEGORY, "code": code}]}

    def questionnaire(self) -> tuple[str, str]:
        manifest = self.pack.manifest
        url = f"urn:symptom-decoder:questionnaire:{manifest.id}"
        items = [self.question_item(q) for q in self.pack.questions]
        ref = self.add("questionnaire", {
            "resourceType": "Questionnaire", "url": url, "version": manifest.version,
            "title": manifest.title, "status": "active", "subjectType": ["Patient"],
            "item": items,
        })
        return ref, f"{url}|{manifest.version}"

    def question_item(self, q: Question) -> dict[str, Any]:
        item: dict[str, Any] = {"linkId": q.id, "text": q.text}
        if q.type == "supplements":
            item.update(type="group", repeats=True, item=self.supplement_items(q))
            return item
        item["type"] = _TYPES[q.type]
        if q.type == "multi_choice":
            item["repeats"] = True
        if q.choices:
            item["answerOption"] = [{"valueCoding": {"code": c.value, "display": c.label}}
                                    for c in q.choices]
        return item

    def supplement_items(self, q: Question) -> list[dict[str, Any]]:
        schema = self.pack.answers_schema.get("properties", {}).get(q.path, {})
        props = schema.get("items", {}).get("properties", {})
        out = []
        for name, sub in props.items():
            child: dict[str, Any] = {"linkId": f"{q.id}.{name}",
                                     "text": sub.get("title") or name.replace("_", " ")}
            if "enum" in sub:
                child["type"] = "choice"
                child["answerOption"] = [{"valueCoding": {"code": v}} for v in sub["enum"]]
            else:
                child["type"] = {"number": "decimal", "integer": "integer",
                                 "boolean": "boolean"}.get(sub.get("type", ""), "string")
            out.append(child)
        return out

    def answer(self, q: Question, value: Any) -> list[dict[str, Any]]:
        values = value if isinstance(value, list) else [value]
        out: list[dict[str, Any]] = []
        for v in values:
            if q.type == "boolean":
                out.append({"valueBoolean": bool(v)})
            elif q.type == "integer":
                out.append({"valueInteger": int(v)})
            elif q.type == "number":
                out.append({"valueDecimal": v})
            else:
                label = next((c.label for c in q.choices or [] if c.value == v), None)
                coding = {"code": v} if label is None else {"code": v, "display": label}
                out.append({"valueCoding": coding})
        return out

    def response(self, canonical: str) -> str | None:
        from symptom_decoder.answers import get_path

        answers, items = self.s.answers, []
        if not answers:
            return None
        for q in self.pack.questions:
            value = get_path(answers, q.path)
            if value is None or value == []:
                continue
            if q.type == "supplements":
                for product in value:
                    children = [{"linkId": f"{q.id}.{k}", "answer": [self.supplement_answer(v)]}
                                for k, v in product.items()]
                    items.append({"linkId": q.id, "text": q.text, "item": children})
                continue
            items.append({"linkId": q.id, "text": q.text, "answer": self.answer(q, value)})
        check = self.s.check
        authored = check.made_at if check and check.made_at else self.s.generated_at
        return self.add("questionnaire-response", {
            "resourceType": "QuestionnaireResponse", "questionnaire": canonical,
            "status": "completed", "subject": self.subject, "authored": authored.isoformat(),
            "author": self.subject, "source": self.subject, "item": items,
        })

    @staticmethod
    def supplement_answer(value: Any) -> dict[str, Any]:
        if isinstance(value, bool):
            return {"valueBoolean": value}
        if isinstance(value, int | float):
            return {"valueDecimal": value}
        return {"valueString": str(value)}

    def readings(self) -> list[str]:
        refs = []
        check = self.s.check
        when = (check.made_at or self.s.generated_at) if check else self.s.generated_at
        for reading in self.s.readings:
            spec = next(r for r in self.records.readings if r.id == reading.id)
            obs: dict[str, Any] = {
                "resourceType": "Observation", "status": "final",
                "category": [self.category(spec.category)], "code": _concept(spec.code),
                "subject": self.subject, "effectiveDateTime": when.isoformat(),
                "performer": [self.subject],
                "note": [{"text": "Given by her in the check; the date is when she gave it."}],
            }
            if spec.components:
                obs["component"] = []
                for c in spec.components:
                    value = reading.values.get(c.path)
                    if value is None:
                        continue
                    part: dict[str, Any] = {"code": _concept(c.code)}
                    if spec.unit and not isinstance(value, str):
                        part["valueQuantity"] = _quantity(value, spec.unit)
                    obs["component"].append(part)
            else:
                value = next(iter(reading.values.values()))
                if isinstance(value, str):
                    obs["valueCodeableConcept"] = {"text": value}
                elif spec.unit:
                    obs["valueQuantity"] = self.recorded(value, spec.unit, spec.record_as)
                    low, high = reading.low, reading.high
                    if reading.usual:
                        bounds: dict[str, Any] = {"text": f"usual: {reading.usual} "
                                                          f"{spec.unit.text}"}
                        if low is not None:
                            bounds["low"] = self.recorded(low, spec.unit, spec.record_as)
                        if high is not None:
                            bounds["high"] = self.recorded(high, spec.unit, spec.record_as)
                        obs["referenceRange"] = [bounds]
            if reading.flag:
                code, display = _INTERPRETATION[reading.flag]
                obs["interpretation"] = [{"coding": [{"system": INTERPRETATION, "code": code,
                                                      "display": display}]}]
            refs.append(self.add(f"reading-{reading.id}", obs))
        return refs

    @staticmethod
    def recorded(value: float, unit: Unit, record_as: RecordAs | None) -> dict[str, Any]:
        if record_as is None:
            return _quantity(value, unit)
        return _quantity(round(value * record_as.factor, 3), record_as.unit)

    def cramps(self) -> list[str]:
        return [self.add(f"cramp-{i}", self.cramp(c))
                for i, c in enumerate(self.s.cramps.episodes)]

    def cramp(self, c: Cramp) -> dict[str, Any]:
        spec = self.records.episode
        obs: dict[str, Any] = {
            "resourceType": "Observation", "status": "final",
            "category": [self.category(spec.category)], "code": _concept(spec.finding),
            "subject": self.subject, "effectiveDateTime": c.started_at.isoformat(),
            "performer": [self.subject],
        }
        site = next((code for part, code in spec.body_sites.items() if part == c.muscle), None)
        where = " ".join(p for p in ((f"{c.leg} leg" if c.leg == "both" else c.leg),
                                     c.muscle if c.muscle != "other" else "elsewhere") if p)
        if site is not None or where:
            obs["bodySite"] = _concept(site, where or None)
        components: list[dict[str, Any]] = []
        if c.severity is not None:
            components.append({"code": _concept(spec.severity), "valueInteger": c.severity})
        components.append({"code": _concept(spec.woke.code, spec.woke.text),
                           "valueBoolean": c.woke})
        if c.duration_min is not None:
            components.append({"code": _concept(spec.duration.code, spec.duration.text),
                               "valueQuantity": {"value": c.duration_min, "unit": "minutes",
                                                 "system": UCUM, "code": "min"}})
        obs["component"] = components
        return obs

    def medications(self) -> list[str]:
        ledger = self.s.ledger
        if ledger is None:
            return []
        check = self.s.check
        asserted = (check.made_at if ledger.source == "check" and check and check.made_at
                    else self.s.generated_at)
        return [self.add(f"medication-{i}", self.statement(p, asserted.isoformat()))
                for i, p in enumerate(ledger.products)]

    def statement(self, p: Product, asserted: str) -> dict[str, Any]:
        ingredients = []
        for key, amount in p.amounts.items():
            spec = self.records.ingredients.get(key)  # type: ignore[call-overload]
            if spec is None:
                continue
            ingredients.append({
                "itemCodeableConcept": _concept(spec.code, spec.label),
                "strength": {"numerator": _quantity(amount, spec.unit),
                             "denominator": {"value": 1, "unit": "tablet or dose"}},
            })
        medication: dict[str, Any] = {"resourceType": "Medication", "id": "product",
                                      "code": {"text": p.name}}
        if ingredients:
            medication["ingredient"] = ingredients
        statement: dict[str, Any] = {
            "resourceType": "MedicationStatement", "contained": [medication],
            "status": "active",
            "category": {"coding": [{"system": STATEMENT_CATEGORY, "code": "patientspecified"}]},
            "medicationReference": {"reference": "#product", "display": p.name},
            "subject": self.subject, "dateAsserted": asserted,
            "informationSource": self.subject,
            "dosage": [self.dosage(p)],
        }
        notes = [f"Kind: {p.kind.replace('_', ' ')}."]
        for key in p.estimated:
            label = self.records.ingredients[key].label  # type: ignore[index]
            unit = self.records.ingredients[key].unit.text  # type: ignore[index]
            notes.append(f"{label} was left blank on the label; {words.amount(p.amounts[key])} "
                         f"{unit} a tablet or dose is counted, a typical amount.")
        statement["note"] = [{"text": " ".join(notes)}]
        return statement

    @staticmethod
    def dosage(p: Product) -> dict[str, Any]:
        units = p.units_per_day
        dosage: dict[str, Any] = {"text": f"{units:g} a day",
                                  "doseAndRate": [{"doseQuantity": {"value": 1,
                                                                    "unit": "tablet or dose"}}]}
        if units > 0:
            repeat: dict[str, Any]
            if float(units).is_integer():
                repeat = {"frequency": int(units), "period": 1}
            else:
                repeat = {"frequency": 1, "period": round(1 / units, 3)}
            dosage["timing"] = {"repeat": {**repeat, "periodUnit": "d"}}
        return dosage

    def risk(self, basis: list[str]) -> str | None:
        check = self.s.check
        if check is None:
            return None
        predictions: list[dict[str, Any]] = [{
            "outcome": {"coding": [{"system": TRIAGE, "code": check.level,
                                    "display": words.LEVEL_NAMES[check.level]}],
                        "text": check.headline},
            "rationale": " ".join(check.reasons),
        }]
        for kind, items in (("A possible contributor to the cramps", self.s.factors),
                            ("Another condition to rule out", self.s.look_alikes)):
            for f in items:
                predictions.append({
                    "outcome": _concept(f.code, f"{kind}: {f.title}"),
                    "qualitativeRisk": {"coding": [{"system": RISK,
                                                    "code": _RISK[f.likelihood]}],
                                        "text": words.LIKELIHOOD[f.likelihood]},
                    "rationale": " ".join(f.reasons),
                })
        notes = [{"text": w.text} for w in check.warnings]
        notes.append({"text": self.s.disclaimer})
        risk: dict[str, Any] = {
            "resourceType": "RiskAssessment", "status": "final", "subject": self.subject,
            "occurrenceDateTime": (check.made_at or self.s.generated_at).isoformat(),
            "code": {"text": "Triage of night-time leg cramps in pregnancy"},
            "method": {"text": f"Symptom Decoder, knowledge {check.knowledge_version}: rules "
                               "set by hand from published evidence, not a validated model"},
            "basis": [{"reference": r} for r in basis],
            "prediction": predictions, "note": notes,
        }
        if self.s.tests:
            risk["mitigation"] = "Tests to discuss: " + "; ".join(
                f"{t.title} ({t.why})" for t in self.s.tests)
        return self.add("risk-assessment", risk)

    # --- sections -------------------------------------------------------------------

    def section(self, section_id: str, text: dict[str, str], refs: list[str]
                ) -> dict[str, Any] | None:
        spec = self.records.section(section_id)
        if spec is None:
            return None
        out: dict[str, Any] = {"title": spec.title, "text": text}
        if spec.code is not None:
            out["code"] = _concept(spec.code)
        if refs:
            out["entry"] = [{"reference": r} for r in refs]
        return out

    def narratives(self) -> dict[str, dict[str, str]]:
        s = self.s
        out: dict[str, dict[str, str]] = {}
        out["pregnancy"] = _div(_p(f"Week of pregnancy: {words.pregnancy(s.pregnancy)}. "
                                   f"Age: {words.age(s.pregnancy.age_band)}."))
        if s.check:
            c = s.check
            signs = [f"{d.label}: {d.shown}" for d in c.danger_signs]
            out["check"] = _div(
                _p(f"{words.LEVELS[c.level]} ({words.check_when(s)}). {c.headline}"),
                _ul(words.reasons(c)), _p("Danger signs asked, and the answers given:"),
                _ul(signs), _p("What worries the tool:") if c.worries else "",
                _ul([w.text for w in c.worries]))
        else:
            out["check"] = _div(_p("No check was kept, so the danger signs were not asked."))
        rows = [[words.span(w.first, w.last), str(w.gestational_week or "–"),
                 words.weekly(w, w.cramps), words.weekly(w, w.nights_woken),
                 words.severity(w.median_severity)] for w in s.cramps.weeks]
        out["cramps"] = _div(
            _p(f"{words.period(s)}. {words.cramps_line(s.cramps)}"),
            _table(["Days", "Week of pregnancy", "Cramps", "Nights woken",
                    "Median severity (0 to 10)"], rows) if rows else "",
            _p(f"Trend: {s.cramps.trend.words}") if s.cramps.trend else "",
            _p(s.cramps.trend_note) if s.cramps.trend_note else "")
        look = [f"{f.title} ({words.LIKELIHOOD[f.likelihood]}): {' '.join(f.reasons)}"
                for f in s.factors]
        alike = [f"{f.title} ({words.LIKELIHOOD[f.likelihood]}): {' '.join(f.reasons)}"
                 for f in s.look_alikes]
        tests = [f"{t.title}: {t.why}" for t in s.tests]
        lead = words.from_check(s) if look or alike or tests else ""
        out["worth_a_look"] = _div(
            _p(lead) if lead else "",
            _p("What may be behind the cramps:") if look else "", _ul(look),
            _p("Other conditions to rule out:") if alike else "", _ul(alike),
            _p("Tests to discuss:") if tests else "", _ul(tests),
            "" if look or alike or tests else _p("Nothing from the latest check."))
        if s.ledger:
            head = ["Product", "A day"] + [f"{t.name} ({t.unit})" for t in s.ledger.totals]
            body = [[p.name, f"{p.units_per_day:g}"]
                    + [words.amount(p.amounts[t.key]) + ("*" if t.key in p.estimated else "")
                       if t.key in p.amounts else "" for t in s.ledger.totals]
                    for p in s.ledger.products]
            body.append(["Total a day", ""] + [words.amount(t.counted)
                                               + (" OVER" if t.over else "")
                                               for t in s.ledger.totals])
            body.append(["Upper limit a day", ""] + [
                words.amount(t.upper_limit) if t.upper_limit is not None else "none"
                for t in s.ledger.totals])
            out["supplements"] = _div(_table(head, body), _ul(s.ledger.notes),
                                      _ul([w.text for w in s.ledger.warnings]))
        else:
            out["supplements"] = _div(_p("None recorded."))
        out["readings"] = _div(_table(
            ["Reading", "Value", "Usual range", ""],
            [[r.label, words.reading_value(r), r.usual, words.flag(r)] for r in s.readings],
        )) if s.readings else _div(_p("None given."))
        if s.food:
            lines = [f"{f.name}: {words.amount(f.amount)} {f.unit} a day" for f in s.food.lines]
            out["food"] = _div(_p(f"Averages over {s.food.days_logged} logged days."), _ul(lines))
        else:
            out["food"] = _div(_p("No food logged in this period."))
        return out

    def document(self) -> dict[str, Any]:
        s = self.s
        self.patient_resource()
        _, canonical = self.questionnaire()
        response = self.response(canonical)
        pregnancy = self.pregnancy()
        readings = self.readings()
        basis = ([response] if response else []) + readings
        risk = self.risk(basis)
        cramps = self.cramps()
        medications = self.medications()
        text = self.narratives()
        refs = {"pregnancy": pregnancy,
                "check": ([risk] if risk else []) + ([response] if response else []),
                "cramps": cramps, "worth_a_look": [risk] if risk else [],
                "supplements": medications, "readings": readings, "food": []}
        sections = [self.section(sid, text[sid], refs[sid]) for sid in refs]
        composition = {
            "resourceType": "Composition", "status": "final",
            "type": _concept(self.records.document.type), "subject": self.subject,
            "date": s.generated_at.isoformat(),
            "author": [{"display": "Symptom Decoder, from what she recorded herself"}],
            "title": words.TITLE,
            "confidentiality": "R",
            "section": [x for x in sections if x is not None],
        }
        composition["id"] = self.ref("composition").removeprefix("urn:uuid:")
        entries = [{"fullUrl": self.ref("composition"), "resource": composition}]
        return {
            "resourceType": "Bundle",
            "id": str(self.root),
            "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{self.root}"},
            "type": "document",
            "timestamp": s.generated_at.isoformat(),
            "entry": entries + self.entries,
        }


def _pruned(node: Any) -> Any:
    """NODE without empty strings, lists and objects, which FHIR does not allow."""
    if isinstance(node, dict):
        kept = {k: _pruned(v) for k, v in node.items()}
        return {k: v for k, v in kept.items() if v not in ("", [], {}, None)}
    if isinstance(node, list):
        return [v for v in (_pruned(v) for v in node) if v not in ("", [], {}, None)]
    return node


def to_bundle(summary: Summary, pack: Pack) -> dict[str, Any]:
    """The document Bundle as JSON data (not yet checked)."""
    if pack.records is None:
        raise MissingRecords(f"the knowledge pack {pack.id} has no records.yaml, so it has no "
                             "codes for a FHIR file")
    bundle: dict[str, Any] = _pruned(_Bundle(summary, pack, pack.records).document())
    return bundle


def parse(data: Mapping[str, Any]) -> Any:
    """DATA read back as an R4B Bundle: raises when it is not valid FHIR R4B."""
    from fhir.resources.R4B.bundle import Bundle

    return Bundle.model_validate(dict(data))


class FhirExporter:
    name = "fhir"
    title = "FHIR R4B document (JSON)"
    media_type = "application/fhir+json"
    suffix = ".json"

    def render(self, summary: Summary, pack: Pack, options: Options) -> bytes:
        bundle = to_bundle(summary, pack)
        parse(bundle)
        return (json.dumps(bundle, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
