"""``log``: the food log, day totals against pregnancy intakes, and answers for ``assess``."""

from __future__ import annotations

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
    _limit,
    _number,
    _parse_day,
    _personal,
    _print_json,
    _profile_line,
    _session,
)

log_app = typer.Typer(help="Your food log: what you ate, and day totals.", no_args_is_help=True)


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
    """Log what you ate; the amount comes first. A food you pick with --food is your first
    choice for the same words next time."""
    from symptom_decoder.diet.choices import log_food
    from symptom_decoder.diet.foodlog import FoodLogError

    entry_day = _parse_day(day)
    words = " ".join(text)
    catalog = _catalog()
    with _session() as (session, person_id):
        try:
            entry, resolved = log_food(session, catalog, person_id=person_id, day=entry_day,
                                       text=words, food_id=food, portion=portion)
        except FoodLogError as exc:
            lines = [str(exc), *(f"  {o}" for o in exc.options)]
            raise _fail([*lines, exc.hint] if exc.hint else lines) from None
        entry_id = entry.id
        document = {**_entry_json(entry), "note": resolved.note}
    if format is Format.json:
        _print_json(document)
        return
    magnesium = resolved.nutrients["magnesium_mg"]
    typer.echo(
        f"Logged for {entry_day.isoformat()} (entry {entry_id}): {resolved.portion} of "
        f"{resolved.food.description} — {_number(magnesium)} milligrams of magnesium."
    )
    if resolved.note:
        typer.echo(resolved.note)
    if resolved.learned:
        typer.echo(f"(Your usual choice for '{resolved.words}'. Pick another with --food ID.)")
    elif food is not None:
        typer.echo(f"Next time, '{resolved.words}' means this food first.")


def _entry_json(entry: Any) -> dict[str, Any]:
    from symptom_decoder.diet.foodlog import entry_view

    return entry_view(entry)


@log_app.command("day")
def log_day(
    day: Annotated[str | None, typer.Argument(help="YYYY-MM-DD (default today).")] = None,
    age: AgeOption = None,
    ignore_profile: IgnoreProfileOption = False,
    format: FormatOption = Format.table,
) -> None:
    """A day's entries and totals against the pregnancy reference intakes for your age band."""
    from symptom_decoder.diet.foodlog import compare, day_totals

    the_day = _parse_day(day)
    with _session() as (session, person_id):
        totals = day_totals(session, person_id=person_id, day=the_day)
        entries = [_entry_json(e) for e in totals.entries]
        who = _personal(session, person_id, age=age, ignore_profile=ignore_profile)
    intakes = _intakes(who.age_years)
    rows = compare(totals, intakes)
    ratio = totals.calcium_to_magnesium
    document = {
        "date": the_day.isoformat(),
        "entries": entries,
        "totals": {k: (None if t.total is None else round(t.total, 2))
                   for k, t in totals.totals.items()},
        "completeness": {
            k: {"known": t.known, "entries": t.entries} for k, t in totals.totals.items()
        },
        "calcium_to_magnesium_ratio": None if ratio is None else round(ratio, 2),
        "reference": [
            {"nutrient": r.key, "unit": r.unit,
             "total": None if r.total is None else round(r.total, 2),
             "target": r.target, "upper_limit": r.upper_limit,
             "upper_limit_scope": r.upper_limit_scope, "percent_of_target":
             None if r.percent_of_target is None else round(r.percent_of_target),
             "references": r.references, "note": r.note}
            for r in rows
        ],
        "profile": who.view(),
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
            f"{r.name} ({r.unit})", total,
            "" if r.target is None else _number(r.target, 0 if r.target >= 10 else 1),
            "" if r.percent_of_target is None else f"{r.percent_of_target:.0f}%",
            _limit(r.upper_limit, r.upper_limit_scope), " ".join(r.references),
        )
    console.print(table)
    console.print(_profile_line(who))
    for r in rows:
        if r.note:
            console.print(f"{r.name}: {r.note}")
    if ratio is not None:
        console.print(f"Calcium to magnesium: {ratio:.1f} to 1 (for information; there is no "
                      "agreed target ratio).")


@log_app.command("answers")
def log_answers(
    days: Annotated[int, typer.Option(min=1, max=60, help="Average over the last N days.")] = 1,
    day: Annotated[str | None, typer.Option("--date", help="Last day (default today).")] = None,
) -> None:
    """Print an answers/v1 'intake' fragment from the log, for `assess`."""
    from symptom_decoder.diet.foodlog import day_answers

    with _session() as (session, person_id):
        intake = day_answers(session, person_id=person_id, last=_parse_day(day), days=days)
    _print_json({"intake": intake})


@log_app.command("remove")
def log_remove(entry: Annotated[int, typer.Argument(help="Entry number from `log day`.")]) -> None:
    """Remove one entry from the log."""
    from symptom_decoder.diet.foodlog import remove_entry

    with _session() as (session, person_id):
        if not remove_entry(session, person_id=person_id, entry_id=entry):
            raise _fail(f"No log entry {entry}.")
    typer.echo(f"Removed entry {entry}.")


def register(app: typer.Typer) -> None:
    app.add_typer(log_app, name="log")
