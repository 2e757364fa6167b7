"""Every query is scoped to the signed-in person: bob gets 404 for every id of alice's."""

from __future__ import annotations

import re
import uuid

from fastapi.testclient import TestClient

from web_support import all_routes, person, token, with_food_data


def _alice_records(alice: TestClient) -> dict[str, int]:
    headers = {"x-csrf-token": token(alice)}
    episode = alice.post("/api/v1/diary/episodes", headers=headers,
                         json={"uuid": str(uuid.uuid4()), "zone": "UTC", "note": "alice's"})
    saved = alice.post("/assess/save", follow_redirects=False,
                       data={"state": '{"gestational_week": 20}', "csrf_token": token(alice)})
    result_id = int(saved.headers["location"].rsplit("/", 1)[1])
    food = alice.post("/api/v1/foodlog", json={"text": "30 g pumpkin seeds"}, headers=headers)
    item = alice.post("/api/v1/supplements", json={"kind": "iron", "name": "Iron 20",
                                                   "iron_mg": 20}, headers=headers)
    link = alice.post("/api/v1/shares", json={"days": 7}, headers=headers)
    return {"episode_id": episode.json()["id"], "result_id": result_id,
            "entry_id": food.json()["entry"], "item_id": item.json()["item"],
            "share_id": link.json()["id"]}


# Ids of shared reference data, not of anyone's records; and the names of export formats.
PUBLIC = {"food_id", "fmt"}
# A share link's token is itself the permission to see that one summary, whoever holds it;
# tests/test_web_summary.py checks that it opens nothing else and stops when revoked.
BEARER = {"token"}


def test_it_gives_bob_404_for_every_url_and_api_id_of_alice() -> None:
    with_food_data()
    alice, bob = person("alice"), person("bob")
    ids = _alice_records(alice)
    routes = [r for r in all_routes(list(bob.app.routes)) if "{" in r.path]  # type: ignore[attr-defined]
    assert routes, "no routes with ids found"
    tried = set()
    for route in routes:
        names = re.findall(r"{(\w+)}", route.path)
        if set(names) <= PUBLIC or set(names) & BEARER:
            continue
        assert set(names) <= set(ids), f"{route.path}: add its id to this test"
        url = route.path.format(**ids)
        for method in sorted(route.methods or ()):
            headers = {"x-csrf-token": token(bob)}
            kwargs: dict[str, object] = {"headers": headers, "follow_redirects": False}
            if method in ("POST", "PATCH", "PUT"):
                if route.path.startswith("/api/"):
                    kwargs["json"] = {"severity": 1}
                else:
                    kwargs["data"] = {"csrf_token": token(bob), "severity": "1"}
            response = bob.request(method, url, **kwargs)  # type: ignore[arg-type]
            assert response.status_code == 404, (method, url, response.status_code)
            tried.add((method, route.path))
    assert ("GET", "/diary/episodes/{episode_id}") in tried
    assert ("DELETE", "/api/v1/diary/episodes/{episode_id}") in tried
    assert ("DELETE", "/api/v1/foodlog/{entry_id}") in tried
    assert ("POST", "/supplements/{item_id}/delete") in tried
    assert ("DELETE", "/api/v1/shares/{share_id}") in tried
    assert ("POST", "/settings/shares/{share_id}/delete") in tried
    # Nothing of alice's changed or went.
    episode = alice.get(f"/api/v1/diary/episodes/{ids['episode_id']}").json()
    assert episode["note"] == "alice's"
    assert episode["severity"] is None
    assert len(alice.get("/api/v1/foodlog").json()["entries"]) == 1
    assert len(alice.get("/api/v1/supplements").json()["items"]) == 1
    assert [s["id"] for s in alice.get("/api/v1/shares").json()["shares"]] == [ids["share_id"]]


def test_it_shows_bob_none_of_alice_in_lists_and_exports() -> None:
    with_food_data()
    alice, bob = person("alice"), person("bob")
    _alice_records(alice)
    assert bob.get("/api/v1/diary/episodes").json() == {"episodes": []}
    assert bob.get("/api/v1/diary/assessments").json() == {"assessments": []}
    assert "alice's" not in bob.get("/diary").text
    assert bob.get("/api/v1/diary/stats").json()["episodes"] == 0
    assert bob.get("/api/v1/foodlog").json()["entries"] == []
    assert bob.get("/api/v1/supplements").json()["items"] == []
    assert bob.get("/api/v1/shares").json() == {"shares": []}
    assert "Opened 0 times" not in bob.get("/settings").text
    assert "Opened 0 times" in alice.get("/settings").text
    assert "Iron 20" not in bob.get("/diary/summary").text
    assert "Nothing logged today." in bob.get("/foods").text
    exported = bob.get("/export").text
    assert "alice" not in exported
    assert "alice's" in alice.get("/export").text


def test_it_refuses_bob_a_uuid_that_alice_used() -> None:
    alice, bob = person("alice"), person("bob")
    item = {"uuid": str(uuid.uuid4()), "zone": "UTC"}
    alice.post("/api/v1/diary/episodes", json=item, headers={"x-csrf-token": token(alice)})
    response = bob.post("/api/v1/diary/episodes", json=item, headers={"x-csrf-token": token(bob)})
    assert response.status_code == 422
    assert bob.get("/api/v1/diary/episodes").json() == {"episodes": []}
