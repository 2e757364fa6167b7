"""Charts of the diary with matplotlib: PNG or SVG by the file's extension, light or dark.

matplotlib is imported inside ``draw`` so nothing else pays for it. Colours are from the
Okabe-Ito palette, which stays distinct for the common kinds of colour blindness.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from symptom_decoder.diary.errors import FieldError

FORMATS = (".png", ".svg")
THEMES: dict[str, dict[str, str]] = {
    "light": {
        "background": "#ffffff", "text": "#1a1a1a", "grid": "#d0d0d0",
        "night": "#0072B2", "day": "#E69F00", "severity": "#009E73", "change": "#CC79A7",
    },
    "dark": {
        "background": "#121212", "text": "#f0f0f0", "grid": "#444444",
        "night": "#56B4E9", "day": "#E69F00", "severity": "#66D9A8", "change": "#F0A3D0",
    },
}  # fmt: skip


def chart_title(stats: dict[str, Any]) -> str:
    """A title that says what the chart shows, in words a screen reader can read out."""
    return (
        "Leg cramps per week, night and day, and how severe\n"
        f"{stats['episodes']} episodes from {stats['first_day']} to {stats['last_day']}"
    )


def draw(
    stats: dict[str, Any], out: Path, *, theme: str = "light", change: date | None = None
) -> Path:
    """Draw weekly episodes (night and day stacked) above mean severity into OUT."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise FieldError("--out", f"must end in .png or .svg (got {out.name!r})")
    if theme not in THEMES:
        raise FieldError("--theme", f"must be light or dark (got {theme!r})")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    colour = THEMES[theme]
    weeks = stats["weeks"]
    starts = [date.fromisoformat(w["week_start"]) for w in weeks]
    night = [w["night"] for w in weeks]
    day = [w["day"] for w in weeks]
    severity = [w["mean_severity"] for w in weeks]

    figure = Figure(figsize=(11, 7.5), dpi=120, facecolor=colour["background"], layout="tight")
    bars, line = figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    width = 5.5
    bars.bar(
        starts, night, width=width, align="edge", color=colour["night"], label="night (21:00–07:00)"
    )
    bars.bar(starts, day, width=width, bottom=night, align="edge", color=colour["day"], label="day")
    bars.set_ylabel("episodes per week")
    bars.yaxis.set_major_locator(MaxNLocator(integer=True))
    # Headroom so the legend never sits on a bar.
    bars.set_ylim(0, max([n + d for n, d in zip(night, day, strict=True)] + [1]) * 1.3 + 0.5)
    bars.legend(loc="upper left", frameon=False, labelcolor=colour["text"], fontsize=13)
    bars.set_title(chart_title(stats), loc="left", color=colour["text"], fontsize=16)

    rated = [
        (s + timedelta(days=width / 2), v)
        for s, v in zip(starts, severity, strict=True)
        if v is not None
    ]
    if rated:
        line.plot([p[0] for p in rated], [p[1] for p in rated], marker="o", markersize=8,
                  linewidth=2.5, color=colour["severity"])  # fmt: skip
    line.set_ylim(0, 10.5)
    line.set_ylabel("mean severity (0–10)")
    dated = any(w["gestational_week"] is not None for w in weeks)
    line.set_xlabel("week starting" + ("; wk = week of pregnancy" if dated else ""))
    # Label bars with the Monday they start on, under their middle; at most 16 labels.
    shown = starts[:: max(1, -(-len(starts) // 16))]
    pregnancy = {w["week_start"]: w["gestational_week"] for w in weeks}
    labels = []
    for monday in shown:
        week = pregnancy[monday.isoformat()]
        labels.append(monday.strftime("%d %b") + (f"\nwk {week}" if week is not None else ""))
    line.set_xticks([s + timedelta(days=width / 2) for s in shown], labels=labels)

    for axes in (bars, line):
        axes.set_facecolor(colour["background"])
        axes.grid(axis="y", color=colour["grid"], linewidth=0.8)
        axes.set_axisbelow(True)
        axes.tick_params(colors=colour["text"], labelsize=13)
        axes.yaxis.label.set(color=colour["text"], fontsize=15)
        axes.xaxis.label.set(color=colour["text"], fontsize=15)
        for spine in axes.spines.values():
            spine.set_color(colour["grid"])
        if change is not None:
            axes.axvline(change, color=colour["change"], linewidth=2.5, linestyle="--")
    if change is not None:
        bars.annotate(
            f"change on {change.isoformat()}",
            xy=(change, 1),
            xycoords=("data", "axes fraction"),
            xytext=(6, -18),
            textcoords="offset points",
            color=colour["change"],
            fontsize=13,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    # No creation date in the file, so the same diary always gives the same SVG.
    metadata = {"Date": None} if suffix == ".svg" else {}
    figure.savefig(out, format=suffix[1:], facecolor=colour["background"], metadata=metadata)
    return out
