"""``foods`` and ``diet``: USDA food data and foods that close a gap.

Each command parses, calls one service, and renders a Rich table or, with
``--format json``, a JSON document with stable keys. Heavy modules are imported inside
the commands so that ``symptom-decoder --help`` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from symptom_decoder.cli._foods import (
    AgeOption,
    Format,
    FormatOption,
    IgnoreProfileOption,
    _catalog,
    _fail,
    _intakes,
    _number,
    _parse_day,
    _personal,
    _print_json,
    _profile_line,
    _session,
    _settings,
)

foods_app = typer.Typer(help="USDA food data: import it once, then search it.",
                        no_args_is_help=True)
diet_app = typer.Typer(help="Foods that would close a nutrient gap.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(foods_app, name="foods")


def register_diet(app: typer.Typer) -> None:
    app.add_typer(diet_app, name="diet")

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

    from symptom_decoder.foods.database import FoodDataError
    from symptom_decoder.foods.importer import import_foods

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
    """Find foods by name, as the food log reads the words: typos and plurals are fine;
    everyday foods come first, and the food you picked before for these words first of all."""
    from symptom_decoder.diet.choices import search

    catalog = _catalog()
    with _session() as (session, person_id):
        found = search(session, catalog, " ".join(query), person_id=person_id, limit=limit)
    results = [catalog.as_result(f) for f in found]
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


# ---------------------------------------------------------------- diet


@diet_app.command("suggest")
def diet_suggest(
    exclude: Annotated[list[str], typer.Option("--exclude", help="nut, peanut, seed, dairy, egg, "
                       "fish, shellfish, soy, gluten, pescatarian, vegetarian, vegan (repeat or "
                       "comma-separate).")] = [],  # noqa: B006 - Typer reads the default
    day: Annotated[str | None, typer.Option("--date", help="Day whose log sets the gap "
                                                           "(default today).")] = None,
    nutrient: Annotated[list[str], typer.Option("--nutrient", help="magnesium (default), "
                                                "calcium, iron.")] = [],  # noqa: B006
    limit: Annotated[int, typer.Option(min=1, max=50)] = 8,
    age: AgeOption = None,
    ignore_profile: IgnoreProfileOption = False,
    format: FormatOption = Format.table,
) -> None:
    """Foods that would close today's magnesium gap (and calcium or iron when low), leaving
    out what your profile's allergies and diet exclude."""
    from symptom_decoder.diet.foodlog import day_totals
    from symptom_decoder.diet.suggest import Suggester, SuggestError

    typed = [n.strip().lower() for item in exclude for n in item.split(",") if n.strip()]
    the_day = _parse_day(day)
    with _session() as (session, person_id):
        totals = day_totals(session, person_id=person_id, day=the_day)
        who = _personal(session, person_id, age=age, exclude=typed,
                        ignore_profile=ignore_profile)
    names = list(who.exclusions)
    intakes = _intakes(who.age_years)
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
        table = Table("food", "serving", f"{name} mg", "% of gap", "absorbed", "kcal",
                      "USDA ids", title=title)
        shown = [s for s in found if s.nutrient == key]
        for s in shown:
            ids = f"NDB {s.food.ndb_no}" + (f", FDC {s.food.fdc_id}" if s.food.fdc_id else "")
            table.add_row(s.food.description, f"{s.portion} ({s.grams:.0f} g)",
                          _number(s.amounts[key]),
                          "" if s.closes_percent is None else f"{s.closes_percent:.0f}%",
                          s.absorption.short if s.absorption else "",
                          _number(s.amounts["energy_kcal"], 0), ids)
        console.print(table)
        notes = {s.absorption.short: s.absorption.note for s in shown if s.absorption}
        for short, note in notes.items():
            console.print(f"{short}: {note}")
        if gap == 0:
            console.print(f"You have already reached the recommended {name} for the day; "
                          "these foods are good sources for other days.")
    console.print(_profile_line(who))
    console.print("Foods to avoid in pregnancy (high-mercury fish, liver and giblets, "
                  "unpasteurised soft cheese, raw sprouts, raw meat, fish and eggs) are never "
                  "suggested.")
    if not totals.entries:
        console.print(f"Nothing logged for {the_day.isoformat()}, so the gap is the whole "
                      "recommended amount.")
