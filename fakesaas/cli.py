"""The ``fakesaas`` command: ``fakesaas serve`` runs the emulator until Ctrl-C or SIGTERM;
``generate`` writes a big seed; ``wait`` returns once an emulator answers."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from flask import Flask

from fakesaas import generate, wait
from fakesaas._version import __version__
from fakesaas.app import create_app, service_variables
from fakesaas.core.collector import FREEZING
from fakesaas.core.world import World
from fakesaas.durable import JournalError, Replayed
from fakesaas.persistence import PeriodicSaver, PersistenceError, save_world
from fakesaas.production import GranianUnavailable, ProductionServer
from fakesaas.progress import ProgressBar
from fakesaas.seeding import SeedError
from fakesaas.server import ThreadedServer
from fakesaas.services import all_services
from fakesaas.settings import Settings, SettingsError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fakesaas", description="Offline emulator of booking-SaaS APIs.")
    parser.add_argument("--version", action="version", version=f"fakesaas {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="{serve,generate,wait}")
    serve = commands.add_parser(
        "serve",
        help="serve the emulated APIs over HTTP",
        description="Serve the emulated APIs over HTTP until Ctrl-C or SIGTERM.",
        epilog=_environment_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to bind, 0 for any free one (default 8080)")
    serve.add_argument("--seed", help="demo (default), none, or the path of a JSON or YAML seed file")
    serve.add_argument("--location-base", help="scheme and host for location headers (default: this server)")
    serve.add_argument("--access-log", action="store_true", default=None, help="print a line per request")
    serve.add_argument(
        "--threads",
        type=_positive_int,
        metavar="N",
        help="Python threads answering requests (default 1, the fastest; more let a slow request"
        " not hold up others)",
    )
    serve.add_argument(
        "--body-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="answer 408 to a request whose body has not arrived this long after its headers (default 5)",
    )
    serve.add_argument(
        "--state",
        metavar="FILE",
        help="keep the world in FILE: loaded at start if it exists (then it wins over --seed), saved on"
        " Ctrl-C/SIGTERM and on POST /_fakesaas/save; a missing FILE means start from the seed and"
        " create FILE on the first save",
    )
    serve.add_argument(
        "--save-every", type=_seconds, metavar="SECONDS", help="also save the --state FILE this often"
    )
    serve.add_argument(
        "--durable",
        action="store_true",
        default=None,
        help="journal every write to disk before answering it (next to the --state FILE), and play the"
        " journal back at start: a crash loses no acknowledged write",
    )
    serve.add_argument(
        "--no-control", dest="control", action="store_false", default=None, help="leave out /_fakesaas"
    )
    serve.add_argument(
        "--control-token",
        metavar="TOKEN",
        help="require TOKEN (Authorization: Bearer TOKEN) on /_fakesaas; made up and printed when serving"
        " on an address other than loopback",
    )
    serve.add_argument(
        "--insecure-control",
        action="store_true",
        default=None,
        help="serve /_fakesaas without a token even on an address other than loopback",
    )
    serve.add_argument(
        "--cors-origins",
        metavar="LIST",
        help="browser origins that may call the emulated APIs (default any; e.g. http://localhost:3000,"
        "https://*.example.com)",
    )
    serve.add_argument(
        "--no-cors",
        dest="cors",
        action="store_false",
        default=None,
        help="answer no CORS preflight or header",
    )
    serve.add_argument(
        "--webhook-targets",
        metavar="LIST",
        help="hosts webhooks may reach: any (default on loopback), public (default otherwise), none, or"
        " host[:port] patterns separated by commas",
    )
    generate.add_command(commands)
    wait.add_command(commands)
    return parser


def _environment_help() -> str:
    flags = {
        "control": "--no-control (0)",
        "cors": "--no-cors (0)",
        "max_body_bytes": "(no flag: the largest request body, bytes)",
    }
    lines = ["environment variables (a flag wins over its variable):"]
    for variable in Settings.variables():
        name = variable.removeprefix("FAKESAAS_").lower()
        lines.append(f"  {variable:<28} {flags.get(name, '--' + name.replace('_', '-'))}")
    return "\n".join(lines)


def run() -> None:
    """The ``fakesaas`` console script: ``main()``, then out without tearing down what was loaded.

    Everything the command does is done by then (the state saved, the journal closed, the server
    stopped, the output flushed here); what is left is freeing the world object by object, which
    at a million bookings takes longer than the rest of a stop. ``os._exit`` skips it."""
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "generate":
        return generate.run(args)
    if args.command == "wait":
        return wait.run(args)
    try:
        settings = Settings.from_env(
            services=service_variables(all_services()),
            host=args.host,
            port=args.port,
            seed=args.seed,
            location_base=args.location_base,
            control=args.control,
            state=args.state,
            save_every=args.save_every,
            durable=args.durable,
            threads=args.threads,
            access_log=args.access_log,
            control_token=args.control_token,
            insecure_control=args.insecure_control,
            webhook_targets=args.webhook_targets,
            body_timeout=args.body_timeout,
            cors=args.cors,
            cors_origins=args.cors_origins,
        )
    except SettingsError as error:
        print(f"fakesaas: {error}", file=sys.stderr)
        return 2
    if settings.save_every < 0 or (settings.save_every and not settings.state):
        print("fakesaas: --save-every needs --state FILE and more than 0 seconds", file=sys.stderr)
        return 2
    if settings.durable and not settings.state:
        print("fakesaas: --durable needs --state FILE (the journal is kept next to it)", file=sys.stderr)
        return 2
    if not settings.body_timeout > 0:
        print("fakesaas: --body-timeout (FAKESAAS_BODY_TIMEOUT) must be more than 0 seconds", file=sys.stderr)
        return 2
    try:
        app = create_app(settings, progress=ProgressBar("loading seed"))
    except (SeedError, PersistenceError, SettingsError, JournalError) as error:
        print(f"fakesaas: {error}", file=sys.stderr)
        return 2
    try:
        server = _server(app, settings, access_log=settings.access_log)
    except OSError as error:
        print(
            f"fakesaas: cannot listen on {settings.host}:{settings.port}: {error.strerror}", file=sys.stderr
        )
        return 2
    # What start built (modules, the seeded world) lives as long as the process, and so does what
    # each write adds: frozen, the collector's walks skip it, and a walk no longer stops every
    # request under way for milliseconds (fakesaas/core/collector.py). A reset or a load hands it
    # back (fakesaas/core/world.py), so a replaced world is still collected.
    FREEZING.install()
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    world = app.extensions["fakesaas"]
    saver = None
    if settings.state and settings.save_every > 0:
        saver = PeriodicSaver(world, settings.state, settings.save_every, on_error=_report)
    server.start()
    if saver:
        saver.start()
    served_settings = app.extensions["fakesaas.settings"]
    extra = [
        *_control_lines(served_settings, world),
        *_state_lines(settings, app.extensions.get("fakesaas.restored")),
        *_journal_lines(settings, app.extensions.get("fakesaas.replayed")),
    ]
    _announce(server.url, world, served_settings, extra)
    while not stop.wait(0.5):
        pass
    server.stop()
    if saver:
        saver.stop()
    status = 0
    if settings.state:
        try:
            saved = save_world(world, settings.state, background=False)  # nothing else runs now
            print(f"fakesaas saved {_tally(saved)} to {saved['saved']}", flush=True)
        except PersistenceError as error:
            _report(error)
            status = 1
    if world.writes is not None:
        world.writes.close()
    print("fakesaas stopped", flush=True)
    return status


def _server(app: Flask, settings: Settings, access_log: bool) -> ProductionServer | ThreadedServer:
    """granian in this process (see fakesaas/production.py); werkzeug's server if granian cannot be."""
    try:
        return ProductionServer(
            app,
            settings.host,
            settings.port,
            threads=settings.threads,
            access_log=access_log,
            body_timeout=settings.body_timeout,
        )
    except GranianUnavailable as error:
        print(f"fakesaas: {error}; serving with werkzeug instead", file=sys.stderr, flush=True)
        return ThreadedServer(
            app, settings.host, settings.port, quiet=not access_log, body_timeout=settings.body_timeout
        )


def _positive_int(raw: str) -> int:
    try:
        number = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {raw!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _seconds(raw: str) -> float:
    try:
        seconds = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {raw!r}") from None
    if not seconds > 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return seconds


def _report(error: Exception) -> None:
    print(f"fakesaas: {error}", file=sys.stderr, flush=True)


def _tally(counts: dict[str, object]) -> str:
    """``SuperSaaS 1 accounts, 11 bookings, 3 users; ...``: what each service saved or loaded."""
    per_service = counts.get("services")
    if not isinstance(per_service, dict):
        return "nothing"
    parts = []
    for name, numbers in per_service.items():
        listed = ", ".join(f"{value} {key}" for key, value in numbers.items() if key != "deleted_bookings")
        parts.append(f"{name}: {listed or 'empty'}")
    return "; ".join(parts)


def _control_lines(settings: Settings, world: World) -> list[str]:
    lines = []
    if settings.control and settings.control_token:
        lines.append(
            f"  control token: {settings.control_token}   (Authorization: Bearer TOKEN on /_fakesaas)"
        )
    policy = world.webhooks.policy.describe()
    if policy != "any":
        lines.append(f"  webhook targets: {policy}")
    return lines


def _state_lines(settings: Settings, restored: dict[str, object] | None) -> list[str]:
    if not settings.state:
        return []
    when = "on stop" + (f" and every {settings.save_every:g} s" if settings.save_every > 0 else "")
    if restored is None:
        return [f"  state: {settings.state} (new: the seed, saved {when})"]
    return [f"  state: {settings.state} (loaded {_tally(restored)}; saved {when})"]


def _journal_lines(settings: Settings, replayed: Replayed | None) -> list[str]:
    if not settings.durable or replayed is None:
        return []
    lines = [
        f"  durable: every write journaled before it is answered; {replayed.writes} played back at start"
    ]
    if replayed.diverged:
        lines.append(
            f"  warning: {replayed.diverged} of them answered otherwise than when journaled"
            " (a different --seed, or --no-control?)"
        )
    return lines


def _announce(url: str, world: World, settings: Settings, extra: Sequence[str] = ()) -> None:
    # The first line is read by scripts (contracts/ starts the emulator and parses it): keep it.
    lines = [f"fakesaas {__version__} listening on {url}"]
    for service in world.services:
        lines.append(f"  {service.title} at {url}{service.prefix}")
        lines += [f"    {line}" for line in service.banner(world.state(service.name), url)]
    if settings.control:
        sign_in = "   (sign in with the control token)" if settings.control_token else ""
        lines.append(f"  dashboard at {url}/{sign_in}")
    lines += [*extra, "  stop with Ctrl-C"]
    print("\n".join(lines), flush=True)
