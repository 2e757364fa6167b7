"""``symptom-decoder diary`` and ``profile``: the cramp diary and the profile from the terminal.

Thin: parse, call one service in one transaction for the local person, render. SQLAlchemy
and matplotlib are imported inside the commands so ``--help`` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from symptom_decoder.cli import _common as edge

diary_app = typer.Typer(
    name="diary",
    help="Log cramps, see the pattern, and check whether a change helped.",
    no_args_is_help=True,
)
profile_app = typer.Typer(
    name="profile", help="Your due date, age band, allergies and diet.", no_args_is_help=True
)


class Format(StrEnum):
    text = "text"
    json = "json"


class Theme(StrEnum):
    light = "light"
    dark = "dark"


FormatOption = Annotated[Format, typer.Option("--format", help="text, or json with stable keys.")]
FromOption = Annotated[str | None, typer.Option("--from", help="First day to count (YYYY-MM-DD).")]
ToOption = Annotated[
    str | None,
    typer.Option("--to", help="Last day to count (YYYY-MM-DD); default your last entry."),
]


def register(app: typer.Typer) -> None:
    app.add_typer(diary_app)
    app.add_typer(profile_app)


# --- diary -----------------------------------------------------------------------------

Leg = Annotated[str | None, typer.Option("--leg", help="left, right or both.")]
Muscle = Annotated[str | None, typer.Option("--muscle", help="calf, foot, thigh or other.")]
Severity = Annotated[str | None, typer.Option("--severity", help="0 (none) to 10 (worst).")]
Duration = Annotated[str | None, typer.Option("--duration-min", help="How long, in minutes.")]
Helped = Annotated[str | None, typer.Option("--helped", help="What helped, in your words.")]
Note = Annotated[str | None, typer.Option("--note", help="Anything else worth keeping.")]
At = Annotated[
    str | None,
    typer.Option(
        "--at",
        help="When it started, ISO 8601 (2026-03-29T02:30 or with an offset, +01:00); "
        "default now. A time without offset is read in SD_TZ or the system's zone.",
    ),
]
Zone = Annotated[
    str | None,
    typer.Option(
        "--zone",
        help="The time zone you were in, if not your usual one (travelling): "
        "Europe/Paris or +02:00. It decides the day and whether it was night.",
    ),
]


@diary_app.command("log")
def log(
    at: At = None,
    zone: Zone = None,
    leg: Leg = None,
    muscle: Muscle = None,
    severity: Severity = None,
    duration_min: Duration = None,
    woke: Annotated[bool, typer.Option("--woke", help="It woke you from sleep.")] = False,
    helped: Helped = None,
    note: Note = None,
    uuid: Annotated[
        str | None, typer.Option("--uuid", help="Your own id for this episode, to log it once.")
    ] = None,
) -> None:
    """Log a cramp. With no options: a cramp now."""
    from symptom_decoder.diary.episodes import EpisodeEntry, log_episode
    from symptom_decoder.diary.times import parse_instant
    from symptom_decoder.diary.views import episode_line, episode_view

    here = edge.travel_zone(zone) or edge.zone()
    started, kept_zone = edge.checked(lambda: parse_instant(at, here)) if at else (edge.now(), here)
    fields: dict[str, Any] = {}
    if uuid is not None:
        fields["uuid"] = uuid
    entry = EpisodeEntry(
        started_at=started,
        zone=kept_zone,
        leg=leg,
        muscle=muscle,
        severity=edge.parse_int(severity, "--severity"),
        duration_min=edge.parse_float(duration_min, "--duration-min"),
        woke=woke,
        helped=helped or "",
        note=note or "",
        **fields,
    )
    with edge.diary_session() as (session, person):
        episode, created = log_episode(session, person, entry)
        line = episode_line(episode_view(episode))
    typer.echo(("Logged: " if created else "Already in your diary: ") + line.strip())


@diary_app.command("list")
def list_(
    since: FromOption = None, until: ToOption = None, format: FormatOption = Format.text
) -> None:
    """Show your episodes, oldest first."""
    from symptom_decoder.diary.episodes import list_episodes, local_span
    from symptom_decoder.diary.views import episode_line, episode_view

    zone = edge.zone()
    first, last = edge.parse_date(since, "--from"), edge.parse_date(until, "--to")
    low = local_span(first, first, zone)[0] if first else None
    high = local_span(last, last, zone)[1] if last else None
    with edge.diary_session() as (session, person):
        views = [episode_view(e) for e in list_episodes(session, person, since=low, until=high)]
    if format is Format.json:
        edge.print_json(views)
    elif not views:
        typer.echo("No episodes yet. Log one with: symptom-decoder diary log")
    else:
        typer.echo("\n".join(episode_line(view) for view in views))


@diary_app.command("edit")
def edit(
    episode_id: Annotated[str, typer.Argument(help="The episode's id, from diary list.")],
    at: At = None,
    zone: Zone = None,
    leg: Leg = None,
    muscle: Muscle = None,
    severity: Severity = None,
    duration_min: Duration = None,
    woke: Annotated[
        bool | None, typer.Option("--woke/--no-woke", help="Whether it woke you.")
    ] = None,
    helped: Helped = None,
    note: Note = None,
) -> None:
    """Change an episode; only the options given change."""
    from symptom_decoder.diary.episodes import edit_episode
    from symptom_decoder.diary.times import parse_instant
    from symptom_decoder.diary.views import episode_line, episode_view

    changes: dict[str, Any] = {}
    travel = edge.travel_zone(zone)
    if at is not None:
        here = travel or edge.zone()
        changes["started_at"], changes["zone"] = edge.checked(lambda: parse_instant(at, here))
    elif travel is not None:
        changes["zone"] = travel
    given = {
        "leg": leg,
        "muscle": muscle,
        "severity": edge.parse_int(severity, "--severity"),
        "duration_min": edge.parse_float(duration_min, "--duration-min"),
        "woke": woke,
        "helped": helped,
        "note": note,
    }
    changes.update({name: value for name, value in given.items() if value is not None})
    with edge.diary_session() as (session, person):
        episode = edit_episode(session, person, edge.episode_id(episode_id), changes)
        line = episode_line(episode_view(episode))
    typer.echo("Changed: " + line.strip())


@diary_app.command("delete")
def delete(
    episode_id: Annotated[str, typer.Argument(help="The episode's id, from diary list.")],
) -> None:
    """Delete an episode."""
    from symptom_decoder.diary.episodes import delete_episode

    with edge.diary_session() as (session, person):
        delete_episode(session, person, edge.episode_id(episode_id))
    typer.echo(f"Deleted episode {episode_id}.")


@diary_app.command("day")
def day(
    on: Annotated[str | None, typer.Option("--date", help="Which day; default today.")] = None,
    fluids_ml: Annotated[str | None, typer.Option("--fluids-ml", help="Fluids drunk, ml.")] = None,
    supplement: Annotated[
        list[str] | None, typer.Option("--supplement", help="A supplement taken; repeat for more.")
    ] = None,
    stretching_min: Annotated[
        str | None, typer.Option("--stretching-min", help="Minutes of stretching.")
    ] = None,
    hours_standing: Annotated[
        str | None, typer.Option("--hours-standing", help="Hours spent standing.")
    ] = None,
    none: Annotated[
        bool | None,
        typer.Option(
            "--none/--not-none",
            help="No cramps that day (so the day counts in trends); --not-none takes it back.",
        ),
    ] = None,
) -> None:
    """Record a day: no cramps, and its context; what you leave out stays as it was."""
    from symptom_decoder.diary.days import DayEntry, cramps_on, day_line, set_day

    when = edge.parse_date(on, "--date") or edge.today(edge.zone())
    entry = DayEntry(
        day=when,
        fluids_ml=edge.parse_int(fluids_ml, "--fluids-ml"),
        supplements=tuple(supplement or ()),
        stretching_min=edge.parse_int(stretching_min, "--stretching-min"),
        hours_standing=edge.parse_float(hours_standing, "--hours-standing"),
        no_cramps=none,
    )
    with edge.diary_session() as (session, person):
        row = set_day(session, person, entry)
        line = day_line(row)
        logged = cramps_on(session, person, when) if row.no_cramps else 0
    typer.echo("Saved " + line)
    if logged:
        typer.echo(
            f"Note: {logged} cramp{'s are' if logged != 1 else ' is'} logged on "
            f"{when.isoformat()}; {'they still count' if logged != 1 else 'it still counts'}."
        )


@diary_app.command("stats")
def stats(
    since: FromOption = None, until: ToOption = None, format: FormatOption = Format.text
) -> None:
    """Episodes per week, night against day, severity, and by gestational week."""
    from symptom_decoder.diary.report import stats_for
    from symptom_decoder.diary.views import stats_text

    zone = edge.zone()
    first, last = edge.parse_date(since, "--from"), edge.parse_date(until, "--to")
    with edge.diary_session() as (session, person):
        result = stats_for(session, person, today=edge.today(zone), since=first, until=last)
    if format is Format.json:
        edge.print_json(result)
    else:
        typer.echo("\n".join(stats_text(result)))


@diary_app.command("compare")
def compare(
    change: Annotated[
        str, typer.Option("--change", help="The day you made the change (YYYY-MM-DD).")
    ],
    since: FromOption = None,
    until: ToOption = None,
    format: FormatOption = Format.text,
) -> None:
    """Cramps a week before and after a change, with an honest range and cautions."""
    from symptom_decoder.diary.report import compare_for
    from symptom_decoder.diary.views import compare_text

    changed = edge.parse_date(change, "--change")
    assert changed is not None
    first, last = edge.parse_date(since, "--from"), edge.parse_date(until, "--to")
    with edge.diary_session() as (session, person):
        result = compare_for(session, person, change=changed, since=first, until=last)
    if format is Format.json:
        edge.print_json(result.as_dict())
    else:
        typer.echo("\n".join(compare_text(result)))


@diary_app.command("chart")
def chart(
    out: Annotated[Path, typer.Option("--out", help="Where to write it: a .png or .svg file.")],
    theme: Annotated[Theme, typer.Option("--theme", help="light or dark.")] = Theme.light,
    change: Annotated[
        str | None, typer.Option("--change", help="Mark the day of a change.")
    ] = None,
    since: FromOption = None,
    until: ToOption = None,
) -> None:
    """Draw episodes per week (night and day) and mean severity."""
    from symptom_decoder.diary.charts import draw
    from symptom_decoder.diary.report import stats_for

    zone = edge.zone()
    changed = edge.parse_date(change, "--change")
    first, last = edge.parse_date(since, "--from"), edge.parse_date(until, "--to")
    with edge.diary_session() as (session, person):
        result = stats_for(session, person, today=edge.today(zone), since=first, until=last)
    with edge.writing(out):
        edge.checked(lambda: draw(result, out, theme=theme.value, change=changed))
    typer.echo(f"Chart written to {out}")


@diary_app.command("export")
def export(
    out: Annotated[
        Path | None, typer.Option("--out", help="CSV file to write; default standard output.")
    ] = None,
) -> None:
    """Write your whole diary as CSV (episodes and days)."""
    from symptom_decoder.diary.csvfile import export_text

    with edge.diary_session() as (session, person):
        content = export_text(session, person)
    if out is None:
        sys.stdout.write(content)
        return
    with edge.writing(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(content, encoding="utf-8", newline="")
    typer.echo(f"Diary written to {out}", err=True)


@diary_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A CSV file made by diary export.")],
) -> None:
    """Add the episodes and days of a CSV file; all of it, or nothing if any row is wrong."""
    from symptom_decoder.cli._common import fail
    from symptom_decoder.diary.csvfile import import_csv

    try:
        handle = file.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise fail(f"FILE: cannot read {file} ({exc.strerror})") from None
    with handle, edge.diary_session() as (session, person):
        try:
            result = import_csv(session, person, handle)
        except UnicodeDecodeError:
            raise fail(f"FILE: {file} is not UTF-8 text") from None
    typer.echo(
        f"Imported {file}: episodes {result.added} new, {result.updated} updated, "
        f"{result.unchanged} already there; days {result.days}."
    )


# --- profile ---------------------------------------------------------------------------


@profile_app.command("set")
def profile_set(
    due_date: Annotated[str | None, typer.Option("--due-date", help="YYYY-MM-DD.")] = None,
    lmp: Annotated[
        str | None, typer.Option("--lmp", help="First day of your last period, YYYY-MM-DD.")
    ] = None,
    age: Annotated[
        str | None, typer.Option("--age", help="Years, or a band: 14-18, 19-30, 31-50.")
    ] = None,
    allergy: Annotated[
        list[str] | None,
        typer.Option(
            "--allergy",
            help="nut, peanut, seed, dairy, egg, fish, shellfish, soy, gluten or none; "
                 "repeat for more.",
        ),
    ] = None,  # fmt: skip
    diet: Annotated[
        list[str] | None, typer.Option("--diet", help="pescatarian (fish, no meat), vegetarian, "
                                       "vegan or none; repeat for more.")
    ] = None,
) -> None:
    """Set what you give; the rest stays as it was."""
    from symptom_decoder.diary.profile import profile_view, set_profile

    today = edge.today(edge.zone())
    due, last_period = edge.parse_date(due_date, "--due-date"), edge.parse_date(lmp, "--lmp")
    with edge.diary_session() as (session, person):
        profile = set_profile(
            session, person, due_date=due, lmp=last_period, age=age,
            allergies=allergy, diets=diet, today=today,
        )  # fmt: skip
        view = profile_view(profile, today)
    typer.echo("\n".join(_profile_lines(view)))


@profile_app.command("show")
def profile_show(format: FormatOption = Format.text) -> None:
    """Show your profile and how far along you are today."""
    from symptom_decoder.diary.profile import get_profile, profile_view

    today = edge.today(edge.zone())
    with edge.diary_session() as (session, person):
        view = profile_view(get_profile(session, person), today)
    if format is Format.json:
        edge.print_json(view)
    else:
        typer.echo("\n".join(_profile_lines(view)))


def _profile_lines(view: dict[str, Any]) -> list[str]:
    along = (
        f" (today {view['gestation_today']}, trimester {view['trimester_today']})"
        if view["gestation_today"]
        else ""
    )
    return [
        f"Due date: {view['due_date'] or 'not given'}{along}",
        f"Age band: {view['age_band'] or 'not given'}",
        f"Allergies: {', '.join(view['allergies']) or 'none given'}",
        f"Diet: {', '.join(view['diets']) or 'none given'}",
    ]
