"""The diary as plain data (the JSON twin) and as text for the terminal, from the same data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from symptom_decoder.diary import times
from symptom_decoder.diary.compare import Comparison, Period
from symptom_decoder.store.diary_models import Episode


def episode_view(episode: Episode) -> dict[str, Any]:
    """Stable keys; ``started_at`` is ISO 8601 on the local clock it was logged on, with offset."""
    clock = times.local(episode.started_at, episode.zone)
    return {
        "id": episode.id,
        "uuid": episode.uuid,
        "started_at": clock.isoformat(),
        "zone": episode.zone,
        "local_day": clock.date().isoformat(),
        "night": times.is_night(episode.started_at, episode.zone),
        "leg": episode.leg,
        "muscle": episode.muscle,
        "severity": episode.severity,
        "duration_min": episode.duration_min,
        "woke": episode.woke,
        "helped": episode.helped,
        "note": episode.note,
    }


def _one_line(text: str) -> str:
    return " / ".join(part for part in text.splitlines() if part) if text else text


def _or_dash(value: object) -> str:
    return "–" if value is None or value == "" else str(value)


def episode_line(view: dict[str, Any]) -> str:
    when = view["started_at"][:16].replace("T", " ")
    parts = [
        f"{view['id']:>5}  {when} {view['zone']:<16}",
        "night" if view["night"] else "day  ",
        f"leg {_or_dash(view['leg']):<5}",
        f"{_or_dash(view['muscle']):<5}",
        f"severity {_or_dash(view['severity']):>2}",
    ]
    if view["duration_min"] is not None:
        parts.append(f"{view['duration_min']:g} min")
    if view["woke"]:
        parts.append("woke you")
    if view["helped"]:
        parts.append(f"helped: {_one_line(view['helped'])}")
    if view["note"]:
        parts.append(f"note: {_one_line(view['note'])}")
    return "  ".join(parts)


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} a week"


def stats_text(stats: dict[str, Any]) -> list[str]:
    severity = stats["severity"]
    lines = [
        f"Diary from {stats['first_day']} to {stats['last_day']} "
        f"({_count(stats['days'], 'day')} counted): {_count(stats['episodes'], 'episode')}, "
        f"{_rate(stats['per_week'])}.",
        f"Night (21:00–07:00): {stats['night']}   Day: {stats['day']}   Woke you: {stats['woke']}",
    ]
    if severity["rated"]:
        lines.append(
            f"Severity (0–10): mean {severity['mean']}, median {severity['median']}, "
            f"highest {severity['max']} ({severity['rated']} rated)"
        )
    lines.extend(f"- {item['text']}" for item in stats["cautions"])
    lines.extend(_quiet_day_hint(item["id"] for item in stats["cautions"]))
    lines += ["", "Week starting  days  episodes  night  day  mean severity"]
    for week in stats["weeks"]:
        lines.append(
            f"{week['week_start']}   {week['days']:>4}  {week['episodes']:>8}  {week['night']:>5}"
            f"  {week['day']:>3}  {_or_dash(week['mean_severity']):>13}"
        )
    if stats["by_gestational_week"]:
        lines += ["", "Gestational week  days  episodes  per week"]
        for row in stats["by_gestational_week"]:
            lines.append(
                f"{row['week']:>16}  {row['days']:>4}  {row['episodes']:>8}  "
                f"{_or_dash(row['per_week']):>8}"
            )
    return lines


def _side_text(name: str, side: Period) -> str:
    if side.first_day is None or side.last_day is None:
        return f"  {name}: no diary days"
    weeks = side.gestational_weeks
    dated = f", gestational weeks {weeks[0]}–{weeks[1]}" if weeks else ""
    left = f" ({side.left_out_days} more left out, not logged)" if side.left_out_days else ""
    return (
        f"  {name}: {side.first_day.isoformat()} to {side.last_day.isoformat()}, "
        f"{_count(side.days, 'day')} counted{left}, {_count(side.episodes, 'cramp')}, "
        f"{_rate(side.per_week)}{dated}"
    )


def _ratio_text(result: Comparison) -> str | None:
    if result.ci95 is None:
        return None
    low, high = result.ci95
    if result.rate_ratio is None:
        return f"  Rate ratio (after ÷ before): none (no cramps before); likely from {low:.2f} up"
    upper = f"{high:.2f}" if high is not None else "no upper limit"
    return (
        f"  Rate ratio (after ÷ before): {result.rate_ratio:.2f}; "
        f"likely range (95%) {low:.2f} to {upper}"
    )


_UNLOGGED = frozenset({"unlogged_days", "logged_less"})


def _quiet_day_hint(ids: Iterable[str]) -> list[str]:
    """The terminal's way to do what the cautions ask ("tap No cramps today")."""
    if _UNLOGGED.isdisjoint(ids):
        return []
    return ["  Here, a day without cramps is marked with: symptom-decoder diary day --none"]


def compare_text(result: Comparison) -> list[str]:
    """The comparison for the terminal: the sides, the sentence, the ratio, how, cautions."""
    lines = [
        f"Before and after the change on {result.change.isoformat()} "
        "(that day itself is in neither):",
        _side_text("before", result.before),
        _side_text("after ", result.after),
        "",
        result.sentence,
    ]
    ratio = _ratio_text(result)
    if ratio:
        lines.append(ratio)
    lines.append(f"  How: {result.method_text}.")
    lines.append("")
    lines.extend(f"- {item.text}" for item in result.cautions)
    lines.extend(_quiet_day_hint(item.id for item in result.cautions))
    return lines
