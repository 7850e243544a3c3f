"""How the official Seats.io SDKs reach this emulator: a Region built on its URL instead of
``api-eu.seatsio.net``, and the company's admin secret key (which acts on its default workspace)."""

from __future__ import annotations

from fakesaas.core.panels import Link
from fakesaas.core.views import Connect, Snippet
from fakesaas.seatsio.domain.state import Seatsio


def connect(state: Seatsio, base_url: str, prefix: str) -> Connect:
    companies = sorted(state.companies.values(), key=lambda company: company.id)
    first = state.company_by_name("demo") or (companies[0] if companies else None)
    key = first.admin_key if first is not None else "SECRET_KEY"
    api = base_url + prefix
    pages: list[Link] = []
    if first is not None:
        events = sorted(first.default_workspace.events.values(), key=lambda event: event.id)
        pages = [
            Link(f"{event.name or event.key}: seat map", f"{first.name}/events/{event.key}")
            for event in events[:5]
        ]
        pages.append(Link("Events, charts and hold tokens", first.name))
    events_of_first = first.default_workspace.events if first is not None else {}
    event = next(iter(events_of_first), "EVENT_KEY")
    return Connect(
        base_url=api,
        note=(
            "Give the SDKs a Region made on this URL; the admin secret key acts on the default workspace."
            + (f" Snippets use the company {first.name}." if first is not None else "")
        ),
        snippets=(
            Snippet(
                "Python: seatsio",
                "python",
                f"""import seatsio

client = seatsio.Client(seatsio.Region("{api}"), secret_key="{key}")
print(client.events.book("{event}", ["A-1", "A-2"]).objects["A-1"].status)""",
            ),
            Snippet(
                "JavaScript: seatsio",
                "javascript",
                f"""import {{ SeatsioClient, Region }} from "seatsio"

const client = new SeatsioClient(new Region("{api}"), "{key}")
const result = await client.events.book("{event}", ["A-1", "A-2"])
console.log(result.objects["A-1"].status)""",
            ),
            Snippet("curl", "bash", f"curl -u {key}: {api}/events/{event}"),
        ),
        pages=tuple(pages),
        tenants="Companies",
    )
