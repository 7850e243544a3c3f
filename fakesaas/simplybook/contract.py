"""Writes the OpenRPC contract from the method table: ``python -m fakesaas.simplybook.contract``
updates openapi/simplybook.openrpc.json and its package copy (tests fail while they differ)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fakesaas.simplybook.examples import record
from fakesaas.simplybook.rpc.describe import openrpc
from fakesaas.simplybook.rpc.methods import method_table

PACKAGE_COPY = Path(__file__).with_name("openrpc.json")
REPOSITORY_COPY = Path(__file__).resolve().parents[2] / "openapi" / "simplybook.openrpc.json"


def render() -> str:
    table = method_table()
    return json.dumps(openrpc(table, record(table)), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    text = render()
    for target in (REPOSITORY_COPY, PACKAGE_COPY):
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
