"""``supplements``: the supplement and antacid stack, and its totals against upper limits."""

from __future__ import annotations

from typing import Annotated

import typer

from symptom_decoder.answers import supplement_kinds
from symptom_decoder.cli._foods import (
    AgeOption,
    Format,
    FormatOption,
    IgnoreProfileOption,
    _fail,
    _limit,
    _number,
    _personal,
    _print_json,
    _profile_line,
    _session,
    _settings,
    _today,
)

supplements_app = typer.Typer(help="Your supplements and antacids, and their daily totals.",
                              no_args_is_help=True)


def _kind(value: str) -> str:
    """The kinds come from the contract (answers/v1), so they cannot drift from it."""
    if value not in supplement_kinds():
        raise typer.BadParameter(f"must be one of {', '.join(supplement_kinds())} (got {value!r})")
    return value


@supplements_app.command("add")
def supplements_add(
    name: Annotated[str, typer.Argument(help="Product name, e.g. 'Tums Extra Strength'.")],
    kind: Annotated[str, typer.Option("--kind", callback=_kind, help="What kind of product it "
                                      "is: " + ", ".join(supplement_kinds()) + ".")],
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
    """Add a product with its elemental amounts per tablet (from the label). An amount left
    blank is never counted as zero: you are told what will be counted instead."""
    from symptom_decoder.diet.ledger import will_count
    from symptom_decoder.diet.stack import StackError, add_item
    from symptom_decoder.knowledge import load_pack

    amounts = {"magnesium_mg": magnesium, "calcium_mg": calcium, "iron_mg": iron,
               "vitamin_d_iu": vitamin_d, "potassium_mg": potassium}
    try:
        with _session() as (session, person_id):
            item = add_item(session, person_id=person_id, kind=kind, name=name,
                            units_per_day=units_per_day, amounts=amounts)
            item_id = item.id
    except StackError as exc:
        raise _fail([_option_names(p) for p in exc.problems]) from None
    typer.echo(f"Added {name} (item {item_id}).")
    for line in will_count(load_pack(_settings().pack), kind=kind, name=name,
                           units=units_per_day, amounts=amounts):
        typer.echo(line)


def _option_names(problem: str) -> str:
    """Name the option the person typed, not the contract field: '--magnesium-mg: ...'."""
    field, sep, rest = problem.partition(":")
    options = {"units_per_day": "--per-day", "kind": "--kind", "name": "NAME"}
    return (options.get(field) or "--" + field.replace("_", "-")) + sep + rest


@supplements_app.command("list")
def supplements_list(format: FormatOption = Format.table) -> None:
    """Your products."""
    from symptom_decoder.diet.stack import as_answer, items_for

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
    from symptom_decoder.diet.stack import remove_item

    with _session() as (session, person_id):
        if not remove_item(session, person_id=person_id, item_id=item):
            raise _fail(f"No supplement item {item}.")
    typer.echo(f"Removed item {item}.")


@supplements_app.command("check")
def supplements_check(
    age: AgeOption = None,
    days: Annotated[int, typer.Option(min=1, max=60, help="Food from the log: average of the "
                                                          "last N days.")] = 7,
    ignore_profile: IgnoreProfileOption = False,
    format: FormatOption = Format.table,
) -> None:
    """Daily totals against the upper limits for your age band, with food calcium, iron and
    vitamin D counted in."""
    from symptom_decoder.diet.ledger import check_stack
    from symptom_decoder.knowledge import load_pack

    pack = load_pack(_settings().pack)
    with _session() as (session, person_id):
        who = _personal(session, person_id, age=age, ignore_profile=ignore_profile)
        ledger = check_stack(session, person_id=person_id, pack=pack, today=_today(),
                             who=who, days=days)
    result = ledger.check
    if format is Format.json:
        _print_json(ledger.document())
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
            _number(r.counted, 0) + (" or more" if r.unknown else "")
            + (" (estimated)" if r.estimated else "")
            + (" [bold]over the limit[/bold]" if r.over else ""),
            _limit(r.upper_limit, r.scope) or "no upper limit",
            " ".join(r.references),
        )
    console.print(table)
    console.print(_profile_line(who))
    for warning in result.warnings:
        console.print(f"• {warning.get('text', warning)}")
    for e in result.estimates:
        console.print(f"~ {e['text']}")
    for u in ledger.unknown:
        console.print(f"? {u.text}")
    if not result.items:
        console.print("No supplements yet. Add one with: symptom-decoder supplements add "
                      "'NAME' --kind magnesium --magnesium-mg 100")


def register(app: typer.Typer) -> None:
    app.add_typer(supplements_app, name="supplements")
