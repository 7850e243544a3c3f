"""Whatever the address bar holds, a dashboard page answers a page or a 404 page: never a 500, never a
hang (dates at the ends of the calendar, huge offsets, odd labels, unknown parameters)."""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakesaas.dashboard import PREFIX
from tests.dashboard.support import BROWSER

PAGES = [
    "/",
    f"{PREFIX}/supersaas/demo/schedules/100001",
    f"{PREFIX}/supersaas/demo/schedules/100002",
    f"{PREFIX}/supersaas/demo/schedules/100003",
    f"{PREFIX}/supersaas/demo/users",
    f"{PREFIX}/supersaas/demo/forms",
    f"{PREFIX}/simplybook/demo",
    f"{PREFIX}/simplybook/demo/clients",
    f"{PREFIX}/seatsio/demo",
    f"{PREFIX}/seatsio/demo/events/demo-event",
    f"{PREFIX}/journal",
    f"{PREFIX}/webhooks",
]
NAMES = st.sampled_from(
    [
        "date",
        "view",
        "resource",
        "cols",
        "booking",
        "slot",
        "offset",
        "provider",
        "object",
        "part",
        "workspace",
        "seq",
        "before",
        "status",
        "method",
        "path",
        "service",
        "id",
        "super_form",
        "form",
        "unmatched",
        "x",
    ]
)
VALUES = st.one_of(
    st.sampled_from(
        ["week", "day", "0001-01-01", "9999-12-31", "2030-02-30", "-1", "99999999999999999999", ""]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(max_size=20),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.sampled_from(PAGES), params=st.lists(st.tuples(NAMES, VALUES), max_size=4))
def test_any_parameters_give_a_page_or_a_404(client, page: str, params: list[tuple[str, str]]) -> None:
    answer = client.get(f"{page}?{urlencode(params)}", headers=BROWSER)

    assert answer.status_code in (200, 404), answer.get_data(as_text=True)[:500]
    assert answer.mimetype == "text/html"
