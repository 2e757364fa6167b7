"""Values computed from the answers that conditions may read (``derived.*``, ``limits.*``).

Each derived value declares the answer paths it reads, so the engine can tell which
missing answer could change which rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from symptom_decoder.answers import get_path
from symptom_decoder.nutrition import (
    SUPPLEMENT_NUTRIENTS,
    blank_estimates,
    blank_unknowns,
    gives,
    supplement_totals,
)

if TYPE_CHECKING:
    from symptom_decoder.knowledge.pack import Pack

Getter = Callable[[dict[str, Any], "Pack"], Any]


@dataclass(frozen=True)
class Derived:
    name: str
    inputs: tuple[str, ...]
    compute: Getter
    about: str


def _trimester(a: dict[str, Any], pack: Pack) -> int | None:
    week = get_path(a, "gestational_week")
    if week is None or get_path(a, "postpartum_weeks") is not None:
        return None
    for row in pack.manifest.trimesters:
        if row.first_week <= week <= row.last_week:
            return row.trimester
    return None


def _postpartum(a: dict[str, Any], _pack: Pack) -> bool | None:
    if get_path(a, "postpartum_weeks") is not None:
        return True
    return False if get_path(a, "gestational_week") is not None else None


def _stage(a: dict[str, Any], pack: Pack) -> str:
    """early, late_pregnancy, recent_birth, after_birth, or unknown (which counts as late)."""
    stages = pack.manifest.stages
    late_from = stages.late_from_week if stages else 20
    recent = stages.recent_birth_weeks if stages else 6
    after = get_path(a, "postpartum_weeks")
    if after is not None:
        return "recent_birth" if after <= recent else "after_birth"
    week = get_path(a, "gestational_week")
    if week is None:
        return "unknown"
    return "late_pregnancy" if week >= late_from else "early"


LATE_STAGES = ("late_pregnancy", "recent_birth", "unknown")


def _bp_reading(a: dict[str, Any], _pack: Pack) -> str | None:
    """The blood pressure reading in words: "150 over 95", or one number when only one is given."""
    upper = get_path(a, "measurements.bp_systolic_mmhg")
    lower = get_path(a, "measurements.bp_diastolic_mmhg")
    if upper is not None and lower is not None:
        return f"{upper:g} over {lower:g}"
    if upper is not None:
        return f"{upper:g} (the upper number)"
    return None if lower is None else f"{lower:g} (the lower number)"


def _late(a: dict[str, Any], pack: Pack) -> bool:
    return _stage(a, pack) in LATE_STAGES


def _supplement(nutrient: str) -> Getter:
    def compute(a: dict[str, Any], pack: Pack) -> float | None:
        items = a.get("supplements")
        if items is None:
            return None
        return supplement_totals(items, pack.blanks)[nutrient]

    return compute


def food_calcium_estimated(a: dict[str, Any], pack: Pack) -> bool:
    """True when the upper-limit check counts the pack's typical food calcium: her
    supplements give calcium and she did not say how much her food gives."""
    est = pack.manifest.estimates
    items = a.get("supplements")
    return (est is not None and est.typical_food_calcium_mg is not None and items is not None
            and _dietary_calcium(a, pack) is None
            and any(gives(item, "calcium_mg", pack.expected) for item in items))


def _estimate_words(nutrient: str, food: bool = False) -> Getter:
    """Sentences naming every estimate counted toward NUTRIENT's total, and every amount of
    it left blank with no typical figure ("" when none)."""

    def compute(a: dict[str, Any], pack: Pack) -> str:
        est = pack.manifest.estimates
        items = a.get("supplements")
        if items is None:
            return ""
        words = []
        if est is not None:
            texts: dict[tuple[str, str], str] = {(row.kind, row.nutrient): row.text
                                                 for row in est.blank_amounts}
            for e in blank_estimates(items, pack.blanks):
                if e.nutrient == nutrient:
                    words.append(texts[(e.kind, e.nutrient)].format(
                        name=pack.product_name(e.kind, e.name), units=e.units,
                        per_unit=e.per_unit, total=e.total))
            if food and est.typical_food_calcium_text and food_calcium_estimated(a, pack):
                words.append(est.typical_food_calcium_text.format(
                    amount=est.typical_food_calcium_mg))
        words += [pack.unknown_amount(nutrient, pack.product_name(u.kind, u.name))
                  for u in blank_unknowns(items, pack.expected, pack.blanks)
                  if u.nutrient == nutrient]
        return " ".join(" ".join(w.split()) for w in words if w)

    return compute


def _kinds(a: dict[str, Any], _pack: Pack) -> list[str] | None:
    items = a.get("supplements")
    return None if items is None else sorted({item["kind"] for item in items})


def _iron_and_calcium_in_separate_products(a: dict[str, Any], pack: Pack) -> bool | None:
    items = a.get("supplements")
    if items is None:
        return None
    expected = pack.expected  # a blank amount in a calcium antacid still holds calcium
    with_iron = [i for i, item in enumerate(items) if gives(item, "iron_mg", expected)]
    with_calcium = [i for i, item in enumerate(items) if gives(item, "calcium_mg", expected)]
    return any(i != j for i in with_iron for j in with_calcium)


def _estimate(logged_path: str, servings_path: str, base: str, per_serving: str) -> Getter:
    """The food log's daily figure, else base + servings x per-serving from the pack."""

    def compute(a: dict[str, Any], pack: Pack) -> float | None:
        logged = get_path(a, logged_path)
        if logged is not None:
            return float(logged)
        servings = get_path(a, servings_path)
        est = pack.manifest.estimates
        if servings is None or est is None:
            return None
        return float(getattr(est, base)) + float(servings) * float(getattr(est, per_serving))

    return compute


_dietary_magnesium = _estimate("intake.dietary_magnesium_mg_per_day",
                               "intake.magnesium_rich_servings_per_day",
                               "magnesium_base_mg", "magnesium_per_serving_mg")
_dietary_calcium = _estimate("intake.dietary_calcium_mg_per_day", "intake.dairy_servings_per_day",
                             "calcium_base_mg", "calcium_per_dairy_serving_mg")


def _dietary_magnesium_estimated(a: dict[str, Any], _pack: Pack) -> bool | None:
    if get_path(a, "intake.dietary_magnesium_mg_per_day") is not None:
        return False
    return True if get_path(a, "intake.magnesium_rich_servings_per_day") is not None else None


def _magnesium_basis(a: dict[str, Any], pack: Pack) -> str | None:
    estimated = _dietary_magnesium_estimated(a, pack)
    if estimated is None:
        return None
    return "a rough estimate from your servings" if estimated else "your food log"


def _dietary_iron(a: dict[str, Any], _pack: Pack) -> float | None:
    logged = get_path(a, "intake.dietary_iron_mg_per_day")
    return None if logged is None else float(logged)


def _total(diet: Getter, nutrient: str) -> Getter:
    supplement = _supplement(nutrient)

    def compute(a: dict[str, Any], pack: Pack) -> float | None:
        food, extra = diet(a, pack), supplement(a, pack)
        if food is None and extra is None:
            return None
        return (food or 0.0) + (extra or 0.0)

    return compute


def _calcium_for_limit(a: dict[str, Any], pack: Pack) -> float | None:
    """Calcium from food and supplements for the upper-limit check: unknown food calcium
    counts as the pack's typical intake, never as zero."""
    extra = _supplement("calcium_mg")(a, pack)
    food = _dietary_calcium(a, pack)
    est = pack.manifest.estimates
    if est is not None and food_calcium_estimated(a, pack):
        food = est.typical_food_calcium_mg
    if food is None and extra is None:
        return None
    return (food or 0.0) + (extra or 0.0)


_MG_DIET = ("intake.dietary_magnesium_mg_per_day", "intake.magnesium_rich_servings_per_day")
_CA_DIET = ("intake.dietary_calcium_mg_per_day", "intake.dairy_servings_per_day")

_STAGE = ("gestational_week", "postpartum_weeks")

DERIVED: dict[str, Derived] = {
    d.name: d
    for d in [
        Derived(
            "derived.stage",
            _STAGE,
            _stage,
            "early, late_pregnancy, recent_birth, after_birth or unknown (counted as late)",
        ),
        Derived(
            "derived.late",
            _STAGE,
            _late,
            "true from the pack's late week of pregnancy to its recent-birth weeks after "
            "birth, and when the stage is unknown",
        ),
        Derived(
            "derived.trimester",
            ("gestational_week", "postpartum_weeks"),
            _trimester,
            "trimester 1, 2 or 3 from the week of pregnancy (none after birth)",
        ),
        Derived(
            "derived.postpartum",
            ("gestational_week", "postpartum_weeks"),
            _postpartum,
            "true after birth",
        ),
        Derived(
            "derived.bp_reading",
            ("measurements.bp_systolic_mmhg", "measurements.bp_diastolic_mmhg"),
            _bp_reading,
            "the blood pressure reading in words",
        ),
        Derived(
            "derived.supplement_kinds",
            ("supplements",),
            _kinds,
            "the kinds of supplement taken",
        ),
        Derived(
            "derived.iron_and_calcium_in_separate_products",
            ("supplements",),
            _iron_and_calcium_in_separate_products,
            "true when iron and calcium come in different products, so timing matters",
        ),
        Derived(
            "derived.dietary_magnesium_mg",
            _MG_DIET,
            _dietary_magnesium,
            "magnesium from food per day: the food log's figure, else an estimate",
        ),
        Derived(
            "derived.dietary_magnesium_estimated",
            _MG_DIET,
            _dietary_magnesium_estimated,
            "true when dietary magnesium is an estimate from servings",
        ),
        Derived(
            "derived.dietary_magnesium_basis",
            _MG_DIET,
            _magnesium_basis,
            "where the dietary magnesium figure comes from, in words",
        ),
        Derived(
            "derived.dietary_calcium_mg",
            _CA_DIET,
            _dietary_calcium,
            "calcium from food per day: the food log's figure, else an estimate",
        ),
        Derived(
            "derived.total_calcium_mg",
            (*_CA_DIET, "supplements"),
            _calcium_for_limit,
            "calcium from food, supplements and antacids together; unknown food calcium "
            "counts as the pack's typical intake",
        ),
        Derived(
            "derived.calcium_estimates",
            (*_CA_DIET, "supplements"),
            _estimate_words("calcium_mg", food=True),
            "sentences naming each estimated or unknown calcium amount (empty when none)",
        ),
        Derived(
            "derived.magnesium_estimates",
            ("supplements",),
            _estimate_words("magnesium_mg"),
            "sentences naming each estimated or unknown magnesium amount (empty when none)",
        ),
        Derived(
            "derived.iron_estimates",
            ("supplements",),
            _estimate_words("iron_mg"),
            "sentences naming each unknown iron amount (empty when none)",
        ),
        Derived(
            "derived.vitamin_d_estimates",
            ("supplements",),
            _estimate_words("vitamin_d_iu"),
            "sentences naming each unknown vitamin D amount (empty when none)",
        ),
        Derived(
            "derived.total_iron_mg",
            ("intake.dietary_iron_mg_per_day", "supplements"),
            _total(_dietary_iron, "iron_mg"),
            "iron from supplements, plus food when a food log gives it",
        ),
        Derived(
            "derived.total_magnesium_mg",
            (*_MG_DIET, "supplements"),
            _total(_dietary_magnesium, "magnesium_mg"),
            "magnesium from food and supplements together",
        ),
        *(
            Derived(
                f"derived.supplement_{n}",
                ("supplements",),
                _supplement(n),
                f"{n} per day from supplements, antacids and laxatives",
            )
            for n in SUPPLEMENT_NUTRIENTS
        ),
    ]
}

LIMIT_FIELDS = ("rda", "ear", "ul")


def limit_value(path: str, answers: dict[str, Any], pack: Pack) -> float | None:
    """``limits.<nutrient>.<rda|ear|ul>`` for the person's age band."""
    _, nutrient, field = path.split(".")
    row = pack.intakes_for(get_path(answers, "age_years")).get(nutrient)
    value = None if row is None else getattr(row, field)
    return None if value is None else float(value)
