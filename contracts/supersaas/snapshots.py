"""Parity snapshots: record normalised answers of one run (--record DIR), compare another run to them.

Normalising masks what legitimately differs between two targets or two runs: ids, UTC timestamps,
calendar dates (times of day stay), uuids and checksums, the account name and the API key. What is
left (statuses, fields, values, errors, order) is what a user of the API would notice.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from contracts.supersaas.client import Reply

RUN_FILE = "run.json"
_HEX = re.compile(r"[0-9a-f]{32}")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_NUMBER_SEGMENT = re.compile(r"/\d+(?=[./?]|$)")
_CREATED_ID = re.compile(r"/(\d+)(?:\.\w+)?$")
_LISTS_OF_OBJECTS = re.compile(r"/api/(bookings|users|changes|range|agenda)(/\d+)?\.?\w*$")
_TIMESTAMP_KEYS = frozenset({"created_on", "updated_on"})
MAX_PER_TEST = 25


def _is_id_key(key: str) -> bool:
    return key == "id" or key.endswith("_id")


@dataclass
class Recorder:
    """Collects normalised exchanges per test; the conftest says which test is running."""

    secrets: dict[str, str] = field(default_factory=dict)
    tests: dict[str, dict[str, Any]] = field(default_factory=dict)
    current: str | None = None

    created: set[str] = field(default_factory=set)

    def begin(self, nodeid: str) -> None:
        self.current = nodeid
        self.created = set()
        self.tests.setdefault(nodeid, {"outcome": None, "exchanges": []})

    def new_scope(self) -> None:
        """A new example begins (a sandbox opens): lists show only what is created from here on."""
        self.created = set()

    def end(self) -> None:
        self.current = None

    def outcome(self, nodeid: str, outcome: str) -> None:
        entry = self.tests.setdefault(nodeid, {"outcome": None, "exchanges": []})
        if entry["outcome"] in (None, "passed"):
            entry["outcome"] = outcome

    def add(self, reply: Reply, params: Any) -> None:
        if self.current is None:
            return
        self.tests[self.current]["exchanges"].append(self.exchange(reply, params))

    def exchange(self, reply: Reply, params: Any) -> dict[str, Any]:
        request = f"{reply.method} {_NUMBER_SEGMENT.sub('/<id>', reply.path)}"
        if isinstance(params, dict) and params:
            # The changes API takes UTC times, which follow the server's clock: masked like created_on.
            utc = reply.path.startswith("/api/changes")
            query = "&".join(
                f"{k}={'<utc time>' if utc and k in ('from', 'to') else self.text(str(v), k)}"
                for k, v in sorted(params.items())
            )
            request += "?" + query
        entry: dict[str, Any] = {"request": request, "status": reply.status}
        location = reply.headers.get("location")
        if location:
            entry["location"] = _NUMBER_SEGMENT.sub("/<id>", urlsplit(location).path)
            self.created.update(_CREATED_ID.findall(urlsplit(location).path))
        try:
            data = reply.data
            if _LISTS_OF_OBJECTS.match(reply.path):
                data = _only(data, self.created)
            entry["body"] = self.normalise(data)
        except (ValueError, SyntaxError):  # lxml's XMLSyntaxError is a SyntaxError
            entry["body"] = f"<{len(reply.body)} bytes that are neither JSON nor XML>"
        return entry

    def normalise(self, value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: self.normalise(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.normalise(item, key) for item in value]
        if value is None or isinstance(value, bool):
            return value
        if _is_id_key(key):
            return "<id>"
        if key in _TIMESTAMP_KEYS:
            return "<utc time>"
        if isinstance(value, str):
            return self.text(value, key)
        return value

    def text(self, value: str, key: str = "") -> str:
        if value.isdigit() and (_is_id_key(key) or key in ("user", "schedule_id")):
            return "<id>"
        for secret, mask in self.secrets.items():
            if secret:
                value = value.replace(secret, mask)
        return _DATE.sub("<date>", _HEX.sub("<hex>", value))

    def write(self, folder: Path, target: str) -> None:
        """Replace the snapshots in ``folder`` (only the files an earlier recording listed are removed)."""
        folder.mkdir(parents=True, exist_ok=True)
        if (folder / RUN_FILE).exists():
            for entry in json.loads((folder / RUN_FILE).read_text())["tests"].values():
                (folder / entry["file"]).unlink(missing_ok=True)
        index = {"target": target, "tests": {}}
        for nodeid, entry in sorted(self.tests.items()):
            name = _file_name(nodeid)
            index["tests"][nodeid] = {"outcome": entry["outcome"], "file": name}
            (folder / name).write_text(json.dumps(entry["exchanges"], indent=1, ensure_ascii=False) + "\n")
        (folder / RUN_FILE).write_text(json.dumps(index, indent=1) + "\n")

    def compare(self, folder: Path) -> list[str]:
        """Every difference between the recorded run in ``folder`` and this one, one line each."""
        index = json.loads((folder / RUN_FILE).read_text())
        lines: list[str] = []
        for nodeid in sorted(set(index["tests"]) | set(self.tests)):
            if nodeid not in self.tests:
                lines.append(f"{nodeid}: recorded, not run now")
                continue
            if nodeid not in index["tests"]:
                lines.append(f"{nodeid}: run now, not recorded")
                continue
            recorded = index["tests"][nodeid]
            exchanges = json.loads((folder / recorded["file"]).read_text())
            found = compare_test(exchanges, self.tests[nodeid]["exchanges"])
            if recorded["outcome"] != self.tests[nodeid]["outcome"]:
                found.insert(
                    0, f"outcome {recorded['outcome']} (recorded) vs {self.tests[nodeid]['outcome']}"
                )
            if len(found) > MAX_PER_TEST:
                found = [*found[:MAX_PER_TEST], f"... and {len(found) - MAX_PER_TEST} more"]
            lines += [f"{nodeid}: {line}" for line in found]
        return lines


def check_folder(folder: Path, *, recording: bool) -> str | None:
    """Why ``folder`` cannot be used for --record or --compare, or None if it can."""
    if not recording and not (folder / RUN_FILE).is_file():
        return f"{folder} holds no recorded run ({RUN_FILE} is missing)"
    if recording and folder.exists() and any(folder.iterdir()) and not (folder / RUN_FILE).is_file():
        return f"{folder} is not empty and holds no earlier recording: choose an empty or new folder"
    return None


def _only(data: Any, created: set[str]) -> Any:
    """A list of bookings or users cut down to the objects this test created: the rest of the account
    (other tests' objects on the emulator, real customers' on a live account) is not comparable."""
    if isinstance(data, dict) and len(data) == 1:
        key, value = next(iter(data.items()))
        return {key: _only(value, created)}
    if isinstance(data, list):
        return [
            item for item in data if not isinstance(item, dict) or str(item.get("id", "")) in created | {""}
        ]
    return data


def _file_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.replace("::", "__")).strip("_")[:180] + ".json"


def compare_test(recorded: list[dict[str, Any]], now: list[dict[str, Any]]) -> list[str]:
    """Exchange by exchange; once the requests themselves differ the runs have diverged, so stop."""
    lines: list[str] = []
    for number, (old, new) in enumerate(zip(recorded, now, strict=False), start=1):
        where = f"#{number} {new['request']}"
        if old["request"] != new["request"]:
            lines.append(f"#{number}: the runs diverge: {old['request']} (recorded) vs {new['request']}")
            return lines
        if old["status"] != new["status"]:
            lines.append(f"{where}: status {old['status']} (recorded) vs {new['status']}")
        if old.get("location") != new.get("location"):
            lines.append(f"{where}: location {old.get('location')!r} (recorded) vs {new.get('location')!r}")
        lines += [f"{where}: {line}" for line in diff_values(old.get("body"), new.get("body"))]
    if len(recorded) != len(now):
        lines.append(f"{len(recorded)} exchanges recorded, {len(now)} now")
    return lines


def diff_values(old: Any, new: Any, path: str = "$") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        lines = []
        for key in sorted(set(old) | set(new), key=str):
            if key not in new:
                lines.append(f"{path}.{key}: only recorded ({old[key]!r})")
            elif key not in old:
                lines.append(f"{path}.{key}: only now ({new[key]!r})")
            else:
                lines += diff_values(old[key], new[key], f"{path}.{key}")
        return lines
    if isinstance(old, list) and isinstance(new, list):
        lines = []
        for index, (left, right) in enumerate(zip(old, new, strict=False)):
            lines += diff_values(left, right, f"{path}[{index}]")
        if len(old) != len(new):
            lines.append(f"{path}: {len(old)} items recorded, {len(new)} now")
        return lines
    return [] if old == new else [f"{path}: {old!r} (recorded) vs {new!r}"]
