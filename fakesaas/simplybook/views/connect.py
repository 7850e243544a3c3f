"""How SimplyBook's clients reach this emulator: the API URL that replaces ``https://user-api.simplybook.me``,
and snippets for its official JS and PHP JSON-RPC clients, Python with requests, and curl."""

from __future__ import annotations

from fakesaas.core.panels import Link
from fakesaas.core.views import Connect, Snippet
from fakesaas.simplybook.domain.companies import Simplybook


def connect(state: Simplybook, base_url: str, prefix: str) -> Connect:
    companies = sorted(state, key=lambda company: company.login)
    first = state.company("demo") or (companies[0] if companies else None)
    login, key = (first.login, first.api_key) if first is not None else ("COMPANY", "API_KEY")
    api = base_url + prefix
    pages: list[Link] = []
    if first is not None:
        pages = [
            Link("Bookings per provider", first.login),
            Link("Services and providers", f"{first.login}/catalog"),
            Link("Clients", f"{first.login}/clients"),
        ]
    return Connect(
        base_url=api,
        note=(
            "Use it where a client says https://user-api.simplybook.me: login at /login, the public "
            "service at /, the admin service at /admin."
            + (f" Snippets use the company {login}." if first is not None else "")
        ),
        snippets=_snippets(api, login, key),
        pages=tuple(pages),
        tenants="Companies",
    )


def _snippets(api: str, login: str, key: str) -> tuple[Snippet, ...]:
    return (
        Snippet(
            "JavaScript: json-rpc-client.js",
            "javascript",
            f"""var login = new JSONRpcClient({{ url: "{api}/login", onerror: console.error }});
var token = login.getToken("{login}", "{key}");
var client = new JSONRpcClient({{
  url: "{api}/",
  headers: {{ "X-Company-Login": "{login}", "X-Token": token }},
  onerror: console.error,
}});
console.log(client.getEventList());""",
        ),
        Snippet(
            "PHP: JsonRpcClient",
            "php",
            f"""<?php
$login = new JsonRpcClient('{api}/login');
$token = $login->getToken('{login}', '{key}');
$client = new JsonRpcClient('{api}/', array(
    'headers' => array('X-Company-Login: {login}', 'X-Token: ' . $token),
));
print_r($client->getEventList());""",
        ),
        Snippet(
            "Python: requests",
            "python",
            f"""import requests

API = "{api}"


def call(url, method, *params, **headers):
    body = {{"jsonrpc": "2.0", "method": method, "params": list(params), "id": 1}}
    return requests.post(url, json=body, headers=headers).json()["result"]


token = call(f"{{API}}/login", "getToken", "{login}", "{key}")
print(call(f"{{API}}/", "getEventList", **{{"X-Company-Login": "{login}", "X-Token": token}}))""",
        ),
        Snippet(
            "curl",
            "bash",
            f"""curl -s {api}/login -H 'Content-Type: application/json' \\
  -d '{{"jsonrpc":"2.0","method":"getToken","params":["{login}","{key}"],"id":1}}'""",
        ),
    )
