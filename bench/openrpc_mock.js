// @open-rpc/mock-server serving one OpenRPC document on 127.0.0.1 only (its CLI listens on every
// interface): node bench/openrpc_mock.js DOCUMENT.json PORT. Run by bench/simplybook.py.
"use strict";

const http = require("http");
// The package names no "main": its module is build/index.js, as its own CLI (build/cli.js) loads it.
const mockServer = require("@open-rpc/mock-server/build/index.js").default;
const { parseOpenRPCDocument } = require("@open-rpc/schema-utils-js");

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (port, ...rest) {
  const callback = rest.find((argument) => typeof argument === "function");
  return listen.call(this, port, "127.0.0.1", callback);
};

async function main() {
  const [path, port] = process.argv.slice(2);
  const document = await parseOpenRPCDocument(path);
  mockServer(Number(port), document).start();
  process.stdout.write(`mock listening on http://127.0.0.1:${port}\n`);
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
