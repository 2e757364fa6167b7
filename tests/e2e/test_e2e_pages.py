"""Every page in a real Chromium on a phone, light and dark: screenshots, axe, no CSP errors."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import axe_problems, new_context, shoot

PUBLIC = [("home", "/"), ("interview", "/assess"), ("relief", "/relief"),
          ("references", "/references"), ("api", "/api"), ("login", "/login"),
          ("signup", "/signup"), ("offline", "/offline")]
PRIVATE = [("diary", "/diary"), ("trends", "/trends"), ("compare", "/trends?change=2026-01-05"),
           ("settings", "/settings"),
           ("foods", "/foods?q=spinach"), ("supplements", "/supplements"),
           ("summary", "/diary/summary")]


def _sign_up(page: Any, server: str, name: str) -> None:
    page.goto(f"{server}/signup")
    page.fill("#f-username", name)
    page.fill("#f-password", "correct horse battery")
    page.fill("#f-confirm", "correct horse battery")
    page.click("button.primary")
    page.wait_for_url(f"{server}/diary")


def _watch_console(page: Any) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.mark.browser
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_it_shows_every_page_accessibly_on_a_phone(server: str, browser: Any, dark: bool) -> None:
    context = new_context(browser, dark=dark)
    page = context.new_page()
    errors = _watch_console(page)
    theme = "dark" if dark else "light"
    problems: dict[str, list[str]] = {}
    _sign_up(page, server, f"pages-{theme}")
    page.click("button.log-now")
    page.wait_for_url(f"{server}/diary?logged=1")
    for name, path in PUBLIC + PRIVATE:
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
        shoot(page, f"{name}-{theme}")
        found = axe_problems(page)
        if found:
            problems[path] = found
    # Pages reached by a form or a link: a cramp, danger, every quick screen, the result.
    def look(name: str) -> None:
        page.wait_for_load_state("networkidle")
        shoot(page, f"{name}-{theme}")
        found = axe_problems(page)
        if found:
            problems[name] = found

    page.goto(f"{server}/diary")
    page.click("ul.results a[href^='/diary/episodes/']")
    look("episode")
    page.goto(f"{server}/assess")
    page.check("#q-one_leg_swelling")
    page.click("button[value=next]")
    look("danger")
    page.click("button[value=continue]")
    look("interview-after-danger")
    page.click("button[value=result]")
    look("result-urgent")
    page.goto(f"{server}/assess")
    page.click("button[value=next]")
    screen = 2
    while page.locator("input[name=shown]").count():
        look(f"interview-screen{screen}")
        page.click("button[value=next]")
        screen += 1
    look("result")
    page.click("button[value=sharpen]")
    look("interview-answer-more")
    context.close()
    assert problems == {}
    assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == []


@pytest.mark.browser
def test_it_answers_the_interview_without_javascript(server: str, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390,
                                                                          "height": 844})
    page = context.new_page()
    page.goto(f"{server}/assess")
    page.check("#q-chest_pain")
    page.click("button[value=next]")
    assert page.locator(".level").inner_text().strip().lower() == "emergency"
    assert page.locator("h1.do-now").inner_text().startswith("Call your local emergency number")
    assert page.locator("a[href='tel:999']").is_visible()
    shoot(page, "danger-nojs")
    page.click("button[value=result]")
    assert page.locator(".level").text_content() == "Emergency"
    context.close()


@pytest.mark.browser
def test_it_loads_the_interview_in_under_100_kb(server: str, browser: Any) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{server}/assess")
    page.wait_for_load_state("networkidle")
    sizes = page.evaluate(
        "() => [performance.getEntriesByType('navigation')[0].decodedBodySize,"
        " ...performance.getEntriesByType('resource')"
        ".filter(r => !r.name.includes('/sw.js')).map(r => r.decodedBodySize)]")
    context.close()
    assert sum(sizes) < 100 * 1024, sizes
