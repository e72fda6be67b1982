"""Subscriptions over HTTP: the secret once, scope, bad input as clear problems, If-Match,
and secrets never in a log line."""

import logging

import pytest

from app.core.config import get_settings

URL = "http://127.0.0.1:9/hook"  # nothing listens: creation does not call the target


def create(client, headers, **body):
    return client.post(
        "/v1/webhooks", json={"url": URL, "event_kinds": ["*"], **body}, headers=headers
    )


def problem(r, status):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return r.json()


def test_the_secret_is_shown_once(client, world, auth):
    editor = auth("editor", "4601")
    r = create(client, editor, event_kinds=["text.upsert", "text.delete"], pathways=["angst"])
    assert r.status_code == 201, r.json()
    made = r.json()
    assert made["secret"].startswith("whsec_") and len(made["secret"]) > 30
    assert made["locality"] == "4601" and made["enabled"] is True
    assert r.headers["location"] == f"/v1/webhooks/{made['id']}"
    one = client.get(f"/v1/webhooks/{made['id']}", headers=editor)
    assert one.status_code == 200 and "secret" not in one.json()
    listed = client.get("/v1/webhooks", headers=editor).json()["items"]
    assert [w["id"] for w in listed] == [made["id"]] and "secret" not in listed[0]
    assert made["secret"] not in one.text + client.get("/v1/webhooks", headers=editor).text


def test_scope(client, world, auth):
    bergen = auth("editor", "bergen")
    assert problem(create(client, auth("editor", "4601"), locality="bergen"), 403)["detail"]
    assert problem(create(client, auth("editor", "4601"), locality="4624"), 403)
    assert problem(create(client, auth("contributor", "4601")), 403)
    assert problem(create(client, {}), 401)
    assert create(client, bergen, locality="4624").status_code == 201
    # The admin may follow the whole region; editors see only subscriptions in their scope.
    whole = create(client, auth("admin")).json()
    assert whole["locality"] is None
    fonna = auth("editor", "fonna")
    assert client.get("/v1/webhooks", headers=fonna).json()["items"] == []
    assert [w["locality"] for w in client.get("/v1/webhooks", headers=bergen).json()["items"]] == [
        "4624"
    ]
    assert problem(client.get(f"/v1/webhooks/{whole['id']}", headers=bergen), 403)
    assert problem(client.get("/v1/webhooks/999999", headers=bergen), 404)


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"event_kinds": ["text.update"]}, "event_kinds", "Unknown event kind"),
        ({"event_kinds": []}, "event_kinds", ""),
        ({"pathways": ["sorg"]}, "pathways", "no pathway 'sorg'"),
        ({"locality": "9999"}, "locality", "no locality '9999'"),
        ({"url": "ftp://example.org/x"}, "url", "https"),
        ({"url": "http://user:pw@127.0.0.1/x"}, "url", "user name or password"),
        ({"url": "https://nothing-here.invalid/x"}, "url", "does not resolve"),
        ({"url": "not a url"}, "url", ""),
    ],
)
def test_bad_input_is_a_clear_problem(client, world, auth, body, field, says):
    p = problem(create(client, auth("admin"), **body), 422)
    assert says in p["detail"] or any(says in e["msg"] for e in p.get("errors", []))
    assert any(field in e["loc"] for e in p.get("errors", [])) or field in str(p)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://example.org/hook", "must use https"),
        ("https://127.0.0.1/hook", "loopback"),
        ("https://10.0.0.7/hook", "private address"),
        ("https://169.254.169.254/latest/meta-data", "link-local"),
        ("https://[::1]/hook", "loopback"),
        ("https://localhost/hook", "loopback"),
    ],
)
def test_private_targets_are_refused_unless_allowed(client, world, auth, monkeypatch, url, says):
    monkeypatch.setenv("FORLOP_WEBHOOK_ALLOW_PRIVATE", "false")
    get_settings.cache_clear()
    p = problem(create(client, auth("admin"), url=url), 422)
    assert says in p["detail"] and p["errors"][0]["loc"] == ["body", "url"]


def test_update_and_delete_need_if_match(client, world, auth):
    admin = auth("admin")
    made = create(client, admin).json()
    path = f"/v1/webhooks/{made['id']}"
    assert problem(client.patch(path, json={"description": "x"}, headers=admin), 428)
    assert problem(
        client.patch(path, json={"description": "x"}, headers={**admin, "If-Match": '"v9"'}), 412
    )
    etag = client.get(path, headers=admin).headers["etag"]
    r = client.patch(
        path,
        json={"event_kinds": ["review.due"], "enabled": False},
        headers={**admin, "If-Match": etag},
    )
    assert r.status_code == 200, r.json()
    assert r.json()["event_kinds"] == ["review.due"] and r.json()["enabled"] is False
    assert r.json()["disabled_reason"] == "Turned off by its owner."
    assert problem(
        client.patch(
            path, json={"event_kinds": ["nope"]}, headers={**admin, "If-Match": r.headers["etag"]}
        ),
        422,
    )
    assert problem(client.delete(path, headers=admin), 428)
    assert client.delete(path, headers={**admin, "If-Match": r.headers["etag"]}).status_code == 204
    assert problem(client.get(path, headers=admin), 404)


def test_secrets_never_reach_a_log_line(client, world, auth, caplog):
    caplog.set_level(logging.DEBUG)
    admin = auth("admin")
    made = create(client, admin, url="http://127.0.0.1:9/hook?token=s3cr3t-token").json()
    client.post(f"/v1/webhooks/{made['id']}/ping", headers=admin)  # refused: nothing listens
    text = caplog.text
    assert made["secret"] not in text
    assert made["secret"].removeprefix("whsec_") not in text
    assert "s3cr3t-token" not in text
    deliveries = client.get(f"/v1/webhooks/{made['id']}/deliveries", headers=admin).json()["items"]
    assert deliveries[0]["status"] == "failed" and "s3cr3t" not in str(deliveries)
