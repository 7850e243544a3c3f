"""Properties over many generated cases: every slot the matrix offers can be booked and none it does
not offer can; bad input of any shape gets a JSON-RPC answer (never a 500) and never leaves half a
booking behind; the state survives dump and load after any run of calls."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fakesaas import create_app
from fakesaas.core.clock import ManualClock
from fakesaas.core.world import World
from fakesaas.settings import Settings
from fakesaas.simplybook.client import SimplybookClient
from fakesaas.simplybook.rpc.methods import method_table
from fakesaas.simplybook.rpc.registry import Endpoint
from fakesaas.simplybook.service import SimplybookService
from tests.simplybook.conftest import flask_transport
from tests.simplybook.support import API_KEY, CHLOE, COMPANY, MASSAGE, PASSWORD, SECRET_KEY, T0, USER

pytestmark = pytest.mark.slow  # a few hundred generated cases, each on a fresh emulator

FIRST_DAY = date(2030, 1, 7)
TIMES = [f"{h:02d}:{m:02d}:00" for h in range(7, 20) for m in (0, 15, 30, 45)]
# (service, provider or None); Chloe takes two at once, so counts above one matter there.
CHOICES = [(1, 1), (1, 2), (1, None), (2, 2), (2, 3), (2, None)]
CLIENT = {"name": "Prop Erty", "email": "prop@example.com"}


def emulator() -> tuple[SimplybookClient, World]:
    world = World(ManualClock(T0))
    service = SimplybookService()
    app = create_app(Settings(seed="demo"), world, services=[service])
    client = SimplybookClient(
        "http://localhost/simplybook",
        COMPANY,
        api_key=API_KEY,
        secret_key=SECRET_KEY,
        user=USER,
        password=PASSWORD,
        transport=flask_transport(app.test_client()),
    )
    return client, world


bookings_before = st.lists(
    st.tuples(st.sampled_from(CHOICES), st.integers(0, 7), st.sampled_from(TIMES)), max_size=12
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    earlier=bookings_before,
    choice=st.sampled_from(CHOICES),
    offset=st.integers(-1, 8),
    time=st.sampled_from(TIMES),
    count=st.integers(1, 3),
)
def test_the_matrix_offers_exactly_what_can_be_booked(
    earlier: list[tuple[tuple[int, int | None], int, str]],
    choice: tuple[int, int | None],
    offset: int,
    time: str,
    count: int,
) -> None:
    api, _ = emulator()
    public = api.public
    for (event, unit), day_offset, start in earlier:
        day = (FIRST_DAY + timedelta(days=day_offset)).isoformat()
        call = {"jsonrpc": "2.0", "method": "book", "params": [event, unit, day, start, CLIENT], "id": 1}
        public.send(call)  # taken or refused: either way the calendar fills up
    event, unit = choice
    day = (FIRST_DAY + timedelta(days=offset)).isoformat()
    offered = time in public.getStartTimeMatrix(day, day, event, unit, count)[day]
    answer = public.send(
        {"jsonrpc": "2.0", "method": "book", "params": [event, unit, day, time, CLIENT, None, count], "id": 2}
    )
    booked = "result" in answer
    assert booked == offered, (choice, day, time, count, answer)
    if booked:
        made = answer["result"]["bookings"]
        assert len(made) == count
        assert time not in public.getStartTimeMatrix(day, day, event, unit, count)[day] or (
            unit is None or (event == MASSAGE and unit == CHLOE)
        )
        for booking in made:
            public.cancelBooking(booking["id"], api.sign(booking["id"], booking["hash"]))
        assert time in public.getStartTimeMatrix(day, day, event, unit, count)[day]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=12,
)
METHODS = sorted({m.name for m in method_table()} | {"rpc.discover", "nope", ""})


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    """Well-formed calls with wild params, mangled envelopes, batches and non-JSON bytes."""
    kind = draw(st.sampled_from(["call", "envelope", "batch", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=40))
    call: dict[str, Any] = {
        "jsonrpc": "2.0",
        "method": draw(st.sampled_from(METHODS)),
        "id": draw(json_values),
    }
    call["params"] = draw(st.lists(json_values, max_size=10) | json_values)
    if kind == "envelope":
        for key in draw(st.lists(st.sampled_from(["jsonrpc", "method", "id", "params"]), max_size=2)):
            call[key] = draw(json_values)
    if kind == "batch":
        return json.dumps([call, *draw(st.lists(json_values, max_size=3))]).encode()
    return json.dumps(call).encode()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies(), endpoint=st.sampled_from(list(Endpoint)))
def test_bad_input_gets_a_json_rpc_answer_and_never_half_a_booking(body: bytes, endpoint: Endpoint) -> None:
    api, world = emulator()
    client = (
        api.public if endpoint is Endpoint.PUBLIC else api.admin if endpoint is Endpoint.ADMIN else api.login
    )
    company = world.state("simplybook").company(COMPANY)
    before = len(company.bookings)
    status, raw = client.post(body)
    assert status in (200, 204), raw
    if status == 204:
        assert raw == b""
        return
    answers = json.loads(raw)
    answers = answers if isinstance(answers, list) else [answers]
    made = 0
    for answer in answers:
        assert answer["jsonrpc"] == "2.0"
        assert ("result" in answer) != ("error" in answer), answer
        if "error" in answer:
            assert isinstance(answer["error"]["code"], int)
            assert answer["error"]["code"] != -32603, answer  # never the emulator's own failure
        elif isinstance(answer["result"], dict) and "bookings" in answer["result"]:
            made += len(answer["result"]["bookings"])
    # Notifications (no id) are not answered, but may book: count what the state says they made.
    assert len(company.bookings) - before >= made


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    moves=st.lists(
        st.tuples(st.sampled_from(CHOICES), st.integers(0, 6), st.sampled_from(TIMES), st.booleans()),
        max_size=8,
    )
)
def test_the_state_survives_dump_and_load_after_any_calls(
    moves: list[tuple[tuple[int, int | None], int, str, bool]],
) -> None:
    api, world = emulator()
    public = api.public
    for (event, unit), day_offset, start, cancel in moves:
        day = (FIRST_DAY + timedelta(days=day_offset)).isoformat()
        answer = public.send(
            {"jsonrpc": "2.0", "method": "book", "params": [event, unit, day, start, CLIENT], "id": 1}
        )
        if cancel and "result" in answer:
            first = answer["result"]["bookings"][0]
            public.cancelBooking(first["id"], api.sign(first["id"], first["hash"]))
    service = world.services.named("simplybook")
    state = world.state("simplybook")
    dumped = service.dump(state)
    loaded = service.load(world, json.loads(json.dumps(dumped)))
    assert service.dump(loaded) == dumped
    days = [(FIRST_DAY + timedelta(days=n)).isoformat() for n in range(7)]
    before = public.getStartTimeMatrix(days[0], days[-1], 1, None, 1)
    world.install("simplybook", loaded)
    assert public.getStartTimeMatrix(days[0], days[-1], 1, None, 1) == before
