"""Pages anyone can read, the headers on every response, and what the pages load."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from symptom_decoder.web.security import CSP
from web_support import make_client

PUBLIC = ["/", "/assess", "/relief", "/references", "/claims", "/api", "/offline", "/login",
          "/signup"]


@pytest.fixture
def client() -> TestClient:
    return make_client()


@pytest.mark.parametrize("path", PUBLIC)
def test_it_serves_each_public_page(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<main id="main"' in response.text
    assert 'lang="en"' in response.text


@pytest.mark.parametrize("path", PUBLIC + ["/healthz", "/openapi.json", "/static/app.css", "/nope"])
def test_it_sends_security_headers_everywhere(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_it_never_allows_inline_code_in_the_policy() -> None:
    assert "unsafe-inline" not in CSP
    assert "unsafe-eval" not in CSP
    assert "script-src 'self';" in CSP


@pytest.mark.parametrize("path", PUBLIC)
def test_it_loads_nothing_from_other_hosts_and_nothing_inline(
    client: TestClient, path: str
) -> None:
    html = client.get(path).text
    assert re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', html) == []
    assert "<style" not in html
    assert " style=" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assert re.findall(r"\son[a-z]+=", html) == []


def test_it_keeps_the_interview_page_under_100_kb(client: TestClient) -> None:
    html = client.get("/assess").text
    pattern = r'<(?:script|link rel="stylesheet")[^>]+(?:src|href)="(/static/[^"]+)"'
    assets = re.findall(pattern, html)
    assert assets
    total = len(html.encode()) + sum(len(client.get(a).content) for a in assets)
    assert total < 100 * 1024


def test_it_says_what_it_is_not_on_the_home_page(client: TestClient) -> None:
    html = client.get("/").text
    assert "What this is not" in html
    assert "not a diagnosis" in html


def test_it_serves_the_manifest_and_the_service_worker_from_the_root(client: TestClient) -> None:
    manifest = client.get("/manifest.webmanifest")
    assert manifest.headers["content-type"] == "application/manifest+json"
    assert manifest.json()["display"] == "standalone"
    for icon in manifest.json()["icons"]:
        assert client.get(icon["src"]).status_code == 200
    worker = client.get("/sw.js")
    assert worker.headers["content-type"].startswith("text/javascript")
    assert "install" in worker.text


def test_it_reports_health(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_it_links_every_reference(client: TestClient) -> None:
    html = client.get("/references").text
    assert 'id="ref-R1"' in html
    assert 'href="https://doi.org/' in html


def test_it_shows_a_stretch_timer_that_works_without_javascript(client: TestClient) -> None:
    html = client.get("/relief").text
    assert "Count slowly to 30" in html
    assert "data-timer-start hidden" in html
    assert "Do not rub, massage or stretch a leg" in html


def test_it_answers_unknown_pages_with_a_plain_404(client: TestClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "There is nothing here." in response.text


def test_it_remembers_the_theme_in_a_cookie(client: TestClient) -> None:
    from web_support import token

    csrf = token(client)
    response = client.post("/settings/theme", data={"theme": "dark", "csrf_token": csrf},
                           follow_redirects=False)
    assert response.status_code == 303
    assert 'data-theme="dark"' in client.get("/").text


def test_it_keeps_personal_answers_out_of_caches(client: TestClient) -> None:
    assert client.post("/api/v1/assess", json={}).headers["cache-control"] == "no-store"
    assert client.get("/").headers["cache-control"] == "no-store"
    assert "cache-control" not in client.get("/static/app.css").headers or \
        client.get("/static/app.css").headers["cache-control"] != "no-store"


def test_it_drops_the_secure_flag_only_with_the_development_switch() -> None:
    from symptom_decoder.settings import get_settings
    from symptom_decoder.web.app import create_app
    from web_support import PASSWORD, token

    client = TestClient(create_app(get_settings(), secure_cookies=False),
                        base_url="http://testserver")
    response = client.post(
        "/signup",
        data={"username": "alice", "password": PASSWORD, "confirm": PASSWORD,
              "csrf_token": token(client, "/signup")},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"].lower()
    assert "sd_session=" in cookie
    assert "secure" not in cookie
    assert "httponly" in cookie


@pytest.mark.parametrize(("hour", "theme"), [(3, "dark"), (23, "dark"), (12, "auto")],
                         ids=["3am", "11pm", "noon"])
def test_it_darkens_the_night_pages_at_night(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, hour: int, theme: str
) -> None:
    from datetime import UTC, datetime

    from symptom_decoder.web import deps

    monkeypatch.setattr(deps, "clock", lambda: datetime(2026, 11, 25, hour, 0, tzinfo=UTC))
    client.cookies.set("sd_zone", "UTC")
    assert f'data-theme="{theme}"' in client.get("/relief").text
    assert 'data-theme="auto"' in client.get("/").text
    client.cookies.set("sd_theme", "light")
    assert 'data-theme="light"' in client.get("/relief").text


def test_it_leaves_a_first_visit_to_the_phones_own_colours_whatever_the_servers_clock(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from symptom_decoder.web import deps

    monkeypatch.setattr(deps, "clock", lambda: datetime(2026, 11, 25, 3, 0, tzinfo=UTC))
    for path in ("/", "/relief", "/offline"):
        page = client.get(path).text
        assert 'data-theme="auto"' in page
        assert 'content="#171b20" media="(prefers-color-scheme: dark)"' in page


def test_it_shows_which_colours_she_chose_even_when_night_darkens_the_page(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from symptom_decoder.web import deps

    monkeypatch.setattr(deps, "clock", lambda: datetime(2026, 11, 25, 3, 0, tzinfo=UTC))
    client.cookies.set("sd_zone", "UTC")
    page = client.get("/relief").text
    assert 'data-theme="dark"' in page
    assert 'value="auto" aria-describedby="theme-label" aria-pressed="true"' in page


@pytest.mark.parametrize("path", ["/", "/assess", "/healthz", "/static/app.css"])
def test_it_answers_head_like_get_without_a_body(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-security-policy"] == CSP


def test_it_lists_the_article_claims_with_what_studies_show(client: TestClient) -> None:
    page = client.get("/claims").text
    assert "What the article claims, and what studies show" in page
    for verdict in ("Not supported", "Mixed", "Supported"):
        assert verdict in page
    assert 'href="/references#ref-R2"' in page
