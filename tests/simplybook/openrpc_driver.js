// Checks the SimplyBook OpenRPC contract with the OpenRPC project's own tools (run by
// test_openrpc_tools.py, which installs them with npm into a cache folder):
//   node openrpc_driver.js validate DOCUMENT.json       meta-schema validation and dereferencing
//   node openrpc_driver.js coverage BASE_URL             @open-rpc/test-coverage on every service
// Prints one JSON line with the outcome.
"use strict";

const fs = require("fs");
const Ajv = require("ajv");
const { openrpcDocument: metaSchema } = require("@open-rpc/meta-schema");
const { validateOpenRPCDocument, parseOpenRPCDocument } = require("@open-rpc/schema-utils-js");
const coverage = require("@open-rpc/test-coverage").default;
const ExamplesRule = require("@open-rpc/test-coverage/build/rules/examples-rule").default;

const SERVICES = { login: "/simplybook/login", public: "/simplybook/", admin: "/simplybook/admin" };

async function post(url, headers, method, params) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return response.json();
}

async function validate(path) {
  const whole = JSON.parse(fs.readFileSync(path, "utf8"));
  const documents = { whole };
  for (const name of Object.keys(SERVICES)) {
    const tag = `#/components/tags/${name}`;
    documents[name] = { ...whole, methods: whole.methods.filter((m) => m.tags.some((t) => t.$ref === tag)) };
  }
  // The newest meta-schema directly, and schema-utils' own check (its bundled meta-schema).
  // As schema-utils does it: the ids that point at other documents taken out, the rest inline.
  const copy = JSON.parse(JSON.stringify(metaSchema));
  delete copy.definitions.JSONSchema.$id;
  delete copy.definitions.JSONSchema.$schema;
  delete copy.$schema;
  delete copy.$id;
  const ajv = new Ajv({ validateSchema: false });
  const jsonSchemaTools = JSON.parse(JSON.stringify(require("@json-schema-tools/meta-schema").default));
  delete jsonSchemaTools.$schema;
  ajv.addSchema(jsonSchemaTools, "https://meta.json-schema.tools/");
  ajv.addSchema(jsonSchemaTools, "https://meta.json-schema.tools");
  const latest = ajv.compile(copy);
  const outcome = {};
  for (const [name, document] of Object.entries(documents)) {
    const problems = latest(document) ? [] : [JSON.stringify(latest.errors)];
    const valid = validateOpenRPCDocument(document);
    if (valid !== true) problems.push(String(valid.message || valid));
    try {
      await parseOpenRPCDocument(JSON.parse(JSON.stringify(document)));
    } catch (error) {
      problems.push(String(error.message || error));
    }
    outcome[name] = { methods: document.methods.length, problems };
  }
  return outcome;
}

async function runCoverage(base) {
  const tokens = {
    public: (await post(base + SERVICES.login, {}, "getToken", ["demo", "demo-api-key"])).result,
    admin: (await post(base + SERVICES.login, {}, "getUserToken", ["demo", "admin", "demo-password"])).result,
  };
  const outcome = {};
  for (const [name, path] of Object.entries(SERVICES)) {
    const headers = { "X-Company-Login": "demo" };
    if (name === "public") headers["X-Token"] = tokens.public;
    if (name === "admin") headers["X-User-Token"] = tokens.admin;
    // rpc.discover on the service URL: the contract of exactly this service.
    const document = (await post(base + path, {}, "rpc.discover", [])).result;
    const calls = [];
    const reporter = {
      onBegin() {},
      onTestBegin() {},
      onTestEnd(options, call) { calls.push(call); },
      onEnd() {},
    };
    const transport = async (url, method, params) => post(base + path, headers, method, params);
    await coverage({
      openrpcDocument: document,
      transport,
      reporters: [reporter],
      rules: [new ExamplesRule({ skip: [], only: [] })],
      skip: [],
      only: [],
    });
    outcome[name] = {
      methods: document.methods.length,
      calls: calls.length,
      passed: calls.filter((c) => c.valid).length,
      failures: calls.filter((c) => !c.valid).map((c) => `${c.methodName}: ${c.reason || JSON.stringify(c.error)}`),
    };
  }
  return outcome;
}

async function main() {
  const [mode, arg] = process.argv.slice(2);
  const outcome = mode === "validate" ? await validate(arg) : await runCoverage(arg);
  process.stdout.write(JSON.stringify(outcome) + "\n");
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
