"""How each official SuperSaaS SDK reaches this emulator: the host it wants, and a snippet per SDK.

Each SDK builds ``host + "/api" + path``, so the host is the emulator's URL with no slash at the end.
Python and PHP read it from ``SSS_API_HOST`` (PHP's ``Client::configure`` resets it to the real
host, so its snippet leaves that out); Ruby and Node take it in their configuration.
"""

from __future__ import annotations

from fakesaas.core.panels import Link
from fakesaas.core.views import Connect, Snippet
from fakesaas.supersaas.domain.accounts import SuperSaas


def connect(state: SuperSaas, base_url: str) -> Connect:
    accounts = sorted(state.accounts.values(), key=lambda account: account.name)
    first = state.account("demo") or (accounts[0] if accounts else None)
    name, key = (first.name, first.api_key) if first is not None else ("ACCOUNT", "API_KEY")
    pages: list[Link] = []
    if first is not None:
        for schedule in sorted(first.schedules.values(), key=lambda schedule: schedule.id):
            pages.append(Link(f"{schedule.name}: calendar", f"{first.name}/schedules/{schedule.id}"))
        pages += [Link("Users", f"{first.name}/users"), Link("Forms", f"{first.name}/forms")]
    return Connect(
        base_url=base_url,
        note=(
            "The SDKs add /api themselves: give them this URL as the host, with no slash at the end."
            + (f" Snippets use the account {name}." if first is not None else "")
        ),
        snippets=_snippets(base_url, name, key),
        pages=tuple(pages),
        tenants="Accounts",
    )


def _snippets(host: str, account: str, key: str) -> tuple[Snippet, ...]:
    return (
        Snippet(
            "Python: supersaas-api-client",
            "python",
            f"""import os

os.environ["SSS_API_HOST"] = "{host}"
os.environ["SSS_API_ACCOUNT_NAME"] = "{account}"
os.environ["SSS_API_KEY"] = "{key}"

from SuperSaaS import Client, Configuration

client = Client(Configuration())
print([schedule.name for schedule in client.schedules.list()])""",
        ),
        Snippet(
            "Ruby: supersaas-api-client",
            "ruby",
            f"""require "supersaas-api-client"

Supersaas::Client.configure do |config|
  config.account_name = "{account}"
  config.api_key = "{key}"
  config.host = "{host}"
end
puts Supersaas::Client.instance.schedules.list.map(&:name)""",
        ),
        Snippet(
            "PHP: supersaas/supersaas-api-client",
            "php",
            f"""<?php
// Configuration reads the host from SSS_API_HOST; Client::configure() would reset it.
putenv("SSS_API_HOST={host}");
putenv("SSS_API_ACCOUNT_NAME={account}");
putenv("SSS_API_KEY={key}");
$client = SuperSaaS\\Client::Instance();
print_r($client->schedules->list());""",
        ),
        Snippet(
            "Node: supersaas-api-client",
            "javascript",
            f"""const {{ Client }} = require("supersaas-api-client");

const client = new Client({{ accountName: "{account}", api_key: "{key}", host: "{host}" }});
client.schedules.list().then((schedules) => console.log(schedules.map((s) => s.name)));""",
        ),
        Snippet(
            "curl",
            "bash",
            f"""curl -u {account}:{key} {host}/api/schedules.json""",
        ),
    )
