"""The summary as one printed page (A4 or Letter) with fpdf2, readable in black and white.

The font is DejaVu Sans from matplotlib's own files (a PyPI package already installed),
embedded as a subset: nothing is downloaded. The page is drawn at full size first; if it
would run onto a second page it is drawn again smaller, then with fewer words per item,
until it fits. Whatever is left out is in the FHIR file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

from symptom_decoder.knowledge import Pack
from symptom_decoder.summary import words
from symptom_decoder.summary.build import first_sentence
from symptom_decoder.summary.model import Finding, Reading, Summary
from symptom_decoder.summary.protocol import Options

if TYPE_CHECKING:
    from fpdf import FPDF

FONT = "DejaVu"
MARGIN = 11.0
TOP = 9.0
FOOTER = 12.0
PAPER = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
NBSP = "\u00a0"
BLACK, DARK, MID, LIGHT, PALE = 0, 60, 130, 200, 235


class FontMissing(Exception):
    """The DejaVu Sans files that matplotlib ships are not where they should be."""


def font_files() -> dict[str, Path]:
    """Regular, bold and italic DejaVu Sans from the installed matplotlib package."""
    spec = find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FontMissing("matplotlib is not installed, and its DejaVu Sans font is needed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    files = {"": folder / "DejaVuSans.ttf", "B": folder / "DejaVuSans-Bold.ttf",
             "I": folder / "DejaVuSans-Oblique.ttf"}
    for path in files.values():
        if not path.is_file():
            raise FontMissing(f"the font file {path} is missing")
    return files


@dataclass(frozen=True)
class Fit:
    """How much to show: a font scale (never below 0.86, about 6.5 points for the smallest
    words) and how many items and reasons per list."""

    scale: float
    reasons: int
    """Reasons shown per factor or look-alike; with none, a test's why is left out too."""
    items: int
    """Factors, look-alikes and tests shown per list."""
    warnings: int
    triage: int
    """Reasons for the triage level shown."""
    list_absent: bool
    """List the danger signs answered no, or only count them."""


FITS = (
    Fit(1.0, 2, 8, 8, 12, True), Fit(0.93, 2, 8, 8, 12, True), Fit(0.93, 1, 8, 6, 12, True),
    Fit(0.86, 1, 8, 6, 12, True), Fit(0.86, 1, 8, 6, 12, False),
    Fit(0.86, 1, 6, 4, 8, False), Fit(0.86, 1, 4, 3, 6, False),
    Fit(0.86, 1, 3, 2, 5, False), Fit(0.86, 0, 3, 2, 4, False),
)
"""Each Fit shows no more than the one before, so the heights they need only go down."""
LAST_RESORT = tuple(Fit(scale, 0, 3, 2, 4, False) for scale in (0.8, 0.74, 0.68, 0.62))
"""Smaller than is comfortable to read: only for a check with far more to say than usual."""


def document(summary: Summary, paper: str, *, measuring: bool = False) -> FPDF:
    """An empty FPDF with the fonts, the margins and the file's details."""
    from fpdf import FPDF

    width, height = PAPER[paper]
    pdf = FPDF(orientation="P", unit="mm", format=(width, 5000.0 if measuring else height))
    for style, path in font_files().items():
        pdf.add_font(FONT, style=style, fname=str(path))
    pdf.set_margins(MARGIN, TOP, MARGIN)
    pdf.c_margin = 0  # words are placed exactly; tables pad their own cells
    # Each Fit is measured first, so nothing ever runs onto a second page.
    pdf.set_auto_page_break(False)
    pdf.set_title(words.TITLE)
    pdf.set_author("Symptom Decoder")
    pdf.set_creator("Symptom Decoder")
    pdf.set_subject(f"{words.period(summary)}; knowledge {summary.knowledge_version}")
    pdf.set_lang("en")
    pdf.set_creation_date(summary.generated_at)
    return pdf


def close(pdf: FPDF) -> None:
    """Close the font files: fontTools reads them lazily and keeps them open."""
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()


def _runs(text: str, style: str) -> list[tuple[str, str]]:
    """TEXT as (style, text) runs: the parts between ** and ** are bold."""
    parts = text.split("**")
    return [("B" if i % 2 else style, part) for i, part in enumerate(parts) if part]


class _Page:
    """Draws one summary at one Fit on a new page of an FPDF."""

    def __init__(self, summary: Summary, pack: Pack, paper: str, fit: Fit, pdf: FPDF,
                 widths: dict[tuple[str, float, str], float] | None = None) -> None:
        """Draw on a new page of PDF (``document`` makes one); a page of the measuring
        document is very tall, to see how much height the words need."""
        self.s, self.pack, self.fit = summary, pack, fit
        self.bottom = PAPER[paper][1] - FOOTER
        self.pdf = pdf
        self.widths = {} if widths is None else widths
        """Words measured once, shared by every trial on the same document."""
        pdf.add_page()
        self.width = pdf.w - 2 * MARGIN

    # --- small drawing helpers -------------------------------------------------------

    def rules(self) -> None:
        """Thin grey lines between table rows."""
        self.pdf.set_line_width(0.15)
        self.pdf.set_draw_color(MID)

    def font(self, size: float, style: str = "") -> None:
        self.pdf.set_font(FONT, style, size * self.fit.scale)

    def line_h(self, size: float) -> float:
        return size * self.fit.scale * 0.43

    def text(self, text: str, size: float = 8, style: str = "", *, gray: int = BLACK,
             indent: float = 0, markdown: bool = False) -> None:
        """TEXT wrapped to the column, left-aligned; with MARKDOWN, **words** are bold."""
        pdf = self.pdf
        runs = _runs(text, style) if markdown else [(style, text)]
        h = self.line_h(size)
        pdf.set_text_color(gray)
        for line in self.wrap(runs, size, pdf.w - pdf.r_margin - pdf.l_margin - indent):
            pdf.set_x(pdf.l_margin + indent)
            for chunk_style, chunk in line:
                self.font(size, chunk_style)
                pdf.cell(text=chunk, h=h)
            pdf.ln(h)
        pdf.set_text_color(BLACK)

    def wrap(self, runs: list[tuple[str, str]], size: float, width: float
             ) -> list[list[tuple[str, str]]]:
        """Lines of (style, text) chunks no wider than WIDTH, breaking only at spaces.

        fpdf2's own line breaking measures each line again for every character, which is
        slow for long paragraphs; here each word is measured once.
        """
        words_: list[list[tuple[str, str]]] = []
        glued = False
        for style, part in runs:
            for piece in re.split(r"( +)", part):
                if not piece:
                    continue
                if piece.isspace():
                    glued = False
                elif glued and words_:
                    words_[-1].append((style, piece))
                else:
                    words_.append([(style, piece)])
                    glued = True

        def measure(style: str, text: str) -> float:
            return self.measure(style, size, text)

        lines: list[list[tuple[str, str]]] = []
        line: list[tuple[str, str]] = []
        used = 0.0
        for word in words_:
            w = sum(measure(style, text) for style, text in word)
            space = measure(word[0][0], " ")
            if line and used + space + w <= width:
                if line[-1][0] == word[0][0]:
                    line[-1] = (line[-1][0], line[-1][1] + " " + word[0][1])
                else:
                    line.append((word[0][0], " " + word[0][1]))
                line.extend(word[1:])
                used += space + w
                continue
            if line:
                lines.append(line)
            line, used = list(word), w
        if line:
            lines.append(line)
        return lines

    def table(self, head: list[str], rows: list[list[tuple[str, str]]], weights: Sequence[float],
              right: set[int], size: float = 7.2) -> None:
        """A table across the column: a bold head, then ROWS of (style, text) cells, a thin
        grey line under each row. WEIGHTS share out the width; columns in RIGHT align right.

        Drawn with plain cells rather than fpdf2's tables, which wrap every cell the slow
        way; the same word wrapping as the paragraphs is used instead.
        """
        pdf = self.pdf
        left = pdf.l_margin
        total = pdf.w - pdf.r_margin - left
        widths = [total * w / sum(weights) for w in weights]
        pad = 1.0
        h = self.line_h(size)
        for index, cells in enumerate([[("B", name) for name in head], *rows]):
            wrapped = [self.wrap([cell], size, width - 2 * pad) if cell[1] else []
                       for cell, width in zip(cells, widths, strict=True)]
            top = pdf.get_y() + 0.4
            x = left
            for column, (lines, width) in enumerate(zip(wrapped, widths, strict=True)):
                for n, line in enumerate(lines):
                    used = sum(self.measure(style, size, text) for style, text in line)
                    start = x + width - pad - used if column in right else x + pad
                    pdf.set_xy(start, top + n * h)
                    for style, text in line:
                        self.font(size, style)
                        pdf.cell(text=text, h=h)
                x += width
            bottom = top + max([len(lines) for lines in wrapped] + [1]) * h + 0.4
            if index == 0:
                pdf.set_draw_color(BLACK)
                pdf.set_line_width(0.25)
            else:
                self.rules()
            pdf.line(left, bottom, left + total, bottom)
            pdf.set_xy(left, bottom)

    def measure(self, style: str, size: float, text: str) -> float:
        """TEXT's width at SIZE (scaled by the Fit), measured once per document."""
        key = (style, size * self.fit.scale, text)
        if key not in self.widths:
            self.font(size, style)
            self.widths[key] = float(self.pdf.get_string_width(text))
        return self.widths[key]

    def bullet(self, text: str, size: float = 7.6, *, markdown: bool = False) -> None:
        self.font(size)
        y = self.pdf.get_y()
        self.pdf.set_xy(self.pdf.l_margin + 1, y)
        self.pdf.cell(3, self.line_h(size), "•")
        self.text(text, size, indent=4, markdown=markdown)

    def heading(self, section_id: str) -> None:
        self.pdf.ln(1.4 * self.fit.scale)
        y = self.pdf.get_y()
        self.pdf.set_draw_color(BLACK)
        self.pdf.set_line_width(0.35)
        self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(0.8)
        self.text(words.section_title(self.pack, section_id).upper(), 8.6, "B")
        self.pdf.ln(0.3)

    @contextmanager
    def column(self, left: float, width: float) -> Iterator[None]:
        """Draw inside a column from LEFT (mm from the page's edge), WIDTH wide."""
        pdf = self.pdf
        saved = pdf.l_margin, pdf.r_margin
        pdf.set_left_margin(left)
        pdf.set_right_margin(pdf.w - left - width)
        pdf.set_x(left)
        try:
            yield
        finally:
            pdf.set_left_margin(saved[0])
            pdf.set_right_margin(saved[1])

    # --- the page ---------------------------------------------------------------------

    def body(self) -> float:
        """Draw everything but the footer; the height used, from the top of the page."""
        self.header()
        self.check()
        self.cramps()
        self.worth_a_look()
        self.supplements()
        self.readings()
        return self.pdf.get_y()

    def header(self) -> None:
        s = self.s
        self.text(words.TITLE, 13, "B")
        self.pdf.ln(0.6)
        facts = [("Name", s.name)] if s.name else []
        facts += [("Week of pregnancy", words.pregnancy(s.pregnancy)),
                  ("Age", words.age(s.pregnancy.age_band)), ("Period", words.period(s))]
        # No-break spaces keep each fact whole when the line wraps.
        self.text(f"{NBSP * 3} ".join(f"**{k}:**{NBSP}{(v or '').replace(' ', NBSP)}"
                                       for k, v in facts),
                  8.6, markdown=True)

    def check(self) -> None:
        s, c = self.s, self.s.check
        self.heading("check")
        if c is None:
            self.text("No check was kept, so the tool has not asked about danger signs. "
                      "Please ask about them.", 8, "B")
            return
        pdf = self.pdf
        top = pdf.get_y()
        with self.column(MARGIN + 3, self.width - 3):
            self.text(f"{words.LEVELS[c.level]}  ({words.check_when(s)})", 9.6, "B")
            self.text(c.headline, 8.4)
            reasons = words.reasons(c)
            for reason in reasons[: self.fit.triage]:
                self.bullet(reason, 7.8)
            if len(reasons) > self.fit.triage:
                self.text(f"and {len(reasons) - self.fit.triage} more reasons in the "
                          "FHIR file.", 7, gray=DARK, indent=4)
            do_now = words.beyond(c.do_now, c.headline)
            if do_now:
                self.bullet(f"What to do now: {do_now}", 7.8)
        pdf.set_fill_color(BLACK)
        pdf.rect(MARGIN, top, 1.4, pdf.get_y() - top, style="F")
        pdf.ln(0.8)
        present = c.signs_present
        asked = f"Danger signs asked: {len(c.danger_signs)}. "
        if present:
            shown = "; ".join(words.sign(d) for d in present)
            self.text(f"{asked}**Present: {shown}.**", 8.4, markdown=True)
        else:
            self.text(f"{asked}**None present.**", 8.4, markdown=True)
        absent = c.signs_absent
        if absent and self.fit.list_absent:
            self.text("Answered no: " + ", ".join(d.label for d in absent) + ".", 7.2,
                      gray=DARK)
        elif absent:
            self.text(f"{len(absent)} answered no.", 7.2, gray=DARK)
        if c.signs_unanswered:
            self.text("Not answered: " + ", ".join(d.label for d in c.signs_unanswered) + ".",
                      7.6, "B")
        worries = c.worries
        if worries:
            self.text("What worries the tool:", 8, "B")
            for w in worries[: self.fit.warnings]:
                self.bullet(first_sentence(w.text), 7.6)
            if len(worries) > self.fit.warnings:
                self.text(f"and {len(worries) - self.fit.warnings} more in the FHIR file.", 7,
                          gray=DARK, indent=4)

    def cramps(self) -> None:
        c = self.s.cramps
        self.heading("cramps")
        self.text(words.cramps_line(c), 8.4, "B")
        if not c.weeks:
            return
        pdf = self.pdf
        top = pdf.get_y() + 1
        chart_w = min(70.0, self.width * 0.4)
        self.chart(MARGIN, top, chart_w, 30 * self.fit.scale + 8)
        chart_bottom = pdf.get_y()
        with self.column(MARGIN + chart_w + 6, self.width - chart_w - 6):
            pdf.set_y(top)
            self.week_table()
            if c.trend:
                self.text(f"Trend: {c.trend.words}", 7.6)
            if c.trend_note:
                self.text(c.trend_note, 7.2, gray=DARK)
        pdf.set_y(max(pdf.get_y(), chart_bottom))

    def chart(self, x: float, y: float, w: float, h: float) -> None:
        """Cramps per week as grey bars with their count on top, nights woken as a black
        inner bar, each week labelled with its first day and week of pregnancy."""
        pdf, weeks = self.pdf, self.s.cramps.weeks
        self.font(6.8)
        pdf.set_xy(x, y)
        pdf.cell(w, 3, "Cramps a week (grey); nights woken (black)", align="L")
        label_h = self.line_h(6.4) * 2 + 1
        plot_top = y + 3 + 4.5  # room for the count above the tallest bar
        base = y + h - label_h
        plot_h = base - plot_top
        most = max([w_.cramps for w_ in weeks] + [1])
        step = max(1, -(-most // 4))
        top = step * -(-most // step)
        pdf.set_draw_color(LIGHT)
        pdf.set_line_width(0.2)
        self.font(5.8)
        for tick in range(step, top + 1, step):
            gy = base - plot_h * tick / top
            pdf.line(x, gy, x + w, gy)
            pdf.set_xy(x + w + 0.5, gy - 1.2)
            pdf.cell(6, 2.4, str(tick))
        pdf.set_draw_color(BLACK)
        pdf.set_line_width(0.3)
        pdf.line(x, base, x + w, base)
        slot = w / len(weeks)
        bar = slot * 0.62
        for i, week in enumerate(weeks):
            bx = x + i * slot + (slot - bar) / 2
            bh = plot_h * week.cramps / top
            if bh > 0:
                pdf.set_fill_color(MID)
                pdf.rect(bx, base - bh, bar, bh, style="F")
            wh = plot_h * week.nights_woken / top
            if wh > 0:
                pdf.set_fill_color(BLACK)
                pdf.rect(bx + bar * 0.25, base - wh, bar * 0.5, wh, style="F")
            self.font(6.8, "B")
            pdf.set_xy(bx - 2, base - bh - 3.4)
            pdf.cell(bar + 4, 3, words.weekly(week, week.cramps, unlogged="–"), align="C")
            self.font(6.2)
            pdf.set_xy(x + i * slot, base + 0.8)
            label = words.short_day(week.first)
            if week.gestational_week is not None:
                label += f"\nwk {week.gestational_week}"
            pdf.multi_cell(slot, self.line_h(6.2), label, align="C")
        pdf.set_xy(x, y + h)

    def week_table(self) -> None:
        rows = [[("", words.span(w.first, w.last, year=False)),
                 ("", "–" if w.gestational_week is None else str(w.gestational_week)),
                 ("", words.weekly(w, w.cramps)), ("", words.weekly(w, w.nights_woken)),
                 ("", words.severity(w.median_severity))] for w in self.s.cramps.weeks]
        self.table(["Days", "Week of pregnancy", "Cramps", "Nights woken",
                    f"Median severity (0{NBSP}to{NBSP}10)"], rows, [22, 17, 12, 13, 20],
                   right={1, 2, 3, 4})
        self.pdf.ln(0.8)

    def findings(self, title: str, items: list[Finding]) -> None:
        if not items:
            return
        self.text(title, 8, "B")
        for f in items[: self.fit.items]:
            reasons = " ".join(f.reasons[: self.fit.reasons])
            self.bullet(f"**{f.title}** ({words.LIKELIHOOD[f.likelihood]}). {reasons}"
                        .rstrip(), 7.6, markdown=True)
        if len(items) > self.fit.items:
            self.text(f"and {len(items) - self.fit.items} more in the FHIR file.", 7,
                      gray=DARK, indent=4)

    def worth_a_look(self) -> None:
        s = self.s
        self.heading("worth_a_look")
        if not (s.factors or s.look_alikes or s.tests):
            self.text("Nothing from the latest check." if s.check else
                      "No check was kept.", 7.8)
            return
        if lead := words.from_check(s):
            self.text(lead, 7.4, gray=DARK)
        self.findings("What may be behind the cramps", s.factors)
        self.findings("Other conditions to rule out", s.look_alikes)
        if s.tests:
            self.text("Tests to discuss", 8, "B")
            for t in s.tests[: self.fit.items]:
                why = f": {first_sentence(t.why)}" if self.fit.reasons else ""
                self.bullet(f"**{t.title}**{why}", 7.6, markdown=True)
            if len(s.tests) > self.fit.items:
                self.text(f"and {len(s.tests) - self.fit.items} more in the FHIR file.", 7,
                          gray=DARK, indent=4)

    def supplements(self) -> None:
        ledger = self.s.ledger
        self.heading("supplements")
        if ledger is None:
            self.text("None recorded.", 7.8)
            return
        if ledger.source == "check":
            self.text("As listed in the latest check.", 7, gray=DARK)
        keys = list(ledger.totals)
        rows: list[list[tuple[str, str]]] = []
        for p in ledger.products:
            rows.append([("", p.name), ("", f"{p.units_per_day:g}")] + [
                ("", "" if t.key not in p.amounts else words.amount(p.amounts[t.key])
                 + ("*" if t.key in p.estimated else "")) for t in keys])
        rows.append([("B", "Total a day, with food where the limit counts it"), ("", "")] + [
            ("B" if t.over else "", words.amount(t.counted) + (" OVER" if t.over else ""))
            for t in keys])
        rows.append([("", "Upper limit a day in pregnancy"), ("", "")] + [
            ("", words.amount(t.upper_limit) if t.upper_limit is not None else "none")
            for t in keys])
        self.table(["Product (amount a tablet or dose)", "A day"]
                   + [f"{t.name} ({t.unit})" for t in keys], rows,
                   [44, 12] + [15] * len(keys), right=set(range(1, len(keys) + 2)))
        self.pdf.ln(0.6)
        if any(p.estimated for p in ledger.products):
            self.text("* Left blank on the label: a typical amount is counted.", 6.8, gray=DARK)
        for w in ledger.warnings[: self.fit.warnings]:
            self.bullet(first_sentence(w.text), 7.4)

    def reading_table(self, rows: list[Reading]) -> None:
        cells = [[("", r.label), ("B" if r.flag else "", words.reading_value(r)),
                  ("", r.usual), ("B", words.flag(r))] for r in rows]
        self.table(["Reading", "Value", "Usual range", ""], cells, [26, 32, 23, 15],
                   right=set())

    def readings(self) -> None:
        s, pdf = self.s, self.pdf
        self.heading("readings")
        if not s.readings:
            self.text("None given.", 7.8)
        elif self.fit.scale > 0.9 or len(s.readings) < 4:
            self.reading_table(s.readings)
        else:
            half = -(-len(s.readings) // 2)
            gap = 6.0
            col = (self.width - gap) / 2
            top = pdf.get_y()
            with self.column(MARGIN, col):
                self.reading_table(s.readings[:half])
            left_bottom = pdf.get_y()
            if s.readings[half:]:
                pdf.set_y(top)
                with self.column(MARGIN + col + gap, col):
                    self.reading_table(s.readings[half:])
            pdf.set_y(max(left_bottom, pdf.get_y()))
        if s.food:
            lines = [f"{f.name} {words.amount(f.amount)} {words.UNITS.get(f.unit, f.unit)} "
                     "a day"
                     + (f" (reference {words.amount(f.target)})" if f.target else "")
                     + (f" (stay under {words.amount(f.limit)})" if f.limit else "")
                     for f in s.food.lines]
            pdf.ln(0.8)
            self.text(f"**{words.section_title(self.pack, 'food')}**, averages over "
                      f"{s.food.days_logged} logged days: " + "; ".join(lines) + ".", 7.6,
                      markdown=True)

    def footer(self) -> None:
        pdf = self.pdf
        y = pdf.h - FOOTER + 3
        pdf.set_draw_color(BLACK)
        pdf.set_line_width(0.2)
        pdf.line(MARGIN, y, pdf.w - MARGIN, y)
        pdf.set_xy(MARGIN, y + 0.8)
        self.font(6.8)
        pdf.multi_cell(self.width - 20, 3.2, f"{words.NOT_A_DIAGNOSIS} Knowledge "
                       f"{self.s.knowledge_version}. Made {words.moment(self.s.generated_at)}. "
                       "The FHIR file holds every answer and every cramp with its codes.",
                       align="L")
        pdf.set_xy(MARGIN, y + 0.8)
        pdf.cell(self.width, 3.2, f"Page 1 of {pdf.pages_count}", align="R")



def choose_fit(summary: Summary, pack: Pack, paper: str) -> Fit:
    """The first Fit whose words end above the footer.

    Each Fit is drawn on its own tall page of one measuring document (fonts load once),
    and the Fits are searched by halves: fewer and smaller words never need more height.
    """
    fits = FITS + LAST_RESORT
    pdf = document(summary, paper, measuring=True)
    widths: dict[tuple[str, float, str], float] = {}
    try:
        first = _Page(summary, pack, paper, fits[0], pdf, widths)
        if first.body() <= first.bottom - 1:
            return fits[0]  # the usual case: everything at full size
        low, high = 1, len(fits) - 1
        while low < high:
            middle = (low + high) // 2
            trial = _Page(summary, pack, paper, fits[middle], pdf, widths)
            if trial.body() <= trial.bottom - 1:
                high = middle
            else:
                low = middle + 1
        return fits[low]
    finally:
        close(pdf)


def render_pdf(summary: Summary, pack: Pack, paper: str = "a4") -> bytes:
    """The summary on one page of PAPER (``a4`` or ``letter``)."""
    fit = choose_fit(summary, pack, paper)
    pdf = document(summary, paper)
    try:
        page = _Page(summary, pack, paper, fit, pdf)
        page.body()
        page.footer()
        return bytes(pdf.output())
    finally:
        close(pdf)


class PdfExporter:
    name = "pdf"
    title = "PDF, one page"
    media_type = "application/pdf"
    suffix = ".pdf"

    def render(self, summary: Summary, pack: Pack, options: Options) -> bytes:
        return render_pdf(summary, pack, options.paper)
