"""A new person's first night, in a real browser: sign up, the interview, the result, three
cramps with one tap, the chart, and her data exported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from diary_support import diary_csv

from .conftest import axe_problems, new_context, shoot

PASSWORD = "correct horse battery"


def queue_holds(page: Any, count: int) -> None:
    """Wait until the offline queue holds COUNT cramps. A function, not an expression:
    Playwright evaluates expressions with eval, which the app's CSP rightly refuses."""
    page.wait_for_function(
        "n => JSON.parse(localStorage.getItem('sd-episode-queue') || '[]').length === n",
        arg=count,
    )


def _log_now(page: Any, count: int) -> None:
    from playwright.sync_api import expect

    page.click("button.log-now")
    noun = "cramp" if count == 1 else "cramps"
    expect(page.locator("main")).to_contain_text(f"{count} {noun} in your diary.")


@pytest.mark.browser
def test_it_takes_a_new_person_from_sign_up_to_her_exported_data(
    server: str, browser: Any
) -> None:
    context = new_context(browser, dark=True)
    page = context.new_page()

    page.goto(server)
    page.click("text=Make an account to keep a diary")
    page.fill("#f-username", "alice")
    page.fill("#f-password", PASSWORD)
    page.fill("#f-confirm", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{server}/diary")

    # The quick check: no danger signs, then what she knows on each screen, typed her way.
    page.goto(f"{server}/assess")
    page.click("button[value=next]")
    typed = {"#q-week": "32 weeks", "#q-age": "29", "#q-mg_servings": "half",
             "#q-fluids": "1,5 litres", "#q-dairy": "1"}
    screen = 1
    while page.locator("input[name=shown]").count():
        screen += 1
        for box, value in typed.items():
            if page.locator(box).count():
                page.fill(box, value)
        if page.locator("input[name=timing][value=night]").count():
            page.check("input[name=timing][value=night]")
        shoot(page, f"journey-screen{screen}")
        page.click("button[value=next]")

    assert page.locator(".level").text_content() == "Manage at home"
    state = json.loads(page.locator("input[name=state]").first.input_value())
    assert state["gestational_week"] == 32
    assert state["intake"]["magnesium_rich_servings_per_day"] == 0.5
    assert state["intake"]["fluid_litres_per_day"] == 1.5
    first = page.locator("#worth ~ article h3").first.inner_text()
    assert "magnesium" in first.lower()
    reasons = page.locator("#worth ~ article details summary").first
    reasons.click()
    assert page.locator("#worth ~ article details[open] li").first.is_visible()
    page.locator("#refs summary").click()
    assert page.locator("ol.refs a[href^='https://']").count() > 0
    shoot(page, "journey-result")
    assert axe_problems(page) == []
    page.click("button[value=save]")
    page.wait_for_url(f"{server}/diary/results/*")

    # Three cramps in the night, one tap each.
    page.goto(f"{server}/diary")
    for count in (1, 2, 3):
        _log_now(page, count)
    assert "3 cramps in your diary." in page.content()
    shoot(page, "journey-diary")

    # A meal: type the amount and a few letters, pick the food from the list.
    page.goto(f"{server}/foods")
    page.fill("#f-text", "30 g pumpkin seeds")
    page.locator("[data-search-results] button").first.click()
    assert page.input_value("#f-text").startswith("30 g ")
    page.click("button.primary")
    assert "Logged 30 g of" in page.locator("main").inner_text()
    shoot(page, "journey-foods")

    page.goto(f"{server}/trends")
    assert "3 cramps from" in page.content()
    chart = page.locator("img.chart")
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    shoot(page, "journey-trends")

    page.goto(f"{server}/settings")
    with page.expect_download() as download:
        page.click("text=Download my data")
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["tables"]["accounts"][0]["username"] == "alice"
    assert len(exported["tables"]["episodes"]) == 3
    assert len(exported["tables"]["assessments"]) == 1
    assert len(exported["tables"]["food_log_entries"]) == 1
    context.close()


@pytest.mark.browser
def test_it_queues_a_cramp_offline_and_syncs_it_once(server: str, browser: Any) -> None:
    context = new_context(browser, dark=True)
    page = context.new_page()
    page.goto(f"{server}/signup")
    page.fill("#f-username", "offline-olga")
    page.fill("#f-password", PASSWORD)
    page.fill("#f-confirm", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{server}/diary")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")

    context.set_offline(True)
    page.click("button.log-now")
    queue_holds(page, 1)
    assert page.locator("[data-queue]").is_visible()
    shoot(page, "offline-queued")
    queued = page.evaluate("() => JSON.parse(localStorage.getItem('sd-episode-queue'))")
    # The answer to a send can be lost after the server stored it: the same item goes twice.
    page.evaluate("items => localStorage.setItem('sd-episode-queue', JSON.stringify(items))",
                  queued + queued)

    context.set_offline(False)
    page.wait_for_url(f"{server}/diary?logged=1", timeout=15000)
    assert page.evaluate("() => localStorage.getItem('sd-episode-queue')") == "[]"
    episodes = page.evaluate(
        "async () => (await (await fetch('/api/v1/diary/episodes')).json()).episodes")
    assert [e["uuid"] for e in episodes] == [queued[0]["uuid"]]
    assert "1 cramp in your diary." in page.content()
    context.close()


@pytest.mark.browser
def test_it_installs_as_an_app(server: str, browser: Any) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(f"{server}/relief")
    registered = page.evaluate(
        "async () => { const r = await navigator.serviceWorker.ready; return r.scope; }")
    assert registered == f"{server}/"
    manifest = page.evaluate("async () => (await fetch('/manifest.webmanifest')).json()")
    assert manifest["display"] == "standalone"
    # The relief guide is kept for offline use.
    context.set_offline(True)
    page.reload()
    assert "Ease a cramp now" in page.content()
    context.set_offline(False)
    context.close()


@pytest.mark.browser
def test_it_runs_the_stretch_timer(server: str, browser: Any) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.clock.install()
    page.goto(f"{server}/relief")
    assert page.locator(".no-js").is_hidden()
    page.click("[data-timer-start]")
    page.clock.run_for(10_000)
    assert page.locator("[data-timer-display]").inner_text() == "20 seconds"
    page.clock.run_for(21_000)
    assert page.locator("[data-timer-display]").inner_text().startswith("Done.")
    shoot(page, "relief-timer")
    context.close()


@pytest.mark.browser
def test_it_logs_a_cramp_when_the_app_is_opened_offline(server: str, browser: Any) -> None:
    context = new_context(browser, dark=True)
    page = context.new_page()
    page.goto(f"{server}/signup")
    page.fill("#f-username", "night-nora")
    page.fill("#f-password", PASSWORD)
    page.fill("#f-confirm", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{server}/diary")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")

    context.set_offline(True)
    page.goto(f"{server}/diary")
    assert page.locator("h1").inner_text() == "You are offline"
    shoot(page, "offline-page")
    page.click("button.log-now")
    queue_holds(page, 1)
    context.set_offline(False)
    page.wait_for_url(f"{server}/diary?logged=1", timeout=15000)
    assert "1 cramp in your diary." in page.content()
    context.close()


def _sign_in(page: Any, server: str, name: str, *, new: bool) -> None:
    page.goto(f"{server}/{'signup' if new else 'login'}")
    page.fill("#f-username", name)
    page.fill("#f-password", PASSWORD)
    if new:
        page.fill("#f-confirm", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{server}/diary")


@pytest.mark.browser
def test_it_sends_a_queued_cramp_only_to_the_diary_of_who_logged_it(
    server: str, browser: Any
) -> None:
    context = new_context(browser)
    page = context.new_page()
    _sign_in(page, server, "shared-bob", new=True)
    page.click("footer button.link")  # sign out
    _sign_in(page, server, "shared-ann", new=True)
    context.set_offline(True)
    page.click("button.log-now")
    queue_holds(page, 1)
    context.set_offline(False)
    page.wait_for_url(f"{server}/diary?logged=1", timeout=15000)
    assert "1 cramp in your diary." in page.content()

    # Logged by ann but not sent (the network drops it), then bob signs in on the same phone.
    context.route("**/api/v1/diary/episodes", lambda route: route.abort())
    page.click("button.log-now")
    queue_holds(page, 1)
    page.evaluate("() => { window.__sdLogged = false; }")
    page.click("footer button.link")
    _sign_in(page, server, "shared-bob", new=False)
    context.unroute("**/api/v1/diary/episodes")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert "No cramps logged yet." in page.content()
    assert page.evaluate("() => JSON.parse(localStorage.getItem('sd-episode-queue')).length") == 1
    page.click("footer button.link")
    _sign_in(page, server, "shared-ann", new=False)
    queue_holds(page, 0)
    page.goto(f"{server}/diary")
    assert "2 cramps in your diary." in page.content()
    context.close()


@pytest.mark.browser
def test_it_queues_no_cramps_today_offline_and_keeps_one_entry(server: str, browser: Any) -> None:
    context = new_context(browser, dark=True)
    page = context.new_page()
    _sign_in(page, server, "quiet-quinn", new=True)
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")

    context.set_offline(True)
    page.click("button.none-today")
    queue_holds(page, 1)
    assert page.locator("[data-queue]").inner_text() == (
        "1 day without cramps is saved on this phone and will be sent when you are online.")
    page.click("button.none-today")  # a second tap adds nothing to the queue
    queue_holds(page, 1)
    shoot(page, "offline-no-cramps-queued")
    queued = page.evaluate("() => JSON.parse(localStorage.getItem('sd-episode-queue'))")
    today = page.evaluate(
        "() => { const d = new Date(); const p = n => String(n).padStart(2, '0');"
        " return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; }")
    assert (queued[0]["kind"], queued[0]["day"]) == ("day", today)
    # The answer to a send can be lost after the server stored it: the same item goes twice.
    page.evaluate("items => localStorage.setItem('sd-episode-queue', JSON.stringify(items))",
                  queued + queued)

    context.set_offline(False)
    page.wait_for_url(f"{server}/diary?none=1", timeout=15000)
    assert page.evaluate("() => localStorage.getItem('sd-episode-queue')") == "[]"
    days = page.evaluate("async () => (await (await fetch('/api/v1/diary/days')).json()).days")
    assert [(d["day"], d["no_cramps"]) for d in days] == [(today, True)]
    assert "Marked: no cramps today." in page.content()
    shoot(page, "diary-no-cramps-marked")
    context.close()


@pytest.mark.browser
def test_it_shows_did_it_help_on_the_trends_page(server: str, browser: Any) -> None:
    context = new_context(browser)
    page = context.new_page()
    _sign_in(page, server, "trends-tess", new=True)
    text = diary_csv(start=date(2026, 4, 27), weeks=[6, 2, 5, 1, 4, 1, 0, 1, 0, 1],
                     change_after=5)
    page.goto(f"{server}/settings")
    page.set_input_files("input[type=file]", files=[
        {"name": "diary.csv", "mimeType": "text/csv", "buffer": text.encode()}])
    page.click("form[action='/diary/import'] button")
    page.goto(f"{server}/trends")
    page.fill("#f-change", "2026-06-01")
    page.click("text=Compare before and after")
    page.wait_for_url(f"{server}/trends?change=2026-06-01#did-it-help")
    box = page.locator("[data-comparison]")
    # 18 cramps in the 35 days before, 3 in the 35 after: a sixth, 83 % fewer.
    assert box.locator(".verdict").inner_text().startswith("You logged about 83 % fewer cramps")
    assert "Cramps come in bad spells" in box.inner_text()
    shoot(page, "trends-did-it-help")
    assert axe_problems(page) == []
    context.close()
