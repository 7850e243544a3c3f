"""Facts about the SimplyBook demo seed that tests rely on, and small helpers."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from fakesaas.simplybook.client import RpcError

# Monday 2030-01-07, 09:00 in Amsterdam. The demo's bookings: Alice with Anna on Tuesday the 8th
# at 10:00 (haircut), Bob with Chloe on Wednesday the 9th at 09:00 (massage), and Bob's cancelled
# haircut with Ben on the 8th at 15:00.
T0 = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
COMPANY, API_KEY, SECRET_KEY = "demo", "demo-api-key", "demo-secret-key"
USER, PASSWORD = "admin", "demo-password"
HAIRCUT, MASSAGE = 1, 2
ANNA, BEN, CHLOE = 1, 2, 3
ALICE, BOB = 1, 2
ALICE_HAIRCUT, BOB_MASSAGE, BOB_CANCELLED = 1, 2, 3
TUESDAY, WEDNESDAY, THURSDAY, SATURDAY, SUNDAY = (
    "2030-01-08",
    "2030-01-09",
    "2030-01-10",
    "2030-01-12",
    "2030-01-13",
)
CLIENT = {"name": "Carol Example", "email": "carol@example.com", "phone": "+31 6 5550 0103"}


def sign(object_id: object, object_hash: str, secret: str = SECRET_KEY) -> str:
    return hashlib.md5(f"{object_id}{object_hash}{secret}".encode()).hexdigest()


@contextmanager
def rpc_error(code: int, message: str | None = None) -> Iterator[pytest.ExceptionInfo[RpcError]]:
    """``with rpc_error(-32054): ...``: the block fails with that JSON-RPC error."""
    with pytest.raises(RpcError) as caught:
        yield caught
    assert caught.value.code == code, f"expected {code}, got {caught.value}"
    if message is not None:
        assert caught.value.message == message
