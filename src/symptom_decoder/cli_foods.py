"""``foods``, ``log``, ``supplements`` and ``diet``: food data, the food log and the stack.

Each command parses, calls one service, and renders a Rich table or, with
``--format json``, a JSON document with stable keys. Heavy modules are imported inside
the commands so that ``symptom-decoder --help`` stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from symptom_decoder.foods.catalog import Catalog
    from symptom_decoder.knowledge.models import Intake


class Format(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[Format, typer.Option("--format", help="table (default) or json.")]
AgeOption = Annotated[
    int | None,
    typer.Option("--age", min=12, max=60,
                 help="Your age in years: picks the reference intakes for your age band."),
]

foods_app = typer.Typer(help="USDA food data: import it once, then search it.",
                        no_args_is_help=True)
log_app = typer.Typer(help="Your food log: what you ate, and day totals.", no_args_is_help=True)
supplements_app = typer.Typer(help="Your supplements and antacids, and their daily totals.",
                              no_args_is_help=True)
diet_app = typer.Typer(help="Foods that would close a nutrient gap.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(foods_app, name="foods")
    app.add_typer(log_app, name="log")
    app.add_typer(supplements_app, name="supplements")
    app.add_typer(diet_app, name="diet")


def _fail(lines: list[str] | str) -> typer.Exit:
    from symptom_decoder.cli import fail

    return fail(lines)


def _print_json(document: Any) -> None:
    typer.echo(json.dumps(document, indent=2, ensure_ascii=False))


def _settings() -> Any:
    from symptom_decoder.settings import SettingsError, get_settings

    try:
        return get_settings()
    except SettingsError as exc:
        raise _fail(str(exc).splitlines()) from None


def _catalog() -> Catalog:
    from symptom_decoder.foods.catalog import Catalog
    from symptom_decoder.foods.database import FoodDataError

    try:
        return Catalog.open(_settings().food_db_path)
    except FoodDataError as exc:
        raise _fail(str(exc).splitlines()) from None


@contextmanager
def _session() -> Iterator[tuple[Session, int]]:
    """A unit of work on the personal store, for the local person (the diary's, shared)."""
    from symptom_decoder._cli_diary_session import diary_session

    with diary_session() as (session, person):
        yield session, person.id


def _intakes(age: int | None) -> Mapping[str, Intake]:
    """The knowledge pack's reference intakes and upper limits for AGE (strictest if None)."""
    from symptom_decoder.knowledge import load_pack

    return load_pack(_settings().pack).intakes_for(age)


def _parse_day(text: str | None) -> date:
    if text is None or text == "today":
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(f"date: use YYYY-MM-DD, e.g. 2026-11-25 (got {text!r})") from None


def _number(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "unknown"
    return f"{value:,.{digits}f}"


# ---------------------------------------------------------------- foods


@foods_app.command("import")
def foods_import(
    path: Annotated[Path, typer.Argument(help="SR28 folder or zip, or a FoodData Central CSV "
                                               "download (folder or zip).")],
    if_missing: Annotated[bool, typer.Option("--if-missing", help="Do nothing when a food "
                                             "database already exists.")] = False,
) -> None:
    """Build the food database from a USDA release (replaces the previous one only on success)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from symptom_decoder.foods.database import FoodDataError, import_foods

    target = _settings().food_db_path
    console = Console(stderr=True)
    if if_missing and target.is_file():
        typer.echo(str(target))
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        try:
            summary = import_foods(path, target, progress=report)
        except FoodDataError as exc:
            raise _fail([str(exc), "The previous food database, if any, is unchanged."]) from None
    console.print(
        f"Imported {summary.foods:,} foods, {summary.nutrient_values:,} nutrient values and "
        f"{summary.portions:,} portions from {summary.release} in {summary.seconds:.1f} seconds."
    )
    typer.echo(str(target))


@foods_app.command("search")
def foods_search(
    query: Annotated[list[str], typer.Argument(help="Words of the food, in any order.")],
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    format: FormatOption = Format.table,
) -> None:
    """Find foods by name: typos and plurals are fine; everyday foods come first."""
    catalog = _catalog()
    results = [catalog.as_result(f) for f in catalog.search(" ".join(query), limit=limit)]
    if format is Format.json:
        _print_json(results)
        return
    if not results:
        typer.echo(f"No food matches '{' '.join(query)}'. Try fewer or other words.")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "food", "portions (grams)", title=f"Foods for '{' '.join(query)}'")
    for r in results:
        portions = ", ".join(f"{p['label']} = {p['grams']:g} g" for p in r["portions"][:4]
                             if p["label"] != "100 g") or "grams only"
        table.add_row(str(r["id"]), r["description"], portions)
    Console().print(table)


@foods_app.command("show")
def foods_show(
    food_id: Annotated[int, typer.Argument(metavar="ID", help="NDB number or FDC id.")],
    format: FormatOption = Format.table,
) -> None:
    """One food: its portions and nutrients per 100 grams, with its USDA ids."""
    from symptom_decoder.foods.nutrients import BY_KEY

    catalog = _catalog()
    food = catalog.food(food_id)
    if food is None:
        raise _fail(f"No food has the id {food_id}. Find ids with: symptom-decoder foods search")
    details = catalog.details(food)
    if format is Format.json:
        _print_json(details)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    ids = f"NDB {food.ndb_no}" + (f", FDC {food.fdc_id}" if food.fdc_id else "")
    console.print(f"[bold]{food.description}[/bold]  ({ids}; {details['release']})")
    if details["fdc_url"]:
        console.print(details["fdc_url"])
    table = Table("nutrient", "per 100 grams", title="Nutrients")
    for key, value in details["nutrients_per_100_g"].items():
        nutrient = BY_KEY[key]
        table.add_row(nutrient.name, f"{_number(value, 2)} {nutrient.unit}")
    console.print(table)
    portions = Table("portion", "grams", title="Portions")
    for p in details["portions"]:
        portions.add_row(p["label"], f"{p['grams']:g}")
    console.print(portions)


# ---------------------------------------------------------------- log


@log_app.command("add")
def log_add(
    text: Annotated[list[str], typer.Argument(help="e.g. 30 g pumpkin seeds, 1 cup cooked "
                                                   "spinach, 1 medium banana")],
    day: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default today).")] = None,
    food: Annotated[int | None, typer.Option("--food", help="Food id, when the words are "
                                                            "ambiguous.")] = None,
    portion: Annotated[str | None, typer.Option("--portion", help="Words of the portion to "
                                                                  "use, e.g. 'sliced'.")] = None,
    format: FormatOption = Format.table,
) -> None:
    """Log what you ate; the amount comes first."""
    from symptom_decoder.foodlog import FoodLogError, add_entry, resolve

    entry_day = _parse_day(day)
    words = " ".join(text)
    catalog = _catalog()
    try:
        resolved = resolve(catalog, words, food_id=food, portion=portion)
    except FoodLogError as exc:
        lines = [str(exc), *(f"  {o}" for o in exc.options)]
        raise _fail([*lines, exc.hint] if exc.hint else lines) from None
    with _session() as (session, person_id):
        entry = add_entry(session, person_id=person_id, day=entry_day, text=words,
                          resolved=resolved)
        entry_id = entry.id
    document = _entry_json(entry)
    if format is Format.json:
        _print_json(document)
        return
    magnesium = resolved.nutrients["magnesium_mg"]
    typer.echo(
        f"Logged for {entry_day.isoformat()} (entry {entry_id}): {resolved.portion} of "
        f"{resolved.food.description} — {_number(magnesium)} milligrams of magnesium."
    )


def _entry_json(entry: Any) -> dict[str, Any]:
    from symptom_decoder.foodlog import entry_view

    return entry_view(entry)


@log_app.command("day")
def log_day(
    day: Annotated[str | None, typer.Argument(help="YYYY-MM-DD (default today).")] = None,
    age: AgeOption = None,
    format: FormatOption = Format.table,
) -> None:
    """A day's entries and totals against the pregnancy reference intakes."""
    from symptom_decoder.foodlog import compare, day_totals

    the_day = _parse_day(day)
    with _session() as (session, person_id):
        totals = day_totals(session, person_id=person_id, day=the_day)
        entries = [_entry_json(e) for e in totals.entries]
    intakes = _intakes(age)
    rows = compare(totals, intakes)
    ratio = totals.calcium_to_magnesium
    document = {
        "date": the_day.isoformat(),
        "entries": entries,
        "totals": {r.key: (None if r.total is None else round(r.total, 2)) for r in rows},
        "completeness": {
            k: {"known": t.known, "entries": t.entries} for k, t in totals.totals.items()
        },
        "calcium_to_magnesium_ratio": None if ratio is None else round(ratio, 2),
        "reference": [
            {"nutrient": r.key, "target": r.target, "upper_limit": r.upper_limit,
             "upper_limit_scope": r.upper_limit_scope, "percent_of_target":
             None if r.percent_of_target is None else round(r.percent_of_target),
             "references": r.references, "note": r.note}
            for r in rows
        ],
    }
    if format is Format.json:
        _print_json(document)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not entries:
        console.print(f"Nothing logged for {the_day.isoformat()}. Add food with: "
                      "symptom-decoder log add '30 g pumpkin seeds'")
        return
    eaten = Table("entry", "what", "food (USDA id)", "grams", "magnesium mg",
                  title=f"Food on {the_day.isoformat()}")
    for e in entries:
        eaten.add_row(str(e["entry"]), e["portion"], f"{e['description']} ({e['id']})",
                      f"{e['grams']:g}", _number(e["nutrients"]["magnesium_mg"]))
    console.print(eaten)
    table = Table("nutrient", "total", "recommended", "% of recommended", "upper limit", "sources",
                  title="Day totals")
    for r in rows:
        total = _number(r.total) + ("" if r.complete or r.total is None else " or more")
        table.add_row(
            f"{r.name} ({r.unit})", total, "" if r.target is None else _number(r.target, 0),
            "" if r.percent_of_target is None else f"{r.percent_of_target:.0f}%",
            _limit(r.upper_limit, r.upper_limit_scope), " ".join(r.references),
        )
    console.print(table)
    for r in rows:
        if r.note:
            console.print(f"{r.name}: {r.note}")
    if ratio is not None:
        console.print(f"Calcium to magnesium: {ratio:.1f} to 1 (for information; there is no "
                      "agreed target ratio).")


def _limit(value: float | None, scope: str | None) -> str:
    if value is None:
        return ""
    words = {"supplemental": "supplements only", "total": "food + supplements",
             "limit": "stay under"}.get(scope or "")
    return f"{value:,.0f}" + (f" ({words})" if words else "")


@log_app.command("answers")
def log_answers(
    days: Annotated[int, typer.Option(min=1, max=60, help="Average over the last N days.")] = 1,
    day: Annotated[str | None, typer.Option("--date", help="Last day (default today).")] = None,
) -> None:
    """Print an answers/v1 'intake' fragment from the log, for `assess`."""
    from symptom_decoder.foodlog import day_answers

    with _session() as (session, person_id):
        intake = day_answers(session, person_id=person_id, last=_parse_day(day), days=days)
    _print_json({"intake": intake})


@log_app.command("remove")
def log_remove(entry: Annotated[int, typer.Argument(help="Entry number from `log day`.")]) -> None:
    """Remove one entry from the log."""
    from symptom_decoder.foodlog import remove_entry

    with _session() as (session, person_id):
        if not remove_entry(session, person_id=person_id, entry_id=entry):
            raise _fail(f"No log entry {entry}.")
    typer.echo(f"Removed entry {entry}.")


# ---------------------------------------------------------------- supplements


class Kind(StrEnum):
    prenatal = "prenatal"
    multivitamin = "multivitamin"
    magnesium = "magnesium"
    calcium = "calcium"
    iron = "iron"
    vitamin_d = "vitamin_d"
    calcium_antacid = "calcium_antacid"
    magnesium_antacid_or_laxative = "magnesium_antacid_or_laxative"
    electrolyte = "electrolyte"
    other = "other"


@supplements_app.command("add")
def supplements_add(
    name: Annotated[str, typer.Argument(help="Product name, e.g. 'Tums Extra Strength'.")],
    kind: Annotated[Kind, typer.Option("--kind")],
    units_per_day: Annotated[float, typer.Option("--per-day", help="Tablets (or doses) a "
                                                                   "day.")] = 1.0,
    magnesium: Annotated[float | None, typer.Option("--magnesium-mg", help="Elemental, per "
                                                                           "unit.")] = None,
    calcium: Annotated[float | None, typer.Option("--calcium-mg", help="Elemental, per "
                                                                       "unit.")] = None,
    iron: Annotated[float | None, typer.Option("--iron-mg", help="Elemental, per unit.")] = None,
    vitamin_d: Annotated[float | None, typer.Option("--vitamin-d-iu")] = None,
    potassium: Annotated[float | None, typer.Option("--potassium-mg")] = None,
) -> None:
    """Add a product with its elemental amounts per tablet (from the label)."""
    from symptom_decoder.stack import StackError, add_item

    amounts = {"magnesium_mg": magnesium, "calcium_mg": calcium, "iron_mg": iron,
               "vitamin_d_iu": vitamin_d, "potassium_mg": potassium}
    try:
        with _session() as (session, person_id):
            item = add_item(session, person_id=person_id, kind=kind.value, name=name,
                            units_per_day=units_per_day, amounts=amounts)
            item_id = item.id
    except StackError as exc:
        raise _fail([_option_names(p) for p in exc.problems]) from None
    typer.echo(f"Added {name} (item {item_id}).")


def _option_names(problem: str) -> str:
    """Name the option the person typed, not the contract field: '--magnesium-mg: ...'."""
    field, sep, rest = problem.partition(":")
    options = {"units_per_day": "--per-day", "kind": "--kind", "name": "NAME"}
    return (options.get(field) or "--" + field.replace("_", "-")) + sep + rest


@supplements_app.command("list")
def supplements_list(format: FormatOption = Format.table) -> None:
    """Your products."""
    from symptom_decoder.stack import as_answer, items_for

    with _session() as (session, person_id):
        items = [{"item": i.id, **as_answer(i)} for i in items_for(session, person_id=person_id)]
    if format is Format.json:
        _print_json(items)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("item", "name", "kind", "per day", "magnesium mg", "calcium mg", "iron mg",
                  "vitamin D IU", title="Supplements and antacids")
    for i in items:
        table.add_row(str(i["item"]), i["name"], i["kind"], f"{i['units_per_day']:g}",
                      *(_number(i.get(k), 0) if k in i else "" for k in
                        ("magnesium_mg", "calcium_mg", "iron_mg", "vitamin_d_iu")))
    Console().print(table)


@supplements_app.command("remove")
def supplements_remove(item: Annotated[int, typer.Argument()]) -> None:
    """Remove one product."""
    from symptom_decoder.stack import remove_item

    with _session() as (session, person_id):
        if not remove_item(session, person_id=person_id, item_id=item):
            raise _fail(f"No supplement item {item}.")
    typer.echo(f"Removed item {item}.")


@supplements_app.command("check")
def supplements_check(
    age: AgeOption = None,
    days: Annotated[int, typer.Option(min=1, max=60, help="Food from the log: average of the "
                                                          "last N days.")] = 7,
    format: FormatOption = Format.table,
) -> None:
    """Daily totals against the upper limits, with food calcium and iron counted in."""
    from symptom_decoder.foodlog import day_answers
    from symptom_decoder.stack import as_answer, check, engine_warnings, items_for

    with _session() as (session, person_id):
        items = [as_answer(i) for i in items_for(session, person_id=person_id)]
        food = day_answers(session, person_id=person_id, last=date.today(), days=days)
    intakes = _intakes(age)
    answers: dict[str, Any] = {"supplements": items, "intake": food}
    if age is not None:
        answers["age_years"] = age
    result = check(items, intakes=intakes, food=food, warnings=engine_warnings(answers))
    document = {
        "items": result.items,
        "totals": [r.__dict__ for r in result.rows],
        "warnings": result.warnings,
    }
    if format is Format.json:
        _print_json(document)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table("nutrient", "supplements a day", "food a day", "counted", "upper limit",
                  "sources", title="Supplements against the upper limits")
    for r in result.rows:
        table.add_row(
            f"{r.name} ({r.unit})", _number(r.supplements, 0),
            "" if r.food is None else _number(r.food, 0),
            _number(r.counted, 0) + (" [bold]over the limit[/bold]" if r.over else ""),
            _limit(r.upper_limit, r.scope) or "no upper limit",
            " ".join(r.references),
        )
    console.print(table)
    for warning in result.warnings:
        console.print(f"• {warning.get('text', warning)}")
    if not items:
        console.print("No supplements yet. Add one with: symptom-decoder supplements add "
                      "'NAME' --kind magnesium --magnesium-mg 100")


# ---------------------------------------------------------------- diet


@diet_app.command("suggest")
def diet_suggest(
    exclude: Annotated[list[str], typer.Option("--exclude", help="nut, peanut, dairy, egg, "
                       "fish, shellfish, soy, gluten, vegetarian, vegan (repeat or comma-"
                       "separate).")] = [],  # noqa: B006 - Typer reads the default
    day: Annotated[str | None, typer.Option("--date", help="Day whose log sets the gap "
                                                           "(default today).")] = None,
    nutrient: Annotated[list[str], typer.Option("--nutrient", help="magnesium (default), "
                                                "calcium, iron.")] = [],  # noqa: B006
    limit: Annotated[int, typer.Option(min=1, max=50)] = 8,
    age: AgeOption = None,
    format: FormatOption = Format.table,
) -> None:
    """Foods that would close today's magnesium gap (and calcium or iron when low)."""
    from symptom_decoder.foodlog import day_totals
    from symptom_decoder.suggest import Suggester, SuggestError

    names = [n.strip().lower() for item in exclude for n in item.split(",") if n.strip()]
    the_day = _parse_day(day)
    with _session() as (session, person_id):
        totals = day_totals(session, person_id=person_id, day=the_day)
    intakes = _intakes(age)
    wanted = [f"{n.strip().lower().removesuffix('_mg')}_mg" for n in nutrient] or [
        "magnesium_mg"]
    gaps: dict[str, float | None] = {}
    for key in ("magnesium_mg", "calcium_mg", "iron_mg"):
        intake = intakes.get(key.removesuffix("_mg"))
        target = getattr(intake, "rda", None) if intake is not None else None
        eaten = totals.value(key) if totals.entries else 0.0
        gaps[key] = None if target is None else max(0.0, target - (eaten or 0.0))
        if not nutrient and key != "magnesium_mg" and totals.entries and gaps[key]:
            wanted.append(key)
    suggester = Suggester(_catalog())
    try:
        found = [s for key in wanted
                 for s in suggester.suggest(key, gap=gaps.get(key), exclude=names, limit=limit)]
    except SuggestError as exc:
        raise _fail(str(exc)) from None
    if format is Format.json:
        _print_json([s.as_json() for s in found])
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for key in wanted:
        name = key.removesuffix("_mg")
        gap = gaps.get(key)
        title = f"Foods for {name}"
        if gap is not None:
            title += f" (gap today: {gap:,.0f} milligrams)"
        table = Table("food", "serving", f"{name} mg", "% of gap", "kcal", "USDA ids",
                      title=title)
        for s in (s for s in found if s.nutrient == key):
            ids = f"NDB {s.food.ndb_no}" + (f", FDC {s.food.fdc_id}" if s.food.fdc_id else "")
            table.add_row(s.food.description, f"{s.portion} ({s.grams:.0f} g)",
                          _number(s.amounts[key]),
                          "" if s.closes_percent is None else f"{s.closes_percent:.0f}%",
                          _number(s.amounts["energy_kcal"], 0), ids)
        console.print(table)
        if gap == 0:
            console.print(f"You have already reached the recommended {name} for the day; "
                          "these foods are good sources for other days.")
    if names:
        console.print(f"Left out: {', '.join(names)}.")
    console.print("Foods to avoid in pregnancy (high-mercury fish, liver, unpasteurised soft "
                  "cheese, raw sprouts, raw meat, fish and eggs) are never suggested.")
    if not totals.entries:
        console.print(f"Nothing logged for {the_day.isoformat()}, so the gap is the whole "
                      "recommended amount.")
