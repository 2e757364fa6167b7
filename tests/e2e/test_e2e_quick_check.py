"""The 3 a.m. check on a 390 x 844 phone in the dark: the tired 30-weeks persona answers the
quick check as she would, and her result's first screen holds what she needs. A
screenshot of every step goes to test-artifacts/quick-check/ for a person to look at."""

from __future__ import annotations

from typing import Any

import pytest

from personas import full_answers
from symptom_decoder.answers import get_path
from symptom_decoder.knowledge import load_pack

from .conftest import ROOT, axe_problems, capture, new_context

STEPS = ROOT / "test-artifacts" / "quick-check"
PACK = load_pack()
QUESTIONS = {q.path: q for q in PACK.questions}
TYPED = {"gestational_week": "30 weeks", "intake.fluid_litres_per_day": "1 litre"}
"""Answers typed as people type them, not as bare numbers."""


def _step(page: Any, name: str) -> None:
    """The step as her phone shows it (the first 844 pixels), and the whole page."""
    STEPS.mkdir(parents=True, exist_ok=True)
    capture(page, STEPS / f"{name}.png", full_page=False)
    capture(page, STEPS / f"{name}-whole.png")


def _answer(page: Any, path: str, value: Any) -> None:
    q = QUESTIONS[path]
    if q.type == "boolean":
        page.check(f"input[name={q.id}][value={'yes' if value else 'no'}]")
    elif q.type in ("integer", "number"):
        page.fill(f"#q-{q.id}", TYPED.get(path, str(value)))
    elif q.type == "choice":
        page.check(f"input[name={q.id}][value='{value}']")
    elif q.type == "multi_choice":
        for v in value:
            page.check(f"input[name={q.id}][value='{v}']")
    elif q.type == "supplements":
        for i, item in enumerate(value):
            if i:
                page.click("button[value=add_row]")
            page.select_option(f"#sup{i}_kind", item["kind"])
            for key, given in item.items():
                if key != "kind":
                    page.fill(f"#sup{i}_{key}", str(given))


def _bottom(page: Any, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return float(box["y"] + box["height"])


@pytest.mark.browser
def test_the_tired_persona_gets_her_quick_result_on_her_phone_in_the_dark(
        server: str, browser: Any) -> None:
    full = full_answers("tired-30-weeks")
    context = new_context(browser, dark=True)
    page = context.new_page()
    page.goto(f"{server}/assess")
    assert "about 2 minutes" in page.locator("main").inner_text()
    screens: list[list[str]] = []
    problems: dict[str, list[str]] = {}
    while page.locator("input[name=shown]").count():
        shown = [page.locator("input[name=shown]").nth(i).get_attribute("value")
                 for i in range(page.locator("input[name=shown]").count())]
        checklist = all(p.startswith("red_flags.") for p in shown)
        screens.append(["danger signs"] if checklist else shown)
        assert page.locator(".progress").is_visible()
        _step(page, f"step{len(screens)}")
        found = axe_problems(page)
        if found:
            problems[f"step{len(screens)}"] = found
        if not checklist:
            for path in shown:
                value = get_path(full, path)
                if value is not None:
                    _answer(page, path, value)
        page.click("button[value=next]")
        page.wait_for_load_state("networkidle")
        assert len(screens) <= 6, "the check does not end"

    questions = sum(len(s) for s in screens)
    assert len(screens) <= 4, screens
    assert questions <= 15, screens
    assert page.locator(".level").inner_text().strip().lower() == "manage at home"

    # Her first screen: the headline, what to do now and relief during a cramp.
    page.evaluate("() => window.scrollTo(0, 0)")
    for selector in ("#headline", "#now", "#relief", "#relief + ol.steps > li"):
        assert _bottom(page, selector) <= 844, selector
    _step(page, "result")
    found = axe_problems(page)
    if found:
        problems["result"] = found

    # The reasons of what is worth a look are one tap away, with a marker that shows state.
    summary = page.locator("#worth ~ article summary").first
    marker = summary.evaluate("s => getComputedStyle(s, '::after').content")
    assert marker == '"Show"'
    summary.click()
    assert summary.evaluate("s => getComputedStyle(s, '::after').content") == '"Hide"'
    assert page.locator("section[aria-labelledby=worth] details[open] .evidence").is_visible()
    page.click("button[value=sharpen]")
    assert "More questions to sharpen your result" in page.locator("h1").inner_text()
    _step(page, "answer-more")
    context.close()
    assert problems == {}


@pytest.mark.browser
def test_a_danger_sign_shows_the_instruction_once_with_buttons_to_call(
        server: str, browser: Any) -> None:
    context = new_context(browser, dark=True)
    page = context.new_page()
    page.goto(f"{server}/assess")
    page.check("#q-one_leg_swelling")
    page.click("button[value=next]")
    _step(page, "danger")
    main = page.locator("main").inner_text()
    assert main.count("Get checked today") == 1
    assert page.locator("h1.do-now").count() == 1
    assert page.locator("a[href^='tel:']").count() >= 2
    assert "If no one answers" in main
    assert _bottom(page, "a[href^='tel:']") <= 844
    assert axe_problems(page) == []
    page.click("button[value=result]")
    assert page.locator("main").inner_text().count("Get checked today") == 1
    assert page.locator(".alarm a[href^='tel:']").count() >= 2
    _step(page, "danger-result")
    assert axe_problems(page) == []
    context.close()

