"""Charts of the diary with matplotlib: PNG or SVG by the file's extension, light or dark.

matplotlib is imported inside ``draw`` so nothing else pays for it. Colours are from the
Okabe-Ito palette, which stays distinct for the common kinds of colour blindness.
"""

from __future__ import annotations

import math
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
        "Leg cramps per week (over the days logged), night and day, and how severe\n"
        f"{stats['episodes']} episodes from {stats['first_day']} to {stats['last_day']}"
    )


WEB_WIDTHS = (280, 336, 496, 660)
"""The widths, in CSS pixels, the web page draws the chart at (see ``web_sizes``)."""
WEB_TEXT = 13
"""Text size on the page, in CSS pixels, when the chart is shown at its drawn width."""


def web_height(width: int) -> int:
    """The height a chart drawn WIDTH pixels wide has: taller in proportion on a phone."""
    return round(width * (1.05 if width < 400 else 0.72))


def web_sizes(main_max: int = 720, gutter: int = 40) -> list[dict[str, int | None]]:
    """For each of WEB_WIDTHS: its ``width`` and ``height`` and the ``widest`` screen it is
    for (None: any wider). A screen from the previous band up to ``widest`` shows the chart
    at least as wide as it was drawn, so its text is never below WEB_TEXT. GUTTER is what
    the page takes beside the chart (its padding and border); MAIN_MAX is the widest the
    page's column gets."""
    bands: list[dict[str, int | None]] = []
    for i, width in enumerate(WEB_WIDTHS):
        following = WEB_WIDTHS[i + 1] if i + 1 < len(WEB_WIDTHS) else None
        widest = None if following is None else min(following + gutter, main_max) - 1
        bands.append({"width": width, "height": web_height(width), "widest": widest})
    return bands


def weekly_rates(weeks: list[dict[str, Any]]) -> tuple[list[float], list[float]]:
    """Each week's night and day cramps as a rate over its counted days (per 7), so that a
    week logged on 3 days is not drawn as a quiet week; 0 for a week with no counted day,
    which the chart labels "not logged" instead of drawing as a week without cramps."""
    scale = [7 / w["days"] if w["days"] else 0.0 for w in weeks]
    return ([w["night"] * k for w, k in zip(weeks, scale, strict=True)],
            [w["day"] * k for w, k in zip(weeks, scale, strict=True)])


def draw(
    stats: dict[str, Any], out: Path, *, theme: str = "light", change: date | None = None,
    width_px: int | None = None,
) -> Path:
    """Draw weekly episodes (night and day stacked) above mean severity into OUT.

    With WIDTH_PX the chart is an SVG drawn for a page that shows it WIDTH_PX CSS pixels
    wide: one SVG unit is one CSS pixel there, text is WEB_TEXT pixels, and the title is
    left to the page (which also gives it as the image's text alternative)."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise FieldError("--out", f"must end in .png or .svg (got {out.name!r})")
    if theme not in THEMES:
        raise FieldError("--theme", f"must be light or dark (got {theme!r})")
    if width_px is not None and (suffix != ".svg" or not 200 <= width_px <= 2000):
        raise FieldError("width", f"must be 200 to 2000 pixels, as SVG (got {width_px})")
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    colour = THEMES[theme]
    weeks = stats["weeks"]
    starts = [date.fromisoformat(w["week_start"]) for w in weeks]
    night, day = weekly_rates(weeks)
    unlogged = [s for s, w in zip(starts, weeks, strict=True) if not w["days"]]
    severity = [w["mean_severity"] for w in weeks]

    # On the web one SVG unit (a point, 1/72 inch) is drawn as one CSS pixel.
    small = width_px is not None
    text, label, legend = (WEB_TEXT, WEB_TEXT, WEB_TEXT) if small else (13, 15, 13)
    if width_px is not None:
        size, dpi = (width_px / 72, web_height(width_px) / 72), 72
    else:
        size, dpi = (11, 7.5), 120
    figure = Figure(figsize=size, dpi=dpi, facecolor=colour["background"],
                    layout="constrained" if small else "tight")
    bars, line = figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    width = 5.5
    bars.bar(starts, night, width=width, align="edge", color=colour["night"],
             label="at night" if small else "night (21:00–07:00)")
    bars.bar(starts, day, width=width, bottom=night, align="edge", color=colour["day"],
             label="in the day" if small else "day")
    bars.set_ylabel("cramps a week")
    bars.yaxis.set_major_locator(MaxNLocator(integer=True))
    for monday in unlogged:  # upright, so it fits the width of a bar on a phone
        bars.text(monday + timedelta(days=width / 2), 0, "not logged", ha="center",
                  va="bottom", rotation=90, color=colour["text"],
                  fontsize=(text if small else 12))
    if small:
        # Above the plot, across it: inside, a narrow chart has no room beside the bars.
        figure.legend(loc="outside upper left", frameon=False, labelcolor=colour["text"],
                      fontsize=legend, ncols=2, handlelength=1.2, columnspacing=1.2)
        bars.set_ylim(0, max([n + d for n, d in zip(night, day, strict=True)] + [1]) * 1.1)
    else:
        # Headroom so the legend never sits on a bar.
        bars.set_ylim(0, max([n + d for n, d in zip(night, day, strict=True)] + [1]) * 1.3
                      + 0.5)
        bars.legend(loc="upper left", frameon=False, labelcolor=colour["text"],
                    fontsize=legend)
        bars.set_title(chart_title(stats), loc="left", color=colour["text"], fontsize=16)

    # The severity line breaks where a week has no rating: no line is drawn across a gap.
    rated = [(s + timedelta(days=width / 2), math.nan if v is None else v)
             for s, v in zip(starts, severity, strict=True)]
    if any(v is not None for v in severity):
        line.plot([p[0] for p in rated], [p[1] for p in rated], marker="o", markersize=8,
                  linewidth=2.5, color=colour["severity"])  # fmt: skip
    line.set_ylim(0, 10.5)
    line.set_ylabel("how bad (0–10)")
    dated = any(w["gestational_week"] is not None for w in weeks)
    line.set_xlabel("week starting" + ("; wk = week of pregnancy" if dated and not small
                                       else ""))
    # Label bars with the Monday they start on, under their middle; as many labels as fit.
    most = 16 if width_px is None else max(2, width_px // 64)
    shown = starts[:: max(1, -(-len(starts) // most))]
    pregnancy = {w["week_start"]: w["gestational_week"] for w in weeks}
    labels = []
    for monday in shown:
        week = pregnancy[monday.isoformat()]
        labels.append(f"{monday.day} {monday.strftime('%b')}"
                      + (f"\nwk {week}" if week is not None else ""))
    line.set_xticks([s + timedelta(days=width / 2) for s in shown], labels=labels)

    for axes in (bars, line):
        axes.set_facecolor(colour["background"])
        axes.grid(axis="y", color=colour["grid"], linewidth=0.8)
        axes.set_axisbelow(True)
        axes.tick_params(colors=colour["text"], labelsize=text)
        axes.yaxis.label.set(color=colour["text"], fontsize=label)
        axes.xaxis.label.set(color=colour["text"], fontsize=label)
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
            fontsize=text,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    # No creation date in the file, so the same diary always gives the same SVG.
    metadata = {"Date": None} if suffix == ".svg" else {}
    # SVG text stays text (smaller, sharp, and its size can be checked); fixed ids.
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "symptom-decoder"}):
        figure.savefig(out, format=suffix[1:], facecolor=colour["background"],
                       metadata=metadata)
    return out
