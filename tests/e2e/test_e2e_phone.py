"""On a small phone in a real Chromium: every write survives a reload without happening twice,
no page scrolls sideways at 320 or 390 pixels, the chart's text is readable, errors take the
focus, a visitor's result is kept when she makes an account, and a first visit takes its
colours from the phone. Screenshots of each step go to test-artifacts/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import axe_problems, shoot

PASSWORD = "correct horse battery"
WIDTHS = (320, 390)
PAGES = ["/", "/assess", "/relief", "/references", "/claims", "/api", "/login", "/signup",
         "/offline", "/diary", "/trends", "/trends?change=2026-11-19", "/settings", "/foods",
         "/foods?q=spinach", "/supplements"]
SIDEWAYS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className ? '.' + String(el.className).split(' ')[0] : ''));
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def _phone(browser: Any, width: int, *, dark: bool = False) -> Any:
    return browser.new_context(viewport={"width": width, "height": 844}, device_scale_factor=1,
                               is_mobile=True, has_touch=True,
                               color_scheme="dark" if dark else "light")


def _sign_up(page: Any, server: str, name: str) -> None:
    page.goto(f"{server}/signup")
    page.fill("#f-username", name)
    page.fill("#f-password", PASSWORD)
    page.fill("#f-confirm", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{server}/diary")


def _count(page: Any, path: str, key: str) -> int:
    return int(page.evaluate(
        "async ([path, key]) => (await (await fetch(path)).json())[key].length", [path, key]))


def _cramps(page: Any) -> int:
    return _count(page, "/api/v1/diary/episodes", "episodes")


def _foods(page: Any) -> int:
    return _count(page, "/api/v1/foodlog", "entries")


def _stack(page: Any) -> int:
    return _count(page, "/api/v1/supplements", "items")


def _sideways(page: Any) -> str:
    """Empty when the page fits its width; else what sticks out."""
    found = page.evaluate(SIDEWAYS)
    if found["scroll"] <= found["width"]:
        return ""
    return f"{found['scroll']} px wide at {found['width']}: {', '.join(found['wide'])}"


@pytest.mark.browser
def test_it_never_writes_twice_when_she_reloads_after_a_form(
    server: str, browser: Any, tmp_path: Any
) -> None:
    context = _phone(browser, 390, dark=True)
    page = context.new_page()
    _sign_up(page, server, "reload-rita")

    def write(name: str, act: Callable[[], None], says: str, count: Callable[[], int],
              expected: int) -> None:
        act()
        page.wait_for_load_state("networkidle")
        landed = page.url
        assert page.locator("main").inner_text().count(says) == 1, (name, landed)
        shoot(page, f"write-{name}")
        for _ in range(2):
            page.reload()
            page.wait_for_load_state("networkidle")
            assert page.url == landed, name
        assert count() == expected, name
        assert axe_problems(page) == [], name

    def log_food() -> None:
        page.goto(f"{server}/foods")
        page.fill("#f-text", "30 g pumpkin seeds")
        page.locator("form[action='/foods/log'] button.primary").click()

    write("food-logged", log_food, "Logged 30 g of", lambda: _foods(page), 1)
    write("food-removed", lambda: page.locator("form[action^='/foods/entries/'] button")
          .first.click(), "Removed.", lambda: _foods(page), 0)

    def add_supplement() -> None:
        page.goto(f"{server}/supplements")
        page.select_option("#s-kind", "magnesium")
        page.fill("#s-name", "Mag 400")
        page.fill("#s-magnesium_mg", "400")
        page.click("form[action='/supplements'] button.primary")

    write("supplement-added", add_supplement, "Added Mag 400.", lambda: _stack(page), 1)
    write("supplement-removed", lambda: page.locator("form[action$='/delete'] button")
          .first.click(), "Removed.", lambda: _stack(page), 0)

    def log_cramp() -> None:
        page.goto(f"{server}/diary")
        page.click("summary")
        page.fill("#e-started_time", "03:10")
        page.check("input[name=leg][value=both]")
        page.fill("#e-severity", "7")
        page.click("text=Save this cramp")

    write("cramp-logged", log_cramp, "Logged. Rest now", lambda: _cramps(page), 1)
    listed = page.locator("ul.episodes li").first.inner_text()
    assert re.match(r"(Tonight|Last night|Today|Yesterday), 03:10", listed), listed
    assert "both legs · 7 out of 10" in listed

    def edit_cramp() -> None:
        page.click("ul.episodes a >> nth=0")
        page.fill("#e-severity", "5")
        page.click("text=Save changes")

    write("cramp-changed", edit_cramp, "Your changes are saved.", lambda: _cramps(page), 1)
    assert "5 out of 10" in page.content()

    def delete_cramp() -> None:
        page.click("ul.episodes a >> nth=0")
        page.click("text=Delete this cramp")
        assert page.locator("h1").inner_text() == "Delete this cramp?"
        shoot(page, "cramp-delete-asks")
        page.click("text=Yes, delete it")

    write("cramp-deleted", delete_cramp, "The cramp is deleted.", lambda: _cramps(page), 0)

    csv = tmp_path / "diary.csv"
    csv.write_text("record,id,uuid,started_at,zone,leg,muscle,duration_min,severity,woke,"
                   "helped,note,day,fluids_ml,supplements,stretching_min,hours_standing\r\n"
                   "episode,,5b0f4c1e-8a55-4f7a-9d43-0c1e2f3a4b5c,2026-11-20T03:10:00+00:00,"
                   "UTC,left,calf,,6,yes,,,,,,,\r\n", encoding="utf-8")

    def import_diary() -> None:
        page.goto(f"{server}/settings")
        page.set_input_files("#f-file", str(csv))
        page.click("form[action='/diary/import'] button")

    write("diary-imported", import_diary, "Imported: 1 new", lambda: _cramps(page), 1)

    def no_cramps_today() -> None:
        page.goto(f"{server}/diary")
        page.click("button.none-today")
        page.wait_for_url(f"{server}/diary?none=1")

    write("no-cramps-today", no_cramps_today, "Marked: no cramps today.",
          lambda: _count(page, "/api/v1/diary/days", "days"), 1)

    def save_profile() -> None:
        page.goto(f"{server}/settings")
        page.select_option("#f-age", "19-30")
        page.click("form[action='/settings/profile'] button")

    write("profile-saved", save_profile, "Your profile is saved.", lambda: _cramps(page), 1)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_on_a_small_phone(server: str, browser: Any,
                                                   width: int) -> None:
    context = _phone(browser, width)
    page = context.new_page()
    _sign_up(page, server, f"narrow-{width}")
    page.request.post(f"{server}/api/v1/diary/episodes", headers={
        "x-csrf-token": page.evaluate("() => document.querySelector('meta[name=csrf-token]')"
                                      ".content")},
        data={"zone": "UTC", "started_at": "2026-11-20T03:10:00+00:00", "leg": "both",
              "muscle": "calf", "severity": 7})
    problems: dict[str, str] = {}
    paths = [*PAGES]
    page.goto(f"{server}/diary")
    episode = page.locator("ul.episodes a").first.get_attribute("href")
    paths += [episode, f"{episode}/delete"]
    for path in paths:
        page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
        name = re.sub(r"[/?=]+", "-", path.strip("/")) or "home"
        shoot(page, f"narrow-{width}-{name}")
        found = _sideways(page)
        if found:
            problems[path] = found
        if width == 320:
            for problem in axe_problems(page):
                problems[f"{path} axe"] = problem
    context.close()
    assert problems == {}


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_the_trends_chart_is_drawn_for_the_phone_with_text_of_12_pixels_or_more(
    server: str, browser: Any, width: int
) -> None:
    context = _phone(browser, width, dark=True)
    page = context.new_page()
    _sign_up(page, server, f"chart-{width}")
    token = page.evaluate("() => document.querySelector('meta[name=csrf-token]').content")
    for day in (2, 9, 10, 18, 25):
        page.request.post(f"{server}/api/v1/diary/episodes", headers={"x-csrf-token": token},
                          data={"zone": "UTC", "started_at": f"2026-11-{day:02}T03:10:00+00:00",
                                "severity": 4 + day % 5})
    page.goto(f"{server}/trends")
    page.wait_for_load_state("networkidle")
    chart = page.locator("img.chart")
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    source = chart.evaluate("img => img.currentSrc")
    assert "theme=dark" in source
    shown = chart.evaluate("img => img.getBoundingClientRect().width")
    svg = page.evaluate("async url => (await fetch(url)).text()", source)
    drawn = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]
    assert sizes and min(sizes) * shown / drawn >= 12, (min(sizes), shown, drawn)
    assert "5 cramps from" in page.locator("main").inner_text()
    assert _sideways(page) == ""
    shoot(page, f"trends-{width}")
    context.close()


@pytest.mark.browser
def test_errors_take_the_focus_where_she_can_see_them(server: str, browser: Any) -> None:
    context = _phone(browser, 390, dark=True)
    page = context.new_page()
    _sign_up(page, server, "focus-fay")
    page.click("summary")
    page.fill("#e-severity", "11")
    page.click("text=Save this cramp")
    page.locator(".problems").wait_for()  # the form comes back from the server first
    page.wait_for_load_state()  # and its script has moved the focus
    focused = page.evaluate("() => [document.activeElement.className,"
                            " document.activeElement.getAttribute('role')]")
    assert focused == ["problems", "alert"]
    assert page.locator(".problems").is_visible()
    assert page.get_attribute("#e-severity", "aria-describedby") == "err-severity"
    shoot(page, "focus-diary-error")
    assert axe_problems(page) == []

    page.goto(f"{server}/settings")
    page.fill("#f-confirm_delete", "Focus-fay ")
    page.click("text=Delete my account and data")
    error = page.locator("#err-confirm_delete")
    error.wait_for()  # the refused form comes back from the server first
    page.wait_for_load_state()  # and its script has moved the focus
    assert page.evaluate("() => document.activeElement.id") == "f-confirm_delete"
    assert error.is_visible()
    assert error.evaluate("el => { const r = el.getBoundingClientRect();"
                          " return r.top >= 0 && r.bottom <= innerHeight; }")
    assert "in small letters and without spaces: focus-fay" in error.inner_text()
    shoot(page, "focus-delete-name")
    assert page.evaluate("async () => (await (await fetch('/api/v1/session')).json())"
                         ".signed_in")
    context.close()


@pytest.mark.browser
def test_it_keeps_a_visitors_result_when_she_makes_an_account(server: str,
                                                              browser: Any) -> None:
    context = _phone(browser, 390, dark=True)
    page = context.new_page()
    page.goto(f"{server}/assess")
    page.click("button[value=next]")  # no danger sign ticked
    page.click("button[value=result]")
    shoot(page, "keep-result-visitor")
    page.click("form[action='/signup/keep'] button.primary")
    assert "Your result comes with you" in page.locator("main").inner_text()
    page.fill("#f-username", "kept-kim")
    page.fill("#f-password", PASSWORD)
    page.fill("#f-confirm", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(re.compile(r".*/diary/results/\d+$"))
    shoot(page, "keep-result-saved")
    assert _count(page, "/api/v1/diary/assessments", "assessments") == 1
    page.reload()
    assert _count(page, "/api/v1/diary/assessments", "assessments") == 1
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("dark", [False, True], ids=["light phone", "dark phone"])
def test_a_first_visit_takes_its_colours_from_the_phone(server: str, browser: Any,
                                                        dark: bool) -> None:
    for path in ("/", "/relief", "/offline"):
        context = _phone(browser, 390, dark=dark)
        page = context.new_page()
        page.goto(f"{server}{path}")
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert background == ("rgb(14, 17, 20)" if dark else "rgb(251, 250, 248)"), path
        context.close()


@pytest.mark.browser
def test_every_page_is_in_the_navigation(server: str, browser: Any) -> None:
    context = _phone(browser, 390)
    page = context.new_page()
    _sign_up(page, server, "nav-nina")
    links = page.eval_on_selector_all("nav[aria-label=Main] a", "as => as.map(a => a.pathname)")
    assert {"/assess", "/diary", "/trends", "/foods", "/supplements", "/relief",
            "/settings"} <= set(links)
    for path in ("/supplements", "/trends"):
        page.goto(f"{server}{path}")
        current = page.locator("nav[aria-label=Main] a[aria-current=page]")
        assert current.get_attribute("href") == path
    context.close()
