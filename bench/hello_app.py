"""A bare Flask app to measure a server stack without fakesaas: every path, GET or POST, answers a
small fixed JSON body. ``app`` is the WSGI callable (``bench.hello_app:app``);

    python bench/hello_app.py [--port 0] [--threads N]

serves it on the same server as ``fakesaas serve`` (fakesaas.production.ProductionServer) with the
same settings, prints ``hello listening on URL`` first and runs until Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from flask import Flask, Response

app = Flask("hello")

BODY = b'{"hello":"world"}'


@app.route("/", defaults={"path": ""}, methods=["GET", "POST"])
@app.route("/<path:path>", methods=["GET", "POST"])
def hello(path: str) -> Response:
    return Response(BODY, status=200, content_type="application/json")


def main(argv: list[str] | None = None) -> int:
    from fakesaas.production import ProductionServer

    parser = argparse.ArgumentParser(description="Serve the bare Flask hello app like fakesaas serve.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1, help="as fakesaas serve --threads (default 1)")
    args = parser.parse_args(argv)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    server = ProductionServer(app, args.host, args.port, threads=args.threads).start()
    print(f"hello listening on {server.url}", flush=True)
    while not stop.wait(0.5):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
