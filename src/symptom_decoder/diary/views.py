"""The diary as plain data (the JSON twin) and as text for the terminal, from the same data."""

from __future__ import annotations

from typing import Any

from symptom_decoder.diary import times
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
        f"({_count(stats['days'], 'day')}): {_count(stats['episodes'], 'episode')}, "
        f"{_rate(stats['per_week'])}.",
        f"Night (21:00–07:00): {stats['night']}   Day: {stats['day']}   Woke you: {stats['woke']}",
    ]
    if severity["rated"]:
        lines.append(
            f"Severity (0–10): mean {severity['mean']}, median {severity['median']}, "
            f"highest {severity['max']} ({severity['rated']} rated)"
        )
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


def _side_text(name: str, side: dict[str, Any]) -> str:
    if not side["days"]:
        return f"  {name}: no diary days"
    weeks = side["gestational_weeks"]
    dated = f", gestational weeks {weeks[0]}–{weeks[1]}" if weeks else ""
    return (
        f"  {name}: {side['first_day']} to {side['last_day']}, {_count(side['days'], 'day')}, "
        f"{_count(side['episodes'], 'episode')}, {_rate(side['per_week'])}{dated}"
    )


def compare_text(result: dict[str, Any]) -> list[str]:
    lines = [
        f"Before and after {result['change']}:",
        _side_text("before", result["before"]),
        _side_text("after ", result["after"]),
    ]
    ratio, ci = result["rate_ratio"], result["ci95"]
    if ratio is not None:
        lines.append(
            f"  rate ratio (after ÷ before): {ratio:.2f}, 95% interval {ci[0]:.2f} to {ci[1]:.2f}"
        )
        if ci[0] <= 1 <= ci[1]:
            lines.append(
                "  The interval includes 1 (no change), so the difference could well be chance."
            )
        elif ratio < 1:
            lines.append(
                "  Fewer cramps a week after than before, beyond what chance easily gives."
            )
        else:
            lines.append("  More cramps a week after than before, beyond what chance easily gives.")
    lines.append("")
    lines.extend(f"- {item['text']}" for item in result["cautions"])
    return lines
