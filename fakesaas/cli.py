"""The ``fakesaas`` command: ``fakesaas serve`` runs the emulator until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from fakesaas import __version__
from fakesaas.app import create_app
from fakesaas.seeding import SeedError
from fakesaas.server import ThreadedServer
from fakesaas.settings import Settings
from fakesaas.supersaas.domain.demo import DEMO_ACCOUNT, DEMO_API_KEY, DEMO_PASSWORD
from fakesaas.supersaas.http.context import state_of


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fakesaas", description="Offline emulator of booking-SaaS APIs.")
    parser.add_argument("--version", action="version", version=f"fakesaas {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the emulated APIs over HTTP")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to bind, 0 for any free one (default 8080)")
    serve.add_argument("--seed", help="demo (default), none, or the path of a JSON seed file")
    serve.add_argument("--location-base", help="scheme and host for location headers (default: this server)")
    serve.add_argument("--access-log", action="store_true", help="print a line per request")
    serve.add_argument(
        "--no-control", dest="control", action="store_false", default=None, help="leave out /_fakesaas"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_env(
        host=args.host, port=args.port, seed=args.seed, location_base=args.location_base, control=args.control
    )
    try:
        app = create_app(settings)
    except SeedError as error:
        print(f"fakesaas: {error}", file=sys.stderr)
        return 2
    try:
        server = ThreadedServer(app, settings.host, settings.port, quiet=not args.access_log)
    except OSError as error:
        print(
            f"fakesaas: cannot listen on {settings.host}:{settings.port}: {error.strerror}", file=sys.stderr
        )
        return 2
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server.start()
    _announce(server.url, app.extensions["fakesaas"], settings)
    while not stop.wait(0.5):
        pass
    server.stop()
    print("fakesaas stopped", flush=True)
    return 0


def _announce(url: str, world: object, settings: Settings) -> None:
    # The first line is read by scripts (contracts/ starts the emulator and parses it): keep it.
    lines = [f"fakesaas {__version__} listening on {url}"]
    backend = state_of(world)  # type: ignore[arg-type]
    demo = backend.account(DEMO_ACCOUNT)
    if demo is not None and demo.api_key == DEMO_API_KEY:
        lines += [
            f"  demo account: {DEMO_ACCOUNT}   API key: {DEMO_API_KEY}   admin password: {DEMO_PASSWORD}",
            *(f"  schedule {s.id}: {s.name} ({s.kind.value})" for s in demo.schedules.values()),
            f"  Python SDK: SSS_API_HOST={url} SSS_API_ACCOUNT_NAME={DEMO_ACCOUNT}"
            f" SSS_API_KEY={DEMO_API_KEY}",
        ]
    else:
        lines.append(f"  accounts: {', '.join(a.name for a in backend.accounts.values()) or 'none'}")
    lines.append("  stop with Ctrl-C")
    print("\n".join(lines), flush=True)
