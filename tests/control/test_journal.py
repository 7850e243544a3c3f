"""The request journal: what it keeps of each request (headers, bodies, the answer), what it never
shows (credentials), and how it stays bounded (caps per entry, a total in bytes, pages)."""

from __future__ import annotations

import json
import resource
from datetime import UTC, datetime

import pytest
from flask.testing import FlaskClient

from fakesaas.core.journal import BODY_LIMIT, REDACTED, Journal
from tests.support import ACCOUNT, API_KEY, PASSWORD, checksum

AUTH = (ACCOUNT, API_KEY)


def entries(client: FlaskClient, query: str = "") -> list[dict]:
    return client.get(f"/_fakesaas/requests{query}").get_json()["requests"]


def test_an_entry_holds_the_headers_sent_and_the_answer(client: FlaskClient) -> None:
    client.get("/api/schedules.json", auth=AUTH, headers={"X-Trace": "abc"})
    (entry,) = entries(client)
    assert entry["headers"]["X-Trace"] == "abc"
    assert json.loads(entry["response"])[0]["name"] == "Rooms"


@pytest.mark.parametrize(
    ("send", "secret"),
    [
        (lambda c: c.get("/api/schedules.json", auth=AUTH), API_KEY),
        (lambda c: c.get(f"/api/schedules.json?account={ACCOUNT}&api_key={API_KEY}"), API_KEY),
        (lambda c: c.get(f"/api/schedules.json?account={ACCOUNT}&password={PASSWORD}"), PASSWORD),
        (
            lambda c: c.get(f"/api/users/1000001.json?account={ACCOUNT}&user=alice@example.com"
                            f"&checksum={checksum('alice@example.com')}"),
            checksum("alice@example.com"),
        ),
        (lambda c: c.post("/api/users.json", json={
            "account": ACCOUNT, "api_key": API_KEY,
            "user": {"name": "z@example.com", "password": "hunter22"}}),
         "hunter22"),
        (lambda c: c.post("/api/users.json", data={"account": ACCOUNT, "password": PASSWORD,
                                                   "user[name]": "f@example.com"}), PASSWORD),
        (lambda c: c.post("/api/users.json", auth=AUTH, data="<user><name>x@example.com</name>"
                          "<password>s3cret-pw</password></user>", content_type="application/xml"),
         "s3cret-pw"),
    ],
    ids=["basic-header", "query-api-key", "query-password", "query-checksum", "json-body", "form-body",
         "xml-body"],
)  # fmt: skip
def test_credentials_never_show_in_the_journal(client: FlaskClient, send, secret: str) -> None:
    send(client)
    listing = client.get("/_fakesaas/requests").get_data(as_text=True)
    assert secret not in listing
    assert REDACTED in listing or "Basic " not in listing
    assert "z@example.com" in listing or "f@example.com" in listing or "/api/" in listing


def test_bodies_and_queries_are_capped_per_entry(client: FlaskClient) -> None:
    long_name = "n" * 100_000
    client.post("/api/users.json?x=" + "q" * 10_000, json={"user": {"name": long_name}}, auth=AUTH)
    (entry,) = entries(client)
    assert len(entry["body"]) < BODY_LIMIT + 100
    assert entry["body"].endswith("more characters]")
    assert len(entry["query"]) < 5_000


def test_the_journal_keeps_a_total_of_bytes_and_forgets_the_oldest_first() -> None:
    journal = Journal(capacity=10_000, max_bytes=200_000)
    now = datetime(2030, 1, 1, tzinfo=UTC)
    for number in range(100):
        journal.record(at=now, method="POST", path=f"/api/{number}", query="", body="b" * 65_000, status=201,
                       duration_ms=1.0, route=None, account=None)  # fmt: skip
    kept = journal.entries()
    assert journal.bytes <= 200_000
    assert [entry.path for entry in kept][-1] == "/api/99"
    assert len(kept) == journal.bytes // kept[0].size


def test_listing_pages_with_limit_and_after(client: FlaskClient) -> None:
    for _ in range(5):
        client.get("/api/schedules.json", auth=AUTH)
    seqs = [entry["seq"] for entry in entries(client)]
    page = client.get("/_fakesaas/requests?limit=2").get_json()
    assert ([e["seq"] for e in page["requests"]], page["more"]) == (seqs[-2:], True)
    following = client.get(f"/_fakesaas/requests?after={seqs[0]}&limit=3").get_json()
    assert ([e["seq"] for e in following["requests"]], following["more"]) == (seqs[1:4], True)
    last = client.get(f"/_fakesaas/requests?after={seqs[3]}&limit=3").get_json()
    assert ([e["seq"] for e in last["requests"]], last["more"]) == (seqs[4:], False)
    assert client.get("/_fakesaas/requests?limit=many").status_code == 400


@pytest.mark.slow
def test_a_flood_of_large_posts_leaves_memory_bounded_and_a_clear_gives_it_back(client: FlaskClient) -> None:
    def resident_mib() -> float:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * resource.getpagesize() / 2**20

    body = {"user": {"name": "x@example.com", "full_name": "y" * 65_000}}
    start = resident_mib()
    for _ in range(6_000):
        client.post("/api/users.json", json=body, auth=AUTH)
    grown = resident_mib() - start
    listing = client.get("/_fakesaas/requests")
    assert grown < 120, f"grew {grown:.0f} MiB"
    assert len(listing.data) < 40 << 20
    client.delete("/_fakesaas/requests")
    assert resident_mib() - start < grown
