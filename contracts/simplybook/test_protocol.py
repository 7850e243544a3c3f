"""JSON-RPC as seed 003 shows it: a result without an error member, an error without a result,
HTTP 200 either way, -32601 for an unknown method, and the description a GET answers."""

from __future__ import annotations

import requests

from contracts.simplybook.conftest import Target
from contracts.simplybook.rpc import Company


def test_an_unknown_method_is_32601_with_http_200(company: Company) -> None:
    """Seed 003's error example: someNotExistingMethod -> -32601 "Method not found"."""
    answer = company.public.post({"jsonrpc": "2.0", "method": "someNotExistingMethod", "params": [], "id": 1})
    assert answer.status == 200
    assert answer.body["id"] == 1
    assert answer.body["error"]["code"] == -32601
    assert not answer.body.get("result")


def test_a_result_carries_the_request_id(company: Company) -> None:
    answer = company.public.post({"jsonrpc": "2.0", "method": "getEventList", "params": [], "id": "abc"})
    assert answer.status == 200
    assert str(answer.body["id"]) == "abc"
    assert isinstance(answer.body["result"], dict | list)
    assert answer.body.get("error") is None


def test_a_body_that_is_not_json_is_a_parse_error(company: Company) -> None:
    answer = company.public.post(raw=b"{this is not json")
    assert answer.status == 200
    assert answer.body["error"]["code"] == -32700


def test_get_describes_the_methods_for_the_javascript_client(target: Target) -> None:
    """json-rpc-client.js GETs the service URL and builds one function per key of ``methods``."""
    for path, method in (("/login", "getToken"), ("/", "getEventList"), ("/admin", "getBookings")):
        response = requests.get(target.base_url + path, timeout=30)
        assert response.status_code == 200
        described = response.json()["methods"]
        assert described[method]["transport"] == "POST"
