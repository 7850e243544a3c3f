"""``fakesaas serve`` stopped while clients write: every write it acknowledged is kept, on SIGTERM by the
save on the way out, on SIGKILL with ``--durable`` by the journal. (bench/stop_under_load.py runs the
same with more trials and prints the figures.)"""

from __future__ import annotations

import base64
import http.client
import json
import signal
import subprocess
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support import API_KEY, ROOMS, serve

pytestmark = pytest.mark.slow  # each trial starts fakesaas serve as a process

WRITERS = 8
AUTH = "Basic " + base64.b64encode(f"demo:{API_KEY}".encode()).decode()
FIRST_DAY = datetime(2032, 1, 5, tzinfo=UTC)


def _write_until_gone(port: int, number: int, acknowledged: list[int], lock: threading.Lock) -> None:
    """POST bookings, each at a half hour of its own, until the server stops answering."""
    slot, failures, connection = number, 0, None
    while failures < 20:
        start = FIRST_DAY + timedelta(days=slot // 24, hours=8, minutes=30 * (slot % 24))
        times = {
            "start": f"{start:%Y-%m-%d %H:%M:%S}",
            "finish": f"{start + timedelta(minutes=30):%Y-%m-%d %H:%M:%S}",
        }
        body = json.dumps({"schedule_id": ROOMS, "booking": times}).encode()
        try:
            connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request(
                "POST",
                "/api/bookings.json",
                body,
                {"Authorization": AUTH, "Content-Type": "application/json"},
            )
            answer = connection.getresponse()
            answer.read()
            slot, failures = slot + WRITERS, 0
            if answer.status == 201:
                with lock:
                    acknowledged.append(int(answer.getheader("location", "").rsplit("/", 1)[1].split(".")[0]))
        except (OSError, http.client.HTTPException):
            connection = None
            failures += 1
            time.sleep(0.05)


def _kept(state: Path) -> set[int]:
    accounts = json.loads(state.read_text())["services"]["supersaas"]["accounts"]
    return {booking["id"] for account in accounts for booking in account["bookings"]}


def _stopped_under_load(
    state: Path, how: signal.Signals, *flags: str
) -> tuple[subprocess.Popen[str], str, list[int]]:
    process, url = serve("--state", str(state), *flags)
    port = int(url.rsplit(":", 1)[1])
    acknowledged: list[int] = []
    lock = threading.Lock()
    writers = [
        threading.Thread(target=_write_until_gone, args=(port, n, acknowledged, lock)) for n in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    time.sleep(1.0)
    process.send_signal(how)
    try:
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        for writer in writers:
            writer.join()
    return process, err, acknowledged


@pytest.mark.parametrize("trial", range(3))
def test_sigterm_under_load_exits_0_and_keeps_every_acknowledged_write(tmp_path: Path, trial: int) -> None:
    state = tmp_path / "state.json"
    process, err, acknowledged = _stopped_under_load(state, signal.SIGTERM)
    assert process.returncode == 0, err
    assert "panic" not in err
    assert "Traceback" not in err
    assert len(acknowledged) > 50
    assert set(acknowledged) <= _kept(state)


@pytest.mark.parametrize("trial", range(2))
def test_sigkill_under_load_with_durable_loses_no_acknowledged_write(tmp_path: Path, trial: int) -> None:
    state = tmp_path / "state.json"
    process, _, acknowledged = _stopped_under_load(state, signal.SIGKILL, "--durable", "--save-every", "0.3")
    assert process.returncode == -signal.SIGKILL
    assert len(acknowledged) > 50
    again, _ = serve("--state", str(state), "--durable")  # plays the journal back
    again.send_signal(signal.SIGTERM)
    _, err = again.communicate(timeout=60)
    assert again.returncode == 0, err
    assert set(acknowledged) <= _kept(state)
    assert list(tmp_path.glob("state.json.journal-*")) == []  # the clean stop took the journal in
